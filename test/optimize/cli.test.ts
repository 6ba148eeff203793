import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlanArgs, runPlan, writeOutputs, applyParam, InputError, main } from '../../src/cli/plan';
import { DEFAULT_PARAMS } from '../../src/engine/types';

const here = dirname(fileURLToPath(import.meta.url));
const fx = (name: string): string => join(here, 'fixtures', name);
const root = join(here, '../..');

async function plan(args: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'plan-'));
  const a = parsePlanArgs([...args, '--out-dir', out]);
  const run = await runPlan(a);
  const summary = writeOutputs(run, out, a);
  const read = (f: string): string[] => readFileSync(join(out, f), 'utf8').trim().split('\n');
  return {
    out,
    run,
    summary,
    sites: read('sites.csv'),
    curve: read('curve.csv'),
    json: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')),
  };
}

const matrixArgs = ['--matrix', fx('matrix.csv'), '--demand', fx('demand.csv'), '--radius', '10', '--fixed', 'F0'];

describe('plan CLI on a small matrix fixture', () => {
  for (const method of ['heuristic', 'exact']) {
    it(`coverage N=2 (${method}): A then B, curve and summary`, async () => {
      const r = await plan([...matrixArgs, '--new', '2', '--method', method]);
      expect(r.sites[0]).toBe(
        'rank,id,name,hromada_code,type,lon,lat,marginal,cumulative_covered,cumulative_share,cumulative_mean_cost,estimated,estimated_share,note',
      );
      expect(r.sites.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['1,A', '2,B']);
      expect(r.sites.slice(1).map((l) => Number(l.split(',')[7]))).toEqual([80, 20]);
      expect(r.curve).toEqual([
        'k,covered,share,mean_cost',
        '0,100,0.480769,5',
        '1,180,0.865385,6.5',
        '2,200,0.961538,5.7',
      ]);
      expect(r.json).toMatchObject({
        objective: 'coverage',
        method,
        objectiveValue: 200,
        newFacilities: 2,
        newFacilityIds: ['A', 'B'],
        coveredWeight: 200,
        totalWeight: 208,
        coveredDemandPoints: 4,
        uncoveredDemandPoints: 2,
        weightedMeanCost: 5.7,
        gap: method === 'exact' ? 0 : null,
        illustrative: false,
      });
      expect(r.json.unreachable.largest.map((u: { id: string }) => u.id)).toEqual(['d6']);
      expect(typeof r.json.timeMs).toBe('number');
    });
  }
  it('min-facilities: every reachable unit needs A, B and C; d6 reported unreachable', async () => {
    for (const method of ['heuristic', 'exact']) {
      const r = await plan([...matrixArgs, '--objective', 'min-facilities', '--method', method]);
      expect(r.json.newFacilityIds.slice().sort()).toEqual(['A', 'B', 'C']);
      expect(r.json.unreachable).toMatchObject({
        count: 1,
        weight: 3,
        largest: [{ id: 'd6', name: 'Far', weight: 3 }],
      });
      expect(r.json.coveredWeight).toBe(205);
    }
  });
  it('p-median uses costs beyond the radius (C reaches d2 at 15)', async () => {
    const r = await plan([...matrixArgs, '--objective', 'p-median', '--new', '1', '--method', 'exact']);
    // Alone, A saves d2 (Inf→8) and d3 (Inf→9); the penalty for unreached units is the reach (15).
    expect(r.json.newFacilityIds).toEqual(['A']);
    expect(r.json.gap).toBe(0);
  });
  it('bad input names the file and row; exits 2', async () => {
    expect(() => parsePlanArgs(['--matrix', 'x.csv'])).toThrow(/--radius/);
    expect(() => parsePlanArgs(['--objective', 'max'])).toThrow(/coverage, min-facilities, p-median, backup-coverage, expected-coverage, closures, relocate, budget/);
    expect(() => applyParam(structuredClone(DEFAULT_PARAMS), 'speed.rural=fast')).toThrow(InputError);
    let err = '';
    const code = await main(['--matrix', fx('demand.csv'), '--radius', '10', '--out-dir', mkdtempSync(join(tmpdir(), 'plan-'))], { out: () => {}, err: (s) => (err += s) });
    expect(code).toBe(2);
    expect(err).toMatch(/demand\.csv: no usable columns: a plan matrix needs facility_id, demand_id, cost columns/);
  });
  it('npm run plan runs as a script: --help prints the usage with the exit statuses', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/plan.ts', '--help'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run plan/);
    expect(r.stdout).toMatch(/Exit status: 0 done .*\n.*2 bad input/s);
  });
  it('applies --param names', () => {
    const p = structuredClone(DEFAULT_PARAMS);
    applyParam(p, 'norm.fire.rural=15');
    applyParam(p, 'turnout.local_fire_department=3');
    applyParam(p, 'detour.urban=1.4');
    expect([p.normMin.fire.rural, p.turnoutMin.local_fire_department, p.detour.urban]).toEqual([15, 3, 1.4]);
  });
});

describe('plan CLI on the embedded data', () => {
  it('one hromada, exact: proposals are settlements of that hromada, marked illustrative where inputs are', async () => {
    const code = 'UA46060370000065120'; // any hromada: pick the first Lviv-oblast one if this code is absent
    const { loadEmbeddedData } = await import('../../src/cli/plan');
    const data = loadEmbeddedData();
    const h = data.hromadas.codes.includes(code) ? code : data.hromadas.codes[0]!;
    const r = await plan(['--scope', `hromada:${h}`, '--new', '2', '--method', 'exact']);
    expect(r.json.status).toBe('optimal');
    expect(r.json.currentCostFrom).toBe('CoverageEngine');
    for (const line of r.sites.slice(1)) expect(line.split(',')[3]).toBe(h);
    expect(r.curve.length).toBe(r.sites.length + 1);
    const gj = JSON.parse(readFileSync(join(r.out, 'sites.geojson'), 'utf8'));
    expect(gj.features.length).toBe(r.sites.length - 1);
    for (const f of gj.features) expect(f.properties.hromada_code).toBe(h);
  });

  it('an oblast over cells, exact p-median: a model of millions of entries reaches HiGHS (a spread overflowed the stack)', async () => {
    const r = await plan(['--objective', 'p-median', '--new', '20', '--scope', 'oblast:Волинська', '--candidates', 'cells', '--method', 'exact', '--time-limit', '2']);
    expect(r.sites.length).toBe(21);
    expect(['optimal', 'time-limit']).toContain(r.json.status);
  }, 120_000);
});

describe('plan CLI with a candidates file', () => {
  it('fills hromada codes by point-in-polygon and proposes only the listed points', async () => {
    const r = await plan([
      '--scope',
      'oblast:Київська',
      '--candidates',
      fx('candidates.csv'),
      '--new',
      '3',
      '--method',
      'exact',
    ]);
    const rows = r.sites.slice(1).map((l) => l.split(','));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(['c-slavutych', 'c-berezan', 'c-kotsiubynske']).toContain(row[1]);
      expect(row[3]).toMatch(/^UA32/); // Kyiv oblast KATOTTG codes start with UA32
      // The hromadas of the settlements the points were taken from.
      const want: Record<string, string> = {
        'c-slavutych': 'UA32100130000093505',
        'c-berezan': 'UA32060030000048241',
        'c-kotsiubynske': 'UA32080170000086616',
      };
      expect(row[3]).toBe(want[row[1]!]);
    }
  });
});

describe('plan CLI and territory status', () => {
  it('a hromada marked occupied by an imported list gets no site; --include-occupied plans there again', async () => {
    const scope = ['--scope', 'oblast:Київська', '--new', '3', '--method', 'heuristic'];
    const base = await plan(scope);
    const hromadaOf = (lines: string[]): string[] => lines.slice(1).map((l) => l.split(',')[3]!);
    const target = hromadaOf(base.sites)[0]!; // the hromada of the first site of the built-in run
    expect(base.json.territory).toMatchObject({ source: 'built-in', occupiedIncluded: false });

    const dir = mkdtempSync(join(tmpdir(), 'territory-'));
    const list = join(dir, 'list.csv');
    writeFileSync(
      list,
      '\ufeffКод КАТОТТГ;Назва територіальної громади;Статус;Дата початку;Дата завершення\n' +
        `${target};Перша;Тимчасово окупована;24.02.2022;\n` +
        'UA32080170010013153;Коцюбинське;тимчасово окупована;24.02.2022;\n', // a settlement code: rejected, reported
    );
    const r = await plan([...scope, '--territory', list, '--territory-date', '01.03.2022']);
    expect(hromadaOf(r.sites)).not.toContain(target);
    expect(r.sites.length).toBe(4);
    expect(r.json.territory).toMatchObject({
      source: 'file',
      list: 'list.csv',
      date: '2022-03-01',
      rejectedRows: 1,
      counts: { occupied: 1, occupied_before_2022: 0 },
      occupiedIncluded: false,
    });
    expect(r.json.territory.occupiedExcluded.units).toBeGreaterThan(0);
    expect(r.json.notes[0]).toMatch(/^Occupied territory left out \(territory list in use\): \d+ demand units, \d+ people in 1 occupied hromadas/);

    const inc = await plan([...scope, '--territory', list, '--include-occupied']);
    expect(hromadaOf(inc.sites)).toContain(target);
    expect(inc.json.territory.occupiedIncluded).toBe(true);
    expect(() => parsePlanArgs(['--territory-date', '2022-01-01'])).toThrow(/--territory-date applies/);
  }, 60_000);
});

describe('plan CLI: issue-14 objectives on the matrix fixture', () => {
  it('budget, expected-coverage, backup-coverage and relocate run; misplaced options are rejected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-costs-'));
    const costs = join(dir, 'costs.csv');
    const ids = [...new Set(readFileSync(fx('matrix.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!))].filter((x) => x !== 'F0');
    writeFileSync(costs, 'id,cost\n' + ids.map((id, k) => `${id},${1 + (k % 2)}`).join('\n') + '\n');
    const b = await plan([...matrixArgs, '--objective', 'budget', '--budget', '2', '--candidate-costs', costs, '--method', 'exact']);
    expect(b.json.budget.spent).toBeLessThanOrEqual(2);
    expect(b.sites[0]).toMatch(/cost_muah,people_per_muah$/);
    const e = await plan([...matrixArgs, '--objective', 'expected-coverage', '--availability', '0.8', '--new', '1']);
    expect(e.json.measure).toMatch(/expected/);
    const k = await plan([...matrixArgs, '--objective', 'backup-coverage', '--radius2', '15', '--new', '2', '--method', 'exact']);
    expect(k.json.gap).toBe(0);
    const r = await plan([...matrixArgs, '--objective', 'relocate', '--movable', ids[0]!, '--move', '1']);
    expect(readFileSync(join(r.out, 'moves.csv'), 'utf8')).toMatch(/^rank,from_id/);
    expect(() => parsePlanArgs(['--objective', 'coverage', '--budget', '3'])).toThrow(/--budget applies to --objective budget only/);
    expect(() => parsePlanArgs(['--objective', 'relocate'])).toThrow(/needs --move K/);
    expect(() => parsePlanArgs([...matrixArgs, '--objective', 'expected-coverage'])).toThrow(/needs --availability Q/);
  });
});

describe('plan CLI: a facilities file through the shared importer', () => {
  it('bad rows are left out and written to rejected.csv; the run uses the good units (exit 0)', async () => {
    const bad = join(root, 'test/fixtures/in/bad-rows/facilities.csv');
    const out = mkdtempSync(join(tmpdir(), 'plan-'));
    let err = '';
    let stdout = '';
    const code = await main(['--facilities', bad, '--scope', 'oblast:Вінницька', '--new', '1', '--out-dir', out], {
      out: (s) => (stdout += s),
      err: (s) => (err += s),
    });
    expect(code).toBe(0);
    expect(err).toContain(`${bad}: row 3: non_numeric_coordinates (lat)`);
    expect(err).toContain(`${bad}: 2 facilities, 3 rows rejected`);
    expect(stdout).toMatch(/3 rows rejected in .*facilities\.csv \(3\): left out, listed in/);
    expect(stdout).not.toMatch(/NaN/);
    const rejected = readFileSync(join(out, 'rejected.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(rejected[0]).toMatch(/^file,row,reason,field,detail,/);
    expect(rejected.slice(1, 4).map((l) => l.split(',')[1])).toEqual(['3', '5', '6']);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).rejectedRows).toBe(3);
  }, 60_000);
});
