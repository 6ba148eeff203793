/**
 * The CLIs reject rows, not files (issue 16): valid rows are used, each rejected row is printed with its file, row and
 * reason and written to DIR/rejected.csv, and the run exits 0; --strict exits 2 and writes nothing; a file error
 * still exits 2.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main as coverage } from '../../src/cli/coverage';
import { RejectedRows } from '../../src/cli/inputs';
import { main as plan } from '../../src/cli/plan';

const BAD = resolve('test/fixtures/in/bad-rows/facilities.csv');
const DEMAND = resolve('test/fixtures/in/vinnytsia3/demand.csv');
const MX = resolve('test/optimize/fixtures');

type Main = (argv: readonly string[], io: { out: (s: string) => void; err: (s: string) => void }) => Promise<number>;

async function run(main: Main, argv: string[]): Promise<{ code: number; out: string; err: string; dir: string }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'cli-rows-')), 'out');
  let out = '';
  let err = '';
  const code = await main([...argv, '--out-dir', dir], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err, dir };
}

const csvLines = (path: string): string[] => readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);

describe('coverage CLI: rows, not files', () => {
  it('a facilities file with bad rows: outputs from the good rows, rejected.csv with file, row and reason, exit 0', async () => {
    const r = await run(coverage, ['--facilities', BAD, '--demand', DEMAND, '--service', 'fire']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${BAD}: row 3: non_numeric_coordinates (lat): lat "abc" is not a number`);
    expect(r.err).toContain(`${BAD}: row 5: unknown_type (type): type "fire truck" is not known`);
    expect(r.err).toMatch(new RegExp(`${BAD.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: row 6: duplicate_id \\(id\\): id "fu-50" is also on row 2`));
    expect(r.out).toMatch(/3 rows rejected in .*facilities\.csv \(3\): left out, listed in rejected\.csv/);
    const rejected = csvLines(join(r.dir, 'rejected.csv'));
    expect(rejected[0]).toBe('file,row,reason,field,detail,id,name,type,status,lat,lon');
    expect(rejected.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      `${BAD},3,non_numeric_coordinates`,
      `${BAD},5,unknown_type`,
      `${BAD},6,duplicate_id`,
    ]);
    // the two good units serve the demand: their ids are the nearest facilities in demand.csv
    const demand = readFileSync(join(r.dir, 'demand.csv'), 'utf8');
    expect(demand).toMatch(/,fu-5[02],/);
    expect(demand).not.toMatch(/bad-lat|bad-type/);
    expect(readFileSync(join(r.dir, 'ATTRIBUTION.txt'), 'utf8')).toMatch(/Rejected input rows \(left out, listed in rejected\.csv\): 3 rows rejected/);
  }, 60_000);

  it('--strict: exit 2 on a rejected row, nothing written', async () => {
    const r = await run(coverage, ['--facilities', BAD, '--demand', DEMAND, '--service', 'fire', '--strict']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/row 3: non_numeric_coordinates/);
    expect(r.err).toMatch(/--strict: 3 rows rejected in .*facilities\.csv \(3\); nothing written/);
    expect(existsSync(r.dir)).toBe(false);
  }, 60_000);

  it('a file error still exits 2: no usable column, or every row rejected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-rows-'));
    const none = join(dir, 'none.csv');
    writeFileSync(none, 'id,name,type,status,lat,lon\nx,A,tank,opened,49.1,28.4\n');
    const r = await run(coverage, ['--facilities', none, '--demand', DEMAND]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/none\.csv: row 2: unknown_type/);
    expect(r.err).toMatch(/none\.csv: no usable rows \(all 1 rejected\)/);
    expect(existsSync(r.dir)).toBe(false);
  }, 60_000);
});

describe('plan CLI: rows, not files', () => {
  it('a matrix with bad rows: the good rows are planned over, rejected.csv, exit 0; --strict exits 2 writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-rows-'));
    const m = join(dir, 'm.csv');
    writeFileSync(m, readFileSync(join(MX, 'matrix.csv'), 'utf8').trim() + '\nA,d4,x\n,d5,3\nB,zz,4\nA,d2,8\n');
    const args = ['--matrix', m, '--demand', join(MX, 'demand.csv'), '--radius', '10', '--fixed', 'F0', '--new', '2'];
    const r = await run(plan, args);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${m}: row 9: minutes_not_a_number (cost): cost "x" is not a number`);
    expect(r.err).toContain(`${m}: row 10: missing_field (facility_id): facility_id is empty`);
    expect(r.err).toContain(`${m}: row 11: unknown_demand_id (demand_id): demand_id "zz" is not in the demand file`);
    expect(r.err).toContain(`${m}: row 12: duplicate_id (facility_id): pair A → d2 is also on row 3`);
    const rejected = csvLines(join(r.dir, 'rejected.csv'));
    expect(rejected[0]).toBe('file,row,reason,field,detail,facility_id,demand_id,cost');
    expect(rejected.slice(1).map((l) => l.split(',').slice(1, 3).join(','))).toEqual(['9,minutes_not_a_number', '10,missing_field', '11,unknown_demand_id', '12,duplicate_id']);
    // the same result as the clean fixture (test/optimize/cli.test.ts): A then B
    expect(csvLines(join(r.dir, 'sites.csv')).slice(1).map((l) => l.split(',')[1])).toEqual(['A', 'B']);
    const summary = JSON.parse(readFileSync(join(r.dir, 'summary.json'), 'utf8'));
    expect(summary.rejectedRows).toBe(4);
    expect(summary.coveredWeight).toBe(200);

    const s = await run(plan, [...args, '--strict']);
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/--strict: 4 rows rejected in .*m\.csv \(4\); nothing written/);
    expect(existsSync(s.dir)).toBe(false);
  });

  it('a weights file and candidate costs reject rows too; a file of the wrong shape exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-rows-'));
    const w = join(dir, 'w.csv');
    writeFileSync(w, readFileSync(join(MX, 'demand.csv'), 'utf8').trim() + '\nd7,many,Bad\nd1,5,Again\n');
    const costs = join(dir, 'costs.csv');
    writeFileSync(costs, 'id,cost\nA,1\nB,1\nC,0\nQ,2\n');
    const r = await run(plan, ['--matrix', join(MX, 'matrix.csv'), '--demand', w, '--radius', '10', '--fixed', 'F0', '--objective', 'budget', '--budget', '2', '--candidate-costs', costs]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${w}: row 8: population_not_a_number (weight): weight "many" is not a number`);
    expect(r.err).toContain(`${w}: row 9: duplicate_id (id): id "d1" is also on row 2`);
    expect(r.err).toContain(`${costs}: row 4: negative_value (cost): cost 0 is not above zero`);
    expect(r.err).toContain(`${costs}: row 5: unknown_facility_id (id): Q is not a candidate in the matrix`);
    expect(r.err).toMatch(/1 matrix candidates have no cost in .*costs\.csv and are left out: C/);
    expect(csvLines(join(r.dir, 'rejected.csv')).map((l) => l.split(',')[0])).toEqual(['file', w, w, costs, costs]);
    const bad = await run(plan, ['--matrix', join(MX, 'demand.csv'), '--radius', '10']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/demand\.csv: no usable columns: a plan matrix needs facility_id, demand_id, cost columns/);
    const missing = await run(plan, ['--matrix', join(dir, 'nope.csv'), '--radius', '10']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.csv: file not found/);
  });

  it('p-median with a matrix needs no --radius; a missing "before" prints "—", never NaN', async () => {
    const r = await run(plan, ['--objective', 'p-median', '--matrix', join(MX, 'matrix.csv'), '--demand', join(MX, 'demand.csv'), '--new', '2']);
    expect(r.err).not.toMatch(/radius/);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/NaN|Infinity/);
    // no fixed facility: nothing is reached before, so the mean cost before does not exist
    expect(r.out).toMatch(/^p-median \(heuristic, \w+\): 2 new sites; reached 0 → \d+ \([\d.]+%\); mean — → [\d.]+ cost; gap n\/a/);
    expect(readdirSync(r.dir)).toEqual(expect.arrayContaining(['sites.csv', 'curve.csv', 'summary.json', 'sites.geojson']));
    expect(existsSync(join(r.dir, 'rejected.csv'))).toBe(false);
    // the other objectives still need the threshold
    const c = await run(plan, ['--matrix', join(MX, 'matrix.csv')]);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/--matrix with --objective coverage needs --radius/);
  });
});

describe('rejected.csv', () => {
  it('puts the file first; an original column named "file" keeps its value as original_file; quoted line breaks survive', () => {
    const rej = new RejectedRows();
    rej.add('a.csv', [{ row: 2, code: 'missing_id', detail: 'no id', raw: { file: 'x', note: 'two\r\nlines' } }], () => {});
    rej.add('b, c.csv', [{ row: 4, code: 'unknown_type', field: 'type', detail: 'type "q"', raw: { type: 'q' } }], () => {});
    expect(rej.count).toBe(2);
    expect(rej.csv()).toBe(
      '\uFEFFfile,row,reason,field,detail,original_file,note,type\r\n' +
        'a.csv,2,missing_id,,no id,x,"two\r\nlines",\r\n' +
        '"b, c.csv",4,unknown_type,type,"type ""q""",,,q\r\n',
    );
  });
});
