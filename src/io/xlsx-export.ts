/**
 * XLSX for every table export: the rows of one of our CSV exports (src/io/export.ts, the coverage worker's
 * hromadas/places/demand/totals CSVs) become a workbook with write-excel-file. Sheet 1 holds the table (numbers as
 * numbers, text as text, the header row frozen); the CSV's trailing `# …` lines (sources, notes on estimated and
 * illustrative values) go to a second sheet, so the workbook carries the same attribution as the CSV.
 */
import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/universal';
import { readCsv } from './csv';

/** A plain decimal number as our exports write it (no leading zeros, which codes and ids may carry). */
const NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d+)?(e[-+]?\d+)?$/i;

/** A CSV cell → a workbook cell: numbers as numbers; the CSV formula guard (a leading `'`) dropped, as XLSX text never runs. */
export function xlsxCell(s: string): string | number | null {
  if (s === '') return null;
  if (NUMBER.test(s)) {
    const n = Number(s);
    if (Number.isFinite(n)) return n;
  }
  if (/^'[=+@-]/.test(s)) return s.slice(1);
  return s;
}

export interface XlsxTables {
  /** The data sheet. */
  data: SheetData;
  /** The `# …` lines, one per row (without the `# `). */
  notes: SheetData;
}

/** CSV text (our export) → the two sheets' rows. */
export function csvToSheets(csv: string): XlsxTables {
  const text = csv.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const notes: SheetData = [];
  const body: string[] = [];
  for (const line of lines) {
    if (line.startsWith('#')) notes.push([line.replace(/^#\s?/, '')]);
    else body.push(line);
  }
  const table = readCsv(body.join('\n'));
  const header: Row = table.headers.map((h) => ({ value: h, fontWeight: 'bold' as const }));
  const data: SheetData = [header, ...table.records.map((r) => r.cells.map(xlsxCell))];
  return { data, notes };
}

/**
 * A workbook of one CSV export: sheet `sheetName` with the table, sheet «Джерела · Sources» with the `#` lines.
 * @example const bytes = await csvToXlsx(hromadasCsv, 'hromadas'); // Uint8Array of an .xlsx file
 */
export async function csvToXlsx(csv: string, sheetName: string): Promise<Uint8Array> {
  const { data, notes } = csvToSheets(csv);
  const safeName = sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'data';
  const sheets = [
    { data, sheet: safeName, stickyRowsCount: 1 },
    ...(notes.length > 0 ? [{ data: notes, sheet: 'Джерела · Sources' }] : []),
  ];
  const blob = await writeXlsxFile(sheets).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** MIME type of .xlsx files. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
