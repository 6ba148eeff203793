/**
 * The plan CLI's issue-14 objectives over the embedded data: what the engine gives each of them (second-best times,
 * existing miss probabilities, the units that stay), the budget's types and costs, the closure ranking, and the
 * extra outputs (moves.csv, closures.csv, closures.geojson).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoverageEngine } from '../engine/coverage';
import { bestMinutes, normFor } from '../engine/norms';
import {
  closuresPlanResult,
  buildBudgetProblem,
  buildPointsProblem,
  buildRelocateProblem,
  existingMissProb,
  isOccupiedHromada,
  rankClosures,
  type CandidatePoints,
  type ClosureRow,
  type PlanObjective,
  type PlanProblem,
  type PlanResult,
} from '../engine/optimize';
import { relocateRowsByRoad } from '../engine/optimize/road-relocate';
import { closureReach, closuresRoadNote } from '../engine/optimize/road-closures';
import type { RoadGraph } from '../engine/roads/graph';
import { FACILITY_TYPES, SERVICES_OF, type DemandTable, type Facility, type FacilityType, type HromadaTable, type ModelParams, type Service } from '../engine/types';

export interface PointsContext {
  demand: DemandTable;
  hromadas: HromadaTable;
  facilities: Facility[];
  params: ModelParams;
  service: Service;
  scope: Int32Array;
  candidates: 'settlements' | 'cells' | CandidatePoints;
  includeOccupied: boolean;
  reach: number;
  /** The road graph (--roads): the engines here attach it, and the problems are built by road when it is in use. */
  roads?: RoadGraph | null;
}

export interface ObjectiveArgs {
  objective: PlanObjective;
  type: FacilityType;
  /** --type was given (closures: rank that type only; otherwise every type of the service). */
  typeGiven: boolean;
  /** budget: types to choose from (default every type of the service with a cost). */
  types?: FacilityType[];
}

/** A CLI input problem (exit 2). */
export class ObjectiveInputError extends Error {}

/** The engine's per-unit state the count objectives and closures read. */
export function engineState(ctx: PointsContext, facilities: Facility[] = ctx.facilities) {
  const engine = new CoverageEngine(ctx.demand, ctx.hromadas, facilities, ctx.params);
  if (ctx.roads) engine.setRoadGraph(ctx.roads);
  const cov = engine.coverage(ctx.service);
  const current = bestMinutes(engine, ctx.service);
  const distance = ctx.params.coverageMode === 'distance';
  const current2 = distance
    ? Float64Array.from(cov.backup, (f, i) => (f >= 0 ? engine.pairKm(i, f) : Infinity))
    : cov.backupMinutes.slice();
  const slots = Array.from({ length: engine.slotCount }, (_, k) => engine.facility(k));
  const active = Uint8Array.from(slots, (_, k) => (engine.isActiveFor(k, ctx.service) ? 1 : 0));
  const threshold = normFor(ctx.demand, ctx.params, ctx.service);
  return { engine, cov, current, current2, slots, active, threshold };
}

/** Hromada indices of a scope (occupied ones dropped unless included). */
function scopeHromadas(ctx: PointsContext): Set<string> {
  const out = new Set<string>();
  for (const i of ctx.scope) {
    const h = ctx.demand.hromada[i]!;
    if (h < 0 || (!ctx.includeOccupied && isOccupiedHromada(ctx.hromadas, h))) continue;
    out.add(ctx.hromadas.codes[h]!.toUpperCase());
  }
  return out;
}

/** Builds the points problem of a count objective; notes what it took from the engine. */
export function countProblem(a: ObjectiveArgs, ctx: PointsContext, log: (s: string) => void): PlanProblem {
  const base = {
    demand: ctx.demand,
    hromadas: ctx.hromadas,
    scope: ctx.scope,
    params: ctx.params,
    service: ctx.service,
    candidates: ctx.candidates,
    reach: ctx.reach,
    includeOccupied: ctx.includeOccupied,
  };
  if (a.objective === 'relocate') {
    const inScope = scopeHromadas(ctx);
    const st0 = engineState(ctx);
    const movable = ctx.facilities.filter(
      (f, k) => f.type === a.type && st0.active[k] === 1 && f.hromadaCode !== null && inScope.has(f.hromadaCode.toUpperCase()),
    );
    if (movable.length === 0) throw new ObjectiveInputError(`relocate: no active ${a.type} in the scope to move (count assumed units: ${ctx.params.countAssumed}).`);
    const ids = new Set(movable.map((f) => f.id));
    const stay = engineState(
      ctx,
      ctx.facilities.filter((f) => !ids.has(f.id)),
    );
    log(`relocate: ${movable.length} ${a.type} units in the scope may move; the others stay`);
    const road = stay.engine.roadModel();
    const problem = buildRelocateProblem({ ...base, type: a.type, current: stay.current, movable, road });
    return relocateRowsByRoad(problem, { demand: ctx.demand, params: ctx.params, service: ctx.service, type: a.type, movable, road });
  }
  const st = engineState(ctx);
  const road = st.engine.roadModel();
  if (a.objective === 'budget') {
    const types =
      a.types ??
      FACILITY_TYPES.filter((t) => SERVICES_OF[t].includes(ctx.service) && ctx.params.costMUah[t] !== null);
    const priced = types.map((t) => {
      const c = ctx.params.costMUah[t];
      if (c === null || c === undefined) throw new ObjectiveInputError(`budget: no cost for ${t}: give --cost ${t}=MILLION_UAH.`);
      return { type: t, cost: c };
    });
    if (priced.length === 0) throw new ObjectiveInputError('budget: no facility type has a cost: give --cost TYPE=MILLION_UAH.');
    log(`budget: types ${priced.map((t) => `${t.type} ${t.cost} M UAH`).join(', ')}`);
    return buildBudgetProblem({ ...base, current: st.current, types: priced, road });
  }
  const problem = buildPointsProblem({
    ...base,
    type: a.type,
    objective: a.objective,
    current: st.current,
    current2: st.current2,
    road,
    currentMissProb:
      a.objective !== 'expected-coverage'
        ? undefined
        : road // the engine counts the units within the norm by road
          ? st.engine.missProbability(ctx.service).slice()
          : existingMissProb({ demand: ctx.demand, facilities: st.slots, active: st.active, params: ctx.params, threshold: st.threshold }),
  });
  return problem;
}

/** The closure ranking of the scope's existing units (of --type, or every type of the service), by road with --roads. */
export function closuresFor(a: ObjectiveArgs, ctx: PointsContext): { rows: ClosureRow[]; notes: string[]; total: number } {
  const st = engineState(ctx);
  const inScopeH = scopeHromadas(ctx);
  const counted = new Uint8Array(ctx.demand.count);
  for (let i = 0; i < ctx.demand.count; i++) counted[i] = ctx.includeOccupied || !isOccupiedHromada(ctx.hromadas, ctx.demand.hromada[i]!) ? 1 : 0;
  const inScope = new Uint8Array(ctx.demand.count);
  for (const i of ctx.scope) inScope[i] = counted[i]!;
  const country = ctx.scope.length === ctx.demand.count;
  const m1 = st.current;
  const input = { demand: ctx.demand, facilities: st.slots, active: st.active, params: ctx.params, threshold: st.threshold };
  // by road (--roads): nearest and backup are the engine's by road, each unit's reach too
  const road = st.engine.roadModel();
  const rows = rankClosures({
    ...input,
    reach: closureReach(input, road, ctx.params.reachCapMin[ctx.service]),
    nearest: st.cov.nearest,
    backup: st.cov.backup,
    m1,
    m2: st.current2,
    counted,
    inScope,
    rank: (k) => {
      const f = st.slots[k]!;
      if (a.typeGiven && f.type !== a.type) return false;
      return country || (f.hromadaCode !== null && inScopeH.has(f.hromadaCode.toUpperCase()));
    },
  });
  let total = 0;
  for (let i = 0; i < ctx.demand.count; i++) if (counted[i]) total += ctx.demand.population[i]!;
  const notes = [
    'Loss = people who fall outside the norm if this unit alone closes (their next-nearest unit is beyond the norm or missing); the others stay open. Counted over the whole controlled territory, also outside the scope.',
    'Expected loss = fall in expected people within the norm (unit availability by type, independence assumed).',
    `Units ranked: ${a.typeGiven ? a.type : `every ${ctx.service} type`}${country ? '' : ' standing in the scope'}; assumed units ${ctx.params.countAssumed ? 'counted' : 'not counted'}.`,
    ...(road ? [closuresRoadNote(road, ctx.params, rows, counted)] : []),
  ];
  return { rows, notes, total };
}

const cell = (v: unknown): string => {
  const s =
    v === null || v === undefined ? '' : typeof v === 'number' ? (Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : '') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const line = (cells: unknown[]): string => cells.map(cell).join(',');

/**
 * Writes closures.csv and closures.geojson (points coloured by loss; its `travelModel` member names the model, as
 * sites.geojson's does).
 */
export function writeClosures(rows: ClosureRow[], outDir: string, travelModel = 'straight-line'): void {
  const head = ['rank', 'id', 'name', 'type', 'hromada_code', 'lon', 'lat', 'loss', 'loss_in_scope', 'units_lost', 'expected_loss', 'first_due', 'assumed'];
  const out = [line(head), ...rows.map((r) => line([r.rank, r.id, r.name, r.type, r.hromadaCode ?? '', r.lon, r.lat, r.loss, r.lossInScope, r.unitsLost, r.expectedLoss, r.firstDue, r.assumed ? 1 : 0]))];
  writeFileSync(join(outDir, 'closures.csv'), out.join('\n') + '\n');
  const max = Math.max(1, ...rows.map((r) => r.loss));
  const colour = (x: number): string => (x <= 0 ? '#1a9850' : x / max < 0.25 ? '#fee08b' : x / max < 0.6 ? '#fc8d59' : '#d73027');
  const fc = {
    type: 'FeatureCollection',
    travelModel,
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: { rank: r.rank, id: r.id, name: r.name, type: r.type, loss: r.loss, expected_loss: r.expectedLoss, 'marker-color': colour(r.loss) },
    })),
  };
  writeFileSync(join(outDir, 'closures.geojson'), JSON.stringify(fc) + '\n');
}

/** Writes moves.csv (relocate). */
export function writeMoves(result: PlanResult, outDir: string): void {
  const head = ['rank', 'from_id', 'from_name', 'from_lon', 'from_lat', 'to_id', 'to_name', 'to_hromada_code', 'to_lon', 'to_lat', 'gain', 'cumulative_covered'];
  const rows = (result.moves ?? []).map((m) =>
    line([m.rank, m.fromId, m.fromName, m.fromLon, m.fromLat, m.toId, m.toName, m.toHromadaCode ?? '', m.toLon, m.toLat, m.gain, m.cumulativeCovered]),
  );
  writeFileSync(join(outDir, 'moves.csv'), [line(head), ...rows].join('\n') + '\n');
}

/** A PlanResult for a closure ranking (no sites; the ranking is in closures.csv). */
export function closuresResult(rows: ClosureRow[], notes: string[], total: number, timeMs: number): PlanResult {
  return closuresPlanResult(rows, { timeMs, weight: total, notes });
}
