/**
 * Locale-aware words and numbers for the panels, tooltips and the banner: plural forms (Intl.PluralRules for
 * Ukrainian and English), minutes with the reach cap ("понад 60 хв" / "beyond 60 min", "—" with a reason for a
 * median past the cap), time ranges of villages without a point. Pure: `t` and `lang` come in, strings go out.
 * Numbers: uk-UA (comma decimals, non-breaking space thousands) and en-GB, through Intl.NumberFormat.
 */
import { fmtInt, fmtMinutes, fmtPct, locale, type Lang, type StringKey, type TFunction } from './index';

export type PluralCategory = 'one' | 'few' | 'many' | 'other';

const rules = new Map<Lang, Intl.PluralRules>();

/**
 * Plural category of `n` in `lang` (uk: one / few / many / other; en: one / other).
 * @example pluralCategory('uk', 1) // 'one'; pluralCategory('uk', 3) // 'few'; pluralCategory('uk', 5) // 'many'
 */
export function pluralCategory(lang: Lang, n: number): PluralCategory {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(locale(lang))));
  const c = r.select(Math.abs(n));
  return c === 'one' || c === 'few' || c === 'many' ? c : 'other';
}

/** Base keys with `_one`, `_few`, `_many`, `_other` forms in src/i18n/strings.ts. */
export type PluralBase = StringKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;

/**
 * The plural form of `base` for `n`: `{n}` is `n` in the locale's integer format.
 * @example plural(t, 'uk', 'nPlacesLoc', 2) // 'у 2 населених пунктах'
 */
export function plural(t: TFunction, lang: Lang, base: PluralBase, n: number, vars: Record<string, string | number> = {}): string {
  const key = `${base}_${pluralCategory(lang, Math.round(n))}` as StringKey;
  return t(key, { n: fmtInt(lang, n), ...vars });
}

/** A time as shown beside the reach cap: its text, whether it is past the cap, and the reason shown on hover. */
export interface CappedTime {
  text: string;
  /** Minutes past the cap or not reached at all. */
  beyond: boolean;
  /** Why the figure reads as it does ('' when it is a plain time). */
  title: string;
}

/**
 * A response time under the reach cap, always one decimal: "12,3", "44,0" ("12.3 min" with `unit`); past the cap "понад 60 хв" / "beyond
 * 60 min"; Infinity "не досягається" / "not reached"; NaN "—".
 */
export function cappedTime(t: TFunction, lang: Lang, minutes: number, cap: number, unit = false): CappedTime {
  if (Number.isNaN(minutes)) return { text: '—', beyond: false, title: '' };
  if (!Number.isFinite(minutes)) return { text: t('notReached'), beyond: true, title: t('notReachedTitle') };
  if (minutes > cap) return { text: t('beyondCap', { cap: fmtInt(lang, cap) }), beyond: true, title: t('beyondCapTitle', { cap: fmtInt(lang, cap) }) };
  return { text: unit ? `${fmtMinutes(lang, minutes)} ${t('minutes')}` : fmtMinutes(lang, minutes), beyond: false, title: '' };
}

/**
 * A statistic over people (median, 90th percentile) under the reach cap: past the cap it is meaningless (most
 * people, or more than 10 %, are not reached), so it reads "—" with the reason; otherwise the time.
 * @param what 'median' or 'p90'
 */
export function cappedStat(t: TFunction, lang: Lang, minutes: number, cap: number, what: 'median' | 'p90', unit = false): CappedTime {
  if (Number.isNaN(minutes)) return { text: '—', beyond: false, title: '' };
  if (minutes > cap) {
    const key = what === 'median' ? 'medianBeyondCap' : 'p90BeyondCap';
    return { text: '—', beyond: true, title: t(key, { cap: fmtInt(lang, cap) }) };
  }
  return cappedTime(t, lang, minutes, cap, unit);
}

/**
 * The time range of a village without a point (over its hromada's spread cells), with the unit, in tenths as every
 * other time: "11,6–31,2 хв", "12,0 хв – понад 60 хв", "не досягається"; '' when there is no range.
 */
export function timeRange(t: TFunction, lang: Lang, min: number, max: number, cap: number): string {
  if (Number.isNaN(min) || Number.isNaN(max)) return '';
  if (!Number.isFinite(min)) return t('notReached');
  if (min > cap) return cappedTime(t, lang, min, cap).text;
  const lo = fmtMinutes(lang, min);
  if (max > cap) return `${lo} ${t('minutes')} – ${cappedTime(t, lang, max, cap).text}`;
  const hi = fmtMinutes(lang, max);
  return hi === lo ? `${lo} ${t('minutes')}` : `${lo}–${hi} ${t('minutes')}`;
}

/** A share as a percentage in the locale ("78 %" in uk, "78%" in en); "—" when undefined. The same rule as fmtPct. */
export function fmtShare(lang: Lang, share: number): string {
  return fmtPct(lang, share);
}

/** A list of names joined for the locale ("А, Б і В" / "A, B and C"). */
export function fmtList(lang: Lang, items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return new Intl.ListFormat(locale(lang), { style: 'long', type: 'conjunction' }).format(items);
}
