/**
 * A user travel-time matrix compiled to flat arrays: per demand unit the listed facilities, per facility the listed
 * demand units. Matrix minutes are road travel (driving) time; the engine adds the facility type's turnout, so a
 * listed pair's response time is `turnout(type) + matrix minutes` (the matrix replaces `60 × d × detour / speed`).
 */
import type { TravelMatrix } from './types';

/** A matrix that names ids the engine does not know, or holds an unusable value. */
export class MatrixError extends Error {
  constructor(
    message: string,
    readonly unknownFacilityIds: string[],
    readonly unknownDemandIds: string[],
  ) {
    super(message);
    this.name = 'MatrixError';
  }
}

export interface CompiledMatrix {
  /** Distinct facility ids listed, in first-seen order; "key" k below indexes this. */
  facilityIds: string[];
  keyOf: Map<string, number>;
  /** Per demand unit i: entries dStart[i] … dStart[i + 1] of dKey / dMin. */
  dStart: Int32Array;
  dKey: Int32Array;
  dMin: Float64Array;
  /** Per facility key k: entries fStart[k] … fStart[k + 1] of fDemand / fMin. */
  fStart: Int32Array;
  fDemand: Int32Array;
  fMin: Float64Array;
}

/** Builds a TravelMatrix from `[facilityId, demandId, minutes]` triples. */
export function travelMatrix(entries: Iterable<readonly [string, string, number]>): TravelMatrix {
  const minutes = new Map<string, number>();
  for (const [f, d, m] of entries) minutes.set(`${f}\u0000${d}`, m);
  return { minutes };
}

const MAX_LISTED = 10;

/**
 * Resolves ids and packs the matrix.
 * @throws MatrixError naming up to 10 unknown facility ids / demand ids, or a bad minutes value
 */
export function compileMatrix(matrix: TravelMatrix, demandIds: readonly string[], facilityIds: ReadonlySet<string>): CompiledMatrix {
  const demandIndex = new Map<string, number>();
  for (let i = 0; i < demandIds.length; i++) if (!demandIndex.has(demandIds[i]!)) demandIndex.set(demandIds[i]!, i);
  const keyOf = new Map<string, number>();
  const ids: string[] = [];
  const unknownF = new Set<string>();
  const unknownD = new Set<string>();
  const n = matrix.minutes.size;
  const eKey = new Int32Array(n);
  const eDemand = new Int32Array(n);
  const eMin = new Float64Array(n);
  let e = 0;
  for (const [key, minutes] of matrix.minutes) {
    const sep = key.indexOf('\u0000');
    if (sep < 0) throw new MatrixError(`Matrix key "${key}" is not "facilityId\\u0000demandId".`, [], []);
    const fid = key.slice(0, sep);
    const did = key.slice(sep + 1);
    if (!(Number.isFinite(minutes) && minutes >= 0))
      throw new MatrixError(`Matrix minutes for facility "${fid}" → demand "${did}" is ${minutes}; expected a finite number ≥ 0.`, [], []);
    const d = demandIndex.get(did);
    if (!facilityIds.has(fid)) unknownF.add(fid);
    if (d === undefined) unknownD.add(did);
    if (d === undefined || !facilityIds.has(fid)) continue;
    let k = keyOf.get(fid);
    if (k === undefined) {
      k = ids.length;
      keyOf.set(fid, k);
      ids.push(fid);
    }
    eKey[e] = k;
    eDemand[e] = d;
    eMin[e] = minutes;
    e++;
  }
  if (unknownF.size > 0 || unknownD.size > 0) {
    const parts: string[] = [];
    const list = (s: Set<string>) => [...s].slice(0, MAX_LISTED).map((x) => `"${x}"`).join(', ') + (s.size > MAX_LISTED ? ', …' : '');
    if (unknownF.size > 0) parts.push(`${unknownF.size} unknown facility id(s): ${list(unknownF)}`);
    if (unknownD.size > 0) parts.push(`${unknownD.size} unknown demand id(s): ${list(unknownD)}`);
    throw new MatrixError(`Travel-time matrix lists ${parts.join('; ')}.`, [...unknownF], [...unknownD]);
  }
  const nd = demandIds.length;
  const nk = ids.length;
  const dStart = new Int32Array(nd + 1);
  const fStart = new Int32Array(nk + 1);
  for (let j = 0; j < e; j++) {
    dStart[eDemand[j]! + 1]!++;
    fStart[eKey[j]! + 1]!++;
  }
  for (let i = 0; i < nd; i++) dStart[i + 1]! += dStart[i]!;
  for (let k = 0; k < nk; k++) fStart[k + 1]! += fStart[k]!;
  const dFill = dStart.slice(0, nd);
  const fFill = fStart.slice(0, nk);
  const dKey = new Int32Array(e);
  const dMin = new Float64Array(e);
  const fDemand = new Int32Array(e);
  const fMin = new Float64Array(e);
  for (let j = 0; j < e; j++) {
    const p = dFill[eDemand[j]!]!++;
    dKey[p] = eKey[j]!;
    dMin[p] = eMin[j]!;
    const q = fFill[eKey[j]!]!++;
    fDemand[q] = eDemand[j]!;
    fMin[q] = eMin[j]!;
  }
  return { facilityIds: ids, keyOf, dStart, dKey, dMin, fStart, fDemand, fMin };
}
