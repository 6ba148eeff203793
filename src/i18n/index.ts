/** Tiny typed i18n: `makeT(lang)(key, vars)` plus locale-aware number formatting. */
import { en, uk, type StringKey } from './strings';

export type { StringKey };
export type Lang = 'uk' | 'en';
export type TFunction = (key: StringKey, vars?: Record<string, string | number>) => string;

const TABLES: Record<Lang, Record<StringKey, string>> = { uk, en };

export function makeT(lang: Lang): TFunction {
  const table = TABLES[lang];
  return (key, vars) => {
    let s = table[key] ?? uk[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
}

/** Has key `k` in the table (for dynamic keys like `type_${t}`). */
export function isKey(k: string): k is StringKey {
  return k in uk;
}

export function locale(lang: Lang): string {
  return lang === 'uk' ? 'uk-UA' : 'en-GB';
}

const intFmt = new Map<Lang, Intl.NumberFormat>();
export function fmtInt(lang: Lang, n: number): string {
  if (!Number.isFinite(n)) return '—';
  let f = intFmt.get(lang);
  if (!f) intFmt.set(lang, (f = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 })));
  return f.format(Math.round(n));
}

export function fmtPct(lang: Lang, share: number): string {
  if (!Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: share > 0.995 && share < 1 ? 1 : 0 }).format(share);
}

export function fmtMin(lang: Lang, m: number): string {
  if (!Number.isFinite(m)) return '—';
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(m);
}
