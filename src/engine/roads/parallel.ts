/**
 * Full top-2 searches on a second thread, over shared memory: the road model's full coverage searches its two services
 * (fire, police) at once, one on the calling thread and one on a helper thread, instead of one after the other.
 *
 * The engine stays synchronous and free of any thread API. The caller (the coverage worker in the page, the CLI and
 * the benchmarks in Node) makes the helper thread, runs {@link Top2Runner} in it, and hands the engine a
 * {@link SearchThread} whose `post` sends it a {@link Top2Job}. The job's graph arrays, edge minutes and label arrays
 * live on SharedArrayBuffers, so nothing is copied; the helper writes the labels in place and says it is done through
 * a shared state word ({@link JOB_DONE}), which the engine waits on with `Atomics.wait` (allowed in workers and in
 * Node, not on a page's main thread, where the engine never runs).
 *
 * Safe when anything goes wrong: a job the helper has not picked up by the time the engine needs it is taken back
 * ({@link JOB_CANCELLED}) and searched on the calling thread; a failed job is searched again on the calling thread; a
 * helper silent for {@link STALL_MS} while running a job is dropped for good (its labels are replaced, so a late write
 * lands nowhere). Without shared memory (a page that is not cross-origin isolated) there is no helper and the
 * searches run one after the other, with the same results.
 */
import type { RoadCsr } from './graph';
import { Top2Labels, type RoadSource } from './labels';
import { multiSourceTop2, Top2Scratch } from './search';

/** A job's state word: posted, running on the helper, done, failed there, or taken back by the poster. */
export const JOB_POSTED = 0;
export const JOB_RUNNING = 1;
export const JOB_DONE = 2;
export const JOB_FAILED = 3;
export const JOB_CANCELLED = 4;

/** How long the poster waits for a posted job to be picked up, once it needs its labels, before taking it back. */
export const PICKUP_MS = 50;
/** How long a running job may stay silent before its helper is given up (a search takes seconds at country scale). */
export const STALL_MS = 120_000;

/** One full top-2 search for the helper: every array on shared memory except `sources`. */
export interface Top2Job {
  readonly kind: 'top2';
  readonly nodeCount: number;
  readonly first: Uint32Array;
  readonly target: Uint32Array;
  /** Edge minutes (parallel to target), and their shortest and longest (edgeMinutesRange, ./buckets). */
  readonly w: Float32Array;
  readonly wRange: { readonly min: number; readonly max: number };
  readonly s1: Int32Array;
  readonly s2: Int32Array;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
  /** Sources as (slot, node, offset) triples. */
  readonly sources: Float64Array;
  readonly limit: number;
  /** [0]: the job's state (JOB_*). */
  readonly state: Int32Array;
}

/** The helper's first message: a shared word it sets to 1 when it listens (see {@link SearchThread.ready}). */
export interface Top2Hello {
  readonly kind: 'hello';
  readonly ready: Int32Array;
}

export type Top2Message = Top2Job | Top2Hello;

/**
 * True when this realm can share memory with a helper thread: SharedArrayBuffer and Atomics exist and, in a browser,
 * the page is cross-origin isolated (COOP same-origin + COEP require-corp). Node: always.
 */
export function sharedMemoryAvailable(): boolean {
  const g = globalThis as { crossOriginIsolated?: boolean };
  return typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object' && g.crossOriginIsolated !== false;
}

/** True when `a` is a view on a SharedArrayBuffer. */
export function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
}

type TypedCtor<T> = { new (buffer: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number };

/** `a` itself when it is already on shared memory, else a copy on a new SharedArrayBuffer. */
export function toShared<T extends Uint32Array | Float32Array>(a: T, Ctor: TypedCtor<T>): T {
  if (isShared(a)) return a;
  const out = new Ctor(new SharedArrayBuffer(a.length * Ctor.BYTES_PER_ELEMENT));
  out.set(a as ArrayLike<number>);
  return out;
}

/** A copy of `bytes` on a new SharedArrayBuffer (a graph file decoded from it has its CSR on shared memory). */
export function sharedBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(bytes.length));
  out.set(bytes);
  return out;
}

/** `g` with its CSR offsets and targets on shared memory (copied unless they already are). */
export function shareCsr<G extends RoadCsr>(g: G): G {
  return { ...g, first: toShared(g.first, Uint32Array), target: toShared(g.target, Uint32Array) };
}

/** The poster's side of a helper thread. */
export class SearchThread {
  /** Set to 1 by the helper once it listens; jobs are only posted after that. */
  readonly ready = new Int32Array(new SharedArrayBuffer(4));
  /** True once the helper stalled: no more jobs go to it. */
  broken = false;
  /** Jobs go to the helper only while this is true (a benchmark turns it off to time one thread in the same run). */
  enabled = true;
  /** Jobs posted, finished by the helper, and searched on the poster's thread after all (taken back or failed). */
  readonly counts = { posted: 0, done: 0, local: 0 };
  readonly pickupMs: number;
  readonly stallMs: number;

  /**
   * @param post sends a message to the helper (postMessage on the thread's worker).
   * @param opts waits (tests shorten them): {@link PICKUP_MS}, {@link STALL_MS}.
   */
  constructor(
    private readonly post: (m: Top2Message) => void,
    opts: { pickupMs?: number; stallMs?: number } = {},
  ) {
    this.pickupMs = opts.pickupMs ?? PICKUP_MS;
    this.stallMs = opts.stallMs ?? STALL_MS;
    const hello: Top2Hello = { kind: 'hello', ready: this.ready };
    post(hello);
  }

  /** True when a job posted now would be picked up at once. */
  get available(): boolean {
    return this.enabled && !this.broken && Atomics.load(this.ready, 0) === 1;
  }

  /**
   * Posts a full top-2 search of `sources` over `g` into `L` (all shared; see {@link Top2Job}). The labels must not be
   * read or written until {@link PendingTop2.wait} returns.
   */
  start(
    g: RoadCsr,
    w: Float32Array,
    wRange: { min: number; max: number },
    sources: readonly RoadSource[],
    limit: number,
    L: Top2Labels,
  ): PendingTop2 {
    const src = new Float64Array(3 * sources.length);
    sources.forEach((s, i) => {
      src[3 * i] = s.slot;
      src[3 * i + 1] = s.node;
      src[3 * i + 2] = s.offset;
    });
    const state = new Int32Array(new SharedArrayBuffer(4));
    const job: Top2Job = {
      kind: 'top2',
      nodeCount: g.nodeCount,
      first: g.first,
      target: g.target,
      w,
      wRange,
      s1: L.s1,
      s2: L.s2,
      d1: L.d1,
      d2: L.d2,
      sources: src,
      limit,
      state,
    };
    this.post(job);
    this.counts.posted++;
    return new PendingTop2(this, state);
  }
}

/** A posted job, to wait on. */
export class PendingTop2 {
  constructor(
    private readonly thread: SearchThread,
    private readonly state: Int32Array,
  ) {}

  /**
   * Blocks until the helper has finished. Returns 'done' (the labels are the search's), 'local' (the job was taken
   * back or failed: search on this thread into the same labels) or 'stalled' (the helper was given up: search into
   * fresh labels, the old ones may still be written).
   */
  wait(): 'done' | 'local' | 'stalled' {
    const r = this.outcome();
    if (r === 'done') this.thread.counts.done++;
    else this.thread.counts.local++;
    return r;
  }

  private outcome(): 'done' | 'local' | 'stalled' {
    const st = this.state;
    const t = this.thread;
    if (
      Atomics.wait(st, 0, JOB_POSTED, t.pickupMs) === 'timed-out' &&
      Atomics.compareExchange(st, 0, JOB_POSTED, JOB_CANCELLED) === JOB_POSTED
    )
      return 'local';
    for (;;) {
      const s = Atomics.load(st, 0);
      if (s === JOB_DONE) return 'done';
      if (s !== JOB_RUNNING) return 'local';
      if (Atomics.wait(st, 0, JOB_RUNNING, t.stallMs) === 'timed-out') {
        t.broken = true;
        return 'stalled';
      }
    }
  }
}

/** The helper's side: runs the jobs it is sent, one at a time (its scratch is reused across jobs). */
export class Top2Runner {
  private scratch: Top2Scratch | null = null;
  /** Jobs this helper finished (diagnostics: the page's helper exposes it to its browser test). */
  done = 0;

  /** Handles one message from the poster. */
  handle(m: Top2Message): void {
    if (m.kind === 'hello') {
      Atomics.store(m.ready, 0, 1);
      return;
    }
    const st = m.state;
    if (Atomics.compareExchange(st, 0, JOB_POSTED, JOB_RUNNING) !== JOB_POSTED) return; // taken back
    let end = JOB_FAILED;
    try {
      this.run(m);
      end = JOB_DONE;
      this.done++;
    } finally {
      Atomics.store(st, 0, end);
      Atomics.notify(st, 0);
    }
  }

  private run(job: Top2Job): void {
    const n = job.nodeCount;
    if (!this.scratch || this.scratch.nset.length !== n) this.scratch = new Top2Scratch(n);
    const L = new Top2Labels(n, false, job);
    const sources: RoadSource[] = [];
    for (let i = 0; i < job.sources.length; i += 3)
      sources.push({ slot: job.sources[i]!, node: job.sources[i + 1]!, offset: job.sources[i + 2]! });
    const g: RoadCsr = { nodeCount: n, edgeCount: job.target.length, first: job.first, target: job.target };
    this.scratch.buckets.setRange(job.w, job.wRange);
    multiSourceTop2(g, job.w, sources, job.limit, L, this.scratch);
  }
}
