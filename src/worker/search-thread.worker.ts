/**
 * The road model's helper thread in the page: a worker the coverage worker starts (coverage.worker.ts) when the page
 * is cross-origin isolated, running the full top-2 searches it is sent over shared memory
 * (src/engine/roads/parallel.ts). Thin on purpose.
 */
import { Top2Runner, type Top2Message } from '../engine/roads/parallel';

const runner = new Top2Runner();
self.addEventListener('message', (e: MessageEvent<Top2Message>) => runner.handle(e.data));
// how many searches this helper finished, for the browser test (test/e2e/roads.test.ts) to read from the worker
(self as unknown as { top2JobsDone: () => number }).top2JobsDone = () => runner.done;
