/**
 * The page's data: loading the bundled data (and the coverage worker made for it), then handing over the data that
 * imported settlements, boundaries or a territory list make from it. Part of App (src/ui/App.tsx).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type MutableRefObject, type SetStateAction } from 'react';
import { prepareMapData, type MapData } from '../map/map-data';
import type { AppState } from '../state/app-state';
import type { CoverageSource } from '../state/coverage-source';
import { builtInTerritoryMeta, loadGeoBundleFrom, type GeoBundle } from '../state/load-data';
import { startBootLoad, takeBootLoad } from '../state/boot-load';
import { reportCodeOf } from './report/route';
import { scenarioFacilities, territoryInUse } from '../state/scenario-state';
import { polygonIndex } from '../io/context';
import type { Scenario } from '../io/scenario';
import { useDataSwap } from './data/use-data-swap';
import { useTerritory } from './data/use-territory';

export type Boot = { type: 'loading'; done: number; total: number } | { type: 'error'; message: string } | { type: 'ready'; bundle: GeoBundle; data: MapData };
export type ReadyBoot = Extract<Boot, { type: 'ready' }>;

const html = document.documentElement;

// The map page's data load starts with the page's modules, before React renders and MapLibre starts (not for the
// report, which loads its own).
if (!reportCodeOf(window.location.hash)) startBootLoad();

/** Sets `<html data-app-state>` for people and for automated browser checks. */
export function setAppState(s: 'loading' | 'computing' | 'ready' | 'error'): void {
  html.dataset.appState = s;
}

/** The boot state, a ref to its latest value (for map handlers) and the coverage source of the data in use. */
export function useBootState() {
  const [boot, setBoot] = useState<Boot>({ type: 'loading', done: 0, total: 1 });
  const bootRef = useRef(boot);
  bootRef.current = boot;
  const sourceRef = useRef<CoverageSource | null>(null);
  return { boot, setBoot, bootRef, sourceRef };
}

/** Load the bundled data; a shared link's hromada is selected once its code is known. */
export function useBootLoad(
  initialCode: string | null,
  setBoot: Dispatch<SetStateAction<Boot>>,
  sourceRef: MutableRefObject<CoverageSource | null>,
  setState: Dispatch<SetStateAction<AppState>>,
): void {
  useEffect(() => {
    const ctrl = new AbortController();
    setAppState('loading');
    // The coverage worker was started as this module was evaluated; it fetches and parses the data itself.
    const load = takeBootLoad();
    loadGeoBundleFrom(load.tables, ctrl.signal, (done, total) => setBoot({ type: 'loading', done, total }), load.hromadaGeo)
      .then((loaded) => {
        // The built-in territory list is in use until a scenario says otherwise: with it on the first bundle,
        // useTerritory has nothing to hand over for the built-in list, and the page is not rendered, computed and
        // drawn a second time for it.
        const h = loaded.hromadas;
        const bundle: GeoBundle = { ...loaded, territory: territoryInUse(null, h, h.status, builtInTerritoryMeta(loaded.manifest)) };
        // The worker builds its engine from its own tables while the page prepares the map's data.
        sourceRef.current = load.source;
        const data = prepareMapData(bundle.hromadaGeo, bundle.hromadas, bundle.demand, bundle.facilities);
        if (initialCode) {
          const i = bundle.hromadas.codes.indexOf(initialCode);
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
      load.source.dispose();
      sourceRef.current?.dispose();
      sourceRef.current = null;
    };
  }, [initialCode, setBoot, sourceRef, setState]);
}

/**
 * Imported settlements or boundaries replace the built-in demand or hromadas: new tables, map data and worker
 * (`onSwap` drops what fitted the old tables). The territory-status list in use (built-in or imported) goes onto the
 * hromada table, the worker and the map. A shared link to a hromada that only imported boundaries have opens once
 * they are applied.
 * @returns the message when imported areas could not be applied, and a way to dismiss it
 */
export function useBundleSwaps(
  boot: Boot,
  setBoot: Dispatch<SetStateAction<Boot>>,
  restored: boolean,
  scenario: Scenario,
  setScenario: Dispatch<SetStateAction<Scenario>>,
  sourceRef: MutableRefObject<CoverageSource | null>,
  setState: Dispatch<SetStateAction<AppState>>,
  initialCode: string | null,
  onSwap: () => void,
): { swapError: string | null; dismissSwapError: () => void } {
  const linkedCode = useRef(initialCode);
  const [swapError, setSwapError] = useState<string | null>(null);
  useDataSwap(
    boot.type === 'ready' ? boot : null,
    restored,
    scenario,
    sourceRef,
    (bundle, data) => setBoot({ type: 'ready', bundle, data }),
    (before, after) => {
      onSwap();
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
  // Only onto the data it was made from: imported boundaries restored in the same render replace the bundle first.
  useTerritory(boot.type === 'ready' ? boot : null, restored, scenario.territory, sourceRef, (bundle, data, from) =>
    setBoot((b) => (b.type === 'ready' && b.bundle !== from ? b : { type: 'ready', bundle, data })),
  );
  const dismissSwapError = useCallback(() => setSwapError(null), []);
  return { swapError, dismissSwapError };
}

/**
 * The scenario's facilities over the data in use. Point-in-polygon over the hromadas, so a station moved on the map
 * carries the code of the hromada it now stands in; with imported boundaries, imported and placed facilities take the
 * code of the hromada they now stand in.
 */
export function useScenarioFacilities(boot: Boot, scenario: Scenario) {
  const { facilityImports, facilityEdits } = scenario;
  const locate = useMemo(() => {
    if (boot.type !== 'ready') return undefined;
    const { hromadaGeo, hromadas } = boot.bundle;
    // built at the first facility placed without a hromada (an import or a planned site), not with the first screen
    let at: ((lon: number, lat: number) => number) | null = null;
    return (lon: number, lat: number) => {
      at ??= polygonIndex(hromadaGeo.features.map((f, owner) => ({ geom: f.geometry, owner })));
      return hromadas.codes[at(lon, lat)] ?? null;
    };
  }, [boot]);
  return useMemo(() => {
    if (boot.type !== 'ready') return [];
    const list = scenarioFacilities(boot.bundle.facilities, { facilityImports, facilityEdits }, locate);
    const relocate = boot.bundle.relocateFacility;
    return relocate ? list.map(relocate) : list;
  }, [boot, facilityImports, facilityEdits, locate]);
}
