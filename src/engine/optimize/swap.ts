/**
 * Swap local search over the reduced problem (core.ts): the open set's assignment with Whitaker's fast-interchange
 * bookkeeping, and vertex substitution until no exchange improves.
 */
import { abortError } from './abort';
import type { Core } from './core';

/**
 * Assignment of core demand to the open set: best and second-best cost per unit (the base counts as an always-open
 * facility, id -1) and, per open candidate, the loss if it closed. Supports the swap moves of local search
 * (vertex substitution with the gain/loss/extra bookkeeping of Whitaker's fast interchange).
 */
export class Assignment {
  readonly open: Uint8Array;
  readonly b1: Float64Array;
  readonly b2: Float64Array;
  readonly n1: Int32Array;
  readonly loss: Float64Array;
  private stamp: Int32Array;
  private stampNo = 0;
  private affected: Int32Array;

  constructor(
    readonly core: Core,
    initial: Iterable<number>,
  ) {
    this.open = new Uint8Array(core.nC);
    for (const j of initial) this.open[j] = 1;
    this.b1 = new Float64Array(core.nD);
    this.b2 = new Float64Array(core.nD);
    this.n1 = new Int32Array(core.nD);
    this.loss = new Float64Array(core.nC);
    this.stamp = new Int32Array(core.nD);
    this.affected = new Int32Array(core.nD);
    for (let i = 0; i < core.nD; i++) {
      this.recompute(i);
      this.addLoss(i, 1);
    }
  }

  /** Σ w · best cost. */
  objective(): number {
    let s = 0;
    for (let i = 0; i < this.core.nD; i++) s += this.core.w[i]! * this.b1[i]!;
    return s;
  }

  openList(): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.core.nC; j++) if (this.open[j]) out.push(j);
    return out;
  }

  private recompute(i: number): void {
    const { tOffsets, tCand, tCost, base } = this.core;
    let best = base[i]!;
    let id = -1;
    let second = Infinity;
    for (let k = tOffsets[i]!; k < tOffsets[i + 1]!; k++) {
      const j = tCand[k]!;
      if (!this.open[j]) continue;
      const c = tCost[k]!;
      if (c < best) {
        second = best;
        best = c;
        id = j;
      } else if (c < second) second = c;
    }
    this.b1[i] = best;
    this.b2[i] = second;
    this.n1[i] = id;
  }

  private addLoss(i: number, sign: number): void {
    const j = this.n1[i]!;
    if (j >= 0) this.loss[j]! += sign * this.core.w[i]! * (this.b2[i]! - this.b1[i]!);
  }

  /** Opens `inC` (may be -1) and closes `outC` (may be -1), updating only the demand they reach. */
  change(inC: number, outC: number): void {
    const { offsets, demand } = this.core;
    this.stampNo++;
    let na = 0;
    for (const j of [inC, outC]) {
      if (j < 0) continue;
      for (let k = offsets[j]!; k < offsets[j + 1]!; k++) {
        const i = demand[k]!;
        if (this.stamp[i] === this.stampNo) continue;
        this.stamp[i] = this.stampNo;
        this.affected[na++] = i;
      }
    }
    for (let a = 0; a < na; a++) this.addLoss(this.affected[a]!, -1);
    if (inC >= 0) this.open[inC] = 1;
    if (outC >= 0) {
      this.open[outC] = 0;
      this.loss[outC] = 0;
    }
    for (let a = 0; a < na; a++) {
      const i = this.affected[a]!;
      this.recompute(i);
      this.addLoss(i, 1);
    }
  }
}

export interface LocalSearchOptions {
  deadline: number;
  signal?: AbortSignal;
  now?: () => number;
}

/**
 * Swap local search (vertex substitution): repeatedly finds a candidate k outside the set and a site j inside whose
 * exchange lowers Σ w·cost, and applies it, until a full pass finds none or the deadline passes.
 * Returns the number of swaps made. The set size never changes.
 */
export function swapSearch(a: Assignment, opts: LocalSearchOptions): { swaps: number; complete: boolean } {
  const core = a.core;
  const now = opts.now ?? (() => performance.now());
  const { offsets, demand, cost, w } = core;
  const extra = new Float64Array(core.nC);
  const touched = new Int32Array(core.nC);
  const eps = 1e-9 * Math.max(1, core.baseTotal);
  let swaps = 0;
  let sinceImprove = 0;
  let k = 0;
  let openList = a.openList();
  if (openList.length === 0 || openList.length === core.nC) return { swaps, complete: true };
  let checks = 0;
  while (sinceImprove < core.nC) {
    if ((++checks & 31) === 0) {
      if (opts.signal?.aborted) throw abortError();
      if (now() > opts.deadline) return { swaps, complete: false };
    }
    const cand = k;
    k = k + 1 === core.nC ? 0 : k + 1;
    sinceImprove++;
    if (a.open[cand]) continue;
    let gain = 0;
    let nt = 0;
    for (let p = offsets[cand]!; p < offsets[cand + 1]!; p++) {
      const i = demand[p]!;
      const c = cost[p]!;
      const b1 = a.b1[i]!;
      if (c < b1) gain += w[i]! * (b1 - c);
      const j = a.n1[i]!;
      const b2 = a.b2[i]!;
      if (j >= 0 && c < b2) {
        if (extra[j] === 0) touched[nt++] = j;
        extra[j]! += w[i]! * (b2 - (c > b1 ? c : b1));
      }
    }
    if (gain > eps) {
      let bestJ = -1;
      let bestVal = -Infinity;
      for (const j of openList) {
        const v = extra[j]! - a.loss[j]!;
        if (v > bestVal) {
          bestVal = v;
          bestJ = j;
        }
      }
      if (bestJ >= 0 && gain + bestVal > eps) {
        for (let t = 0; t < nt; t++) extra[touched[t]!] = 0;
        a.change(cand, bestJ);
        openList = a.openList();
        swaps++;
        sinceImprove = 0;
        continue;
      }
    }
    for (let t = 0; t < nt; t++) extra[touched[t]!] = 0;
  }
  return { swaps, complete: true };
}
