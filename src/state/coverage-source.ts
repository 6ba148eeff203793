/**
 * The UI's one door to the coverage engine. It hides which implementation runs: today the interim worker in
 * src/state/fallback.worker.ts; the engine's worker client (src/worker/client.ts) once it lands.
 * A new request cancels the previous one: its promise rejects with an AbortError and its result is dropped.
 */
import type { DemandTable, Facility, HromadaStats, ModelParams, Service, ServiceCoverage } from '../engine/types';

export interface ServiceResult {
  coverage: ServiceCoverage;
  stats: HromadaStats;
  /** For each index in coverage.nearest, the index into the full facility list. */
  active: Int32Array;
}

export interface CoverageResult {
  params: ModelParams;
  facilities: Facility[];
  services: Record<Service, ServiceResult>;
  /** Milliseconds the computation took. */
  elapsedMs: number;
}

export interface CoverageSource {
  compute(
    params: ModelParams,
    facilities: Facility[],
    opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void },
  ): Promise<CoverageResult>;
  dispose(): void;
}

function abortError(): Error {
  const e = new Error('Coverage request cancelled');
  e.name = 'AbortError';
  return e;
}

export function createCoverageSource(demand: DemandTable, hromadaCount: number): CoverageSource {
  const worker = new Worker(new URL('./fallback.worker.ts', import.meta.url), { type: 'module' });
  worker.postMessage({ type: 'init', demand, hromadaCount });
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Record<Service, ServiceResult>) => void; reject: (e: Error) => void; onProgress?: (f: number) => void }>();
  worker.onmessage = (ev: MessageEvent<{ type: 'progress' | 'result'; id: number; fraction?: number; result?: Record<Service, ServiceResult> }>) => {
    const m = ev.data;
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') p.onProgress?.(m.fraction ?? 0);
    else {
      pending.delete(m.id);
      p.resolve(m.result!);
    }
  };
  worker.onerror = (ev) => {
    for (const p of pending.values()) p.reject(new Error(`Coverage worker failed: ${ev.message}`));
    pending.clear();
  };
  return {
    compute(params, facilities, opts) {
      const id = nextId++;
      const t0 = performance.now();
      // Only the newest request matters: earlier ones are dropped.
      for (const [oldId, p] of pending) {
        pending.delete(oldId);
        p.reject(abortError());
      }
      return new Promise<CoverageResult>((resolve, reject) => {
        if (opts.signal?.aborted) return reject(abortError());
        opts.signal?.addEventListener('abort', () => {
          if (pending.delete(id)) reject(abortError());
        });
        pending.set(id, {
          resolve: (services) => resolve({ params, facilities, services, elapsedMs: performance.now() - t0 }),
          reject,
          ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        });
        worker.postMessage({ type: 'compute', id, params, facilities, services: ['fire', 'police'] });
      });
    },
    dispose() {
      worker.terminate();
      pending.clear();
    },
  };
}
