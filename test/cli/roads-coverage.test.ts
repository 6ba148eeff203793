import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, parseCoverageArgs } from '../../src/cli/coverage';
import { DEFAULT_PARAMS } from '../../src/engine';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { writeGraphFile } from '../../src/io/roads/graph-file';

const IN = resolve('test/fixtures/in/vinnytsia3');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'coverage-roads-'));
  let out = '';
  let err = '';
  const code = await main([...argv, '--out-dir', dir], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err, dir };
}

const rows = (text: string) =>
  text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(','));

describe('coverage CLI with a road graph', () => {
  it('--roads sets the road model; --export-matrix lists driving minutes that agree with demand.csv', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roads-graph-'));
    // a SYNTHETIC graph over the fixture's area (not real roads)
    const graphPath = join(dir, 'area.graph');
    writeFileSync(
      graphPath,
      writeGraphFile(syntheticRoads({ seed: 5, bbox: [28.0, 48.9, 29.1, 49.5], nx: 70, ny: 60, highwayEvery: 10 })),
    );
    const matrixPath = join(dir, 'matrix.csv');
    const r = await run([
      '--facilities',
      join(IN, 'facilities.csv'),
      '--demand',
      join(IN, 'demand.csv'),
      '--service',
      'fire',
      '--roads',
      graphPath,
      '--export-matrix',
      matrixPath,
    ]);
    expect(r.err).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(readFileSync(join(r.dir, 'ATTRIBUTION.txt'), 'utf8')).toMatch(
      /Travel model: ROAD NETWORK from .*area\.graph.*5 of 5 demand units lie within 2 km/,
    );
    const matrix = rows(readFileSync(matrixPath, 'utf8'));
    expect(matrix[0]).toEqual(['facility_id', 'demand_id', 'minutes']);
    const pair = new Map(matrix.slice(1).map(([f, d, m]) => [`${f}|${d}`, Number(m)]));
    const demand = rows(readFileSync(join(r.dir, 'demand.csv'), 'utf8'));
    const h = demand[0]!;
    const col = (name: string) => h.indexOf(name);
    let checked = 0;
    for (const row of demand.slice(1)) {
      const id = row[col('nearest_id')]!;
      if (!id) continue;
      const turnout = DEFAULT_PARAMS.turnoutMin[row[col('nearest_type')] as keyof typeof DEFAULT_PARAMS.turnoutMin];
      const driving = pair.get(`${id}|${row[col('demand_id')]}`);
      expect(driving).toBeDefined();
      expect(Math.abs(driving! + turnout - Number(row[col('minutes')]))).toBeLessThan(0.002);
      checked++;
    }
    expect(checked).toBe(5);
  });

  it('--param travel=straight after --roads keeps the straight-line model; a file that is not a graph is refused', async () => {
    const a = parseCoverageArgs(['--roads', 'x.graph', '--param', 'travel=straight']);
    expect(a !== 'help' && a.params.travelModel).toBe('straight');
    const dir = mkdtempSync(join(tmpdir(), 'roads-bad-'));
    const bad = join(dir, 'bad.graph');
    writeFileSync(bad, 'not a graph');
    const r = await run([
      '--facilities',
      join(IN, 'facilities.csv'),
      '--demand',
      join(IN, 'demand.csv'),
      '--roads',
      bad,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--roads .*bad\.graph: not a road graph file/);
  });
});
