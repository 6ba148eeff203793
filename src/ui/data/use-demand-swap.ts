/**
 * Imported settlements replacing the built-in demand: when the scenario's `demand` changes, the page's tables and
 * map data are rebuilt over the new DemandTable and the coverage worker is started afresh with it (the engine's
 * demand is fixed at init). Clearing `demand` goes back to the built-in table.
 */
import { useEffect, useRef, type MutableRefObject } from 'react';
import type { DemandTable } from '../../engine/types';
import { toDemandTable } from '../../io/convert';
import type { Scenario } from '../../io/scenario';
import { prepareMapData, type MapData } from '../../map/map-data';
import { createCoverageSource, type CoverageSource } from '../../state/coverage-source';
import type { GeoBundle } from '../../state/load-data';

let builtIn: DemandTable | null = null;

/** The built-in demand table (kept when imported settlements replace it), or null before the data has loaded. */
export function builtInDemand(): DemandTable | null {
  return builtIn;
}

/**
 * @param ready the loaded bundle and map data, or null while loading
 * @param onSwap called before the new data is handed over (drop the old result: its arrays fit the old demand)
 */
export function useDemandSwap(
  ready: { bundle: GeoBundle; data: MapData } | null,
  restored: boolean,
  demand: Scenario['demand'],
  sourceRef: MutableRefObject<CoverageSource | null>,
  setReady: (bundle: GeoBundle, data: MapData) => void,
  onSwap: () => void,
): void {
  const applied = useRef<Scenario['demand']>(null);
  const cb = useRef({ setReady, onSwap });
  cb.current = { setReady, onSwap };
  useEffect(() => {
    if (!ready || !restored) return;
    builtIn ??= ready.bundle.demand;
    if (applied.current === demand) return;
    applied.current = demand;
    const table = demand ? toDemandTable(demand.rows, ready.bundle.hromadas) : builtIn;
    if (table === ready.bundle.demand) return;
    const bundle: GeoBundle = { ...ready.bundle, demand: table };
    const data = prepareMapData(bundle.hromadaGeo, bundle.hromadas, table, bundle.facilities);
    sourceRef.current?.dispose();
    sourceRef.current = createCoverageSource(table, bundle.hromadas, bundle.facilities);
    cb.current.onSwap();
    cb.current.setReady(bundle, data);
  }, [ready, restored, demand, sourceRef]);
}
