import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEmbeddedData, main, parsePlanArgs, runPlan, writeOutputs } from '../../src/cli/plan';
import { CoverageEngine, DEFAULT_PARAMS } from '../../src/engine';
import { bestMinutes } from '../../src/engine/norms';
import { toPlannedFacilities } from '../../src/engine/optimize';
import { syntheticRoads } from '../../src/engine/roads/synthetic-roads';
import { writeGraphFile } from '../../src/io/roads/graph-file';

const data = loadEmbeddedData();
// a hromada with some demand units; a SYNTHETIC road graph (not real roads) over its units' box
const counts = new Map<number, number>();
for (let i = 0; i < data.demand.count; i++) counts.set(data.demand.hromada[i]!, (counts.get(data.demand.hromada[i]!) ?? 0) + 1);
const h = [...counts].filter(([k, n]) => k >= 0 && n >= 25 && n <= 80 && (data.hromadas.status?.[k] ?? 0) === 0)[0]![0];
const code = data.hromadas.codes[h]!;
let [w, s, e, n] = [180, 90, -180, -90];
for (let i = 0; i < data.demand.count; i++) {
  if (data.demand.hromada[i] !== h) continue;
  w = Math.min(w, data.demand.lon[i]!);
  e = Math.max(e, data.demand.lon[i]!);
  s = Math.min(s, data.demand.lat[i]!);
  n = Math.max(n, data.demand.lat[i]!);
}
const graph = syntheticRoads({ seed: 2, bbox: [w - 0.2, s - 0.15, e + 0.2, n + 0.15], nx: 40, ny: 36, highwayEvery: 8 });
const dir = mkdtempSync(join(tmpdir(), 'plan-roads-'));
const graphPath = join(dir, 'area.graph');
writeFileSync(graphPath, writeGraphFile(graph));

async function plan(args: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'plan-roads-out-'));
  const a = parsePlanArgs([...args, '--out-dir', out]);
  const run = await runPlan(a);
  writeOutputs(run, out, a);
  return {
    run,
    json: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { travelModel: string; notes: string[]; coveredWeight: number },
    geo: JSON.parse(readFileSync(join(out, 'sites.geojson'), 'utf8')) as { travelModel: string },
  };
}

describe('npm run plan -- --roads GRAPH', () => {
  it('plans by road; the outputs say so; the claimed covered population equals the engine\'s with the sites added', async () => {
    const r = await plan(['--roads', graphPath, '--scope', `hromada:${code}`, '--new', '2', '--method', 'exact']);
    expect(r.json.travelModel).toBe('road-network');
    expect(r.geo.travelModel).toBe('road-network');
    expect(r.json.notes.some((x) => /Travel model: ROAD NETWORK from .*area\.graph/.test(x))).toBe(true);
    expect(r.json.notes.some((x) => /Travel model: ROAD NETWORK \(graph from synthetic\).* candidate sites/.test(x))).toBe(true);
    const res = r.run.result;
    expect(res.sites.length).toBe(2);
    // the engine with the same graph, the existing units and the proposed sites opened
    const params = { ...structuredClone(DEFAULT_PARAMS), travelModel: 'road' as const };
    const sites = toPlannedFacilities(res, 'local_fire_department').map((f) => ({ ...f, status: 'opened' as const }));
    const engine = new CoverageEngine(data.demand, data.hromadas, [...data.facilities, ...sites], params);
    engine.setRoadGraph(graph);
    const after = bestMinutes(engine, 'fire');
    const index = new Map(data.demand.ids.map((id, i) => [id, i]));
    const p = r.run.problem;
    let covered = 0;
    for (let k = 0; k < p.demand.count; k++) {
      const i = index.get(p.demand.ids[k]!)!;
      if (after[i]! <= p.demand.threshold[k]!) covered += p.demand.weight[k]!;
    }
    expect(covered).toBeCloseTo(res.scope.coveredAfter, 6);
    expect(r.json.coveredWeight).toBeCloseTo(covered, 6);

    const straight = await plan(['--scope', `hromada:${code}`, '--new', '2', '--method', 'exact']);
    expect(straight.json.travelModel).toBe('straight-line');
    expect(straight.json.notes.some((x) => /ROAD NETWORK/.test(x))).toBe(false);
    // --param travel=straight keeps the graph out of the plan (and says it was not used)
    const off = await plan(['--roads', graphPath, '--param', 'travel=straight', '--scope', `hromada:${code}`, '--new', '2']);
    expect(off.json.travelModel).toBe('straight-line');
    expect(off.json.notes.some((x) => /attached but not used/.test(x))).toBe(true);
  }, 120_000);

  it('expected-coverage by road: the claimed expected population equals the engine\'s with the sites opened; budget, backup and relocate run by road', async () => {
    const r = await plan(['--roads', graphPath, '--objective', 'expected-coverage', '--scope', `hromada:${code}`, '--new', '2']);
    expect(r.json.travelModel).toBe('road-network');
    const res = r.run.result;
    expect(res.sites.length).toBeGreaterThan(0);
    const params = { ...structuredClone(DEFAULT_PARAMS), travelModel: 'road' as const };
    const sites = toPlannedFacilities(res, 'local_fire_department').map((f) => ({ ...f, status: 'opened' as const }));
    const engine = new CoverageEngine(data.demand, data.hromadas, [...data.facilities, ...sites], params);
    engine.setRoadGraph(graph);
    const miss = engine.missProbability('fire');
    const index = new Map(data.demand.ids.map((id, i) => [id, i]));
    const p = r.run.problem;
    let expected = 0;
    for (let k = 0; k < p.demand.count; k++) expected += p.demand.weight[k]! * (1 - miss[index.get(p.demand.ids[k]!)!]!);
    expect(expected).toBeCloseTo(res.scope.coveredAfter, 4);
    for (const extra of [['--objective', 'budget', '--budget', '20'], ['--objective', 'backup-coverage'], ['--objective', 'relocate', '--move', '1', '--type', 'state_fire_unit']]) {
      const b = await plan(['--roads', graphPath, ...extra, '--scope', `hromada:${code}`, '--new', '2']);
      expect(b.json.travelModel).toBe('road-network');
      expect(b.json.notes.some((x) => /ROAD NETWORK \(graph from synthetic\)/.test(x))).toBe(true);
    }
  }, 120_000);

  it('closures by road: ranked by the road model, the same outputs, labelled; each loss equals a road recompute without the unit', async () => {
    const out = mkdtempSync(join(tmpdir(), 'plan-roads-closures-'));
    const a = parsePlanArgs(['--roads', graphPath, '--objective', 'closures', '--scope', `hromada:${code}`, '--out-dir', out]);
    const run = await runPlan(a);
    writeOutputs(run, out, a);
    const json = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { travelModel: string; notes: string[] };
    expect(json.travelModel).toBe('road-network');
    expect(json.notes.some((x) => /Travel model: ROAD NETWORK \(graph from synthetic\).* ranked units/.test(x))).toBe(true);
    expect((JSON.parse(readFileSync(join(out, 'closures.geojson'), 'utf8')) as { travelModel: string }).travelModel).toBe('road-network');
    const csv = readFileSync(join(out, 'closures.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('rank,id,name,type,hromada_code,lon,lat,loss,loss_in_scope,units_lost,expected_loss,first_due,assumed');
    const rows = run.closures!;
    expect(rows.length).toBeGreaterThan(0);
    expect(csv.length).toBe(rows.length + 1);
    // the oracle: the engine by road without the unit, full recompute (controlled territory counted)
    const params = { ...structuredClone(DEFAULT_PARAMS), travelModel: 'road' as const };
    const occupied = (i: number) => (data.hromadas.status?.[data.demand.hromada[i]!] ?? 0) !== 0;
    const covered = (e: CoverageEngine) => {
      const c = e.coverage('fire').covered;
      let sum = 0;
      for (let i = 0; i < data.demand.count; i++) if (c[i] && !occupied(i)) sum += data.demand.population[i]!;
      return sum;
    };
    const full = new CoverageEngine(data.demand, data.hromadas, data.facilities, params);
    full.setRoadGraph(graph);
    const base = covered(full);
    for (const r of rows.slice(0, 3)) {
      const e = new CoverageEngine(data.demand, data.hromadas, data.facilities.filter((f) => f.id !== r.id), params);
      e.setRoadGraph(graph);
      expect(r.loss, r.id).toBeCloseTo(base - covered(e), 6);
    }
    // the straight-line ranking of the same units differs somewhere: the road model was used
    const s2 = await runPlan(parsePlanArgs(['--objective', 'closures', '--scope', `hromada:${code}`, '--out-dir', out]));
    expect(s2.travelModel.model).toBe('straight-line');
    expect(s2.closures!.map((r) => [r.id, r.loss, r.expectedLoss])).not.toEqual(rows.map((r) => [r.id, r.loss, r.expectedLoss]));
  }, 180_000);

  it('bad input: not a graph file, --roads with --matrix (exit 2, a clear message)', async () => {
    const bad = join(dir, 'bad.graph');
    writeFileSync(bad, 'not a graph');
    const cases: [string[], RegExp][] = [
      [['--roads', bad, '--scope', `hromada:${code}`], /--roads .*bad\.graph: not a road graph file/],
      [['--roads', join(dir, 'missing.graph'), '--scope', `hromada:${code}`], /--roads .*missing\.graph: cannot read the file/],
      [['--roads', graphPath, '--matrix', 'x.csv', '--radius', '10'], /--roads applies to the embedded data/],
    ];
    for (const [argv, msg] of cases) {
      let err = '';
      const code2 = await main([...argv, '--out-dir', mkdtempSync(join(tmpdir(), 'plan-roads-bad-'))], { out: () => {}, err: (x) => (err += x) });
      expect(code2).toBe(2);
      expect(err).toMatch(msg);
    }
  }, 60_000);
});
