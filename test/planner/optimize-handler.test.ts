import { describe, expect, it } from 'vitest';
import { defaultHighsLoader } from '../../src/engine/optimize';
import { syntheticCountry } from '../../src/engine/synthetic';
import { CoverageClient } from '../../src/worker/client';
import { createCoverageHost } from '../../src/worker/host';
import { optimize } from '../../src/engine/optimize';
import { optimizeHandler, planProblemHandler } from '../../src/worker/optimize-handler';
import {
  OPTIMIZE_PROGRESS,
  type OptimizeProgressMessage,
  type OptimizeRequest,
} from '../../src/worker/optimize-protocol';
import { fakeWorkerPair } from '../worker/fake-worker';

const REQ: OptimizeRequest = {
  service: 'fire',
  type: 'local_fire_department',
  objective: 'coverage',
  newFacilities: 3,
  targetShare: 1,
  method: 'heuristic',
  timeLimitSec: 10,
  scope: { kind: 'country' },
  candidates: 'settlements',
};

async function setup() {
  const data = syntheticCountry({ seed: 5, demand: 3000, facilities: 15, hromadas: 10 });
  const { worker, scope } = fakeWorkerPair();
  // in Node HiGHS loads from node_modules (the page's loader uses the asset URL Vite emits)
  createCoverageHost(scope, { optimize: optimizeHandler(scope, defaultHighsLoader), planProblem: planProblemHandler });
  const client = new CoverageClient(worker);
  await client.init({ data });
  const progress: OptimizeProgressMessage[] = [];
  worker.addEventListener('message', (e: MessageEvent) => {
    const m = e.data as OptimizeProgressMessage;
    if (m?.type === OPTIMIZE_PROGRESS) progress.push(m);
  });
  return { data, client, progress };
}

describe('the worker’s optimize message (through a fake worker)', () => {
  it('proposes sites over the engine’s current times, posting progress on the side', async () => {
    const { client, progress } = await setup();
    const r = await client.request('optimize', REQ);
    expect(r.result.sites.length).toBeGreaterThan(0);
    expect(r.result.sites.length).toBeLessThanOrEqual(3);
    expect(r.result.curve).toHaveLength(r.result.sites.length + 1);
    expect(r.result.scope.coveredAfter).toBeGreaterThan(r.result.scope.coveredBefore);
    expect(r.buildMs).toBeGreaterThanOrEqual(0);
    expect(progress.map((p) => p.progress.phase)).toContain('greedy');
    // the engine is unchanged: edits and results still answer after a run
    const res = await client.getResults({ services: ['fire'] });
    expect(res.coverage.fire!.minutes.length).toBe(3000);
  });

  it('an aborted run rejects with an AbortError and the worker keeps answering', async () => {
    const { client } = await setup();
    const ctrl = new AbortController();
    const run = client.request('optimize', { ...REQ, newFacilities: 50 }, { signal: ctrl.signal });
    ctrl.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const again = await client.request('optimize', REQ);
    expect(again.result.sites.length).toBeGreaterThan(0);
  });

  it('planProblem hands out the same problem: solving it elsewhere gives the optimize message’s answer', async () => {
    const { client } = await setup();
    const viaMessage = await client.request('optimize', REQ);
    const p = await client.request('planProblem', REQ);
    expect(p.options).toMatchObject({ objective: 'coverage', newFacilities: 3, method: 'heuristic' });
    expect(p.estimatedInputs).toEqual(viaMessage.estimatedInputs);
    const solved = await optimize(p.problem, p.options);
    expect(solved.sites.map((s) => s.id)).toEqual(viaMessage.result.sites.map((s) => s.id));
    expect(solved.curve).toEqual(viaMessage.result.curve);
  });

  it('the exact method loads HiGHS and proves optimality on a small scope', async () => {
    const { client } = await setup();
    const r = await client.request('optimize', { ...REQ, method: 'exact', timeLimitSec: 20 });
    expect(r.result.method).toBe('exact');
    expect(r.result.status).toBe('optimal');
  });
});
