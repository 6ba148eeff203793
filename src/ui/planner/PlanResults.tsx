import { useMemo, useState } from 'react';
import { toPlannedFacilities } from '../../engine/optimize';
import type { Facility } from '../../engine/types';
import { fmtInt, fmtMin, fmtPct } from '../../i18n';
import type { MapData } from '../../map/map-data';
import { useI18n } from '../i18n-context';
import { CoverageCurve } from './CoverageCurve';
import { planSitesCsv, planSitesGeoJson, type PlanExportMeta } from './plan-export';
import { downloadText } from '../download';
import type { PlanRun } from './planner-ui';

/**
 * One optimizer run: summary, caveats when inputs are estimated, ranked sites, the coverage curve, downloads and
 * "add to the scenario as planned stations".
 */
export function PlanResults({
  run,
  data,
  attribution,
  onAddPlanned,
  onCountPlanned,
  onClear,
}: {
  run: PlanRun;
  data: MapData;
  /** Source lines (bundled sources and the user's files). */
  attribution: readonly string[];
  onAddPlanned: (facilities: Facility[]) => void;
  /** Turns on "include planned" (absent when it is on already). */
  onCountPlanned?: (() => void) | undefined;
  onClear: () => void;
}) {
  const { t, lang } = useI18n();
  const [added, setAdded] = useState<number | null>(null);
  const r = run.response.result;
  const req = run.request;
  const est = run.response.estimatedInputs;
  const codeIndex = useMemo(() => new Map(data.hromadas.codes.map((c, i) => [c, i])), [data]);
  const hromadaName = (code: string | null): string => {
    const i = code === null ? undefined : codeIndex.get(code);
    if (i === undefined) return '';
    return lang === 'en' && data.hromadas.namesEn[i] ? data.hromadas.namesEn[i]! : data.hromadas.names[i]!;
  };
  const scopeText =
    req.scope.kind === 'country'
      ? 'country'
      : req.scope.kind === 'hromada'
        ? `hromada: ${req.scope.codes.join(',')}`
        : `${req.scope.kind}: ${req.scope.name}`;
  const meta = (): PlanExportMeta => ({
    type: req.type,
    scope: scopeText,
    estimatedInputs: est,
    attribution: [...attribution],
    hromadaName,
  });
  const fileBase = `plan-${req.objective}-${req.scope.kind === 'country' ? 'country' : req.scope.kind}`;
  const pmedian = r.objective === 'p-median';
  return (
    <section
      className="plan-results"
      aria-labelledby="plan-results-title"
      data-testid="plan-results"
      data-sites={r.sites.length}
      data-curve-points={r.curve.length}
    >
      <h3 id="plan-results-title">{t('plan_resultsTitle')}</h3>
      {pmedian ? (
        <p className="summary">
          {t('plan_summaryMean', {
            before: fmtMin(lang, r.scope.meanCostBefore),
            after: fmtMin(lang, r.scope.meanCostAfter),
          })}
        </p>
      ) : (
        <p className="summary" data-testid="plan-summary">
          {t('plan_summaryCoverage', {
            people: fmtInt(lang, r.scope.coveredAfter - r.scope.coveredBefore),
            before: fmtPct(lang, r.scope.weight > 0 ? r.scope.coveredBefore / r.scope.weight : NaN),
            after: fmtPct(lang, r.scope.weight > 0 ? r.scope.coveredAfter / r.scope.weight : NaN),
          })}
        </p>
      )}
      {r.targetShare && (
        <p className="muted small">
          {t('plan_summaryTarget', {
            asked: fmtPct(lang, r.targetShare.asked),
            used: fmtPct(lang, r.targetShare.used),
            reached: fmtPct(lang, r.targetShare.reached),
          })}
        </p>
      )}
      <p className="muted small">
        {t('plan_status', { method: t(`plan_method_${r.method}`), status: r.status, ms: fmtInt(lang, run.elapsedMs) })}
        {r.gap !== null && `; ${t('plan_gap', { gap: fmtPct(lang, r.gap) })}`}
      </p>
      {est.length > 0 && (
        <div className="plan-estimated" role="note" data-testid="plan-estimated">
          <p>{t('plan_estimatedNote')}</p>
          <ul>
            {est.map((e) => (
              <li key={e}>{t(`plan_est_${e}`)}</li>
            ))}
          </ul>
        </div>
      )}
      {r.sites.length === 0 ? (
        <p>{t('plan_noSites')}</p>
      ) : (
        <ol className="plan-sites" data-testid="plan-sites" data-count={r.sites.length}>
          {r.sites.map((s) => (
            <li key={s.rank} data-estimated={s.estimated ? '1' : '0'}>
              <strong>{s.name || s.id}</strong>
              {s.estimated && <span className="est-badge"> ({t('plan_estimatedMark')})</span>}
              <span className="muted">
                {' '}
                · {hromadaName(s.hromadaCode)} · {t(`type_${req.type}`)}
              </span>
              <br />
              {pmedian ? (
                <span>{t('plan_siteMean', { min: fmtMin(lang, s.cumulativeMeanCost) })}</span>
              ) : (
                <span>
                  {t('plan_siteAdds', { people: fmtInt(lang, s.marginal) })} ·{' '}
                  {t('plan_siteCum', { share: fmtPct(lang, s.cumulativeShare) })}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {r.curve.length > 1 && <CoverageCurve curve={r.curve} />}
      <div className="plan-row wrap">
        <button
          type="button"
          data-testid="plan-csv"
          onClick={() => downloadText(planSitesCsv(r, meta()), `${fileBase}.csv`, 'text/csv')}
        >
          {t('plan_exportCsv')}
        </button>
        <button
          type="button"
          data-testid="plan-geojson"
          onClick={() => downloadText(planSitesGeoJson(r, meta()), `${fileBase}.geojson`, 'application/geo+json')}
        >
          {t('plan_exportGeojson')}
        </button>
        <button
          type="button"
          data-testid="plan-add-scenario"
          disabled={r.sites.length === 0 || added !== null}
          onClick={() => {
            const list = toPlannedFacilities(r, req.type);
            onAddPlanned(list);
            setAdded(list.length);
          }}
        >
          {t('plan_addToScenario')}
        </button>
        <button type="button" onClick={onClear}>
          {t('plan_clear')}
        </button>
      </div>
      {added !== null && (
        <p role="status" className="small">
          {t('plan_added', { n: added })} {onCountPlanned && t('plan_plannedHint')}{' '}
          {onCountPlanned && (
            <button type="button" onClick={onCountPlanned}>
              {t('plan_countPlanned')}
            </button>
          )}
        </p>
      )}
      {r.notes.length > 0 && (
        <details className="small">
          <summary>{t('plan_notes')}</summary>
          <ul lang="en">
            {r.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
