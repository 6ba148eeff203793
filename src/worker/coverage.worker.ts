/**
 * Web Worker entry: the coverage engine behind the typed protocol (protocol.ts). Thin on purpose — the logic is in
 * host.ts and src/engine, tested in Node. Built by Vite from client.ts:
 * `new Worker(new URL('./coverage.worker.ts', import.meta.url), { type: 'module' })`.
 */
import { createCoverageHost } from './host';
import type { MessagePort_ } from './protocol';
import { optimizeHandler, planProblemHandler } from './optimize-handler';
import { exportCoverageHandler } from './export-handlers';

const scope = self as unknown as MessagePort_;
createCoverageHost(scope, { optimize: optimizeHandler(scope), planProblem: planProblemHandler, exportCoverage: exportCoverageHandler });
