/**
 * The page side of the solver worker (src/worker/solver.worker.ts): one worker kept between runs (HiGHS loads once);
 * aborting a run terminates it at once — the only way to stop HiGHS's synchronous solve — and the next run starts a
 * fresh one.
 */
import type { PlanOptions, PlanProblem, PlanProgress, PlanResult } from '../engine/optimize';
import type { SolverMessage, SolverRequest } from './optimize-protocol';

let worker: Worker | null = null;
let busy = false;

/**
 * Solves `problem` in the solver worker.
 * @throws an AbortError when `signal` aborts (the worker is terminated), or the solver's error
 */
export function solveInWorker(
  problem: PlanProblem,
  options: PlanOptions,
  opts: { signal?: AbortSignal; onProgress?: (p: PlanProgress) => void },
): Promise<PlanResult> {
  return new Promise<PlanResult>((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new DOMException('aborted before sending', 'AbortError'));
    if (busy && worker) {
      worker.terminate();
      worker = null;
    }
    const w = worker ?? new Worker(new URL('./solver.worker.ts', import.meta.url), { type: 'module' });
    worker = w;
    busy = true;
    const done = () => {
      busy = false;
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = (e: MessageEvent<SolverMessage>) => {
      const m = e.data;
      if (m.type === 'progress') opts.onProgress?.(m.progress);
      else if (m.type === 'done') {
        done();
        resolve(m.result);
      } else {
        done();
        const err = new Error(m.message);
        err.name = m.name;
        reject(err);
      }
    };
    const onError = (e: ErrorEvent) => {
      done();
      w.terminate();
      if (worker === w) worker = null;
      reject(new Error(e.message || 'the solver worker failed'));
    };
    const onAbort = () => {
      done();
      w.terminate();
      if (worker === w) worker = null;
      reject(new DOMException('cancelled', 'AbortError'));
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const req: SolverRequest = { problem, options };
    w.postMessage(req);
  });
}
