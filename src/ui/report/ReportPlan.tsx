/**
 * "What one, two or three more stations would do": the planner's optimizer (maximal coverage, heuristic, candidates =
 * the hromada's settlements) run through the coverage worker for 1, 2 and 3 new local fire teams in this hromada,
 * one run after another; each set of sites is named with the people each adds. "Calculating…" while it runs, the
 * error when it fails.
 */
import { useEffect, useState } from 'react';
import type { Method, ProposedSite } from '../../engine/optimize';
import { fmtInt } from '../../i18n';
import { fmtShare, plural } from '../../i18n/format';
import { placeName } from '../../i18n/place-name';
import type { CoverageSource } from '../../state/coverage-source';
import type { OptimizeRequest, OptimizeResponse } from '../../worker/optimize-protocol';
import { useI18n } from '../i18n-context';
import { nearestPlace } from './report-data';

export const PLAN_COUNTS = [1, 2, 3] as const;

/**
 * The request the report sends for `n` new local fire teams in hromada `code`, the sites chosen among its located
 * settlements (`settlements`) or, when none of those helps, among the cell centres of its territory (`cells`).
 */
export function reportPlanRequest(
  code: string,
  n: number,
  candidates: 'settlements' | 'cells' = 'settlements',
  method: Method = 'exact',
): OptimizeRequest {
  return {
    service: 'fire',
    type: 'local_fire_department',
    objective: 'coverage',
    newFacilities: n,
    targetShare: 1,
    method,
    timeLimitSec: 10,
    scope: { kind: 'hromada', codes: [code] },
    candidates,
    includeOccupied: false,
  };
}

type Candidates = 'settlements' | 'cells';
export type PlanState =
  | { type: 'running'; done: number; runs: OptimizeResponse[]; candidates: Candidates }
  | { type: 'done'; runs: OptimizeResponse[]; candidates: Candidates }
  | { type: 'error'; message: string; runs: OptimizeResponse[]; candidates: Candidates }
  | { type: 'skipped' };

/** Runs the three plans once `ready` (the coverage is computed); state for the report and the map. */
export function useReportPlan(
  optimize: CoverageSource['optimize'] | null,
  code: string,
  occupied: boolean,
  ready: boolean,
): PlanState {
  const [state, setState] = useState<PlanState>({ type: 'running', done: 0, runs: [], candidates: 'settlements' });
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
      let candidates: Candidates = 'settlements';
      setState({ type: 'running', done: 0, runs, candidates });
      try {
        for (const n of PLAN_COUNTS) {
          // The exact method in the solver worker; the heuristic when it cannot run (e.g. HiGHS failed to load).
          const solve = async (c: Candidates) => {
            try {
              return await optimize(reportPlanRequest(code, n, c), { signal: ctrl.signal });
            } catch (e: unknown) {
              if (ctrl.signal.aborted) throw e;
              console.warn('report plan: the exact method failed, using the heuristic', e);
              return optimize(reportPlanRequest(code, n, c, 'heuristic'), { signal: ctrl.signal });
            }
          };
          let r = await solve(candidates);
          // No located settlement helps while people remain beyond the norm: plan over the cell centres instead.
          if (n === 1 && r.result.improvement <= 0 && r.result.scope.coveredBefore < r.result.scope.weight) {
            candidates = 'cells';
            r = await solve(candidates);
          }
          runs.push(r);
          setState({ type: 'running', done: runs.length, runs: [...runs], candidates });
        }
        setState({ type: 'done', runs, candidates });
        html.dataset.reportPlan = 'done';
      } catch (e: unknown) {
        if (ctrl.signal.aborted) return;
        setState({ type: 'error', message: e instanceof Error ? e.message : String(e), runs, candidates });
        html.dataset.reportPlan = 'error';
      }
    })();
    return () => ctrl.abort();
  }, [optimize, code, occupied, ready]);
  return state;
}

export function ReportPlan({
  plan,
  places,
}: {
  plan: PlanState;
  places: readonly { name: string; lon: number; lat: number }[];
}) {
  const { t, lang } = useI18n();
  // A settlement site by its own name; an estimated one (a cell centre) by the nearest located settlement.
  const siteName = (s: ProposedSite): string => {
    if (!s.estimated && s.name) return placeName(s.name, lang);
    const p = nearestPlace(places, s.lon, s.lat);
    if (!p) return `${s.lat.toFixed(3)}, ${s.lon.toFixed(3)}`;
    const name = placeName(p.name, lang);
    return p.km < 1
      ? t('report_planAt', { name })
      : t('report_planNear', { km: fmtInt(lang, p.km), dir: t(`report_dir_${p.dir}`), name });
  };
  const runs = plan.type === 'skipped' ? [] : plan.runs;
  const est = runs[0]?.estimatedInputs ?? [];
  return (
    <section
      className="report-plan"
      aria-labelledby="report-plan-title"
      data-testid="report-plan"
      data-state={plan.type}
    >
      <h2 id="report-plan-title">{t('report_planTitle')}</h2>
      {plan.type === 'skipped' ? (
        <p>{t('report_planOccupied')}</p>
      ) : (
        <>
          <p className="small muted">{t('report_planIntro')}</p>
          {plan.candidates === 'cells' && (
            <p className="small" data-testid="report-plan-cells">
              {t('report_planCells')}
            </p>
          )}
          <ol className="report-plan-runs">
            {runs.map((r, k) => {
              const res = r.result;
              const w = res.scope.weight;
              const none = res.sites.length === 0 || res.improvement <= 0;
              return (
                <li
                  key={k}
                  data-testid="report-plan-run"
                  data-n={k + 1}
                  data-improvement={String(res.improvement)}
                  data-method={res.method}
                >
                  <strong>{plural(t, lang, 'report_planN', k + 1)}:</strong>{' '}
                  {none ? (
                    t('report_planNone', {
                      reason: res.scope.coveredBefore >= w ? t('report_planAllCovered') : t('report_planUnreachable'),
                    })
                  ) : (
                    <>
                      {res.sites
                        .map((s) =>
                          t('report_planSite', { name: siteName(s), people: plural(t, lang, 'nPeople', s.marginal) }),
                        )
                        .join('; ')}
                      {' · '}
                      <span className="muted">
                        {t(res.method === 'exact' && res.gap === 0 ? 'report_planOptimal' : 'report_planHeuristic')}
                        {', '}
                        {t('report_planShare', {
                          before: fmtShare(lang, w > 0 ? res.scope.coveredBefore / w : NaN),
                          after: fmtShare(lang, w > 0 ? res.scope.coveredAfter / w : NaN),
                        })}
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
