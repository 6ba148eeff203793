/**
 * Growable typed arrays (capacity doubles), so the builder keeps big extracts in flat typed arrays instead of one JS
 * object per node or way.
 */
type TypedCtor<T> = { new (n: number): T };

export class Grow<T extends Float64Array | Uint32Array | Int32Array | Uint8Array> {
  a: T;
  n = 0;
  constructor(
    private readonly ctor: TypedCtor<T>,
    capacity = 1024,
  ) {
    this.a = new ctor(capacity);
  }
  push(v: number): void {
    if (this.n === this.a.length) this.grow(this.n + 1);
    this.a[this.n++] = v;
  }
  grow(min: number): void {
    let cap = Math.max(16, this.a.length);
    while (cap < min) cap *= 2;
    if (cap === this.a.length) return;
    const b = new this.ctor(cap);
    b.set(this.a.subarray(0, this.n) as never);
    this.a = b;
  }
  /** The filled part, trimmed to a fresh array of its own. */
  take(): T {
    const out = new this.ctor(this.n);
    out.set(this.a.subarray(0, this.n) as never);
    return out;
  }
}

export const growF64 = (c?: number): Grow<Float64Array> => new Grow(Float64Array, c);
export const growU32 = (c?: number): Grow<Uint32Array> => new Grow(Uint32Array, c);
export const growI32 = (c?: number): Grow<Int32Array> => new Grow(Int32Array, c);
export const growU8 = (c?: number): Grow<Uint8Array> => new Grow(Uint8Array, c);
