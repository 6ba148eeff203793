/**
 * Territory-status list (CSV) → a status per hromada (TERRITORY_STATUSES code per HromadaTable index).
 *
 * The shape of the official list (order No. 376 of 28.02.2025 of the Ministry of Communities and Territories
 * Development and its amendments): one row per hromada with «Код КАТОТТГ», a status (or the list's section heading on
 * a row of its own: «Території можливих бойових дій», «Території активних бойових дій», «Території активних бойових дій,
 * на яких функціонують державні електронні інформаційні ресурси», «Тимчасово окуповані території»), «Дата початку …»
 * and «Дата завершення». The list is the whole list: hromadas it does not name get `none`.
 * UTF-8 (with or without BOM) or Windows-1251, `,` or `;`; XLSX is not read yet. Never throws.
 */
import { issue } from './place';
import { readRecords, type InRecord } from './read';
import { isKatottg, normalizeCode } from './text';
import type { FileError, ImportContext, ImportResult, ImportInput } from './types';
import { TERRITORY_STATUSES, type HromadaTable, type TerritoryStatus } from '../engine/types';

/** One accepted row of a territory list. */
export interface TerritoryRow {
  /** KATOTTG code of the hromada. */
  code: string;
  /** The name as written in the file ('' when none). */
  name: string;
  /** Status in effect at the reference date: `listed`, or what follows when its end date has passed. */
  status: TerritoryStatus;
  /** Status as written (possible/active hostilities → hostilities). */
  listed: TerritoryStatus;
  /** Start and end dates, ISO YYYY-MM-DD, or null. */
  start: string | null;
  end: string | null;
}

export interface TerritoryImportOptions {
  /**
   * Date of the list edition (DD.MM.YYYY or YYYY-MM-DD). Default: the latest start or end date in the list that is
   * not after `today`. An end date on or before this date (or today when not given) has ended the status.
   */
  date?: string;
  /** Name shown for the list; default the file name. */
  name?: string;
  /** Today, ISO YYYY-MM-DD (tests); default the current UTC date. */
  today?: string;
}

/** An imported territory list: the ImportResult of its rows plus the status of every hromada. */
export interface TerritoryImport extends ImportResult<TerritoryRow> {
  /** TERRITORY_STATUSES code per hromada (ctx.hromadas order = HromadaTable order); hromadas not listed: none. */
  status: Uint8Array;
  listName: string;
  /** ISO date of the list (given, else the latest date in it), or null when neither. */
  listDate: string | null;
  /** Whether listDate was given by the user (true) or taken from the list's own dates (false). */
  listDateGiven: boolean;
  /** Date against which end dates were compared (listDate given, else today), ISO. */
  referenceDate: string;
  /** Hromadas per status over the whole table (unlisted ones count as none). */
  counts: Record<TerritoryStatus, number>;
  /** Hromadas the list does not name (given `none`). */
  notListed: number;
  /** Rows whose end date has passed (their status was changed: occupation → deoccupied, hostilities → none). */
  ended: number;
  /** Section-heading rows read (their status applied to the rows below without one). */
  sectionRows: number;
}

/** Accepted status spellings, for the `unknown_status` message. */
export const ACCEPTED_TERRITORY_STATUSES: readonly string[] = [
  'none (немає, не в переліку, not in the list)',
  'hostilities (бойові дії, активні бойові дії, можливі бойові дії, active/possible hostilities)',
  'deoccupied (деокупована)',
  'occupied (тимчасово окупована, окупована)',
  'occupied_before_2022 (окупована до 2022, з 2014)',
];

function normValue(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’ʼ'`´"«»]/g, '')
    .replace(/[\s\-_.,;:()/]+/g, ' ')
    .trim();
}

const NONE_WORDS = new Set([
  'none',
  'no',
  'немає',
  'нема',
  'ні',
  'відсутній',
  'відсутня',
  'not in the list',
  'not listed',
  'не в переліку',
  'не входить',
  'не входить до переліку',
  'поза переліком',
  'мирна',
  'контрольована',
  'controlled',
]);

/**
 * Territory status from our code or a Ukrainian / English phrase (case-insensitive); possible and active hostilities
 * are `hostilities`. Null for an empty or unrecognized value.
 * @example territoryStatusOf('Тимчасово окуповані території') // 'occupied'
 * @example territoryStatusOf('possible hostilities') // 'hostilities'
 */
export function territoryStatusOf(raw: string): TerritoryStatus | null {
  const v = normValue(raw);
  if (v === '') return null;
  const code = v.replace(/ /g, '_');
  if ((TERRITORY_STATUSES as readonly string[]).includes(code)) return code as TerritoryStatus;
  if (NONE_WORDS.has(v)) return 'none';
  if (/^(не|not|non) /.test(v)) return 'none';
  if (/^(де ?окупов|деокупац|звільнен|de ?occupied|liberated)/.test(v)) return 'deoccupied';
  if (/окупов|окупац|occupied|occupation/.test(v)) {
    return /(2014|2015|до 2022|до 24 02 2022|before 2022|before 24 02 2022|крим|crimea)/.test(v)
      ? 'occupied_before_2022'
      : 'occupied';
  }
  if (/бойов|hostilit|combat|fighting/.test(v)) return 'hostilities';
  return null;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A date as DD.MM.YYYY (also D.M.YYYY) or YYYY-MM-DD → ISO YYYY-MM-DD; '' → null; anything else (or a day that does
 * not exist) → undefined.
 * @example parseListDate('24.02.2022') // '2022-02-24'
 */
export function parseListDate(raw: string): string | null | undefined {
  const s = raw.trim();
  if (s === '') return null;
  let y: number;
  let m: number;
  let d: number;
  let mt = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (mt) {
    d = Number(mt[1]);
    m = Number(mt[2]);
    y = Number(mt[3]);
  } else {
    mt = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!mt) return undefined;
    y = Number(mt[1]);
    m = Number(mt[2]);
    d = Number(mt[3]);
  }
  if (y < 1991 || y > 2100 || m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]!) return undefined;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (m === 2 && d === 29 && !leap) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today's date, ISO, UTC. */
function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** What a KATOTTG code is, by its levels: UA OO RR HHH SSS DD NNNNN (oblast, raion, hromada, settlement, city district). */
function katottgLevel(code: string): 'oblast' | 'raion' | 'hromada' | 'settlement' {
  const digits = code.slice(2);
  if (digits.slice(2, 4) === '00' && digits.slice(4, 7) === '000') return 'oblast';
  if (digits.slice(4, 7) === '000') return 'raion';
  if (digits.slice(7, 10) !== '000' || digits.slice(10, 12) !== '00') return 'settlement';
  return 'hromada';
}

/** The status that follows one that ended: occupation → deoccupied, hostilities → none. */
export function endedStatus(s: TerritoryStatus): TerritoryStatus {
  return s === 'occupied' || s === 'occupied_before_2022' || s === 'deoccupied' ? 'deoccupied' : 'none';
}

function emptyCounts(): Record<TerritoryStatus, number> {
  return Object.fromEntries(TERRITORY_STATUSES.map((s) => [s, 0])) as Record<TerritoryStatus, number>;
}

/** Counts per status of a status array. */
export function territoryCounts(status: Uint8Array): Record<TerritoryStatus, number> {
  const c = emptyCounts();
  for (const s of status) {
    const k = TERRITORY_STATUSES[s];
    if (k) c[k]++;
  }
  return c;
}

/** A row that is only a section heading: no code, and a cell reading as a status. */
function sectionOf(rec: InRecord): TerritoryStatus | null {
  const v = rec.values;
  if ((v.katottg ?? '') !== '' && isKatottg(normalizeCode(v.katottg ?? ''))) return null;
  if (isKatottg(normalizeCode(v.hromada ?? ''))) return null;
  const cells = Object.values(rec.raw).filter((c) => c.trim() !== '');
  if (cells.length !== 1) return null;
  const text = cells[0]!;
  if (!/територ|territor/i.test(text)) return null;
  return territoryStatusOf(text);
}

/**
 * Import a territory-status list. Unknown or non-hromada codes, unknown statuses, bad dates and repeated codes are
 * rejected row by row with the reason; every accepted row sets its hromada's status; hromadas not listed get `none`.
 * `ctx.hromadas` must be in HromadaTable order (buildImportContext({ hromadas })). Never throws.
 * @example importTerritory('katottg;status\nUA05020010000053508;окупована', 't.csv', ctx).status
 */
export function importTerritory(
  input: ImportInput,
  fileName: string,
  ctx: ImportContext,
  opts: TerritoryImportOptions = {},
): TerritoryImport {
  const n = ctx.hromadas.length;
  const today = opts.today ?? todayIso();
  const base: TerritoryImport = {
    fileName,
    kind: 'territory',
    fileError: null,
    rows: [],
    rejected: [],
    flagged: [],
    detected: {},
    status: new Uint8Array(n),
    listName: opts.name?.trim() || fileName,
    listDate: null,
    listDateGiven: false,
    referenceDate: today,
    counts: { ...emptyCounts(), none: n },
    notListed: n,
    ended: 0,
    sectionRows: 0,
  };
  const fail = (fileError: FileError): TerritoryImport => ({ ...base, fileError });
  try {
    let given: string | null = null;
    if (opts.date !== undefined && opts.date.trim() !== '') {
      const d = parseListDate(opts.date);
      if (!d) {
        return fail({
          code: 'no_usable_columns',
          detail: `list date "${opts.date}" is not DD.MM.YYYY or YYYY-MM-DD`,
        });
      }
      given = d;
    }
    const read = readRecords(input, fileName, 'territory');
    const result: TerritoryImport = {
      ...base,
      fileError: read.fileError,
      rejected: read.rejected,
      detected: read.detected,
    };
    if (read.fileError) return result;
    const reference = given ?? today;
    result.referenceDate = reference;
    const seen = new Map<string, number>();
    let section: TerritoryStatus | null = null;
    let latest: string | null = null;
    const accepted: { h: number; row: TerritoryRow }[] = [];
    for (const rec of read.records) {
      const sec = sectionOf(rec);
      if (sec) {
        section = sec;
        result.sectionRows++;
        continue;
      }
      const v = rec.values;
      const codeRaw = v.katottg || (isKatottg(normalizeCode(v.hromada ?? '')) ? (v.hromada ?? '') : '');
      const codeField = v.katottg ? 'katottg' : 'hromada';
      if (codeRaw === '') {
        result.rejected.push(issue(rec, 'missing_id', 'no KATOTTG code of the hromada', { field: 'katottg' }));
        continue;
      }
      const code = normalizeCode(codeRaw);
      const h = ctx.hromadaByCode.get(code);
      if (h === undefined) {
        const s = ctx.settlementByCode.get(code);
        const level = s ? 'settlement' : isKatottg(code) ? katottgLevel(code) : 'hromada';
        if (level !== 'hromada') {
          const holder = s && s.hromada >= 0 ? ctx.hromadas[s.hromada] : undefined;
          result.rejected.push(
            issue(
              rec,
              'not_a_hromada_code',
              `${code} is a ${level}-level KATOTTG code, not a hromada's${holder ? ` (it is in ${holder.name}, ${holder.code})` : ''}; the list needs hromada codes`,
              {
                field: codeField,
                value: codeRaw,
                candidates: holder ? [level, `${holder.name} (${holder.code})`] : [level],
              },
            ),
          );
        } else {
          result.rejected.push(
            issue(
              rec,
              'unknown_hromada_code',
              isKatottg(code)
                ? `${code} is not the KATOTTG code of any hromada in the table`
                : `"${codeRaw}" is not a KATOTTG code (UA and 17 digits)`,
              { field: codeField, value: codeRaw },
            ),
          );
        }
        continue;
      }
      const statusRaw = v.status ?? '';
      const listed: TerritoryStatus | null = statusRaw === '' ? section : territoryStatusOf(statusRaw);
      if (!listed) {
        result.rejected.push(
          issue(
            rec,
            'unknown_status',
            `${statusRaw === '' ? 'status is empty (and no section heading above)' : `status "${statusRaw}" is not known`}; accepted: ${ACCEPTED_TERRITORY_STATUSES.join('; ')}`,
            { field: 'status', value: statusRaw, candidates: [...ACCEPTED_TERRITORY_STATUSES] },
          ),
        );
        continue;
      }
      const startRaw = v.start_date ?? '';
      const endRaw = v.end_date ?? '';
      const start = parseListDate(startRaw);
      const end = parseListDate(endRaw);
      if (start === undefined || end === undefined) {
        const field = start === undefined ? 'start_date' : 'end_date';
        const value = start === undefined ? startRaw : endRaw;
        result.rejected.push(
          issue(rec, 'bad_date', `${field} "${value}" is not a date DD.MM.YYYY or YYYY-MM-DD`, { field, value }),
        );
        continue;
      }
      if (start && end && end < start) {
        result.rejected.push(
          issue(rec, 'bad_date', `end_date ${endRaw} is before start_date ${startRaw}`, {
            field: 'end_date',
            value: endRaw,
            candidates: [startRaw],
          }),
        );
        continue;
      }
      const prev = seen.get(code);
      if (prev !== undefined) {
        result.rejected.push(
          issue(rec, 'duplicate_id', `hromada ${code} is also on row ${prev}; the first row is kept`, {
            field: codeField,
            value: code,
            candidates: [String(prev)],
          }),
        );
        continue;
      }
      seen.set(code, rec.row);
      for (const d of [start, end]) if (d && d <= today && (latest === null || d > latest)) latest = d;
      accepted.push({
        h,
        row: { code, name: v.hromada || v.name || '', status: listed, listed, start, end },
      });
    }
    result.listDate = given ?? latest;
    result.listDateGiven = given !== null;
    for (const { h, row } of accepted) {
      if (row.end && row.end <= reference) {
        row.status = endedStatus(row.listed);
        result.ended++;
      }
      result.status[h] = TERRITORY_STATUSES.indexOf(row.status);
      result.rows.push(row);
    }
    result.notListed = n - accepted.length;
    result.counts = territoryCounts(result.status);
    return result;
  } catch (e) {
    return fail({
      code: 'not_csv_or_geojson',
      detail: `${fileName} could not be read: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
}

/**
 * Status per hromada from saved rows (a scenario's territory list): rows are matched by code; codes not in the table
 * are skipped and counted; hromadas not named get none.
 */
export function statusFromRows(
  rows: readonly Pick<TerritoryRow, 'code' | 'status'>[],
  hromadas: Pick<HromadaTable, 'count' | 'codes'>,
): { status: Uint8Array; missing: number } {
  const byCode = new Map<string, number>();
  hromadas.codes.forEach((c, i) => byCode.set(c, i));
  const status = new Uint8Array(hromadas.count);
  let missing = 0;
  for (const r of rows) {
    const h = byCode.get(r.code);
    const k = TERRITORY_STATUSES.indexOf(r.status);
    if (h === undefined || k < 0) missing++;
    else status[h] = k;
  }
  return { status, missing };
}

/** A copy of the table with `status` replaced (other columns shared). */
export function withStatus(hromadas: HromadaTable, status: Uint8Array): HromadaTable {
  if (status.length !== hromadas.count) {
    throw new Error(`status has ${status.length} entries for ${hromadas.count} hromadas`);
  }
  return { ...hromadas, status };
}

/** One-line English summary of an imported list, for the CLI and ATTRIBUTION.txt. */
export function territorySummary(t: TerritoryImport): string {
  const c = t.counts;
  return (
    `territory list "${t.listName}"${t.listDate ? ` of ${t.listDate}${t.listDateGiven ? '' : ' (latest date in the list)'}` : ' (no date)'}: ` +
    `${t.rows.length} hromadas listed, ${t.rejected.length} rows rejected; ` +
    `${c.occupied + c.occupied_before_2022} occupied (${c.occupied_before_2022} before 2022), ${c.hostilities} hostilities, ${c.deoccupied} deoccupied; ` +
    `${t.notListed} hromadas not in the list get "none"` +
    (t.ended > 0 ? `; ${t.ended} statuses ended by ${t.referenceDate} (occupation → deoccupied, hostilities → none)` : '')
  );
}
