import { useMemo, useRef, useState } from 'react';
import type { Method, PlanObjective, PlanProgress, ScopeSpec } from '../../engine/optimize';
import { DEFAULT_PARAMS, FACILITY_TYPES, SERVICES_OF, type FacilityType, type ModelParams, type Service } from '../../engine/types';
import type { HromadaTable } from '../../engine/types';
import type { CoverageSource } from '../../state/coverage-source';
import type { OptimizeRequest } from '../../worker/optimize-protocol';
import { useI18n } from '../i18n-context';
import { fmt2 } from './fmt';
import type { PlanRun } from './planner-ui';

type ScopeKind = ScopeSpec['kind'];
/** A form row across both grid columns (a check box with its long label would widen the label column). */
const FULL_ROW = { gridColumn: '1 / -1' } as const;
type RunState =
  | { type: 'idle' }
  | { type: 'running'; progress: PlanProgress | null }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };

const OBJECTIVES: PlanObjective[] = [
  'coverage',
  'min-facilities',
  'p-median',
  'backup-coverage',
  'expected-coverage',
  'closures',
  'relocate',
  'budget',
];
/** Objectives that place N new units. */
const WITH_N: readonly PlanObjective[] = ['coverage', 'p-median', 'backup-coverage', 'expected-coverage'];

/**
 * The request's objective-specific fields, pure (tested): N for the siting objectives, the target share, the move
 * count, the closures type ('' = every type), the budget and the types with a known cost that are ticked.
 */
export function objectiveFields(
  objective: PlanObjective,
  f: { n: number; target: number; moveCount: number; closuresType: FacilityType | ''; budget: number; budgetTypes: readonly FacilityType[] },
  params: ModelParams,
): Pick<OptimizeRequest, 'newFacilities' | 'targetShare' | 'moveCount' | 'closuresType' | 'budget' | 'budgetTypes'> {
  const out: ReturnType<typeof objectiveFields> = {
    newFacilities: Math.max(1, Math.round(f.n)),
    targetShare: Math.min(1, Math.max(0, f.target / 100)),
  };
  if (objective === 'relocate') out.moveCount = Math.max(1, Math.round(f.moveCount));
  if (objective === 'closures') out.closuresType = f.closuresType || null;
  if (objective === 'budget') {
    out.budget = Math.max(0, f.budget);
    out.budgetTypes = f.budgetTypes.filter((t) => params.costMUah[t] !== null);
  }
  return out;
}
const SCOPES: ScopeKind[] = ['hromada', 'raion', 'oblast', 'country'];

/** Oblast names in table order of first appearance, and raions per oblast (sorted). */
export function scopeNames(h: HromadaTable): { oblasts: string[]; raions: Map<string, string[]> } {
  const raions = new Map<string, Set<string>>();
  for (let i = 0; i < h.count; i++) {
    const o = h.oblasts[i]!;
    if (!raions.has(o)) raions.set(o, new Set());
    if (h.raions[i]) raions.get(o)!.add(h.raions[i]!);
  }
  const oblasts = [...raions.keys()].sort((a, b) => a.localeCompare(b, 'uk'));
  return {
    oblasts,
    raions: new Map([...raions].map(([o, s]) => [o, [...s].sort((a, b) => a.localeCompare(b, 'uk'))])),
  };
}

/**
 * The optimizer's form: objective, N or target share, new station type, scope (selected hromada / raion / oblast /
 * country), candidates, method (+ time limit), Run and Cancel with progress. A finished run goes to `onResult`.
 */
export function OptimizerForm({
  hromadas,
  selectedCode,
  service,
  runPlan,
  onResult,
  params = DEFAULT_PARAMS,
}: {
  /** Model parameters in effect (availability and costs for the new objectives). */
  params?: ModelParams;
  hromadas: HromadaTable;
  selectedCode: string | null;
  service: Service;
  runPlan: CoverageSource['optimize'];
  onResult: (run: PlanRun) => void;
}) {
  const { t, lang } = useI18n();
  const names = useMemo(() => scopeNames(hromadas), [hromadas]);
  const [objective, setObjective] = useState<PlanObjective>('coverage');
  const [moveCount, setMoveCount] = useState(3);
  const [closuresType, setClosuresType] = useState<FacilityType | ''>('');
  const [budget, setBudget] = useState(10);
  const [unticked, setUnticked] = useState<ReadonlySet<FacilityType>>(new Set());
  const [n, setN] = useState(5);
  const [target, setTarget] = useState(95);
  const [type, setType] = useState<FacilityType>(service === 'police' ? 'police_station' : 'local_fire_department');
  const [scopeKind, setScopeKind] = useState<ScopeKind>(selectedCode ? 'hromada' : 'oblast');
  const [oblast, setOblast] = useState(names.oblasts[0] ?? '');
  const [raion, setRaion] = useState('');
  const [candidates, setCandidates] = useState<'settlements' | 'cells'>('settlements');
  const [includeOccupied, setIncludeOccupied] = useState(false);
  const [method, setMethod] = useState<Method>('heuristic');
  const [timeLimit, setTimeLimit] = useState(30);
  const [run, setRun] = useState<RunState>({ type: 'idle' });
  const ctrl = useRef<AbortController | null>(null);
  const raions = names.raions.get(oblast) ?? [];
  const raionValue = raions.includes(raion) ? raion : (raions[0] ?? '');

  const scope: ScopeSpec | null =
    scopeKind === 'country'
      ? { kind: 'country' }
      : scopeKind === 'oblast'
        ? oblast
          ? { kind: 'oblast', name: oblast }
          : null
        : scopeKind === 'raion'
          ? raionValue
            ? { kind: 'raion', name: raionValue }
            : null
          : selectedCode
            ? { kind: 'hromada', codes: [selectedCode] }
            : null;

  const start = () => {
    if (!scope) return;
    const req: OptimizeRequest = {
      service,
      type,
      objective,
      ...objectiveFields(objective, { n, target, moveCount, closuresType, budget, budgetTypes: budgetTypes.filter((ty) => !unticked.has(ty)) }, params),
      // the availability the form states (the page's parameters)
      ...(objective === 'expected-coverage' ? { availability: params.availability[type] } : {}),
      // a closure ranking is computed directly (no solver)
      method: objective === 'closures' ? 'heuristic' : method,
      timeLimitSec: method === 'exact' ? Math.max(1, timeLimit) : Math.max(5, timeLimit),
      scope,
      candidates,
      includeOccupied,
    };
    const c = new AbortController();
    ctrl.current = c;
    setRun({ type: 'running', progress: null });
    const t0 = performance.now();
    runPlan(req, {
      signal: c.signal,
      onProgress: (progress) => setRun((r) => (r.type === 'running' ? { type: 'running', progress } : r)),
    })
      .then((response) => {
        if (ctrl.current !== c) return;
        setRun({ type: 'idle' });
        onResult({ request: req, response, elapsedMs: performance.now() - t0 });
      })
      .catch((e: unknown) => {
        if (ctrl.current !== c) return;
        if (e instanceof Error && e.name === 'AbortError') setRun({ type: 'cancelled' });
        else setRun({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      });
  };
  const cancel = () => {
    ctrl.current?.abort();
  };
  const running = run.type === 'running';
  const serviceTypes = FACILITY_TYPES.filter((ty) =>
    service === 'fire'
      ? !ty.startsWith('police') && ty !== 'security_center'
      : ty.startsWith('police') || ty === 'security_center',
  );
  // budget: every type serving the service (a Security Center serves both)
  const budgetTypes = FACILITY_TYPES.filter((ty) => SERVICES_OF[ty].includes(service));
  const budgetReady = budgetTypes.some((ty) => params.costMUah[ty] !== null && !unticked.has(ty));
  const canRun = !!scope && (objective !== 'budget' || budgetReady);

  return (
    <section className="plan-opt" aria-labelledby="plan-opt-title">
      <h3 id="plan-opt-title">{t('plan_optTitle')}</h3>
      <form
        className="plan-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) start();
        }}
      >
        <label htmlFor="plan-objective">{t('plan_objective')}</label>
        <select id="plan-objective" value={objective} onChange={(e) => setObjective(e.target.value as PlanObjective)}>
          {OBJECTIVES.map((o) => (
            <option key={o} value={o}>
              {t(`plan_obj_${o}`)}
            </option>
          ))}
        </select>
        <p className="muted small" data-testid="plan-assumes">
          {t(`plan_assume_${objective}`, { a: fmt2(lang, params.availability[type]) })}
        </p>
        {objective === 'relocate' && (
          <>
            <label htmlFor="plan-move">{t('plan_moveCount')}</label>
            <input id="plan-move" type="number" min={1} max={200} step={1} value={moveCount} onChange={(e) => setMoveCount(Number(e.target.value))} />
          </>
        )}
        {objective === 'closures' && (
          <>
            <label htmlFor="plan-closures-type">{t('plan_closuresType')}</label>
            <select id="plan-closures-type" value={closuresType} onChange={(e) => setClosuresType(e.target.value as FacilityType | '')}>
              <option value="">{t('plan_closuresAll')}</option>
              {budgetTypes.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`type_${ty}`)}
                </option>
              ))}
            </select>
          </>
        )}
        {objective === 'budget' && (
          <>
            <label htmlFor="plan-budget">{t('plan_budget')}</label>
            <input id="plan-budget" type="number" min={0} step={0.5} value={budget} onChange={(e) => setBudget(Number(e.target.value))} />
            <fieldset className="plan-budget-types" data-testid="plan-budget-types" style={FULL_ROW}>
              <legend>{t('plan_budgetTypes')}</legend>
              {budgetTypes.map((ty) => {
                const cost = params.costMUah[ty];
                return (
                  <label key={ty} className="check">
                    <input
                      type="checkbox"
                      name={`budget-${ty}`}
                      disabled={cost === null}
                      checked={cost !== null && !unticked.has(ty)}
                      onChange={(e) =>
                        setUnticked((u) => {
                          const next = new Set(u);
                          if (e.target.checked) next.delete(ty);
                          else next.add(ty);
                          return next;
                        })
                      }
                    />
                    {t(`type_${ty}`)}: {cost === null ? <span className="muted">{t('plan_costUnknown')}</span> : fmt2(lang, cost)}
                  </label>
                );
              })}
            </fieldset>
            {!budgetReady && <p className="muted small">{t('plan_noBudgetTypes')}</p>}
          </>
        )}
        {objective === 'min-facilities' ? (
          <>
            <label htmlFor="plan-target">{t('plan_targetShare')}</label>
            <input
              id="plan-target"
              type="number"
              min={1}
              max={100}
              step={1}
              value={target}
              onChange={(e) => setTarget(Number(e.target.value))}
            />
          </>
        ) : WITH_N.includes(objective) ? (
          <>
            <label htmlFor="plan-n">{t('plan_newCount')}</label>
            <input
              id="plan-n"
              type="number"
              min={1}
              max={2000}
              step={1}
              value={n}
              onChange={(e) => setN(Number(e.target.value))}
            />
          </>
        ) : null}
        {objective !== 'closures' && objective !== 'budget' && (
          <>
            <label htmlFor="plan-type">{t(objective === 'relocate' ? 'plan_moveType' : 'plan_newType')}</label>
            <select id="plan-type" value={type} onChange={(e) => setType(e.target.value as FacilityType)}>
              {serviceTypes.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`type_${ty}`)}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor="plan-scope">{t('plan_scope')}</label>
        <select id="plan-scope" value={scopeKind} onChange={(e) => setScopeKind(e.target.value as ScopeKind)}>
          {SCOPES.map((s) => (
            <option key={s} value={s} disabled={s === 'hromada' && !selectedCode}>
              {t(`plan_scope_${s}`)}
            </option>
          ))}
        </select>
        {(scopeKind === 'oblast' || scopeKind === 'raion') && (
          <>
            <label htmlFor="plan-oblast">{t('plan_oblast')}</label>
            <select id="plan-oblast" value={oblast} onChange={(e) => setOblast(e.target.value)}>
              {names.oblasts.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </>
        )}
        {scopeKind === 'raion' && (
          <>
            <label htmlFor="plan-raion">{t('plan_raion')}</label>
            <select id="plan-raion" value={raionValue} onChange={(e) => setRaion(e.target.value)}>
              {raions.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </>
        )}
        {scopeKind === 'hromada' && !selectedCode && <p className="muted small">{t('plan_noHromada')}</p>}
        {objective !== 'closures' && (
          <>
            <label htmlFor="plan-candidates">{t('plan_candidates')}</label>
            <select
              id="plan-candidates"
              value={candidates}
              onChange={(e) => setCandidates(e.target.value as 'settlements' | 'cells')}
            >
              <option value="settlements">{t('plan_cand_settlements')}</option>
              <option value="cells">{t('plan_cand_cells')}</option>
            </select>
          </>
        )}
        <label className="check" style={FULL_ROW}>
          <input
            type="checkbox"
            data-testid="plan-include-occupied"
            checked={includeOccupied}
            onChange={(e) => setIncludeOccupied(e.target.checked)}
          />
          {t('plan_includeOccupied')}
        </label>
        <p className="muted small">{t(includeOccupied ? 'plan_occupiedIncluded' : 'plan_occupiedExcluded')}</p>
        {objective !== 'closures' && (
          <>
            <label htmlFor="plan-method">{t('plan_method')}</label>
            <select id="plan-method" value={method} onChange={(e) => setMethod(e.target.value as Method)}>
              <option value="heuristic">{t('plan_method_heuristic')}</option>
              <option value="exact">{t('plan_method_exact')}</option>
            </select>
          </>
        )}
        {method === 'exact' && objective !== 'closures' && (
          <>
            <label htmlFor="plan-time">{t('plan_timeLimit')}</label>
            <input
              id="plan-time"
              type="number"
              min={1}
              max={600}
              step={1}
              value={timeLimit}
              onChange={(e) => setTimeLimit(Number(e.target.value))}
            />
            <p className="muted small">{t('plan_exactHint')}</p>
          </>
        )}
        <div className="plan-row">
          <button type="submit" data-testid="plan-run" disabled={running || !canRun}>
            {t('plan_run')}
          </button>
          <button type="button" data-testid="plan-cancel" disabled={!running} onClick={cancel}>
            {t('plan_cancel')}
          </button>
        </div>
      </form>
      {running && (
        <div className="plan-progress" role="status" aria-live="polite" data-testid="plan-progress">
          <span>
            {t('plan_running')} {run.progress ? t(`plan_phase_${run.progress.phase}`) : ''}
          </span>
          <progress
            max={1}
            {...(run.progress?.fraction !== undefined ? { value: run.progress.fraction } : {})}
            aria-label={t('plan_running')}
          />
        </div>
      )}
      {run.type === 'cancelled' && <p role="status">{t('plan_cancelled')}</p>}
      {run.type === 'error' && (
        <p role="alert" className="error">
          {t('plan_failed', { message: run.message })}
        </p>
      )}
    </section>
  );
}
