/**
 * The coverage CLI reads a road graph for its helper thread straight into shared memory (src/cli/coverage-roads.ts):
 * the file is not first read into an ordinary buffer and then copied, which held it twice until the first coverage
 * was done. Results are those of one thread.
 */
import * as fs from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { attachRoads, readFileShared } from '../../src/cli/coverage-roads';
import { startSearchThread, type NodeSearchThread } from '../../src/cli/search-thread';
import { CoverageEngine, DEFAULT_PARAMS } from '../../src/engine';
import { syntheticCountry } from '../../src/engine/synthetic';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { writeGraphFile } from '../../src/io/roads/graph-file';

vi.mock('node:fs', async (orig) => {
  const m = await orig<typeof import('node:fs')>();
  return { ...m, readFileSync: vi.fn(m.readFileSync) };
});

const dir = mkdtempSync(join(tmpdir(), 'roads-shared-'));
const graphPath = join(dir, 'area.graph');
// a SYNTHETIC graph (not real roads)
const fileBytes = writeGraphFile(syntheticRoads({ seed: 3, bbox: [30, 50, 30.8, 50.5], nx: 60, ny: 40, highwayEvery: 8 }));
writeFileSync(graphPath, fileBytes);

function engine(): CoverageEngine {
  const c = syntheticCountry({ seed: 3, demand: 1500, facilities: 40, hromadas: 6, bbox: [30, 50, 30.8, 50.5] });
  return new CoverageEngine(c.demand, c.hromadas, c.facilities, { ...structuredClone(DEFAULT_PARAMS), travelModel: 'road' });
}

describe('a road graph read for the helper thread', () => {
  let node: NodeSearchThread | null = null;
  afterAll(async () => {
    await node?.close();
  });

  it('readFileShared gives the file on a SharedArrayBuffer, byte for byte; an empty file gives no bytes', () => {
    const b = readFileShared(graphPath);
    expect(b.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(b).equals(Buffer.from(fileBytes))).toBe(true);
    const empty = join(dir, 'empty.graph');
    writeFileSync(empty, '');
    expect(readFileShared(empty).length).toBe(0);
  });

  it('attachRoads with a thread reads the file once, into shared memory, and gives the one-thread results', () => {
    node = startSearchThread();
    const read = vi.mocked(fs.readFileSync);
    read.mockClear();
    const a = engine();
    attachRoads(a, graphPath, () => {}, node!.thread);
    expect(read.mock.calls.filter((c) => c[0] === graphPath)).toEqual([]);
    expect(a.roadGraph!.first.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(a.roadGraph!.target.buffer).toBeInstanceOf(SharedArrayBuffer);
    const b = engine();
    attachRoads(b, graphPath, () => {});
    expect(b.roadGraph!.first.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    for (const s of ['fire', 'police'] as const) {
      expect(Array.from(a.coverage(s).minutes)).toEqual(Array.from(b.coverage(s).minutes));
      expect(Array.from(a.coverage(s).backup)).toEqual(Array.from(b.coverage(s).backup));
    }
  });

  it('a file that cannot be read is still a clear CLI error', () => {
    expect(() => attachRoads(engine(), join(dir, 'missing.graph'), () => {}, node!.thread)).toThrow(
      /--roads .*missing\.graph: cannot read the file/,
    );
  });
});
