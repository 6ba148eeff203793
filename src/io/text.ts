/**
 * Bytes → text, numbers with decimal commas, and name normalization. Pure: no DOM, usable in a worker and in Node.
 */

/** Largest file the importers read (100 MB). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1251' | 'utf-16le' | 'utf-16be';

/**
 * Decode file bytes: a BOM decides (UTF-8, UTF-16 LE/BE); else valid UTF-8 is UTF-8; else Windows-1251
 * (the usual encoding of Ukrainian spreadsheets saved as "CSV" by older Excel).
 * @example decodeBytes(new Uint8Array([0xcd, 0xe0, 0xe7, 0xe2, 0xe0])) // { text: 'Назва', encoding: 'windows-1251' }
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

/** True when the bytes look binary (NUL bytes without a UTF-16 BOM, or a zip / xlsx / pdf signature). */
export function looksBinary(bytes: Uint8Array): string | null {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0x50 && b1 === 0x4b) return 'a ZIP archive (an Excel .xlsx workbook?)';
  if (b0 === 0xd0 && b1 === 0xcf) return 'an old Excel .xls / Office binary file';
  if (b0 === 0x25 && b1 === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'a PDF file';
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return null;
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return 'a binary file (NUL bytes)';
  return null;
}

const SPACES = /[\s\u00a0\u202f\u2009']/g;

/** Fast path for most cells of large files: `-?digits([.,]digits)?`; undefined for anything else. */
function plainNumber(s: string): number | undefined {
  const n = s.length;
  if (n === 0 || n > 30) return undefined;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  let digits = 0;
  let sep = -1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if ((c === 46 || c === 44) && sep < 0 && digits > 0) sep = i;
    else return undefined;
  }
  if (digits === 0 || sep === n - 1) return undefined;
  return Number(sep >= 0 && s.charCodeAt(sep) === 44 ? s.slice(0, sep) + '.' + s.slice(sep + 1) : s);
}

/**
 * Parse a number as people type it in Ukrainian and English spreadsheets: `50.45`, `50,45`, `1 234,5`,
 * `1.234,5`, `1,234.5`, `-3`, `1e5`. Returns NaN for anything else (including '' and `Infinity`).
 * A single comma is always a decimal comma.
 * @example parseNumber('50,45') // 50.45
 */
export function parseNumber(raw: string | undefined): number {
  if (raw === undefined) return NaN;
  const fast = plainNumber(raw);
  if (fast !== undefined) return fast;
  let s = raw.trim().replace(SPACES, '');
  if (s === '') return NaN;
  s = s.replace(/^\+/, '').replace(/[\u2212\u2013]/g, '-');
  const commas = s.split(',').length - 1;
  const dots = s.split('.').length - 1;
  if (commas > 0 && dots > 0) {
    // The later separator is the decimal one.
    if (s.lastIndexOf(',') > s.lastIndexOf('.')) s = s.replace(/\./g, '').replace(',', '.');
    else s = s.replace(/,/g, '');
  } else if (commas === 1) {
    s = s.replace(',', '.');
  } else if (commas > 1) {
    return NaN;
  }
  if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return NaN;
  return Number(s);
}

const APOSTROPHES = /[’ʼ'`´ʹ‘]/g;
const PREFIXES =
  /^(м\.|м |місто |смт\.?|с-ще\.?|селище міського типу |селище |сел\.|с\.|с |село |village |city |town |settlement )\s*/;

/**
 * Normalize a settlement or hromada name for lookup: lower case, one kind of apostrophe (removed),
 * `ё`→`е`, no category prefix (`с.`, `смт`, `м.`, …),
 * no hromada suffix (`сільська/селищна/міська територіальна громада`), single spaces.
 * @example normalizeName('с. Кам’янка ') // 'камянка'
 */
export function normalizeName(name: string): string {
  let s = name.toLowerCase().replace(/\s+/g, ' ').trim();
  s = s.replace(APOSTROPHES, '').replace(/ё/g, 'е');
  s = s.replace(PREFIXES, '');
  s = s.replace(/\s*(сільська|селищна|міська)?\s*(територіальна\s+)?громада$/, '').replace(/\s*(тг|отг)$/, '');
  s = s.replace(/\s*(hromada|community)$/, '');
  return s.trim();
}

/**
 * Normalize a KATOTTG code: upper case, no spaces; 17 digits get the `UA` prefix.
 * @example normalizeCode('ua 0502 0010 0000 0316 1') // 'UA05020010000003161'
 */
export function normalizeCode(raw: string): string {
  const s = raw.replace(/\s+/g, '').toUpperCase();
  if (/^\d{17}$/.test(s)) return 'UA' + s;
  return s;
}

/** A KATOTTG code: `UA` + 17 digits. */
export function isKatottg(s: string): boolean {
  return /^UA\d{17}$/.test(s);
}
