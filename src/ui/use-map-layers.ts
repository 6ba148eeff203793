/**
 * Handing the map what it draws: the deck.gl layers, the settlement circles, the choropleth, the territory outlines,
 * the planner's draggable marker; and the `<html data-*>` marks browser tests read once a result is drawn. Part of App
 * (src/ui/App.tsx).
 */
import { useEffect, useMemo, useRef, useState, type Dispatch, type MutableRefObject, type SetStateAction } from 'react';
import type { Facility } from '../engine/types';
import type { Lang, TFunction } from '../i18n';
import { facilityName } from '../i18n/facility-name';
import type { PlaceHighlight } from '../map/layers';
import { deckWanted, LAZY_LAYERS } from '../map/layers/lazy';
import { facilitySymbols } from '../map/layers/facility-symbols';
import { nameSymbols, PLACE_NAMES_MIN_ZOOM } from '../map/layers/labels';
import { hromadaFill } from '../map/layers/hromadas';
import type { MapData } from '../map/map-data';
import type { MapView } from '../map/map-view';
import { settlementStates } from '../map/settlements-style';
import { territoryCodes } from '../map/territory-style';
import type { Scenario } from '../io/scenario';
import type { AppState, LayerId } from '../state/app-state';
import type { CoverageResult } from '../state/coverage-source';
import { startupMark } from '../state/startup-mark';
import type { PlannerUi } from './planner/planner-ui';
import { setAppState, type Boot } from './use-boot';
import { useRoadsLayer } from './roads/use-roads';
import type { RunState } from './use-coverage-run';

const html = document.documentElement;

/** FNV-1a over the choropleth colours: changes whenever the drawn choropleth changes (used by browser tests). */
function choroplethSignature(data: MapData, result: CoverageResult, state: AppState): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < data.hromadas.count; i++) {
    const c = hromadaFill({ result, service: state.service, osm: state.basemap === 'osm' }, i);
    for (let k = 0; k < 4; k++) h = Math.imul(h ^ c[k]!, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

/** The zoom the layers are built for: only whether the settlement names are wanted (MapLibre thins the rest by zoom). */
function zoomBucket(z: number): number {
  return z >= PLACE_NAMES_MIN_ZOOM ? PLACE_NAMES_MIN_ZOOM : 0;
}

type DeckLayers = typeof import('../map/layers');

/**
 * The deck.gl layers' module (src/map/layers/index.ts), loaded the first time one of them is wanted and then kept:
 * the first screen draws none, so it neither downloads nor compiles deck.gl (about 40 % of the page's script).
 * `error` is the reason it could not be loaded (the page shows it: those layers stay off until a reload).
 */
function useDeckLayers(wanted: boolean): { mod: DeckLayers | null; error: string | null } {
  const [mod, setMod] = useState<DeckLayers | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted || mod || error) return;
    let live = true;
    import('../map/layers').then(
      (m) => live && setMod(m),
      (e: unknown) => {
        console.error('map layers', e);
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [wanted, mod, error]);
  return { mod, error };
}

/** The planner's draggable marker on the facility being edited; a drop appends a `move` edit. */
export function useEditMarker(
  mapRef: MutableRefObject<MapView | null>,
  planner: PlannerUi,
  state: AppState,
  facilities: readonly Facility[],
  t: TFunction,
  boot: Boot,
  setScenario: Dispatch<SetStateAction<Scenario>>,
): void {
  useEffect(() => {
    const mv = mapRef.current;
    if (!mv) return;
    const f = planner.selected && state.panel.type === 'planner' ? facilities.find((x) => x.id === planner.selected) : undefined;
    if (!f) return mv.setEditMarker(null);
    mv.setEditMarker({ lon: f.lon, lat: f.lat, label: t('plan_dragHint', { name: facilityName(f, state.lang) }) }, (lon, lat) =>
      setScenario((s) => ({ ...s, facilityEdits: [...s.facilityEdits, { op: 'move', id: f.id, lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 }] })),
    );
    // The map, its marker and setScenario are read when the selection, the panel or the data change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [planner.selected, state.panel.type, facilities, t, state.lang, boot]);
}

export interface MapLayersInput {
  mapRef: MutableRefObject<MapView | null>;
  boot: Boot;
  state: AppState;
  stateRef: MutableRefObject<AppState>;
  run: RunState;
  facilities: Facility[];
  selectedIndex: number;
  zoom: number;
  iconAtlas: HTMLCanvasElement;
  planner: PlannerUi;
  highlight: PlaceHighlight | null;
  lang: Lang;
}

/**
 * Hand the map its layers. They draw the parameters of the result they show: a parameter change alone (before its
 * result) changes nothing on the map, and must not cost a redraw (hundreds of ms in software WebGL).
 */
/** Returns why the deck.gl layers could not be loaded, or null (see useDeckLayers). */
export function useMapLayers(i: MapLayersInput): string | null {
  const { mapRef, boot, state, stateRef, run, facilities, selectedIndex, iconAtlas, planner, highlight } = i;
  const { result, setProgress, drawnVersion, computeCount } = run;
  const mounted = useRef(new Set<LayerId>());
  const zb = zoomBucket(i.zoom);
  // Made anew only when the hromadas or the status list change (not for every new bundle object).
  const codes = boot.type === 'ready' ? boot.data.hromadas.codes : null;
  const status = boot.type === 'ready' ? boot.data.hromadas.status : null;
  const territory = useMemo(() => (codes && status ? territoryCodes(codes, status) : null), [codes, status]);
  const layerParams = result?.r.params ?? state.params;
  const roads = useRoadsLayer(result?.version ?? 0, state.service, layerParams);
  for (const id of LAZY_LAYERS) if (state.layers[id]) mounted.current.add(id);
  const closures = planner.plan?.response.closures ?? null;
  const proposedSites = planner.plan?.response.result.sites ?? null;
  const wants = { layers: state.layers, mounted: mounted.current, closures: closures?.length ?? 0, proposedSites: proposedSites?.length ?? 0 };
  const { mod: deck, error: deckError } = useDeckLayers(deckWanted({ ...wants, highlight: !!highlight, roads: !!roads?.data }));
  useEffect(() => {
    const mv = mapRef.current;
    if (boot.type !== 'ready' || !mv) return;
    // (none until deck.gl has loaded: the effect runs again then)
    const layers = deck
      ? deck.buildLayers({
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
        proposedSites,
        closures,
        highlight,
        lang: state.lang,
        roads,
      })
      : [];
    // The facility symbols and the names (MapLibre layers) are shown with the first result, not before: MapLibre's
    // workers laying them out (and the territory and the circles) while the coverage worker computes slow the
    // computation down more than they save afterwards, on two cores.
    const symbols = {
      facilities: facilitySymbols({ facilities, data: boot.data, service: state.service, layers: result ? state.layers : { ...state.layers, facilities: false } }),
      names: nameSymbols(boot.data, !!result && state.layers.labels, state.lang, zb),
    };
    void mv.whenLoaded().then(() => {
      mv.setOsm(state.basemap === 'osm');
      mv.setSelected(selectedIndex >= 0 ? (boot.data.hromadas.codes[selectedIndex] ?? null) : null);
      // No settlement circles or deck.gl layers drawn before the first result (see the symbols above; a deck.gl
      // layer's first frame compiles its shaders). The circles' source is given at once (hidden).
      mv.setSettlements(boot.data.settlementsGeo, !!result && state.layers.settlements);
      // over the circles (added after them the first time)
      mv.symbols.apply(symbols, iconAtlas);
      if (result) {
        // the first result is on the map: frames are no longer paced (frame-pacer.ts); later calls do nothing
        mv.firstScreenDrawn();
        mv.setSettlementStates(settlementStates(boot.data, result.r, state.service));
      }
      mv.setLayers(result ? layers : []);
      // for tests: how many units the closure ranking rings on the map
      html.dataset.closureUnits = String(result ? ((layers.find((l) => l.id === 'closures' && l.props.visible)?.props.data as unknown[] | undefined)?.length ?? 0) : 0);
      // for tests: how many city cells (cities of 50,000+ spread over their territory) the surface draws
      html.dataset.cityCells = String(result ? ((layers.find((l) => l.id === 'surface-city' && l.props.visible)?.props.data as unknown[] | undefined)?.length ?? 0) : 0);
      if (result && territory) mv.setTerritory(territory);
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
          html.dataset.facilities = String(mv.symbols.shownFacilities());
          html.dataset.choropleth = choroplethSignature(boot.data, result.r, stateRef.current);
          html.dataset.computeCount = String(computeCount.current);
          startupMark('ready');
          setAppState('ready');
        });
      } else if (result) {
        html.dataset.choropleth = choroplethSignature(boot.data, result.r, stateRef.current);
      }
    });
    // The refs and setters are stable; the rest is listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boot, facilities, result, state.service, state.layers, state.ringKm, state.basemap, layerParams, selectedIndex, zb, iconAtlas, proposedSites, closures, highlight, territory, state.lang, roads, deck]);
  return deckError;
}
