/**
 * Writers of the coverage outputs: hromadas.csv, places.csv, demand.csv, totals.csv and gaps.geojson. Pure string
 * builders shared by the coverage CLI (src/cli/coverage.ts writes them to disk) and the worker's `exportCoverage`
 * message (src/worker/export-handlers.ts, the page's downloads).
 */
import type { CoverageEngine } from '../engine/coverage';
import { cityIndex, hromadaPlaces } from '../engine/places';
import {
  DEMAND_KINDS,
  DERIVATIONS,
  PLACE_SOURCES,
  TERRITORY_STATUSES,
  isAssumedFacility,
  type Facility,
  type HromadaTable,
  type Service,
  type ModelParams,
  type Totals,
  type UrbanRural,
} from '../engine/types';
import { csvField } from './export';

/** `travel_model` of a demand row, by CoverageEngine.travelModelOf's code. */
const TRAVEL_MODELS = ['straight', 'road', 'matrix'] as const;

/** CSV text: UTF-8 BOM (Excel reads Cyrillic), CRLF, RFC 4180 quoting. */
export function csv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const lines = [header.map((h) => csvField(h)).join(',')];
  for (const r of rows) lines.push(r.map((v) => csvField(v)).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** Minutes / km for output: 3 decimals, '' for Infinity or NaN. */
export function num3(v: number): string | number {
  return Number.isFinite(v) ? Math.round(v * 1000) / 1000 : '';
}

const KIND_OUT = ['point', 'cell'] as const;

/** `assumed` (illustrative unit), `user` (the user's own) or `sourced` (from a cited source). */
export function facilityBasis(f: Facility): 'assumed' | 'user' | 'sourced' {
  if (isAssumedFacility(f)) return 'assumed';
  return f.placement === 'user' || f.source.startsWith('user') ? 'user' : 'sourced';
}
/** Degrees to 5 decimals (about 1 m). */
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Territory status name of hromada h by the list in use ('' outside every hromada). */
function statusOf(h: HromadaTable, k: number): string {
  if (k < 0) return '';
  const st = (h as Partial<HromadaTable>).status;
  return TERRITORY_STATUSES[st?.[k] ?? 0] ?? '';
}

/** A unit's norm as exported: minutes of its class, or `N km` in distance mode. */
function normLabel(params: ModelParams, norm: UrbanRural, urban: boolean): number | string {
  return params.coverageMode === 'distance' ? `${params.coverageKm} km` : urban ? norm.urban : norm.rural;
}

export interface OutputContext {
  engine: CoverageEngine;
  services: readonly Service[];
}

export const HROMADA_COLUMNS = [
  'hromada_code',
  'hromada_name',
  'raion',
  'oblast',
  'territory_status',
  'service',
  'population',
  'covered_population',
  'covered_share',
  'median_min',
  'p90_min',
  'max_min',
  'settlements_outside_norm',
  'area_outside_norm_km2',
  'population_estimated_share',
  'first_due_population',
  'first_due_illustrative_share',
  'reach_cap_min',
  'reached_population',
  'second_covered_population',
  'second_covered_share',
  'expected_covered_population',
  'expected_covered_share',
  'from_other_hromada_population',
  'from_other_oblast_population',
  'first_reached_from',
  'stats_note',
] as const;

/**
 * One row per hromada per service. `population_estimated_share`: share of the population whose figure is estimated
 * (not `official`); `first_due_population`: `facility_id:people` pairs, largest first;
 * `first_due_illustrative_share`: share of the population whose first-due facility is assumed (illustrative): what
 * rests on an assumed unit. `reached_population`: people within the reach cap (`reach_cap_min`); a median, p90 or worst
 * time beyond the cap is left empty and `stats_note` says why (beyond the cap the model's minutes mean "not reached").
 * `second_covered_*`: people whose second-nearest distinct unit arrives within the second-unit norm;
 * `expected_covered_*`: people expected within the norm given unit availability per type (an assumption; units taken as
 * independent); `from_other_hromada_population` / `from_other_oblast_population`: people whose first-due unit (within
 * the reach cap) stands in another hromada / oblast (an unknown hromada counts as another); `first_reached_from`:
 * `hromada_code:people` pairs of those other hromadas, largest first (`?` for an unknown hromada).
 */
export function hromadasCsv({ engine, services }: OutputContext): string {
  const h = engine.hromadas;
  const d = engine.demand;
  const official = DERIVATIONS.indexOf('official');
  const rows: unknown[][] = [];
  const estimated = new Float64Array(h.count);
  for (let i = 0; i < d.count; i++) {
    const k = d.hromada[i]!;
    if (k >= 0 && d.derivation[i] !== official) estimated[k]! += d.population[i]!;
  }
  const params = engine.params;
  const share4 = (x: number, pop: number): number | string => (pop > 0 ? Math.round(x * 10000) / 10000 : '');
  for (const service of services) {
    const s = engine.stats(service);
    for (let k = 0; k < h.count; k++) {
      const firstDue = engine.firstDue(service, k);
      const illustrative = s.assumedPopulation[k]!;
      const pop = s.population[k]!;
      const cap = params.reachCapMin[service];
      const capped = (m: number): string | number => (m > cap ? '' : num3(m));
      const note = [
        s.medianMin[k]! > cap ? `median beyond the ${cap}-min reach cap (most people not reached)` : '',
        s.medianMin[k]! <= cap && s.p90Min[k]! > cap ? `p90 beyond the ${cap}-min reach cap` : '',
        s.medianMin[k]! <= cap && s.p90Min[k]! <= cap && s.maxMin[k]! > cap ? `worst time beyond the ${cap}-min reach cap` : '',
      ].find((x) => x !== '');
      rows.push([
        h.codes[k],
        h.names[k],
        h.raions[k],
        h.oblasts[k],
        statusOf(h, k),
        service,
        pop,
        s.coveredPopulation[k],
        pop > 0 ? Math.round(s.share[k]! * 10000) / 10000 : '',
        capped(s.medianMin[k]!),
        capped(s.p90Min[k]!),
        capped(s.maxMin[k]!),
        s.settlementsOutside[k],
        Math.round(s.areaOutsideKm2[k]! * 100) / 100,
        pop > 0 ? Math.round((estimated[k]! / pop) * 10000) / 10000 : '',
        firstDue.map((f) => `${engine.facility(f.slot)?.id}:${f.population}`).join(';'),
        pop > 0 ? Math.round((illustrative / pop) * 10000) / 10000 : '',
        cap,
        s.reachedPopulation[k],
        s.secondCoveredPopulation[k],
        share4(s.secondShare[k]!, pop),
        Math.round(s.expectedCoveredPopulation[k]! * 10) / 10,
        share4(s.expectedShare[k]!, pop),
        s.fromOtherHromadaPopulation[k],
        s.fromOtherOblastPopulation[k],
        engine
          .firstDueFrom(service, k)
          .map((x) => `${x.hromada >= 0 ? h.codes[x.hromada] : '?'}:${x.population}`)
          .join(';'),
        note ?? '',
      ]);
    }
  }
  return csv(HROMADA_COLUMNS, rows);
}

export const DEMAND_COLUMNS = [
  'demand_id',
  'name',
  'kind',
  'hromada_code',
  'territory_status',
  'service',
  'population',
  'population_derivation',
  'place_source',
  'city_id',
  'lon',
  'lat',
  'urban',
  'nearest_id',
  'nearest_type',
  'nearest_source',
  'nearest_basis',
  'minutes',
  'backup_id',
  'backup_minutes',
  'norm',
  'covered',
  'reached',
  'second_norm',
  'second_covered',
  'expected_coverage',
  'travel_model',
] as const;

/**
 * One row per demand unit per service. Empty ids / minutes when nothing is reachable within the reach cap
 * (`reached` 0: "beyond the cap / not reached"). `place_source`: where the point comes from (PLACE_SOURCES);
 * `city_id`: the city a cell carries people of (cities of 50,000+ spread over cells); `nearest_basis`: `assumed` when
 * the first-due unit is an assumed (illustrative) one, `sourced` when it comes from a cited source, `user` for the
 * user's own. `second_covered`: 1 when the backup unit arrives within `second_norm` (distance mode: within the km);
 * `expected_coverage`: 1 − ∏(1 − availability) over the active units within the norm (independence assumed).
 */
export function demandCsv({ engine, services }: OutputContext): string {
  const d = engine.demand;
  const h = engine.hromadas;
  const params = engine.params;
  const rows: unknown[][] = [];
  for (const service of services) {
    const c = engine.coverage(service);
    const second = engine.secondCovered(service);
    const miss = engine.missProbability(service);
    // what produced each unit's time: straight (line × detour), road (network) or matrix (a listed pair)
    const model = engine.travelModelOf(service);
    const sn = params.secondNormMin[service];
    for (let i = 0; i < d.count; i++) {
      const cap = params.reachCapMin[service];
      const reached = c.minutes[i]! <= cap;
      const f = reached ? engine.facility(c.nearest[i]!) : null;
      const b = c.backupMinutes[i]! <= cap ? engine.facility(c.backup[i]!) : null;
      const hk = d.hromada[i]!;
      const city = d.city?.[i] ?? -1;
      rows.push([
        d.ids[i],
        d.names[i],
        KIND_OUT[d.kind[i]!] ?? DEMAND_KINDS[d.kind[i]!],
        hk >= 0 ? h.codes[hk] : '',
        statusOf(h, hk),
        service,
        d.population[i],
        DERIVATIONS[d.derivation[i]!],
        PLACE_SOURCES[d.place?.[i] ?? -1] ?? '',
        city >= 0 ? (d.cities[city]?.id ?? '') : '',
        d.lon[i],
        d.lat[i],
        d.urban[i],
        f?.id ?? '',
        f?.type ?? '',
        f?.source ?? '',
        f ? facilityBasis(f) : '',
        reached ? num3(c.minutes[i]!) : '',
        b?.id ?? '',
        b ? num3(c.backupMinutes[i]!) : '',
        normLabel(params, params.normMin[service], d.urban[i] === 1),
        c.covered[i],
        reached ? 1 : 0,
        normLabel(params, sn, d.urban[i] === 1),
        second[i],
        Math.round((1 - miss[i]!) * 1e6) / 1e6,
        TRAVEL_MODELS[model[i]!] ?? 'straight',
      ]);
    }
  }
  return csv(DEMAND_COLUMNS, rows);
}

export const PLACE_COLUMNS = [
  'settlement_id',
  'name',
  'kind',
  'hromada_code',
  'hromada_name',
  'oblast',
  'territory_status',
  'service',
  'population',
  'population_derivation',
  'place_source',
  'units',
  'covered_population',
  'covered_share',
  'median_min',
  'p90_min',
  'max_min',
  'norm',
  'nearest_id',
  'nearest_basis',
  'reach_cap_min',
  'stats_note',
] as const;

/**
 * One row per settlement per service as people name places: a located settlement (`kind` point) or a city of 50,000+
 * spread over H3 cells (`kind` city: share, weighted median and p90 and worst time over its cells; `units` its cell
 * count; `nearest_id` the unit reaching most of it first). Times beyond the reach cap are empty with the reason in
 * `stats_note`. Settlements without a point are not listed (their people are in the spread cells of demand.csv).
 */
export function placesCsv({ engine, services }: OutputContext): string {
  const d = engine.demand;
  const h = engine.hromadas;
  const params = engine.params;
  const index = cityIndex(d);
  const rows: unknown[][] = [];
  for (const service of services) {
    const c = engine.coverage(service);
    const cap = params.reachCapMin[service];
    const capped = (m: number): string | number => (m > cap ? '' : num3(m));
    for (let k = 0; k <= h.count; k++) {
      const hk = k < h.count ? k : -1;
      for (const p of hromadaPlaces(d, index, c, hk, engine.unitsOf(k))) {
        const f = p.minutes <= cap || p.city >= 0 ? engine.facility(p.nearest) : null;
        const norm = normLabel(params, params.normMin[service], p.urban);
        const note = p.minutes > cap ? (p.city >= 0 ? `median beyond the ${cap}-min reach cap` : `beyond the ${cap}-min reach cap (not reached)`) : p.max > cap ? `worst time beyond the ${cap}-min reach cap` : '';
        rows.push([
          p.id,
          p.name,
          p.city >= 0 ? 'city' : 'point',
          hk >= 0 ? h.codes[hk] : '',
          hk >= 0 ? h.names[hk] : '',
          hk >= 0 ? h.oblasts[hk] : '',
          statusOf(h, hk),
          service,
          p.population,
          DERIVATIONS[p.derivation],
          p.city >= 0 ? 'h3_cell' : (PLACE_SOURCES[d.place?.[p.unit] ?? -1] ?? ''),
          p.units,
          p.coveredPopulation,
          p.population > 0 ? Math.round(p.share * 10000) / 10000 : '',
          capped(p.minutes),
          capped(p.p90),
          capped(p.max),
          norm,
          f?.id ?? '',
          f ? facilityBasis(f) : '',
          cap,
          note,
        ]);
      }
    }
  }
  return csv(PLACE_COLUMNS, rows);
}

export const TOTALS_COLUMNS = [
  'oblast',
  'oblast_en',
  'territory',
  'service',
  'population',
  'covered_population',
  'covered_share',
  'settlements_outside_norm',
  'area_outside_norm_km2',
  'assumed_unit_population',
  'assumed_unit_share',
  'estimated_population',
  'reached_population',
  'second_covered_population',
  'second_covered_share',
  'expected_covered_population',
  'expected_covered_share',
  'from_other_hromada_population',
  'from_other_oblast_population',
] as const;

/**
 * National and per-oblast totals per service, for the territory under Ukrainian control (`territory` controlled) with
 * occupied territory (by the territory list in use) in rows of its own (`territory` occupied): Ukraine always, an
 * oblast when it has occupied hromadas with people. The second-unit, expected (availability, independence assumed)
 * and across-border columns are sums of the hromadas' (see {@link hromadasCsv}).
 */
export function totalsCsv({ engine, services }: OutputContext): string {
  const rows: unknown[][] = [];
  const row = (oblast: string, oblastEn: string, territory: string, service: Service, t: Totals): unknown[] => [
    oblast,
    oblastEn,
    territory,
    service,
    t.population,
    t.coveredPopulation,
    t.population > 0 ? Math.round(t.share * 10000) / 10000 : '',
    t.settlementsOutside,
    Math.round(t.areaOutsideKm2 * 100) / 100,
    t.assumedPopulation,
    t.population > 0 ? Math.round(t.assumedShare * 10000) / 10000 : '',
    t.estimatedPopulation,
    t.reachedPopulation,
    t.secondCoveredPopulation,
    t.population > 0 ? Math.round(t.secondShare * 10000) / 10000 : '',
    Math.round(t.expectedCoveredPopulation * 10) / 10,
    t.population > 0 ? Math.round(t.expectedShare * 10000) / 10000 : '',
    t.fromOtherHromadaPopulation,
    t.fromOtherOblastPopulation,
  ];
  for (const service of services) {
    rows.push(row('Україна', 'Ukraine', 'controlled', service, engine.totals(service)));
    rows.push(row('Україна', 'Ukraine', 'occupied', service, engine.occupiedTotals(service)));
    for (const t of engine.oblastTotals(service)) {
      rows.push(row(t.oblast, t.oblastEn, 'controlled', service, t));
      if (t.occupied.population > 0) rows.push(row(t.oblast, t.oblastEn, 'occupied', service, t.occupied));
    }
  }
  return csv(TOTALS_COLUMNS, rows);
}

/** Uncovered demand units as Point features (one per unit and service), with `marker-color` for viewers. */
export function gapsGeoJson({ engine, services }: OutputContext, note: string): string {
  const d = engine.demand;
  const h = engine.hromadas;
  const params = engine.params;
  const features: unknown[] = [];
  for (const service of services) {
    const c = engine.coverage(service);
    for (let i = 0; i < d.count; i++) {
      if (c.covered[i]) continue;
      const f = engine.facility(c.nearest[i]!);
      const hk = d.hromada[i]!;
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [round5(d.lon[i]!), round5(d.lat[i]!)] },
        properties: {
          id: d.ids[i],
          name: d.names[i],
          kind: KIND_OUT[d.kind[i]!],
          hromada_code: hk >= 0 ? h.codes[hk] : null,
          territory_status: hk >= 0 ? statusOf(h, hk) : null,
          service,
          population: d.population[i],
          population_derivation: DERIVATIONS[d.derivation[i]!],
          minutes: Number.isFinite(c.minutes[i]!) ? num3(c.minutes[i]!) : null,
          norm: normLabel(params, params.normMin[service], d.urban[i] === 1),
          nearest_basis: f ? facilityBasis(f) : null,
          nearest_id: f?.id ?? null,
          nearest_source: f?.source ?? null,
          'marker-color': service === 'fire' ? '#d7301f' : '#2c7fb8',
        },
      });
    }
  }
  return JSON.stringify({ type: 'FeatureCollection', note, features });
}
