/**
 * The page's road-network store against the real worker protocol (fake workers): a dropped .graph file is read in
 * the coverage worker; a coverage worker started later (a data swap) is given the same graph before its first
 * compute; a damaged file leaves an error in both languages; clearing takes the graph out of the worker.
 */
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_PARAMS } from '../../src/engine';
import { syntheticCountry } from '../../src/engine/synthetic';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { writeGraphFile } from '../../src/io/roads';
import { clearRoads, loadDefaultRoads, loadRoadsFile, roadsSnapshot, roadsExportLines, subscribeRoads } from '../../src/state/roads';
import { CoverageClient } from '../../src/worker/client';
import { createCoverageHost } from '../../src/worker/host';
import { fakeWorkerPair } from '../worker/fake-worker';

const data = syntheticCountry({ seed: 4, demand: 800, facilities: 30, hromadas: 6 });
const ROAD = { ...DEFAULT_PARAMS, travelModel: 'road' as const, roads: { ...DEFAULT_PARAMS.roads, snapMaxKm: 25 } };

async function newClient(): Promise<CoverageClient> {
  const { worker, scope } = fakeWorkerPair();
  createCoverageHost(scope);
  const c = new CoverageClient(worker);
  await c.init({ data });
  return c;
}

/** Resolves when the store's status is `type`. */
function statusIs(type: string): Promise<void> {
  return new Promise((ok) => {
    if (roadsSnapshot().status.type === type) return ok();
    const off = subscribeRoads(() => {
      if (roadsSnapshot().status.type === type) {
        off();
        ok();
      }
    });
  });
}

describe('road network store', () => {
  const graph = syntheticRoads({ seed: 9, nx: 40, ny: 30 });
  const file = new Blob([writeGraphFile(graph) as Uint8Array<ArrayBuffer>]);

  it('loads a dropped .graph file into the coverage worker and gives it again to a new worker', async () => {
    const first = await newClient();
    await loadRoadsFile(file, 'national.graph');
    const s = roadsSnapshot().status;
    expect(s.type).toBe('ready');
    if (s.type !== 'ready') return;
    expect(s.info).toMatchObject({ fileName: 'national.graph', nodeCount: graph.nodeCount, edgeCount: graph.edgeCount });
    await first.setParams(ROAD);
    expect((await first.request('roadUnitModels', { service: 'fire' })).roadCount).toBeGreaterThan(0);
    // a data swap starts a new coverage worker: the store sends it the graph right after its init
    const second = await newClient();
    await second.setParams(ROAD);
    const units = await second.request('roadUnitModels', { service: 'fire' });
    expect(units.roadCount).toBeGreaterThan(0);
    expect(roadsExportLines(ROAD).join('\n')).toContain('travel_model: road network (graph national.graph');
    expect(roadsExportLines(ROAD).join('\n')).toContain('© OpenStreetMap contributors, ODbL 1.0');
    await clearRoads();
    await statusIs('none');
    await second.setParams({ ...ROAD });
    expect((await second.request('roadUnitModels', { service: 'fire' })).roadCount).toBe(0);
    expect(roadsExportLines(ROAD)).toEqual(['travel_model: straight line × detour (the road network model was chosen but no road graph was loaded)']);
  });

  it('a damaged graph file leaves an error in both languages, and no graph in the worker', async () => {
    const c = await newClient();
    await loadRoadsFile(file, 'good.graph');
    expect(roadsSnapshot().status.type).toBe('ready');
    const bytes = writeGraphFile(graph);
    await loadRoadsFile(new Blob([bytes.slice(0, bytes.length >> 1)]), 'cut.graph');
    const s = roadsSnapshot().status;
    expect(s.type).toBe('error');
    if (s.type !== 'error') return;
    expect(s.fileName).toBe('cut.graph');
    expect(s.message.en.length).toBeGreaterThan(10);
    expect(s.message.uk).toMatch(/[а-яіїєґ]/i);
    // the good graph loaded before is taken out too: the page shows none, so the engine uses none
    await c.setParams(ROAD);
    expect((await c.request('roadUnitModels', { service: 'fire' })).roadCount).toBe(0);
  });

  it('the default graph is tried again after its own load failed, never over a graph the user gave', async () => {
    await newClient();
    await clearRoads();
    const bytes = writeGraphFile(graph) as Uint8Array<ArrayBuffer>;
    let gets = 0;
    vi.stubGlobal('location', { origin: 'http://127.0.0.1:4173' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        if (init?.method === 'HEAD') return new Response(null, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
        // the first load fails (as a load cut off by a disposed worker does); the next one succeeds
        return ++gets === 1 ? new Response('', { status: 500 }) : new Response(bytes);
      }),
    );
    try {
      const base = 'http://127.0.0.1:4173/geo/';
      await loadDefaultRoads(base);
      expect(roadsSnapshot().status.type).toBe('error');
      await loadDefaultRoads(base);
      const s = roadsSnapshot().status;
      expect(s.type).toBe('ready');
      if (s.type === 'ready') expect(s.info.fileName).toBe('roads.graph');
      // a failed file of the user's own is not replaced by the default graph
      await loadRoadsFile(new Blob([bytes.slice(0, bytes.length >> 1)]), 'mine.graph');
      expect(roadsSnapshot().status.type).toBe('error');
      await loadDefaultRoads(base);
      expect(roadsSnapshot().status).toMatchObject({ type: 'error', fileName: 'mine.graph' });
      expect(gets).toBe(2);
    } finally {
      vi.unstubAllGlobals();
      await clearRoads();
    }
  });
});
