/**
 * The territory-status list in use for the CLIs: the built-in 2022 list (HromadaTable.status as shipped, named in
 * public/geo/manifest.json) or a list imported with `--territory FILE` (src/io/territory.ts), which replaces
 * HromadaTable.status. Rows the importer rejects are reported (and written next to the outputs), not fatal: the
 * official list also names settlements and raions, which are not hromadas.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TERRITORY_STATUSES, type DemandTable, type HromadaTable, type TerritoryStatus } from '../engine/types';
import { buildImportContext } from '../io/context';
import { parseTerritoryMeta } from '../io/embedded';
import { rejectedRowsCsv } from '../io/export';
import { importTerritory, territoryCounts, territorySummary, withStatus, type TerritoryImport } from '../io/territory';
import { CliError } from './args';

/** The list in use, for ATTRIBUTION.txt, summary.json and the console. */
export interface TerritoryInfo {
  /** `built-in`: the list shipped with the data; `file`: imported with --territory. */
  source: 'built-in' | 'file';
  /** Name of the list (the manifest's name, or the file name). */
  list: string;
  /** ISO date of the list edition, or null when unknown. */
  date: string | null;
  /** The imported file's path (source `file`). */
  file?: string;
  /** Hromadas per status in the table now in use. */
  counts: Record<TerritoryStatus, number>;
  /** Imported list only: rows rejected, hromadas not named (given none), statuses ended by their end date. */
  rejected?: number;
  notListed?: number;
  ended?: number;
}

/** The built-in list: its name and date from manifest.json (when present), counts from the table. */
export function builtinTerritory(hromadas: HromadaTable, geoDir: string): TerritoryInfo {
  let list = 'built-in 2022 list';
  let date: string | null = null;
  const path = join(geoDir, 'manifest.json');
  if (existsSync(path)) {
    try {
      const meta = parseTerritoryMeta(JSON.parse(readFileSync(path, 'utf8')) as unknown);
      list = `built-in: ${meta.list}`;
      date = meta.date;
    } catch {
      // An older manifest without `territory`: the table's statuses are still used.
    }
  }
  return { source: 'built-in', list, date, counts: territoryCounts(statusOf(hromadas)) };
}

function statusOf(h: HromadaTable): Uint8Array {
  return (h as Partial<HromadaTable>).status ?? new Uint8Array(h.count);
}

export interface AppliedTerritory {
  hromadas: HromadaTable;
  info: TerritoryInfo;
  result: TerritoryImport;
  /** Rejected rows as CSV (row, reason, the row as read), '' when none. */
  rejectedCsv: string;
  /** English lines for stderr: the summary and up to 10 rejected rows. */
  messages: string[];
}

/**
 * Imports `path` against the hromadas in use and returns the table with its status replaced.
 * @throws CliError when the file cannot be read as a territory list (missing, XLSX, no code column, empty)
 */
export function applyTerritoryFile(
  path: string,
  hromadas: HromadaTable,
  demand: DemandTable | undefined,
  opts: { date?: string } = {},
): AppliedTerritory {
  if (!existsSync(path)) throw new CliError(`${path}: file not found.`);
  const ctx = buildImportContext({ hromadas, demand });
  const r = importTerritory(new Uint8Array(readFileSync(path)), basename(path), ctx, { date: opts.date });
  if (r.fileError) throw new CliError(`${path}: ${r.fileError.detail || r.fileError.code}`);
  const messages = [territorySummary(r)];
  for (const x of r.rejected.slice(0, 10)) {
    messages.push(`${path}: row ${x.row} rejected: ${x.code}${x.field ? ` (${x.field})` : ''}: ${x.detail}`);
  }
  if (r.rejected.length > 10) messages.push(`${path}: … ${r.rejected.length - 10} more rejected rows`);
  return {
    hromadas: withStatus(hromadas, r.status),
    result: r,
    rejectedCsv: r.rejected.length > 0 ? rejectedRowsCsv(r) : '',
    messages,
    info: {
      source: 'file',
      list: r.listName,
      date: r.listDate,
      file: path,
      counts: r.counts,
      rejected: r.rejected.length,
      notListed: r.notListed,
      ended: r.ended,
    },
  };
}

/** One line naming the list in use, for ATTRIBUTION.txt and notes. */
export function territoryLine(t: TerritoryInfo): string {
  const c = t.counts;
  const occ = c.occupied + c.occupied_before_2022;
  const what =
    t.source === 'built-in'
      ? `${t.list}${t.date ? `, edition of ${t.date}` : ''}`
      : `imported from ${t.file ?? t.list}${t.date ? `, list date ${t.date}` : ', no date'}; ${t.rejected ?? 0} rows rejected, ${t.notListed ?? 0} hromadas not in the list read as none`;
  return `Territory status: ${what}. ${occ} hromadas occupied (${c.occupied_before_2022} before 2022), ${c.hostilities} in the hostilities zone, ${c.deoccupied} deoccupied, ${c.none} none.`;
}

/** Status name of hromada h ('' outside every hromada). */
export function statusName(hromadas: HromadaTable, h: number): string {
  if (h < 0) return '';
  return TERRITORY_STATUSES[statusOf(hromadas)[h] ?? 0] ?? '';
}
