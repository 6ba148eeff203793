/**
 * `npm run roads -- FILE [--bbox W,S,E,N] [--out FILE]`: builds the road graph of an OSM extract (PBF, XML, gzip'd
 * XML) or GeoJSON road lines and writes it as a .graph file (default public/geo/roads.graph, which the page loads by
 * default). Streams the file twice (fs.createReadStream); prints the counts, throughput and peak memory.
 * Exit status: 0 done, 2 bad input, 1 anything else.
 */
import { createReadStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { buildRoadGraph, RoadsError, writeGraphFile } from '../io/roads';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface RoadsCliResult {
  readonly out: string;
  readonly seconds: number;
  readonly mbPerSecond: number;
  readonly peakRssMb: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly fileBytes: number;
}

function parseArgs(argv: readonly string[]): { file: string; bbox?: [number, number, number, number]; out: string } {
  let file = '';
  let bbox: [number, number, number, number] | undefined;
  let out = resolve(REPO, 'public/geo/roads.graph');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--bbox') {
      const v = (argv[++i] ?? '').split(',').map(Number);
      if (v.length !== 4 || !v.every(Number.isFinite))
        throw new RoadsError('bad_bbox', '--bbox takes W,S,E,N in degrees', '--bbox приймає W,S,E,N у градусах');
      bbox = v as [number, number, number, number];
    } else if (a === '--out') out = resolve(argv[++i] ?? '');
    else if (a.startsWith('--'))
      throw new RoadsError('unknown_format', `Unknown option ${a}`, `Невідомий параметр ${a}`);
    else file = a;
  }
  if (!file)
    throw new RoadsError(
      'unknown_format',
      'Usage: npm run roads -- FILE [--bbox W,S,E,N] [--out FILE]',
      'Використання: npm run roads -- ФАЙЛ [--bbox W,S,E,N] [--out ФАЙЛ]',
    );
  return { file: resolve(file), bbox, out };
}

/** Builds and writes one graph; `log` gets the report lines. */
export async function runRoads(
  argv: readonly string[],
  log: (s: string) => void = console.log,
): Promise<RoadsCliResult> {
  const { file, bbox, out } = parseArgs(argv);
  const size = statSync(file).size;
  let peak = process.memoryUsage().rss;
  const t0 = performance.now();
  let lastLog = t0;
  const { graph, format, header } = await buildRoadGraph(
    { name: basename(file), size, open: () => createReadStream(file, { highWaterMark: 1 << 20 }) },
    {
      bbox,
      inflate: (data, size) => {
        const out = inflateSync(data, { maxOutputLength: Math.max(1, size) });
        return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      },
      onProgress: (p) => {
        const rss = process.memoryUsage().rss;
        if (rss > peak) peak = rss;
        const now = performance.now();
        if (now - lastLog > 5000) {
          lastLog = now;
          log(`  ${p.phase}: ${(p.bytes / 1e6).toFixed(0)} / ${((p.total ?? 0) / 1e6).toFixed(0)} MB`);
        }
      },
    },
  );
  const bytesOut = writeGraphFile(graph);
  const seconds = (performance.now() - t0) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytesOut);
  const c = graph.meta.counts;
  const mbps = size / 1e6 / seconds;
  log(
    `${basename(file)}: ${format.toUpperCase()}, ${(size / 1e6).toFixed(1)} MB${header?.timestamp ? `, OSM timestamp ${header.timestamp}` : ''}`,
  );
  log(
    `  ways: ${c['ways_drivable']} drivable (${c['ways_kept']} kept, ${c['ways_reversible_skipped']} reversible skipped, ${c['ways_with_missing_nodes']} with missing nodes: ${c['missing_node_refs']} refs skipped)`,
  );
  log(
    `  OSM nodes on roads: ${c['osm_nodes']} (largest connected component ${c['largest_component_osm_nodes']}); segments ${c['segments']}${bbox ? `, ${c['segments_outside_bbox']} outside the bbox` : ''}`,
  );
  log(
    `  graph: ${graph.nodeCount} nodes, ${graph.edgeCount} directed edges, ${graph.shapeLon.length} shape points → ${out} (${(bytesOut.length / 1e6).toFixed(2)} MB)`,
  );
  log(
    `  ${seconds.toFixed(2)} s, ${mbps.toFixed(1)} MB/s (two passes over the file), peak RSS ${(peak / 1e6).toFixed(0)} MB`,
  );
  log('  Licence: ODbL 1.0, © OpenStreetMap contributors');
  return { out, seconds, mbPerSecond: mbps, peakRssMb: peak / 1e6, counts: c, fileBytes: size };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runRoads(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(e instanceof RoadsError || (e as NodeJS.ErrnoException)?.code === 'ENOENT' ? 2 : 1);
  });
}
