/**
 * Pure summaries the panels show: national / oblast totals, a hromada's settlements sorted by response time,
 * its first-due facilities and the plain-language numbers behind its summary sentence.
 */
import { isAssumedFacility, isOccupiedCode, type DemandTable, type Facility, type HromadaStats, type HromadaTable, type ModelParams, type Service, type Totals } from '../engine/types';
import { isEstimatedDerivation, SPREAD_DERIVATION, sumTotals } from '../engine/stats';
import { hromadaPlaces, type CityIndex, type PlaceRow } from '../engine/places';
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
  const cap = result.params.reachCapMin?.[service] ?? Infinity;
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
    // a unit reaching people only beyond the reach cap does not reach them: nobody's first-due
    const f = sr.coverage.minutes[i]! <= cap ? nearestFacility(result, service, i) : -1;
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

/** A place row (src/engine/places.ts) with its first-due facility as an index into result.facilities. */
export interface PlaceLine extends PlaceRow {
  /** Index into result.facilities of the facility reaching it first (a city: most of its people), -1 none. */
  facility: number;
  /** People beyond the norm. */
  beyondPeople: number;
}

/**
 * The settlements of hromada `h` as people name them: located settlements and cities spread over cells (one row each,
 * with share, median, p90 and worst time over its cells); those with people beyond the norm first, slowest first.
 */
export function hromadaPlaceLines(demand: DemandTable, cities: CityIndex, result: CoverageResult, service: Service, h: number): PlaceLine[] {
  const sr = result.services[service];
  const rows = hromadaPlaces(demand, cities, sr.coverage, h).map(
    (r): PlaceLine => ({ ...r, facility: r.nearest >= 0 ? (sr.slotToFacility[r.nearest] ?? -1) : -1, beyondPeople: r.population - r.coveredPopulation }),
  );
  const beyond = (r: PlaceLine) => (r.beyondPeople > 0 ? 1 : 0);
  rows.sort((a, b) => beyond(b) - beyond(a) || b.max - a.max || a.name.localeCompare(b.name, 'uk'));
  return rows;
}

/** What a hromada's figures rest on, for one service. */
export interface HromadaBasis {
  population: number;
  coveredPopulation: number;
  /** People within the norm whose first-due unit is assumed (illustrative). */
  coveredAssumed: number;
  /** People whose first-due unit is assumed. */
  assumedPopulation: number;
  /** People whose number or place is estimated. */
  estimatedPopulation: number;
  /** People in `spread` cells (villages without a point), and those of them beyond the norm. */
  spreadPopulation: number;
  spreadBeyond: number;
  /** First-due facilities of the hromada with the people each reaches first, most first (assumed ones flagged). */
  firstDue: { facility: Facility; people: number; assumed: boolean }[];
}

export function hromadaBasis(demand: DemandTable, result: CoverageResult, service: Service, h: number): HromadaBasis {
  const cov = result.services[service].coverage;
  const cap = result.params.reachCapMin?.[service] ?? Infinity;
  let population = 0;
  let coveredPopulation = 0;
  let coveredAssumed = 0;
  let assumedPopulation = 0;
  let estimatedPopulation = 0;
  let spreadPopulation = 0;
  let spreadBeyond = 0;
  const by = new Map<number, number>();
  for (let i = 0; i < demand.count; i++) {
    if (demand.hromada[i] !== h) continue;
    const p = demand.population[i]!;
    population += p;
    // first reached within the reach cap only (beyond it the model says "not reached")
    const f = cov.minutes[i]! <= cap ? nearestFacility(result, service, i) : -1;
    const fac = f >= 0 ? result.facilities[f] : undefined;
    const assumed = !!fac && isAssumedFacility(fac);
    if (cov.covered[i]) {
      coveredPopulation += p;
      if (assumed) coveredAssumed += p;
    }
    if (assumed) assumedPopulation += p;
    const d = demand.derivation[i]!;
    if (isEstimatedDerivation(d) || demand.kind[i] === 1) estimatedPopulation += p;
    if (d === SPREAD_DERIVATION) {
      spreadPopulation += p;
      if (!cov.covered[i]) spreadBeyond += p;
    }
    if (f >= 0) by.set(f, (by.get(f) ?? 0) + p);
  }
  const firstDue = [...by.entries()]
    .map(([f, people]) => ({ facility: result.facilities[f]!, people, assumed: isAssumedFacility(result.facilities[f]!) }))
    .sort((a, b) => b.people - a.people);
  return { population, coveredPopulation, coveredAssumed, assumedPopulation, estimatedPopulation, spreadPopulation, spreadBeyond, firstDue };
}

/** Where a time range lies against a norm: all within, all beyond, or crossing it ("possibly beyond"). */
export function rangeVsNorm(min: number, max: number, norm: number): 'within' | 'beyond' | 'possibly' | 'unknown' {
  if (Number.isNaN(min) || Number.isNaN(max)) return 'unknown';
  if (max <= norm) return 'within';
  if (min > norm) return 'beyond';
  return 'possibly';
}

/** A settlement without a point: its norm class and where its time range lies against that norm. */
export interface UnlocatedLine {
  name: string;
  urban: boolean;
  /** Estimated people: the hromada's spread-cell population shared equally among its settlements without a point. */
  people: number;
  verdict: 'within' | 'beyond' | 'possibly' | 'unknown';
}

/** Settlement categories with the urban norm. */
export function isUrbanCategory(category: string | undefined): boolean {
  return category === 'city' || category === 'smt' || category === 'special_status_city';
}

/**
 * The settlements without a point of a hromada against their own norm (urban for cities and smt, rural otherwise),
 * given the time range over the hromada's spread cells. In distance mode the verdict is 'unknown' (the range is in
 * minutes, the norm in km).
 */
export function unlocatedLines(
  list: readonly { name: string; category?: string | undefined }[],
  spreadPopulation: number,
  rangeMin: number,
  rangeMax: number,
  params: ModelParams,
  service: Service,
): UnlocatedLine[] {
  const each = list.length > 0 ? spreadPopulation / list.length : 0;
  return list.map((u) => {
    const urban = isUrbanCategory(u.category);
    const norm = urban ? params.normMin[service].urban : params.normMin[service].rural;
    const verdict = params.coverageMode === 'distance' ? 'unknown' : rangeVsNorm(rangeMin, rangeMax, norm);
    return { name: u.name, urban, people: each, verdict };
  });
}

/** The numbers behind a hromada's summary sentence, by norm class (each settlement's own norm). */
export interface HromadaWords {
  /** No facility serves the service at all. */
  noFacility: boolean;
  distance: boolean;
  km: number;
  /** Located settlements and cities with people beyond the norm, by class: people, places, norm (minutes). */
  urban: { people: number; places: number; norm: number };
  rural: { people: number; places: number; norm: number };
  /** Located settlements and cities in all. */
  located: number;
  /** Settlements without a point whose range crosses their norm / lies beyond it, and their estimated people. */
  possibly: { places: number; people: number };
  beyond: { places: number; people: number };
  /** Spread-cell people beyond the norm (villages without a point; city cells are in their city's row). */
  cellPeople: number;
  /** Nobody beyond the norm (located, cities, cells). */
  allCovered: boolean;
}

export function hromadaWords(
  lines: readonly PlaceLine[],
  unlocated: readonly UnlocatedLine[] | null,
  cellPeople: number,
  params: ModelParams,
  service: Service,
  noFacility: boolean,
): HromadaWords {
  const norm = params.normMin[service];
  const urban = { people: 0, places: 0, norm: norm.urban };
  const rural = { people: 0, places: 0, norm: norm.rural };
  for (const r of lines) {
    if (!(r.beyondPeople > 0)) continue;
    const c = r.urban ? urban : rural;
    c.people += r.beyondPeople;
    c.places++;
  }
  const possibly = { places: 0, people: 0 };
  const beyond = { places: 0, people: 0 };
  for (const u of unlocated ?? []) {
    const c = u.verdict === 'possibly' ? possibly : u.verdict === 'beyond' ? beyond : null;
    if (!c) continue;
    c.places++;
    c.people += u.people;
  }
  return {
    noFacility,
    distance: params.coverageMode === 'distance',
    km: params.coverageKm,
    urban,
    rural,
    located: lines.length,
    possibly,
    beyond,
    cellPeople,
    allCovered: urban.places + rural.places === 0 && cellPeople === 0,
  };
}
