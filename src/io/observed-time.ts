/**
 * Date-times of dispatch records: ISO 8601 (`2024-03-05T14:03`, seconds and a zone optional), the same with a space
 * (what the XLSX reader writes for a date-time cell), `dd.mm.yyyy hh:mm[:ss]` as Ukrainian spreadsheets type it, or
 * a time of day alone (`hh:mm[:ss]`). Pure.
 */

/** A parsed date-time: milliseconds on a local-time axis (no zone: read as UTC), and whether it had a date. */
export interface ParsedTime {
  ms: number;
  hasDate: boolean;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const UA = /^(\d{1,2})[./](\d{1,2})[./](\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function valid(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * Parse a dispatch or arrival time; null when it is not one of the accepted forms or not a real moment.
 * @example parseDispatchTime('05.03.2024 14:03') // { ms: Date.UTC(2024, 2, 5, 14, 3), hasDate: true }
 */
export function parseDispatchTime(raw: string): ParsedTime | null {
  const s = raw.trim();
  let m = ISO.exec(s);
  if (m) {
    const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((k) => Number(m![k] ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (!valid(y, mo, d, h, mi, sec)) return null;
    const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
    let ms = Date.UTC(y, mo - 1, d, h, mi, sec) + frac;
    const zone = m[8];
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
    }
    return { ms, hasDate: true };
  }
  m = UA.exec(s);
  if (m) {
    const [d, mo, y, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((k) => Number(m![k] ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (!valid(y, mo, d, h, mi, sec)) return null;
    return { ms: Date.UTC(y, mo - 1, d, h, mi, sec), hasDate: true };
  }
  m = TIME.exec(s);
  if (m) {
    const [h, mi, sec] = [1, 2, 3].map((k) => Number(m![k] ?? 0)) as [number, number, number];
    if (h > 23 || mi > 59 || sec > 59) return null;
    return { ms: ((h * 60 + mi) * 60 + sec) * 1000, hasDate: false };
  }
  return null;
}
