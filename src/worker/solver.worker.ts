/**
 * The planner's solver worker: runs `optimize` on a problem built by the coverage worker (`planProblem`). Used for
 * the exact method, whose HiGHS solve blocks its thread: the page cancels by terminating this worker, and the
 * coverage worker stays free for edits meanwhile.
 */
import { optimize } from '../engine/optimize';
import { loadHighs } from './optimize-handler';
import type { SolverMessage, SolverRequest } from './optimize-protocol';

const post = (m: SolverMessage) => (self as unknown as { postMessage(m: SolverMessage): void }).postMessage(m);

self.addEventListener('message', (event: MessageEvent<SolverRequest>) => {
  const { problem, options } = event.data;
  optimize(
    problem,
    options,
    { onProgress: (progress) => post({ type: 'progress', progress }) },
    { highsLoader: loadHighs },
  )
    .then((result) => post({ type: 'done', result }))
    .catch((e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      post({ type: 'error', name: err.name, message: err.message });
    });
});
