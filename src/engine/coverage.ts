/**
 * The coverage engine: for every demand unit and service, the nearest and second-nearest facility in response
 * minutes, the covered flag, and per-hromada / oblast / national statistics; updated incrementally when one
 * facility is added, moved, retyped or removed.
 *
 * How the search stays exact without an O(N×M) scan: facilities of each service sit in a uniform lon/lat grid;
 * a demand unit visits rings of cells outward and stops when a conservative lower bound on the response time of
 * anything farther out (the smallest turnout of the service + a great-circle lower bound × the unit's minutes per
 * km) exceeds its current backup. Candidates are scored with the exact formula, so results equal the brute force
 * ({@link bruteForceCoverage}) bit for bit. Ties in minutes go to the lower facility slot.
 */
import { firstDueFromUnits, type FirstDueFrom } from './cross-border';
import { statsView, sumTotals } from './stats';
import {
  DEFAULT_PARAMS,
  SERVICES,
  type DemandTable,
  type Facility,
  type HromadaStats,
  type HromadaTable,
  type ModelParams,
  type OblastTotals,
  type Service,
  type ServiceCoverage,
  type Totals,
  type TravelMatrix,
} from './types';
import { occupiedFlags } from './engine-state';
import { EngineEdits } from './engine-edits';

/**
 * Computes and maintains coverage for a demand table and a facility list.
 *
 * Facilities live in slots, in the order given; `nearest`/`backup` are slots. Adding appends a slot; removing
 * leaves the slot empty (`facility(slot) === null`) so other units' slots stay valid — call
 * `setFacilities(engine.liveFacilities())` to compact. Inactive facilities (other service, or planned without
 * `includePlanned`) keep their slot but are never chosen.
 *
 * All result arrays are live views owned by the engine: they change on every edit or recompute. Copy them
 * (`slice()`) before transferring them to another thread.
 *
 * @example
 * const engine = new CoverageEngine(demand, hromadas, facilities); // DEFAULT_PARAMS, computes at once
 * engine.coverage('fire').minutes[0];          // minutes to the nearest fire facility of demand unit 0
 * engine.stats('fire').share[h];               // covered share of hromada h
 * const r = engine.addFacility({ ...f, id: 'user-1', type: 'local_fire_department' });
 * r.demand; r.hromadas;                        // what to redraw
 */
export class CoverageEngine extends EngineEdits {
  /**
   * @param demand demand units (located settlements and areal cells)
   * @param hromadas the hromada table DemandTable.hromada indexes
   * @param facilities facilities in slot order (ids must be unique)
   * @param params planning assumptions; default {@link DEFAULT_PARAMS}
   * @param matrix optional travel-time matrix (see {@link compileMatrix}); throws MatrixError on unknown ids
   */
  constructor(
    demand: DemandTable,
    hromadas: HromadaTable,
    facilities: readonly Facility[],
    params: ModelParams = DEFAULT_PARAMS,
    matrix: TravelMatrix | null = null,
  ) {
    super(demand, hromadas, params);
    this.loadFacilities(facilities);
    this.setMatrixInternal(matrix);
    this.compute();
  }

  // ───────────────────────────── results ─────────────────────────────

  /** A copy of the current parameters. */
  get params(): ModelParams {
    return structuredClone(this.p);
  }

  /** Number of facility slots (including emptied ones). */
  get slotCount(): number {
    return this.slots.length;
  }

  /** The facility in a slot, or null if removed / out of range. */
  facility(slot: number): Facility | null {
    return this.slots[slot] ?? null;
  }

  /** The live facilities in slot order. */
  liveFacilities(): Facility[] {
    return this.slots.filter((f): f is Facility => f !== null);
  }

  /**
   * Number of facilities active for a service. 0 is the "no facilities of this service" flag: then every unit has
   * nearest -1, minutes Infinity and covered 0.
   */
  activeCount(service: Service): number {
    const st = this.state(service);
    let n = 0;
    for (let s = 0; s < this.slots.length; s++) n += st.active[s]!;
    return n;
  }

  /** Whether slot is active for the service (serves it; opened, or planned with includePlanned). */
  isActiveFor(slot: number, service: Service): boolean {
    return slot < this.slots.length && this.st[SERVICES.indexOf(service)]!.active[slot] === 1;
  }

  /** Per-unit results of a service (live arrays, see class note). */
  coverage(service: Service): ServiceCoverage {
    return this.state(service).coverageView;
  }

  /** Per-unit results of both services. */
  results(): Record<Service, ServiceCoverage> {
    return { fire: this.coverage('fire'), police: this.coverage('police') };
  }

  /**
   * Straight-line km of the ranking metric of the nearest facility in distance mode (what `covered` compares to
   * coverageKm); in time mode the nearest's response minutes.
   */
  rankingMetric(service: Service): Float64Array {
    return this.state(service).m1;
  }

  /** Per-hromada statistics of a service, indexed like the HromadaTable (live arrays). */
  stats(service: Service): HromadaStats {
    return this.state(service).statsView;
  }

  /** Statistics of the demand units outside every hromada, as a one-entry HromadaStats. */
  outsideStats(service: Service): HromadaStats {
    return statsView(this.state(service).statsAll, this.nh);
  }

  /**
   * National totals of a service for the territory under Ukrainian control: every demand unit but those of
   * occupied hromadas (see {@link occupiedTotals}); units outside every hromada count here.
   */
  totals(service: Service): Totals {
    const a = this.state(service).statsAll;
    return sumTotals(a, 0, this.nh + 1, null, -1, this.occupied, 0);
  }

  /** National totals of a service over occupied hromadas only (reported beside the controlled totals). */
  occupiedTotals(service: Service): Totals {
    const a = this.state(service).statsAll;
    return sumTotals(a, 0, this.nh, null, -1, this.occupied, 1);
  }

  /**
   * Totals per oblast (in order of first appearance in the HromadaTable) for controlled territory, with the oblast's
   * occupied hromadas in `occupied`.
   */
  oblastTotals(service: Service): OblastTotals[] {
    const a = this.state(service).statsAll;
    return this.oblastNames.map((oblast, o) => ({
      oblast,
      oblastEn: this.oblastNamesEn[o]!,
      ...sumTotals(a, 0, this.nh, this.oblastOf, o, this.occupied, 0),
      occupied: sumTotals(a, 0, this.nh, this.oblastOf, o, this.occupied, 1),
    }));
  }

  /**
   * Sets the territory status per hromada (TERRITORY_STATUSES codes, as HromadaTable.status) from the list in use.
   * Only the split of totals between controlled and occupied territory changes; per-unit results do not.
   */
  setTerritory(status: Uint8Array): void {
    if (status.length !== this.nh)
      throw new Error(`Territory status has ${status.length} entries, expected ${this.nh} (one per hromada).`);
    this.hromadas.status = status;
    this.occupied = occupiedFlags(status, this.nh);
  }

  /** 1 per hromada when occupied in the list in use. */
  occupiedFlags(): Uint8Array {
    return this.occupied;
  }

  /** 1 per slot when the slot holds an assumed (illustrative) facility. */
  assumedSlots(): Uint8Array {
    return this.fassumed.subarray(0, this.slots.length);
  }

  /** Population whose first-due (nearest) facility is each slot, for a service. */
  servedPopulation(service: Service): Float64Array {
    const st = this.state(service);
    const out = new Float64Array(this.slots.length);
    for (let i = 0; i < this.n; i++) {
      const f = st.nearest[i]!;
      if (f >= 0) out[f]! += this.demand.population[i]!;
    }
    return out;
  }

  /** Facilities serving hromada h first-due within the reach cap, with the population each serves there, largest first. */
  firstDue(service: Service, h: number): { slot: number; population: number }[] {
    const st = this.state(service);
    const cap = this.p.reachCapMin[service];
    const by = new Map<number, number>();
    for (let k = this.hStart[h]!; k < this.hStart[h + 1]!; k++) {
      const i = this.hUnits[k]!;
      const f = st.nearest[i]!;
      // a unit reaching people only beyond the reach cap does not reach them: it is nobody's first-due
      if (f >= 0 && st.minutes[i]! <= cap) by.set(f, (by.get(f) ?? 0) + this.demand.population[i]!);
    }
    return [...by]
      .map(([slot, population]) => ({ slot, population }))
      .sort((a, b) => b.population - a.population || a.slot - b.slot);
  }

  /**
   * Per demand unit, the probability that no active unit within its norm is available: ∏(1 − a_type) over the active
   * facilities within the norm (time mode: minutes ≤ the arrival norm of its class; distance mode: km ≤ coverageKm),
   * a = ModelParams.availability, units assumed independent; 1 when none is within the norm. Expected coverage is
   * `1 − missProbability[i]`. Live array (see the class note).
   */
  missProbability(service: Service): Float64Array {
    return this.state(service).avail.missProb;
  }

  /**
   * Per demand unit and facility type (stride FACILITY_TYPES.length, in that order), the number of active facilities
   * within the unit's norm — what missProbability is computed from. Live array.
   */
  unitsWithinNorm(service: Service): Int32Array {
    return this.state(service).avail.counts;
  }

  /**
   * 1 per demand unit covered twice: the second-nearest distinct active unit (coverage(service).backupMinutes) within
   * the second-unit norm of its class (ModelParams.secondNormMin; distance mode: both within coverageKm). Live array.
   */
  secondCovered(service: Service): Uint8Array {
    return this.state(service).second;
  }

  /** Per slot, the HromadaTable index of the facility's hromadaCode (-1 when unknown or the slot is empty). Live. */
  slotHromadas(): Int32Array {
    return this.fhrom.subarray(0, this.slots.length);
  }

  /**
   * Help across borders: the other hromadas whose units reach hromada h's people first (within the reach cap), with
   * the people each, largest first; `hromada` -1 stands for units whose hromada is unknown.
   * @example engine.firstDueFrom('fire', h) // [{ hromada: 17, population: 1240, otherOblast: false }]
   */
  firstDueFrom(service: Service, h: number): FirstDueFrom[] {
    const st = this.state(service);
    return firstDueFromUnits(h < this.nh ? h : -1, {
      units: this.unitsOf(h),
      nearest: st.nearest,
      minutes: st.minutes,
      population: this.demand.population,
      reachCap: this.p.reachCapMin[service],
      slotHromada: this.fhrom,
      oblastOf: this.oblastOf,
    });
  }

  /** Demand unit indices of hromada h (h = hromadas.count: units outside every hromada). */
  unitsOf(h: number): Int32Array {
    return this.hUnits.subarray(this.hStart[h]!, this.hStart[h + 1]!);
  }
}
