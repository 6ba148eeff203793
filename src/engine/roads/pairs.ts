/**
 * Every (facility, demand unit) pair within a time limit under the travel model in use, as DRIVING minutes (turnout
 * not included: the long `facility_id,demand_id,minutes` matrix that `--matrix`, spopt and other tools read adds
 * its own). Road minutes (off-road legs + road) where both ends are on the road graph, the straight-line model
 * (km × detour / speed) elsewhere — the same mix as the engine's results. No O(N×M) scan: a bounded road search per
 * facility, and a KDBush box query over demand points for the straight-line part.
 */
import KDBush from 'kdbush';
import { haversineKm, minutesPerKm } from '../travel';
import type { DemandTable, Facility, ModelParams } from '../types';
import type { RoadTravel } from './model';

const KM_PER_DEG = (6371.0088 * Math.PI) / 180;

export interface PairInputs {
  demand: DemandTable;
  /** Facilities by slot (null: empty slot). */
  facilities: readonly (Facility | null)[];
  params: ModelParams;
  /** The engine's road model when it is in use, else null. */
  road: RoadTravel | null;
  /** Largest driving minutes to list. */
  limit: number;
}

/**
 * Calls `visit(slot, unit, minutes)` once per pair within the limit, facility by facility.
 * @example forEachPair({ demand, facilities, params, road: engine.roadModel(), limit: 60 }, (f, i, m) => rows.push(...))
 */
export function forEachPair(inp: PairInputs, visit: (slot: number, unit: number, minutes: number) => void): void {
  const { demand, params: p, road, limit } = inp;
  const index = new KDBush(Math.max(1, demand.count), 64, Float64Array);
  for (let i = 0; i < demand.count; i++) index.add(demand.lon[i]!, demand.lat[i]!);
  if (demand.count === 0) index.add(1e9, 1e9);
  index.finish();
  const mpkU = minutesPerKm(p, 1);
  const mpkR = minutesPerKm(p, 0);
  const reachKm = limit / Math.min(mpkU, mpkR);
  inp.facilities.forEach((f, slot) => {
    if (!f) return;
    const node = road && slot < road.fnode.length ? road.fnode[slot]! : -1;
    if (road && node >= 0)
      road.bounded.run(road.graph, road.w, node, road.fleg[slot]!, limit, (v, d) =>
        road.unitsAt(v, (i) => {
          const m = d + road.unitLeg[i]!;
          if (m <= limit) visit(slot, i, m);
        }),
      );
    // the straight line: every unit when the facility is off the graph, else the units off it
    const dLat = reachKm / KM_PER_DEG + 1e-6;
    const top = Math.min(89.9, Math.abs(f.lat) + dLat);
    const dLon = Math.min(180, dLat / Math.cos((top * Math.PI) / 180));
    const ids = index.range(f.lon - dLon, f.lat - dLat, f.lon + dLon, f.lat + dLat).filter((i) => i < demand.count);
    ids.sort((a, b) => a - b);
    for (const i of ids) {
      if (road && node >= 0 && road.onGraph[i]) continue;
      const m = (demand.urban[i] ? mpkU : mpkR) * haversineKm(demand.lon[i]!, demand.lat[i]!, f.lon, f.lat);
      if (m <= limit) visit(slot, i, m);
    }
  });
}
