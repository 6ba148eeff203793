/**
 * The plan CLI's outputs: sites.csv, curve.csv, sites.geojson, summary.json (and moves.csv, closures.csv,
 * rejected.csv), and the lines printed at the end of a run. A figure that does not exist (the mean cost before, with
 * no fixed facilities; a share of nothing) prints as "—", never NaN.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sitesGeoJSON, toPlannedFacilities } from '../engine/optimize';
import { writeRejected } from './inputs';
import type { PlanArgs } from './plan-args';
import { writeClosures, writeMoves } from './plan-objectives';
import type { PlanRun } from './plan-run';

const csvCell = (v: unknown): string => {
  const s =
    v === null || v === undefined
      ? ''
      : typeof v === 'number'
        ? Number.isFinite(v)
          ? String(Math.round(v * 1e6) / 1e6)
          : ''
        : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvLine = (cells: unknown[]): string => cells.map(csvCell).join(',');

/** Writes sites.csv, curve.csv, summary.json and sites.geojson; returns the summary object. */
export function writeOutputs(run: PlanRun, outDir: string, args?: PlanArgs): Record<string, unknown> {
  const { result, problem } = run;
  mkdirSync(outDir, { recursive: true });
  const illustrative = run.estimatedInputs.length > 0;
  const siteNote = (estimated: boolean, share: number): string => {
    const parts: string[] = [];
    if (estimated) parts.push('estimated location or mostly estimated population');
    else if (share > 0) parts.push(`${(share * 100).toFixed(1)}% of what it adds is estimated population`);
    if (illustrative) parts.push('inputs partly estimated/illustrative, see summary.json');
    return parts.length > 0 ? `illustrative: ${parts.join('; ')}` : '';
  };
  const sites = [
    csvLine([
      'rank',
      'id',
      'name',
      'hromada_code',
      'type',
      'lon',
      'lat',
      'marginal',
      'cumulative_covered',
      'cumulative_share',
      'cumulative_mean_cost',
      'estimated',
      'estimated_share',
      'note',
      ...(result.objective === 'budget' ? ['cost_muah', 'people_per_muah'] : []),
      ...(result.objective === 'relocate' ? ['moved_from_id', 'moved_from_name'] : []),
    ]),
    ...result.sites.map((s) =>
      csvLine([
        s.rank,
        s.id,
        s.name,
        s.hromadaCode ?? '',
        s.type ?? '',
        s.lon,
        s.lat,
        s.marginal,
        s.cumulativeCovered,
        s.cumulativeShare,
        s.cumulativeMeanCost,
        s.estimated || illustrative ? 1 : 0,
        s.estimatedShare,
        siteNote(s.estimated, s.estimatedShare),
        ...(result.objective === 'budget' ? [s.cost, s.perCost] : []),
        ...(result.objective === 'relocate' ? [s.movedFrom?.id ?? '', s.movedFrom?.name ?? ''] : []),
      ]),
    ),
  ];
  writeFileSync(join(outDir, 'sites.csv'), sites.join('\n') + '\n');
  const spent = result.objective === 'budget';
  const curve = [
    csvLine(['k', 'covered', 'share', 'mean_cost', ...(spent ? ['spent'] : [])]),
    ...result.curve.map((c) => csvLine([c.k, c.covered, c.share, c.meanCost, ...(spent ? [c.spent] : [])])),
  ];
  writeFileSync(join(outDir, 'curve.csv'), curve.join('\n') + '\n');
  // a foreign member (RFC 7946 §6.1) says which travel model timed the plan
  writeFileSync(join(outDir, 'sites.geojson'), JSON.stringify({ ...sitesGeoJSON(result), travelModel: run.travelModel.model }) + '\n');
  if (result.objective === 'relocate') writeMoves(result, outDir);
  if (run.closures) writeClosures(run.closures, outDir, run.travelModel.model);
  writeRejected(run.rejected, outDir);
  const summary = {
    objective: result.objective,
    travelModel: run.travelModel.model,
    measure: result.measure ?? 'population within the norm',
    assumptions: result.assumptions ?? [],
    budget: result.budget ?? null,
    moves: result.moves ? result.moves.length : null,
    coveredOnce: result.coveredOnce ?? null,
    closures: run.closures
      ? { ranked: run.closures.length, top: run.closures.slice(0, 20).map((r) => ({ id: r.id, name: r.name, type: r.type, loss: r.loss, expectedLoss: r.expectedLoss })) }
      : null,
    method: result.method,
    status: result.status,
    objectiveValue: result.objectiveValue,
    bound: result.bound,
    gap: result.gap,
    improvement: result.improvement,
    newFacilities: result.sites.length,
    newFacilityIds: result.sites.map((s) => s.id),
    coveredWeight: result.scope.coveredAfter,
    coveredWeightBefore: result.scope.coveredBefore,
    totalWeight: result.scope.weight,
    coveredShare: result.scope.weight > 0 ? result.scope.coveredAfter / result.scope.weight : 1,
    coveredDemandPoints: result.scope.coveredCountAfter,
    uncoveredDemandPoints: result.scope.uncoveredCountAfter,
    weightedMeanCost: result.scope.meanCostAfter,
    weightedMeanCostBefore: result.scope.meanCostBefore,
    unit: problem.unit,
    unreachable: {
      count: result.unreachable.length,
      weight: result.unreachableWeight,
      largest: result.unreachable.slice(0, 100),
    },
    targetShare: result.targetShare ?? null,
    reduced: result.reduced,
    timeMs: Math.round(result.timeMs * 10) / 10,
    illustrative,
    estimatedInputs: run.estimatedInputs,
    currentCostFrom: run.currentVia,
    territory: run.territory
      ? {
          list: run.territory.list,
          date: run.territory.date,
          source: run.territory.source,
          file: run.territory.file ?? null,
          counts: run.territory.counts,
          rejectedRows: run.territory.rejected ?? 0,
          occupiedIncluded: run.includeOccupied,
          occupiedExcluded: problem.occupiedExcluded ?? null,
        }
      : null,
    rejectedRows: run.rejected.count,
    notes: [
      ...result.notes,
      ...run.inputNotes,
      ...(illustrative
        ? [
            'Proposed sites rest on estimated or illustrative inputs: treat them as illustrative, not as a siting decision.',
          ]
        : []),
    ],
    plannedFacilities: toPlannedFacilities(result, run.type).length,
    args: args ?? null,
  };
  writeFileSync(
    join(outDir, 'summary.json'),
    JSON.stringify(summary, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n',
  );
  return summary;
}

/** A number with `digits` decimals, or "—" when it does not exist (NaN, ±Infinity, null). */
export function fmt(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
}

/** A share as a percentage, or "—". */
export const pct = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(2)}%`);

/** The lines printed at the end of a run (stdout). */
export function summaryText(run: PlanRun, summary: Record<string, unknown>, outDir: string, totalMs: number): string {
  const r = run.result;
  const lines: string[] = [];
  if (run.closures) {
    lines.push(
      `closures: ${run.closures.length} units ranked in ${fmt(r.timeMs, 0)} ms; largest loss ` +
        run.closures
          .slice(0, 5)
          .map((c) => `${c.name || c.id} ${fmt(c.loss, 0)}`)
          .join(', '),
      `wrote ${join(outDir, 'closures.csv')}, closures.geojson, summary.json`,
    );
  } else {
    const what = r.measure ?? (run.noThreshold ? 'reached' : 'within the norm');
    const extra =
      r.objective === 'budget' && r.budget
        ? `; spent ${fmt(r.budget.spent)} of ${r.budget.budget}`
        : r.objective === 'relocate'
          ? `; ${r.moves?.length ?? 0} moves (moves.csv)`
          : '';
    const showMean = Number.isFinite(r.scope.meanCostBefore) || Number.isFinite(r.scope.meanCostAfter);
    lines.push(
      `${r.objective} (${r.method}, ${r.status}): ${r.sites.length} ${r.objective === 'relocate' ? 'destinations' : 'new sites'}; ` +
        `${what} ${fmt(r.scope.coveredBefore, 0)} → ${fmt(r.scope.coveredAfter, 0)} (${pct(Number(summary.coveredShare))})` +
        (showMean ? `; mean ${fmt(r.scope.meanCostBefore)} → ${fmt(r.scope.meanCostAfter)} ${run.problem.unit}` : '') +
        `${extra}; gap ${r.gap === null ? 'n/a (heuristic)' : pct(r.gap)}; optimizer ${fmt(r.timeMs, 0)} ms, total ${fmt(totalMs, 0)} ms`,
      `wrote ${join(outDir, 'sites.csv')}, curve.csv, summary.json`,
    );
  }
  if (run.rejected.count > 0) lines.push(`${run.rejected.summary()}: left out, listed in ${join(outDir, 'rejected.csv')}`);
  for (const n of summary.notes as string[]) lines.push(`note: ${n}`);
  return lines.join('\n') + '\n';
}
