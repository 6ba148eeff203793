/**
 * Excel workbooks (.xlsx, Office Open XML) → a table of text cells, like a CSV: the ZIP is unpacked with fflate and
 * the sheet's XML read with the saxen SAX parser (fast and synchronous, so the same importers serve the worker and the
 * CLI). Cells become text as a user sees them: shared and inline strings as written, numbers in the shortest form
 * (`50.45`), dates as `YYYY-MM-DD`, booleans TRUE/FALSE. Row numbers are the sheet's own. Never throws.
 */
import { Parser } from 'saxen';
import { isFileError } from './result';
import type { FileError, ParsedTable, TableRecord } from './types';
import { unzip } from './zip';

export interface XlsxOptions {
  /** Sheet name, or 1-based number; default the first sheet with data. */
  sheet?: string | number;
}

/** Element name without its namespace prefix (`x:c` → `c`). */
const local = (name: string): string => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

interface Handlers {
  open?(name: string, attrs: () => Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(value: string): void;
}

/** SAX walk over one XML part; throws on malformed XML (caught by readXlsx). */
function walk(xml: string, part: string, h: Handlers): void {
  const p = new Parser({ proxy: false });
  let error: Error | null = null;
  p.on('openTag', (name, attrs, decode, selfClosing) => {
    const get = (): Record<string, string> => {
      const a = attrs();
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(a)) out[local(k)] = decode(String(v));
      return out;
    };
    h.open?.(local(name), get, selfClosing);
  });
  p.on('closeTag', (name) => h.close?.(local(name)));
  if (h.text) {
    const text = h.text;
    p.on('text', (v, decode) => text(decode(v)));
    p.on('cdata', (v) => text(v));
  }
  p.on('error', (e) => {
    error ??= e;
  });
  p.parse(xml);
  if (error) throw new Error(`${part}: ${(error as Error).message}`);
}

const utf8 = new TextDecoder('utf-8');

interface SheetRef {
  name: string;
  path: string;
}

function resolveTarget(target: string): string {
  let t = target.replace(/\\/g, '/');
  t = t.startsWith('/') ? t.slice(1) : `xl/${t}`;
  const parts: string[] = [];
  for (const seg of t.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/').toLowerCase();
}

function workbookSheets(files: Record<string, Uint8Array>): { sheets: SheetRef[]; date1904: boolean } {
  const rels = new Map<string, string>();
  const relsXml = files['xl/_rels/workbook.xml.rels'];
  if (relsXml) {
    walk(utf8.decode(relsXml), 'workbook.xml.rels', {
      open(name, attrs) {
        if (name !== 'Relationship') return;
        const a = attrs();
        if (a.Id && a.Target) rels.set(a.Id, resolveTarget(a.Target));
      },
    });
  }
  const sheets: SheetRef[] = [];
  let date1904 = false;
  walk(utf8.decode(files['xl/workbook.xml'] ?? new Uint8Array()), 'workbook.xml', {
    open(name, attrs) {
      if (name === 'workbookPr') {
        const v = attrs().date1904;
        date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        const a = attrs();
        const path = (a.id ? rels.get(a.id) : undefined) ?? `xl/worksheets/sheet${a.sheetId ?? sheets.length + 1}.xml`;
        sheets.push({ name: a.name ?? `Sheet${sheets.length + 1}`, path });
      }
    },
  });
  return { sheets, date1904 };
}

function sharedStrings(xml: Uint8Array | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  let cur: string[] | null = null;
  let inT = false;
  let phonetic = 0;
  walk(utf8.decode(xml), 'sharedStrings.xml', {
    open(name, _a, selfClosing) {
      if (name === 'si') cur = [];
      else if (name === 'rPh') phonetic += selfClosing ? 0 : 1;
      else if (name === 't' && !selfClosing) inT = true;
    },
    close(name) {
      if (name === 'si') {
        out.push(cur ? cur.join('') : '');
        cur = null;
      } else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
      else if (name === 't') inT = false;
    },
    text(v) {
      if (inT && phonetic === 0 && cur) cur.push(v);
    },
  });
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** Whether a number format shows a date or time. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (BUILTIN_DATE_FORMATS.has(id)) return true;
  if (!code) return false;
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '');
  return /[dy]/i.test(bare) || /h[^0#]*m|m[^0#]*s/i.test(bare);
}

/** For each cell style index: whether it formats a date. */
function dateStyles(xml: Uint8Array | undefined): boolean[] {
  if (!xml) return [];
  const fmts = new Map<number, string>();
  const xfs: boolean[] = [];
  const ids: number[] = [];
  let inCellXfs = false;
  walk(utf8.decode(xml), 'styles.xml', {
    open(name, attrs, selfClosing) {
      if (name === 'numFmt') {
        const a = attrs();
        fmts.set(Number(a.numFmtId), a.formatCode ?? '');
      } else if (name === 'cellXfs') inCellXfs = !selfClosing;
      else if (name === 'xf' && inCellXfs) ids.push(Number(attrs().numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  for (const id of ids) xfs.push(isDateFormat(id, fmts.get(id)));
  return xfs;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * An Excel date serial as text: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` with a time, `HH:MM` for a time alone.
 * @example excelDate(45658, false) // '2025-01-01'
 */
export function excelDate(serial: number, date1904: boolean): string {
  if (!Number.isFinite(serial)) return String(serial);
  const days = Math.floor(serial);
  const minutes = Math.round((serial - days) * 1440);
  const time = `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
  if (days === 0 && !date1904) return time;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + (days + (minutes >= 1440 ? 1 : 0)) * 86400000);
  if (Number.isNaN(d.getTime())) return String(serial);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return minutes > 0 && minutes < 1440 ? `${date} ${time}` : date;
}

/** Column index (0-based) of a cell reference like `AB12`; -1 if none. */
function columnOf(ref: string | undefined): number {
  if (!ref) return -1;
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 || col > 16384 ? -1 : col - 1;
}

/** A sheet's rows: row number → cells (sparse rows filled with ''). */
function sheetRows(xml: string, part: string, strings: string[], dates: boolean[], date1904: boolean): Map<number, string[]> {
  const rows = new Map<number, string[]>();
  let rowNo = 0;
  let cells: string[] = [];
  let col = -1;
  let type = '';
  let style = 0;
  let value: string[] = [];
  let inCell = false;
  let inV = false;
  let inIs = false;
  let inT = false;
  let phonetic = 0;
  const finishCell = (): void => {
    const v = value.join('');
    let text: string;
    switch (type) {
      case 's':
        text = strings[Number(v)] ?? '';
        break;
      case 'inlineStr':
      case 'str':
      case 'e':
        text = v;
        break;
      case 'b':
        text = v === '1' || v.toLowerCase() === 'true' ? 'TRUE' : v === '' ? '' : 'FALSE';
        break;
      case 'd':
        text = /^\d{4}-\d{2}-\d{2}T00:00(:00(\.0+)?)?Z?$/.test(v) ? v.slice(0, 10) : v;
        break;
      default: {
        const t = v.trim();
        const n = Number(t);
        text = t === '' || !Number.isFinite(n) ? t : dates[style] ? excelDate(n, date1904) : String(n);
      }
    }
    if (text !== '') {
      while (cells.length < col) cells.push('');
      cells[col] = text;
    }
  };
  walk(xml, part, {
    open(name, attrs, selfClosing) {
      switch (name) {
        case 'row': {
          const r = Number(attrs().r);
          rowNo = Number.isInteger(r) && r > 0 ? r : rowNo + 1;
          cells = [];
          col = -1;
          if (selfClosing) rows.set(rowNo, cells);
          break;
        }
        case 'c': {
          const a = attrs();
          const c = columnOf(a.r);
          col = c >= 0 ? c : col + 1;
          type = a.t ?? 'n';
          style = Number(a.s ?? 0) || 0;
          value = [];
          inCell = !selfClosing;
          break;
        }
        case 'v':
          inV = inCell && !selfClosing;
          break;
        case 'is':
          inIs = inCell && !selfClosing;
          break;
        case 'rPh':
          if (!selfClosing) phonetic++;
          break;
        case 't':
          inT = inIs && !selfClosing;
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'row':
          rows.set(rowNo, cells);
          break;
        case 'c':
          if (inCell) finishCell();
          inCell = false;
          break;
        case 'v':
          inV = false;
          break;
        case 'is':
          inIs = false;
          break;
        case 'rPh':
          phonetic = Math.max(0, phonetic - 1);
          break;
        case 't':
          inT = false;
          break;
      }
    },
    text(v) {
      if (inV || (inT && phonetic === 0)) value.push(v);
    },
  });
  return rows;
}

const nonEmpty = (cells: readonly string[] | undefined): number => (cells ? cells.filter((c) => c.trim() !== '').length : 0);

/**
 * Rows → header and records as readCsv gives them. The header is the first row with two or more filled cells among
 * the first 20 filled rows (a title row above the table is skipped and counted as a comment row), else the first
 * filled row. Empty rows inside the table count as blank rows; rows whose first cell starts with `#` as comments.
 */
function toTable(rows: Map<number, string[]>): Omit<ParsedTable, 'parsed' | 'format' | 'sheet' | 'sheets'> {
  const nums = [...rows.keys()].filter((r) => nonEmpty(rows.get(r)) > 0).sort((a, b) => a - b);
  if (nums.length === 0) return { headers: [], records: [], blankRows: 0, commentRows: 0 };
  let headerAt = nums.slice(0, 20).findIndex((r) => nonEmpty(rows.get(r)) >= 2);
  if (headerAt < 0) headerAt = 0;
  const headerRow = nums[headerAt] ?? 0;
  const headers = (rows.get(headerRow) ?? []).map((h) => h.trim());
  const last = nums[nums.length - 1] ?? headerRow;
  const records: TableRecord[] = [];
  let blankRows = 0;
  let commentRows = headerAt;
  for (let r = headerRow + 1; r <= last; r++) {
    const cells = rows.get(r);
    if (!cells || nonEmpty(cells) === 0) {
      blankRows++;
      continue;
    }
    if ((cells[0] ?? '').trimStart().startsWith('#')) {
      commentRows++;
      continue;
    }
    records.push({ row: r, cells: Array.from(cells, (c) => c ?? '') });
  }
  return { headers, records, blankRows, commentRows };
}

const WANTED = /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedstrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/;

/**
 * Read one sheet of an .xlsx workbook into a table of text cells.
 * @example readXlsx(bytes, 'units.xlsx', { sheet: 'Підрозділи' }) // { parsed: 'table', headers: […], records: […], … }
 */
export function readXlsx(bytes: Uint8Array, fileName: string, opts: XlsxOptions = {}): ParsedTable | FileError {
  const files = unzip(bytes, fileName, (n) => WANTED.test(n));
  if (isFileError(files)) return files;
  const byLower: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(files)) byLower[k.toLowerCase()] = v;
  if (!byLower['xl/workbook.xml']) {
    return { code: 'damaged_file', detail: `${fileName}: no xl/workbook.xml in the archive; not an Excel .xlsx workbook` };
  }
  try {
    const { sheets, date1904 } = workbookSheets(byLower);
    const names = sheets.map((s) => s.name);
    if (sheets.length === 0) return { code: 'damaged_file', detail: `${fileName}: the workbook lists no sheets` };
    const strings = sharedStrings(byLower['xl/sharedstrings.xml']);
    const dates = dateStyles(byLower['xl/styles.xml']);
    const read = (s: SheetRef): Map<number, string[]> | null => {
      const xml = byLower[s.path];
      return xml ? sheetRows(utf8.decode(xml), s.name, strings, dates, date1904) : null;
    };
    let chosen: SheetRef | undefined;
    let rows: Map<number, string[]> | null = null;
    if (opts.sheet !== undefined && String(opts.sheet).trim() !== '') {
      const want = String(opts.sheet).trim();
      const k = typeof opts.sheet === 'number' || /^\d+$/.test(want) ? Number(want) - 1 : -1;
      chosen =
        sheets.find((s) => s.name === want) ??
        sheets.find((s) => s.name.trim().toLowerCase() === want.toLowerCase()) ??
        (k >= 0 ? sheets[k] : undefined);
      if (!chosen) {
        return {
          code: 'sheet_not_found',
          detail: `${fileName}: no sheet "${want}"; the sheets are ${names.map((n) => `"${n}"`).join(', ')}`,
        };
      }
      rows = read(chosen);
    } else {
      for (const s of sheets) {
        const r = read(s);
        if (!r) continue;
        chosen ??= s;
        rows ??= r;
        if ([...r.values()].some((c) => nonEmpty(c) > 0)) {
          chosen = s;
          rows = r;
          break;
        }
      }
    }
    if (!chosen || !rows) {
      return { code: 'damaged_file', detail: `${fileName}: the sheet's XML part is missing from the archive` };
    }
    return { parsed: 'table', format: 'xlsx', sheet: chosen.name, sheets: names, ...toTable(rows) };
  } catch (e) {
    return {
      code: 'damaged_file',
      detail: `${fileName}: the workbook cannot be read (${e instanceof Error ? e.message : String(e)})`,
    };
  }
}
