/**
 * Formats read into rows or features before the usual validation: Excel workbooks (.xlsx), zipped ESRI shapefiles and
 * KML/KMZ. This module is light (no parser libraries): it tells the format from the name and the first bytes, and
 * hands the bytes to the readers of ./binary-readers.ts, which are registered once (the CLI imports them; the import
 * worker loads them with a dynamic import() only when such a file arrives, so CSV imports and the first screen do
 * not pay for them).
 */
import { binaryReader, hasBinaryReader, type OpenOptions } from './binary-registry';
import type { BinaryFormat, FileError, ImportInput, ParsedInput } from './types';

/** Loads and registers the readers with a dynamic import (the worker calls this for binary formats only). */
export async function loadBinaryReaders(): Promise<void> {
  if (hasBinaryReader()) return;
  const m = await import('./binary-readers');
  m.registerBinaryReaders();
}

export function isParsed(input: ImportInput): input is ParsedInput {
  return typeof input === 'object' && !(input instanceof Uint8Array) && 'parsed' in input;
}

export function extOf(fileName: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(fileName.trim());
  return m ? (m[1] ?? '').toLowerCase() : '';
}

/**
 * Names of the files in a ZIP archive, from its central directory (no decompression), or null when the bytes are
 * not a readable ZIP.
 */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const n = bytes.length;
  if (n < 22) return null;
  const u16 = (o: number): number => (bytes[o] ?? 0) | ((bytes[o + 1] ?? 0) << 8);
  const u32 = (o: number): number => (u16(o) | (u16(o + 2) << 16)) >>> 0;
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 65535); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(eocd + 10);
  let o = u32(eocd + 16);
  const names: string[] = [];
  const dec = new TextDecoder('utf-8');
  for (let k = 0; k < count; k++) {
    if (o + 46 > n || u32(o) !== 0x02014b50) return names.length > 0 ? names : null;
    const len = u16(o + 28);
    names.push(dec.decode(bytes.subarray(o + 46, Math.min(n, o + 46 + len))));
    o += 46 + len + u16(o + 30) + u16(o + 32);
  }
  return names;
}

/** The format a ZIP archive holds, by its file names. */
export function zipFormatOf(names: readonly string[]): BinaryFormat | null {
  const lower = names.map((s) => s.toLowerCase()).filter((s) => !s.startsWith('__macosx/'));
  if (lower.includes('xl/workbook.xml')) return 'xlsx';
  if (lower.some((s) => s.endsWith('.shp'))) return 'shapefile';
  if (lower.some((s) => s.endsWith('.kml'))) return 'kmz';
  return null;
}

function isZip(b: Uint8Array): boolean {
  return b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);
}

function looksLikeKml(head: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(kml|[a-z]+:kml)\b/i.test(head);
}

/**
 * Which binary format a file is, from its contents first and its name second; null for CSV/GeoJSON text and for
 * files no reader handles (those get the usual messages).
 * @example binaryFormatOf(bytes, 'units.xlsx') // 'xlsx'
 */
export function binaryFormatOf(input: Uint8Array | string, fileName: string): BinaryFormat | null {
  const ext = extOf(fileName);
  if (typeof input === 'string') {
    return looksLikeKml(input.slice(0, 2000).replace(/^\uFEFF/, '')) || (ext === 'kml' && input.trimStart().startsWith('<'))
      ? 'kml'
      : null;
  }
  if (input.length >= 4 && isZip(input)) {
    const byName = zipFormatOf(zipEntryNames(input) ?? []);
    if (byName) return byName;
    if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
    if (ext === 'kmz') return 'kmz';
    if (ext === 'zip' || ext === 'shp') return 'shapefile';
    return null;
  }
  if (ext === 'kml' || (input[0] === 0x3c || input[0] === 0xef) && ext !== 'csv' && ext !== 'geojson' && ext !== 'json') {
    const head = new TextDecoder('utf-8').decode(input.subarray(0, 2000)).replace(/^\uFEFF/, '');
    if (looksLikeKml(head) || (ext === 'kml' && head.trimStart().startsWith('<'))) return 'kml';
  }
  return null;
}

/**
 * Read a binary format (XLSX, zipped shapefile, KML/KMZ) into rows or features; other input is returned as it is.
 * @returns the input to validate, or a file error (damaged workbook, unknown CRS, missing sheet, …)
 */
export function openInput(input: ImportInput, fileName: string, opts: OpenOptions = {}): ImportInput | FileError {
  if (isParsed(input)) return input;
  const format = binaryFormatOf(input, fileName);
  if (!format) return input;
  const reader = binaryReader();
  if (!reader) {
    return {
      code: 'not_csv_or_geojson',
      detail: `${fileName}: ${format.toUpperCase()} files need the format readers (registerBinaryReaders / loadBinaryReaders)`,
    };
  }
  try {
    return reader(input, fileName, format, opts);
  } catch (e) {
    return { code: 'damaged_file', detail: `${fileName}: ${e instanceof Error ? e.message : String(e)}` };
  }
}
