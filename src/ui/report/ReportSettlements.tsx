/**
 * The report's settlement tables: located settlements and cities with their time per service (the panel's rules:
 * a city's median, a point's own time, both capped), then those without a point with the time range of the
 * hromada's territory per service. Long lists print as blocks of side-by-side columns, each block kept on one page
 * with its own header row.
 */
import { DERIVATIONS, SERVICES, isAssumedFacility, type Facility, type Service } from '../../engine/types';
import { fmtInt } from '../../i18n';
import { cappedStat, cappedTime, timeRange } from '../../i18n/format';
import { placeName } from '../../i18n/place-name';
import type { PlaceLine } from '../../state/summary';
import { useI18n } from '../i18n-context';
import { chunk, type ReportData } from './report-data';

/** Rows per printed column, and columns side by side once a list is longer than one column. */
const PER_COLUMN = 24;
const COLUMNS = 2;

function Head() {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        <th scope="col">{t('report_colName')}</th>
        <th scope="col" className="num">
          {t('report_colPeople')}
        </th>
        <th scope="col" className="num">
          {t('report_colFire')}
        </th>
        <th scope="col" className="num">
          {t('report_colPolice')}
        </th>
      </tr>
    </thead>
  );
}

/** Columns of a list: one when it is short, else blocks of COLUMNS tables of at most PER_COLUMN rows. */
function Blocks<T>({
  rows,
  render,
  testid,
}: {
  rows: readonly T[];
  render: (r: T, k: number) => React.ReactNode;
  testid: string;
}) {
  const blocks = chunk(rows, PER_COLUMN * COLUMNS);
  return (
    <div data-testid={testid}>
      {blocks.map((b, k) => {
        const cols = rows.length <= PER_COLUMN ? [b] : chunk(b, Math.ceil(b.length / COLUMNS));
        return (
          <div key={k} className={cols.length > 1 ? 'report-block report-cols' : 'report-block'}>
            {cols.map((c, j) => (
              <table key={j} className="report-settlements">
                <Head />
                <tbody>{c.map((r, i) => render(r, k * PER_COLUMN * COLUMNS + j * 1000 + i))}</tbody>
              </table>
            ))}
          </div>
        );
      })}
    </div>
  );
}

export function ReportSettlements({ data, facilities }: { data: ReportData; facilities: readonly Facility[] }) {
  const { t, lang } = useI18n();
  const cell = (l: PlaceLine, s: Service) => {
    const cap = data.figures[s].cap;
    const c = l.city >= 0 ? cappedStat(t, lang, l.minutes, cap, 'median') : cappedTime(t, lang, l.minutes, cap);
    // the time's basis: "°" when the unit reaching the place first is an assumed (illustrative) one
    const f = l.minutes <= cap ? facilities[l.facility] : undefined;
    const assumed = !!f && isAssumedFacility(f);
    return (
      <td
        key={s}
        className={l.beyondPeople > 0 ? 'num beyond' : 'num'}
        data-service={s}
        data-value={String(l.minutes)}
        data-basis={f ? (assumed ? 'assumed' : 'sourced') : ''}
        title={assumed ? t('basis_assumed') : undefined}
      >
        {c.text}
        {assumed ? '°' : ''}
      </td>
    );
  };
  const ranges = Object.fromEntries(
    SERVICES.map((s) => [
      s,
      timeRange(t, lang, data.figures[s].rangeMin, data.figures[s].rangeMax, data.figures[s].cap),
    ]),
  ) as Record<Service, string>;
  return (
    <section className="report-places" aria-labelledby="report-places-title">
      <h2 id="report-places-title">{t('report_settlementsTitle')}</h2>
      {data.rows.length > 0 && (
        <>
          <h3>{t('report_located', { n: fmtInt(lang, data.rows.length) })}</h3>
          <Blocks
            testid="report-located"
            rows={data.rows}
            render={(r) => (
              <tr key={r.key} data-testid="report-place" data-name={r.name}>
                <td>{placeName(r.name, lang)}</td>
                <td className="num" title={t(`derivation_${DERIVATIONS[r.derivation] ?? 'official'}`)}>
                  {fmtInt(lang, r.population)}
                  {DERIVATIONS[r.derivation] === 'estimated_share' ? '*' : ''}
                </td>
                {SERVICES.map((s) => cell(r.lines[s], s))}
              </tr>
            )}
          />
        </>
      )}
      {data.unlocated.length > 0 && (
        <>
          <h3>{t('report_unlocatedTitle', { n: fmtInt(lang, data.unlocated.length) })}</h3>
          <Blocks
            testid="report-unlocated"
            rows={data.unlocated}
            render={(u, k) => (
              <tr key={k} data-testid="report-unlocated-row">
                <td>{placeName(u.name, lang)}</td>
                <td className="num">≈{fmtInt(lang, u.people)}</td>
                {SERVICES.map((s) => (
                  <td
                    key={s}
                    className={u.verdict[s] === 'beyond' ? 'num range beyond' : 'num range'}
                    data-service={s}
                    data-verdict={u.verdict[s]}
                  >
                    {ranges[s] ? ranges[s].replace(` ${t('minutes')}`, '') : '—'}
                  </td>
                ))}
              </tr>
            )}
          />
        </>
      )}
      <p className="small muted">{t('report_legendRows')}</p>
    </section>
  );
}
