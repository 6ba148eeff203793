/**
 * The road network's worker messages through the real protocol (an in-process fake worker): a graph file's buffer
 * is transferred and parsed in the worker, the engine takes it, and what the page reads back (per-node minutes,
 * which units the road model timed, drawable paths) equals the engine's own figures. A file that is not a graph
 * answers with a message in both languages; clearing the graph brings back the straight-line figures bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { CoverageEngine, DEFAULT_PARAMS } from '../../src/engine';
import { syntheticCountry } from '../../src/engine/synthetic';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { readGraphFile, writeGraphFile } from '../../src/io/roads';
import { CoverageClient } from '../../src/worker/client';
import { createCoverageHost } from '../../src/worker/host';
import type { ModelParams } from '../../src/engine/types';
import '../../src/worker/roads-protocol';
import { fakeWorkerPair } from '../worker/fake-worker';

const ROAD: ModelParams = { ...DEFAULT_PARAMS, travelModel: 'road', roads: { ...DEFAULT_PARAMS.roads, snapMaxKm: 25 } };

function setup() {
  const data = syntheticCountry({ seed: 3, demand: 1500, facilities: 40, hromadas: 8 });
  const { worker, scope } = fakeWorkerPair();
  createCoverageHost(scope);
  const client = new CoverageClient(worker);
  const graph = syntheticRoads({ seed: 5, nx: 60, ny: 40 });
  return { data, client, graph };
}

function graphBuffer(g: ReturnType<typeof syntheticRoads>): ArrayBuffer {
  const bytes = writeGraphFile(g);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

describe('road network in the coverage worker', () => {
  it('loads a transferred graph file and answers with the engine’s road figures', async () => {
    const { data, client, graph } = setup();
    await client.init({ data });
    const buffer = graphBuffer(graph);
    const bytes = buffer.byteLength;
    const res = await client.request('loadRoadGraph', { fileName: 'test.graph', buffer }, { transfer: [buffer] });
    expect(buffer.byteLength).toBe(0); // transferred, not copied
    if ('error' in res) throw new Error(res.error.en);
    expect(res.info).toMatchObject({ fileName: 'test.graph', bytes, nodeCount: graph.nodeCount, edgeCount: graph.edgeCount, source: 'synthetic' });

    await client.setParams(ROAD);
    const oracle = new CoverageEngine(data.demand, data.hromadas, data.facilities, ROAD);
    // the graph as the file holds it (coordinates in 1e-7 degrees)
    oracle.setRoadGraph(readGraphFile(writeGraphFile(graph)));
    const units = await client.request('roadUnitModels', { service: 'fire' });
    expect(Array.from(units.viaRoad)).toEqual(Array.from(oracle.travelModelOf('fire'), (m) => (m === 1 ? 1 : 0)));
    expect(units.roadCount).toBeGreaterThan(0);
    const nodes = await client.request('roadNodeMinutes', { service: 'fire' });
    expect(nodes.minutes.length).toBe(graph.nodeCount);
    expect(Array.from(nodes.minutes)).toEqual(Array.from(Float32Array.from(oracle.roadNodeMinutes('fire')!)));
    const results = await client.getResults();
    expect(Array.from(results.coverage.fire!.minutes)).toEqual(Array.from(oracle.coverage('fire').minutes));

    const paths = await client.request('roadPaths', {});
    expect(paths.pathCount).toBeGreaterThan(0);
    expect(paths.startIndices[paths.pathCount]).toBe(paths.positions.length / 2);
  });

  it('refuses a file that is not a graph with a message in both languages, keeping the straight line', async () => {
    const { data, client } = setup();
    await client.init({ data });
    const res = await client.request('loadRoadGraph', { fileName: 'roads.csv', buffer: new TextEncoder().encode('id,lat,lon\n1,50,30\n').buffer as ArrayBuffer });
    expect('error' in res).toBe(true);
    if (!('error' in res)) return;
    expect(res.error.en.length).toBeGreaterThan(10);
    expect(res.error.uk).toMatch(/[а-яіїєґ]/i);
    await client.setParams(ROAD);
    const units = await client.request('roadUnitModels', { service: 'fire' });
    expect(units.roadCount).toBe(0);
  });

  it('with the graph cleared the road model computes as the straight line, bit for bit', async () => {
    const { data, client, graph } = setup();
    await client.init({ data });
    const straight = await client.getResults();
    const buffer = graphBuffer(graph);
    await client.request('loadRoadGraph', { fileName: 'g.graph', buffer }, { transfer: [buffer] });
    await client.setParams(ROAD);
    const road = await client.getResults();
    expect(Array.from(road.coverage.fire!.minutes)).not.toEqual(Array.from(straight.coverage.fire!.minutes));
    await client.request('clearRoadGraph', {});
    const back = await client.getResults();
    expect(Array.from(back.coverage.fire!.minutes)).toEqual(Array.from(straight.coverage.fire!.minutes));
    expect(Array.from(back.coverage.police!.nearest)).toEqual(Array.from(straight.coverage.police!.nearest));
  });
});
