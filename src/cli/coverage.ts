/**
 * `npm run coverage -- [options]`: coverage of every demand unit and hromada, from the command line.
 *
 *   --facilities FILE   facilities CSV (id,name,type,status,lat,lon) or GeoJSON points; repeatable; default embedded
 *   --demand FILE       demand points CSV (id,name,category,lat,lon,population[,hromada_code]) or GeoJSON; default embedded
 *   --matrix FILE       travel-time matrix, long CSV facility_id,demand_id,minutes (minutes of driving; turnout is added)
 *   --roads FILE        road graph (.graph, built by `npm run roads -- EXTRACT`): road minutes for units and facilities
 *                       within road.snap km of a road node, the straight-line model elsewhere (sets travel=road)
 *   --export-matrix FILE  writes the long CSV facility_id,demand_id,minutes (driving minutes, turnout not included)
 *                       of every pair within the largest reach cap, by the travel model in use
 *   --boundaries FILE   community boundaries, GeoJSON Polygon/MultiPolygon with a code (KATOTTG) property
 *   --boundaries-mode update|replace   update: replace the named hromadas' polygons, add new codes (default);
 *                       replace: the file is the whole hromada list
 *   --territory FILE    territory-status list CSV (katottg,status[,start_date,end_date]; the shape of the official
 *                       list, order No. 376): replaces the built-in 2022 list; rejected rows are reported and written
 *                       to DIR/territory-rejected.csv
 *   --territory-date D  date of that list (DD.MM.YYYY or YYYY-MM-DD; default the latest date in it); end dates on or
 *                       before it have ended their status
 *   --service fire|police|all      (default all)
 *   --include-planned   count facilities with status planned
 *   --param name=value  repeatable: detour.urban=1.2, speed.rural=60, turnout.volunteer_fire_brigade=5,
 *                       norm.fire.rural=20, second.fire.urban=20 (second-unit norm), availability.volunteer_fire_brigade=0.5
 *                       (0…1), cost.security_center=2.65 (million UAH), reach.fire=60, mode=distance, km=10,
 *                       fallback=unreachable
 *   --availability Q    every facility type's availability (0…1), e.g. with a matrix input
 *   --out-dir DIR       (default out/)
 *   --geo-dir DIR       embedded data folder (default public/geo)
 *   --strict            any rejected row of an input file stops the run (exit 2, nothing written)
 *
 * Writes DIR/hromadas.csv, DIR/demand.csv, DIR/totals.csv, DIR/gaps.geojson and DIR/ATTRIBUTION.txt. Totals are for
 * the territory under Ukrainian control, with occupied territory (by the territory list in use) in rows of its own.
 * Rows of an input file that the importer rejects are printed (file, row, reason) and written to DIR/rejected.csv;
 * the valid rows are used.
 * Exit status: 0 done, 2 bad input (a file error, or a rejected row with --strict), 1 anything else.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoverageEngine } from '../engine/coverage';
import { MatrixError } from '../engine/matrix';
import { DEFAULT_PARAMS, type DemandTable, type Facility, type ModelParams, type Service, type TravelMatrix } from '../engine/types';
import { importBoundaries, importMatrix, importSettlements, toDemandTable, toTravelMatrix } from '../io';
import type { BoundaryMode } from '../io/scenario';
import { applyBoundaries } from '../state/boundaries';
import type { GeoBundle } from '../state/load-data';
import type { ImportContext } from '../io/types';
import { CliError, applyAvailabilityAll, applyParam, lastOf, parseArgs, parseServices } from './args';
import { DEFAULT_GEO_DIR, loadEmbedded } from './load-embedded';
import { demandCsv, gapsGeoJson, hromadasCsv, placesCsv, totalsCsv } from '../io/coverage-writers';
import { applyTerritoryFile, builtinTerritory, territoryLine, type TerritoryInfo } from './territory';
import { registerBinaryReaders } from '../io/binary-readers';
import { attachRoads, maxCap, writeMatrixCsv } from './coverage-roads';
import { startSearchThread, type NodeSearchThread } from './search-thread';
import type { SearchThread } from '../engine/roads/parallel';
import { checkStrict, cliImportContext, EXIT, EXIT_CODES_TEXT, importFacilityFiles, keepRows, readInput, RejectedRows, writeRejected } from './inputs';

// Input files may be XLSX workbooks, zipped shapefiles or KML/KMZ too (src/io reads them into rows or features).
registerBinaryReaders();

export interface CoverageArgs {
  facilities: string[];
  demand: string | null;
  matrix: string | null;
  roads: string | null;
  exportMatrix: string | null;
  boundaries: string | null;
  boundariesMode: BoundaryMode;
  territory: string | null;
  territoryDate: string | null;
  services: Service[];
  params: ModelParams;
  outDir: string;
  geoDir: string;
  /** Any rejected row stops the run (exit 2). */
  strict: boolean;
}

const USAGE = `usage: npm run coverage -- [--facilities FILE]… [--demand FILE] [--matrix FILE] [--roads GRAPH] [--export-matrix FILE] [--service fire|police|all]
       [--boundaries FILE [--boundaries-mode update|replace]] [--territory FILE [--territory-date DATE]]
       [--include-planned] [--param name=value]… [--availability Q] [--out-dir DIR] [--geo-dir DIR] [--strict]
${EXIT_CODES_TEXT}`;

/** argv (without node and script) → CoverageArgs. @throws CliError */
export function parseCoverageArgs(argv: readonly string[]): CoverageArgs | 'help' {
  const a = parseArgs(argv, {
    values: ['facilities', 'demand', 'matrix', 'roads', 'export-matrix', 'boundaries', 'boundaries-mode', 'territory', 'territory-date', 'service', 'param', 'availability', 'out-dir', 'geo-dir'],
    flags: ['include-planned', 'strict', 'help'],
  });
  if (a.options.has('help')) return 'help';
  if (a.positional.length > 0) throw new CliError(`Unexpected argument "${a.positional[0]}".\n${USAGE}`);
  const params = structuredClone(DEFAULT_PARAMS);
  if (a.options.has('include-planned')) params.includePlanned = true;
  if (a.options.has('roads')) params.travelModel = 'road'; // --param travel=straight still overrides
  const availability = lastOf(a, 'availability');
  if (availability !== undefined) applyAvailabilityAll(params, availability);
  // --param availability.TYPE=q after --availability Q refines one type
  for (const p of a.options.get('param') ?? []) applyParam(params, p);
  const boundariesMode = lastOf(a, 'boundaries-mode', 'update');
  if (boundariesMode !== 'update' && boundariesMode !== 'replace') {
    throw new CliError(`--boundaries-mode must be update or replace, not "${boundariesMode}".\n${USAGE}`);
  }
  return {
    facilities: a.options.get('facilities') ?? [],
    demand: lastOf(a, 'demand') ?? null,
    matrix: lastOf(a, 'matrix') ?? null,
    roads: lastOf(a, 'roads') ?? null,
    exportMatrix: lastOf(a, 'export-matrix') ?? null,
    boundaries: lastOf(a, 'boundaries') ?? null,
    boundariesMode,
    territory: lastOf(a, 'territory') ?? null,
    territoryDate: lastOf(a, 'territory-date') ?? null,
    services: parseServices(lastOf(a, 'service')),
    params,
    outDir: resolve(lastOf(a, 'out-dir', 'out')),
    geoDir: resolve(lastOf(a, 'geo-dir', DEFAULT_GEO_DIR)),
    strict: a.options.has('strict'),
  };
}

export interface CoverageRun {
  engine: CoverageEngine;
  services: Service[];
  facilitySources: string[];
  demandSource: string;
  notes: string[];
  /** The territory-status list in use. */
  territory: TerritoryInfo;
  /** Rejected rows of an imported territory list as CSV ('' when none). */
  territoryRejectedCsv: string;
  /** Rejected rows of the facilities, demand, boundaries and matrix files (the valid rows were used). */
  rejected: RejectedRows;
}

/**
 * Loads inputs and computes. Rejected rows are printed through `log` and kept in the run.
 * @param thread a helper thread for the road model's full searches (./search-thread.ts), or null: one thread
 * @throws CliError on bad input (a file error, a file with no usable row; with args.strict, any rejected row)
 */
export function runCoverage(
  args: CoverageArgs,
  log: (s: string) => void = () => {},
  thread: SearchThread | null = null,
): CoverageRun {
  const embedded = loadEmbedded(args.geoDir);
  const notes: string[] = [];
  const rejected = new RejectedRows();
  let ctx: ImportContext | null = null;
  const context = (): ImportContext => (ctx ??= cliImportContext(args.geoDir, embedded));
  let facilities: Facility[] = embedded.facilities;
  let facilitySources = ['embedded public/geo/facilities.geojson (sourced Security Centers and fire units; illustrative state units)'];
  if (args.facilities.length > 0) {
    ({ facilities, sources: facilitySources } = importFacilityFiles(args.facilities, context(), rejected, log));
  }
  let demand: DemandTable = embedded.demand;
  let demandSource = 'embedded public/geo/demand.json (located settlements and H3 cells; see population_derivation)';
  if (args.demand) {
    const rows = keepRows(importSettlements(readInput(args.demand), basename(args.demand), context()), args.demand, rejected, log);
    demand = toDemandTable(rows, embedded.hromadas);
    demandSource = `${args.demand} (${rows.length} points, population_derivation user)`;
    log(`${args.demand}: ${rows.length} demand points`);
  }
  let hromadas = embedded.hromadas;
  if (args.boundaries) {
    const rows = keepRows(importBoundaries(readInput(args.boundaries), basename(args.boundaries), context()), args.boundaries, rejected, log);
    const hromadaGeo = JSON.parse(readFileSync(join(args.geoDir, 'hromadas.geojson'), 'utf8')) as GeoBundle['hromadaGeo'];
    const { bundle, report } = applyBoundaries({ hromadaGeo, hromadas, demand, facilities }, rows, args.boundariesMode, basename(args.boundaries));
    ({ hromadas, demand, facilities } = bundle);
    notes.push(
      `Community boundaries from ${args.boundaries} (${args.boundariesMode}): ${report.replaced} replaced, ${report.added} added, ${report.dropped} left out; ` +
        `${report.movedPopulation} people now in another hromada, ${report.outsidePopulation} outside every hromada; population of ${report.resummed} hromadas re-summed from demand units (partly estimated).`,
    );
    log(`${args.boundaries}: ${rows.length} boundaries (${args.boundariesMode})`);
  }
  let territory = builtinTerritory(hromadas, args.geoDir);
  let territoryRejectedCsv = '';
  if (args.territory) {
    const t = applyTerritoryFile(args.territory, hromadas, demand, { date: args.territoryDate ?? undefined });
    hromadas = t.hromadas;
    territory = t.info;
    territoryRejectedCsv = t.rejectedCsv;
    for (const m of t.messages) log(m);
  } else if (args.territoryDate) {
    throw new CliError('--territory-date applies to a list given with --territory.');
  }
  let matrix: TravelMatrix | null = null;
  if (args.matrix) {
    const r = importMatrix(readInput(args.matrix), basename(args.matrix), context(), {
      facilityIds: new Set(facilities.map((f) => f.id)),
      demandIds: new Set(demand.ids),
    });
    matrix = toTravelMatrix(keepRows(r, args.matrix, rejected, log));
    notes.push(`Travel times from ${args.matrix} (turnout added); unlisted pairs: ${args.params.matrixFallback === 'model' ? 'the straight-line model' : 'unreachable'}.`);
  }
  checkStrict(rejected, args.strict);
  let engine: CoverageEngine;
  try {
    engine = new CoverageEngine(demand, hromadas, facilities, args.params, matrix);
  } catch (e) {
    if (e instanceof MatrixError) throw new CliError(`${args.matrix}: ${e.message}`);
    if (e instanceof Error && /^(Duplicate facility id|Facility ")/.test(e.message)) throw new CliError(e.message);
    throw e;
  }
  if (args.roads) notes.push(attachRoads(engine, args.roads, log, thread));
  if (rejected.count > 0) notes.push(`Rejected input rows (left out, listed in rejected.csv): ${rejected.summary()}.`);
  return { engine, services: args.services, facilitySources, demandSource, notes, territory, territoryRejectedCsv, rejected };
}

function attributionText(run: CoverageRun, geoDir: string): string {
  const p = run.engine.params;
  const lines = [
    'Hromada Coverage (Покриття громад): coverage CLI output',
    '',
    'PLANNING ASSUMPTIONS, NOT MEASURED RESPONSE TIMES.',
    'minutes = turnout(type) + 60 × d × detour / speed, d = great-circle km (haversine, R = 6371.0088 km).',
    `detour urban ${p.detour.urban}, rural ${p.detour.rural}; speed urban ${p.speedKmh.urban} km/h, rural ${p.speedKmh.rural} km/h`,
    `turnout (min): ${Object.entries(p.turnoutMin).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    p.coverageMode === 'distance'
      ? `covered: within ${p.coverageKm} km in a straight line`
      : `covered: minutes ≤ norm (fire ${p.normMin.fire.urban} urban / ${p.normMin.fire.rural} rural; police ${p.normMin.police.urban} / ${p.normMin.police.rural})`,
    `planned facilities ${p.includePlanned ? 'included' : 'excluded'}`,
    p.coverageMode === 'distance'
      ? `covered twice (second unit): the two nearest units both within ${p.coverageKm} km`
      : `covered twice (second unit): a second distinct unit within the second-unit norm (fire ${p.secondNormMin.fire.urban} urban / ${p.secondNormMin.fire.rural} rural; police ${p.secondNormMin.police.urban} / ${p.secondNormMin.police.rural})`,
    `unit availability (ASSUMED, not measured): ${Object.entries(p.availability).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    'Expected coverage of a place = 1 − ∏(1 − availability) over the units within its norm: units are ASSUMED to be',
    'available independently of one another (in reality one fire can keep neighbouring units busy together).',
    'Help across borders (from_other_hromada / from_other_oblast / first_reached_from): people whose first-due unit',
    '(within the reach cap) stands in another hromada / oblast, by the facility\'s hromada code (unknown = another).',
    territoryLine(run.territory),
    'National and oblast totals (totals.csv, territory "controlled") are for the territory under Ukrainian control;',
    'occupied hromadas of that list are reported beside them (territory "occupied"), not mixed in.',
    'hromadas.csv and demand.csv carry each hromada\'s territory_status.',
    ...run.notes,
    '',
    `Facilities: ${run.facilitySources.join('; ')}`,
    `Demand: ${run.demandSource}`,
    '',
    'Estimated and illustrative data are marked in every file:',
    '- population_derivation: official (published figure), estimated_share (a hromada\'s rural population shared among',
    '  its villages), spread (population of villages without coordinates spread over H3 cells), user (your file),',
    '  city_polygon / city_footprint (a city of 50,000+: its official population spread over H3 cells of its hromada, or',
    '  of an assumed footprint of 3,000 people per km²; the spread is assumed). city_id names the city of such a cell.',
    '- place_source: kse_hromada_centre, geonames, osm_place_node, osm_boundary_point (a point inside the village',
    '  boundary, not its centre), h3_cell, user.',
    '- nearest_basis (assumed / sourced / user), nearest_source, first_due_illustrative_share, assumed_unit_share:',
    '  facilities with source "illustrative" are assumed state units, not taken from any source.',
    '- reached / reach_cap_min / reached_population: a time beyond the reach cap (default 60 min) is "not reached" and',
    '  left empty; a median, p90 or worst time beyond it is empty with the reason in stats_note.',
    '- Populations are of 1 January 2022 and do not reflect displacement. Crimea and Sevastopol have no data.',
    '',
    'Files: hromadas.csv (one row per hromada per service), demand.csv (one row per demand unit per service),',
    'places.csv (one row per located settlement or city of 50,000+ per service; a city over its cells),',
    'totals.csv (Ukraine and oblasts; controlled and occupied territory in separate rows), gaps.geojson (uncovered',
    'demand units as points).',
    '',
  ];
  const attrPath = join(geoDir, 'attribution.json');
  if (existsSync(attrPath)) {
    const attr = JSON.parse(readFileSync(attrPath, 'utf8')) as { note?: string; sources?: { name?: string; licence?: string; attribution?: string; origin?: string }[] };
    lines.push('Sources:');
    if (attr.note) lines.push(attr.note);
    for (const s of attr.sources ?? []) lines.push(`- ${s.attribution ?? s.name ?? ''}${s.licence ? ` [${s.licence}]` : ''}${s.origin ? ` ${s.origin}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

/** Writes all outputs; returns the file paths. */
export function writeCoverageOutputs(run: CoverageRun, outDir: string, geoDir: string = DEFAULT_GEO_DIR): string[] {
  mkdirSync(outDir, { recursive: true });
  const ctx = { engine: run.engine, services: run.services };
  const note =
    'Planning assumptions (straight-line distance × detour), not measured times. See ATTRIBUTION.txt; population_derivation marks estimated population, nearest_source "illustrative" marks assumed units.';
  const files: [string, string][] = [
    ['hromadas.csv', hromadasCsv(ctx)],
    ['demand.csv', demandCsv(ctx)],
    ['places.csv', placesCsv(ctx)],
    ['totals.csv', totalsCsv(ctx)],
    ['gaps.geojson', gapsGeoJson(ctx, note)],
    ['ATTRIBUTION.txt', attributionText(run, geoDir)],
  ];
  if (run.territoryRejectedCsv) files.push(['territory-rejected.csv', run.territoryRejectedCsv]);
  const written = files.map(([name, text]) => {
    const path = join(outDir, name);
    writeFileSync(path, text);
    return path;
  });
  const rejected = writeRejected(run.rejected, outDir);
  return rejected ? [...written, rejected] : written;
}

/**
 * The CLI. Returns the exit status instead of exiting, so tests can call it.
 * @example await main(['--service', 'fire', '--out-dir', 'out/fire'])
 */
export async function main(
  argv: readonly string[],
  io: { out: (s: string) => void; err: (s: string) => void } = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
): Promise<number> {
  let helper: NodeSearchThread | null = null;
  try {
    const args = parseCoverageArgs(argv);
    if (args === 'help') {
      io.out(`${USAGE}\n`);
      return EXIT.ok;
    }
    const t0 = performance.now();
    // the road model's helper thread starts now and is listening by the time the graph is attached
    helper = args.roads ? startSearchThread() : null;
    const run = runCoverage(args, (s) => io.err(`coverage: ${s}\n`), helper?.thread ?? null);
    const files = writeCoverageOutputs(run, args.outDir, args.geoDir);
    if (args.exportMatrix) {
      const n = writeMatrixCsv(run.engine, resolve(args.exportMatrix));
      io.err(`coverage: ${args.exportMatrix}: ${n.toLocaleString('en')} facility–demand pairs within ${maxCap(run.engine)} driving minutes\n`);
    }
    io.out(`${territoryLine(run.territory)}\n`);
    for (const s of run.services) {
      const t = run.engine.totals(s);
      const o = run.engine.occupiedTotals(s);
      io.out(
        `${s}: controlled territory: ${(t.share * 100).toFixed(1)}% of ${t.population.toLocaleString('en')} people within the norm ` +
          `(expected ${(t.expectedShare * 100).toFixed(1)}% given unit availability, assumed; ${(t.secondShare * 100).toFixed(1)}% covered twice); ` +
          `${t.settlementsOutside} located settlements outside` +
          (o.population > 0 ? `; occupied territory (reported apart): ${o.population.toLocaleString('en')} people\n` : '\n'),
      );
    }
    if (run.rejected.count > 0) io.out(`${run.rejected.summary()}: left out, listed in rejected.csv\n`);
    io.out(`wrote ${files.join(', ')} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`coverage: ${e.message}\n`);
      return EXIT.badInput;
    }
    io.err(`coverage: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.unexpected;
  } finally {
    await helper?.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
