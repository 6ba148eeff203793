/** Reading the UTF-8, header-row CSV files of ../shared/data. */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

export type CsvRow = Record<string, string>;

/**
 * Parse a CSV file with a header row into records of strings.
 * Throws if papaparse reports an error, naming the file and the row.
 */
export function readCsv(path: string): CsvRow[] {
  const text = readFileSync(path, 'utf8');
  const res = Papa.parse<CsvRow>(text, { header: true, skipEmptyLines: true });
  const err = res.errors[0];
  if (err) throw new Error(`${path}: CSV error on row ${err.row ?? '?'}: ${err.message}`);
  return res.data;
}

/** A required string field; throws naming the file and field when missing. */
export function req(row: CsvRow, field: string, file: string): string {
  const v = row[field];
  if (v === undefined || v === '') throw new Error(`${file}: field "${field}" is empty in row ${JSON.stringify(row)}`);
  return v;
}

/** A number, or null when the cell is empty or "NA". */
export function num(v: string | undefined): number | null {
  if (v === undefined || v === '' || v === 'NA') return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${JSON.stringify(v)}`);
  return n;
}
