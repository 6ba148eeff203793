/**
 * An open set over a count instance (count.ts), kept with Whitaker-style bookkeeping on the true objective: per open
 * site the loss if it closed, per unit the list of open sites reaching it, so one candidate is evaluated against every
 * open site in O(its pairs + |S|).
 */
import { marginalOf, type CountInstance } from './count';

/**
 * The open set with counts, per-unit lists of open reaching sites, the loss of closing each open site, and the value.
 */
export class CountState {
  readonly cnt: Int32Array;
  readonly open: Uint8Array;
  readonly loss: Float64Array;
  /** Per unit i: open sites reaching it at openAt[tOffsets[i] .. tOffsets[i] + cnt[i]). */
  private readonly openAt: Int32Array;
  private readonly g: (i: number, k: number) => number;
  value = 0;
  size = 0;

  constructor(
    readonly inst: CountInstance,
    initial: Iterable<number> = [],
  ) {
    this.cnt = new Int32Array(inst.nD);
    this.open = new Uint8Array(inst.nC);
    this.loss = new Float64Array(inst.nC);
    this.openAt = new Int32Array(inst.tCand.length);
    this.g = (i, k) => marginalOf(inst, i, k);
    for (const j of initial) if (!this.open[j]) this.add(j);
  }

  /** Opens site j. */
  add(j: number): void {
    const { offsets, demand, tOffsets } = this.inst;
    this.open[j] = 1;
    this.size++;
    for (let p = offsets[j]!; p < offsets[j + 1]!; p++) {
      const i = demand[p]!;
      const old = this.cnt[i]!;
      const gOld = this.g(i, old);
      this.value += gOld;
      if (old > 0) {
        const d = gOld - this.g(i, old - 1);
        if (d !== 0) for (let q = tOffsets[i]!, e = q + old; q < e; q++) this.loss[this.openAt[q]!]! += d;
      }
      this.loss[j]! += gOld;
      this.openAt[tOffsets[i]! + old] = j;
      this.cnt[i] = old + 1;
    }
  }

  /** Closes site j. */
  remove(j: number): void {
    const { offsets, demand, tOffsets } = this.inst;
    this.open[j] = 0;
    this.size--;
    for (let p = offsets[j]!; p < offsets[j + 1]!; p++) {
      const i = demand[p]!;
      const old = this.cnt[i]!;
      const s = tOffsets[i]!;
      for (let q = s; q < s + old; q++) {
        if (this.openAt[q] === j) {
          this.openAt[q] = this.openAt[s + old - 1]!;
          break;
        }
      }
      this.cnt[i] = old - 1;
      const gLost = this.g(i, old - 1);
      this.value -= gLost;
      if (old > 1) {
        const d = this.g(i, old - 2) - gLost;
        if (d !== 0) for (let q = s, e = s + old - 1; q < e; q++) this.loss[this.openAt[q]!]! += d;
      }
    }
    this.loss[j] = 0;
  }

  /** Open sites in index order. */
  openList(): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.inst.nC; j++) if (this.open[j]) out.push(j);
    return out;
  }

  /** Open sites reaching unit i (a view; do not keep across changes). */
  openReaching(i: number): Int32Array {
    const s = this.inst.tOffsets[i]!;
    return this.openAt.subarray(s, s + this.cnt[i]!);
  }
}
