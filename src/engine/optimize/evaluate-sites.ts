/**
 * The proposed sites walked in their ranked order on the full problem (not the reduced core): each site's marginal
 * gain, the cumulative coverage and mean cost, and the coverage curve. Part of optimize (optimize.ts).
 */
import type { CurvePoint, PlanOptions, PlanProblem, ProposedSite } from './types';

/** Σ a. */
export function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

export interface Evaluation {
  sites: ProposedSite[];
  curve: CurvePoint[];
  coveredCount: number;
  unreachedCount: number;
  penalisedBefore: number;
  penalisedTotal: number;
  estimatedAny: boolean;
}

/** Walks the ranked sites on the full problem: marginal gains, cumulative coverage and mean cost, the curve. */
export function evaluate(
  problem: PlanProblem,
  objective: PlanOptions['objective'],
  penalty: number,
  order: number[],
): Evaluation {
  const { demand, candidates, structure } = problem;
  const n = demand.count;
  const cur = Float64Array.from(demand.current);
  const W = sum(demand.weight);
  let covered = 0;
  let coveredCount = 0;
  let finiteW = 0;
  let finiteSum = 0;
  let pen = 0;
  let unreached = 0;
  for (let i = 0; i < n; i++) {
    const w = demand.weight[i]!;
    const c = cur[i]!;
    if (c <= demand.threshold[i]!) {
      covered += w;
      coveredCount++;
    }
    if (Number.isFinite(c)) {
      finiteW += w;
      finiteSum += w * c;
      pen += w * c;
    } else {
      unreached++;
      pen += w * penalty;
    }
  }
  const penalisedBefore = pen;
  const point = (k: number): CurvePoint => ({
    k,
    covered,
    share: W > 0 ? covered / W : 1,
    meanCost: finiteW > 0 ? finiteSum / finiteW : NaN,
  });
  const curve: CurvePoint[] = [point(0)];
  const sites: ProposedSite[] = [];
  let estimatedAny = false;
  order.forEach((j, r) => {
    let marginalCov = 0;
    let marginalCovEst = 0;
    let reduction = 0;
    let reductionEst = 0;
    for (let k = structure.offsets[j]!; k < structure.offsets[j + 1]!; k++) {
      const i = structure.demand[k]!;
      const c = structure.cost[k]!;
      const old = cur[i]!;
      if (!(c < old)) continue;
      const w = demand.weight[i]!;
      const est = demand.estimated?.[i] === 1;
      const thr = demand.threshold[i]!;
      if (old > thr && c <= thr) {
        covered += w;
        coveredCount++;
        marginalCov += w;
        if (est) marginalCovEst += w;
      }
      const oldEff = Number.isFinite(old) ? old : penalty;
      if (c < oldEff) {
        reduction += w * (oldEff - c);
        if (est) reductionEst += w * (oldEff - c);
      }
      pen -= w * (oldEff - Math.min(oldEff, c));
      if (Number.isFinite(old)) finiteSum -= w * (old - c);
      else {
        finiteW += w;
        finiteSum += w * c;
        unreached--;
      }
      cur[i] = c;
    }
    const pMedian = objective === 'p-median';
    const marginal = pMedian ? reduction : marginalCov;
    const estimatedShare = marginal > 0 ? (pMedian ? reductionEst : marginalCovEst) / marginal : 0;
    const locEst = candidates.estimated?.[j] === 1;
    const estimated = locEst || estimatedShare >= 0.5;
    if (estimated) estimatedAny = true;
    const pt = point(r + 1);
    curve.push(pt);
    sites.push({
      rank: r + 1,
      candidate: j,
      id: candidates.ids[j]!,
      name: candidates.names[j] ?? '',
      hromadaCode: candidates.hromadaCodes[j] ?? null,
      type: problem.facilityType ?? null,
      lon: candidates.lon[j]!,
      lat: candidates.lat[j]!,
      marginal,
      cumulativeCovered: covered,
      cumulativeShare: pt.share,
      cumulativeMeanCost: pt.meanCost,
      estimatedShare,
      estimated,
    });
  });
  return { sites, curve, coveredCount, unreachedCount: unreached, penalisedBefore, penalisedTotal: pen, estimatedAny };
}
