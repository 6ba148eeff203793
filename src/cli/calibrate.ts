/**
 * `npm run calibrate -- [options]`: the model check (issue 13, point 6). Compares the travel model's minutes with
 * observed trips and fits the model's speeds by a robust (Huber) regression; prints the errors before and after, a
 * table by oblast (or by the file's group), and the fitted parameters as `--param` strings for coverage and plan.
 *
 *   (default)           KSE's 1,377 road times by car from hromada centres to their oblast centres (bundled,
 *                       public/geo/kse-road-times.json): car trips of 20–200 km, not fire-engine runs
 *   --observed FILE     your observed trips (CSV/XLSX) instead: from/to as coordinates or ids (facility id,
 *                       settlement KATOTTG) and minutes; or dispatch records (unit_id, incident lon/lat,
 *                       dispatch_time, arrival_time). Rejected rows are printed
 *   --roads FILE        a road graph (.graph from `npm run roads`) or an OSM/GeoJSON road file: also check and fit the
 *                       road model (a speed factor per highway class, or one global factor when the classes cannot
 *                       be told apart in these trips)
 *   --fit CLASSES       fit only these classes, comma-separated (e.g. rural); default all
 *   --param name=value  the parameters to start from (as for coverage), repeatable
 *   --geo-dir DIR       embedded data folder (default public/geo)
 * Exit status: 0 done, 2 bad input, 1 anything else.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { calibrate, type CheckPair } from '../engine/calibrate';
import { straightLineModel } from '../engine/calibrate-models';
import { roadCheckModel } from '../engine/calibrate-roads';
import type { RoadGraph } from '../engine/roads/graph';
import { DEFAULT_PARAMS, type ModelParams } from '../engine/types';
import { registerBinaryReaders } from '../io/binary-readers';
import { parseKseTimes, KSE_TIMES_FILE } from '../io/kse-times';
import { fileErrorMessage } from '../io/messages';
import { importObserved, observedLookup, observedPairs } from '../io/observed';
import { buildRoadGraph, readGraphFile, RoadsError } from '../io/roads';
import { cloneParams } from '../state/app-state';
import { withRoads } from '../state/roads-params';
import { CliError, applyParam, lastOf, parseArgs } from './args';
import { calibrationReport } from './calibrate-report';
import { cliImportContext, EXIT, readInput, rejectedLine } from './inputs';
import { DEFAULT_GEO_DIR, loadEmbedded } from './load-embedded';

registerBinaryReaders();

const USAGE = `Usage: npm run calibrate -- [--observed FILE] [--roads GRAPH_OR_OSM] [--fit CLASSES] [--param name=value …] [--geo-dir DIR]`;

interface Trips {
  pairs: CheckPair[];
  what: string;
  groupTitle: string;
  groupEn: (g: string) => string;
}

function kseTrips(geoDir: string): Trips {
  const path = join(geoDir, KSE_TIMES_FILE);
  if (!existsSync(path)) throw new CliError(`${path}: not found (run \`npm run data\`).`);
  const kse = parseKseTimes(JSON.parse(readFileSync(path, 'utf8')));
  return {
    pairs: kse.pairs,
    what:
      `KSE road times: ${kse.pairs.length} car trips from hromada centres to their oblast centres (Kyiv School of Economics, ` +
      `KSE-Loc-Data-Hub, MIT). Car trips of 20–200 km, not fire-engine runs: they check the model, they are not a norm. ` +
      `Left out: the 23 oblast centres themselves (time 0) and Київська's 69 hromadas (no centre in the data).`,
    groupTitle: 'oblast',
    groupEn: (g) => kse.oblastEn.get(g) ?? '',
  };
}

function observedTrips(path: string, geoDir: string, params: ModelParams, log: (s: string) => void): Trips {
  const data = loadEmbedded(geoDir);
  const ctx = cliImportContext(geoDir, data);
  const lookup = observedLookup(data.facilities, data.demand, data.hromadas, ctx);
  const r = importObserved(readInput(path), basename(path), lookup);
  if (r.fileError) throw new CliError(`${path}: ${fileErrorMessage(r.fileError, 'en')}`);
  for (const x of r.rejected) log(rejectedLine(path, x));
  if (r.rows.length === 0) throw new CliError(`${path}: no usable row (${r.rejected.length} rejected).`);
  const assumed = r.rows.filter((t) => t.classAssumed).length;
  return {
    pairs: observedPairs(r.rows, params),
    what:
      `${path}: ${r.rows.length} observed ${r.shape === 'dispatch' ? 'dispatch records (dispatch → arrival, turnout of the unit type included)' : 'trips'}` +
      `${r.rejected.length ? `, ${r.rejected.length} rows rejected (listed above)` : ''}` +
      `${assumed ? `; ${assumed} without a class and not ending at a known settlement: rural assumed` : ''}.`,
    groupTitle: 'group',
    groupEn: () => '',
  };
}

/** A .graph file, or an OSM PBF/XML/GeoJSON road file built on the fly. */
async function loadRoads(path: string, log: (s: string) => void): Promise<RoadGraph> {
  const bytes = readInput(path);
  try {
    if (String.fromCharCode(...bytes.subarray(0, 4)) === 'HCRG') return readGraphFile(bytes);
    log(`building the road graph of ${basename(path)} (use \`npm run roads\` to keep it)…`);
    const { graph } = await buildRoadGraph(
      {
        name: basename(path),
        size: statSync(path).size,
        open: () => createReadStream(path, { highWaterMark: 1 << 20 }),
      },
      {
        inflate: (data, size) => {
          const out = inflateSync(data, { maxOutputLength: Math.max(1, size) });
          return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
        },
      },
    );
    return graph;
  } catch (e) {
    if (e instanceof RoadsError) throw new CliError(`${path}: ${e.en}`);
    throw e;
  }
}

export async function main(
  argv: readonly string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
): Promise<number> {
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.out(`${USAGE}\n`);
      return EXIT.ok;
    }
    const args = parseArgs(argv, { values: ['observed', 'roads', 'param', 'geo-dir', 'fit'], flags: [] });
    if (args.positional.length > 0) throw new CliError(`unexpected argument ${args.positional[0]}. ${USAGE}`);
    const geoDir = resolve(lastOf(args, 'geo-dir', DEFAULT_GEO_DIR));
    const params = withRoads(cloneParams(DEFAULT_PARAMS));
    for (const p of args.options.get('param') ?? []) applyParam(params, p);
    const fit = lastOf(args, 'fit');
    const opts = fit ? { classes: fit.split(',').map((s) => s.trim()) } : {};
    const observed = lastOf(args, 'observed');
    const log = (s: string) => io.err(`calibrate: ${s}\n`);
    const trips = observed ? observedTrips(resolve(observed), geoDir, params, log) : kseTrips(geoDir);
    io.out(`${trips.what}\n\n`);
    const t0 = performance.now();
    const straight = calibrate(straightLineModel, trips.pairs, { ...params, travelModel: 'straight' }, opts);
    const ms = performance.now() - t0;
    io.out(`${calibrationReport(straight, trips.groupTitle, trips.groupEn).join('\n')}\n`);
    io.out(
      `  Identifiable: only minutes per straight-line km of each class (detour ÷ speed), so the fit moves the speed and keeps the detour. ` +
        `Turnout is not fitted.${observed ? '' : ' KSE trips are intercity drives between centres: the urban class here is a trip from a city or smt centre, not a run inside a city — apply its fit with care (--fit rural fits the rural class only).'}\n` +
        `  (${trips.pairs.length} pairs checked and fitted in ${ms.toFixed(0)} ms)\n`,
    );
    const roadsPath = lastOf(args, 'roads');
    if (roadsPath) {
      const graph = await loadRoads(resolve(roadsPath), log);
      io.out(
        `\nRoad graph ${basename(roadsPath)}: ${graph.nodeCount} nodes, ${graph.edgeCount} edges (© OpenStreetMap contributors, ODbL)\n`,
      );
      const road = calibrate(roadCheckModel(graph), trips.pairs, { ...params, travelModel: 'road' }, opts);
      io.out(`${calibrationReport(road, trips.groupTitle, trips.groupEn).join('\n')}\n`);
    }
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`calibrate: ${e.message}\n`);
      return EXIT.badInput;
    }
    io.err(`calibrate: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.unexpected;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
