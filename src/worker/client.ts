/**
 * The page side of the coverage worker: a typed promise API over protocol.ts.
 * A newer request of a superseding kind (setParams, setFacilities, setMatrix, getResults) cancels the pending one
 * of the same kind: its promise rejects with an `AbortError` DOMException and the worker skips it if it has not
 * started (if it has, it completes and its answer is dropped). Any request also takes an AbortSignal.
 *
 * @example
 * const client = new CoverageClient(createCoverageWorker());
 * await client.init({ data: { demand, hromadas, facilities } });
 * const res = await client.getResults();
 * res.coverage.fire!.minutes;            // Float64Array, transferred
 * const e = await client.edit({ op: 'move', id: 'fu-12', lon: 30.5, lat: 50.4 });
 * e.result.demand; e.coverage.fire.minutes;  // patch for the changed units only
 */
import {
  SUPERSEDES,
  type EditRequest,
  type EditResponse,
  type GetResultsRequest,
  type InitRequest,
  type MessageName,
  type MessagePort_,
  type RequestEnvelope,
  type RequestOf,
  type ResponseEnvelope,
  type ResponseOf,
  type ResultsPayload,
  type Summary,
} from './protocol';
import type { Facility, ModelParams, TravelMatrix } from '../engine/types';

/** Anything Worker-like: a real Worker, or an in-process fake in tests. */
export interface WorkerLike extends MessagePort_ {
  terminate?(): void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Override the kind's default (SUPERSEDES). */
  supersede?: boolean;
  transfer?: Transferable[];
}

/** Starts the real module worker (browser only). */
export function createCoverageWorker(): Worker {
  return new Worker(new URL('./coverage.worker.ts', import.meta.url), { type: 'module' });
}

interface Pending {
  type: MessageName;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  cleanup: () => void;
}

function abortError(message: string): Error {
  return new DOMException(message, 'AbortError');
}

/**
 * Facilities per message of `setFacilities`: structured-cloning 100,000 facilities in one postMessage held the page
 * for 350 ms or more; parts of this size take a few tens of ms each, with a macrotask between them.
 */
export const FACILITY_CHUNK = 5000;

/** Resolves on a later macrotask, so the page can paint and handle input between long steps. */
export function nextTask(): Promise<void> {
  return new Promise((ok) => setTimeout(ok, 0));
}

/**
 * Told of each new client on the next microtask (after its `init` went out): the road network sends its graph to a
 * new coverage worker (src/state/roads.ts).
 */
export const coverageClientCreated = new Set<(client: CoverageClient) => void>();

export class CoverageClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Number of the latest setFacilities call (a newer one stops an older one still sending parts). */
  private stage = 0;
  /** Latest pending request id per superseding kind. */
  private readonly latest = new Map<MessageName, number>();
  private readonly onMessage: (event: MessageEvent) => void;

  constructor(private readonly worker: WorkerLike) {
    this.onMessage = (event: MessageEvent) => {
      const msg = event.data as ResponseEnvelope;
      const p = this.pending.get(msg.id);
      if (!p) return; // cancelled or superseded
      this.pending.delete(msg.id);
      p.cleanup();
      if (msg.ok) p.resolve(msg.payload);
      else {
        const err = new Error(msg.error.message);
        err.name = msg.error.name;
        p.reject(err);
      }
    };
    worker.addEventListener('message', this.onMessage);
    for (const f of coverageClientCreated) queueMicrotask(() => f(this));
  }

  /** Sends any protocol message (including ones added by declaration merging). */
  request<K extends MessageName>(type: K, payload: RequestOf<K>, opts: RequestOptions = {}): Promise<ResponseOf<K>> {
    const id = this.nextId++;
    const supersede = opts.supersede ?? SUPERSEDES[type] ?? false;
    if (supersede) {
      const prev = this.latest.get(type);
      if (prev !== undefined) this.cancel(prev, `superseded by a newer "${type}" request`);
      this.latest.set(type, id);
    }
    return new Promise<ResponseOf<K>>((resolve, reject) => {
      const signal = opts.signal;
      if (signal?.aborted) {
        reject(abortError('aborted before sending'));
        return;
      }
      const onAbort = () => this.cancel(id, 'aborted');
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        type,
        resolve: resolve as (v: unknown) => void,
        reject,
        cleanup: () => {
          signal?.removeEventListener('abort', onAbort);
          if (this.latest.get(type) === id) this.latest.delete(type);
        },
      });
      const env: RequestEnvelope = { id, type, payload };
      this.worker.postMessage(env, opts.transfer ?? []);
    });
  }

  private cancel(id: number, why: string): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.cleanup();
    const env: RequestEnvelope = { id, type: '$cancel' };
    this.worker.postMessage(env);
    p.reject(abortError(why));
  }

  /** Loads data (parsed tables or `{ embeddedBaseUrl }`) and computes. */
  init(req: InitRequest, opts?: RequestOptions): Promise<Summary> {
    return this.request('init', req, opts);
  }

  /** Replaces the parameters (full ModelParams) and recomputes. Supersedes a pending setParams. */
  setParams(params: ModelParams, opts?: RequestOptions): Promise<Summary> {
    return this.request('setParams', { params }, opts);
  }

  /**
   * Replaces all facilities (slots renumbered) and recomputes. Supersedes a pending setFacilities. A list longer than
   * FACILITY_CHUNK goes in `stageFacilities` parts, one per macrotask, then a `setFacilities` naming the stage.
   */
  async setFacilities(facilities: Facility[], opts: RequestOptions = {}): Promise<Summary> {
    const stage = ++this.stage;
    if (facilities.length <= FACILITY_CHUNK) return this.request('setFacilities', { facilities }, opts);
    for (let k = 0; k < facilities.length; k += FACILITY_CHUNK) {
      if (k > 0) await nextTask();
      if (stage !== this.stage) throw abortError('superseded by a newer "setFacilities" request');
      if (opts.signal?.aborted) throw abortError('aborted');
      // A lost part makes the final setFacilities fail, which is where the caller hears of it.
      this.request('stageFacilities', { stage, first: k === 0, facilities: facilities.slice(k, k + FACILITY_CHUNK) }).catch(() => undefined);
    }
    return this.request('setFacilities', { staged: stage, count: facilities.length }, opts);
  }

  /** Sets the territory status per hromada (a copy is sent). Supersedes a pending setTerritory. */
  setTerritory(status: Uint8Array, opts?: RequestOptions): Promise<Summary> {
    return this.request('setTerritory', { status: status.slice() }, opts);
  }

  /** Sets or clears the travel-time matrix. Supersedes a pending setMatrix. */
  setMatrix(matrix: TravelMatrix | null, opts?: RequestOptions): Promise<Summary> {
    return this.request('setMatrix', { matrix }, opts);
  }

  /** Adds / moves / removes / updates one facility; answers with patches for the changed units and hromadas. */
  edit(req: EditRequest, opts?: RequestOptions): Promise<EditResponse> {
    return this.request('edit', req, opts);
  }

  /** Copies of all results (transferred). Supersedes a pending getResults. */
  getResults(req: GetResultsRequest = {}, opts?: RequestOptions): Promise<ResultsPayload> {
    return this.request('getResults', req, opts);
  }

  /** Rejects everything pending and stops the worker. */
  terminate(): void {
    for (const [id] of this.pending) this.cancel(id, 'client terminated');
    this.worker.removeEventListener('message', this.onMessage);
    this.worker.terminate?.();
  }
}
