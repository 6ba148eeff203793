/** Dominated candidates dropped from the reduced problem (core.ts) before an exact solve. */
import { abortError } from './abort';
import { RowTable, type Core } from './core';

/**
 * Drops dominated candidates before the MILP: j is dominated by k when k reaches every unit j reaches at no greater
 * cost (ties between identical candidates keep the lower index). Some optimal solution never uses a dominated
 * candidate (swap it for its dominator), so the optimum is unchanged for all three objectives. Demand rows that become
 * identical are merged again. `dominator` maps a problem candidate to the kept candidate that replaces it (itself when
 * kept, -1 when not in the core).
 */
export function pruneDominated(core: Core, signal?: AbortSignal): { core: Core; dominator: Int32Array } {
  const { nC, nD, offsets, demand, cost, tOffsets, tCand } = core;
  const dom = new Int32Array(nC).fill(-1);
  const stamp = new Int32Array(nD).fill(-1);
  const costJ = new Float64Array(nD);
  for (let j = 0; j < nC; j++) {
    if ((j & 255) === 0 && signal?.aborted) throw abortError();
    const s = offsets[j]!;
    const e = offsets[j + 1]!;
    const degJ = e - s;
    // Mark j's row; find its rarest unit (fewest candidates) to draw the possible dominators from.
    let rare = -1;
    let rareDeg = Infinity;
    for (let p = s; p < e; p++) {
      const i = demand[p]!;
      stamp[i] = j;
      costJ[i] = cost[p]!;
      const d = tOffsets[i + 1]! - tOffsets[i]!;
      if (d < rareDeg) {
        rareDeg = d;
        rare = i;
      }
    }
    if (rare < 0) continue;
    for (let q = tOffsets[rare]!; q < tOffsets[rare + 1]!; q++) {
      const k = tCand[q]!;
      if (k === j) continue;
      const degK = offsets[k + 1]! - offsets[k]!;
      if (degK < degJ) continue;
      let matched = 0;
      let strict = degK > degJ;
      let ok = true;
      for (let p = offsets[k]!; p < offsets[k + 1]!; p++) {
        const i = demand[p]!;
        if (stamp[i] !== j) continue;
        const c = cost[p]!;
        const cj = costJ[i]!;
        if (c > cj) {
          ok = false;
          break;
        }
        if (c < cj) strict = true;
        matched++;
      }
      if (!ok || matched !== degJ) continue;
      if (strict || k < j) {
        dom[j] = k;
        break;
      }
    }
  }
  // Follow chains to a kept candidate.
  const dominator = new Int32Array(core.candOf.length).fill(-1);
  for (let j = 0; j < nC; j++) {
    let k = j;
    let guard = 0;
    while (dom[k]! >= 0 && guard++ < nC) k = dom[k]!;
    dominator[core.cand[j]!] = core.cand[k]!;
  }
  // Rebuild rows over kept candidates (problem ids) and merge identical rows.
  const rows = new RowTable(core.tCand.length);
  const tmpC = new Int32Array(Math.max(1, nC));
  const tmpD = new Float64Array(Math.max(1, nC));
  for (let i = 0; i < nD; i++) {
    let n = 0;
    for (let q = tOffsets[i]!; q < tOffsets[i + 1]!; q++) {
      const k = tCand[q]!;
      if (dom[k]! >= 0) continue;
      tmpC[n] = core.cand[k]!;
      tmpD[n] = core.tCost[q]!;
      n++;
    }
    rows.add(tmpC, tmpD, n, core.base[i]!, core.w[i]!);
  }
  return { core: rows.assemble(core.candOf.length), dominator };
}
