import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { bbox } from '@turf/turf';
import type { PickingInfo } from '@deck.gl/core';
import { makeT } from '../i18n';
import { facilityName } from '../i18n/facility-name';
import { drawIconAtlas } from '../map/icons';
import { buildLayers, LAZY_LAYERS, type MapBounds, type PlaceHighlight } from '../map/layers';
import { boundsKey, PLACE_NAMES_MIN_ZOOM } from '../map/layers/labels';
import { hromadaFill } from '../map/layers/hromadas';
import { pickedFacility } from '../map/layers/facilities';
import { circleTarget, prepareMapData, type MapData } from '../map/map-data';
import { MapView } from '../map/map-view';
import { bundledBasemap } from '../map/style';
import { settlementStates } from '../map/settlements-style';
import { defaultState, paramsKey, UKRAINE_BOUNDS, type AppState, type LayerId, type MapViewState } from '../state/app-state';
import { createCoverageSource, type CoverageResult, type CoverageSource } from '../state/coverage-source';
import { geoUrl, loadGeoBundle, type GeoBundle } from '../state/load-data';
import { startupMark } from '../state/startup-mark';
import { decodeHash, encodeHash } from '../state/url';
import { emptyScenario, type Scenario } from '../io/scenario';
import { scenarioFacilities } from '../state/scenario-state';
import { attributionLines, userDataLines } from '../state/attribution';
import { polygonIndex } from '../io/context';
import { EMPTY_PLANNER, plannerClick, type LastEdit, type PlannerUi } from './planner/planner-ui';
import { appendedEdit, toEditRequest, type ScenarioKey } from '../state/result-patch';
import { DataPanel } from './DataPanel';
import { useScenarioPersistence } from './data/use-scenario-persistence';
import { useFileDrop } from './data/use-file-drop';
import { useDataSwap } from './data/use-data-swap';
import { useTerritory } from './data/use-territory';
import { territoryGeoJson } from '../map/territory-style';
import { createMatrixSync } from './data/matrix-sync';
import { PlannerPanel } from './PlannerPanel';
import type { ScenarioPanelProps } from './panel-props';
import { CommunityPanel } from './CommunityPanel';
import { Controls } from './Controls';
import { HromadaTablePanel } from './HromadaTablePanel';
import { I18nContext } from './i18n-context';
import { Legend } from './Legend';
import { territoryListLabel } from './legend-entries';
import { SearchBox } from './SearchBox';
import type { SearchHit } from './search';
import { SourcesPanel } from './SourcesPanel';
import { composeMapImage } from './map-image';
import { mapImageText } from './map-image-text';
import { downloadBlob } from './download';
import { exportFileName } from './data/import-apply';
import { Tooltip, type HoverTarget } from './Tooltip';
import { AssumedBanner } from './AssumedBanner';
import { UpdatePrompt } from './UpdatePrompt';
import { PanelSheet, SidebarSheet } from './PanelSheet';
import { mapUiStrings } from '../i18n/strings-a11y';

type Boot = { type: 'loading'; done: number; total: number } | { type: 'error'; message: string } | { type: 'ready'; bundle: GeoBundle; data: MapData };

const html = document.documentElement;

/** Sets `<html data-app-state>` for people and for automated browser checks. */
function setAppState(s: 'loading' | 'computing' | 'ready' | 'error'): void {
  html.dataset.appState = s;
}

/** FNV-1a over the choropleth colours: changes whenever the drawn choropleth changes (used by browser tests). */
function choroplethSignature(data: MapData, result: CoverageResult, state: AppState): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < data.hromadas.count; i++) {
    const c = hromadaFill({ result, service: state.service, osm: state.basemap === 'osm' }, i);
    for (let k = 0; k < 4; k++) h = Math.imul(h ^ c[k]!, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

let newIds = 0;
/** Id of a facility placed on the map (unique in this page). */
function newFacilityId(): string {
  return `user-${Date.now().toString(36)}-${++newIds}`;
}

function zoomBucket(z: number): number {
  return z >= 10 ? Math.floor(z) : z >= 8 ? 8 : z >= 6.5 ? 6.5 : 5;
}

export function App() {
  const initial = useMemo(() => decodeHash(window.location.hash, defaultState()), []);
  const [state, setState] = useState<AppState>(() => ({ ...defaultState(), ...initial.patch }));
  const update = useCallback((patch: Partial<AppState>) => setState((s) => ({ ...s, ...patch })), []);
  const [boot, setBoot] = useState<Boot>({ type: 'loading', done: 0, total: 1 });
  const [result, setResult] = useState<{ r: CoverageResult; version: number } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [hover, setHover] = useState<HoverTarget | null>(null);
  const [zoom, setZoom] = useState(initial.view?.zoom ?? 5.5);
  // The visible area while settlement names are drawn (from zoom 10; changes only when their set would), and the
  // place flown to from the community panel (ringed on the map).
  const [nameBounds, setNameBounds] = useState<MapBounds | null>(null);
  const [highlight, setHighlight] = useState<PlaceHighlight | null>(null);
  // The current scenario: facility imports and edits over the embedded data (params live in `state`).
  const [scenario, setScenario] = useState<Scenario>(() => emptyScenario(''));
  // Bring your own data: the scenario persists in IndexedDB (restored before the first compute); files dropped on
  // the map open the data panel; an imported matrix is sent to the worker before the next compute.
  // A link (a hash with the service, which the page always writes) carries every changed parameter: open it with
  // those, not with parameters this browser stored last, so the recipient sees the sender's figures.
  const { restored } = useScenarioPersistence(scenario, state.params, setScenario, (p) => update({ params: p }), initial.patch.params !== undefined || initial.patch.service !== undefined);
  const drop = useFileDrop(useCallback(() => update({ panel: { type: 'data' } }), [update]));
  const matrixSync = useMemo(() => createMatrixSync(), []);
  // Planner: add mode, facility being edited, last optimizer run; the last edit applied incrementally.
  const [planner, setPlanner] = useState<PlannerUi>(EMPTY_PLANNER);
  const onPlanner = useCallback((patch: Partial<PlannerUi>) => setPlanner((p) => ({ ...p, ...patch })), []);
  const [lastEdit, setLastEdit] = useState<LastEdit | null>(null);
  // What `result` was computed from (to route a single appended facility edit through the worker's `edit`).
  const resultKey = useRef<ScenarioKey | null>(null);
  const plannerClickRef = useRef<(click: Parameters<typeof plannerClick>[1]) => boolean>(() => false);
  const runPlan = useCallback<CoverageSource['optimize']>((req, opts) => {
    const source = sourceRef.current;
    return source ? source.optimize(req, opts) : Promise.reject(new Error('The coverage engine is not ready.'));
  }, []);
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapView | null>(null);
  const sourceRef = useRef<CoverageSource | null>(null);
  const viewRef = useRef<MapViewState | null>(initial.view);
  const stateRef = useRef(state);
  stateRef.current = state;
  const bootRef = useRef(boot);
  bootRef.current = boot;
  const drawnVersion = useRef(0);
  // Imported settlements or boundaries replace the built-in demand or hromadas: new tables, map data and worker.
  const linkedCode = useRef(initial.hromadaCode);
  const [swapError, setSwapError] = useState<string | null>(null);
  useDataSwap(
    boot.type === 'ready' ? boot : null,
    restored,
    scenario,
    sourceRef,
    (bundle, data) => setBoot({ type: 'ready', bundle, data }),
    (before, after) => {
      setResult(null);
      setHover(null);
      drawnVersion.current = 0;
      matrixSync.reset();
      // The selected hromada keeps its code; indices may differ with the new list.
      // A shared link to a hromada that only imported boundaries have opens once they are applied.
      const link = linkedCode.current;
      linkedCode.current = null;
      setState((s) => {
        if (s.selection.type !== 'hromada') {
          const index = link && !before.hromadas.codes.includes(link) ? after.hromadas.codes.indexOf(link) : -1;
          return index >= 0 ? { ...s, selection: { type: 'hromada', index }, panel: { type: 'community' } } : s;
        }
        const index = after.hromadas.codes.indexOf(before.hromadas.codes[s.selection.index] ?? '');
        return index >= 0 ? { ...s, selection: { type: 'hromada', index } } : { ...s, selection: { type: 'none' }, panel: s.panel.type === 'community' ? { type: 'none' } : s.panel };
      });
    },
    (message) => {
      setSwapError(message);
      setScenario((s) => ({ ...s, demand: null, boundaries: null }));
    },
  );
  // The territory-status list in use (built-in or imported): the hromada table's status, the worker's, the map's.
  // Only onto the data it was made from: imported boundaries restored in the same render replace the bundle first.
  useTerritory(boot.type === 'ready' ? boot : null, restored, scenario.territory, sourceRef, (bundle, data, from) =>
    setBoot((b) => (b.type === 'ready' && b.bundle !== from ? b : { type: 'ready', bundle, data })),
  );
  const computeCount = useRef(0);
  const iconAtlas = useMemo(() => drawIconAtlas(), []);
  const mounted = useRef(new Set<LayerId>());
  const t = useMemo(() => makeT(state.lang), [state.lang]);
  const i18n = useMemo(() => ({ lang: state.lang, t }), [state.lang, t]);

  useEffect(() => {
    html.lang = state.lang;
    document.title = `${t('appTitle')} · ${state.lang === 'uk' ? 'Hromada Coverage' : 'Покриття громад'}`;
  }, [state.lang, t]);

  const selectedIndex = state.selection.type === 'hromada' ? state.selection.index : -1;
  const { facilityImports, facilityEdits } = scenario;
  // Point-in-polygon over the hromadas, so a station moved on the map carries the code of the hromada it now stands in.
  const locate = useMemo(() => {
    if (boot.type !== 'ready') return undefined;
    const { hromadaGeo, hromadas } = boot.bundle;
    const at = polygonIndex(hromadaGeo.features.map((f, owner) => ({ geom: f.geometry, owner })));
    return (lon: number, lat: number) => hromadas.codes[at(lon, lat)] ?? null;
  }, [boot]);
  const facilities = useMemo(() => {
    if (boot.type !== 'ready') return [];
    const list = scenarioFacilities(boot.bundle.facilities, { facilityImports, facilityEdits }, locate);
    // With imported boundaries, imported and placed facilities take the code of the hromada they now stand in.
    const relocate = boot.bundle.relocateFacility;
    return relocate ? list.map(relocate) : list;
  }, [boot, facilityImports, facilityEdits, locate]);

  // Planner clicks on the map: in add mode place a facility (an `add` edit); with the planner open select one.
  const plannerOpen = state.panel.type === 'planner';
  plannerClickRef.current = (click) => {
    if (boot.type !== 'ready' || (!plannerOpen && !planner.adding)) return false;
    const name = planner.adding ? t('plan_newName', { type: t(`type_${planner.adding}`) }) : '';
    const a = plannerClick(planner, click, (h) => boot.data.hromadas.codes[h] ?? null, newFacilityId, name);
    if (a.type === 'add') {
      setScenario((s) => ({ ...s, facilityEdits: [...s.facilityEdits, { op: 'add', facility: a.facility }] }));
      setPlanner((p) => ({ ...p, adding: null, selected: a.facility.id }));
    } else if (a.type === 'select') setPlanner((p) => ({ ...p, selected: a.id }));
    return a.type !== 'none';
  };

  const writeHash = useCallback(() => {
    const b = bootRef.current;
    const s = stateRef.current;
    const code = b.type === 'ready' && s.selection.type === 'hromada' ? (b.data.hromadas.codes[s.selection.index] ?? null) : null;
    const next = encodeHash(s, viewRef.current, code);
    if (next !== window.location.hash) window.history.replaceState(null, '', next);
  }, []);

  // Load the bundled data and create the map.
  useEffect(() => {
    const ctrl = new AbortController();
    setAppState('loading');
    loadGeoBundle(ctrl.signal, (done, total) => setBoot({ type: 'loading', done, total }))
      .then((bundle) => {
        const data = prepareMapData(bundle.hromadaGeo, bundle.hromadas, bundle.demand, bundle.facilities);
        sourceRef.current = createCoverageSource(bundle.demand, bundle.hromadas, bundle.facilities);
        if (initial.hromadaCode) {
          const i = bundle.hromadas.codes.indexOf(initial.hromadaCode);
          if (i >= 0) setState((s) => ({ ...s, selection: { type: 'hromada', index: i }, panel: { type: 'community' } }));
        }
        setBoot({ type: 'ready', bundle, data });
      })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        setAppState('error');
        setBoot({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      });
    return () => {
      ctrl.abort();
      sourceRef.current?.dispose();
      sourceRef.current = null;
    };
  }, [initial]);

  const selectHromada = useCallback((index: number, fly = true) => {
    const b = bootRef.current;
    setState((s) => ({ ...s, selection: { type: 'hromada', index }, panel: { type: 'community' } }));
    if (fly && b.type === 'ready' && mapRef.current) {
      const f = b.data.hromadaGeo.features[index];
      if (f) {
        const [x0, y0, x1, y1] = bbox(f);
        // After the panel has opened and the map has taken its new size.
        window.setTimeout(() => {
          mapRef.current?.resize();
          mapRef.current?.fitBounds([
            [x0, y0],
            [x1, y1],
          ]);
        }, 60);
      }
    }
  }, []);

  // Map lifetime. The map is made at mount, before the data arrive, so that MapLibre loads the bundled tiles while the
  // page fetches and parses the rest; it is made anew only when imported boundaries replace the hromada polygons
  // (and again when they are removed). Handlers read the current data through bootRef.
  const importedGeo = boot.type === 'ready' && boot.bundle.boundaryReport ? boot.bundle.hromadaGeo : null;
  useEffect(() => {
    if (!containerRef.current) return;
    const dataNow = (): MapData | null => (bootRef.current.type === 'ready' ? bootRef.current.data : null);
    // Short credit on the map; the full list with licences is in the Sources panel.
    const attribution = 'KSE · Держстат / State Statistics Service · GeoNames (CC BY 4.0) · ukrainian_geodata (CC BY 4.0)';
    const mv = new MapView({
      container: containerRef.current,
      basemap: { ...bundledBasemap(geoUrl), hromadaGeo: importedGeo },
      view: viewRef.current,
      bounds: UKRAINE_BOUNDS,
      attribution,
      handlers: {
        onHover: (info: PickingInfo | null) => {
          const data = dataNow();
          if (!data || !info || info.index < 0) return setHover(null);
          const id = info.layer?.id ?? '';
          const { x, y } = info;
          const facility = pickedFacility(info);
          if (id === 'hromadas' && info.object) setHover({ kind: 'hromada', index: (info.object as { id: number }).id, x, y });
          else if (id === 'settlements') {
            // A located settlement, or a city of 50,000+ at its own point (its share and times over its cells).
            const c = circleTarget(data, info.index);
            setHover(c ? (c.kind === 'demand' ? { kind: 'demand', index: c.index, x, y } : { kind: 'city', city: c.city, x, y }) : null);
          }
          else if (id.startsWith('surface')) setHover({ kind: 'demand', index: info.object as number, x, y });
          else if (facility) setHover({ kind: 'facility', facility, x, y });
          else setHover(null);
        },
        onClick: (info: PickingInfo) => {
          const data = dataNow();
          if (!data) return;
          const id = info.layer?.id ?? '';
          let h = -1;
          if (id === 'hromadas' && info.object) h = (info.object as { id: number }).id;
          else if (id === 'settlements' && info.index >= 0) {
            const c = circleTarget(data, info.index);
            h = !c ? -1 : c.kind === 'demand' ? data.demand.hromada[c.index]! : (data.demand.cities[c.city]?.hromada ?? -1);
          }
          else if (id.startsWith('surface') && typeof info.object === 'number') h = data.demand.hromada[info.object]!;
          if (plannerClickRef.current({ layerId: id, object: pickedFacility(info) ?? info.object, coordinate: info.coordinate, hromada: h })) return;
          if (h >= 0) selectHromada(h, false);
        },
        onViewChange: (v) => {
          viewRef.current = v;
          setZoom(v.zoom);
          const b = v.zoom >= PLACE_NAMES_MIN_ZOOM ? (mapRef.current?.getBounds() ?? null) : null;
          setNameBounds((prev) => (boundsKey(prev) === boundsKey(b) ? prev : b));
          writeHash();
        },
      },
    });
    mapRef.current = mv;
    startupMark('map-created');
    if (stateRef.current.basemap === 'osm') void mv.whenLoaded().then(() => mv.setOsm(true));
    const onResize = () => mv.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      mv.destroy();
      mapRef.current = null;
    };
  }, [importedGeo, selectHromada, writeHash]);
  // MapLibre's own controls (zoom buttons, scale, the map's label) in the interface language.
  useEffect(() => {
    mapRef.current?.setUiStrings(mapUiStrings(state.lang));
  }, [state.lang, importedGeo]);

  // On the first data, a shared link's hromada (when the link has no view of its own) is brought into view.
  const framed = useRef(false);
  useEffect(() => {
    const mv = mapRef.current;
    if (boot.type !== 'ready' || !mv || framed.current) return;
    framed.current = true;
    const s = stateRef.current;
    const f = !initial.view && s.selection.type === 'hromada' ? boot.data.hromadaGeo.features[s.selection.index] : undefined;
    if (!f) return;
    const [x0, y0, x1, y1] = bbox(f);
    mv.fitBounds(
      [
        [x0, y0],
        [x1, y1],
      ],
      false,
    );
  }, [boot, initial.view]);

  // Recompute coverage when the model parameters or the facilities change (debounced; a newer request cancels the
  // older). One facility edit appended to the scenario goes through the worker's `edit` and patches `result`.
  const pKey = paramsKey(state.params);
  useEffect(() => {
    if (boot.type !== 'ready' || !sourceRef.current || !restored) return;
    const source = sourceRef.current;
    matrixSync.sync(source, scenario.matrix, facilities, boot.bundle.demand);
    const ctrl = new AbortController();
    const params = stateRef.current.params;
    const key: ScenarioKey = { paramsKey: pKey, facilityImports, facilityEdits };
    let timer = 0;
    let live = true;
    const full = (delay: number) => {
      timer = window.setTimeout(() => {
        startupMark('compute');
        setAppState('computing');
        setProgress(0);
        source
          .compute(params, facilities, { signal: ctrl.signal, onProgress: (f) => setProgress(f) })
          .then((r) => {
            resultKey.current = key;
            startupMark('result');
            setResult((prev) => ({ r, version: (prev?.version ?? 0) + 1 }));
          })
          .catch((e: unknown) => {
            if (e instanceof Error && e.name === 'AbortError') return;
            setAppState('error');
            console.error(e);
          });
      }, delay);
    };
    const edit = result && result.r.facilities !== facilities ? appendedEdit(resultKey.current, key) : null;
    if (result && edit) {
      const base = result.r;
      setAppState('computing');
      source
        .edit(toEditRequest(edit), base, facilities, boot.bundle.hromadas)
        .then((out) => {
          if (!live) return;
          if (!out) return full(0);
          resultKey.current = key;
          setLastEdit({ before: base, after: out.result, hromadas: out.response.result.hromadas, elapsedMs: out.result.elapsedMs, roundTripMs: out.roundTripMs, patchMs: out.patchMs });
          setResult((prev) => ({ r: out.result, version: (prev?.version ?? 0) + 1 }));
        })
        .catch((e: unknown) => {
          if (!live) return;
          console.warn('incremental edit failed; recomputing in full', e);
          full(0);
        });
    } else full(result ? 150 : 0);
    return () => {
      live = false;
      window.clearTimeout(timer);
      ctrl.abort();
    };
    // `result` only decides the debounce; it must not retrigger the computation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boot, pKey, facilities, scenario.matrix, restored]);

  // The planner's draggable marker on the facility being edited; a drop appends a `move` edit.
  useEffect(() => {
    const mv = mapRef.current;
    if (!mv) return;
    const f = planner.selected && state.panel.type === 'planner' ? facilities.find((x) => x.id === planner.selected) : undefined;
    if (!f) return mv.setEditMarker(null);
    mv.setEditMarker({ lon: f.lon, lat: f.lat, label: t('plan_dragHint', { name: facilityName(f, state.lang) }) }, (lon, lat) =>
      setScenario((s) => ({ ...s, facilityEdits: [...s.facilityEdits, { op: 'move', id: f.id, lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 }] })),
    );
  }, [planner.selected, state.panel.type, facilities, t, state.lang, boot]);

  // Hand the map its layers. They draw the parameters of the result they show: a parameter change alone (before its
  // result) changes nothing on the map, and must not cost a redraw (hundreds of ms in software WebGL).
  const zb = zoomBucket(zoom);
  const territoryGeo = useMemo(() => (boot.type === 'ready' ? territoryGeoJson(boot.data.hromadaGeo, boot.data.hromadas.status) : null), [boot]);
  const layerParams = result?.r.params ?? state.params;
  useEffect(() => {
    const mv = mapRef.current;
    if (boot.type !== 'ready' || !mv) return;
    for (const id of LAZY_LAYERS) if (state.layers[id]) mounted.current.add(id);
    const layers = buildLayers(
      {
        mounted: mounted.current,
        data: boot.data,
        facilities,
        service: state.service,
        params: layerParams,
        layers: state.layers,
        ringKm: state.ringKm,
        osm: state.basemap === 'osm',
        result: result?.r ?? null,
        resultVersion: result?.version ?? 0,
        selected: selectedIndex,
        iconAtlas,
        proposedSites: planner.plan?.response.result.sites ?? null,
        closures: planner.plan?.response.closures ?? null,
        bounds: nameBounds,
        highlight,
        lang: state.lang,
      },
      zb,
    );
    void mv.whenLoaded().then(() => {
      mv.setOsm(state.basemap === 'osm');
      mv.setSelected(selectedIndex >= 0 ? (boot.data.hromadas.codes[selectedIndex] ?? null) : null);
      // No settlement circles or deck.gl layers drawn before the first result: their first frames (the deck.gl
      // shaders compile in seconds in software WebGL) would hold back the messages that start the computation. The
      // circles' source is given at once (hidden), so MapLibre's worker has indexed it by then.
      mv.setSettlements(boot.data.settlementsGeo, !!result && state.layers.settlements);
      if (result) mv.setSettlementStates(settlementStates(boot.data, result.r, state.service));
      mv.setLayers(result ? layers : []);
      // for tests: how many units the closure ranking rings on the map
      html.dataset.closureUnits = String(result ? ((layers.find((l) => l.id === 'closures' && l.props.visible)?.props.data as unknown[] | undefined)?.length ?? 0) : 0);
      if (result && territoryGeo) mv.setTerritory(territoryGeo);
      const fillInput = { result: result?.r ?? null, service: state.service, osm: state.basemap === 'osm' };
      mv.setChoropleth(boot.data.hromadas.count, (i) => hromadaFill(fillInput, i), state.layers.choropleth);
      if (result && result.version !== drawnVersion.current) {
        const version = result.version;
        void mv.whenIdle().then(() => {
          if (version < drawnVersion.current) return;
          // Counted once per result: the effect may run again for the same result before the map is idle.
          if (version > drawnVersion.current) computeCount.current++;
          drawnVersion.current = version;
          setProgress(null);
          html.dataset.hromadas = String(state.layers.choropleth ? boot.data.hromadaGeo.features.length : 0);
          const fac = layers.filter((l) => l.id.startsWith('facilities') && l.props.visible);
          html.dataset.facilities = String(fac.reduce((n, l) => n + ((l.props.data as unknown[]).length ?? 0), 0));
          html.dataset.choropleth = choroplethSignature(boot.data, result.r, stateRef.current);
          html.dataset.computeCount = String(computeCount.current);
          startupMark('ready');
          setAppState('ready');
        });
      } else if (result) {
        html.dataset.choropleth = choroplethSignature(boot.data, result.r, stateRef.current);
      }
    });
  }, [boot, facilities, result, state.service, state.layers, state.ringKm, state.basemap, layerParams, selectedIndex, zb, iconAtlas, planner.plan, nameBounds, highlight, territoryGeo, state.lang]);

  // Keep the URL hash in step with the state.
  useEffect(() => {
    writeHash();
  }, [state, boot, writeHash]);

  // A pasted link in the same tab: apply it.
  useEffect(() => {
    const onHash = () => {
      const b = bootRef.current;
      // A link the page wrote (it always has the service) carries every changed parameter: read it onto the defaults,
      // so a parameter removed from the hash goes back to its default instead of keeping the current value.
      const full = /(^#|&)s=/.test(window.location.hash);
      const d = decodeHash(window.location.hash, full ? { ...stateRef.current, params: defaultState().params } : stateRef.current);
      const patch: Partial<AppState> = { ...d.patch };
      if (full && !patch.params) patch.params = defaultState().params;
      if (d.hromadaCode && b.type === 'ready') {
        const i = b.data.hromadas.codes.indexOf(d.hromadaCode);
        if (i >= 0) {
          patch.selection = { type: 'hromada', index: i };
          patch.panel = { type: 'community' };
        }
      }
      setState((s) => ({ ...s, ...patch }));
      if (d.view) mapRef.current?.jumpTo(d.view);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const onPick = useCallback(
    (hit: SearchHit) => {
      selectHromada(hit.kind === 'hromada' ? hit.index : hit.hromada);
    },
    [selectHromada],
  );

  // Every export's source lines: the bundled sources, then the user's own files.
  const attribution = useMemo(
    () => (boot.type === 'ready' ? [...attributionLines(boot.bundle.attribution), ...userDataLines(scenario, boot.bundle.boundaryReport)] : []),
    [boot, scenario],
  );
  // The map as drawn, with title, legend, notes and sources, as a PNG (src/ui/map-image.ts).
  const saveMapImage = () => {
    const mv = mapRef.current;
    if (!mv || boot.type !== 'ready') return;
    const { hromadas } = boot.data;
    const text = mapImageText(t, state, hromadas, selectedIndex, boot.bundle.boundaryReport, attribution, new Date(), {
      territory: boot.bundle.territory ?? null,
      totals: result?.r.services[state.service].totals ?? null,
    });
    const image = composeMapImage(mv.map.getCanvas(), iconAtlas, text);
    image.toBlob((blob) => blob && downloadBlob(blob, exportFileName(selectedIndex >= 0 ? `map-${hromadas.codes[selectedIndex]}` : 'map', 'png')), 'image/png');
  };
  // A settlement clicked in the community panel: the map flies there and rings it.
  const flyToPlace = useCallback((p: { lon: number; lat: number; name?: string }) => {
    setHighlight({ lon: p.lon, lat: p.lat, ...(p.name ? { name: p.name } : {}) });
    mapRef.current?.flyToPlace(p.lon, p.lat);
  }, []);
  useEffect(() => setHighlight(null), [selectedIndex]);
  const panel = state.panel;
  // The territory-status list in use, built-in or imported, with its date in the page's format (as the legend).
  const territoryName = boot.type === 'ready' && boot.bundle.territory ? territoryListLabel(t, state.lang, boot.bundle.territory) : undefined;
  const closePanel = () => setState((s) => ({ ...s, panel: { type: 'none' }, selection: s.panel.type === 'community' ? { type: 'none' } : s.selection }));
  /** What the Data and Planner panels share: the data, the scenario and the latest result. */
  const scenarioProps = (b: Extract<Boot, { type: 'ready' }>): ScenarioPanelProps => ({
    bundle: b.bundle,
    attribution,
    data: b.data,
    state,
    scenario,
    facilities,
    result: result?.r ?? null,
    onScenario: setScenario,
    onState: update,
    onClose: closePanel,
  });

  return (
    <I18nContext.Provider value={i18n}>
      <div className="app">
        <UpdatePrompt />
        <header className="topbar">
          <div className="brand">
            <h1>{t('appTitle')}</h1>
            <span className="subtitle">{t('appSubtitle')}</span>
          </div>
          {boot.type === 'ready' && <SearchBox data={boot.data} onPick={onPick} />}
          <nav className="top-actions" aria-label={t('controls')}>
            <button type="button" className="narrow-only" aria-pressed={panel.type === 'params'} onClick={() => update({ panel: panel.type === 'params' ? { type: 'none' } : { type: 'params' } })}>
              {t('a11y_layersButton')}
            </button>
            <button type="button" aria-pressed={panel.type === 'table'} onClick={() => update({ panel: panel.type === 'table' ? { type: 'none' } : { type: 'table' } })}>
              {t('openTable')}
            </button>
            <button type="button" aria-pressed={panel.type === 'data'} onClick={() => update({ panel: panel.type === 'data' ? { type: 'none' } : { type: 'data' } })}>
              {t('openData')}
            </button>
            <button type="button" aria-pressed={panel.type === 'planner'} onClick={() => update({ panel: panel.type === 'planner' ? { type: 'none' } : { type: 'planner' } })}>
              {t('openPlanner')}
            </button>
            <button type="button" aria-pressed={panel.type === 'sources'} onClick={() => update({ panel: panel.type === 'sources' ? { type: 'none' } : { type: 'sources' } })}>
              {t('openSources')}
            </button>
            <button type="button" onClick={() => mapRef.current?.fitBounds(UKRAINE_BOUNDS)}>
              {t('zoomToUkraine')}
            </button>
            <div className="lang" role="group" aria-label={t('language')}>
              <button type="button" lang="uk" aria-pressed={state.lang === 'uk'} onClick={() => update({ lang: 'uk' })}>
                УКР
              </button>
              <button type="button" lang="en" aria-pressed={state.lang === 'en'} onClick={() => update({ lang: 'en' })}>
                EN
              </button>
            </div>
          </nav>
        </header>
        <div className="body">
          <SidebarSheet open={panel.type === 'params'} onClose={closePanel}>
            <Controls state={state} onChange={update} />
          </SidebarSheet>
          <main className={drop.dragging ? 'map-wrap dragging' : 'map-wrap'} {...drop.props}>
            <div ref={containerRef} className="map" data-testid="map" />
            {drop.dragging && <div className="drop-overlay">{t('dropHere')}</div>}
            {boot.type === 'loading' && (
              <div className="overlay-msg" role="status">
                {t('loading')} ({boot.done}/{boot.total})
              </div>
            )}
            {boot.type === 'error' && (
              <div className="overlay-msg error" role="alert">
                {t('loadError', { message: boot.message })}
              </div>
            )}
            {swapError !== null && (
              <div className="overlay-msg error" role="alert">
                {t('swapFailed', { message: swapError })}{' '}
                <button type="button" onClick={() => setSwapError(null)}>
                  {t('close')}
                </button>
              </div>
            )}
            {progress !== null && (
              <div className="progress" role="status" aria-live="polite">
                <span>{t('computing')}</span>
                <progress max={1} value={progress} aria-label={t('progress')} />
              </div>
            )}
            {boot.type === 'ready' && (
              <AssumedBanner result={result?.r ?? null} service={state.service} onClick={() => update({ panel: { type: 'sources' } })} />
            )}
            {boot.type === 'ready' && (
              <button type="button" className="map-save" data-testid="save-map" aria-label={t('a11y_saveMapName')} title={`${t('saveMap')}: ${t('saveMapHint')}`} onClick={saveMapImage}>
                <span className="map-save-icon" aria-hidden="true" /> PNG
              </button>
            )}
            {boot.type === 'ready' && (
              <Legend
                service={state.service}
                params={state.params}
                layers={state.layers}
                boundaries={boot.bundle.boundaryReport}
                facilities={facilities}
                onOpenSources={() => update({ panel: { type: 'sources' } })}
                onOpenData={() => update({ panel: { type: 'data' } })}
                territory={boot.bundle.territory ?? null}
              />
            )}
            {hover && boot.type === 'ready' && <Tooltip target={hover} data={boot.data} result={result?.r ?? null} service={state.service} />}
          </main>
          {boot.type === 'ready' && panel.type !== 'none' && panel.type !== 'params' && (
            <PanelSheet panel={panel.type} onClose={closePanel}>
              {panel.type === 'community' && selectedIndex >= 0 && (
                <CommunityPanel
                  index={selectedIndex}
                  data={boot.data}
                  result={result?.r ?? null}
                  service={state.service}
                  territory={territoryName}
                  onClose={closePanel}
                  onSelectPlace={flyToPlace}
                  onOpenData={() => update({ panel: { type: 'data' } })}
                />
              )}
              {panel.type === 'table' && (
                <HromadaTablePanel
                  data={boot.data}
                  result={result?.r ?? null}
                  service={state.service}
                  oblast={state.oblastFilter}
                  onOblast={(o) => update({ oblastFilter: o })}
                  onPick={(i) => selectHromada(i)}
                  onClose={closePanel}
                  territory={territoryName}
                />
              )}
              {panel.type === 'data' && (
                <DataPanel
                  {...scenarioProps(boot)}
                  dropped={drop.dropped}
                  exportCoverage={(req) => (sourceRef.current ? sourceRef.current.exportText(req) : Promise.reject(new Error('no data yet')))}
                />
              )}
              {panel.type === 'planner' && (
                <PlannerPanel
                  planner={planner}
                  onPlanner={onPlanner}
                  lastEdit={lastEdit}
                  runPlan={runPlan}
                  onPlaceAtCentre={() => mapRef.current?.clickAtCentre()}
                  mapCentre={() => mapRef.current?.getView() ?? null}
                  {...scenarioProps(boot)}
                />
              )}
              {panel.type === 'sources' && <SourcesPanel sources={boot.bundle.attribution} onClose={closePanel} />}
            </PanelSheet>
          )}
        </div>
      </div>
    </I18nContext.Provider>
  );
}
