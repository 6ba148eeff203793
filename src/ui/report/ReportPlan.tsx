/**
 * "What one, two or three more stations would do": the planner's optimizer (maximal coverage, heuristic, candidates =
 * the hromada's settlements) run through the coverage worker for 1, 2 and 3 new local fire teams in this hromada,
 * one run after another; each set of sites is named with the people each adds. "Calculating…" while it runs, the
 * error when it fails.
 */
import { useEffect, useState } from 'react';
import type { ProposedSite } from '../../engine/optimize';
import { fmtInt } from '../../i18n';
import { fmtShare, plural } from '../../i18n/format';
import { placeName } from '../../i18n/place-name';
import type { CoverageSource } from '../../state/coverage-source';
import type { OptimizeRequest, OptimizeResponse } from '../../worker/optimize-protocol';
import { useI18n } from '../i18n-context';

export const PLAN_COUNTS = [1, 2, 3] as const;

/** The request the report sends for `n` new local fire teams in hromada `code`. */
export function reportPlanRequest(code: string, n: number): OptimizeRequest {
  return {
    service: 'fire',
    type: 'local_fire_department',
    objective: 'coverage',
    newFacilities: n,
    targetShare: 1,
    method: 'heuristic',
    timeLimitSec: 10,
    scope: { kind: 'hromada', codes: [code] },
    candidates: 'settlements',
    includeOccupied: false,
  };
}

export type PlanState =
  | { type: 'running'; done: number; runs: OptimizeResponse[] }
  | { type: 'done'; runs: OptimizeResponse[] }
  | { type: 'error'; message: string; runs: OptimizeResponse[] }
  | { type: 'skipped' };

/** Runs the three plans once `ready` (the coverage is computed); state for the report and the map. */
export function useReportPlan(optimize: CoverageSource['optimize'] | null, code: string, occupied: boolean, ready: boolean): PlanState {
  const [state, setState] = useState<PlanState>({ type: 'running', done: 0, runs: [] });
  useEffect(() => {
    if (occupied) {
      setState({ type: 'skipped' });
      return;
    }
    if (!optimize || !ready) return;
    const ctrl = new AbortController();
    const html = document.documentElement;
    html.dataset.reportPlan = 'running';
    (async () => {
      const runs: OptimizeResponse[] = [];
      setState({ type: 'running', done: 0, runs });
      try {
        for (const n of PLAN_COUNTS) {
          runs.push(await optimize(reportPlanRequest(code, n), { signal: ctrl.signal }));
          setState({ type: 'running', done: runs.length, runs: [...runs] });
        }
        setState({ type: 'done', runs });
        html.dataset.reportPlan = 'done';
      } catch (e: unknown) {
        if (ctrl.signal.aborted) return;
        setState({ type: 'error', message: e instanceof Error ? e.message : String(e), runs });
        html.dataset.reportPlan = 'error';
      }
    })();
    return () => ctrl.abort();
  }, [optimize, code, occupied, ready]);
  return state;
}

/** The name of a proposed site (the settlement it stands at), in the page's script. */
function siteName(s: ProposedSite, lang: 'uk' | 'en'): string {
  return s.name ? placeName(s.name, lang) : `${s.lat.toFixed(4)}, ${s.lon.toFixed(4)}`;
}

export function ReportPlan({ plan }: { plan: PlanState }) {
  const { t, lang } = useI18n();
  const runs = plan.type === 'skipped' ? [] : plan.runs;
  const est = runs[0]?.estimatedInputs ?? [];
  return (
    <section className="report-plan" aria-labelledby="report-plan-title" data-testid="report-plan" data-state={plan.type}>
      <h2 id="report-plan-title">{t('report_planTitle')}</h2>
      {plan.type === 'skipped' ? (
        <p>{t('report_planOccupied')}</p>
      ) : (
        <>
          <p className="small muted">{t('report_planIntro')}</p>
          <ol className="report-plan-runs">
            {runs.map((r, k) => {
              const res = r.result;
              const w = res.scope.weight;
              const none = res.sites.length === 0 || res.improvement <= 0;
              return (
                <li key={k} data-testid="report-plan-run" data-n={k + 1} data-improvement={String(res.improvement)}>
                  <strong>{plural(t, lang, 'report_planN', k + 1)}:</strong>{' '}
                  {none ? (
                    t('report_planNone', { reason: res.scope.coveredBefore >= w ? t('report_planAllCovered') : t('report_planUnreachable') })
                  ) : (
                    <>
                      {res.sites
                        .map((s) => t('report_planSite', { name: siteName(s, lang), people: plural(t, lang, 'nPeople', s.marginal) }))
                        .join('; ')}
                      {' · '}
                      <span className="muted">
                        {t('report_planShare', { before: fmtShare(lang, w > 0 ? res.scope.coveredBefore / w : NaN), after: fmtShare(lang, w > 0 ? res.scope.coveredAfter / w : NaN) })}
                      </span>
                    </>
                  )}
                </li>
              );
            })}
          </ol>
          {plan.type === 'running' && (
            <p className="report-running" role="status" data-testid="report-plan-running">
              {t('report_planRunning', { n: fmtInt(lang, plan.done + 1) })}
            </p>
          )}
          {plan.type === 'error' && (
            <p className="report-error" role="alert" data-testid="report-plan-error">
              {t('plan_failed', { message: plan.message })}
            </p>
          )}
          {est.length > 0 && (
            <p className="small muted">
              {t('plan_estimatedNote')} {est.map((e) => t(`plan_est_${e}`)).join('; ')}.
            </p>
          )}
        </>
      )}
    </section>
  );
}
