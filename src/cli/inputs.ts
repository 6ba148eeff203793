/**
 * Input files for `npm run coverage` and `npm run plan`: reading a file, the import context over the embedded data,
 * and the row policy both CLIs share — keep the valid rows, print each rejected row (file, row, reason), collect them
 * for `rejected.csv`; a file error (missing, unreadable, wrong kind, no usable row) stops the run (exit 2), and with
 * `--strict` so does any rejected row.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import type { DemandTable, Facility, HromadaTable } from '../engine/types';
import { buildImportContext, type ImportContextSources } from '../io/context';
import { csvField, rejectedRowsCsv } from '../io/export';
import { importFacilities } from '../io/facilities';
import type { ImportContext, ImportResult, RowIssue } from '../io/types';
import { CliError } from './args';

/** Exit statuses of both CLIs (README "Command line"). */
export const EXIT = { ok: 0, unexpected: 1, badInput: 2 } as const;

export const EXIT_CODES_TEXT =
  'Exit status: 0 done (rejected rows, if any, are printed and written to DIR/rejected.csv); 1 unexpected error;\n' +
  '2 bad input: a bad option, a file error (missing, unreadable, wrong kind, no usable row), or with --strict any\n' +
  'rejected row (then nothing is written).';

/** A file's bytes. @throws CliError when missing or unreadable */
export function readInput(path: string): Uint8Array {
  if (!existsSync(path)) throw new CliError(`${path}: file not found.`);
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new CliError(`${path}: cannot read (${(e as Error).message}).`);
  }
}

/** One line per rejected row, in the form both CLIs print: `FILE: row N: code (field): detail`. */
export function rejectedLine(path: string, x: RowIssue): string {
  return `${path}: row ${x.row}: ${x.code}${x.field ? ` (${x.field})` : ''}: ${x.detail}`;
}

/** The rejected rows of every input file of a run. */
export class RejectedRows {
  readonly files: { path: string; rows: readonly RowIssue[] }[] = [];

  /** Records (and prints through `log`) the rejected rows of one file. */
  add(path: string, rows: readonly RowIssue[], log: (s: string) => void): void {
    if (rows.length === 0) return;
    this.files.push({ path, rows });
    for (const x of rows) log(rejectedLine(path, x));
  }

  get count(): number {
    return this.files.reduce((n, f) => n + f.rows.length, 0);
  }

  /** `N rows rejected in a.csv (2), b.csv (1)`. */
  summary(): string {
    return `${this.count} rows rejected in ${this.files.map((f) => `${f.path} (${f.rows.length})`).join(', ')}`;
  }

  /**
   * rejected.csv: `file`, then rejectedRowsCsv's columns (`row, reason, field, detail`, every original column) over
   * the rows of all files.
   */
  csv(): string {
    const all = this.files.flatMap((f) => f.rows);
    const fileOf = this.files.flatMap((f) => f.rows.map(() => f.path));
    const records = splitCsvRecords(rejectedRowsCsv({ rejected: all }, { bom: false, eol: '\r\n' }));
    const head = records[0] ?? '';
    const taken = /(^|,)file(,|$)/.test(head);
    const lines = [
      `file,${taken ? head.replace(/(^|,)file(?=,|$)/, '$1original_file') : head}`,
      ...records.slice(1).map((r, k) => `${csvField(fileOf[k] ?? '')},${r}`),
    ];
    return '\uFEFF' + lines.join('\r\n') + '\r\n';
  }
}

/** Splits RFC 4180 text into records at CRLF outside double quotes (quoted fields may hold line breaks). */
function splitCsvRecords(text: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      out.push(text.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/**
 * The valid rows of an import: its rejected rows go to `rejected` (and are printed).
 * @throws CliError on a file error, or when no row is usable
 */
export function keepRows<T>(r: ImportResult<T>, path: string, rejected: RejectedRows, log: (s: string) => void): T[] {
  if (r.fileError) throw new CliError(`${path}: ${r.fileError.detail || r.fileError.code}`);
  rejected.add(path, r.rejected, log);
  if (r.rows.length === 0) {
    throw new CliError(`${path}: no usable rows${r.rejected.length > 0 ? ` (all ${r.rejected.length} rejected)` : ''}.`);
  }
  return r.rows;
}

/** With --strict, any rejected row stops the run before anything is written. @throws CliError */
export function checkStrict(rejected: RejectedRows, strict: boolean): void {
  if (strict && rejected.count > 0) throw new CliError(`--strict: ${rejected.summary()}; nothing written.`);
}

/** Writes DIR/rejected.csv when rows were rejected (and removes a stale one otherwise); returns its path or null. */
export function writeRejected(rejected: RejectedRows, outDir: string): string | null {
  const path = join(outDir, 'rejected.csv');
  if (rejected.count === 0) {
    rmSync(path, { force: true });
    return null;
  }
  writeFileSync(path, rejected.csv());
  return path;
}

/**
 * The import context over the embedded data, as the page builds it: hromadas, located settlements, polygons, and the
 * border and no-data areas (a point up to 5 km outside the simplified border is accepted and flagged).
 */
export function cliImportContext(
  geoDir: string,
  data: { hromadas: HromadaTable; demand: DemandTable; polygons?: readonly (Polygon | MultiPolygon)[] },
): ImportContext {
  const geo = (f: string): ImportContextSources['border'] => {
    const path = join(geoDir, f);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ImportContextSources['border']) : undefined;
  };
  const polygons =
    data.polygons ?? (JSON.parse(readFileSync(join(geoDir, 'hromadas.geojson'), 'utf8')) as ImportContextSources['polygons']);
  return buildImportContext({ hromadas: data.hromadas, demand: data.demand, polygons, border: geo('border.geojson'), noData: geo('no_data.geojson') });
}

/**
 * Facilities files through the shared importer. An id already read from an earlier file is a rejected row
 * (duplicate_id) of the later one.
 * @throws CliError on a file error or a file with no usable row
 */
export function importFacilityFiles(
  paths: readonly string[],
  ctx: ImportContext,
  rejected: RejectedRows,
  log: (s: string) => void,
  opts: Parameters<typeof importFacilities>[3] = {},
): { facilities: Facility[]; sources: string[] } {
  const facilities: Facility[] = [];
  const sources: string[] = [];
  const ids = new Set<string>();
  for (const path of paths) {
    const r = importFacilities(readInput(path), basename(path), { ...ctx, facilityIds: ids }, { ...opts, rejectExistingIds: true });
    const rows = keepRows(r, path, rejected, log);
    for (const f of rows) {
      ids.add(f.id);
      facilities.push(f);
    }
    sources.push(`${path} (${rows.length} facilities, source user:${basename(path)})`);
    log(`${path}: ${rows.length} facilities${r.rejected.length > 0 ? `, ${r.rejected.length} rows rejected` : ''}`);
  }
  return { facilities, sources };
}
