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

const pctFmt = new Map<string, Intl.NumberFormat>();
/**
 * A share as a percentage, one rule everywhere (panel, table, tooltip, banner): whole percent, one decimal below
 * 1 % and between 99.5 % and 100 %, so that a share that is not 0 or 100 % never reads as either ("<0,1 %",
 * ">99,9 %" at the extremes); "—" when undefined.
 * @example fmtPct('uk', 0.008) // '0,8 %'; fmtPct('en', 0.78) // '78%'
 */
export function fmtPct(lang: Lang, share: number): string {
  if (!Number.isFinite(share)) return '—';
  const digits = (share > 0 && share < 0.01) || (share > 0.995 && share < 1) ? 1 : 0;
  const key = `${lang}${digits}`;
  let f = pctFmt.get(key);
  if (!f) pctFmt.set(key, (f = new Intl.NumberFormat(locale(lang), { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits })));
  if (share > 0 && share < 0.001) return `<${f.format(0.001)}`;
  if (share > 0.999 && share < 1) return `>${f.format(0.999)}`;
  return f.format(share);
}

const tenthsFmt = new Map<Lang, Intl.NumberFormat>();
/**
 * Minutes of a response time, always with one decimal (the engine gives tenths): "44,0" / "44.0"; "—" when not
 * finite. Every time in the panel, table and tooltip goes through it (src/i18n/format.ts cappedTime, timeRange).
 */
export function fmtMinutes(lang: Lang, m: number): string {
  if (!Number.isFinite(m)) return '—';
  let f = tenthsFmt.get(lang);
  if (!f) tenthsFmt.set(lang, (f = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 })));
  return f.format(m);
}

export function fmtMin(lang: Lang, m: number): string {
  if (!Number.isFinite(m)) return '—';
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(m);
}
