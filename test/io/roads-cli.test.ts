/**
 * `npm run roads` (src/cli/roads.ts): builds the fixture's graph file, prints counts, throughput and peak memory, and
 * the file reads back to the graph `buildRoadGraph` gives; a bad file or option is an error with its message.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRoads } from '../../src/cli/roads';
import { buildRoadGraph, readGraphFile, RoadsError } from '../../src/io/roads';
import { arraysOf, fileSource } from './roads-helpers';

const FIX = 'test/fixtures/roads/monaco-centre.osm.pbf';

describe('npm run roads', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'hc-roads-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes the graph file and reports counts, MB/s and peak RSS', async () => {
    const lines: string[] = [];
    const out = join(tmp, 'm.graph');
    const r = await runRoads([FIX, '--out', out], (s) => lines.push(s));
    const text = lines.join('\n');
    expect(text).toMatch(/monaco-centre\.osm\.pbf: PBF, 0\.0 MB, OSM timestamp 2016-03-05T00:26:02Z/);
    expect(text).toMatch(/ways: 378 drivable \(378 kept, 0 reversible skipped, 0 with missing nodes: 0 refs skipped\)/);
    expect(text).toMatch(/graph: 340 nodes, 598 directed edges/);
    expect(text).toMatch(/[\d.]+ MB\/s \(two passes over the file\), peak RSS \d+ MB/);
    expect(text).toMatch(/ODbL 1\.0, © OpenStreetMap contributors/);
    expect(r.counts['edges']).toBe(598);
    const g = readGraphFile(new Uint8Array(readFileSync(out)));
    const direct = await buildRoadGraph(fileSource(FIX));
    expect(arraysOf(g)).toEqual(arraysOf(direct.graph));
    expect(g.meta.source).toBe('monaco-centre.osm.pbf');
  });

  it('--bbox cuts the network; bad options and files are errors with messages', async () => {
    const r = await runRoads([FIX, '--bbox', '7.42,43.73,7.425,43.735', '--out', join(tmp, 'b.graph')], () => {});
    expect(r.counts['segments_outside_bbox']).toBeGreaterThan(0);
    expect(r.counts['edges']).toBeLessThan(598);
    await expect(runRoads([FIX, '--bbox', '7.42,43.73'], () => {})).rejects.toThrow(/--bbox takes W,S,E,N/);
    await expect(runRoads([FIX, '--frobnicate'], () => {})).rejects.toThrow(/Unknown option --frobnicate/);
    await expect(runRoads([], () => {})).rejects.toThrow(/Usage: npm run roads/);
    await expect(
      runRoads(['test/fixtures/roads/README.md', '--out', join(tmp, 'x.graph')], () => {}),
    ).rejects.toBeInstanceOf(RoadsError);
  });
});
