/**
 * Incremental what-if edits on the page: patch a copy of the page's CoverageResult with the coverage worker's `edit`
 * answer (changed units and hromadas only) instead of recomputing everything, and measure what the edit changed.
 * Pure: no DOM, no worker; tested against a full recompute in test/planner/result-patch.test.ts.
 */
import {
  SERVICES,
  type Facility,
  type HromadaStats,
  type OblastTotals,
  type Service,
  type ServiceCoverage,
  isOccupiedCode,
} from '../engine/types';
import { STATS_FIELDS, sumTotals } from '../engine/stats';
import type { FacilityEdit } from '../io/scenario';
import type { CoverageResult, ServiceResult } from './coverage-result';
import { copyCoverage, copyUnitResults, type EditRequest, type EditResponse, type UnitResults } from '../worker/protocol';

/** The scenario's FacilityEdit as the worker's EditRequest (`changes` → `patch`). */
export function toEditRequest(edit: FacilityEdit): EditRequest {
  switch (edit.op) {
    case 'add':
      return { op: 'add', facility: edit.facility };
    case 'move':
      return { op: 'move', id: edit.id, lon: edit.lon, lat: edit.lat };
    case 'remove':
      return { op: 'remove', id: edit.id };
    case 'update':
      return { op: 'update', id: edit.id, patch: edit.changes };
  }
}

/** What a result was computed from, to tell a single appended edit from any other change. */
export interface ScenarioKey {
  paramsKey: string;
  facilityImports: readonly unknown[];
  facilityEdits: readonly FacilityEdit[];
}

/**
 * The one edit appended to `prev`'s edits to make `next`'s (same parameters, same imports, same earlier edits by
 * identity), or null when `next` differs otherwise (then recompute in full).
 */
export function appendedEdit(prev: ScenarioKey | null, next: ScenarioKey): FacilityEdit | null {
  if (!prev || prev.paramsKey !== next.paramsKey || prev.facilityImports !== next.facilityImports) return null;
  if (next.facilityEdits.length !== prev.facilityEdits.length + 1) return null;
  for (let k = 0; k < prev.facilityEdits.length; k++) if (prev.facilityEdits[k] !== next.facilityEdits[k]) return null;
  return next.facilityEdits[next.facilityEdits.length - 1] ?? null;
}

function patchCoverage(c: ServiceCoverage, demand: Int32Array, p: EditResponse['coverage'][Service]): ServiceCoverage {
  const out = copyCoverage(c);
  for (let k = 0; k < demand.length; k++) {
    const i = demand[k]!;
    out.nearest[i] = p.nearest[k]!;
    out.minutes[i] = p.minutes[k]!;
    out.backup[i] = p.backup[k]!;
    out.backupMinutes[i] = p.backupMinutes[k]!;
    out.covered[i] = p.covered[k]!;
  }
  return out;
}

/** Second-unit flags and miss probabilities patched at the changed units (null when the base has none). */
function patchUnits(u: UnitResults | undefined, demand: Int32Array, p: EditResponse['coverage'][Service]): UnitResults | undefined {
  if (!u) return undefined;
  const out = copyUnitResults(u);
  for (let k = 0; k < demand.length; k++) {
    const i = demand[k]!;
    out.secondCovered[i] = p.secondCovered[k]!;
    out.missProb[i] = p.missProb[k]!;
  }
  return out;
}

function patchStats(s: HromadaStats, hromadas: Int32Array, p: EditResponse['stats'][Service]): HromadaStats {
  const out = { ...s };
  for (const key of STATS_FIELDS) {
    const a = s[key].slice();
    const v = p[key];
    for (let k = 0; k < hromadas.length; k++) a[hromadas[k]!] = v[k]!;
    (out as Record<(typeof STATS_FIELDS)[number], Float64Array | Int32Array>)[key] = a;
  }
  return out;
}

/** Hromada attributes the oblast totals need: oblast name and territory status per hromada. */
export interface OblastKeys {
  oblasts: readonly string[];
  /** TERRITORY_STATUSES codes (absent: none occupied). */
  status?: Uint8Array;
}

/** Oblast totals recomputed from the patched stats for the oblasts `hromadas` touch (same summation as the engine). */
function patchOblasts(list: OblastTotals[], stats: HromadaStats, hromadas: Int32Array, keys: OblastKeys): OblastTotals[] {
  const oblastOf = keys.oblasts;
  const touched = new Set<string>();
  for (const h of hromadas) if (h < oblastOf.length) touched.add(oblastOf[h]!);
  if (touched.size === 0) return list;
  const occupied = Uint8Array.from(oblastOf, (_o, h) => (isOccupiedCode(keys.status?.[h] ?? 0) ? 1 : 0));
  return list.map((o) => {
    if (!touched.has(o.oblast)) return o;
    const group = Int32Array.from(oblastOf, (name) => (name === o.oblast ? 1 : 0));
    return {
      ...o,
      ...sumTotals(stats, 0, oblastOf.length, group, 1, occupied, 0),
      occupied: sumTotals(stats, 0, oblastOf.length, group, 1, occupied, 1),
    };
  });
}

/** slot → index into `next` for every slot, after the edited slot took `facility` (null: emptied). */
function remapSlots(
  base: CoverageResult,
  slot: number,
  facility: Facility | null,
  next: readonly Facility[],
): Int32Array {
  const old = base.services.fire.slotToFacility;
  const index = new Map(next.map((f, i) => [f.id, i]));
  const n = Math.max(old.length, slot + 1);
  const out = new Int32Array(n).fill(-1);
  for (let s = 0; s < n; s++) {
    const id = s === slot ? (facility?.id ?? null) : (base.facilities[old[s] ?? -1]?.id ?? null);
    out[s] = id === null ? -1 : (index.get(id) ?? -1);
  }
  return out;
}

/**
 * A new CoverageResult: `base` with the edit's patches applied (copies; `base` is not changed), `facilities` = `next`
 * (the scenario's list after the edit).
 * @param keys oblast name and territory status per hromada (the HromadaTable), to refresh the oblast totals the edit touched
 * @example setResult(patchResult(result, await client.edit(req), nextFacilities, hromadas))
 */
export function patchResult(
  base: CoverageResult,
  resp: EditResponse,
  next: Facility[],
  keys: OblastKeys,
  elapsedMs = 0,
): CoverageResult {
  const slotToFacility = remapSlots(base, resp.result.slot, resp.facility, next);
  const services = {} as Record<Service, ServiceResult>;
  for (const s of SERVICES) {
    const b = base.services[s];
    const stats = patchStats(b.stats, resp.result.hromadas, resp.stats[s]);
    const units = patchUnits(b.units, resp.result.demand, resp.coverage[s]);
    services[s] = {
      coverage: patchCoverage(b.coverage, resp.result.demand, resp.coverage[s]),
      stats,
      totals: resp.totals[s],
      occupiedTotals: resp.occupiedTotals[s],
      oblastTotals: patchOblasts(b.oblastTotals, stats, resp.result.hromadas, keys),
      slotToFacility,
      ...(units ? { units } : {}),
    };
  }
  return { params: base.params, facilities: next, services, elapsedMs };
}

/** Change in population within the norm made by one edit, for one service. */
export interface EditDelta {
  service: Service;
  /** National change (people). */
  nation: number;
  /** National population within the norm after the edit. */
  nationAfter: number;
  /** Hromadas whose population within the norm changed, largest change first. */
  hromadas: { index: number; delta: number; after: number; share: number }[];
  /** Time from sending the edit to the patched result, ms. */
  elapsedMs: number;
}

/** What the edit changed between `before` and `after` (results that differ by that one edit). */
export function editDelta(
  before: CoverageResult,
  after: CoverageResult,
  hromadas: Int32Array,
  service: Service,
): EditDelta {
  const b = before.services[service];
  const a = after.services[service];
  const list: EditDelta['hromadas'] = [];
  for (const h of hromadas) {
    const d = a.stats.coveredPopulation[h]! - b.stats.coveredPopulation[h]!;
    if (h < a.stats.coveredPopulation.length && d !== 0)
      list.push({ index: h, delta: d, after: a.stats.coveredPopulation[h]!, share: a.stats.share[h]! });
  }
  list.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.index - y.index);
  return {
    service,
    nation: a.totals.coveredPopulation - b.totals.coveredPopulation,
    nationAfter: a.totals.coveredPopulation,
    hromadas: list,
    elapsedMs: after.elapsedMs,
  };
}
