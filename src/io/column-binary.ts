/**
 * A compact binary form of a columnar JSON object such as demand.json: what `JSON.parse` gives, without parsing
 * 13 MB of text. The build writes it (scripts/vite/demand-binary.ts, gzipped); the app reads it in its coverage worker
 * (src/io/embedded-fetch.ts), where decoding takes a few tens of milliseconds instead of a JSON parse's hundreds.
 *
 * Lossless by construction: every value of a column decodes to the same value (`Object.is`) as in the object, or the
 * column is stored in a wider form (at worst as JSON). Which arrays are columns: those of the length of `rowsKey`.
 * Everything else (scalars, short arrays, nested objects) travels in the header as JSON (as JSON.stringify writes it:
 * a -0 there comes back as 0).
 *
 * Layout (little-endian): "HCCB", u32 format version, u32 header length, the header (UTF-8 JSON: `rest` of the object
 * and a descriptor per column), then each column's bytes at the offset its descriptor gives (8-byte aligned):
 * - `u8` / `i32` / `f64`: a typed array of the values;
 * - `e5`: Int32 of the value × 10⁵ (coordinates and areas with five decimals or fewer);
 * - `enum`: a Uint8 index into the descriptor's `values` (strings of at most 255 distinct values);
 * - `str`: Uint32 UTF-16 offsets (rows + 1) into one UTF-8 text that holds the column's strings one after another.
 * Numeric columns decode to typed arrays, string columns to arrays of strings.
 */

const MAGIC = 'HCCB';
const FORMAT = 1;

type ColumnType = 'u8' | 'i32' | 'e5' | 'f64' | 'enum' | 'str' | 'json';

interface ColumnDesc {
  name: string;
  type: ColumnType;
  offset: number;
  byteLength: number;
  /** enum: the distinct strings; json: the column itself. */
  values?: unknown[];
  /** str: the byte length of the offsets part (the UTF-8 text follows it). */
  offsetsLength?: number;
}

interface Header {
  rows: number;
  rowsKey: string;
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

/** The first of the numeric encodings that gives back every value exactly, or null. */
function numericType(v: readonly unknown[]): 'u8' | 'i32' | 'e5' | 'f64' | null {
  if (!v.every((x) => typeof x === 'number')) return null;
  const nums = v as readonly number[];
  const exact = (f: (x: number) => boolean) => nums.every((x) => f(x));
  if (exact((x) => Number.isInteger(x) && x >= 0 && x <= 255 && !Object.is(x, -0))) return 'u8';
  if (exact((x) => Number.isInteger(x) && x >= -(2 ** 31) && x < 2 ** 31 && !Object.is(x, -0))) return 'i32';
  if (
    exact((x) => {
      const k = Math.round(x * 1e5);
      return k >= -(2 ** 31) && k < 2 ** 31 && Object.is(k / 1e5, x);
    })
  )
    return 'e5';
  return 'f64';
}

/** The binary form of `obj`, whose columns are the arrays as long as `obj[rowsKey]`. */
export function encodeColumns(obj: Record<string, unknown>, rowsKey: string): Uint8Array {
  const idCol = obj[rowsKey];
  if (!Array.isArray(idCol)) throw new ColumnBinaryError(`"${rowsKey}" is not an array`);
  const rows = idCol.length;
  const enc = new TextEncoder();
  const rest: Record<string, unknown> = {};
  const columns: ColumnDesc[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  const add = (desc: Omit<ColumnDesc, 'offset' | 'byteLength'>, bytes: Uint8Array) => {
    columns.push({ ...desc, offset, byteLength: bytes.byteLength });
    parts.push(bytes);
    offset = align8(offset + bytes.byteLength);
  };
  for (const [name, v] of Object.entries(obj)) {
    if (!Array.isArray(v) || v.length !== rows) {
      rest[name] = v;
      continue;
    }
    const num = numericType(v);
    if (num === 'u8') add({ name, type: num }, Uint8Array.from(v as number[]));
    else if (num === 'i32') add({ name, type: num }, new Uint8Array(Int32Array.from(v as number[]).buffer));
    else if (num === 'e5') add({ name, type: num }, new Uint8Array(Int32Array.from(v as number[], (x) => Math.round(x * 1e5)).buffer));
    else if (num === 'f64') add({ name, type: num }, new Uint8Array(Float64Array.from(v as number[]).buffer));
    else if (v.every((x) => typeof x === 'string')) {
      const strs = v as string[];
      const distinct = [...new Set(strs)];
      if (distinct.length <= 255) {
        const index = new Map(distinct.map((s, k) => [s, k]));
        add({ name, type: 'enum', values: distinct }, Uint8Array.from(strs, (s) => index.get(s)!));
      } else if (new TextDecoder().decode(enc.encode(strs.join(''))) !== strs.join('')) {
        // a lone surrogate would not survive UTF-8
        add({ name, type: 'json', values: v }, new Uint8Array(0));
      } else {
        const offsets = new Uint32Array(rows + 1);
        for (let i = 0; i < rows; i++) offsets[i + 1] = offsets[i]! + strs[i]!.length;
        const text = enc.encode(strs.join(''));
        const bytes = new Uint8Array(offsets.byteLength + text.byteLength);
        bytes.set(new Uint8Array(offsets.buffer), 0);
        bytes.set(text, offsets.byteLength);
        add({ name, type: 'str', offsetsLength: offsets.byteLength }, bytes);
      }
    } else add({ name, type: 'json', values: v }, new Uint8Array(0));
  }
  const header: Header = { rows, rowsKey, keys: Object.keys(obj), rest, columns };
  const headerBytes = enc.encode(JSON.stringify(header));
  const start = align8(12 + headerBytes.byteLength);
  const out = new Uint8Array(start + offset);
  out.set(enc.encode(MAGIC), 0);
  const dv = new DataView(out.buffer);
  dv.setUint32(4, FORMAT, true);
  dv.setUint32(8, headerBytes.byteLength, true);
  out.set(headerBytes, 12);
  columns.forEach((c, k) => out.set(parts[k]!, start + c.offset));
  return out;
}

/** True when `bytes` begin as encodeColumns' output does. */
export function isColumnBinary(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 12 && String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) === MAGIC;
}

/** The object encodeColumns was given (numeric columns as typed arrays). Throws ColumnBinaryError on bad bytes. */
export function decodeColumns(input: Uint8Array): Record<string, unknown> {
  if (!isColumnBinary(input)) throw new ColumnBinaryError('not a column binary (no "HCCB" at the start)');
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new ColumnBinaryError('this platform is big-endian');
  // typed-array views need the file at an 8-byte aligned offset of its buffer
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
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
  const { rows, columns } = header;
  if (!Number.isInteger(rows) || rows < 0 || !Array.isArray(columns)) throw new ColumnBinaryError('header without rows and columns');
  const start = bytes.byteOffset + align8(12 + headerLength);
  const byName = new Map<string, unknown>();
  const width: Partial<Record<ColumnType, number>> = { u8: 1, i32: 4, e5: 4, f64: 8, enum: 1 };
  for (const c of columns) {
    const at = start + c.offset;
    if (c.offset % 8 !== 0 || at + c.byteLength > bytes.byteOffset + bytes.byteLength)
      throw new ColumnBinaryError(`column "${c.name}" lies outside the file`);
    const w = width[c.type];
    if (w !== undefined && c.byteLength !== rows * w) throw new ColumnBinaryError(`column "${c.name}" has ${c.byteLength} bytes for ${rows} rows`);
    switch (c.type) {
      case 'u8':
        byName.set(c.name, new Uint8Array(bytes.buffer, at, rows));
        break;
      case 'i32':
        byName.set(c.name, new Int32Array(bytes.buffer, at, rows));
        break;
      case 'f64':
        byName.set(c.name, new Float64Array(bytes.buffer, at, rows));
        break;
      case 'e5': {
        const k = new Int32Array(bytes.buffer, at, rows);
        const out = new Float64Array(rows);
        for (let i = 0; i < rows; i++) out[i] = k[i]! / 1e5;
        byName.set(c.name, out);
        break;
      }
      case 'enum': {
        const codes = new Uint8Array(bytes.buffer, at, rows);
        const values = c.values as string[];
        const out = new Array<string>(rows);
        for (let i = 0; i < rows; i++) {
          const s = values[codes[i]!];
          if (s === undefined) throw new ColumnBinaryError(`column "${c.name}" row ${i}: code ${codes[i]} of ${values.length}`);
          out[i] = s;
        }
        byName.set(c.name, out);
        break;
      }
      case 'str': {
        const ol = c.offsetsLength ?? -1;
        if (ol !== (rows + 1) * 4 || ol > c.byteLength) throw new ColumnBinaryError(`column "${c.name}": bad offsets`);
        const offsets = new Uint32Array(bytes.buffer, at, rows + 1);
        let text: string;
        try {
          text = dec.decode(new Uint8Array(bytes.buffer, at + ol, c.byteLength - ol));
        } catch {
          throw new ColumnBinaryError(`column "${c.name}": not UTF-8`);
        }
        if (offsets[rows] !== text.length) throw new ColumnBinaryError(`column "${c.name}": offsets do not match its text`);
        const out = new Array<string>(rows);
        for (let i = 0; i < rows; i++) {
          if (offsets[i + 1]! < offsets[i]!) throw new ColumnBinaryError(`column "${c.name}" row ${i}: offsets go back`);
          out[i] = text.slice(offsets[i], offsets[i + 1]);
        }
        byName.set(c.name, out);
        break;
      }
      case 'json':
        if (!Array.isArray(c.values) || c.values.length !== rows) throw new ColumnBinaryError(`column "${c.name}": bad values`);
        byName.set(c.name, c.values);
        break;
      default:
        throw new ColumnBinaryError(`column "${c.name}": unknown type ${JSON.stringify(c.type)}`);
    }
  }
  // (fromEntries: a key such as "__proto__" stays a key)
  return Object.fromEntries(header.keys.map((k) => [k, byName.has(k) ? byName.get(k) : header.rest[k]]));
}
