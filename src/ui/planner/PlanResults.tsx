import { useMemo, useState } from 'react';
import type { ClosureRow, PlanResult } from '../../engine/optimize';
import { fmtInt, fmtMin, fmtPct } from '../../i18n';
import { placeName } from '../../i18n/place-name';
import { facilityName } from '../../i18n/facility-name';
import type { FacilityEdit } from '../../io/scenario';
import type { MapData } from '../../map/map-data';
import { closureClass, closureColor, CLOSURE_COLORS } from '../../map/layers/closure-colors';
import { useI18n } from '../i18n-context';
import { fmt2 } from './fmt';
import { CoverageCurve } from './CoverageCurve';
import { closuresCsv, closuresGeoJson, movesCsv, planSitesCsv, planSitesGeoJson, type PlanExportMeta } from './plan-export';
import { planEdits } from './plan-scenario';
import { notesWithoutRoad, roadNoteLine, roadNoteOf } from './road-note-text';
import { downloadText } from '../download';
import type { PlanRun } from './planner-ui';

const FIRST_ROWS = 20;

const css = (c: readonly number[]) => `rgb(${c.slice(0, 3).join(',')})`;

/** The closure ranking: each unit with the people who would fall outside the norm and the expected loss. */
function ClosuresList({ rows, hromadaName }: { rows: readonly ClosureRow[]; hromadaName: (code: string | null) => string }) {
  const { t, lang } = useI18n();
  const [all, setAll] = useState(false);
  const max = rows.reduce((m, r) => Math.max(m, r.loss), 0);
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <>
      <ol className="plan-sites" data-testid="plan-closures" data-count={rows.length}>
        {shown.map((r) => (
          <li key={r.id} data-id={r.id} data-loss={r.loss} data-class={closureClass(r.loss, max)}>
            <span aria-hidden="true" style={{ color: css(closureColor(r.loss, max)) }}>
              ●
            </span>{' '}
            <strong>{r.name ? facilityName({ name: r.name, placement: r.id.startsWith('ill-') ? 'illustrative' : 'settlement' }, lang) : r.id}</strong>
            <span className="muted">
              {' '}
              · {hromadaName(r.hromadaCode)} · {t(`type_${r.type}`)}
            </span>
            <br />
            <span>{t('plan_closureLoss', { people: fmtInt(lang, r.loss), expected: fmtInt(lang, r.expectedLoss) })}</span>
          </li>
        ))}
      </ol>
      {rows.length > FIRST_ROWS && !all && (
        <button type="button" onClick={() => setAll(true)}>
          {t('plan_showAllRows', { n: rows.length })}
        </button>
      )}
      <p className="muted small">
        {CLOSURE_COLORS.slice(1).map((c, k) => (
          <span key={k} aria-hidden="true" style={{ color: css(c) }}>
            ●
          </span>
        ))}{' '}
        {t('plan_closuresMapNote')}
      </p>
    </>
  );
}

/** Headline of a count objective's run (backup, expected, budget, relocate) in its own measure. */
function measureSummary(r: PlanResult, t: ReturnType<typeof useI18n>['t'], lang: ReturnType<typeof useI18n>['lang']): string {
  const key = `plan_measure_${r.objective}` as const;
  const measure = key === 'plan_measure_backup-coverage' || key === 'plan_measure_expected-coverage' || key === 'plan_measure_budget' || key === 'plan_measure_relocate' ? t(key) : '';
  return `${measure}: ${t('plan_summaryMeasure', {
    people: fmtInt(lang, r.scope.coveredAfter - r.scope.coveredBefore),
    before: fmtPct(lang, r.scope.weight > 0 ? r.scope.coveredBefore / r.scope.weight : NaN),
    after: fmtPct(lang, r.scope.weight > 0 ? r.scope.coveredAfter / r.scope.weight : NaN),
  })}`;
}

/**
 * One optimizer run: summary, caveats when inputs are estimated, ranked sites (with cost and people per million UAH
 * for a budget, the unit moved for a relocation), the moves, a closure ranking, the coverage curve, downloads and
 * "add to the scenario" (planned stations of their types, or move edits).
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
  onAddPlanned: (edits: FacilityEdit[]) => void;
  /** Turns on "include planned" (absent when it is on already). */
  onCountPlanned?: (() => void) | undefined;
  onClear: () => void;
}) {
  const { t, lang } = useI18n();
  const [added, setAdded] = useState<{ n: number; moves: boolean } | null>(null);
  const r = run.response.result;
  const req = run.request;
  const est = run.response.estimatedInputs;
  const closures = run.response.closures ?? null;
  const codeIndex = useMemo(() => new Map(data.hromadas.codes.map((c, i) => [c, i])), [data]);
  const hromadaName = (code: string | null): string => {
    const i = code === null ? undefined : codeIndex.get(code);
    if (i === undefined) return '';
    return placeName(data.hromadas.names[i]!, lang);
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
  const classic = r.objective === 'coverage' || r.objective === 'min-facilities';
  const relocate = r.objective === 'relocate';
  const edits = planEdits(r, req.type);
  const roadNote = roadNoteOf(r.notes);
  const notes = notesWithoutRoad(r.notes);
  return (
    <section
      className="plan-results"
      aria-labelledby="plan-results-title"
      data-testid="plan-results"
      data-objective={r.objective}
      data-sites={r.sites.length}
      data-curve-points={r.curve.length}
    >
      <h3 id="plan-results-title">{t('plan_resultsTitle')}</h3>
      {closures ? (
        <p className="summary" data-testid="plan-summary">
          {t('plan_closuresSummary', { n: fmtInt(lang, closures.length), name: closures[0]?.name ?? '—', people: fmtInt(lang, closures[0]?.loss ?? 0) })}
        </p>
      ) : pmedian ? (
        <p className="summary">
          {t('plan_summaryMean', {
            before: fmtMin(lang, r.scope.meanCostBefore),
            after: fmtMin(lang, r.scope.meanCostAfter),
          })}
        </p>
      ) : classic ? (
        <p className="summary" data-testid="plan-summary">
          {t('plan_summaryCoverage', {
            people: fmtInt(lang, r.scope.coveredAfter - r.scope.coveredBefore),
            before: fmtPct(lang, r.scope.weight > 0 ? r.scope.coveredBefore / r.scope.weight : NaN),
            after: fmtPct(lang, r.scope.weight > 0 ? r.scope.coveredAfter / r.scope.weight : NaN),
          })}
        </p>
      ) : (
        <p className="summary" data-testid="plan-summary">
          {measureSummary(r, t, lang)}
        </p>
      )}
      {roadNote && (
        <p className="muted small" data-testid="plan-road-note">
          {roadNoteLine(t, lang, roadNote)}
        </p>
      )}
      <p className="muted small" data-testid="plan-result-assumes">
        {t(`plan_assume_${r.objective}`, { a: fmt2(lang, req.availability ?? NaN) })}
      </p>
      {r.budget && (
        <p className="small" data-testid="plan-budget-spent" data-spent={r.budget.spent} data-budget={r.budget.budget}>
          {t('plan_budgetSpent', { spent: fmt2(lang, r.budget.spent), budget: fmt2(lang, r.budget.budget) })}
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
        {r.gap !== null && !closures && `; ${t('plan_gap', { gap: fmtPct(lang, r.gap) })}`}
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
      {closures ? (
        <ClosuresList rows={closures} hromadaName={hromadaName} />
      ) : relocate ? (
        (r.moves ?? []).length === 0 ? (
          <p>{t('plan_noSites')}</p>
        ) : (
          <>
            <h4>{t('plan_movesTitle')}</h4>
            <ol className="plan-sites" data-testid="plan-moves" data-count={r.moves!.length}>
              {r.moves!.map((m) => (
                <li key={m.rank} data-from={m.fromId} data-to={m.toId} data-gain={m.gain}>
                  <strong>{t('plan_move_line', { from: m.fromName || m.fromId, to: m.toName || m.toId })}</strong>
                  <span className="muted"> · {hromadaName(m.toHromadaCode)}</span>
                  <br />
                  <span>{t('plan_moveGain', { people: fmtInt(lang, m.gain) })}</span>
                </li>
              ))}
            </ol>
          </>
        )
      ) : r.sites.length === 0 ? (
        <p>{t('plan_noSites')}</p>
      ) : (
        <ol className="plan-sites" data-testid="plan-sites" data-count={r.sites.length}>
          {r.sites.map((s) => (
            <li key={s.rank} data-estimated={s.estimated ? '1' : '0'} data-type={s.type ?? req.type}>
              <strong>{s.name ? placeName(s.name, lang) : s.id}</strong>
              {s.estimated && <span className="est-badge"> ({t('plan_estimatedMark')})</span>}
              <span className="muted">
                {' '}
                · {hromadaName(s.hromadaCode)} · {t(`type_${s.type ?? req.type}`)}
              </span>
              <br />
              {pmedian ? (
                <span>{t('plan_siteMean', { min: fmtMin(lang, s.cumulativeMeanCost) })}</span>
              ) : (
                <span>
                  {t('plan_siteAdds', { people: fmtInt(lang, s.marginal) })} ·{' '}
                  {t('plan_siteCum', { share: fmtPct(lang, s.cumulativeShare) })}
                  {s.cost !== undefined && (
                    <>
                      {' '}
                      · {t('plan_sitePerCost', { cost: fmt2(lang, s.cost), per: fmtInt(lang, s.perCost ?? NaN) })}
                    </>
                  )}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {!closures && r.curve.length > 1 && <CoverageCurve curve={r.curve} />}
      <div className="plan-row wrap">
        {closures ? (
          <>
            <button
              type="button"
              data-testid="plan-csv"
              onClick={() => downloadText(closuresCsv(closures, r, meta()), `${fileBase}.csv`, 'text/csv')}
            >
              {t('plan_exportClosuresCsv')}
            </button>
            <button
              type="button"
              data-testid="plan-geojson"
              onClick={() => downloadText(closuresGeoJson(closures, r, meta(), closureColor), `${fileBase}.geojson`, 'application/geo+json')}
            >
              {t('plan_exportClosuresGeojson')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              data-testid="plan-csv"
              onClick={() => downloadText(relocate ? movesCsv(r, meta()) : planSitesCsv(r, meta()), `${fileBase}.csv`, 'text/csv')}
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
              disabled={edits.length === 0 || added !== null}
              onClick={() => {
                onAddPlanned(edits);
                setAdded({ n: edits.length, moves: relocate });
              }}
            >
              {t(relocate ? 'plan_addMoves' : 'plan_addToScenario')}
            </button>
          </>
        )}
        <button type="button" onClick={onClear}>
          {t('plan_clear')}
        </button>
      </div>
      {added !== null && (
        <p role="status" className="small">
          {added.moves ? (
            t('plan_addedMoves', { n: added.n })
          ) : (
            <>
              {t('plan_added', { n: added.n })} {onCountPlanned && t('plan_plannedHint')}{' '}
              {onCountPlanned && (
                <button type="button" onClick={onCountPlanned}>
                  {t('plan_countPlanned')}
                </button>
              )}
            </>
          )}
        </p>
      )}
      {(notes.length > 0 || (r.assumptions?.length ?? 0) > 0) && (
        <details className="small">
          <summary>{t('plan_notes')}</summary>
          <ul lang="en">
            {[...(r.assumptions ?? []), ...notes].map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
