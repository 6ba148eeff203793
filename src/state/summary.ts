/**
 * Pure summaries the panels show: national / oblast totals, a hromada's settlements sorted by response time,
 * its first-due facilities and the plain-language numbers behind its summary sentence.
 */
import { isOccupiedCode, type DemandTable, type Facility, type HromadaStats, type HromadaTable, type Service, type Totals } from '../engine/types';
import { sumTotals } from '../engine/stats';
import { nearestFacility, type CoverageResult } from './coverage-source';

/**
 * Totals over the hromadas whose oblast is `oblast` ('' = all) for the territory under Ukrainian control
 * (`occupied` false, the default) or for occupied hromadas only (`occupied` true), as the engine sums them.
 */
export function totals(h: HromadaTable, stats: HromadaStats, oblast = '', occupied = false): Totals {
  const group = oblast ? Int32Array.from(h.oblasts, (o) => (o === oblast ? 1 : 0)) : null;
  const flags = Uint8Array.from({ length: h.count }, (_x, i) => (isOccupiedCode(h.status?.[i] ?? 0) ? 1 : 0));
  return sumTotals(stats, 0, h.count, group, 1, flags, occupied ? 1 : 0);
}

export interface SettlementRow {
  demandIndex: number;
  name: string;
  population: number;
  urban: boolean;
  derivation: number;
  minutes: number;
  covered: boolean;
  /** Index into result.facilities, -1 if none. */
  facility: number;
}

/** Located settlements of hromada `h`: beyond the norm first, then by response time, slowest first. */
export function hromadaSettlements(demand: DemandTable, result: CoverageResult, service: Service, h: number): SettlementRow[] {
  const sr = result.services[service];
  const rows: SettlementRow[] = [];
  for (let i = 0; i < demand.count; i++) {
    if (demand.hromada[i] !== h || demand.kind[i] !== 0) continue;
    const j = nearestFacility(result, service, i);
    rows.push({
      demandIndex: i,
      name: demand.names[i]!,
      population: demand.population[i]!,
      urban: demand.urban[i] === 1,
      derivation: demand.derivation[i]!,
      minutes: sr.coverage.minutes[i]!,
      covered: sr.coverage.covered[i] === 1,
      facility: j,
    });
  }
  rows.sort((a, b) => Number(a.covered) - Number(b.covered) || b.minutes - a.minutes || a.name.localeCompare(b.name, 'uk'));
  return rows;
}

export interface HromadaGap {
  /** People in located settlements beyond the norm, and how many such settlements. */
  settlementPeople: number;
  settlements: number;
  /** People in spread cells beyond the norm. */
  cellPeople: number;
  /** All people beyond the norm. */
  people: number;
  /** Facilities that reach the hromada's demand first, with the people each serves, most first. */
  firstDue: { facility: Facility; people: number; units: number }[];
}

export function hromadaGap(demand: DemandTable, result: CoverageResult, service: Service, h: number): HromadaGap {
  const sr = result.services[service];
  let settlementPeople = 0;
  let settlements = 0;
  let cellPeople = 0;
  const by = new Map<number, { people: number; units: number }>();
  for (let i = 0; i < demand.count; i++) {
    if (demand.hromada[i] !== h) continue;
    const pop = demand.population[i]!;
    if (!sr.coverage.covered[i]) {
      if (demand.kind[i] === 0) {
        settlementPeople += pop;
        settlements++;
      } else cellPeople += pop;
    }
    const f = nearestFacility(result, service, i);
    if (f >= 0) {
      const e = by.get(f) ?? { people: 0, units: 0 };
      e.people += pop;
      e.units++;
      by.set(f, e);
    }
  }
  const firstDue = [...by.entries()]
    .map(([f, e]) => ({ facility: result.facilities[f]!, ...e }))
    .sort((a, b) => b.people - a.people);
  return { settlementPeople, settlements, cellPeople, people: settlementPeople + cellPeople, firstDue };
}
