/**
 * Relocate by road: buildRelocateProblem (./builders.ts) puts the movable units' own rows (what each reaches where it
 * stands) first, built by the straight line. With the road model in use this replaces those rows with rows by road
 * (./road-reach.ts, the movable units snapped like facilities), keeping the candidate sites' rows (already by road
 * when the problem was built with `road`).
 */
import type { DemandTable, Facility, FacilityType, ModelParams, Service } from '../types';
import { buildStructureFromRoads, type RoadReachSource } from './road-reach';
import { CsrBuilder } from './structure';
import type { PlanProblem } from './types';

export interface RelocateRoadInput {
  /** The table the problem was built from (its demand ids map the problem's units back to it). */
  demand: DemandTable;
  params: ModelParams;
  service: Service;
  /** Type of the movable units (their turnout). */
  type: FacilityType;
  /** The movable units, in the problem's order (its first candidates). */
  movable: readonly Facility[];
  road: RoadReachSource | null;
}

/**
 * The relocate problem with the movable units' rows by road; the problem unchanged when the road model is not in use
 * (no road, travelModel straight, distance mode).
 * @throws when the problem's first candidates are not the movable units
 */
export function relocateRowsByRoad(problem: PlanProblem, input: RelocateRoadInput): PlanProblem {
  const { demand, params, movable, road } = input;
  if (!road || params.travelModel !== 'road' || params.coverageMode === 'distance') return problem;
  const mv = movable.length;
  const c = problem.candidates;
  for (let k = 0; k < mv; k++)
    if (c.ids[k] !== movable[k]!.id) throw new Error(`relocate: candidate ${k} is ${c.ids[k]}, expected the movable unit ${movable[k]!.id}.`);
  const d = problem.demand;
  const index = new Map(demand.ids.map((id, i) => [id, i]));
  const demandIndex = Int32Array.from(d.ids, (id) => {
    const i = index.get(id);
    if (i === undefined) throw new Error(`relocate: demand id ${id} is not in the table.`);
    return i;
  });
  const own = buildStructureFromRoads({
    road,
    params,
    type: input.type,
    demandIndex,
    demand: {
      count: d.count,
      lon: Float64Array.from(demandIndex, (i) => demand.lon[i]!),
      lat: Float64Array.from(demandIndex, (i) => demand.lat[i]!),
      urban: Uint8Array.from(demandIndex, (i) => demand.urban[i]!),
    },
    candidates: { count: mv, lon: Float64Array.from(movable, (f) => f.lon), lat: Float64Array.from(movable, (f) => f.lat) },
    maxCost: d.threshold,
    reachCap: params.reachCapMin[input.service],
  }).structure;
  const s = problem.structure;
  const b = new CsrBuilder(s.candidateCount, s.demandCount, own.demand.length + s.demand.length - s.offsets[mv]!);
  for (let j = 0; j < s.candidateCount; j++) {
    const [src, row] = j < mv ? [own, j] : [s, j];
    for (let k = src.offsets[row]!; k < src.offsets[row + 1]!; k++) b.push(src.demand[k]!, src.cost[k]!);
    b.endRow();
  }
  return { ...problem, structure: b.finish(Math.max(own.reach, s.reach)) };
}
