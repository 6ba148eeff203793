/**
 * The page: a thin layout over the state hooks (use-hash-sync: page state and URL hash; use-boot: loading the data
 * and swapping it; use-map-view: the map instance; use-coverage-run: computing; use-map-layers: what the map draws)
 * and the containers (TopBar, MapArea, SidePanels). Hooks are called in the order their effects must run.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { makeT } from '../i18n';
import { drawIconAtlas } from '../map/icons';
import { UKRAINE_BOUNDS } from '../state/app-state';
import type { CoverageSource } from '../state/coverage-source';
import { attributionLines, userDataLines } from '../state/attribution';
import { emptyScenario, type Scenario } from '../io/scenario';
import { EMPTY_PLANNER, plannerClick, type PlannerUi } from './planner/planner-ui';
import { useScenarioPersistence } from './data/use-scenario-persistence';
import { useFileDrop } from './data/use-file-drop';
import type { ScenarioPanelProps } from './panel-props';
import { Controls } from './Controls';
import { I18nContext } from './i18n-context';
import { territoryListLabel } from './legend-entries';
import type { SearchHit } from './search';
import { useAreaView } from './view/use-area-view';
import { useMapExport } from './view/use-map-export';
import { installPrintFallback } from './view/print';
import type { HoverTarget } from './Tooltip';
import { UpdatePrompt } from './UpdatePrompt';
import { PanelSheet, SidebarSheet } from './PanelSheet';
import { SlidesPanel } from './slides/SlidesPanel';
import { Presenter, SlidesPrint } from './slides/Presenter';
import { slidePng } from './slides/slide-image';
import { useSlides, type SlidesDeps } from './slides/use-slides';
import { TopBar } from './TopBar';
import { MapArea } from './MapArea';
import { SidePanels } from './SidePanels';
import { useAppState, useHashSync, useHashWriter } from './use-hash-sync';
import { useBootLoad, useBootState, useBundleSwaps, useScenarioFacilities } from './use-boot';
import { useCoverageRun, useRunState } from './use-coverage-run';
import { useMapView, useMapViewState, type PlannerClick } from './use-map-view';
import { useEditMarker, useMapLayers } from './use-map-layers';
import { ReportRoute } from './report/ReportRoute';
import { useReportRoute } from './report/route';

let newIds = 0;
/** Id of a facility placed on the map (unique in this page). */
function newFacilityId(): string {
  return `user-${Date.now().toString(36)}-${++newIds}`;
}

/** The map page, or the printable community report when the hash is `#report=KATOTTG` (src/ui/report). */
export function App() {
  const reportCode = useReportRoute();
  return reportCode ? <ReportRoute code={reportCode} /> : <MapPage />;
}

function MapPage() {
  const { initial, state, setState, update, stateRef } = useAppState();
  const { boot, setBoot, bootRef, sourceRef } = useBootState();
  const run = useRunState();
  const { result, setResult, drawnVersion, matrixSync } = run;
  const [hover, setHover] = useState<HoverTarget | null>(null);
  const view = useMapViewState(initial.view);
  const { mapRef, viewRef, setHighlight } = view;
  // The current scenario: facility imports and edits over the embedded data (params live in `state`).
  const [scenario, setScenario] = useState<Scenario>(() => emptyScenario(''));
  // Bring your own data: the scenario persists in IndexedDB (restored before the first compute); files dropped on
  // the map open the data panel; an imported matrix is sent to the worker before the next compute.
  // A link (a hash with the service, which the page always writes) carries every changed parameter: open it with
  // those, not with parameters this browser stored last, so the recipient sees the sender's figures.
  const { restored } = useScenarioPersistence(scenario, state.params, setScenario, (p) => update({ params: p }), initial.patch.params !== undefined);
  const drop = useFileDrop(useCallback(() => update({ panel: { type: 'data' } }), [update]));
  // Planner: add mode, facility being edited, last optimizer run; the last edit applied incrementally.
  const [planner, setPlanner] = useState<PlannerUi>(EMPTY_PLANNER);
  const onPlanner = useCallback((patch: Partial<PlannerUi>) => setPlanner((p) => ({ ...p, ...patch })), []);
  const plannerClickRef = useRef<PlannerClick>(() => false);
  const runPlan = useCallback<CoverageSource['optimize']>(
    (req, opts) => {
      const source = sourceRef.current;
      return source ? source.optimize(req, opts) : Promise.reject(new Error('The coverage engine is not ready.'));
    },
    [sourceRef],
  );
  // Imported settlements, boundaries or a territory list replace the data in use: what fitted the old tables goes.
  const { swapError, dismissSwapError } = useBundleSwaps(boot, setBoot, restored, scenario, setScenario, sourceRef, setState, initial.hromadaCode, () => {
    setResult(null);
    setHover(null);
    drawnVersion.current = 0;
    matrixSync.reset();
  });
  const iconAtlas = useMemo(() => drawIconAtlas(), []);
  const t = useMemo(() => makeT(state.lang), [state.lang]);
  const i18n = useMemo(() => ({ lang: state.lang, t }), [state.lang, t]);

  useEffect(() => {
    const html = document.documentElement;
    html.lang = state.lang;
    document.title = `${t('appTitle')} · ${state.lang === 'uk' ? 'Hromada Coverage' : 'Покриття громад'}`;
  }, [state.lang, t]);

  const selectedIndex = state.selection.type === 'hromada' ? state.selection.index : -1;
  const facilities = useScenarioFacilities(boot, scenario);

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

  const writeHash = useHashWriter(bootRef, stateRef, viewRef);
  useBootLoad(initial.hromadaCode, setBoot, sourceRef, setState);
  const { selectHromada } = useMapView(view, { boot, bootRef, stateRef, setState, setHover, plannerClickRef, writeHash, lang: state.lang, initialView: initial.view });
  useCoverageRun(run, boot, sourceRef, stateRef, state.params, scenario, facilities, restored);
  useEditMarker(mapRef, planner, state, facilities, t, boot, setScenario);
  const layersError = useMapLayers({ mapRef, boot, state, stateRef, run, facilities, selectedIndex, zoom: view.zoom, iconAtlas, planner, highlight: view.highlight, lang: state.lang });
  useHashSync(state, boot, writeHash, bootRef, stateRef, setState, mapRef);

  // An oblast or raion frames the map, filters the table and titles images (src/ui/view/use-area-view.ts).
  const areaView = useAreaView(boot, state.area, setState, mapRef, initial.view !== null);
  const onPick = useCallback(
    (hit: SearchHit) => {
      if (hit.kind === 'area') setState((s) => ({ ...s, area: hit.area, selection: { type: 'none' }, panel: s.panel.type === 'community' ? { type: 'none' } : s.panel }));
      else selectHromada(hit.kind === 'hromada' ? hit.index : hit.hromada);
    },
    [selectHromada, setState],
  );

  // Every export's source lines: the bundled sources, then the user's own files.
  const attribution = useMemo(
    () => (boot.type === 'ready' ? [...attributionLines(boot.bundle.attribution), ...userDataLines(scenario, boot.bundle.boundaryReport)] : []),
    [boot, scenario],
  );
  // The map as a PNG (on screen, 16:9, A4) with title, legend, notes and sources, and print (src/ui/view/).
  const exporter = useMapExport({ mapRef, boot, state, scenario, result: result?.r ?? null, icons: iconAtlas, t, selectedIndex, attribution, areaView });
  const exporterRef = useRef(exporter);
  exporterRef.current = exporter;
  useEffect(
    () =>
      installPrintFallback(() => {
        const text = exporterRef.current.text();
        return { map: mapRef.current, frame: exporterRef.current.frame(), title: text?.title ?? '', subtitle: text?.subtitle ?? '' };
      }),
    [mapRef],
  );
  // Presentation mode (src/ui/slides): the scenario's slides, presenting, exports; each slide's image as the PNG's.
  const slideImage = useRef<SlidesDeps['renderImage']['current']>(() => Promise.resolve(null));
  slideImage.current = (bounds, caption) => {
    const mv = mapRef.current;
    const text = exporter.text();
    return mv && text ? slidePng(mv, iconAtlas, text, bounds, caption) : Promise.resolve(null);
  };
  const slides = useSlides({ mapRef, bootRef, stateRef, setState, scenario, setScenario, computeCount: run.computeCount, renderImage: slideImage });
  const [slidesOpen, setSlidesOpen] = useState(false);
  useEffect(() => {
    if (state.panel.type !== 'none') setSlidesOpen(false);
  }, [state.panel.type]);
  // A settlement clicked in the community panel: the map flies there and rings it.
  const flyToPlace = useCallback(
    (p: { lon: number; lat: number; name?: string }) => {
      setHighlight({ lon: p.lon, lat: p.lat, ...(p.name ? { name: p.name } : {}) });
      mapRef.current?.flyToPlace(p.lon, p.lat);
    },
    [setHighlight, mapRef],
  );
  useEffect(() => setHighlight(null), [selectedIndex, setHighlight]);
  const panel = state.panel;
  // The territory-status list in use, built-in or imported, with its date in the page's format (as the legend).
  const territoryName = boot.type === 'ready' && boot.bundle.territory ? territoryListLabel(t, state.lang, boot.bundle.territory) : undefined;
  const closePanel = () => setState((s) => ({ ...s, panel: { type: 'none' }, selection: s.panel.type === 'community' ? { type: 'none' } : s.selection }));
  const r = result?.r ?? null;

  return (
    <I18nContext.Provider value={i18n}>
      <div className="app">
        <UpdatePrompt />
        <TopBar state={state} data={boot.type === 'ready' ? boot.data : null} onState={update} onPick={onPick} onZoomToUkraine={() => (state.area ? update({ area: null }) : mapRef.current?.fitBounds(UKRAINE_BOUNDS))}
          slidesOpen={slidesOpen}
          onSlides={() => {
            if (!slidesOpen) update({ panel: { type: 'none' } });
            setSlidesOpen(!slidesOpen);
          }}
        />
        <div className="body">
          <SidebarSheet open={panel.type === 'params'} onClose={closePanel}>
            <Controls state={state} onChange={update} />
          </SidebarSheet>
          <MapArea
            containerRef={view.containerRef}
            drop={drop}
            boot={boot}
            state={state}
            result={r}
            facilities={facilities}
            progress={run.progress}
            hover={hover}
            swapError={swapError}
            layersError={layersError}
            onDismissSwapError={dismissSwapError}
            onState={update}
            exporter={exporter}
          />
          {boot.type === 'ready' && (
            <SidePanels
              boot={boot}
              state={state}
              selectedIndex={selectedIndex}
              result={r}
              territoryName={territoryName}
              scenarioProps={
                {
                  bundle: boot.bundle,
                  attribution,
                  data: boot.data,
                  state,
                  scenario,
                  facilities,
                  result: r,
                  onScenario: setScenario,
                  onState: update,
                  onClose: closePanel,
                } satisfies ScenarioPanelProps
              }
              planner={{
                planner,
                onPlanner,
                lastEdit: run.lastEdit,
                runPlan,
                onPlaceAtCentre: () => mapRef.current?.clickAtCentre(),
                mapCentre: () => mapRef.current?.getView() ?? null,
              }}
              dropped={drop.dropped}
              exportCoverage={(req) => (sourceRef.current ? sourceRef.current.exportText(req) : Promise.reject(new Error('no data yet')))}
              onState={update}
              onClose={closePanel}
              onSelectHromada={(i) => selectHromada(i)}
              onSelectPlace={flyToPlace}
            />
          )}
          {boot.type === 'ready' && slidesOpen && (
            <PanelSheet panel="slides" onClose={() => setSlidesOpen(false)}>
              <SlidesPanel api={slides} onClose={() => setSlidesOpen(false)} />
            </PanelSheet>
          )}
        </div>
        <Presenter api={slides} />
        <SlidesPrint pages={slides.printPages} onDone={slides.donePrinting} />
      </div>
    </I18nContext.Provider>
  );
}
