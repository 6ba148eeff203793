/**
 * A helper thread for the road model's full searches in Node (the CLI and the benchmarks): a worker_threads Worker
 * running ./search-thread-worker.ts, and the engine's side of it (src/engine/roads/parallel.ts). The thread is
 * unref'd, so it never keeps a finished command alive; `close()` ends it.
 *
 * The entry is TypeScript, run through tsx's loader, which a worker does not inherit from `tsx` / `node --import tsx`:
 * the worker registers it first, then imports the entry.
 */
import { Worker } from 'node:worker_threads';
import { SearchThread, sharedMemoryAvailable } from '../engine/roads/parallel';

export interface NodeSearchThread {
  readonly thread: SearchThread;
  close(): Promise<void>;
}

/** Starts the helper thread, or returns null when this Node has no shared memory. */
export function startSearchThread(): NodeSearchThread | null {
  if (!sharedMemoryAvailable()) return null;
  const entry = new URL('./search-thread-worker.ts', import.meta.url).href;
  const worker = new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true },
  );
  worker.unref();
  // a helper that fails to start never says it listens: the engine then searches on its own thread
  worker.on('error', (e) => console.error(`road search thread: ${e.message}`));
  const thread = new SearchThread((m) => worker.postMessage(m));
  return {
    thread,
    close: async () => {
      await worker.terminate();
    },
  };
}
