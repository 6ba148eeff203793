/**
 * The exact (minutes, slot) priority queues of the road searches: a binary heap on growable typed arrays and, in
 * front of it, buckets of 0.05 s ({@link LabelQueue}) for searches that must pop in exact order whatever the edge
 * minutes (what-if removals, graphs with zero-minute edges). The full top-2 search of a graph whose edges all take
 * some time uses the wider buckets of ./buckets instead.
 */
/** Binary min-heap of (key, slot, node) entries ordered by (key, slot), on growable typed arrays. */
export class LabelHeap {
  key = new Float64Array(1024);
  slot = new Int32Array(1024);
  node = new Int32Array(1024);
  size = 0;
  /** The entry popped last. */
  topKey = 0;
  topSlot = 0;
  topNode = 0;

  clear(): void {
    this.size = 0;
  }

  push(k: number, s: number, v: number): void {
    if (this.size === this.key.length) {
      const cap = this.size * 2;
      const nk = new Float64Array(cap);
      nk.set(this.key);
      this.key = nk;
      const ns = new Int32Array(cap);
      ns.set(this.slot);
      this.slot = ns;
      const nv = new Int32Array(cap);
      nv.set(this.node);
      this.node = nv;
    }
    const key = this.key;
    const slot = this.slot;
    const node = this.node;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = key[p]!;
      if (pk < k || (pk === k && slot[p]! <= s)) break;
      key[i] = pk;
      slot[i] = slot[p]!;
      node[i] = node[p]!;
      i = p;
    }
    key[i] = k;
    slot[i] = s;
    node[i] = v;
  }

  /** Pops the smallest entry into topKey/topSlot/topNode; false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    const key = this.key;
    const slot = this.slot;
    const node = this.node;
    this.topKey = key[0]!;
    this.topSlot = slot[0]!;
    this.topNode = node[0]!;
    const n = --this.size;
    if (n === 0) return true;
    const k = key[n]!;
    const s = slot[n]!;
    const v = node[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const c2 = c + 1;
      if (c2 < n && (key[c2]! < key[c]! || (key[c2]! === key[c]! && slot[c2]! < slot[c]!))) c = c2;
      const ck = key[c]!;
      if (k < ck || (k === ck && s <= slot[c]!)) break;
      key[i] = ck;
      slot[i] = slot[c]!;
      node[i] = node[c]!;
      i = c;
    }
    key[i] = k;
    slot[i] = s;
    node[i] = v;
    return true;
  }
}

/**
 * Exact (minutes, slot) priority queue as buckets of 1/{@link LabelQueue.PER_MINUTE} minute (0.05 s) in front of a
 * small binary heap: an entry goes to the bucket of its minutes; the heap holds only the current bucket's entries
 * (moved in when the bucket is reached), so it stays a few entries deep. Pops come out in exactly the binary heap's
 * order — (minutes, slot), ties by slot — because every entry of an earlier bucket has smaller minutes: the buckets only
 * cut the work, never the order (no rounding of minutes anywhere). Keys must not decrease below the current bucket
 * (Dijkstra's monotone pushes); entries past the last bucket (≈ 109 minutes) share an overflow bucket, ordered by the
 * heap too, so any limit (also Infinity) works. Pending entries are 24-byte records on one buffer (minutes, slot, node,
 * next), reused through a free list.
 */
export class LabelQueue {
  private readonly h = new LabelHeap();
  private readonly head: Int32Array;
  /** float64 view: entry e's minutes at 3e; int32 view: slot 6e + 2, node 6e + 3, next 6e + 4. */
  private ek = new Float64Array(3 * 1024);
  private ei = new Int32Array(this.ek.buffer);
  private free = -1;
  private used = 0;
  private pending = 0;
  private cb = -1;
  /** Highest bucket written since the last clear (what clear must reset). */
  private hi = -1;
  topKey = 0;
  topSlot = 0;
  topNode = 0;
  /** Buckets per minute (a bucket is 0.05 s wide) and the number of buckets (≈ 109 minutes; later ones overflow). */
  static readonly PER_MINUTE = 1200;
  static readonly BUCKETS = 131072;

  constructor() {
    this.head = new Int32Array(LabelQueue.BUCKETS).fill(-1);
  }

  clear(): void {
    if (this.hi >= 0) this.head.fill(-1, 0, this.hi + 1);
    this.hi = -1;
    this.pending = 0;
    this.used = 0;
    this.free = -1;
    this.cb = -1;
    this.h.clear();
  }

  push(k: number, s: number, v: number): void {
    let b = Math.floor(k * LabelQueue.PER_MINUTE);
    if (b >= LabelQueue.BUCKETS) b = LabelQueue.BUCKETS - 1;
    if (b <= this.cb) {
      this.h.push(k, s, v);
      return;
    }
    let e = this.free;
    const ei = this.ei;
    if (e >= 0) this.free = ei[6 * e + 4]!;
    else {
      if (3 * this.used === this.ek.length) this.grow();
      e = this.used++;
    }
    this.ek[3 * e] = k;
    const i = this.ei;
    i[6 * e + 2] = s;
    i[6 * e + 3] = v;
    i[6 * e + 4] = this.head[b]!;
    this.head[b] = e;
    if (b > this.hi) this.hi = b;
    this.pending++;
  }

  private grow(): void {
    const k = new Float64Array(this.ek.length * 2);
    k.set(this.ek);
    this.ek = k;
    this.ei = new Int32Array(k.buffer);
  }

  /** Pops the smallest entry into topKey/topSlot/topNode; false when empty. */
  pop(): boolean {
    const h = this.h;
    if (h.size === 0) {
      if (this.pending === 0) return false;
      const head = this.head;
      let b = this.cb + 1;
      while (head[b] === -1) b++;
      this.cb = b;
      let e = head[b]!;
      head[b] = -1;
      const ek = this.ek;
      const ei = this.ei;
      while (e >= 0) {
        const nx = ei[6 * e + 4]!;
        h.push(ek[3 * e]!, ei[6 * e + 2]!, ei[6 * e + 3]!);
        ei[6 * e + 4] = this.free;
        this.free = e;
        this.pending--;
        e = nx;
      }
    }
    h.pop();
    this.topKey = h.topKey;
    this.topSlot = h.topSlot;
    this.topNode = h.topNode;
    return true;
  }
}
