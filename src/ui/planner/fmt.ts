/** Numbers of the planner's new fields: million UAH and availabilities, up to two decimals in the locale. */
import { locale, type Lang } from '../../i18n';

/**
 * @example fmt2('uk', 2.65) // '2,65'; fmt2('en', 0.85) // '0.85'; fmt2('en', NaN) // '—'
 */
export function fmt2(lang: Lang, v: number): string {
  if (!Number.isFinite(v)) return '—';
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 2 }).format(v);
}
