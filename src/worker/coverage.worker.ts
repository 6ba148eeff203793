/**
 * Web Worker entry: the coverage engine behind the typed protocol (protocol.ts). Thin on purpose — the logic is in
 * host.ts and src/engine, tested in Node. Built by Vite from client.ts:
 * `new Worker(new URL('./coverage.worker.ts', import.meta.url), { type: 'module' })`.
 *
 * When the page is cross-origin isolated (the server sends COOP/COEP: see the README), the first road graph also
 * starts a helper worker (search-thread.worker.ts) that runs one service's full road search while this one runs the
 * other's.
 */
import { createCoverageHost } from './host';
import type { MessagePort_ } from './protocol';
import { optimizeHandler, planProblemHandler } from './optimize-handler';
import { exportCoverageHandler } from './export-handlers';
import { SearchThread, sharedMemoryAvailable } from '../engine/roads/parallel';

const scope = self as unknown as MessagePort_;

function startSearchThread(): SearchThread | null {
  if (!sharedMemoryAvailable()) return null;
  try {
    const w = new Worker(new URL('./search-thread.worker.ts', import.meta.url), { type: 'module' });
    // a helper that fails to load never says it listens: the searches then all run here
    w.addEventListener('error', (e) => console.error('road search thread:', e.message));
    return new SearchThread((m) => w.postMessage(m));
  } catch (e) {
    console.error('road search thread:', e);
    return null;
  }
}

createCoverageHost(
  scope,
  { optimize: optimizeHandler(scope), planProblem: planProblemHandler, exportCoverage: exportCoverageHandler },
  undefined,
  startSearchThread,
);
