/**
 * Export of the hromada table as shown (issue 15, a table for work): the visible columns, the rows under the filter
 * and sort in effect. Ukrainian: CSV for Ukrainian Excel (`;` between cells, decimal commas, UTF-8 BOM); English:
 * plain CSV (`,`, decimal points). The data sources and notes follow as `# …` lines, as in the other exports.
 */
import type { Lang } from '../../i18n';

/** A cell of the exported table: a number (written with the language's decimal mark), text, or empty. */
export type TableCell = string | number | null;

/** The delimiter and decimal mark of a language's CSV. */
export function csvStyle(lang: Lang): { delimiter: string; decimal: string } {
  return lang === 'uk' ? { delimiter: ';', decimal: ',' } : { delimiter: ',', decimal: '.' };
}

/**
 * A number with at most `digits` decimals, no thousands separator, in the language's decimal mark.
 * @example fmtCsvNumber(0.19, 'uk') // '0,19'; fmtCsvNumber(-12.5, 'en') // '-12.5'
 */
export function fmtCsvNumber(n: number, lang: Lang, digits = 4): string {
  if (!Number.isFinite(n)) return '';
  const s = String(Number(n.toFixed(digits)));
  return lang === 'uk' ? s.replace('.', ',') : s;
}

/** One CSV cell: quoted when it holds the delimiter, a quote or a line break; a leading `= + - @` in text guarded by `'`. */
export function csvCell(c: TableCell, lang: Lang): string {
  if (c === null) return '';
  if (typeof c === 'number') return fmtCsvNumber(c, lang);
  const { delimiter } = csvStyle(lang);
  const s = /^[=+\-@]/.test(c) ? `'${c}` : c;
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The CSV text (with the BOM) of a table: header, rows, then one `# line` per note (sources, notes).
 * @example tableToCsv(['a', 'b'], [['x', 1.5]], 'uk', ['Source']) // '\uFEFFa;b\r\nx;1,5\r\n# Source\r\n'
 */
export function tableToCsv(header: readonly string[], rows: readonly (readonly TableCell[])[], lang: Lang, notes: readonly string[]): string {
  const { delimiter } = csvStyle(lang);
  const lines = [header.map((h) => csvCell(h, lang)).join(delimiter), ...rows.map((r) => r.map((c) => csvCell(c, lang)).join(delimiter))];
  for (const n of notes) lines.push(`# ${n.replace(/[\r\n]+/g, ' ')}`);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The visible columns' keys in table order, from a column list and the set of hidden keys. */
export function visibleColumns<K extends string>(all: readonly K[], hidden: ReadonlySet<K>): K[] {
  return all.filter((k) => !hidden.has(k));
}
