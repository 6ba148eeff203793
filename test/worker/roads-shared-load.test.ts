/**
 * The coverage worker with a helper thread (src/engine/roads/parallel.ts) loads a road graph onto shared memory:
 * a graph file picked as a blob is read straight into it (not read whole and then copied, which held the file
 * twice until the first coverage was done); a transferred buffer is copied. Either way the figures are those of
 * one thread, and the helper ran a search.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CoverageEngine, DEFAULT_PARAMS } from '../../src/engine';
import { syntheticCountry } from '../../src/engine/synthetic';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { readGraphFile, writeGraphFile } from '../../src/io/roads';
import { CoverageClient } from '../../src/worker/client';
import { createCoverageHost } from '../../src/worker/host';
import { blobToShared } from '../../src/worker/roads-graph-io';
import { startSearchThread, type NodeSearchThread } from '../../src/cli/search-thread';
import type { ModelParams } from '../../src/engine/types';
import '../../src/worker/roads-protocol';
import { fakeWorkerPair } from './fake-worker';

const ROAD: ModelParams = { ...DEFAULT_PARAMS, travelModel: 'road', roads: { ...DEFAULT_PARAMS.roads, snapMaxKm: 25 } };
const data = syntheticCountry({ seed: 3, demand: 1500, facilities: 40, hromadas: 8 });
// a SYNTHETIC graph (not real roads)
const file = new Uint8Array(writeGraphFile(syntheticRoads({ seed: 5, nx: 60, ny: 40 })));

async function until(ok: () => boolean): Promise<void> {
  for (let t = 0; t < 400 && !ok(); t++) await new Promise((r) => setTimeout(r, 25));
  expect(ok()).toBe(true);
}

describe('a road graph loaded for the helper thread', () => {
  let node: NodeSearchThread | null = null;
  afterAll(async () => {
    await node?.close();
  });

  it('blobToShared gives the blob on a SharedArrayBuffer, byte for byte (several chunks; empty)', async () => {
    const parts = [file.subarray(0, 1000), file.subarray(1000, 70_000), file.subarray(70_000)];
    const b = await blobToShared(new Blob(parts));
    expect(b.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(b).equals(Buffer.from(file))).toBe(true);
    expect((await blobToShared(new Blob([]))).length).toBe(0);
  });

  it('a blob is read into shared memory, not read whole; blob and buffer give the one-thread figures', async () => {
    node = startSearchThread();
    const thread = node!.thread;
    await until(() => thread.available);
    const { worker, scope } = fakeWorkerPair();
    createCoverageHost(scope, {}, undefined, () => thread);
    const client = new CoverageClient(worker);
    await client.init({ data });
    await client.setParams(ROAD);
    const oracle = new CoverageEngine(data.demand, data.hromadas, data.facilities, ROAD);
    oracle.setRoadGraph(readGraphFile(file));

    const whole = vi.spyOn(Blob.prototype, 'arrayBuffer');
    const res = await client.request('loadRoadGraph', { fileName: 'a.graph', blob: new Blob([file]) });
    if ('error' in res) throw new Error(res.error.en);
    expect(whole).not.toHaveBeenCalled();
    whole.mockRestore();
    expect(res.info).toMatchObject({ bytes: file.length, searchThreads: 2 });
    const results = await client.getResults();
    for (const s of ['fire', 'police'] as const)
      expect(Array.from(results.coverage[s]!.minutes)).toEqual(Array.from(oracle.coverage(s).minutes));
    expect(thread.counts.done).toBeGreaterThan(0);

    const buffer = file.slice().buffer;
    const again = await client.request('loadRoadGraph', { fileName: 'b.graph', buffer }, { transfer: [buffer] });
    if ('error' in again) throw new Error(again.error.en);
    expect(again.info.bytes).toBe(file.length);
    const nodes = await client.request('roadNodeMinutes', { service: 'police' });
    expect(Array.from(nodes.minutes)).toEqual(Array.from(Float32Array.from(oracle.roadNodeMinutes('police')!)));
  });
});
