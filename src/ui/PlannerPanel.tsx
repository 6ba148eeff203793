import type { FacilityEdit } from '../io/scenario';
import type { CoverageSource } from '../state/coverage-source';
import { useI18n } from './i18n-context';
import type { ScenarioPanelProps } from './panel-props';
import { EditTools } from './planner/EditTools';
import { OptimizerForm } from './planner/OptimizerForm';
import { PlanResults } from './planner/PlanResults';
import type { LastEdit, PlannerUi } from './planner/planner-ui';

/** The planner panel's props: the scenario panel's, plus the planner state App holds and the optimizer call. */
export interface PlannerPanelProps extends ScenarioPanelProps {
  planner: PlannerUi;
  onPlanner: (patch: Partial<PlannerUi>) => void;
  /** The last edit applied incrementally (its deltas are shown while it is the current result). */
  lastEdit: LastEdit | null;
  runPlan: CoverageSource['optimize'];
  /** In add mode: place the station at the centre of the map (keyboard alternative to clicking). */
  onPlaceAtCentre: () => void;
  /** The centre of the map now (the keyboard list of stations near it), or null before the map exists. */
  mapCentre?: (() => { lon: number; lat: number } | null) | undefined;
}

/**
 * The planner: what-if edits on the map (each appended to the scenario's facility edits, recomputed incrementally)
 * and the siting optimizer with its proposals, curve, downloads and "add to the scenario".
 */
export function PlannerPanel(props: PlannerPanelProps) {
  const { t } = useI18n();
  const { planner, onPlanner, data, state, scenario, onScenario, result } = props;
  const append = (e: FacilityEdit) => {
    onScenario((s) => ({ ...s, facilityEdits: [...s.facilityEdits, e] }));
    if (e.op === 'remove') onPlanner({ selected: null });
  };
  const addPlanned = (list: FacilityEdit[]) => onScenario((s) => ({ ...s, facilityEdits: [...s.facilityEdits, ...list] }));
  const selectedCode = state.selection.type === 'hromada' ? (data.hromadas.codes[state.selection.index] ?? null) : null;
  return (
    <section className="panel planner" aria-labelledby="planner-title" data-testid="planner">
      <header className="panel-head">
        <h2 id="planner-title">{t('planTitle')}</h2>
        <button type="button" className="close" onClick={props.onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      <EditTools
        planner={planner}
        onPlanner={onPlanner}
        facilities={props.facilities}
        edits={scenario.facilityEdits.length}
        onEdit={append}
        onPlaceAtCentre={props.onPlaceAtCentre}
        mapCentre={props.mapCentre}
        selectedHromada={state.selection.type === 'hromada' ? state.selection.index : -1}
        onUndo={() => onScenario((s) => ({ ...s, facilityEdits: s.facilityEdits.slice(0, -1) }))}
        lastEdit={props.lastEdit}
        result={result}
        data={data}
        service={state.service}
      />
      <OptimizerForm
        hromadas={data.hromadas}
        selectedCode={selectedCode}
        service={state.service}
        params={state.params}
        runPlan={props.runPlan}
        onResult={(plan) => onPlanner({ plan })}
      />
      {planner.plan && (
        <PlanResults
          run={planner.plan}
          data={data}
          attribution={props.attribution}
          onAddPlanned={addPlanned}
          onCountPlanned={
            state.params.includePlanned
              ? undefined
              : () => props.onState({ params: { ...state.params, includePlanned: true } })
          }
          onClear={() => onPlanner({ plan: null })}
        />
      )}
    </section>
  );
}
