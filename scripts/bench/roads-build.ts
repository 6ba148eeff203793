/**
 * Road-graph builder benchmark (issue 13): parse + build throughput (MB/s) of `buildRoadGraph` on the real OSM
 * extracts of ../shared/data/osm and the committed fixture, cold (first run in the process) and warm (median of
 * three), the graph's size, and on a synthetic road-like PBF of ≈1M road nodes among buildings (written with
 * scripts/roads/osm-write.ts) for a steady-state figure; then an extrapolation to a 1.3 GB national extract with the
 * memory it would need (a model from the builder's arrays, scaled by the roads per PBF byte; labelled an estimate).
 *
 *   tsx scripts/bench/roads-build.ts      (or call benchRoadsBuild() from scripts/bench/roads.ts)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { buildRoadGraph, writeGraphFile, type BuiltRoads } from '../../src/io/roads';
import type { RoadSource } from '../../src/io/roads/source';
import { writeOsmPbf, type OsmNode, type OsmWay } from '../roads/osm-write';
import { DEFAULT_DATA_DIR, REPO_DIR } from '../data/build';

const NATIONAL_BYTES = 1.3e9;

const inflate = (d: Uint8Array, size: number): Uint8Array => {
  const o = inflateSync(d, { maxOutputLength: Math.max(1, size) });
  return new Uint8Array(o.buffer, o.byteOffset, o.byteLength);
};

function source(b: Uint8Array, name: string): RoadSource {
  return {
    name,
    size: b.length,
    open: async function* () {
      for (let i = 0; i < b.length; i += 1 << 20) yield b.subarray(i, i + (1 << 20));
    },
  };
}

export interface RoadsBuildFigure {
  name: string;
  mb: number;
  coldMbps: number;
  warmMbps: number;
  /** MB per CPU second of this process (warm median): less sensitive to other processes on a shared machine. */
  warmMbPerCpuS: number;
  nodesRead: number;
  nodes: number;
  edges: number;
  graphMb: number;
  counts: Readonly<Record<string, number>>;
}

async function measure(name: string, b: Uint8Array): Promise<RoadsBuildFigure> {
  const run = async (): Promise<[number, BuiltRoads, number]> => {
    const t = performance.now();
    const c = process.cpuUsage();
    const r = await buildRoadGraph(source(b, name), { inflate, builtAt: 'bench' });
    const cpu = process.cpuUsage(c);
    return [performance.now() - t, r, (cpu.user + cpu.system) / 1e3];
  };
  const [cold, r] = await run();
  const warm: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 3; i++) {
    const [ms, , c] = await run();
    warm.push(ms);
    cpu.push(c);
  }
  warm.sort((x, y) => x - y);
  cpu.sort((x, y) => x - y);
  const mb = b.length / 1e6;
  return {
    name,
    mb,
    coldMbps: mb / (cold / 1000),
    warmMbps: mb / (warm[1]! / 1000),
    warmMbPerCpuS: mb / (cpu[1]! / 1000),
    nodesRead: r.graph.meta.counts['nodes_read'] ?? 0,
    nodes: r.graph.nodeCount,
    edges: r.graph.edgeCount,
    graphMb: writeGraphFile(r.graph).length / 1e6,
    counts: r.graph.meta.counts,
  };
}

/** A road-like PBF: a grid of residential/tertiary streets (chains of 10 nodes) among closed building ways. */
export function syntheticPbf(side = 1000): Uint8Array {
  const nodes: OsmNode[] = [];
  const ways: OsmWay[] = [];
  // Ids with gaps and jittered positions, so ids and coordinate deltas take as many bytes as in a real extract.
  const id = (x: number, y: number): number => 1_000_000 + 3 * (y * side + x);
  let seed = 42;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 1e-4;
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++)
      nodes.push({ id: id(x, y), lon: 30 + x * 2e-4 + rnd(), lat: 50 + y * 1.5e-4 + rnd() });
  let wid = 1;
  for (let y = 0; y < side; y += 10)
    for (let x = 0; x + 1 < side; x += 9) {
      const refs = [];
      for (let k = x; k <= Math.min(side - 1, x + 9); k++) refs.push(id(k, y));
      ways.push({ id: wid++, refs, tags: { highway: y % 50 === 0 ? 'tertiary' : 'residential' } });
      const col = [];
      for (let k = x; k <= Math.min(side - 1, x + 9); k++) col.push(id(y, k));
      ways.push({ id: wid++, refs: col, tags: { highway: 'residential', ...(x % 2 ? { oneway: 'yes' } : {}) } });
    }
  // Buildings: 4 corners of grid cells off the streets, a closed way each (most of a real extract is buildings).
  for (let y = 1; y + 1 < side; y += 3)
    for (let x = 1; x + 1 < side; x += 3) {
      if (y % 10 === 0 || x % 10 === 0) continue;
      ways.push({
        id: wid++,
        refs: [id(x, y), id(x + 1, y), id(x + 1, y + 1), id(x, y + 1), id(x, y)],
        tags: { building: 'yes' },
      });
    }
  return writeOsmPbf({ nodes, ways, timestamp: '2026-01-01T00:00:00Z' });
}

/** Resident memory (MB) the builder's arrays need for `counts` (bytes per item of src/io/roads, generous). */
function modelMb(c: Readonly<Record<string, number>>): number {
  const refs = c['segments']! + c['ways_kept']!;
  const nodes = c['osm_nodes_referenced']!;
  const seg = c['segments']!;
  const edges = c['edges']!;
  const shape = c['shape_points']!;
  const bytes =
    refs * (8 + 8 + 4) + // pass 1 ref ids, the sorted copy, the index
    nodes * (8 + 4 + 4 + 1 + 1 + 4 + 4 + 4 + 4) + // ids, coords, found, in-box, degree, offsets, fill, new id, union-find
    seg * (4 + 4 + 4 + 8 + 1) + // segment ends, way, incidence, visited
    edges * (4 + 4 + 4 + 8 + 4 + 1 + 4 + 4 + 4 + 1 + 1 + 1 + 4) + // edge lists and the CSR arrays
    shape * (4 + 4 + 8 + 8 + 4 + 4); // shape points: chain copy, graph, file
  return bytes / 1e6;
}

export async function benchRoadsBuild(log: (s: string) => void = console.log): Promise<RoadsBuildFigure[]> {
  const files: [string, string][] = [
    ['fixture monaco-centre.osm.pbf', join(REPO_DIR, 'test/fixtures/roads/monaco-centre.osm.pbf')],
  ];
  const osmDir = join(process.env['HROMADA_DATA_DIR'] ?? DEFAULT_DATA_DIR, 'osm');
  for (const f of [
    'liechtenstein_2015-07-27.osm.pbf',
    'monaco_2016-03-05.osm.pbf',
    'liechtenstein_2015-07-27_roads.osm',
    'ua_lviv_transit_ways_2013-05-20.osm',
  ])
    if (existsSync(join(osmDir, f))) files.push([f, join(osmDir, f)]);
  const out: RoadsBuildFigure[] = [];
  const rssStart = process.memoryUsage().rss;
  for (const [name, path] of files) out.push(await measure(name, new Uint8Array(readFileSync(path))));
  const t = performance.now();
  const syn = syntheticPbf();
  log(`synthetic PBF written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  out.push(await measure('synthetic grid + buildings .osm.pbf', syn));
  const peak = process.resourceUsage().maxRSS / 1024;
  log(
    'file                                     MB cold MB/s warm MB/s  MB/cpu-s  OSM nodes/cpu-s    nodes    edges  graph MB',
  );
  for (const f of out)
    log(
      `${f.name.padEnd(36)} ${f.mb.toFixed(2).padStart(6)} ${f.coldMbps.toFixed(1).padStart(9)} ${f.warmMbps.toFixed(1).padStart(9)} ${f.warmMbPerCpuS.toFixed(1).padStart(9)} ${((f.nodesRead * f.warmMbPerCpuS) / f.mb / 1e6).toFixed(2).padStart(14)} M ${String(f.nodes).padStart(8)} ${String(f.edges).padStart(8)} ${f.graphMb.toFixed(2).padStart(9)}`,
    );
  log(
    `peak RSS of this process ${peak.toFixed(0)} MB (start ${(rssStart / 1e6).toFixed(0)} MB); load average ${(
      await import('node:os')
    )
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  // Real extracts only (the synthetic one has far more roads per byte than any country).
  const pbfs = out.filter(
    (f) => f.name.endsWith('.pbf') && !f.name.startsWith('fixture') && !f.name.startsWith('synthetic'),
  );
  for (const f of pbfs) {
    const scale = NATIONAL_BYTES / 1e6 / f.mb;
    const mem = modelMb(f.counts) * scale;
    log(
      `1.3 GB extrapolated from ${f.name}: ${(NATIONAL_BYTES / 1e6 / f.warmMbps / 60).toFixed(1)} min at its warm ${f.warmMbps.toFixed(1)} MB/s (${(NATIONAL_BYTES / 1e6 / f.warmMbPerCpuS / 60).toFixed(1)} min of CPU); ` +
        `builder arrays ≈ ${(mem / 1000).toFixed(2)} GB if roads per PBF byte are as here (estimate, ${((f.counts['segments']! * scale) / 1e6).toFixed(0)} M segments)`,
    );
  }
  return out;
}

if (process.argv[1]?.endsWith('roads-build.ts')) await benchRoadsBuild();
