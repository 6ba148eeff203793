/**
 * The report's place in the URL: `#report=KATOTTG` (with `lang` and, from the page, its parameters and link edits)
 * opens the printable community report instead of the map. Pure hash helpers and the hook App switches on.
 */
import { useEffect, useState } from 'react';

/** KATOTTG or an imported boundary's own code, as the page accepts for `h=` (src/state/url.ts). */
const CODE = /^[\p{L}\p{N}._-]{1,64}$/u;

/** The hromada code of a `#report=…` hash, or null when the hash asks for no report (or names no valid code). */
export function reportCodeOf(hash: string): string | null {
  const c = new URLSearchParams(hash.replace(/^#/, '')).get('report');
  return c && CODE.test(c) ? c : null;
}

/**
 * The report's hash for hromada `code` opened from the page whose hash is `pageHash`: the page's parameters, service
 * and link edits are kept (the report computes with them), the view and selection are dropped, `lang` is set.
 * @example reportHash('#map=6/49/31&h=UA1&s=fire&fu=15', 'UA1', 'en') // '#report=UA1&s=fire&fu=15&lang=en'
 */
export function reportHash(pageHash: string, code: string, lang: 'uk' | 'en'): string {
  const q = new URLSearchParams(pageHash.replace(/^#/, ''));
  for (const k of ['map', 'h', 'report', 'lang']) q.delete(k);
  const rest = q.toString();
  return `#report=${encodeURIComponent(code)}${rest ? `&${rest}` : ''}${lang === 'uk' ? '' : '&lang=en'}`;
}

/** The map page's hash for the report's hash: the same parameters, with the hromada selected. */
export function mapHashOf(report: string): string {
  const q = new URLSearchParams(report.replace(/^#/, ''));
  const code = q.get('report');
  q.delete('report');
  const rest = q.toString();
  return `#${code ? `h=${encodeURIComponent(code)}` : ''}${code && rest ? '&' : ''}${rest}`;
}

/** The report's hromada code while the hash asks for a report (follows hashchange), else null. */
export function useReportRoute(): string | null {
  const [code, setCode] = useState(() => reportCodeOf(window.location.hash));
  useEffect(() => {
    const on = () => setCode(reportCodeOf(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return code;
}
