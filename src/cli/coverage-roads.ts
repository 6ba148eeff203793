/**
 * The coverage CLI's road network and matrix export: `--roads GRAPH` attaches a road graph file to the engine,
 * `--export-matrix FILE` writes the long facility_id,demand_id,minutes CSV of the travel model in use.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import type { CoverageEngine } from '../engine/coverage';
import { forEachPair } from '../engine/roads/pairs';
import { readGraphFile } from '../io/roads/graph-file';
import { CliError } from './args';
import type { SearchThread } from '../engine/roads/parallel';

/**
 * Reads a .graph file and attaches it; returns the note for ATTRIBUTION.txt.
 * @param thread a helper thread for the full road searches (./search-thread.ts), or null: one thread. With one, the
 *   file is decoded from shared memory so the helper reads the graph in place.
 * @throws CliError when the file cannot be read or is not a road graph
 */
export function attachRoads(
  engine: CoverageEngine,
  path: string,
  log: (s: string) => void,
  thread: SearchThread | null = null,
): string {
  let bytes: Uint8Array;
  try {
    // with a helper, read straight into shared memory: a shared copy of a read buffer held the file twice until the
    // first coverage was done (peak RSS +128 MB on the 2.07 M-node bench graph)
    bytes = thread ? readFileShared(path) : readFileSync(path);
  } catch (e) {
    throw new CliError(`--roads ${path}: cannot read the file (${(e as Error).message}).`);
  }
  let graph;
  try {
    graph = readGraphFile(bytes);
  } catch (e) {
    throw new CliError(
      `--roads ${path}: not a road graph file (${(e as Error).message}). Build one from an OSM extract with: npm run roads -- EXTRACT --out FILE.graph`,
    );
  }
  engine.useSearchThread(thread);
  engine.setRoadGraph(graph);
  const p = engine.params;
  const flags = engine.roadUnitFlags();
  const on = flags ? flags.reduce((a, b) => a + b, 0) : 0;
  const m = graph.meta;
  log(
    `${path}: road graph of ${graph.nodeCount.toLocaleString('en')} nodes, ${graph.edgeCount.toLocaleString('en')} edges; ${on.toLocaleString('en')} of ${engine.demand.count.toLocaleString('en')} demand units on it`,
  );
  if (!flags)
    return `Road graph ${path} attached but not used (travel=straight or distance mode): straight-line model.`;
  return (
    `Travel model: ROAD NETWORK from ${path} (built from ${m.source || 'unknown'}${m.osmTimestamp ? `, OSM data of ${m.osmTimestamp}` : ''}; ${m.licence}). ` +
    `Road minutes = turnout + off-road leg to the nearest road node at ${p.roads.offRoadKmh} km/h + road minutes by class speed ` +
    `(capped by maxspeed, × ${p.roads.speeds.builtUpFactor} in built-up areas) + the unit's off-road leg. ` +
    `${on.toLocaleString('en')} of ${engine.demand.count.toLocaleString('en')} demand units lie within ${p.roads.snapMaxKm} km of a road node; ` +
    `the others, and facilities off the graph, use the straight-line model (an on-graph unit sees off-graph facilities by straight line).`
  );
}

/** A file's bytes on a new SharedArrayBuffer (read into it, not copied), for a graph a helper thread reads in place. */
export function readFileShared(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const out = new Uint8Array(new SharedArrayBuffer(size));
    let off = 0;
    while (off < size) {
      const n = readSync(fd, out, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return off === size ? out : out.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

/** The largest reach cap of the services, minutes. */
export function maxCap(engine: CoverageEngine): number {
  const p = engine.params;
  return Math.max(p.reachCapMin.fire, p.reachCapMin.police);
}

/** Writes the long matrix CSV of every pair within the largest reach cap (driving minutes); returns the pair count. */
export function writeMatrixCsv(engine: CoverageEngine, path: string): number {
  const fd = openSync(path, 'w');
  let buf = 'facility_id,demand_id,minutes\n';
  let n = 0;
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const facilities = Array.from({ length: engine.slotCount }, (_, s) => engine.facility(s));
  const ids = facilities.map((f) => (f ? quote(f.id) : ''));
  const demandIds = engine.demand.ids.map(quote);
  try {
    forEachPair(
      { demand: engine.demand, facilities, params: engine.params, road: engine.roadModel(), limit: maxCap(engine) },
      (f, i, m) => {
        buf += `${ids[f]},${demandIds[i]},${Math.round(m * 1000) / 1000}\n`;
        n++;
        if (buf.length > 1 << 20) {
          writeSync(fd, buf);
          buf = '';
        }
      },
    );
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  return n;
}
