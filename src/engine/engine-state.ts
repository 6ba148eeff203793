/**
 * Shared pieces of the coverage engine's classes (engine-base → straight-line → road-model → engine-edits →
 * coverage): per-service state, index sets, facility type masks.
 */
import { Availability } from './availability';
import { type Grid } from './grid';
import {
  FACILITY_TYPES,
  SERVICES_OF,
  type FacilityType,
  type HromadaStats,
  type Service,
  type ServiceCoverage,
  isOccupiedCode,
} from './types';

export const TYPE_CODE = new Map<FacilityType, number>(FACILITY_TYPES.map((t, k) => [t, k]));
/** Service bit mask per facility type code: fire = 1, police = 2. */
export const SERVES_MASK = Uint8Array.from(FACILITY_TYPES, (t) =>
  SERVICES_OF[t].reduce((m, s) => m | (s === 'fire' ? 1 : 2), 0),
);
export const SERVICE_BIT: Record<Service, number> = { fire: 1, police: 2 };
/** Average number of active facilities per search-grid cell. */
export const FACILITY_PER_CELL = 2;
/** Average number of demand units per demand-grid cell (used to find units an added facility can improve). */
export const DEMAND_PER_CELL = 24;

/** What a top-2 search over a set of facilities reads and writes (a ServiceState, or the road model's shadow). */
export type SearchState = Pick<ServiceState, 'grid' | 'minTurn' | 'active' | 'nearest' | 'backup' | 'm1' | 'm2'>;

export interface ServiceState {
  service: Service;
  bit: number;
  /** 1 when slot is active for this service. */
  active: Uint8Array;
  grid: Grid;
  /** Smallest ranking turnout among active facilities (Infinity if none). */
  minTurn: number;
  nearest: Int32Array;
  backup: Int32Array;
  /** Ranking metric of nearest / backup: minutes in time mode, straight-line km in distance mode. */
  m1: Float64Array;
  m2: Float64Array;
  minutes: Float64Array;
  backupMinutes: Float64Array;
  covered: Uint8Array;
  normUrban: number;
  normRural: number;
  /** 1 per unit when covered twice (backup within the second-unit norm); its thresholds in the ranking metric. */
  second: Uint8Array;
  secondUrban: number;
  secondRural: number;
  /** Counts of active facilities within the norm per type per unit, and the miss probability (availability.ts). */
  avail: Availability;
  /** Per demand-grid cell: the largest m2 of its units. */
  cellMax: Float64Array;
  /** Per hromada, plus one last entry for units outside every hromada. */
  statsAll: HromadaStats;
  statsView: HromadaStats;
  coverageView: ServiceCoverage;
}

/** Growable list of unique indices (marked by a stamp array). */
export class IndexSet {
  list: Int32Array;
  size = 0;
  private readonly mark: Uint8Array;
  constructor(n: number) {
    this.mark = new Uint8Array(n);
    this.list = new Int32Array(64);
  }
  add(i: number): void {
    if (this.mark[i]) return;
    this.mark[i] = 1;
    if (this.size === this.list.length) {
      const l = new Int32Array(this.size * 2);
      l.set(this.list);
      this.list = l;
    }
    this.list[this.size++] = i;
  }
  /** Sorted copy of the members; clears the set. */
  take(): Int32Array {
    const out = this.list.slice(0, this.size).sort();
    for (let k = 0; k < this.size; k++) this.mark[this.list[k]!] = 0;
    this.size = 0;
    return out;
  }
}

/** 1 per hromada whose TERRITORY_STATUSES code is occupied. */
export function occupiedFlags(status: Uint8Array | undefined, nh: number): Uint8Array {
  const out = new Uint8Array(nh);
  if (status) for (let h = 0; h < nh; h++) out[h] = isOccupiedCode(status[h]!) ? 1 : 0;
  return out;
}
