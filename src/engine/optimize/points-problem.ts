/**
 * Building a PlanProblem from the app's tables (demand units, hromadas, the current best minutes per unit): scope,
 * candidates (settlements, cells or user points), thresholds, and the coverage structure (straight line or by road).
 */
import { buildStructureFromRoads, type RoadReachSource } from './road-reach';
import { dropOccupied, isOccupiedHromada, type OccupiedExclusion } from './scope';
import { buildStructureFromPoints } from './structure';
import type { PlanObjective, PlanProblem } from './types';
import type { DemandTable, FacilityType, HromadaTable, ModelParams, Service } from '../types';

/** Candidate sites given as points (a user file). */
export interface CandidatePoints {
  ids: string[];
  names: string[];
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
  hromadaCodes?: (string | null)[];
  /** 1 where the location is estimated. */
  estimated?: ArrayLike<number>;
}

export interface PointsProblemInput {
  demand: DemandTable;
  hromadas: HromadaTable;
  /** Demand indices to plan for (selectScope); default all. */
  scope?: Int32Array;
  /**
   * Current best cost per demand unit of the whole table (length demand.count) from the existing facilities that
   * stay: minutes in time mode, km in distance mode; Infinity where none. The engine's ServiceCoverage.minutes.
   */
  current: Float64Array;
  params: ModelParams;
  service: Service;
  /** Type of the new facilities (its turnout counts). */
  type: FacilityType;
  /**
   * `settlements` (default): located settlements inside the scope; `cells`: areal cell centres inside the scope
   * (estimated locations); or explicit points.
   */
  candidates?: 'settlements' | 'cells' | CandidatePoints;
  objective: PlanObjective;
  /**
   * Largest cost the structure keeps for p-median (minutes/km). Default 2 × the largest norm. Coverage objectives
   * keep pairs within each unit's norm.
   */
  reach?: number;
  /**
   * Plan for occupied territory too. Default false: demand units of occupied hromadas (HromadaTable.status, the
   * territory list in use) are left out of the demand optimised, and so are candidates there (settlement and cell
   * candidates come from the scope; explicit points whose hromada code is occupied are dropped). PlanProblem.notes
   * (copied into PlanResult.notes) say how many units, people and candidates were left out.
   */
  includeOccupied?: boolean;
  /**
   * backup-coverage: second-best existing cost per demand unit of the whole table (the engine's
   * ServiceCoverage.backupMinutes; km in distance mode). Required for that objective.
   */
  current2?: Float64Array;
  /**
   * expected-coverage: ∏(1 − a) over the existing units within each unit's norm, per demand unit of the whole table
   * (existingMissProb or the engine's). Default: see PlanProblem.demand.currentMissProb.
   */
  currentMissProb?: Float64Array;
  /**
   * The engine's road model (`engine.roadModel()`, configured with these params) when the road network is in use:
   * with `travelModel: 'road'` in time mode the structure is built by road (./road-reach.ts; units and sites off the
   * graph keep the straight line) and a note says so. Null or absent: straight line.
   */
  road?: RoadReachSource | null;
}

/**
 * Builds a PlanProblem over a scope of the app's demand. Thresholds are the norm of each unit's urban/rural class for
 * the service (or `coverageKm` in distance mode); costs follow the travel formula for the new facilities' type.
 * Demand with an estimated population (derivation ≠ official) is flagged so proposals resting on it say so.
 */
export function buildPointsProblem(input: PointsProblemInput): PlanProblem {
  const { demand, hromadas, params, service, type, objective } = input;
  if (input.current.length !== demand.count) {
    throw new Error(`current has ${input.current.length} entries when expected ${demand.count} (one per demand unit).`);
  }
  const fullScope = input.scope ?? Int32Array.from({ length: demand.count }, (_, i) => i);
  const notes: string[] = [];
  let excluded: OccupiedExclusion | null = null;
  let scope = fullScope;
  if (!input.includeOccupied) {
    const d = dropOccupied(demand, hromadas, fullScope);
    scope = d.scope;
    excluded = d.excluded;
  }
  const n = scope.length;
  const distance = params.coverageMode === 'distance';
  const normU = distance ? params.coverageKm : params.normMin[service].urban;
  const normR = distance ? params.coverageKm : params.normMin[service].rural;
  const weight = new Float64Array(n);
  const current = new Float64Array(n);
  const threshold = new Float64Array(n);
  const estimated = new Uint8Array(n);
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const urban = new Uint8Array(n);
  const ids: string[] = [];
  const names: string[] = [];
  for (let s = 0; s < n; s++) {
    const i = scope[s]!;
    weight[s] = demand.population[i]!;
    current[s] = input.current[i]!;
    threshold[s] = demand.urban[i] ? normU : normR;
    estimated[s] = demand.derivation[i] === 0 ? 0 : 1;
    lon[s] = demand.lon[i]!;
    lat[s] = demand.lat[i]!;
    urban[s] = demand.urban[i]!;
    ids.push(demand.ids[i]!);
    names.push(demand.names[i] ?? '');
  }
  const backup = objective === 'backup-coverage';
  if (backup && !input.current2) throw new Error('backup-coverage needs current2 (the engine\'s backup minutes).');
  for (const [name, arr] of [
    ['current2', input.current2],
    ['currentMissProb', input.currentMissProb],
  ] as const) {
    if (arr && arr.length !== demand.count) throw new Error(`${name} has ${arr.length} entries when expected ${demand.count}.`);
  }
  const norm2U = distance ? params.coverageKm : params.secondNormMin[service].urban;
  const norm2R = distance ? params.coverageKm : params.secondNormMin[service].rural;
  // Plain loops (TypedArray.from with a map function is slow on national scopes).
  const fromScope = (f: (i: number) => number): Float64Array => {
    const out = new Float64Array(n);
    for (let s = 0; s < n; s++) out[s] = f(scope[s]!);
    return out;
  };
  const threshold2 = fromScope((i) => (demand.urban[i] ? norm2U : norm2R));
  const cur2 = input.current2;
  const current2 = cur2 ? fromScope((i) => cur2[i]!) : undefined;
  const miss = input.currentMissProb;
  const missProb = miss ? fromScope((i) => miss[i]!) : undefined;

  const hromadaCode = (h: number): string | null => (h >= 0 ? (hromadas.codes[h] ?? null) : null);
  let cand: PlanProblem['candidates'];
  let candUnit: Int32Array | undefined; // demand-table unit each candidate stands on (settlements, cells)
  const spec = input.candidates ?? 'settlements';
  if (spec === 'settlements' || spec === 'cells') {
    const kind = spec === 'settlements' ? 0 : 1;
    const idx: number[] = [];
    // Settlements: located settlements and the cells of cities of 50,000+ (a city is many cells, and a station can
    // stand anywhere in it: each cell centre is a real point inside the city's footprint).
    const city = demand.city;
    for (let s = 0; s < n; s++) {
      const i = scope[s]!;
      if (demand.kind[i] === kind || (kind === 0 && city !== undefined && city[i]! >= 0)) idx.push(i);
    }
    candUnit = Int32Array.from(idx);
    cand = {
      count: idx.length,
      ids: idx.map((i) => demand.ids[i]!),
      names: idx.map((i) => demand.names[i] ?? ''),
      hromadaCodes: idx.map((i) => hromadaCode(demand.hromada[i]!)),
      lon: Float64Array.from(idx.map((i) => demand.lon[i]!)),
      lat: Float64Array.from(idx.map((i) => demand.lat[i]!)),
      // cells of `cells` candidates are estimated locations (where unlocated villages may be); city cells are not
      estimated: Uint8Array.from(idx, (i) => (demand.kind[i] === 1 && !(city !== undefined && city[i]! >= 0) ? 1 : 0)),
    };
  } else {
    const c = spec;
    const m = c.ids.length;
    if (c.lon.length !== m || c.lat.length !== m)
      throw new Error(`Candidate points: ${m} ids but ${c.lon.length} lon, ${c.lat.length} lat.`);
    let keep = Int32Array.from({ length: m }, (_, k) => k);
    if (excluded && c.hromadaCodes) {
      const byCode = new Map<string, number>();
      hromadas.codes.forEach((code, h) => byCode.set(code.toUpperCase(), h));
      const occupiedAt = (k: number): boolean => {
        const code = c.hromadaCodes![k];
        return code !== null && code !== undefined && isOccupiedHromada(hromadas, byCode.get(code.trim().toUpperCase()) ?? -1);
      };
      keep = keep.filter((k) => !occupiedAt(k));
      excluded.candidates = m - keep.length;
    }
    const pick = <T>(a: ArrayLike<T>): T[] => Array.from(keep, (k) => a[k]!);
    cand = {
      count: keep.length,
      ids: pick(c.ids),
      names: pick(c.names),
      hromadaCodes: c.hromadaCodes ? Array.from(keep, (k) => c.hromadaCodes![k] ?? null) : new Array<string | null>(keep.length).fill(null),
      lon: Float64Array.from(pick(c.lon)),
      lat: Float64Array.from(pick(c.lat)),
      estimated: c.estimated ? Uint8Array.from(pick(c.estimated)) : new Uint8Array(keep.length),
    };
  }
  if (excluded && (excluded.units > 0 || excluded.candidates > 0)) {
    notes.push(
      `Occupied territory left out (territory list in use): ${excluded.units} demand units, ${Math.round(excluded.people)} people ` +
        `in ${excluded.hromadas} occupied hromadas are not in the demand optimised, and no site is proposed there` +
        (excluded.candidates > 0 ? ` (${excluded.candidates} candidate points dropped)` : '') +
        '. Plan with includeOccupied (--include-occupied) to include them.',
    );
  } else if (input.includeOccupied) {
    let units = 0;
    for (const i of fullScope) if (isOccupiedHromada(hromadas, demand.hromada[i]!)) units++;
    if (units > 0) notes.push(`Occupied territory included on request: ${units} demand units of occupied hromadas are planned for.`);
  }

  const maxNorm = Math.max(normU, normR);
  const points = {
    demand: { count: n, lon, lat, urban },
    candidates: { count: cand.count, lon: cand.lon, lat: cand.lat },
    params,
    type,
    maxCost:
      objective === 'p-median'
        ? (input.reach ?? 2 * maxNorm)
        : backup
          ? Float64Array.from(threshold, (t, s) => Math.max(t, threshold2[s]!))
          : threshold,
  };
  let structure;
  if (input.road && params.travelModel === 'road' && !distance) {
    const r = buildStructureFromRoads({ ...points, road: input.road, demandIndex: scope, candidateUnit: candUnit, reachCap: params.reachCapMin[service] });
    structure = r.structure;
    notes.push(roadNote(input.road, r.stats, n, cand.count, params));
  } else structure = buildStructureFromPoints({ ...points, metric: distance ? 'distance' : 'time' });
  return {
    demand: {
      count: n,
      ids,
      names,
      weight,
      current,
      threshold,
      estimated,
      ...(backup ? { current2, threshold2 } : {}),
      ...(missProb ? { currentMissProb: missProb } : {}),
    },
    candidates: cand,
    structure,
    unit: distance ? 'km' : 'min',
    facilityType: type,
    notes,
    occupiedExcluded: excluded,
  };
}

/** The note of a plan built by road: which travel model, how much of it is on the graph. */
function roadNote(road: RoadReachSource, st: { candidatesOnGraph: number; demandOnGraph: number }, n: number, m: number, p: ModelParams): string {
  const meta = road.graph.meta;
  return (
    `Travel model: ROAD NETWORK (graph from ${meta.source || 'unknown'}${meta.osmTimestamp ? `, OSM data of ${meta.osmTimestamp}` : ''}): ` +
    `minutes = turnout + off-road legs at ${p.roads.offRoadKmh} km/h + road minutes between snapped nodes. ` +
    `${st.candidatesOnGraph} of ${m} candidate sites and ${st.demandOnGraph} of ${n} demand units lie within ${p.roads.snapMaxKm} km of a road node; ` +
    'pairs with either end off the graph use the straight-line model.'
  );
}
