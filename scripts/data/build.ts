/**
 * `npm run data`: builds public/geo from ../shared/data (see docs/data-format.md and ../shared/data/SOURCES.md).
 *
 * Usage: tsx scripts/data/build.ts [--data DIR] [--out DIR] [--res N] [--osm FILE]
 * --osm: an OSM extract (PBF/XML) adds settlement points and OSM fire stations and police (scripts/data/osm-extract.ts).
 * Defaults: data = $HROMADA_DATA_DIR or <repo>/../shared/data, out = <repo>/public/geo, res = 7.
 * The output is deterministic: running it twice gives byte-identical files.
 */
import { existsSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAttribution } from './attribution';
import {
  applyOsmCoords,
  buildDemand,
  CITY_FOOTPRINT_DENSITY_PER_KM2,
  CITY_H3_RESOLUTION,
  CITY_POLYGON_SHARE,
  MAX_UNIT_POPULATION,
  readOsmCoords,
  readSettlements,
} from './demand';
import { buildFacilities } from './facilities';
import { applyOsmExtractSettlements, osmFacilityFeatures, readOsmExtract, readSettlementNodeIds, type OsmExtract } from './osm-extract';
import { buildHromadas, TERRITORY_LIST } from './hromadas';
import { buildKseTimes, KSE_TIMES_FILE } from './kse-times';
import { buildOutlines, RAION_SIMPLIFY_TOLERANCE } from './outlines';
import { buildTiles, TILE_BUFFER_PX, TILE_EXTENT, TILE_TOLERANCE_PX } from './tiles';
import { SERVICES_OF, TERRITORY_STATUSES } from '../../src/engine/types';
import { featureCollectionJson, gzipSize, objectPerLineJson, OutDir } from './write';
import { RAIONS_MIN_ZOOM, TILE_LAYERS, TILES_BOUNDS, TILES_DIR, TILES_MAX_ZOOM, TILES_MIN_ZOOM } from '../../src/map/basemap-tiles';
import { EMBEDDED_FILES } from '../../src/io/embedded';
import { DEMAND_BIN_PATH, demandBinary } from '../vite/demand-binary';

export const REPO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_DATA_DIR = resolve(REPO_DIR, '../shared/data');
export const DEFAULT_OUT_DIR = join(REPO_DIR, 'public/geo');
/** Start-up download budget, gzip bytes. */
export const STARTUP_BUDGET = 4 * 1024 * 1024;
/**
 * Files the page does not load at start: names for the community panel on demand; the outlines, which the map draws
 * from tiles/ (the import worker reads border and no-data areas when a file is imported).
 */
export const ON_DEMAND_FILES: readonly string[] = ['unlocated.json', 'border.geojson', 'no_data.geojson', 'oblasts.geojson', 'raions.geojson', KSE_TIMES_FILE];
/** The tiles the country view loads at start (zoom 5), counted in the start-up download as one entry. */
export const STARTUP_TILES = 'tiles/5 (country view)';

export interface BuildOptions {
  dataDir?: string;
  outDir?: string;
  h3Resolution?: number;
  /** `--osm FILE`, read in main before the synchronous build into `osmExtract` (osm-extract.ts). */
  osm?: string;
  osmExtract?: OsmExtract;
}

export interface BuildReport {
  outDir: string;
  gzipBytes: Record<string, number>;
  startupGzipBytes: number;
  manifest: Record<string, unknown>;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of items.map(key).sort()) out[k] = (out[k] ?? 0) + 1;
  return out;
}

export function build(opts: BuildOptions = {}): BuildReport {
  const dataDir = resolve(opts.dataDir ?? process.env['HROMADA_DATA_DIR'] ?? DEFAULT_DATA_DIR);
  const outDir = resolve(opts.outDir ?? DEFAULT_OUT_DIR);
  const res = opts.h3Resolution ?? 7;
  if (!existsSync(join(dataDir, 'SOURCES.md')))
    throw new Error(`data directory ${dataDir} not found (expected ../shared/data with SOURCES.md)`);

  const katottg = readSettlements(dataDir);
  const osm = applyOsmCoords(katottg, readOsmCoords(dataDir));
  const ox = opts.osmExtract ? applyOsmExtractSettlements(osm.settlements, opts.osmExtract) : null;
  const settlements = ox ? ox.settlements : osm.settlements;
  const settlementCount = new Map<string, number>();
  for (const s of settlements) settlementCount.set(s.hromadaCode, (settlementCount.get(s.hromadaCode) ?? 0) + 1);
  const h = buildHromadas(dataDir, settlementCount);
  const outlines = buildOutlines(dataDir, h);
  const dem = buildDemand(h.hromadas, h.geometries, settlements, res);
  const fac = buildFacilities(dataDir, h);
  const existing = fac.facilities.features.map((f) => ({ coordinates: f.geometry.coordinates, services: SERVICES_OF[f.properties.type] }));
  const of = opts.osmExtract ? osmFacilityFeatures(opts.osmExtract, (lon, lat) => h.hromadas[h.index.first(lon, lat)]?.code ?? null, existing) : null;
  const attribution = buildAttribution(fac.facilities.features.map((f) => f.properties.source_url));

  const out = new OutDir(outDir);
  out.write(
    'hromadas.geojson',
    featureCollectionJson({
      type: 'FeatureCollection',
      features: h.hromadas.map((x, i) => {
        const { center_katottg: _c, ...props } = x;
        return { type: 'Feature', properties: props, geometry: h.geometries[i] };
      }),
    }),
  );
  out.write('oblasts.geojson', featureCollectionJson(outlines.oblasts));
  out.write('raions.geojson', featureCollectionJson(outlines.raions));
  out.write('border.geojson', featureCollectionJson(outlines.border));
  out.write('no_data.geojson', featureCollectionJson(outlines.noData));
  out.write('demand.json', objectPerLineJson({ ...dem.demand }));
  const facFeatures = of ? [...fac.facilities.features, ...of.features] : fac.facilities.features;
  out.write('facilities.geojson', featureCollectionJson({ type: 'FeatureCollection', features: facFeatures }));
  out.write('unlocated.json', objectPerLineJson(dem.unlocated));
  out.write('attribution.json', JSON.stringify(attribution, null, 1) + '\n');
  // KSE's car road times hromada centre → oblast centre, for the model check (loaded when it opens).
  out.write(KSE_TIMES_FILE, buildKseTimes(dataDir).text);
  const tiles = buildTiles(
    [
      { name: TILE_LAYERS.border, data: outlines.border },
      { name: TILE_LAYERS.noData, data: outlines.noData },
      {
        name: TILE_LAYERS.hromadas,
        // id = hromada index (the choropleth's feature state); `code` for the selected outline's filter.
        data: { type: 'FeatureCollection', features: h.hromadas.map((x, i) => ({ type: 'Feature', id: i, properties: { code: x.code }, geometry: h.geometries[i]! })) },
      },
      { name: TILE_LAYERS.raions, data: outlines.raions, minZoom: RAIONS_MIN_ZOOM },
      { name: TILE_LAYERS.oblasts, data: outlines.oblasts },
    ],
    TILES_BOUNDS,
  );
  rmSync(join(outDir, TILES_DIR), { recursive: true, force: true });
  out.writeBinary(TILES_DIR, tiles);

  const d = dem.demand;
  const hromadaCodes = new Set(h.hromadas.map((x) => x.code));
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const popBy = (key: readonly string[]) => {
    const o: Record<string, number> = {};
    key.forEach((k, i) => (o[k] = (o[k] ?? 0) + d.population[i]!));
    return Object.fromEntries(Object.entries(o).sort());
  };
  const kindDerivation = d.kind.map((k, i) => `${k}/${d.derivation[i]}`);
  const gzipBytes: Record<string, number> = {};
  for (const [name, text] of [...out.written].sort())
    if (name === EMBEDDED_FILES.demand)
      // the app downloads demand.json as its compact copy, which the app build writes (scripts/vite/demand-binary.ts)
      gzipBytes[basename(DEMAND_BIN_PATH)] = demandBinary(new TextEncoder().encode(text), 9).length;
    else if (!ON_DEMAND_FILES.includes(name)) gzipBytes[name] = gzipSize(text);
  gzipBytes[STARTUP_TILES] = [...tiles]
    .filter(([name]) => name.startsWith('5/'))
    .reduce((n, [, bytes]) => n + gzipSync(bytes, { level: 9 }).length, 0);
  const citiesSpread = {
    count: d.cities.length,
    population: sum(d.cities.map((c) => c.population)),
    cells: sum(d.cities.map((c) => c.cells)),
    by_footprint: Object.fromEntries(
      (['hromada_polygon', 'assumed_disk'] as const).map((fp) => {
        const cs = d.cities.filter((c) => c.footprint === fp);
        return [fp, { count: cs.length, population: sum(cs.map((c) => c.population)), cells: sum(cs.map((c) => c.cells)) }];
      }),
    ),
    list: d.cities.map((c) => `${c.id} ${c.name} ${c.population} ${c.footprint} ${c.cells} cells ${c.areaKm2} km²`),
  };
  const manifest = {
    version: 1,
    generator: 'scripts/data/build.ts (npm run data)',
    territory: TERRITORY_LIST,
    parameters: {
      h3_resolution: res,
      h3_finer_resolutions: [8, 9, 10],
      max_unit_population: MAX_UNIT_POPULATION,
      city_h3_resolution: CITY_H3_RESOLUTION,
      city_polygon_share: CITY_POLYGON_SHARE,
      city_footprint_density_per_km2_assumed: CITY_FOOTPRINT_DENSITY_PER_KM2,
      point_precision_deg: 1e-5,
      polygon_precision_deg: 1e-4,
      raion_simplify_tolerance_deg: RAION_SIMPLIFY_TOLERANCE,
      illustrative_skip_km: 5,
      tiles: { min_zoom: TILES_MIN_ZOOM, max_zoom: TILES_MAX_ZOOM, bounds: TILES_BOUNDS, extent: TILE_EXTENT, tolerance_px: TILE_TOLERANCE_PX, buffer_px: TILE_BUFFER_PX },
    },
    counts: {
      hromadas: h.hromadas.length,
      hromada_polygons_reassigned: h.reassigned,
      territory_status: Object.fromEntries(TERRITORY_STATUSES.map((st) => [st, h.hromadas.filter((x) => x.status === st).length])),
      osm_points_added: osm.applied,
      settlements_in_hromadas: settlements.filter((x) => hromadaCodes.has(x.hromadaCode)).length,
      unlocated_settlements: sum(Object.values(dem.unlocated).map((l) => l.length)),
      demand_units: d.id.length,
      demand_units_by_kind: countBy(d.kind, (k) => k),
      demand_units_by_kind_derivation: countBy(kindDerivation, (k) => k),
      demand_units_by_category: countBy(d.category, (k) => k),
      demand_units_by_place: countBy(d.place, (k) => k),
      // Located = a point of their own: the settlement points plus the cities of 50,000+ now spread as cells.
      located_settlements: d.kind.filter((k) => k === 'settlement').length + d.cities.length,
      settlement_points: d.kind.filter((k) => k === 'settlement').length,
      facilities: fac.facilities.features.length,
      tiles: tiles.size,
      tiles_empty: [...tiles.values()].filter((b) => b.length === 0).length,
      tiles_bytes: [...tiles.values()].reduce((n, b) => n + b.length, 0),
      facilities_by_type_source_placement: countBy(
        fac.facilities.features,
        (f) => `${f.properties.type}/${f.properties.source}/${f.properties.placement}`,
      ),
      facilities_by_status: countBy(fac.facilities.features, (f) => f.properties.status),
      illustrative_skipped_near_real_unit: fac.illustrativeSkipped,
      illustrative_excluded_in_no_data: fac.illustrativeInNoData,
    },
    cities_spread: citiesSpread,
    population: {
      total: sum(d.population),
      official_hromadas_total: sum(h.hromadas.map((x) => x.pop_total)),
      by_kind_derivation: popBy(kindDerivation),
      urban_flag_1: sum(d.population.filter((_p, i) => d.urban[i] === 1)),
    },
    ...(ox && of ? { osm_extract: { ...opts.osmExtract!.counts, settlements_placed: ox.placed, settlements_already_located: ox.alreadyLocated, facilities_added: of.features.length, facilities_outside_hromadas: of.outside, facilities_near_sourced_skipped: of.duplicates } } : {}),
    mismatches: dem.cases,
    unplaced_facility_rows: fac.unplaced,
    facility_hromada_mismatch: fac.hromadaMismatch,
    startup_gzip_bytes: gzipBytes,
    startup_gzip_note: 'gzip level 9 of each file loaded at start (and of the zoom-5 tiles of the country view); manifest.json itself is not included here',
  };
  const manifestText = JSON.stringify(manifest, null, 1) + '\n';
  out.write('manifest.json', manifestText);
  const allGzip = { ...gzipBytes, 'manifest.json': gzipSize(manifestText) };
  const startupGzipBytes = sum(Object.values(allGzip));
  return { outDir, gzipBytes: allGzip, startupGzipBytes, manifest };
}

function parseArgs(argv: readonly string[]): BuildOptions {
  const o: BuildOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--data' && v) o.dataDir = argv[++i];
    else if (a === '--out' && v) o.outDir = argv[++i];
    else if (a === '--res' && v) o.h3Resolution = Number(argv[++i]);
    else if (a === '--osm' && v) o.osm = argv[++i];
    else throw new Error(`unknown argument ${a}; usage: build.ts [--data DIR] [--out DIR] [--res N] [--osm FILE]`);
  }
  return o;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const args = parseArgs(process.argv.slice(2));
  if (args.osm) args.osmExtract = await readOsmExtract(resolve(args.osm), readSettlementNodeIds(resolve(args.dataDir ?? process.env['HROMADA_DATA_DIR'] ?? DEFAULT_DATA_DIR)));
  const r = build(args);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`public/geo written to ${r.outDir} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const m = r.manifest as { counts: Record<string, unknown>; cities_spread: { count: number; population: number; by_footprint: Record<string, unknown>; list: string[] } };
  console.log(`  territory status: ${JSON.stringify(m.counts['territory_status'])}`);
  console.log(`  located settlements: ${String(m.counts['located_settlements'])}; OSM points added: ${JSON.stringify(m.counts['osm_points_added'])}`);
  if (r.manifest['osm_extract']) console.log(`  OSM extract ${args.osm}: ${JSON.stringify(r.manifest['osm_extract'])}`);
  console.log(`  cities spread as cells: ${m.cities_spread.count} (${m.cities_spread.population} people) ${JSON.stringify(m.cities_spread.by_footprint)}`);
  for (const line of m.cities_spread.list) console.log(`    ${line}`);
  for (const [f, n] of Object.entries(r.gzipBytes)) console.log(`  ${f.padEnd(20)} ${kb(n).padStart(12)} gzip`);
  console.log(`  start-up total        ${kb(r.startupGzipBytes).padStart(12)} gzip (budget ${kb(STARTUP_BUDGET)})`);
  if (r.startupGzipBytes > STARTUP_BUDGET) {
    console.error('start-up download is over budget');
    process.exitCode = 1;
  }
}
