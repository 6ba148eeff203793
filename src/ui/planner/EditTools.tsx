import { useEffect, useMemo, useState } from 'react';
import { FACILITY_TYPES, type Facility, type FacilityType, type Service } from '../../engine/types';
import type { FacilityEdit } from '../../io/scenario';
import { fmtInt, fmtPct } from '../../i18n';
import type { MapData } from '../../map/map-data';
import type { CoverageResult } from '../../state/coverage-source';
import { useI18n } from '../i18n-context';
import type { LastEdit, PlannerUi } from './planner-ui';
import { editDelta } from '../../state/result-patch';

const signed = (s: string, n: number) => (n > 0 ? `+${s}` : n < 0 ? `−${s.replace(/^[-−]/, '')}` : s);

/** The last incremental edit's change in population within the norm: nation, then each hromada it changed. */
function EditDeltaView({ lastEdit, data, service }: { lastEdit: LastEdit; data: MapData; service: Service }) {
  const { t, lang } = useI18n();
  const d = useMemo(() => editDelta(lastEdit.before, lastEdit.after, lastEdit.hromadas, service), [lastEdit, service]);
  const name = (h: number) =>
    lang === 'en' && data.hromadas.namesEn[h] ? data.hromadas.namesEn[h]! : data.hromadas.names[h]!;
  return (
    <div
      className="plan-delta"
      data-testid="edit-delta"
      data-nation-delta={d.nation}
      data-edit-ms={Math.round(lastEdit.elapsedMs)}
      data-worker-ms={Math.round(lastEdit.roundTripMs)}
      data-patch-ms={Math.round(lastEdit.patchMs)}
      data-nation-after={d.nationAfter}
      role="status"
      aria-live="polite"
    >
      <h4>{t('plan_deltaTitle', { service: t(`serviceShort_${service}`) })}</h4>
      {d.nation === 0 && d.hromadas.length === 0 ? (
        <p>{t('plan_deltaNone')}</p>
      ) : (
        <>
          <p className="nation">{t('plan_deltaNation', { delta: signed(fmtInt(lang, d.nation), d.nation) })}</p>
          <ul>
            {d.hromadas.slice(0, 6).map((h) => (
              <li key={h.index} data-hromada={data.hromadas.codes[h.index]} data-delta={h.delta}>
                {t('plan_deltaHromada', {
                  name: name(h.index),
                  delta: signed(fmtInt(lang, h.delta), h.delta),
                  share: fmtPct(lang, h.share),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small">{t('plan_deltaTime', { ms: fmtInt(lang, lastEdit.elapsedMs) })}</p>
    </div>
  );
}

/** The selected facility's editor: type, coordinates (keyboard alternative to dragging), delete. */
function FacilityEditor({ f, onEdit, onDone }: { f: Facility; onEdit: (e: FacilityEdit) => void; onDone: () => void }) {
  const { t } = useI18n();
  const [lon, setLon] = useState(String(f.lon));
  const [lat, setLat] = useState(String(f.lat));
  useEffect(() => {
    setLon(String(f.lon));
    setLat(String(f.lat));
  }, [f.lon, f.lat]);
  const x = Number(lon);
  const y = Number(lat);
  const valid =
    Number.isFinite(x) &&
    Number.isFinite(y) &&
    x >= 10 &&
    x <= 52 &&
    y >= 38 &&
    y <= 58 &&
    (x !== f.lon || y !== f.lat);
  return (
    <fieldset className="plan-editor" data-testid="facility-editor" data-facility={f.id}>
      <legend>
        {t('plan_selected')}: {f.name}
      </legend>
      <label htmlFor="plan-edit-type">{t('plan_type')}</label>
      <select
        id="plan-edit-type"
        value={f.type}
        onChange={(e) => onEdit({ op: 'update', id: f.id, changes: { type: e.target.value as FacilityType } })}
      >
        {FACILITY_TYPES.map((ty) => (
          <option key={ty} value={ty}>
            {t(`type_${ty}`)}
          </option>
        ))}
      </select>
      <div className="plan-coords">
        <label htmlFor="plan-edit-lon">{t('plan_lon')}</label>
        <input id="plan-edit-lon" type="number" step="0.001" value={lon} onChange={(e) => setLon(e.target.value)} />
        <label htmlFor="plan-edit-lat">{t('plan_lat')}</label>
        <input id="plan-edit-lat" type="number" step="0.001" value={lat} onChange={(e) => setLat(e.target.value)} />
        <button type="button" disabled={!valid} onClick={() => onEdit({ op: 'move', id: f.id, lon: x, lat: y })}>
          {t('plan_move')}
        </button>
      </div>
      <p className="muted small">{t('plan_moveHint')}</p>
      <div className="plan-row">
        <button
          type="button"
          className="danger"
          data-testid="facility-delete"
          onClick={() => onEdit({ op: 'remove', id: f.id })}
        >
          {t('plan_delete')}
        </button>
        <button type="button" onClick={onDone}>
          {t('plan_done')}
        </button>
      </div>
    </fieldset>
  );
}

/**
 * What-if editing: add mode (type + button; the next map click places the station), the selected facility's
 * editor, the last edit's deltas, and undo.
 */
export function EditTools({
  planner,
  onPlanner,
  facilities,
  edits,
  onEdit,
  onPlaceAtCentre,
  onUndo,
  lastEdit,
  result,
  data,
  service,
}: {
  planner: PlannerUi;
  onPlanner: (patch: Partial<PlannerUi>) => void;
  facilities: readonly Facility[];
  edits: number;
  onEdit: (e: FacilityEdit) => void;
  onPlaceAtCentre: () => void;
  onUndo: () => void;
  lastEdit: LastEdit | null;
  result: CoverageResult | null;
  data: MapData;
  service: Service;
}) {
  const { t } = useI18n();
  const [type, setType] = useState<FacilityType>(planner.adding ?? 'local_fire_department');
  const selected = planner.selected ? facilities.find((f) => f.id === planner.selected) : undefined;
  return (
    <section className="plan-edit" aria-labelledby="plan-edit-title">
      <h3 id="plan-edit-title">{t('plan_editTitle')}</h3>
      <p className="muted small">{t('plan_editHint')}</p>
      <div className="plan-row">
        <label htmlFor="plan-add-type">{t('plan_addType')}</label>
        <select
          id="plan-add-type"
          value={type}
          onChange={(e) => {
            const ty = e.target.value as FacilityType;
            setType(ty);
            if (planner.adding) onPlanner({ adding: ty });
          }}
        >
          {FACILITY_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`type_${ty}`)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        data-testid="plan-add"
        aria-pressed={planner.adding !== null}
        onClick={() => onPlanner({ adding: planner.adding ? null : type, selected: null })}
      >
        {planner.adding ? t('plan_addCancel') : t('plan_addStart')}
      </button>
      {planner.adding && (
        <div className="plan-hint" role="status">
          {t('plan_addClickMap')}{' '}
          <button type="button" data-testid="plan-place-centre" onClick={onPlaceAtCentre}>
            {t('plan_placeCentre')}
          </button>
        </div>
      )}
      {selected && (
        <FacilityEditor key={selected.id} f={selected} onEdit={onEdit} onDone={() => onPlanner({ selected: null })} />
      )}
      {lastEdit && result && lastEdit.after === result && (
        <EditDeltaView lastEdit={lastEdit} data={data} service={service} />
      )}
      {edits > 0 && (
        <p className="plan-row muted small">
          <span data-testid="plan-edit-count" data-count={edits}>
            {t('plan_edits', { n: edits })}
          </span>
          <button type="button" onClick={onUndo}>
            {t('plan_undo')}
          </button>
        </p>
      )}
    </section>
  );
}
