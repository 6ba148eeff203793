/**
 * Top-2 road labels: per graph node the nearest and second-nearest distinct source (slot, minutes), and the offer
 * rule every search shares (labels sorted by (minutes, slot), a source at most once per node).
 */

/**
 * Per node: the nearest source (s1, d1) and the second-nearest distinct one (s2, d2); -1 / Infinity when none
 * within the limit. `d` are minutes (source offset + road minutes).
 */
export class Top2Labels {
  readonly s1: Int32Array;
  readonly s2: Int32Array;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  /**
   * @param shared allocate the arrays on SharedArrayBuffers (a second thread writes them: ./parallel)
   * @param arrays use these arrays (length n) as they are instead of allocating
   */
  constructor(
    readonly n: number,
    shared = false,
    arrays?: Pick<Top2Labels, 's1' | 's2' | 'd1' | 'd2'>,
  ) {
    if (arrays) {
      this.s1 = arrays.s1;
      this.s2 = arrays.s2;
      this.d1 = arrays.d1;
      this.d2 = arrays.d2;
      return;
    }
    const buf = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    this.s1 = new Int32Array(buf(4 * n)).fill(-1);
    this.s2 = new Int32Array(buf(4 * n)).fill(-1);
    this.d1 = new Float64Array(buf(8 * n)).fill(Infinity);
    this.d2 = new Float64Array(buf(8 * n)).fill(Infinity);
  }
  clear(): void {
    this.s1.fill(-1);
    this.s2.fill(-1);
    this.d1.fill(Infinity);
    this.d2.fill(Infinity);
  }
}

/** A source: slot id, graph node and offset minutes (turnout + off-road leg). */
export interface RoadSource {
  slot: number;
  node: number;
  offset: number;
}

/**
 * Offers label (d, g) to node w's tentative labels (positions ≥ nset[w]); true when it was taken.
 * Labels stay sorted by (minutes, slot); a source appears at most once per node.
 */
export function offer(L: Top2Labels, nset: Uint8Array, w: number, d: number, g: number): boolean {
  const k = nset[w]!;
  return k < 2 && offerAt(L.s1, L.s2, L.d1, L.d2, k, w, d, g);
}

/** {@link offer} on the label arrays themselves, `k` = nset[w] < 2 (the search's inner loop). */
export function offerAt(
  S1: Int32Array,
  S2: Int32Array,
  D1: Float64Array,
  D2: Float64Array,
  k: number,
  w: number,
  d: number,
  g: number,
): boolean {
  const s1 = S1[w]!;
  if (k === 1) {
    if (s1 === g) return false;
    const s2 = S2[w]!;
    const d2 = D2[w]!;
    if (d < d2 || (d === d2 && g < s2)) {
      S2[w] = g;
      D2[w] = d;
      return true;
    }
    return false;
  }
  // k === 0: both tentative
  const d1 = D1[w]!;
  if (s1 === g) {
    if (d < d1) {
      D1[w] = d;
      return true;
    }
    return false;
  }
  const s2 = S2[w]!;
  const d2 = D2[w]!;
  if (s2 === g) {
    if (!(d < d2)) return false;
    if (d < d1 || (d === d1 && g < s1)) {
      S2[w] = s1;
      D2[w] = d1;
      S1[w] = g;
      D1[w] = d;
    } else D2[w] = d;
    return true;
  }
  if (d < d1 || (d === d1 && g < s1)) {
    S2[w] = s1;
    D2[w] = d1;
    S1[w] = g;
    D1[w] = d;
    return true;
  }
  if (d < d2 || (d === d2 && g < s2)) {
    S2[w] = g;
    D2[w] = d;
    return true;
  }
  return false;
}
