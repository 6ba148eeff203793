/**
 * Pieces of the OSM PBF reader (./pbf.ts): the spec's limits, the format sniffer, a block's string table (decoded
 * lazily; keys compared as bytes), and the reader's error messages.
 */
import { roadsError } from './errors';

/** The spec's limits: a BlobHeader under 64 KiB, a Blob under 32 MiB. */
export const MAX_HEADER = 64 * 1024;
export const MAX_BLOB = 32 * 1024 * 1024;
export const KNOWN_FEATURES = new Set([
  'OsmSchema-V0.6',
  'DenseNodes',
  'Sort.Type_then_ID',
  'Sort.Geographic',
  'LocationsOnWays',
]);

/** True when `b` starts like an OSM PBF file (a BlobHeader of type OSMHeader). */
export function looksLikePbf(b: Uint8Array): boolean {
  if (b.length < 14) return false;
  const len = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  if (len === 0 || len > MAX_HEADER || b[4] !== 0x0a || b[5] !== 9) return false;
  return String.fromCharCode(...b.subarray(6, 15)) === 'OSMHeader';
}

/** Inflates zlib data of a known unpacked size. */
export type Inflate = (data: Uint8Array, rawSize: number) => Uint8Array;

export interface Range {
  start: number;
  end: number;
}

export class StringTable {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly cache: (string | undefined)[] = [];
  private static readonly dec = new TextDecoder();
  constructor(private readonly buf: Uint8Array) {}
  add(start: number, end: number): void {
    this.starts.push(start);
    this.ends.push(end);
  }
  /** Indices of the strings equal to any of `keys` (compared as UTF-8 bytes, nothing decoded). */
  indicesOf(keys: readonly Uint8Array[]): Set<number> {
    const out = new Set<number>();
    for (let i = 0; i < this.starts.length; i++) {
      const a = this.starts[i]!;
      const len = this.ends[i]! - a;
      for (const k of keys) {
        if (k.length !== len) continue;
        let j = 0;
        while (j < len && this.buf[a + j] === k[j]) j++;
        if (j === len) out.add(i);
      }
    }
    return out;
  }

  get(i: number): string {
    let s = this.cache[i];
    if (s === undefined) {
      const a = this.starts[i];
      if (a === undefined)
        throw roadsError('bad_pbf', `PBF string index ${i} is out of range`, `Індекс рядка PBF ${i} поза межами`);
      s = StringTable.dec.decode(this.buf.subarray(a, this.ends[i]));
      this.cache[i] = s;
    }
    return s;
  }
}

export function notOsm(why: string): Error {
  return roadsError(
    'not_osm',
    `This is not an OSM PBF file: ${why}`,
    `Це не файл OSM PBF: ${why === 'the file is empty' ? 'файл порожній' : 'він не починається із заголовка OSMHeader'}`,
  );
}

export function badPbf(why: string, whyUk: string): Error {
  return roadsError('bad_pbf', `The PBF file is damaged: ${why}`, `Файл PBF пошкоджено: ${whyUk}`);
}
