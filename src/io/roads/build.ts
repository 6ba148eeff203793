/**
 * The road-graph builder's entry point, for the CLI and the import worker: `buildRoadGraph(source, options)` reads
 * OSM PBF, OSM XML (plain or gzip'd) or GeoJSON road lines chunk by chunk and returns the RoadGraph. OSM files are
 * read twice: pass 1 keeps the drivable ways, pass 2 only the coordinates of their nodes.
 */
import type { RoadGraph } from '../../engine/roads/graph';
import type { RoadClass } from '../../engine/roads/speeds';
import { buildGraph, type Bbox } from './contract';
import { NodeCollector, resolveNodes, WayCollector, type RoadWays } from './collect';
import { bytes, roadsError } from './errors';
import { readGeoJsonRoads } from './geojson';
import { GEOJSON_MAX_BYTES } from './limits';
import type { OsmHandler, OsmHeader, OsmStreamReader } from './osm';
import { PbfStreamReader, type Inflate } from './pbf';
import { detectRoadFormat, openChunks, peek, type RoadFormat, type RoadSource } from './source';
import { XmlStreamReader } from './xml';

export const OSM_LICENCE = 'ODbL 1.0, © OpenStreetMap contributors';

export type RoadsPhase = 'ways' | 'nodes' | 'build';

export interface RoadsProgress {
  readonly phase: RoadsPhase;
  /** Bytes of the file read in this pass. */
  readonly bytes: number;
  readonly total: number | undefined;
}

export interface BuildOptions {
  readonly bbox?: Bbox;
  readonly onProgress?: (p: RoadsProgress) => void;
  /** Build time for the header (ISO 8601); default now. Fixed in tests for identical files. */
  readonly builtAt?: string;
  /** Refuse sources larger than this many bytes (the page passes ROADS_DROP_MAX_BYTES, ./limits). */
  readonly maxBytes?: number;
  /** zlib inflate for PBF blobs (default fflate; the CLI passes node:zlib's inflateSync). */
  readonly inflate?: Inflate;
  /** Keep only these highway classes (default all of ROAD_CLASSES). */
  readonly classes?: readonly RoadClass[];
}

export interface BuiltRoads {
  readonly graph: RoadGraph;
  readonly format: Exclude<RoadFormat, 'graph'>;
  readonly header: OsmHeader | null;
}

/**
 * Reads an OSM file once through `handler`. PBF: returns, per data blob, whether it held nodes, and `skipDataBlob`
 * leaves blobs out without inflating them (the builder's node pass skips the way and relation blobs it saw in pass 1).
 */
export async function readOsm(
  src: RoadSource,
  format: 'pbf' | 'xml',
  handler: OsmHandler,
  onRead?: (n: number) => void,
  inflate?: Inflate,
  skipDataBlob?: (index: number) => boolean,
): Promise<readonly boolean[] | null> {
  const pbf = format === 'pbf' ? new PbfStreamReader(handler, inflate) : null;
  if (pbf && skipDataBlob) pbf.skipDataBlob = skipDataBlob;
  const reader: OsmStreamReader = pbf ?? new XmlStreamReader(handler);
  for await (const c of openChunks(src, onRead)) reader.push(c);
  reader.end();
  return pbf ? pbf.dataBlobHasNodes : null;
}

export async function buildRoadGraph(src: RoadSource, opts: BuildOptions = {}): Promise<BuiltRoads> {
  if (opts.bbox) checkBbox(opts.bbox);
  if (opts.maxBytes !== undefined && src.size !== undefined && src.size > opts.maxBytes)
    throw roadsError(
      'too_large',
      `${src.name} is ${bytes(src.size)} bytes; the page builds road files up to ${bytes(opts.maxBytes)} bytes — build larger ones with npm run roads and drop the .graph file`,
      `${src.name} має ${bytes(src.size)} байтів; сторінка будує граф із файлів до ${bytes(opts.maxBytes)} байтів — більші обробіть командою npm run roads і перетягніть файл .graph`,
    );
  const format = detectRoadFormat(await peek(src), src.name);
  if (format === 'graph')
    throw roadsError(
      'unknown_format',
      `${src.name} is already a road graph: load it, do not build it`,
      `${src.name} вже є графом доріг: завантажте його, а не будуйте`,
    );
  const progress = (phase: RoadsPhase) => (n: number) => opts.onProgress?.({ phase, bytes: n, total: src.size });
  const meta = { source: src.name, builtAt: opts.builtAt ?? new Date().toISOString(), licence: OSM_LICENCE };
  let ways: RoadWays;
  let header: OsmHeader | null = null;
  if (format === 'geojson') {
    const parts: Uint8Array[] = [];
    let n = 0;
    for await (const c of openChunks(src, progress('ways'))) {
      n += c.length;
      if (n > GEOJSON_MAX_BYTES)
        throw roadsError(
          'too_large',
          `GeoJSON road files are read whole, up to ${bytes(GEOJSON_MAX_BYTES)} bytes; use an OSM PBF extract for a larger network`,
          `Файли доріг GeoJSON читаються цілком, до ${bytes(GEOJSON_MAX_BYTES)} байтів; для більшої мережі використайте витяг OSM PBF`,
        );
      parts.push(c);
    }
    const dec = new TextDecoder();
    const text = parts.map((p, i) => dec.decode(p, { stream: i < parts.length - 1 })).join('');
    const g = readGeoJsonRoads(text);
    const wc = g.ways;
    ways = finishWays(
      wc,
      (ids) => ({ index: Uint32Array.from(ids, (x) => (Number.isNaN(x) ? g.lonE7.length : x)), n: g.lonE7.length }),
      g.lonE7,
      g.latE7,
    );
    ways.counts['features_skipped'] = g.skippedFeatures;
  } else {
    const wc = new WayCollector(false, opts.classes);
    let waysHighway = 0;
    const base = wc.handler();
    const pass1: OsmHandler = {
      wayKeys: ['highway'],
      header: (hd) => {
        header = hd;
      },
      wayFilter: (t) => {
        waysHighway++;
        return base.wayFilter!(t);
      },
      way: base.way!,
    };
    const hasNodes = await readOsm(src, format, pass1, progress('ways'), opts.inflate);
    const { ids, index } = resolveNodes(wc.refIds.a.subarray(0, wc.refIds.n));
    wc.refIds.a = new Float64Array(0);
    const nc = new NodeCollector(ids);
    const skip = hasNodes ? (i: number) => hasNodes[i] === false : undefined;
    await readOsm(src, format, { node: nc.node }, progress('nodes'), opts.inflate, skip);
    ways = finishWays(wc, () => ({ index, n: ids.length }), nc.lonE7, nc.latE7, nc.found);
    ways.counts['ways_with_highway'] = waysHighway;
    ways.counts['nodes_read'] = nc.nodesRead;
  }
  opts.onProgress?.({ phase: 'build', bytes: 0, total: src.size });
  const h = header as OsmHeader | null;
  const graph = buildGraph(ways, { ...meta, osmTimestamp: h?.timestamp ?? '' }, opts.bbox);
  if (graph.edgeCount === 0)
    throw roadsError(
      'no_roads',
      `${src.name} has no drivable roads${opts.bbox ? ' inside the bbox' : ''} (highway = ${'motorway … track'})`,
      `У ${src.name} немає доріг для автомобілів${opts.bbox ? ' у заданих межах' : ''} (highway = motorway … track)`,
    );
  return { graph, format, header: h };
}

function finishWays(
  wc: WayCollector,
  resolve: (refs: Float64Array) => { index: Uint32Array; n: number },
  lonE7: Int32Array,
  latE7: Int32Array,
  found?: Uint8Array,
): RoadWays {
  const { index, n } = resolve(wc.refIds.a.subarray(0, wc.refIds.n));
  // GeoJSON: index n marks a vertex that was not a coordinate (a "missing node").
  const f = found ?? new Uint8Array(n + 1).fill(1, 0, n);
  const lo = found ? lonE7 : Int32Array.from({ length: n + 1 }, (_, i) => lonE7[i] ?? 0);
  const la = found ? latE7 : Int32Array.from({ length: n + 1 }, (_, i) => latE7[i] ?? 0);
  return {
    refStart: wc.refStart.take(),
    refs: index,
    cls: wc.cls.take(),
    maxspeed: wc.maxspeed.take(),
    flags: wc.flags.take(),
    oneway: wc.oneway.take(),
    lonE7: lo,
    latE7: la,
    found: f,
    counts: { ...wc.counts },
  };
}

function checkBbox(b: Bbox): void {
  const [w, s, e, n] = b;
  if (!(b.length === 4 && b.every(Number.isFinite) && w < e && s < n && w >= -180 && e <= 180 && s >= -90 && n <= 90))
    throw roadsError(
      'bad_bbox',
      `The bbox must be W,S,E,N in degrees with W < E and S < N (got ${b.join(',')})`,
      `Межі мають бути W,S,E,N у градусах, W < E і S < N (отримано ${b.join(',')})`,
    );
}
