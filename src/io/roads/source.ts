/**
 * Byte sources for the builder, the same in Node and a browser worker: a function that opens the file afresh (the
 * builder reads OSM files twice), returning an async iterable of chunks or a ReadableStream (`File.stream()`);
 * gzip'd files are inflated on the fly (fflate's streaming Gunzip). Format detection by magic bytes, the name's
 * extension as a hint.
 */
import { Gunzip } from 'fflate';
import { roadsError } from './errors';
import { looksLikePbf } from './pbf';
import { looksLikeXml } from './xml';

export type ChunkStream = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

export interface RoadSource {
  /** File name (for the graph's header and format hints). */
  readonly name: string;
  /** Size in bytes, when known (progress). */
  readonly size?: number;
  /** Opens the file from its start; may be called more than once. */
  open(): ChunkStream;
}

export type RoadFormat = 'pbf' | 'xml' | 'geojson' | 'graph';

export async function* chunksOf(s: ChunkStream): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in s) {
    yield* s as AsyncIterable<Uint8Array>;
    return;
  }
  const r = (s as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await r.read();
      if (done) return;
      yield value;
    }
  } finally {
    r.releaseLock();
  }
}

const isGzip = (b: Uint8Array): boolean => b[0] === 0x1f && b[1] === 0x8b;

/** Inflates a gzip stream chunk by chunk. */
export async function* gunzipChunks(src: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  const g = new Gunzip((data) => {
    out.push(data);
  });
  for await (const c of src) {
    g.push(c, false);
    while (out.length > 0) yield out.shift()!;
  }
  g.push(new Uint8Array(0), true);
  while (out.length > 0) yield out.shift()!;
}

/** The source's chunks, inflated when gzip'd, with the byte count of the (compressed) input read so far. */
export async function* openChunks(src: RoadSource, onRead?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let read = 0;
  let first = true;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const c of chunksOf(src.open())) {
      read += c.length;
      onRead?.(read);
      yield c;
    }
  }
  const it = counted();
  const head = await it.next();
  if (head.done) return;
  async function* rest(): AsyncGenerator<Uint8Array> {
    yield head.value as Uint8Array;
    yield* it;
  }
  if (isGzip(head.value as Uint8Array)) {
    for await (const c of gunzipChunks(rest())) {
      if (first && c.length === 0) continue;
      first = false;
      yield c;
    }
  } else yield* rest();
}

/** Format of a file from its first bytes (already inflated) and name. */
export function detectRoadFormat(head: Uint8Array, name: string): RoadFormat {
  if (head.length >= 4 && head[0] === 0x48 && head[1] === 0x43 && head[2] === 0x52 && head[3] === 0x47) return 'graph';
  if (looksLikePbf(head)) return 'pbf';
  if (looksLikeXml(head)) return 'xml';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  if (head[i] === 0x7b) return 'geojson';
  const lower = name.toLowerCase();
  if (/\.(osm\.)?pbf$/.test(lower))
    throw roadsError(
      'not_osm',
      `${name} is named like an OSM PBF file but does not start like one`,
      `${name} має назву файлу OSM PBF, але не починається як він`,
    );
  throw roadsError(
    'unknown_format',
    `${name} is not a road file: expected OSM PBF (.osm.pbf), OSM XML (.osm), GeoJSON road lines or a road graph (.graph)`,
    `${name} не є файлом доріг: очікується OSM PBF (.osm.pbf), OSM XML (.osm), лінії доріг GeoJSON або граф доріг (.graph)`,
  );
}

/** The first chunk(s) of a source, at least `min` bytes when the file has them, inflated when gzip'd. */
export async function peek(src: RoadSource, min = 64): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const c of openChunks(src)) {
    parts.push(c);
    n += c.length;
    if (n >= min) break;
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
