/** The model check's tables: errors before and after the fit, and the errors by oblast (or the file's group). */
import type { CheckErrors, ErrorSummary } from '../../engine/calibrate';
import { fmtInt, fmtPct, locale, type Lang } from '../../i18n';
import { useI18n } from '../i18n-context';

const dec = new Map<Lang, Intl.NumberFormat>();
/** Minutes with one decimal in the page's language ("—" when not finite). */
export function fmt1(lang: Lang, x: number): string {
  if (!Number.isFinite(x)) return '—';
  let f = dec.get(lang);
  if (!f)
    dec.set(lang, (f = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 })));
  return f.format(x);
}

const ROWS = [
  ['check_pairs', 'n'],
  ['check_mae', 'mae'],
  ['check_medianAe', 'medianAe'],
  ['check_bias', 'bias'],
  ['check_medianRel', 'medianRelAe'],
] as const;

function cell(lang: Lang, key: (typeof ROWS)[number][1], e: ErrorSummary): string {
  if (key === 'n') return fmtInt(lang, e.n);
  if (key === 'medianRelAe') return fmtPct(lang, e.medianRelAe);
  return fmt1(lang, e[key]);
}

/** Overall errors, before and after; every figure carries its full value in data-value for tests. */
export function ErrorTable({ before, after }: { before: ErrorSummary; after: ErrorSummary }) {
  const { t, lang } = useI18n();
  return (
    <table className="check-errors" data-testid="check-errors">
      <thead>
        <tr>
          <th />
          <th scope="col">{t('check_before')}</th>
          <th scope="col">{t('check_after')}</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([label, key]) => (
          <tr key={key}>
            <th scope="row">{t(label)}</th>
            <td data-testid={`check-${key}-before`} data-value={before[key]}>
              {cell(lang, key, before)}
            </td>
            <td data-testid={`check-${key}-after`} data-value={after[key]}>
              {cell(lang, key, after)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Errors by group (oblast), before and after. */
export function GroupTable({
  before,
  after,
  kse,
  groupName,
}: {
  before: CheckErrors;
  after: CheckErrors;
  kse: boolean;
  groupName: (g: string) => string;
}) {
  const { t, lang } = useI18n();
  const afterBy = new Map(after.byGroup.map((g) => [g.group, g]));
  return (
    <table className="check-groups" data-testid="check-groups">
      <caption>{t(kse ? 'check_byGroup' : 'check_byGroupFile')}</caption>
      <thead>
        <tr>
          <th scope="col">{t(kse ? 'check_group' : 'check_groupFile')}</th>
          <th scope="col">{t('check_pairs')}</th>
          <th scope="col">{t('check_maeBefore')}</th>
          <th scope="col">{t('check_maeAfter')}</th>
          <th scope="col">{t('check_biasBefore')}</th>
          <th scope="col">{t('check_biasAfter')}</th>
        </tr>
      </thead>
      <tbody>
        {before.byGroup.map((g) => {
          const a = afterBy.get(g.group);
          return (
            <tr key={g.group} data-group={g.group}>
              <th scope="row">{g.group ? groupName(g.group) : t('check_noGroup')}</th>
              <td>{fmtInt(lang, g.n)}</td>
              <td data-value={g.mae}>{fmt1(lang, g.mae)}</td>
              <td data-value={a?.mae}>{fmt1(lang, a?.mae ?? NaN)}</td>
              <td>{fmt1(lang, g.bias)}</td>
              <td>{fmt1(lang, a?.bias ?? NaN)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
