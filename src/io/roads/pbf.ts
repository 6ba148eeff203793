/**
 * Streaming OSM PBF reader (https://wiki.openstreetmap.org/wiki/PBF_Format): 4-byte big-endian BlobHeader length,
 * BlobHeader, Blob (raw or zlib; inflated with fflate), HeaderBlock for "OSMHeader", PrimitiveBlock for "OSMData"
 * (dense nodes, plain nodes and ways; relations and changesets are skipped). Fields are read with Mapbox's `pbf`; the
 * packed arrays of dense nodes and way refs with an inline varint decoder. Only the current blob is held in memory.
 */
import { unzlibSync } from 'fflate';
import { PbfReader } from 'pbf';
import { bytes, roadsError } from './errors';
import type { OsmHandler, OsmStreamReader, OsmTags } from './osm';
import {
  badPbf,
  KNOWN_FEATURES,
  MAX_BLOB,
  MAX_HEADER,
  notOsm,
  StringTable,
  type Inflate,
  type Range,
} from './pbf-parts';

export { looksLikePbf, type Inflate } from './pbf-parts';

// Inline varint decoding over one buffer (position in P): faster than a reader object for packed arrays.
let P = 0;
function uvar(b: Uint8Array): number {
  let x = b[P++]!;
  if (x < 0x80) return x;
  let v = x & 0x7f;
  let mul = 128;
  do {
    x = b[P++]!;
    v += (x & 0x7f) * mul;
    mul *= 128;
  } while (x >= 0x80);
  return v;
}
const svar = (b: Uint8Array): number => {
  const v = uvar(b);
  return v % 2 === 1 ? -(v + 1) / 2 : v / 2;
};

export class PbfStreamReader implements OsmStreamReader {
  private buf = new Uint8Array(1 << 20);
  private len = 0;
  /** File offset of buf[0]. */
  private offset = 0;
  private sawHeader = false;
  private refs = new Float64Array(4096);
  private readonly wayKeys: Uint8Array[] | null;
  /** String-table indices of `wayKeys` in the current block. */
  private keyIdx: Set<number> | null = null;
  blobs = 0;
  /** Per OSMData blob in file order: did it hold nodes? (Pass 2 of the builder skips the others.) */
  readonly dataBlobHasNodes: boolean[] = [];
  /** OSMData blobs (by their index in file order) for which this returns true are not even inflated. */
  skipDataBlob: ((index: number) => boolean) | null = null;
  private dataBlobs = 0;

  /**
   * `inflate`: zlib decompression (default fflate's unzlibSync; the CLI passes Node's native zlib, ≈3× faster).
   */
  constructor(
    private readonly h: OsmHandler,
    private readonly inflateZlib: Inflate = (data, size) => unzlibSync(data, { out: new Uint8Array(size) }),
  ) {
    this.wayKeys = h.wayKeys ? h.wayKeys.map((k) => new TextEncoder().encode(k)) : null;
  }

  push(chunk: Uint8Array): void {
    if (this.len + chunk.length > this.buf.length) {
      let cap = this.buf.length;
      while (cap < this.len + chunk.length) cap *= 2;
      const b = new Uint8Array(cap);
      b.set(this.buf.subarray(0, this.len));
      this.buf = b;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
    let pos = 0;
    for (;;) {
      const used = this.tryBlob(pos);
      if (used === 0) break;
      pos += used;
    }
    if (pos > 0) {
      this.buf.copyWithin(0, pos, this.len);
      this.len -= pos;
      this.offset += pos;
    }
  }

  end(): void {
    if (this.len > 0) {
      const at = this.offset;
      throw roadsError(
        'truncated_pbf',
        `The PBF file is truncated: it ends inside the blob starting at byte ${bytes(at)} (${bytes(this.len)} bytes of it present, file length ${bytes(at + this.len)})`,
        `Файл PBF обрізаний: він закінчується всередині блоку, що починається з байта ${bytes(at)} (є ${bytes(this.len)} байтів блоку, довжина файлу ${bytes(at + this.len)})`,
      );
    }
    if (!this.sawHeader) throw notOsm('the file is empty');
  }

  /** Decodes one complete blob at buf[pos…], returning the bytes used, or 0 when more input is needed. */
  private tryBlob(pos: number): number {
    const b = this.buf;
    if (this.len - pos < 4) return 0;
    const at = this.offset + pos;
    const hl = ((b[pos]! << 24) | (b[pos + 1]! << 16) | (b[pos + 2]! << 8) | b[pos + 3]!) >>> 0;
    if (hl === 0 || hl > MAX_HEADER) {
      if (!this.sawHeader) throw notOsm('it does not start with an OSM PBF blob header');
      throw badPbf(
        `blob header length ${bytes(hl)} at byte ${bytes(at)} is not valid`,
        `неправильна довжина заголовка блоку ${bytes(hl)} у байті ${bytes(at)}`,
      );
    }
    if (this.len - pos < 4 + hl) return 0;
    const hr = new PbfReader(b.subarray(pos + 4, pos + 4 + hl));
    let type = '';
    let dataSize = -1;
    for (let f = hr.nextField(); f; f = hr.nextField()) {
      if (f === 1) type = hr.readString();
      else if (f === 3) dataSize = hr.readVarint();
    }
    if (!this.sawHeader && type !== 'OSMHeader') throw notOsm('its first blob is not an OSMHeader');
    if (dataSize < 0 || dataSize > MAX_BLOB)
      throw badPbf(
        `blob at byte ${bytes(at)} has a size of ${bytes(dataSize)} bytes`,
        `блок у байті ${bytes(at)} має розмір ${bytes(dataSize)} байтів`,
      );
    const total = 4 + hl + dataSize;
    if (this.len - pos < total) return 0;
    if (type === 'OSMData' && this.skipDataBlob?.(this.dataBlobs)) {
      this.dataBlobs++;
      this.dataBlobHasNodes.push(false);
      this.blobs++;
      return total;
    }
    const data = this.inflate(b.subarray(pos + 4 + hl, pos + total), at);
    if (type === 'OSMHeader') this.header(data);
    else if (type === 'OSMData') {
      this.dataBlobs++;
      this.block(data, at);
    }
    this.blobs++;
    return total;
  }

  private inflate(blob: Uint8Array, at: number): Uint8Array {
    const r = new PbfReader(blob);
    let rawSize = -1;
    let raw: Uint8Array | null = null;
    let zlib: Uint8Array | null = null;
    let other = 0;
    for (let f = r.nextField(); f; f = r.nextField()) {
      if (f === 1) raw = r.readBytes();
      else if (f === 2) rawSize = r.readVarint();
      else if (f === 3) zlib = r.readBytes();
      else if (f >= 4 && f <= 7) other = f;
    }
    if (raw) return raw;
    if (zlib) {
      if (rawSize < 0 || rawSize > MAX_BLOB)
        throw badPbf(
          `blob at byte ${bytes(at)} declares ${bytes(rawSize)} unpacked bytes`,
          `блок у байті ${bytes(at)} заявляє ${bytes(rawSize)} розпакованих байтів`,
        );
      try {
        const out = this.inflateZlib(zlib, rawSize);
        if (out.length !== rawSize) throw new Error('size');
        return out;
      } catch {
        throw badPbf(
          `the zlib data of the blob at byte ${bytes(at)} is damaged`,
          `дані zlib блоку в байті ${bytes(at)} пошкоджено`,
        );
      }
    }
    const name = ['', '', '', '', 'LZMA', 'bzip2', 'LZ4', 'Zstandard'][other] ?? 'an unknown';
    throw roadsError(
      'unsupported_pbf',
      `The blob at byte ${bytes(at)} uses ${name} compression; only zlib and uncompressed PBF are read (re-save with osmium cat)`,
      `Блок із байта ${bytes(at)} стиснено ${name}; читаються лише PBF зі стисненням zlib або без стиснення (перезбережіть через osmium cat)`,
    );
  }

  private header(data: Uint8Array): void {
    this.sawHeader = true;
    const r = new PbfReader(data);
    let bbox: [number, number, number, number] | null = null;
    let ts = 0;
    let generator = '';
    for (let f = r.nextField(); f; f = r.nextField()) {
      if (f === 1) {
        const end = r.readVarint() + r.pos;
        const v = [0, 0, 0, 0];
        for (let g = r.nextField(end); g; g = r.nextField(end)) if (g >= 1 && g <= 4) v[g - 1] = r.readSVarint() * 1e-9;
        bbox = [v[0]!, v[3]!, v[1]!, v[2]!];
      } else if (f === 4) {
        const feat = r.readString();
        if (!KNOWN_FEATURES.has(feat))
          throw roadsError(
            'unsupported_pbf',
            `The PBF file requires the feature "${feat}", which this reader does not support`,
            `Файл PBF вимагає можливості «${feat}», якої ця програма не підтримує`,
          );
      } else if (f === 16) generator = r.readString();
      else if (f === 32) ts = r.readVarint();
    }
    const timestamp = ts > 0 ? new Date(ts * 1000).toISOString().replace('.000Z', 'Z') : '';
    this.h.header?.({ timestamp, bbox, generator });
  }

  private block(data: Uint8Array, at: number): void {
    const r = new PbfReader(data);
    const st = new StringTable(data);
    const groups: Range[] = [];
    let gran = 100;
    let latOff = 0;
    let lonOff = 0;
    for (let f = r.nextField(); f; f = r.nextField()) {
      if (f === 1) {
        const end = r.readVarint() + r.pos;
        for (let g = r.nextField(end); g; g = r.nextField(end)) {
          if (g !== 1) continue;
          const l = r.readVarint();
          st.add(r.pos, r.pos + l);
          r.pos += l;
        }
      } else if (f === 2) {
        const l = r.readVarint();
        groups.push({ start: r.pos, end: r.pos + l });
        r.pos += l;
      } else if (f === 17) gran = r.readVarint();
      else if (f === 19) latOff = r.readVarint();
      else if (f === 20) lonOff = r.readVarint();
    }
    if (r.pos !== data.length)
      throw badPbf(`the data block at byte ${bytes(at)} is damaged`, `блок даних у байті ${bytes(at)} пошкоджено`);
    const k = 1e-9 * gran;
    this.keyIdx = this.wayKeys && this.h.way ? st.indicesOf(this.wayKeys) : null;
    let hasNodes = false;
    for (const g of groups) {
      r.pos = g.start;
      for (let f = r.nextField(g.end); f; f = r.nextField(g.end)) {
        if (f === 1 || f === 2) hasNodes = true;
        if (f === 2 && this.h.node) this.dense(r, data, st, k, lonOff * 1e-9, latOff * 1e-9);
        else if (f === 1 && this.h.node) this.plainNode(r, st, k, lonOff * 1e-9, latOff * 1e-9);
        else if (f === 3 && this.h.way) this.way(r, data, st);
      }
    }
    this.dataBlobHasNodes.push(hasNodes);
  }

  private dense(r: PbfReader, data: Uint8Array, st: StringTable, k: number, lonOff: number, latOff: number): void {
    const end = r.readVarint() + r.pos;
    const ids = { start: 0, end: 0 };
    const lats = { start: 0, end: 0 };
    const lons = { start: 0, end: 0 };
    const kv = { start: 0, end: 0 };
    for (let f = r.nextField(end); f; f = r.nextField(end)) {
      const t = f === 1 ? ids : f === 8 ? lats : f === 9 ? lons : f === 10 ? kv : null;
      if (!t) continue;
      const l = r.readVarint();
      t.start = r.pos;
      t.end = r.pos + l;
      r.pos += l;
    }
    const node = this.h.node!;
    const wantTags = this.h.nodeTags === true && kv.end > kv.start;
    let pi = ids.start;
    let pa = lats.start;
    let po = lons.start;
    let pk = kv.start;
    let id = 0;
    let lat = 0;
    let lon = 0;
    while (pi < ids.end) {
      P = pi;
      id += svar(data);
      pi = P;
      P = pa;
      lat += svar(data);
      pa = P;
      P = po;
      lon += svar(data);
      po = P;
      let tags: OsmTags | null = null;
      if (wantTags) {
        P = pk;
        for (let key = uvar(data); key !== 0 && P <= kv.end; key = uvar(data)) {
          const val = uvar(data);
          (tags ??= {})[st.get(key)] = st.get(val);
        }
        pk = P;
      }
      node(id, lonOff + k * lon, latOff + k * lat, tags);
    }
    if (pa > lats.end || po > lons.end)
      throw badPbf(
        'dense node coordinates are shorter than their ids',
        'координат щільних вузлів менше, ніж їхніх ідентифікаторів',
      );
  }

  private plainNode(r: PbfReader, st: StringTable, k: number, lonOff: number, latOff: number): void {
    const end = r.readVarint() + r.pos;
    let id = 0;
    let lat = 0;
    let lon = 0;
    const keys: number[] = [];
    const vals: number[] = [];
    for (let f = r.nextField(end); f; f = r.nextField(end)) {
      if (f === 1) id = r.readSVarint();
      else if (f === 2) r.readPackedVarint(keys);
      else if (f === 3) r.readPackedVarint(vals);
      else if (f === 8) lat = r.readSVarint();
      else if (f === 9) lon = r.readSVarint();
    }
    let tags: OsmTags | null = null;
    if (this.h.nodeTags && keys.length > 0) {
      tags = {};
      for (let i = 0; i < keys.length; i++) tags[st.get(keys[i]!)] = st.get(vals[i] ?? 0);
    }
    this.h.node!(id, lonOff + k * lon, latOff + k * lat, tags);
  }

  private way(r: PbfReader, data: Uint8Array, st: StringTable): void {
    const end = r.readVarint() + r.pos;
    let id = 0;
    const keys: number[] = [];
    const vals: number[] = [];
    let refs: Range | null = null;
    for (let f = r.nextField(end); f; f = r.nextField(end)) {
      if (f === 1) id = r.readVarint();
      else if (f === 2) r.readPackedVarint(keys);
      else if (f === 3) r.readPackedVarint(vals);
      else if (f === 8) {
        const l = r.readVarint();
        refs = { start: r.pos, end: r.pos + l };
        r.pos += l;
      }
    }
    const wanted = this.keyIdx;
    if (wanted && !keys.some((x) => wanted.has(x))) return;
    const tags: OsmTags = {};
    for (let i = 0; i < keys.length; i++) tags[st.get(keys[i]!)] = st.get(vals[i] ?? 0);
    if (this.h.wayFilter && !this.h.wayFilter(tags)) return;
    let n = 0;
    if (refs) {
      let ref = 0;
      P = refs.start;
      while (P < refs.end) {
        ref += svar(data);
        if (n === this.refs.length) {
          const b = new Float64Array(n * 2);
          b.set(this.refs);
          this.refs = b;
        }
        this.refs[n++] = ref;
      }
    }
    this.h.way!(id, tags, this.refs, n);
  }
}
