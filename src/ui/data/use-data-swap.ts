/**
 * Imported settlements and community boundaries replace the built-in demand and hromadas: when the scenario's
 * `demand` or `boundaries` change, the page's tables and map data are rebuilt (src/state/boundaries.ts
 * `scenarioAreas`) and the coverage worker is started afresh with them (the engine's demand and hromadas are fixed
 * at init). Clearing both goes back to the built-in data.
 */
import { useEffect, useRef, type MutableRefObject } from 'react';
import type { Scenario } from '../../io/scenario';
import { prepareMapData, type MapData } from '../../map/map-data';
import { scenarioAreas, type AreaBundle } from '../../state/boundaries';
import { createCoverageSource, type CoverageSource } from '../../state/coverage-source';
import type { GeoBundle } from '../../state/load-data';

let builtIn: AreaBundle | null = null;

/** The built-in hromadas, demand and facilities (kept when imported data replace them), or null before loading. */
export function builtInAreas(): AreaBundle | null {
  return builtIn;
}

type Areas = Pick<Scenario, 'demand' | 'boundaries'>;

/**
 * @param ready the loaded bundle and map data, or null while loading
 * @param onSwap called before the new data is handed over (drop the old result: its arrays fit the old tables)
 * @param onError called instead when the imported data cannot be applied
 */
export function useDataSwap(
  ready: { bundle: GeoBundle; data: MapData } | null,
  restored: boolean,
  areas: Areas,
  sourceRef: MutableRefObject<CoverageSource | null>,
  setReady: (bundle: GeoBundle, data: MapData) => void,
  onSwap: (before: GeoBundle, after: GeoBundle) => void,
  onError: (message: string) => void,
): void {
  const applied = useRef<Areas>({ demand: null, boundaries: null });
  const cb = useRef({ setReady, onSwap, onError });
  cb.current = { setReady, onSwap, onError };
  const { demand, boundaries } = areas;
  useEffect(() => {
    if (!ready || !restored) return;
    const { hromadaGeo, hromadas, facilities } = ready.bundle;
    builtIn ??= { hromadaGeo, hromadas, demand: ready.bundle.demand, facilities };
    if (applied.current.demand === demand && applied.current.boundaries === boundaries) return;
    applied.current = { demand, boundaries };
    let areas: ReturnType<typeof scenarioAreas>;
    try {
      areas = scenarioAreas(builtIn, { demand, boundaries });
    } catch (e) {
      // Data the importers passed but the tables cannot take (a stored scenario from elsewhere): drop it, say why.
      cb.current.onError(e instanceof Error ? e.message : String(e));
      return;
    }
    const { bundle: next, report, relocate } = areas;
    if (next.demand === ready.bundle.demand && next.hromadas === ready.bundle.hromadas) return;
    const bundle: GeoBundle = { ...ready.bundle, ...next, boundaryReport: report, relocateFacility: relocate };
    const data = prepareMapData(bundle.hromadaGeo, bundle.hromadas, bundle.demand, bundle.facilities);
    sourceRef.current?.dispose();
    sourceRef.current = createCoverageSource(bundle.demand, bundle.hromadas, bundle.facilities);
    cb.current.onSwap(ready.bundle, bundle);
    cb.current.setReady(bundle, data);
  }, [ready, restored, demand, boundaries, sourceRef]);
}
