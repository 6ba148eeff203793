/**
 * The road graph file (`.graph`, layout in docs/road-graph.md): magic "HCRG", format version, a JSON header (source
 * file, OSM timestamp, build time, licence, counts, the default speed table), then flat little-endian arrays, each
 * starting on an 8-byte boundary: node lon/lat as int32 1e-7°, CSR offsets and targets, per-edge length (float32 m),
 * class, maxspeed, flags, and the edges' shape points (int32 1e-7°). Reading validates magic, version, header and
 * every length and index, and takes typed-array views of the file where it can (no copy).
 */
import type { RoadGraph, RoadGraphMeta } from '../../engine/roads/graph';
import { DEFAULT_ROAD_SPEEDS, ROAD_CLASSES } from '../../engine/roads/speeds';
import { bytes, roadsError } from './errors';

export const GRAPH_MAGIC = 'HCRG';
export const GRAPH_VERSION = 1;
const PRELUDE = 12;

interface Header {
  format: string;
  version: number;
  nodeCount: number;
  edgeCount: number;
  shapeCount: number;
  source: string;
  osmTimestamp: string;
  builtAt: string;
  licence: string;
  counts: Record<string, number>;
  roadClasses: readonly string[];
  defaultSpeeds: typeof DEFAULT_ROAD_SPEEDS;
}

const align8 = (n: number): number => (n + 7) & ~7;

/** Byte length of each section, in file order. */
function sections(n: number, m: number, s: number): [string, number][] {
  return [
    ['lon', 4 * n],
    ['lat', 4 * n],
    ['first', 4 * (n + 1)],
    ['target', 4 * m],
    ['lengthM', 4 * m],
    ['cls', m],
    ['maxspeed', m],
    ['flags', m],
    ['shapeStart', 4 * (m + 1)],
    ['shapeLon', 4 * s],
    ['shapeLat', 4 * s],
  ];
}

const toE7 = (a: Float64Array): Int32Array => {
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Math.round(a[i]! * 1e7);
  return out;
};
const fromE7 = (a: Int32Array): Float64Array => {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! / 1e7;
  return out;
};

/** Serialises a graph. Deterministic: the same graph gives the same bytes. */
export function writeGraphFile(g: RoadGraph): Uint8Array {
  const n = g.nodeCount;
  const m = g.edgeCount;
  const s = g.shapeLon.length;
  const header: Header = {
    format: 'Hromada Coverage road graph',
    version: GRAPH_VERSION,
    nodeCount: n,
    edgeCount: m,
    shapeCount: s,
    source: g.meta.source,
    osmTimestamp: g.meta.osmTimestamp,
    builtAt: g.meta.builtAt,
    licence: g.meta.licence,
    counts: { ...g.meta.counts },
    roadClasses: ROAD_CLASSES,
    defaultSpeeds: DEFAULT_ROAD_SPEEDS,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const secs = sections(n, m, s);
  let total = align8(PRELUDE + json.length);
  for (const [, len] of secs) total += align8(len);
  const out = new Uint8Array(total);
  out.set([0x48, 0x43, 0x52, 0x47]);
  const dv = new DataView(out.buffer);
  dv.setUint32(4, GRAPH_VERSION, true);
  dv.setUint32(8, json.length, true);
  out.set(json, PRELUDE);
  const arrays: ArrayBufferView[] = [
    toE7(g.lon),
    toE7(g.lat),
    g.first,
    g.target,
    g.lengthM,
    g.cls,
    g.maxspeed,
    g.flags,
    g.shapeStart,
    toE7(g.shapeLon),
    toE7(g.shapeLat),
  ];
  let off = align8(PRELUDE + json.length);
  secs.forEach(([, len], i) => {
    const a = arrays[i]!;
    out.set(new Uint8Array(a.buffer, a.byteOffset, len), off);
    off += align8(len);
  });
  return out;
}

function bad(why: string, whyUk: string): Error {
  return roadsError(
    'bad_graph_file',
    `Not a valid road graph file: ${why}`,
    `Це не правильний файл графа доріг: ${whyUk}`,
  );
}

/** Parses and validates a graph file. */
export function readGraphFile(file: Uint8Array): RoadGraph {
  if (file.length < PRELUDE || String.fromCharCode(file[0]!, file[1]!, file[2]!, file[3]!) !== GRAPH_MAGIC)
    throw bad('it does not start with "HCRG"', 'він не починається з «HCRG»');
  // Views need 8-byte alignment: copy when the bytes are not aligned.
  const b = file.byteOffset % 8 === 0 ? file : file.slice();
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const version = dv.getUint32(4, true);
  if (version !== GRAPH_VERSION)
    throw bad(
      `format version ${version}, this app reads version ${GRAPH_VERSION} (rebuild it with npm run roads)`,
      `версія формату ${version}, застосунок читає версію ${GRAPH_VERSION} (перебудуйте його командою npm run roads)`,
    );
  const jl = dv.getUint32(8, true);
  if (PRELUDE + jl > b.length)
    throw bad(
      `its header (${bytes(jl)} bytes) runs past the end of the file`,
      `заголовок (${bytes(jl)} байтів) виходить за кінець файлу`,
    );
  let h: Header;
  try {
    // slice, not subarray: browsers' TextDecoder refuses a view on shared memory (a graph read for a helper thread)
    h = JSON.parse(new TextDecoder().decode(b.slice(PRELUDE, PRELUDE + jl))) as Header;
  } catch {
    throw bad('its header is not valid JSON', 'заголовок не є правильним JSON');
  }
  const n = h.nodeCount;
  const m = h.edgeCount;
  const s = h.shapeCount;
  if (![n, m, s].every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32))
    throw bad(
      'its header has no valid node, edge and shape counts',
      'у заголовку немає правильних кількостей вузлів, ребер і точок',
    );
  const secs = sections(n, m, s);
  let expected = align8(PRELUDE + jl);
  for (const [, len] of secs) expected += align8(len);
  if (expected !== b.length)
    throw bad(
      `${bytes(b.length)} bytes where its header (${n} nodes, ${m} edges, ${s} shape points) needs ${bytes(expected)}${b.length < expected ? ' — the file is truncated' : ''}`,
      `${bytes(b.length)} байтів, а заголовок (${n} вузлів, ${m} ребер, ${s} точок) вимагає ${bytes(expected)}${b.length < expected ? ' — файл обрізаний' : ''}`,
    );
  let off = align8(PRELUDE + jl);
  const at = (i: number): number => {
    const o = off;
    off += align8(secs[i]![1]);
    return b.byteOffset + o;
  };
  const buf = b.buffer;
  const lon = fromE7(new Int32Array(buf, at(0), n));
  const lat = fromE7(new Int32Array(buf, at(1), n));
  const first = new Uint32Array(buf, at(2), n + 1);
  const target = new Uint32Array(buf, at(3), m);
  const lengthM = new Float32Array(buf, at(4), m);
  const cls = new Uint8Array(buf, at(5), m);
  const maxspeed = new Uint8Array(buf, at(6), m);
  const flags = new Uint8Array(buf, at(7), m);
  const shapeStart = new Uint32Array(buf, at(8), m + 1);
  const shapeLon = fromE7(new Int32Array(buf, at(9), s));
  const shapeLat = fromE7(new Int32Array(buf, at(10), s));
  if (first[0] !== 0 || first[n] !== m)
    throw bad('its edge offsets do not span the edges', 'зміщення ребер не охоплюють усі ребра');
  for (let v = 0; v < n; v++)
    if (first[v]! > first[v + 1]!)
      throw bad(`edge offsets decrease at node ${v}`, `зміщення ребер спадають у вузлі ${v}`);
  if (shapeStart[0] !== 0 || shapeStart[m] !== s)
    throw bad('its shape offsets do not span the shape points', 'зміщення точок форми не охоплюють усі точки');
  for (let e = 0; e < m; e++) {
    if (target[e]! >= n)
      throw bad(
        `edge ${e} points to node ${target[e]}, past the ${n} nodes`,
        `ребро ${e} веде до вузла ${target[e]}, а вузлів ${n}`,
      );
    if (shapeStart[e]! > shapeStart[e + 1]!)
      throw bad(`shape offsets decrease at edge ${e}`, `зміщення точок форми спадають на ребрі ${e}`);
    if (cls[e]! >= ROAD_CLASSES.length)
      throw bad(`edge ${e} has road class ${cls[e]}`, `ребро ${e} має клас дороги ${cls[e]}`);
    if (!(lengthM[e]! >= 0)) throw bad(`edge ${e} has length ${lengthM[e]}`, `ребро ${e} має довжину ${lengthM[e]}`);
  }
  const meta: RoadGraphMeta = {
    source: String(h.source ?? ''),
    osmTimestamp: String(h.osmTimestamp ?? ''),
    builtAt: String(h.builtAt ?? ''),
    licence: String(h.licence ?? ''),
    counts: h.counts && typeof h.counts === 'object' ? h.counts : {},
  };
  return {
    nodeCount: n,
    edgeCount: m,
    lon,
    lat,
    first,
    target,
    lengthM,
    cls,
    maxspeed,
    flags,
    shapeStart,
    shapeLon,
    shapeLat,
    meta,
  };
}
