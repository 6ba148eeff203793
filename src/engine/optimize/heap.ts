/** A max-heap of (key, id) pairs in typed arrays, for the lazy greedy heuristics. */
/**
 * Binary max-heap of (key, id); ties go to the smaller id, so runs are deterministic. Typed storage, grown by doubling.
 * Used by the lazy greedy of both the core objectives (greedy.ts) and the count objectives (count-search.ts).
 */
export class MaxHeap {
  private keys: Float64Array;
  private ids: Int32Array;
  private n = 0;
  /** `capacity`: initial room (it grows as needed). */
  constructor(capacity = 64) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.ids = new Int32Array(Math.max(1, capacity));
  }
  get size(): number {
    return this.n;
  }
  private above(ka: number, ia: number, kb: number, ib: number): boolean {
    return ka > kb || (ka === kb && ia < ib);
  }
  push(key: number, id: number): void {
    if (this.n === this.keys.length) {
      const k = new Float64Array(this.n * 2);
      k.set(this.keys);
      this.keys = k;
      const d = new Int32Array(this.n * 2);
      d.set(this.ids);
      this.ids = d;
    }
    const keys = this.keys;
    const ids = this.ids;
    let p = this.n++;
    while (p > 0) {
      const up = (p - 1) >> 1;
      if (!this.above(key, id, keys[up]!, ids[up]!)) break;
      keys[p] = keys[up]!;
      ids[p] = ids[up]!;
      p = up;
    }
    keys[p] = key;
    ids[p] = id;
  }
  topKey(): number {
    return this.n > 0 ? this.keys[0]! : -Infinity;
  }
  /** Removes the top and returns its id. */
  pop(): number {
    const keys = this.keys;
    const ids = this.ids;
    const top = ids[0]!;
    const n = --this.n;
    if (n > 0) {
      const lk = keys[n]!;
      const li = ids[n]!;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        if (l >= n) break;
        const r = l + 1;
        let m = l;
        if (r < n && this.above(keys[r]!, ids[r]!, keys[l]!, ids[l]!)) m = r;
        if (!this.above(keys[m]!, ids[m]!, lk, li)) break;
        keys[p] = keys[m]!;
        ids[p] = ids[m]!;
        p = m;
      }
      keys[p] = lk;
      ids[p] = li;
    }
    return top;
  }
}
