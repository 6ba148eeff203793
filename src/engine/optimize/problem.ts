/**
 * Building a PlanProblem from the app's tables (demand units, hromadas, the current best minutes per unit) or from a
 * long travel-cost matrix made elsewhere; scope selection; turning proposed sites into planned facilities.
 */
import { buildStructureFromRoads, type RoadReachSource } from './road-reach';
import { buildStructureFromEntries, buildStructureFromPoints } from './structure';
import type { PlanObjective, PlanProblem, PlanResult } from './types';
import {
  isOccupiedCode,
  type DemandTable,
  type Facility,
  type FacilityType,
  type HromadaTable,
  type ModelParams,
  type Service,
} from '../types';

/** Which demand units to plan for. */
export type ScopeSpec =
  | { kind: 'country' }
  | { kind: 'oblast'; name: string }
  | { kind: 'raion'; name: string }
  | { kind: 'hromada'; codes: string[] };

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');
const stripSuffix = (s: string): string => norm(s).replace(/\s+(oblast|область|raion|район|obl\.?|р-н)$/u, '');

/**
 * Demand indices in a scope. Oblast and raion names match case-insensitively, with or without the word
 * "область"/"oblast"/"район"/"raion", in Ukrainian or (oblast) English; hromadas by KATOTTG code.
 * Throws naming the scope when nothing matches.
 */
export function selectScope(demand: DemandTable, hromadas: HromadaTable, scope: ScopeSpec): Int32Array {
  if (scope.kind === 'country') return Int32Array.from({ length: demand.count }, (_, i) => i);
  const inScope = new Uint8Array(hromadas.count);
  let matched = 0;
  if (scope.kind === 'hromada') {
    const want = new Set(scope.codes.map((c) => c.trim().toUpperCase()));
    for (let h = 0; h < hromadas.count; h++) {
      if (want.has(hromadas.codes[h]!.toUpperCase())) {
        inScope[h] = 1;
        matched++;
      }
    }
  } else {
    const want = stripSuffix(scope.name);
    for (let h = 0; h < hromadas.count; h++) {
      const names =
        scope.kind === 'oblast' ? [hromadas.oblasts[h] ?? '', hromadas.oblastsEn[h] ?? ''] : [hromadas.raions[h] ?? ''];
      if (names.some((n) => n !== '' && (stripSuffix(n) === want || norm(n) === norm(scope.name)))) {
        inScope[h] = 1;
        matched++;
      }
    }
  }
  if (matched === 0) {
    const what = scope.kind === 'hromada' ? scope.codes.join(',') : scope.name;
    throw new Error(`Scope ${scope.kind}:${what} matches no hromada.`);
  }
  const out: number[] = [];
  for (let i = 0; i < demand.count; i++) {
    const h = demand.hromada[i]!;
    if (h >= 0 && inScope[h]) out.push(i);
  }
  return Int32Array.from(out);
}

/** What dropping occupied territory took out of a scope (see {@link dropOccupied}). */
export interface OccupiedExclusion {
  /** Demand units and their people dropped. */
  units: number;
  people: number;
  /** Occupied hromadas those units belong to. */
  hromadas: number;
  /** Explicit candidate points dropped because their hromada is occupied (0 for settlement / cell candidates). */
  candidates: number;
}

/** True when hromada `h` is occupied by the table's status (a table without a status column: none is). */
export function isOccupiedHromada(hromadas: Pick<HromadaTable, 'status'>, h: number): boolean {
  const st = (hromadas as Partial<Pick<HromadaTable, 'status'>>).status;
  return h >= 0 && st !== undefined && isOccupiedCode(st[h] ?? 0);
}

/**
 * The units of `scope` outside occupied hromadas (HromadaTable.status, the territory list in use), and what was
 * dropped. Units outside every hromada are kept.
 */
export function dropOccupied(
  demand: DemandTable,
  hromadas: HromadaTable,
  scope: Int32Array,
): { scope: Int32Array; excluded: OccupiedExclusion } {
  const out: number[] = [];
  const occ = new Set<number>();
  let people = 0;
  for (const i of scope) {
    const h = demand.hromada[i]!;
    if (isOccupiedHromada(hromadas, h)) {
      occ.add(h);
      people += demand.population[i]!;
    } else out.push(i);
  }
  return {
    scope: out.length === scope.length ? scope : Int32Array.from(out),
    excluded: { units: scope.length - out.length, people, hromadas: occ.size, candidates: 0 },
  };
}

/** Parses `country`, `oblast:NAME`, `raion:NAME`, `hromada:CODE[,CODE…]`. */
export function parseScope(text: string): ScopeSpec {
  const t = text.trim();
  if (t === '' || t === 'country') return { kind: 'country' };
  const m = /^(oblast|raion|hromada):(.+)$/.exec(t);
  if (!m) throw new Error(`--scope "${text}": expected country, oblast:NAME, raion:NAME or hromada:KATOTTG.`);
  const kind = m[1]!;
  const rest = m[2]!.trim();
  if (kind === 'hromada')
    return {
      kind: 'hromada',
      codes: rest
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  return { kind: kind as 'oblast' | 'raion', name: rest };
}

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

/** One row of a long matrix `facility_id,demand_id,cost`. */
export interface MatrixRow {
  facilityId: string;
  demandId: string;
  cost: number;
}

export interface MatrixProblemInput {
  rows: MatrixRow[];
  /** Demand weights; default every demand id in the matrix with weight 1. Ids here but not in the matrix are unreachable. */
  demand?: { id: string; weight: number; name?: string }[];
  /** Coverage threshold in the matrix's unit. */
  radius: number;
  /** Facilities that stay open (existing); every other matrix facility is a candidate. */
  fixed?: string[];
  objective: PlanObjective;
  unit?: string;
  /** backup-coverage: second-unit threshold in the matrix unit (default radius). */
  radius2?: number;
  /**
   * expected-coverage: availability of every fixed facility (`--availability Q`); the problem's currentMissProb is
   * ∏(1 − Q) over the fixed facilities within the radius. Default: not set (see PlanProblem.demand.currentMissProb).
   */
  availability?: number;
}

/**
 * Builds a PlanProblem from a matrix made elsewhere: current cost = the cheapest fixed facility (Infinity if none);
 * candidates = matrix facilities not fixed; coverage objectives keep pairs with cost ≤ radius, p-median keeps all.
 * Throws naming the id when a matrix demand id is not in the demand list or a fixed id is not in the matrix.
 */
export function buildMatrixProblem(input: MatrixProblemInput): PlanProblem {
  if (!(input.radius >= 0) || !Number.isFinite(input.radius))
    throw new Error(`radius must be a number ≥ 0, got ${input.radius}.`);
  const demandIndex = new Map<string, number>();
  const ids: string[] = [];
  const names: string[] = [];
  const weights: number[] = [];
  if (input.demand) {
    for (const d of input.demand) {
      if (demandIndex.has(d.id)) throw new Error(`Demand id ${d.id} is listed twice.`);
      demandIndex.set(d.id, ids.length);
      ids.push(d.id);
      names.push(d.name ?? '');
      weights.push(d.weight);
    }
  }
  const facIndex = new Map<string, number>();
  const facIds: string[] = [];
  for (const r of input.rows) {
    if (!Number.isFinite(r.cost) || r.cost < 0)
      throw new Error(`Matrix pair ${r.facilityId} → ${r.demandId}: cost ${r.cost} is not a number ≥ 0.`);
    if (!demandIndex.has(r.demandId)) {
      if (input.demand) throw new Error(`Matrix demand id ${r.demandId} is not in the demand file.`);
      demandIndex.set(r.demandId, ids.length);
      ids.push(r.demandId);
      names.push('');
      weights.push(1);
    }
    if (!facIndex.has(r.facilityId)) {
      facIndex.set(r.facilityId, facIds.length);
      facIds.push(r.facilityId);
    }
  }
  const fixed = new Set(input.fixed ?? []);
  for (const f of fixed) if (!facIndex.has(f)) throw new Error(`Fixed facility ${f} is not in the matrix.`);
  const candIds = facIds.filter((f) => !fixed.has(f));
  const candIndex = new Map(candIds.map((f, k) => [f, k]));
  const n = ids.length;
  const current = new Float64Array(n).fill(Infinity);
  const current2 = new Float64Array(n).fill(Infinity);
  const miss = new Float64Array(n).fill(1);
  const q = input.availability === undefined ? 1 : 1 - Math.min(1, Math.max(0, input.availability));
  const radius2 = input.radius2 ?? input.radius;
  const entries: { facility: number; demand: number; cost: number }[] = [];
  const seenFixed = new Set<string>();
  for (const r of input.rows) {
    const i = demandIndex.get(r.demandId)!;
    if (fixed.has(r.facilityId)) {
      // A duplicate (facility, demand) pair counts once, at its smallest cost.
      const key = `${r.facilityId}\u0000${i}`;
      if (seenFixed.has(key)) {
        if (r.cost < current[i]!) current[i] = r.cost;
        continue;
      }
      seenFixed.add(key);
      if (r.cost < current[i]!) {
        current2[i] = current[i]!;
        current[i] = r.cost;
      } else if (r.cost < current2[i]!) current2[i] = r.cost;
      if (r.cost <= input.radius) miss[i]! *= q;
    } else {
      entries.push({ facility: candIndex.get(r.facilityId)!, demand: i, cost: r.cost });
    }
  }
  const structure = buildStructureFromEntries(
    candIds.length,
    n,
    entries,
    input.objective === 'p-median'
      ? Infinity
      : input.objective === 'backup-coverage'
        ? Math.max(input.radius, radius2)
        : input.radius,
  );
  const m = candIds.length;
  return {
    demand: {
      count: n,
      ids,
      names,
      weight: Float64Array.from(weights),
      current,
      threshold: new Float64Array(n).fill(input.radius),
      ...(input.objective === 'backup-coverage' ? { current2, threshold2: new Float64Array(n).fill(radius2) } : {}),
      ...(input.availability !== undefined ? { currentMissProb: miss } : {}),
    },
    candidates: {
      count: m,
      ids: candIds,
      names: candIds.slice(),
      hromadaCodes: new Array<string | null>(m).fill(null),
      lon: new Float64Array(m).fill(NaN),
      lat: new Float64Array(m).fill(NaN),
    },
    structure,
    unit: input.unit ?? 'cost',
    facilityType: null,
  };
}

/**
 * "Add as planned facilities": turns proposed sites into Facility objects with status `planned`, source `user:plan`,
 * placement `user` and a note saying the optimizer proposed them (and when inputs were estimated).
 * Ids are `plan-<n>-<candidate id>`; `idPrefix` changes `plan`.
 */
export function toPlannedFacilities(result: PlanResult, type: FacilityType, idPrefix = 'plan'): Facility[] {
  const what =
    result.objective === 'coverage'
      ? 'maximise population within the norm'
      : result.objective === 'min-facilities'
        ? 'fewest sites for the target share'
        : 'minimise population-weighted response time';
  return result.sites
    .filter((s) => Number.isFinite(s.lon) && Number.isFinite(s.lat))
    .map((s) => ({
      id: `${idPrefix}-${s.rank}-${s.id}`,
      name: s.name || s.id,
      type,
      status: 'planned' as const,
      lon: s.lon,
      lat: s.lat,
      hromadaCode: s.hromadaCode,
      source: 'user:plan',
      sourceUrl: '',
      placement: 'user' as const,
      note:
        `Proposed by the optimizer (${what}, ${result.method}), rank ${s.rank}: adds ${Math.round(s.marginal)}` +
        (result.objective === 'p-median' ? ' person-minutes saved' : ' people within the norm') +
        (s.estimated ? '; rests on estimated inputs (population or location), check on the ground.' : '.'),
    }));
}

/** A GeoJSON FeatureCollection of proposed sites (those with coordinates), for export and the map. */
export interface SitesGeoJSON {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: Record<string, string | number | boolean | null>;
  }[];
}

/**
 * Proposed sites as GeoJSON points with rank, id, name, hromada code, type, marginal, cumulative share, estimated
 * flag and a `marker-color` (red for estimated, blue otherwise) so any GeoJSON viewer shows them.
 */
export function sitesGeoJSON(result: PlanResult): SitesGeoJSON {
  return {
    type: 'FeatureCollection',
    features: result.sites
      .filter((s) => Number.isFinite(s.lon) && Number.isFinite(s.lat))
      .map((s) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [s.lon, s.lat] as [number, number] },
        properties: {
          rank: s.rank,
          id: s.id,
          name: s.name,
          hromada_code: s.hromadaCode,
          type: s.type,
          marginal: s.marginal,
          cumulative_share: s.cumulativeShare,
          estimated: s.estimated,
          estimated_share: s.estimatedShare,
          objective: result.objective,
          method: result.method,
          'marker-color': s.estimated ? '#d7301f' : '#2166ac',
        },
      })),
  };
}
