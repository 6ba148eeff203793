/**
 * The helper thread's entry in Node (worker_threads; see ./search-thread.ts): runs the road model's full top-2
 * searches it is sent (src/engine/roads/parallel.ts).
 */
import { parentPort } from 'node:worker_threads';
import { Top2Runner, type Top2Message } from '../engine/roads/parallel';

const runner = new Top2Runner();
parentPort!.on('message', (m: Top2Message) => runner.handle(m));
