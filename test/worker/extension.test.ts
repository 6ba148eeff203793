import { describe, expect, it } from 'vitest';
import { syntheticCountry } from '../../src/engine/synthetic';
import { CoverageClient } from '../../src/worker/client';
import { createCoverageHost } from '../../src/worker/host';
import { fakeWorkerPair } from './fake-worker';

// How the optimizer adds its message: declaration merging on WorkerMessages …
declare module '../../src/worker/protocol' {
  interface WorkerMessages {
    countUncovered: [{ service: 'fire' | 'police' }, { uncovered: number; best: Float64Array }];
  }
}

describe('protocol extension point', () => {
  it('a merged message type with its handler runs through the same client, superseding when asked', async () => {
    const data = syntheticCountry({ seed: 2, demand: 500, facilities: 20 });
    const { worker, scope } = fakeWorkerPair();
    // … and a handler passed to the host
    createCoverageHost(scope, {
      countUncovered: (req, ctx) => {
        const c = ctx.engine().coverage(req.service);
        return { uncovered: c.covered.reduce((a, x) => a + (x ? 0 : 1), 0), best: ctx.engine().rankingMetric(req.service).slice() };
      },
    });
    const client = new CoverageClient(worker);
    await client.init({ data });
    const stale = client.request('countUncovered', { service: 'fire' }, { supersede: true });
    const fresh = client.request('countUncovered', { service: 'police' }, { supersede: true });
    await expect(stale).rejects.toMatchObject({ name: 'AbortError' });
    const r = await fresh;
    expect(r.best).toBeInstanceOf(Float64Array);
    expect(r.best.length).toBe(500);
    expect(r.uncovered).toBeGreaterThanOrEqual(0);
  });
});
