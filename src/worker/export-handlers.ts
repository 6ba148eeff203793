/**
 * The `exportCoverage` worker message: the coverage writers shared with the CLI (src/io/coverage-writers.ts) run
 * against the worker's engine, so the page downloads the same per-hromada, per-settlement, totals and gaps files as
 * `npm run coverage`, each carrying the data-source attribution and a note on what is estimated or illustrative.
 * Registered in coverage.worker.ts through the protocol's declaration-merging extension point.
 */
import type { CoverageEngine } from '../engine/coverage';
import { SERVICES, type Service } from '../engine/types';
import { csvField } from '../io/export';
import { demandCsv, gapsGeoJson, hromadasCsv, placesCsv, totalsCsv } from '../io/coverage-writers';
import type { Handler } from './host';

export type CoverageExportKind = 'hromadas' | 'places' | 'demand' | 'totals' | 'gaps';

export interface CoverageExportRequest {
  what: CoverageExportKind;
  /** Default both services. */
  services?: Service[];
  /** Data-source attribution lines. */
  attribution: string[];
  /** ISO time; default now. */
  generatedAt?: string;
}

declare module './protocol' {
  interface WorkerMessages {
    exportCoverage: [CoverageExportRequest, { text: string }];
  }
}

/** What the marks in the coverage exports mean (written into every file). */
export const ESTIMATE_NOTE =
  'population_derivation: official = State Statistics Service; estimated_share / spread = estimated (village populations shared out, unlocated villages spread over H3 cells); ' +
  'city_polygon / city_footprint = a city of 50,000+ whose official population is spread over H3 cells of its hromada or of an assumed footprint (the spread is assumed); ' +
  'place_source: kse_hromada_centre / geonames / osm_place_node / osm_boundary_point (inside the village boundary, not its centre) / h3_cell / user; ' +
  'population_estimated_share = share of the hromada population that is estimated; first_due_illustrative_share, assumed_unit_share / nearest_basis=assumed = people first reached by an assumed state fire unit, not from a source; ' +
  'minutes beyond the reach cap (reach_cap_min) are left empty with reached=0 (not reached); territory_status by the territory list in use (totals: controlled and occupied rows apart); ' +
  'second_covered = a second distinct unit within the second-unit norm (default the norm + 10 min, an assumption); ' +
  'expected_covered / expected_coverage = 1 − ∏(1 − availability) over the units within the norm: availability per unit type is an assumption (defaults: state unit 0.95, Security Center 0.9, local 0.85, volunteer 0.5), and units are assumed to be available independently of one another; ' +
  'from_other_hromada / from_other_oblast / first_reached_from = people whose first-due unit (within the reach cap) stands in another hromada / oblast (a unit of unknown hromada counts as another); ' +
  'times are a planning model (straight line × detour / speed + turnout), not measured';

/** Appends `# text` comment lines to CSV text (as toCsv's `comments`; our importers skip them). */
export function withCsvComments(csvText: string, lines: readonly string[]): string {
  const eol = '\r\n';
  const body = csvText.endsWith(eol) ? csvText : csvText + eol;
  return body + lines.map((l) => csvField(`# ${l.replace(/[\r\n]+/g, ' ')}`)).join(eol) + (lines.length > 0 ? eol : '');
}

/**
 * Builds one coverage export from an engine. CSVs: UTF-8 BOM, then `#` lines with the time, the note on estimates
 * and one `Source:` line per attribution. GeoJSON: `generated_at`, `note` and `attribution` foreign members.
 * @example buildCoverageExport(engine, { what: 'hromadas', attribution: ['KSE, MIT'] })
 */
export function buildCoverageExport(engine: CoverageEngine, req: CoverageExportRequest): string {
  const ctx = { engine, services: req.services ?? SERVICES };
  const at = req.generatedAt ?? new Date().toISOString();
  const comments = [`Покриття громад / Hromada Coverage export ${at}`, ESTIMATE_NOTE, ...req.attribution.map((a) => `Source: ${a}`)];
  switch (req.what) {
    case 'hromadas':
      return withCsvComments(hromadasCsv(ctx), comments);
    case 'places':
      return withCsvComments(placesCsv(ctx), comments);
    case 'demand':
      return withCsvComments(demandCsv(ctx), comments);
    case 'totals':
      return withCsvComments(totalsCsv(ctx), comments);
    case 'gaps': {
      const fc = JSON.parse(gapsGeoJson(ctx, ESTIMATE_NOTE)) as Record<string, unknown>;
      return JSON.stringify({ type: 'FeatureCollection', generated_at: at, note: fc.note, attribution: req.attribution, features: fc.features });
    }
  }
}

/** The handler to merge into createCoverageHost's `extra`. */
export const exportCoverageHandler: Handler<'exportCoverage'> = (req, ctx) => ({ text: buildCoverageExport(ctx.engine(), req) });
