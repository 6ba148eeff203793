/**
 * The road network's controls, rendered from Controls.tsx: the travel-model switch (disabled, with the reason, while
 * no graph is loaded), the roads layer's toggle, and the road speeds, built-up factor, off-road speed and snap
 * distance in the model parameters.
 */
import { useEffect, useRef, useState } from 'react';
import type { ModelParams } from '../../engine/types';
import { DEFAULT_ROAD_SPEEDS, ROAD_CLASSES } from '../../engine/roads/speeds';
import { fmtMin } from '../../i18n';
import { cloneParams, type AppState } from '../../state/app-state';
import { parseParamText, type ParamProblem, type ParamRule } from '../../state/param-check';
import { setRoadsLayer } from '../../state/roads';
import { useI18n } from '../i18n-context';
import { useRoads } from './use-roads';
import { withRoads } from '../../state/roads-params';

type OnChange = (patch: Partial<AppState>) => void;

function useSetParams(p: ModelParams, onChange: OnChange) {
  return (f: (q: ModelParams) => void) => {
    const q = withRoads(cloneParams(p));
    f(q);
    onChange({ params: q });
  };
}

/**
 * The switch between the straight-line and the road-network model. While no graph is loaded the road option is
 * disabled and says why. When a graph arrives (or goes) while the road model is chosen, the result is recomputed.
 */
export function RoadsModelSwitch({ state, onChange }: { state: AppState; onChange: OnChange }) {
  const { t } = useI18n();
  const roads = useRoads();
  const ready = roads.status.type === 'ready';
  const p = state.params;
  const model = p.travelModel ?? 'straight';
  const setParams = useSetParams(p, onChange);
  // A graph loaded or cleared under the road model: the worker's engine changed, the page's parameters did not, so
  // step the model off and back on (two parameter changes in two tasks: the run recomputes once, debounced).
  const epoch = useRef(roads.epoch);
  const latest = useRef({ p, onChange });
  latest.current = { p, onChange };
  useEffect(() => {
    if (roads.epoch === epoch.current) return;
    epoch.current = roads.epoch;
    const { p: now, onChange: change } = latest.current;
    if ((now.travelModel ?? 'straight') !== 'road') return;
    change({ params: { ...withRoads(cloneParams(now)), travelModel: 'straight' } });
    const timer = window.setTimeout(() => latest.current.onChange({ params: { ...withRoads(cloneParams(latest.current.p)), travelModel: 'road' } }), 0);
    return () => window.clearTimeout(timer);
  }, [roads.epoch]);
  return (
    <fieldset className="segmented" data-testid="travel-model">
      <legend>{t('roadsUi_travelModel')}</legend>
      <label className={model === 'straight' ? 'on' : ''}>
        <input type="radio" name="travel-model" value="straight" checked={model === 'straight'} onChange={() => setParams((q) => (q.travelModel = 'straight'))} />
        {t('roadsUi_straight')}
      </label>
      <label className={model === 'road' ? 'on' : ''} title={ready ? undefined : t('roadsUi_disabledHint')}>
        <input
          type="radio"
          name="travel-model"
          value="road"
          disabled={!ready}
          aria-describedby={ready ? undefined : 'travel-model-hint'}
          checked={model === 'road'}
          onChange={() => setParams((q) => (q.travelModel = 'road'))}
        />
        {t('roadsUi_road')}
      </label>
      {!ready && (
        <p id="travel-model-hint" className="hint" data-testid="travel-model-hint">
          {t('roadsUi_disabledHint')}
        </p>
      )}
    </fieldset>
  );
}

/** The roads layer's checkbox in the layers list (only while a graph is loaded). */
export function RoadsLayerToggle({ state }: { state: AppState }) {
  const { t } = useI18n();
  const roads = useRoads();
  if (roads.status.type !== 'ready') return null;
  return (
    <>
      <label className="check">
        <input type="checkbox" name="layer-roads" checked={roads.layerOn} onChange={(e) => setRoadsLayer(e.target.checked)} />
        {t('roadsUi_layer')}
      </label>
      {roads.layerOn && state.params.travelModel !== 'road' && <p className="hint">{t('roadsUi_layerNeedsRoad')}</p>}
    </>
  );
}

/** A number field for a road parameter: a refused value stays in the box with the reason; the last valid one holds. */
function RoadField({ id, label, value, rule, step, onChange }: { id: string; label: string; value: number; rule: ParamRule; step: number; onChange: (v: number) => void }) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<{ text: string; problem: ParamProblem; base: number } | null>(null);
  const shown = draft && draft.base === value ? draft : null;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        value={shown ? shown.text : value}
        step={step}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? `${id}-error` : undefined}
        onChange={(e) => {
          const r = parseParamText(rule, e.target.value);
          // a factor or speed of 0 would make every road impassable
          if (r.ok && r.value > 0) {
            setDraft(null);
            if (r.value !== value) onChange(r.value);
          } else setDraft({ text: e.target.value, problem: r.ok ? rule : r.problem, base: value });
        }}
      />
      {shown && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t(`paramInvalid_${shown.problem}`)} {t('paramKept', { value: fmtMin(lang, value) })}
        </p>
      )}
    </div>
  );
}

/** Road speeds per class, the built-up factor, the off-road speed and the snap distance (model parameters). */
export function RoadsParams({ state, onChange }: { state: AppState; onChange: OnChange }) {
  const { t } = useI18n();
  const p = withRoads(state.params);
  const r = p.roads;
  const setParams = useSetParams(p, onChange);
  return (
    <fieldset data-testid="road-params">
      <legend>{t('roadsUi_paramsTitle')}</legend>
      <RoadField id="road-offroad" label={t('roadsUi_offRoad')} value={r.offRoadKmh} rule="speed" step={1} onChange={(v) => setParams((q) => (q.roads.offRoadKmh = v))} />
      <RoadField id="road-snap" label={t('roadsUi_snap')} value={r.snapMaxKm} rule="km" step={0.5} onChange={(v) => setParams((q) => (q.roads.snapMaxKm = v))} />
      <RoadField id="road-builtup" label={t('roadsUi_builtUp')} value={r.speeds.builtUpFactor} rule="share" step={0.05} onChange={(v) => setParams((q) => (q.roads.speeds = { ...q.roads.speeds, builtUpFactor: v }))} />
      <details>
        <summary>{t('roadsUi_speeds')}</summary>
        {ROAD_CLASSES.map((c) => (
          <RoadField
            key={c}
            id={`road-speed-${c}`}
            label={`${t(`roadsUi_class_${c}`)} (${c})`}
            value={r.speeds.kmh[c] ?? DEFAULT_ROAD_SPEEDS.kmh[c]}
            rule="speed"
            step={5}
            onChange={(v) => setParams((q) => (q.roads.speeds = { ...q.roads.speeds, kmh: { ...q.roads.speeds.kmh, [c]: v } }))}
          />
        ))}
      </details>
      <p className="hint">{t('roadsUi_paramsHint')}</p>
    </fieldset>
  );
}
