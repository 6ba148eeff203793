/**
 * CSV text → header + records, via PapaParse. Delimiter auto-detected from the header line
 * (semicolon, tab or comma; Excel's `sep=;` first line honoured). Row numbers are spreadsheet rows (header = 1).
 */
import Papa from 'papaparse';

export interface CsvRecord {
  /** Spreadsheet row number (header = 1). */
  row: number;
  cells: string[];
}

export interface CsvTable {
  headers: string[];
  records: CsvRecord[];
  delimiter: string;
  blankRows: number;
  commentRows: number;
}

const DELIMITERS = [';', '\t', ','] as const;

/** Count delimiter candidates outside double quotes in one line. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/**
 * Pick the delimiter of a header line: the candidate occurring most often outside quotes
 * (ties: semicolon, then tab, then comma). A header has no decimal commas, so counting it is reliable.
 * @example detectDelimiter('id;name;lat;lon') // ';'
 */
export function detectDelimiter(headerLine: string): string {
  let best: string = ',';
  let bestN = 0;
  for (const d of DELIMITERS) {
    const n = countOutsideQuotes(headerLine, d);
    if (n > bestN) {
      best = d;
      bestN = n;
    }
  }
  return best;
}

/** Parse CSV text. Never throws; PapaParse is lenient about stray quotes. */
export function readCsv(text: string): CsvTable {
  let body = text.replace(/^\uFEFF/, '');
  let delimiter: string | null = null;
  const sep = /^sep=(.)\r?\n/i.exec(body);
  if (sep) {
    delimiter = sep[1] ?? ',';
    body = body.slice(sep[0].length);
  }
  // First non-empty line is the header.
  const lead = /^(?:[ \t]*\r?\n)*/.exec(body)?.[0] ?? '';
  const leadRows = lead.split('\n').length - 1;
  body = body.slice(lead.length);
  const firstLineEnd = body.search(/\r?\n/);
  const headerLine = firstLineEnd < 0 ? body : body.slice(0, firstLineEnd);
  delimiter ??= detectDelimiter(headerLine);
  const parsed = Papa.parse<string[]>(body, { delimiter, header: false, skipEmptyLines: false });
  const data = parsed.data;
  const headers = (data[0] ?? []).map((h) => h.replace(/^\uFEFF/, '').trim());
  const records: CsvRecord[] = [];
  let blankRows = 0;
  let commentRows = 0;
  for (let i = 1; i < data.length; i++) {
    const cells = data[i] ?? [];
    const row = i + 1 + leadRows;
    if (cells.every((c) => c.trim() === '')) {
      blankRows++;
      continue;
    }
    if ((cells[0] ?? '').trimStart().startsWith('#')) {
      commentRows++;
      continue;
    }
    records.push({ row, cells });
  }
  // A trailing newline yields one empty record: not a blank row the user typed.
  const last = data[data.length - 1];
  if (data.length > 1 && last && last.length === 1 && last[0] === '') blankRows--;
  return { headers, records, delimiter, blankRows: Math.max(0, blankRows), commentRows };
}
