/**
 * Place names in the interface language: settlement, hromada, raion and oblast names are kept in Ukrainian in the
 * data and shown in Latin script in the English interface, by the official transliteration of the Cabinet of
 * Ministers (resolution No. 55 of 27.01.2010, src/i18n/translit.ts, the one the search uses). The Ukrainian name goes
 * in the element's title (placeTitle) so it shows on hover. Dates: dd.mm.yyyy in Ukrainian, ISO (2026-12-03) in
 * English.
 */
import type { Lang } from './index';
import { transliterate } from './translit';

const MAX_CACHED = 100_000;
const cache = new Map<string, string>();

/**
 * The name as shown in `lang`: unchanged in Ukrainian, transliterated (memoized) in English.
 * @example placeName('Ріпкинська', 'en') // 'Ripkynska'
 * @example placeName('Ріпкинська', 'uk') // 'Ріпкинська'
 */
export function placeName(name: string, lang: Lang): string {
  if (lang !== 'en' || name === '') return name;
  let s = cache.get(name);
  if (s === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    s = transliterate(name);
    cache.set(name, s);
  }
  return s;
}

/**
 * The hover title for a name shown by placeName: the Ukrainian name in English when it differs, else undefined (no
 * title), so `title={placeTitle(name, lang)}` adds nothing in Ukrainian.
 */
export function placeTitle(name: string, lang: Lang): string | undefined {
  return lang === 'en' && name !== '' && placeName(name, lang) !== name ? name : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A calendar date in `lang`: ISO `2026-12-03` in English, `03.12.2026` in Ukrainian. Takes a Date (its local date)
 * or an ISO date / date-time string (its first 10 characters); anything else is returned as given.
 */
export function fmtDate(lang: Lang, d: Date | string): string {
  let y: number, m: number, day: number;
  if (typeof d === 'string') {
    const x = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
    if (!x) return d;
    [y, m, day] = [Number(x[1]), Number(x[2]), Number(x[3])];
  } else {
    if (Number.isNaN(d.getTime())) return '';
    [y, m, day] = [d.getFullYear(), d.getMonth() + 1, d.getDate()];
  }
  const iso = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(day)}`;
  return lang === 'en' ? iso : `${pad(day)}.${pad(m)}.${String(y).padStart(4, '0')}`;
}

/**
 * A date and local time in `lang`: `2026-12-03 14:05` in English, `03.12.2026 14:05` in Ukrainian; an unreadable
 * date string is returned as given.
 */
export function fmtDateTime(lang: Lang, d: Date | string): string {
  const date = typeof d === 'string' ? new Date(d) : d;
  if (Number.isNaN(date.getTime())) return typeof d === 'string' ? d : '';
  return `${fmtDate(lang, date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
