/**
 * A compact binary form of a columnar JSON object such as demand.json: what `JSON.parse` gives, without parsing
 * 13 MB of text. The build writes it (scripts/vite/demand-binary.ts, gzipped); the app reads it in its coverage worker
 * (src/io/embedded-fetch.ts), where decoding takes a few tens of milliseconds instead of a JSON parse's hundreds.
 *
 * Lossless by construction: every value of a column of numbers or of strings decodes to the same value (`Object.is`)
 * as in the object; each is stored in the narrowest form that gives every value back. Which arrays are columns: those
 * of the length of `rowsKey`. Everything else (scalars, short arrays, nested objects), and a column of mixed values,
 * travels in the header as JSON (as JSON.stringify writes it: a -0 there comes back as 0).
 *
 * Layout (little-endian): "HCCB", u32 format version, u32 header length, the header (UTF-8 JSON: `rest` of the object
 * and a descriptor per column), then each column's parts one after another, each starting 8-byte aligned:
 * - `u8`: the values; `i32` / `f64`: the values' bytes, shuffled (all first bytes, then all second bytes, …: numbers
 *   that differ little then gzip to a half or less);
 * - `e5`: Int32 of the value × 10⁵ (coordinates and areas with five decimals or fewer), as differences from the row
 *   before, shuffled;
 * - `enum`: a Uint8 index into the descriptor's `values` (strings of at most 255 distinct values);
 * - `str`: Uint32 UTF-16 offsets (rows + 1) into one UTF-8 text that holds the column's strings one after another;
 * - `hexstr`: strings that are mostly lowercase hexadecimal numbers of 64 bits or less (H3 cell ids): a Uint8 per row
 *   (1: a number), the numbers' low and high 32 bits (shuffled), and the other rows as `str`.
 * Numeric columns decode to typed arrays, string columns to arrays of strings.
 */

const MAGIC = 'HCCB';
const FORMAT = 2;

type ColumnType = 'u8' | 'i32' | 'e5' | 'f64' | 'enum' | 'str' | 'hexstr' | 'json';

interface ColumnDesc {
  name: string;
  type: ColumnType;
  /** Byte offset of the first part from the start of the column data; each part starts 8-byte aligned. */
  offset: number;
  /** Byte length of each part. */
  parts: number[];
  /** enum: the distinct strings; json: the column itself. */
  values?: unknown[];
}

interface Header {
  rows: number;
  /** The object's keys in order (columns and the rest), so the decoded object lists them as the original did. */
  keys: string[];
  rest: Record<string, unknown>;
  columns: ColumnDesc[];
}

/** A binary column file that cannot be read: a bug in the build or a damaged download. */
export class ColumnBinaryError extends Error {
  constructor(detail: string) {
    super(`column binary: ${detail}`);
    this.name = 'ColumnBinaryError';
  }
}

const align8 = (n: number): number => (n + 7) & ~7;

/** Bytes of `a` in planes: byte 0 of every value, then byte 1, … */
function shuffle(a: Int32Array | Uint32Array | Float64Array): Uint8Array {
  const w = a.BYTES_PER_ELEMENT;
  const n = a.length;
  const src = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = new Uint8Array(n * w);
  for (let k = 0; k < w; k++) for (let i = 0; i < n; i++) out[k * n + i] = src[i * w + k]!;
  return out;
}

/** The inverse of shuffle: the values' bytes back in order, in a fresh (aligned) buffer. */
function unshuffle(planes: Uint8Array, w: number): ArrayBuffer {
  const n = planes.byteLength / w;
  const out = new Uint8Array(planes.byteLength);
  for (let k = 0; k < w; k++) {
    const p = k * n;
    for (let i = 0; i < n; i++) out[i * w + k] = planes[p + i]!;
  }
  return out.buffer;
}

/** The first of the numeric encodings that gives back every value exactly, or null. */
function numericType(v: readonly unknown[]): 'u8' | 'i32' | 'e5' | 'f64' | null {
  // (an empty column is stored as an enum: it decodes to an array)
  if (v.length === 0 || !v.every((x) => typeof x === 'number')) return null;
  const nums = v as readonly number[];
  const exact = (f: (x: number) => boolean) => nums.every((x) => f(x));
  if (exact((x) => Number.isInteger(x) && x >= 0 && x <= 255 && !Object.is(x, -0))) return 'u8';
  if (exact((x) => Number.isInteger(x) && x >= -(2 ** 31) && x < 2 ** 31 && !Object.is(x, -0))) return 'i32';
  // × 10⁵ within ±2³⁰, so that the differences between rows stay within Int32
  if (
    exact((x) => {
      const k = Math.round(x * 1e5);
      return Math.abs(k) < 2 ** 30 && Object.is(k / 1e5, x) && !Object.is(x, -0);
    })
  )
    return 'e5';
  return 'f64';
}

/** A hexadecimal number of 64 bits or less written as `hex` writes it back, as [low, high] 32 bits; else null. */
function hexParts(s: string): [number, number] | null {
  if (s.length === 0 || s.length > 16 || !/^[0-9a-f]+$/.test(s) || (s.length > 1 && s[0] === '0')) return null;
  const hi = s.length > 8 ? parseInt(s.slice(0, -8), 16) : 0;
  const lo = parseInt(s.slice(-8), 16);
  return [lo, hi];
}

const HEX_DIGITS = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * The strings hexParts read, for every [lo[k], hi[k]]: their digits are written into one ASCII text that is decoded
 * once and sliced (a number's own toString per row made the decoding three times slower).
 */
function hexStrings(lo: Uint32Array, hi: Uint32Array): string[] {
  const n = lo.length;
  const ascii = new Uint8Array(n * 16);
  const ends = new Uint32Array(n);
  let p = 0;
  const put = (x: number, nibbles: number) => {
    for (let j = nibbles - 1; j >= 0; j--) {
      ascii[p + j] = HEX_DIGITS[x & 15]!;
      x >>>= 4;
    }
    p += nibbles;
  };
  const width = (x: number) => {
    let w = 1;
    while (x >>> (4 * w) !== 0 && w < 8) w++;
    return w;
  };
  for (let k = 0; k < n; k++) {
    const h = hi[k]!;
    if (h > 0) {
      put(h, width(h));
      put(lo[k]!, 8);
    } else put(lo[k]!, width(lo[k]!));
    ends[k] = p;
  }
  const text = new TextDecoder('latin1').decode(ascii.subarray(0, p));
  const out = new Array<string>(n);
  for (let k = 0, from = 0; k < n; from = ends[k++]!) out[k] = text.slice(from, ends[k]);
  return out;
}

/** Strings as Uint32 UTF-16 offsets and their UTF-8 text; null when a string would not survive UTF-8 (a lone surrogate). */
function stringParts(strs: readonly string[]): [Uint8Array, Uint8Array] | null {
  const joined = strs.join('');
  const text = new TextEncoder().encode(joined);
  if (new TextDecoder().decode(text) !== joined) return null;
  const offsets = new Uint32Array(strs.length + 1);
  for (let i = 0; i < strs.length; i++) offsets[i + 1] = offsets[i]! + strs[i]!.length;
  return [new Uint8Array(offsets.buffer), text];
}

/** The parts of a string column that is not an enum, and its type. */
function textColumn(strs: readonly string[]): { type: 'str' | 'hexstr'; parts: Uint8Array[] } | null {
  const hexes = strs.map(hexParts);
  const count = hexes.reduce((n, h) => n + (h ? 1 : 0), 0);
  if (count * 2 < strs.length) {
    const sp = stringParts(strs);
    return sp && { type: 'str', parts: sp };
  }
  const mask = new Uint8Array(strs.length);
  const lo = new Uint32Array(count);
  const hi = new Uint32Array(count);
  const others: string[] = [];
  let k = 0;
  hexes.forEach((h, i) => {
    if (h) {
      mask[i] = 1;
      [lo[k], hi[k]] = h;
      k++;
    } else others.push(strs[i]!);
  });
  const sp = stringParts(others);
  return sp && { type: 'hexstr', parts: [mask, shuffle(lo), shuffle(hi), ...sp] };
}

/** The binary form of `obj`, whose columns are the arrays as long as `obj[rowsKey]`. */
export function encodeColumns(obj: Record<string, unknown>, rowsKey: string): Uint8Array {
  const idCol = obj[rowsKey];
  if (!Array.isArray(idCol)) throw new ColumnBinaryError(`"${rowsKey}" is not an array`);
  const rows = idCol.length;
  // no prototype: a key such as "__proto__" stays a key
  const rest = Object.create(null) as Record<string, unknown>;
  const columns: ColumnDesc[] = [];
  const payload: Uint8Array[] = [];
  let offset = 0;
  const add = (name: string, type: ColumnType, parts: Uint8Array[], values?: unknown[]) => {
    columns.push({ name, type, offset, parts: parts.map((p) => p.byteLength), ...(values ? { values } : {}) });
    for (const p of parts) {
      payload.push(p);
      offset = align8(offset + p.byteLength);
    }
  };
  for (const [name, v] of Object.entries(obj)) {
    if (!Array.isArray(v) || v.length !== rows) {
      rest[name] = v;
      continue;
    }
    const num = numericType(v);
    if (num === 'u8') add(name, num, [Uint8Array.from(v as number[])]);
    else if (num === 'i32') add(name, num, [shuffle(Int32Array.from(v as number[]))]);
    else if (num === 'f64') add(name, num, [shuffle(Float64Array.from(v as number[]))]);
    else if (num === 'e5') {
      const d = new Int32Array(rows);
      let prev = 0;
      (v as number[]).forEach((x, i) => {
        const k = Math.round(x * 1e5);
        d[i] = k - prev;
        prev = k;
      });
      add(name, num, [shuffle(d)]);
    } else if (v.every((x) => typeof x === 'string')) {
      const strs = v as string[];
      const distinct = [...new Set(strs)];
      const text = distinct.length <= 255 ? null : textColumn(strs);
      if (distinct.length <= 255) {
        const index = new Map(distinct.map((s, k) => [s, k]));
        add(name, 'enum', [Uint8Array.from(strs, (s) => index.get(s)!)], distinct);
      } else if (text) add(name, text.type, text.parts);
      else add(name, 'json', [], v);
    } else add(name, 'json', [], v);
  }
  const enc = new TextEncoder();
  const header: Header = { rows, keys: Object.keys(obj), rest, columns };
  const headerBytes = enc.encode(JSON.stringify(header));
  const start = align8(12 + headerBytes.byteLength);
  const out = new Uint8Array(start + offset);
  out.set(enc.encode(MAGIC), 0);
  const dv = new DataView(out.buffer);
  dv.setUint32(4, FORMAT, true);
  dv.setUint32(8, headerBytes.byteLength, true);
  out.set(headerBytes, 12);
  let at = start;
  for (const p of payload) {
    out.set(p, at);
    at = start + align8(at - start + p.byteLength);
  }
  return out;
}

/** True when `bytes` begin as encodeColumns' output does. */
export function isColumnBinary(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 12 && String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) === MAGIC;
}

/** The strings of a `str` part pair (offsets, text). */
function readStrings(
  name: string,
  offsetsBytes: Uint8Array,
  textBytes: Uint8Array,
  count: number,
  dec: TextDecoder,
): string[] {
  if (offsetsBytes.byteLength !== (count + 1) * 4) throw new ColumnBinaryError(`column "${name}": bad offsets`);
  // (a copy by the Uint8Array constructor: a Node Buffer's slice() is a view of its whole pool)
  const offsets = new Uint32Array(new Uint8Array(offsetsBytes).buffer);
  let text: string;
  try {
    text = dec.decode(textBytes);
  } catch {
    throw new ColumnBinaryError(`column "${name}": not UTF-8`);
  }
  if (offsets[count] !== text.length) throw new ColumnBinaryError(`column "${name}": offsets do not match its text`);
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    if (offsets[i + 1]! < offsets[i]!) throw new ColumnBinaryError(`column "${name}" row ${i}: offsets go back`);
    out[i] = text.slice(offsets[i], offsets[i + 1]);
  }
  return out;
}

/** The object encodeColumns was given (numeric columns as typed arrays). Throws ColumnBinaryError on bad bytes. */
export function decodeColumns(bytes: Uint8Array): Record<string, unknown> {
  if (!isColumnBinary(bytes)) throw new ColumnBinaryError('not a column binary (no "HCCB" at the start)');
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new ColumnBinaryError('this platform is big-endian');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = dv.getUint32(4, true);
  if (format !== FORMAT) throw new ColumnBinaryError(`format ${format}, expected ${FORMAT}`);
  const headerLength = dv.getUint32(8, true);
  if (12 + headerLength > bytes.byteLength) throw new ColumnBinaryError('the header runs past the end');
  const dec = new TextDecoder('utf-8', { fatal: true });
  let header: Header;
  try {
    header = JSON.parse(dec.decode(bytes.subarray(12, 12 + headerLength))) as Header;
  } catch (e) {
    throw new ColumnBinaryError(`unreadable header (${(e as Error).message})`);
  }
  const isObject = (x: unknown): x is Record<string, unknown> =>
    typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isObject(header) || !Array.isArray(header.keys) || !isObject(header.rest) || !Array.isArray(header.columns))
    throw new ColumnBinaryError('header without keys, rest and columns');
  const { rows, columns } = header;
  if (!Number.isInteger(rows) || rows < 0) throw new ColumnBinaryError('header without a row count');
  const start = align8(12 + headerLength);
  const byName = new Map<string, unknown>();
  const need = (c: ColumnDesc, ...lengths: number[]) => {
    if (c.parts.length !== lengths.length || c.parts.some((n, k) => lengths[k] !== -1 && n !== lengths[k]))
      throw new ColumnBinaryError(`column "${c.name}" has parts of ${c.parts.join(', ')} bytes for ${rows} rows`);
  };
  for (const c of columns) {
    if (!isObject(c) || !Array.isArray(c.parts) || !Number.isInteger(c.offset) || c.offset < 0 || c.offset % 8 !== 0)
      throw new ColumnBinaryError(`column ${JSON.stringify(isObject(c) ? c.name : c)}: bad descriptor`);
    // the parts' bytes (views into `bytes`)
    const parts: Uint8Array[] = [];
    let at = start + c.offset;
    for (const n of c.parts) {
      if (!Number.isInteger(n) || n < 0 || at + n > bytes.byteLength)
        throw new ColumnBinaryError(`column "${c.name}" lies outside the file`);
      parts.push(bytes.subarray(at, at + n));
      at = start + align8(at - start + n);
    }
    switch (c.type) {
      case 'u8':
        need(c, rows);
        byName.set(c.name, new Uint8Array(parts[0]!));
        break;
      case 'i32':
        need(c, rows * 4);
        byName.set(c.name, new Int32Array(unshuffle(parts[0]!, 4)));
        break;
      case 'f64':
        need(c, rows * 8);
        byName.set(c.name, new Float64Array(unshuffle(parts[0]!, 8)));
        break;
      case 'e5': {
        need(c, rows * 4);
        const d = new Int32Array(unshuffle(parts[0]!, 4));
        const out = new Float64Array(rows);
        let k = 0;
        for (let i = 0; i < rows; i++) out[i] = (k += d[i]!) / 1e5;
        byName.set(c.name, out);
        break;
      }
      case 'enum': {
        need(c, rows);
        const codes = parts[0]!;
        const values = Array.isArray(c.values) ? (c.values as string[]) : [];
        const out = new Array<string>(rows);
        for (let i = 0; i < rows; i++) {
          const s = values[codes[i]!];
          if (s === undefined)
            throw new ColumnBinaryError(`column "${c.name}" row ${i}: code ${codes[i]} of ${values.length}`);
          out[i] = s;
        }
        byName.set(c.name, out);
        break;
      }
      case 'str':
        need(c, (rows + 1) * 4, -1);
        byName.set(c.name, readStrings(c.name, parts[0]!, parts[1]!, rows, dec));
        break;
      case 'hexstr': {
        need(c, rows, -1, -1, -1, -1);
        const mask = parts[0]!;
        let count = 0;
        for (let i = 0; i < rows; i++) count += mask[i]! === 1 ? 1 : 0;
        if (parts[1]!.byteLength !== count * 4 || parts[2]!.byteLength !== count * 4)
          throw new ColumnBinaryError(`column "${c.name}": ${count} numbers, parts do not match`);
        const lo = new Uint32Array(unshuffle(parts[1]!, 4));
        const hi = new Uint32Array(unshuffle(parts[2]!, 4));
        const others = readStrings(c.name, parts[3]!, parts[4]!, rows - count, dec);
        const hexes = hexStrings(lo, hi);
        const out = new Array<string>(rows);
        let h = 0;
        let o = 0;
        for (let i = 0; i < rows; i++) out[i] = mask[i] === 1 ? hexes[h++]! : others[o++]!;
        byName.set(c.name, out);
        break;
      }
      case 'json':
        if (!Array.isArray(c.values) || c.values.length !== rows)
          throw new ColumnBinaryError(`column "${c.name}": bad values`);
        byName.set(c.name, c.values);
        break;
      default:
        throw new ColumnBinaryError(`column "${c.name}": unknown type ${JSON.stringify(c.type)}`);
    }
  }
  // (fromEntries: a key such as "__proto__" stays a key)
  return Object.fromEntries(header.keys.map((k) => [k, byName.has(k) ? byName.get(k) : header.rest[k]]));
}
