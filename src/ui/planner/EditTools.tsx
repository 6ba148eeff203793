import { useEffect, useMemo, useRef, useState } from 'react';
import { FACILITY_TYPES, SERVICES_OF, type Facility, type FacilityType, type Service } from '../../engine/types';
import type { FacilityEdit } from '../../io/scenario';
import { fmtInt, fmtPct } from '../../i18n';
import { facilityName } from '../../i18n/facility-name';
import { placeName } from '../../i18n/place-name';
import type { MapData } from '../../map/map-data';
import type { CoverageResult } from '../../state/coverage-source';
import { useI18n } from '../i18n-context';
import type { LastEdit, PlannerUi } from './planner-ui';
import { editDelta } from '../../state/result-patch';
import { useEscape } from '../use-panel-focus';

const signed = (s: string, n: number) => (n > 0 ? `+${s}` : n < 0 ? `−${s.replace(/^[-−]/, '')}` : s);

/** The last incremental edit's change in population within the norm: nation, then each hromada it changed. */
function EditDeltaView({ lastEdit, data, service }: { lastEdit: LastEdit; data: MapData; service: Service }) {
  const { t, lang } = useI18n();
  const d = useMemo(() => editDelta(lastEdit.before, lastEdit.after, lastEdit.hromadas, service), [lastEdit, service]);
  const name = (h: number) =>
    placeName(data.hromadas.names[h] ?? '', lang);
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

/** Kilometres between two points (equirectangular; enough to rank stations near a point). */
function kmBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const k = Math.PI / 180;
  const x = (lon2 - lon1) * k * Math.cos(((lat1 + lat2) / 2) * k);
  const y = (lat2 - lat1) * k;
  return 6371.0088 * Math.hypot(x, y);
}

type PickArea = { kind: 'centre'; lon: number; lat: number } | { kind: 'hromada'; index: number };

/**
 * Selecting an existing station without a mouse: a list of the stations of the current service nearest to the
 * centre of the map, or in the selected hromada; a choice opens the same editor as a click on its symbol.
 */
function StationPicker({
  facilities,
  service,
  data,
  selectedHromada,
  mapCentre,
  selectedId,
  onSelect,
}: {
  facilities: readonly Facility[];
  service: Service;
  data: MapData;
  selectedHromada: number;
  mapCentre: (() => { lon: number; lat: number } | null) | undefined;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const [area, setArea] = useState<PickArea | null>(null);
  const hromadaName = (h: number) => placeName(data.hromadas.names[h] ?? '', lang);
  const list = useMemo(() => {
    if (!area) return [];
    const mine = facilities.filter((f) => SERVICES_OF[f.type].includes(service));
    if (area.kind === 'hromada') {
      const code = data.hromadas.codes[area.index];
      return mine
        .filter((f) => f.hromadaCode === code)
        .map((f) => ({ f, km: NaN }))
        .sort((a, b) => a.f.name.localeCompare(b.f.name, 'uk'))
        .slice(0, 40);
    }
    return mine
      .map((f) => ({ f, km: kmBetween(area.lon, area.lat, f.lon, f.lat) }))
      .sort((a, b) => a.km - b.km)
      .slice(0, 10);
  }, [area, facilities, service, data]);
  return (
    <section className="plan-pick" aria-labelledby="plan-pick-title" data-testid="station-picker">
      <h4 id="plan-pick-title">{t('a11y_pickTitle')}</h4>
      <p className="muted small">{t('a11y_pickHint')}</p>
      <div className="plan-row wrap">
        {mapCentre && (
          <button
            type="button"
            data-testid="pick-near-centre"
            aria-pressed={area?.kind === 'centre'}
            onClick={() => {
              const c = mapCentre();
              if (c) setArea({ kind: 'centre', lon: c.lon, lat: c.lat });
            }}
          >
            {t('a11y_pickNearCentre')}
          </button>
        )}
        {selectedHromada >= 0 && (
          <button type="button" data-testid="pick-in-hromada" aria-pressed={area?.kind === 'hromada'} onClick={() => setArea({ kind: 'hromada', index: selectedHromada })}>
            {t('a11y_pickInHromada', { name: hromadaName(selectedHromada) })}
          </button>
        )}
      </div>
      {area && (
        <>
          <p id="plan-pick-list-title" className="small">
            {area.kind === 'centre' ? t('a11y_pickListNear', { n: list.length }) : t('a11y_pickListHromada', { name: hromadaName(area.index), n: list.length })}
          </p>
          {list.length === 0 ? (
            <p className="muted small">{t('a11y_pickNone')}</p>
          ) : (
            <ul className="plan-pick-list" aria-labelledby="plan-pick-list-title">
              {list.map(({ f, km }) => (
                <li key={f.id}>
                  <button type="button" className="linklike" data-pick-id={f.id} aria-pressed={f.id === selectedId} onClick={() => onSelect(f.id)}>
                    {Number.isFinite(km)
                      ? t('a11y_pickItem', { name: facilityName(f, lang), type: t(`type_${f.type}`), km: fmtInt(lang, km) })
                      : t('a11y_pickItemHromada', { name: facilityName(f, lang), type: t(`type_${f.type}`) })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/**
 * The selected facility's editor: type, coordinates (keyboard alternative to dragging), delete. With `autoFocus`
 * (chosen from the keyboard list, or just placed at the centre) focus moves to its first field; when it closes with
 * focus inside, focus goes to `fallback()`.
 */
function FacilityEditor({
  f,
  onEdit,
  onDone,
  autoFocus,
  onFocused,
  fallback,
}: {
  f: Facility;
  onEdit: (e: FacilityEdit) => void;
  onDone: () => void;
  autoFocus: boolean;
  onFocused: () => void;
  fallback: () => HTMLElement | null;
}) {
  const { t, lang } = useI18n();
  const typeRef = useRef<HTMLSelectElement>(null);
  const boxRef = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    if (!autoFocus) return;
    typeRef.current?.focus();
    onFocused();
  }, [autoFocus, onFocused]);
  useEffect(() => {
    const box = boxRef.current;
    return () => {
      const a = document.activeElement;
      if (!a || a === document.body || !a.isConnected || box?.contains(a)) fallback()?.focus();
    };
  }, [fallback]);
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
    <fieldset ref={boxRef} className="plan-editor" data-testid="facility-editor" data-facility={f.id}>
      <legend>
        {t('plan_selected')}: {facilityName(f, lang)}
      </legend>
      <label htmlFor="plan-edit-type">{t('plan_type')}</label>
      <select
        ref={typeRef}
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
  mapCentre,
  selectedHromada = -1,
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
  /** The centre of the map now (the keyboard list of stations near it). */
  mapCentre?: (() => { lon: number; lat: number } | null) | undefined;
  /** Index of the selected hromada, -1 if none (the keyboard list of its stations). */
  selectedHromada?: number;
}) {
  const { t } = useI18n();
  const [type, setType] = useState<FacilityType>(planner.adding ?? 'local_fire_department');
  const selected = planner.selected ? facilities.find((f) => f.id === planner.selected) : undefined;
  // Move focus into the editor when it opens from the keyboard (the list, or "place at the centre").
  const [focusEditor, setFocusEditor] = useState(false);
  const onFocused = useMemo(() => () => setFocusEditor(false), []);
  const addRef = useRef<HTMLButtonElement>(null);
  // When the editor closes with focus in it: back to the station in the keyboard list, else to "Add a station".
  const selectedIdRef = useRef<string | null>(null);
  useEffect(() => {
    if (planner.selected) selectedIdRef.current = planner.selected;
  }, [planner.selected]);
  const fallback = useMemo(
    () => () => {
      const id = selectedIdRef.current;
      return (id ? document.querySelector<HTMLElement>(`[data-pick-id="${CSS.escape(id)}"]`) : null) ?? addRef.current;
    },
    [],
  );
  // Escape: first cancels placing a station, then closes the station's editor (then the panel, PanelSheet).
  useEscape(() => onPlanner({ adding: null }), planner.adding !== null);
  useEscape(() => onPlanner({ selected: null }), planner.adding === null && !!selected);
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
        ref={addRef}
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
          <button
            type="button"
            data-testid="plan-place-centre"
            onClick={() => {
              setFocusEditor(true);
              onPlaceAtCentre();
            }}
          >
            {t('plan_placeCentre')}
          </button>
        </div>
      )}
      <StationPicker
        facilities={facilities}
        service={service}
        data={data}
        selectedHromada={selectedHromada}
        mapCentre={mapCentre}
        selectedId={planner.selected}
        onSelect={(id) => {
          setFocusEditor(true);
          onPlanner({ selected: id, adding: null });
        }}
      />
      {selected && (
        <FacilityEditor
          key={selected.id}
          f={selected}
          onEdit={onEdit}
          onDone={() => onPlanner({ selected: null })}
          autoFocus={focusEditor}
          onFocused={onFocused}
          fallback={fallback}
        />
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
