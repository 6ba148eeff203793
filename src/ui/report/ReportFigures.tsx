/**
 * The report's headline figures per service (the community panel's statistics, formatted by the same functions) and
 * what they rest on: the panel's summary and assumed-unit sentences, the first-due units with their basis, and the
 * help from other hromadas.
 */
import { SERVICES, type Service } from '../../engine/types';
import { fmtInt, fmtPct, type StringKey } from '../../i18n';
import { facilityName } from '../../i18n/facility-name';
import { cappedStat, cappedTime, fmtShare, plural, timeRange } from '../../i18n/format';
import { placeName } from '../../i18n/place-name';
import type { HromadaTable, ModelParams } from '../../engine/types';
import { hromadaWords, type PlaceLine, type UnlocatedLine } from '../../state/summary';
import { facilityBasis } from '../CommunityPanel';
import { assumedSentence, summarySentences } from '../community-summary';
import { FacilitySymbol } from '../FacilitySymbol';
import { useI18n } from '../i18n-context';
import type { ReportData, ServiceFigures } from './report-data';
import { reportModelText, type ReportModel } from './report-model';

type Row = [StringKey, (f: ServiceFigures) => number, (v: number, f: ServiceFigures) => string, string?];

export function ReportFigures({ data, params, model }: { data: ReportData; params: ModelParams; model: ReportModel }) {
  const { t, lang } = useI18n();
  const time = (v: number, f: ServiceFigures, what: 'median' | 'p90' | 'max') =>
    what === 'max' ? cappedTime(t, lang, v, f.cap, true).text : cappedStat(t, lang, v, f.cap, what, true).text;
  const rows: Row[] = [
    ['shareCovered', (f) => f.share, (v) => fmtPct(lang, v)],
    ['medianTime', (f) => f.medianMin, (v, f) => time(v, f, 'median')],
    ['p90Time', (f) => f.p90Min, (v, f) => time(v, f, 'p90')],
    ['worstTime', (f) => f.maxMin, (v, f) => time(v, f, 'max')],
    ['secondShare', (f) => f.secondShare, (v) => fmtPct(lang, v)],
    ['expectedShare', (f) => f.expectedShare, (v) => fmtPct(lang, v)],
    ['outsidePopulation', (f) => f.outsidePopulation, (v) => fmtInt(lang, v)],
    ['settlementsOutside', (f) => f.settlementsOutside, (v) => fmtInt(lang, v)],
    ['statAssumedShare', (f) => f.assumedShare, (v) => fmtShare(lang, v)],
    ['statEstimatedShare', (f) => f.estimatedShare, (v) => fmtShare(lang, v)],
  ];
  return (
    <section className="report-figures" aria-labelledby="report-figures-title">
      <h2 id="report-figures-title">{t('report_figuresTitle')}</h2>
      <table className="report-stats" data-testid="report-stats">
        <thead>
          <tr>
            <td />
            {SERVICES.map((s) => (
              <th key={s} scope="col">
                {t(`service_${s}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, get, fmt]) => (
            <tr key={key}>
              <th scope="row">{t(key)}</th>
              {SERVICES.map((s) => {
                const f = data.figures[s];
                const v = get(f);
                return (
                  <td key={s} className="num" data-stat={`${key}-${s}`} data-value={String(v)}>
                    {fmt(v, f)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small muted">
        {t('report_norms', {
          fu: fmtInt(lang, params.normMin.fire.urban),
          fr: fmtInt(lang, params.normMin.fire.rural),
          pu: fmtInt(lang, params.normMin.police.urban),
          pr: fmtInt(lang, params.normMin.police.rural),
        })}{' '}
        <span data-testid="report-travel-model" data-model={model.type}>
          {reportModelText(t, lang, model, params)}
        </span>
      </p>
    </section>
  );
}

/** The panel's sentences for one service (summary, then what "within the norm" rests on). */
export function serviceSentences(
  t: ReturnType<typeof useI18n>['t'],
  lang: ReturnType<typeof useI18n>['lang'],
  data: ReportData,
  service: Service,
  params: ModelParams,
): { summary: string; assumed: string } {
  const f = data.figures[service];
  const lines: PlaceLine[] = data.rows.map((r) => r.lines[service]);
  const ulines: UnlocatedLine[] = data.unlocated.map((u) => ({
    name: u.name,
    urban: false,
    people: u.people,
    verdict: u.verdict[service],
  }));
  const words = hromadaWords(lines, ulines, f.basis.spreadBeyond, params, service, f.noFacility);
  const range = timeRange(t, lang, f.rangeMin, f.rangeMax, f.cap);
  const summary = summarySentences(t, lang, words, service, range).join(' ');
  const assumed = f.noFacility ? '' : assumedSentence(t, lang, f.basis, params.countAssumed);
  return { summary, assumed };
}

export function ReportBasis({
  data,
  params,
  hromadas,
}: {
  data: ReportData;
  params: ModelParams;
  hromadas: HromadaTable;
}) {
  const { t, lang } = useI18n();
  return (
    <section className="report-basis" aria-labelledby="report-basis-title">
      <h2 id="report-basis-title">{t('report_basisTitle')}</h2>
      <div className="report-two">
        {SERVICES.map((s) => {
          const f = data.figures[s];
          const { summary, assumed } = serviceSentences(t, lang, data, s, params);
          return (
            <div key={s} className="report-service" data-service={s}>
              <h3>{t('report_firstDue', { service: t(`service_${s}`) })}</h3>
              <p className="small" data-testid={`report-summary-${s}`}>
                {summary}
              </p>
              {assumed && (
                <p className="small basis-note" data-testid={`report-assumed-${s}`}>
                  {assumed}
                </p>
              )}
              {f.basis.firstDue.length === 0 ? (
                <p className="small muted">{t('report_firstDueNone', { cap: fmtInt(lang, f.cap) })}</p>
              ) : (
                <ul className="report-units small" data-testid={`report-first-due-${s}`}>
                  {f.basis.firstDue.slice(0, 6).map((e) => {
                    const b = facilityBasis(e.facility);
                    return (
                      <li key={e.facility.id} data-basis={b}>
                        <FacilitySymbol
                          type={e.facility.type}
                          hollow={b === 'assumed' || e.facility.status === 'planned'}
                          size={12}
                        />{' '}
                        {facilityName(e.facility, lang)}{' '}
                        <span className={`basis-tag basis-${b}`}>{t(`basis_${b}`)}</span>{' '}
                        <span className="muted">
                          · {plural(t, lang, 'nPeople', e.people)} ({fmtShare(lang, e.people / f.basis.population)})
                        </span>
                      </li>
                    );
                  })}
                </ul>
              )}
              {f.across.length > 0 && (
                <p className="small" data-testid={`report-across-${s}`}>
                  <strong>{t('report_across')}:</strong>{' '}
                  {f.across
                    .slice(0, 4)
                    .map((a) =>
                      a.hromada >= 0
                        ? t('acrossFrom', {
                            people: plural(t, lang, 'nPeople', a.population),
                            name: placeName(hromadas.names[a.hromada]!, lang),
                          }) + (a.otherOblast ? ` (${placeName(hromadas.oblasts[a.hromada]!, lang)})` : '')
                        : t('acrossUnknown', { people: plural(t, lang, 'nPeople', a.population) }),
                    )
                    .join('; ')}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
