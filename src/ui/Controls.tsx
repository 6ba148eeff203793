import { useState } from 'react';
import { DEFAULT_PARAMS, FACILITY_TYPES, type ModelParams, type Service } from '../engine/types';
import { fmtMin } from '../i18n';
import { parseParamText, type ParamProblem, type ParamRule } from '../state/param-check';
import { LAYER_IDS, cloneParams, type AppState, type LayerId } from '../state/app-state';
import { SECOND_UNIT_COLORS } from '../map/layers/second-unit-colors';
import { useI18n } from './i18n-context';
import { RoadsLayerToggle, RoadsModelSwitch, RoadsParams } from './roads/RoadsControls';

const ERROR_STYLE = { color: '#a1131c', margin: '2px 0 0', fontSize: '0.85em' } as const;

/**
 * A number input for a model parameter. A value its rule refuses (src/state/param-check.ts: a speed of 0, a detour
 * below 1, …) stays in the box with a message next to it (aria-invalid, aria-describedby) and is not applied: the
 * last valid value stays in effect.
 */
function NumberField({
  id,
  label,
  value,
  rule,
  step,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  rule: ParamRule;
  step: number;
  onChange: (v: number) => void;
}) {
  const { t, lang } = useI18n();
  // What was typed and refused, against the value then in effect (a reset or a new link drops it).
  const [draft, setDraft] = useState<{ text: string; problem: ParamProblem; base: number } | null>(null);
  const shown = draft && draft.base === value ? draft : null;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        value={shown ? shown.text : value}
        step={step}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? errorId : undefined}
        onChange={(e) => {
          const r = parseParamText(rule, e.target.value);
          if (r.ok) {
            setDraft(null);
            if (r.value !== value) onChange(r.value);
          } else setDraft({ text: e.target.value, problem: r.problem, base: value });
        }}
      />
      {shown && (
        <p id={errorId} className="field-error" role="alert" data-testid={`${id}-error`} style={ERROR_STYLE}>
          {t(`paramInvalid_${shown.problem}`)} {t('paramKept', { value: fmtMin(lang, value) })}
        </p>
      )}
    </div>
  );
}

/**
 * A cost in million UAH that may be unknown: an empty box means unknown (null); anything else must pass the 'cost'
 * rule, refused like NumberField (message next to the field, the last valid value stays in effect).
 */
function CostField({ id, label, value, onChange }: { id: string; label: string; value: number | null; onChange: (v: number | null) => void }) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<{ text: string; problem: ParamProblem; base: number | null } | null>(null);
  const shown = draft && draft.base === value ? draft : null;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={0}
        step={0.05}
        placeholder={t('costUnknownPlaceholder')}
        value={shown ? shown.text : (value ?? '')}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? errorId : undefined}
        onChange={(e) => {
          if (e.target.value.trim() === '') {
            setDraft(null);
            if (value !== null) onChange(null);
            return;
          }
          const r = parseParamText('cost', e.target.value);
          if (r.ok) {
            setDraft(null);
            if (r.value !== value) onChange(r.value);
          } else setDraft({ text: e.target.value, problem: r.problem, base: value });
        }}
      />
      {shown && (
        <p id={errorId} className="field-error" role="alert" data-testid={`${id}-error`} style={ERROR_STYLE}>
          {t(`paramInvalid_${shown.problem}`)} {t('paramKept', { value: value === null ? t('costUnknownPlaceholder') : fmtMin(lang, value) })}
        </p>
      )}
    </div>
  );
}

function Slider({
  id,
  label,
  value,
  min,
  max,
  step,
  unit,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  unit: string;
  onChange: (v: number) => void;
}) {
  return (
    <div className="field slider">
      <label htmlFor={id}>
        {label}: <output htmlFor={id}>{value}</output> {unit}
      </label>
      <input id={id} type="range" min={min} max={max} step={step} value={value} onChange={(e) => onChange(Number(e.target.value))} />
    </div>
  );
}

export function Controls({ state, onChange }: { state: AppState; onChange: (patch: Partial<AppState>) => void }) {
  const { t } = useI18n();
  const p = state.params;
  const setParams = (f: (q: ModelParams) => void) => {
    const q = cloneParams(p);
    f(q);
    onChange({ params: q });
  };
  const svc = state.service;
  return (
    <div className="controls">
      <fieldset className="segmented">
        <legend>{t('service')}</legend>
        {(['fire', 'police'] as Service[]).map((s) => (
          <label key={s} className={svc === s ? 'on' : ''}>
            <input type="radio" name="service" value={s} checked={svc === s} onChange={() => onChange({ service: s })} />
            {t(`service_${s}`)}
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>
          {t('norm')} ({t(`serviceShort_${svc}`)})
        </legend>
        <Slider
          id="norm-urban"
          label={t('normUrban')}
          value={p.normMin[svc].urban}
          min={3}
          max={60}
          step={1}
          unit={t('minutes')}
          onChange={(v) => setParams((q) => (q.normMin[svc].urban = v))}
        />
        <Slider
          id="norm-rural"
          label={t('normRural')}
          value={p.normMin[svc].rural}
          min={5}
          max={90}
          step={1}
          unit={t('minutes')}
          onChange={(v) => setParams((q) => (q.normMin[svc].rural = v))}
        />
        <label className="check">
          <input type="checkbox" checked={p.includePlanned} onChange={(e) => setParams((q) => (q.includePlanned = e.target.checked))} />
          {t('includePlanned')}
        </label>
        <label className="check" title={t('countAssumedHint')}>
          <input type="checkbox" name="count-assumed" data-testid="count-assumed" checked={p.countAssumed} onChange={(e) => setParams((q) => (q.countAssumed = e.target.checked))} />
          {t('countAssumed')}
        </label>
        <div className="field">
          <label htmlFor="coverage-mode">{t('coverageMode')}</label>
          <select
            id="coverage-mode"
            value={p.coverageMode}
            onChange={(e) => setParams((q) => (q.coverageMode = e.target.value === 'distance' ? 'distance' : 'time'))}
          >
            <option value="time">{t('mode_time')}</option>
            <option value="distance">{t('mode_distance')}</option>
          </select>
        </div>
        {p.coverageMode === 'distance' && (
          <Slider
            id="coverage-km"
            label={t('coverageKm')}
            value={p.coverageKm}
            min={1}
            max={60}
            step={1}
            unit={t('km')}
            onChange={(v) => setParams((q) => (q.coverageKm = v))}
          />
        )}
      </fieldset>

      <RoadsModelSwitch state={state} onChange={onChange} />

      <fieldset>
        <legend>{t('layers')}</legend>
        {LAYER_IDS.map((id: LayerId) => (
          <label key={id} className="check">
            <input
              type="checkbox"
              name={`layer-${id}`}
              checked={state.layers[id]}
              onChange={(e) => onChange({ layers: { ...state.layers, [id]: e.target.checked } })}
            />
            {t(`layer_${id}`)}
          </label>
        ))}
        {state.layers.secondUnit && (
          <ul className="hint second-unit-legend" data-testid="second-unit-legend">
            {([2, 1, 0] as const).map((lv) => (
              <li key={lv}>
                <span aria-hidden="true" style={{ color: `rgb(${SECOND_UNIT_COLORS[lv].slice(0, 3).join(',')})` }}>
                  ●
                </span>{' '}
                {t(lv === 2 ? 'secondUnitLegendTwice' : lv === 1 ? 'secondUnitLegendOnce' : 'secondUnitLegendNone')}
              </li>
            ))}
          </ul>
        )}
        <RoadsLayerToggle state={state} />
        {state.layers.rings && (
          <Slider id="ring-km" label={t('ringKm')} value={state.ringKm} min={1} max={50} step={1} unit={t('km')} onChange={(v) => onChange({ ringKm: v })} />
        )}
      </fieldset>

      <fieldset>
        <legend>{t('basemap')}</legend>
        <label className="check">
          <input type="radio" name="basemap" checked={state.basemap === 'bundled'} onChange={() => onChange({ basemap: 'bundled' })} />
          {t('basemapBundled')}
        </label>
        <label className="check">
          <input type="radio" name="basemap" checked={state.basemap === 'osm'} onChange={() => onChange({ basemap: 'osm' })} />
          {t('basemapOsm')}
        </label>
        <p className="hint">{t('basemapOsmNote')}</p>
      </fieldset>

      <details>
        <summary>{t('modelParams')}</summary>
        <NumberField id="speed-urban" label={t('speedUrban')} value={p.speedKmh.urban} rule="speed" step={1} onChange={(v) => setParams((q) => (q.speedKmh.urban = v))} />
        <NumberField id="speed-rural" label={t('speedRural')} value={p.speedKmh.rural} rule="speed" step={1} onChange={(v) => setParams((q) => (q.speedKmh.rural = v))} />
        <NumberField id="detour-urban" label={t('detourUrban')} value={p.detour.urban} rule="detour" step={0.05} onChange={(v) => setParams((q) => (q.detour.urban = v))} />
        <NumberField id="detour-rural" label={t('detourRural')} value={p.detour.rural} rule="detour" step={0.05} onChange={(v) => setParams((q) => (q.detour.rural = v))} />
        <button type="button" data-testid="open-model-check" aria-pressed={state.panel.type === 'modelCheck'} onClick={() => onChange({ panel: state.panel.type === 'modelCheck' ? { type: 'none' } : { type: 'modelCheck' } })}>
          {t('check_open')}
        </button>
        <fieldset>
          <legend>{t('reachCap')}</legend>
          {(['fire', 'police'] as Service[]).map((s) => (
            <NumberField
              key={s}
              id={`reach-cap-${s}`}
              label={t(`service_${s}`)}
              value={p.reachCapMin[s]}
              rule="reachCap"
              step={5}
              onChange={(v) => setParams((q) => (q.reachCapMin[s] = v))}
            />
          ))}
          <p className="hint">{t('reachCapHint')}</p>
        </fieldset>
        <fieldset>
          <legend>{t('turnout')}</legend>
          {FACILITY_TYPES.map((ty) => (
            <NumberField
              key={ty}
              id={`turnout-${ty}`}
              label={t(`type_${ty}`)}
              value={p.turnoutMin[ty]}
              rule="turnout"
              step={0.5}
              onChange={(v) => setParams((q) => (q.turnoutMin[ty] = v))}
            />
          ))}
        </fieldset>
        <fieldset data-testid="second-norm">
          <legend>{t('secondNorm')}</legend>
          {(['fire', 'police'] as Service[]).flatMap((s) =>
            (['urban', 'rural'] as const).map((c) => (
              <NumberField
                key={`${s}-${c}`}
                id={`second-${s}-${c}`}
                label={`${t(`service_${s}`)}: ${t(c === 'urban' ? 'normUrban' : 'normRural')}`}
                value={p.secondNormMin[s][c]}
                rule="norm"
                step={1}
                onChange={(v) => setParams((q) => (q.secondNormMin[s][c] = v))}
              />
            )),
          )}
          <p className="hint">{t('secondNormHint')}</p>
        </fieldset>
        <fieldset data-testid="availability">
          <legend>{t('availability')}</legend>
          {FACILITY_TYPES.map((ty) => (
            <NumberField
              key={ty}
              id={`avail-${ty}`}
              label={t(`type_${ty}`)}
              value={p.availability[ty]}
              rule="share"
              step={0.05}
              onChange={(v) => setParams((q) => (q.availability[ty] = v))}
            />
          ))}
          <p className="hint">{t('availabilityHint')}</p>
        </fieldset>
        <RoadsParams state={state} onChange={onChange} />
        <fieldset data-testid="costs">
          <legend>{t('costMUah')}</legend>
          {FACILITY_TYPES.map((ty) => (
            <CostField key={ty} id={`cost-${ty}`} label={t(`type_${ty}`)} value={p.costMUah[ty]} onChange={(v) => setParams((q) => (q.costMUah[ty] = v))} />
          ))}
          <p className="hint">{t('costHint')}</p>
        </fieldset>
        <button type="button" onClick={() => onChange({ params: cloneParams(DEFAULT_PARAMS) })}>
          {t('resetParams')}
        </button>
      </details>
    </div>
  );
}
