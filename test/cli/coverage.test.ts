import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../src/engine';
import { CliError, applyAvailabilityAll, applyParam, parseArgs, parseServices } from '../../src/cli/args';
import { main, parseCoverageArgs } from '../../src/cli/coverage';

const IN = resolve('test/fixtures/in/vinnytsia3');
const OUT = resolve('test/fixtures/out');
const REGEN = process.env.REGEN === '1';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'coverage-cli-'));
  let out = '';
  let err = '';
  const code = await main([...argv, '--out-dir', dir], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err, dir };
}

/** hromadas.csv without the hromadas the fixture has no people in (the table lists all 1,470). */
function populated(csvText: string): string {
  const lines = csvText.split('\r\n');
  const header = lines[0]!.replace(/^\ufeff/, '').split(',');
  const pop = header.indexOf('population');
  return [lines[0], ...lines.slice(1).filter((l) => l !== '' && l.split(',')[pop] !== '0')].join('\r\n') + '\r\n';
}

function golden(name: string, actual: string): void {
  const path = join(OUT, name);
  if (REGEN || !existsSync(path)) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('coverage CLI', () => {
  it('golden: real settlements of three Vinnytsia hromadas with nearby real facilities', async () => {
    const r = await run(['--facilities', join(IN, 'facilities.csv'), '--demand', join(IN, 'demand.csv')]);
    expect(r.err).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    golden('vinnytsia3/demand.csv', readFileSync(join(r.dir, 'demand.csv'), 'utf8'));
    golden('vinnytsia3/hromadas.csv', populated(readFileSync(join(r.dir, 'hromadas.csv'), 'utf8')));
    golden('vinnytsia3/gaps.geojson', JSON.stringify(JSON.parse(readFileSync(join(r.dir, 'gaps.geojson'), 'utf8')), null, 1));
    const attribution = readFileSync(join(r.dir, 'ATTRIBUTION.txt'), 'utf8');
    expect(attribution).toContain('PLANNING ASSUMPTIONS');
    expect(attribution).toContain('population_derivation');
  });

  it('--boundaries: the same importer and applyBoundaries as the page; replace mode keeps only the file\'s hromadas', async () => {
    const file = resolve('examples/boundaries.geojson');
    const upd = await run(['--boundaries', file, '--service', 'fire']);
    expect(upd.err).not.toMatch(/Error/);
    expect(upd.code).toBe(0);
    const rows = (dir: string) => readFileSync(join(dir, 'hromadas.csv'), 'utf8').split('\r\n').filter((l) => l !== '' && !l.startsWith('#')).length - 1;
    expect(rows(upd.dir)).toBe(1470);
    expect(readFileSync(join(upd.dir, 'ATTRIBUTION.txt'), 'utf8')).toMatch(/Community boundaries from .*boundaries\.geojson \(update\): 2 replaced, 0 added, 0 left out/);
    const rep = await run(['--boundaries', file, '--boundaries-mode', 'replace', '--service', 'fire']);
    expect(rep.code).toBe(0);
    expect(rows(rep.dir)).toBe(2);
    expect(readFileSync(join(rep.dir, 'ATTRIBUTION.txt'), 'utf8')).toMatch(/2 replaced, 0 added, 1468 left out; \d+ people now in another hromada, \d+ outside every hromada/);
    const bad = await run(['--boundaries', file, '--boundaries-mode', 'merge']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--boundaries-mode must be update or replace');
  });

  it('golden: with a travel-time matrix, planned facilities and changed parameters', async () => {
    const r = await run([
      '--facilities',
      join(IN, 'facilities.csv'),
      '--demand',
      join(IN, 'demand.csv'),
      '--matrix',
      join(IN, 'matrix.csv'),
      '--include-planned',
      '--param',
      'norm.fire.rural=12',
      '--param',
      'turnout.volunteer_fire_brigade=3',
      '--service',
      'fire',
    ]);
    expect(r.err).not.toMatch(/Error|row \d/);
    expect(r.code).toBe(0);
    const demand = readFileSync(join(r.dir, 'demand.csv'), 'utf8');
    golden('vinnytsia3-matrix/demand.csv', demand);
    // vol-1 → Десна is listed at 4.5 min of driving: 3 (turnout) + 4.5
    expect(demand).toMatch(/UA05020030020063505,Десна,point,[^\r]*,vol-1,volunteer_fire_brigade,user:facilities\.csv,user,7\.5,/);
    expect(demand).not.toContain(',police,');
  });

  it('a matrix whose every row names unknown ids: no usable row, exit 2 naming the id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coverage-bad-'));
    const path = join(dir, 'm.csv');
    writeFileSync(path, 'facility_id,demand_id,minutes\nno-such-station,UA05020030020063505,4\n');
    const r = await run(['--facilities', join(IN, 'facilities.csv'), '--demand', join(IN, 'demand.csv'), '--matrix', path]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(path);
    expect(r.err).toContain('no-such-station');
  });

  it('a missing file and an unknown option: exit 2', async () => {
    expect((await run(['--facilities', '/nonexistent.csv'])).err).toMatch(/nonexistent\.csv: file not found/);
    const r = await run(['--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown option --bogus/);
  });

  it('runs on the embedded data with no data arguments', async () => {
    if (!existsSync(resolve('public/geo/demand.json'))) return;
    const r = await run(['--service', 'fire']);
    expect(r.code).toBe(0);
    const lines = readFileSync(join(r.dir, 'hromadas.csv'), 'utf8').split('\r\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(1400);
    // Totals for controlled territory, occupied territory apart: together the official 41,167,335.
    const m = /fire: controlled territory: [\d.]+% of ([\d,]+) people within the norm \(expected [\d.]+% given unit availability, assumed; [\d.]+% covered twice\); .*occupied territory \(reported apart\): ([\d,]+) people/.exec(r.out);
    expect(m).not.toBeNull();
    const n = (x: string): number => Number(x.replace(/,/g, ''));
    expect(n(m![1]!) + n(m![2]!)).toBe(41_167_335);
    expect(r.out).toMatch(/Territory status: built-in: .*, edition of \d{4}-\d{2}-\d{2}\. \d+ hromadas occupied/);
    const totals = readFileSync(join(r.dir, 'totals.csv'), 'utf8').replace(/^\ufeff/, '').split('\r\n');
    expect(totals[0]).toBe(
      'oblast,oblast_en,territory,service,population,covered_population,covered_share,settlements_outside_norm,area_outside_norm_km2,assumed_unit_population,assumed_unit_share,estimated_population,reached_population,' +
        'second_covered_population,second_covered_share,expected_covered_population,expected_covered_share,from_other_hromada_population,from_other_oblast_population',
    );
    // national sums: covered twice ≤ covered; expected ≤ covered; across-oblast help ≤ across-hromada help
    const cols = totals[0]!.split(',');
    const at = (line: string, name: string): number => Number(line.split(',')[cols.indexOf(name)]);
    const nation = totals[1]!;
    expect(at(nation, 'second_covered_population')).toBeGreaterThan(0);
    expect(at(nation, 'expected_covered_population')).toBeGreaterThan(0);
    expect(at(nation, 'expected_covered_population')).toBeLessThanOrEqual(at(nation, 'covered_population'));
    expect(at(nation, 'from_other_hromada_population')).toBeGreaterThan(at(nation, 'from_other_oblast_population'));
    expect(totals[1]).toMatch(new RegExp(`^Україна,Ukraine,controlled,fire,${n(m![1]!)},`));
    expect(totals[2]).toMatch(new RegExp(`^Україна,Ukraine,occupied,fire,${n(m![2]!)},`));
    expect(totals.some((l) => /^Донецька,[^,]*,occupied,fire,/.test(l))).toBe(true);
    const attribution = readFileSync(join(r.dir, 'ATTRIBUTION.txt'), 'utf8');
    expect(attribution).toMatch(/Territory status: built-in: /);
  }, 120_000);

  it('--territory: an imported list replaces the built-in one; rejected rows reported, not fatal', async () => {
    if (!existsSync(resolve('public/geo/demand.json'))) return;
    const dir = mkdtempSync(join(tmpdir(), 'territory-'));
    const list = join(dir, 'list.csv');
    // Two Vinnytsia hromadas of the fixture: one occupied, one with ended hostilities; a bad status row.
    writeFileSync(
      list,
      'katottg,status,start_date,end_date\n' +
        'UA05020030000031457,occupied,2022-02-24,\n' +
        'UA05020010000053508,active hostilities,2022-02-24,2022-04-01\n' +
        'UA05020050000066991,war,,\n',
    );
    const r = await run(['--facilities', join(IN, 'facilities.csv'), '--demand', join(IN, 'demand.csv'), '--service', 'fire', '--territory', list, '--territory-date', '2022-05-01']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/territory list "list\.csv" of 2022-05-01: 2 hromadas listed, 1 rows rejected/);
    expect(r.err).toMatch(/row 4 rejected: unknown_status \(status\): status "war" is not known/);
    const hromadas = readFileSync(join(r.dir, 'hromadas.csv'), 'utf8').split('\r\n');
    const header = hromadas[0]!.replace(/^\ufeff/, '').split(',');
    const col = header.indexOf('territory_status');
    const statusOf = (code: string): string | undefined => hromadas.find((l) => l.startsWith(code))?.split(',')[col];
    expect(statusOf('UA05020030000031457')).toBe('occupied');
    expect(statusOf('UA05020010000053508')).toBe('none');
    expect(hromadas.slice(1).filter((l) => l !== '').every((l) => ['none', 'occupied'].includes(l.split(',')[col]!))).toBe(true);
    const demand = readFileSync(join(r.dir, 'demand.csv'), 'utf8');
    expect(demand).toMatch(/,UA05020030000031457,occupied,fire,/);
    const totals = readFileSync(join(r.dir, 'totals.csv'), 'utf8');
    expect(totals).toMatch(/Україна,Ukraine,occupied,fire,[1-9]\d*,/);
    const attribution = readFileSync(join(r.dir, 'ATTRIBUTION.txt'), 'utf8');
    expect(attribution).toContain(`Territory status: imported from ${list}, list date 2022-05-01; 1 rows rejected`);
    expect(readFileSync(join(r.dir, 'territory-rejected.csv'), 'utf8')).toContain('war');
    const xlsx = join(dir, 'list.xlsx');
    writeFileSync(xlsx, new Uint8Array([0x50, 0x4b, 3, 4]));
    const bad = await run(['--demand', join(IN, 'demand.csv'), '--territory', xlsx]);
    expect(bad.code).toBe(2);
    // a damaged workbook (4 bytes of a ZIP header): refused, naming the file (XLSX lists are read since the XLSX importer)
    expect(bad.err).toMatch(/list\.xlsx: .*(cannot be unpacked|not read yet)/);
  }, 120_000);
});

describe('args', () => {
  it('parses repeatable options, flags and --name=value', () => {
    const a = parseArgs(['--facilities', 'a.csv', '--facilities=b.csv', '--include-planned'], { values: ['facilities'], flags: ['include-planned'] });
    expect(a.options.get('facilities')).toEqual(['a.csv', 'b.csv']);
    expect(a.options.get('include-planned')).toEqual(['true']);
    expect(() => parseArgs(['--facilities'], { values: ['facilities'], flags: [] })).toThrow(/needs a value/);
  });

  it('applies every --param name', () => {
    const p = structuredClone(DEFAULT_PARAMS);
    for (const s of ['detour.urban=1.4', 'detour.rural=1.25', 'speed.urban=30', 'speed.rural=70', 'turnout.security_center=2', 'norm.police.rural=25', 'mode=distance', 'km=12', 'fallback=unreachable'])
      applyParam(p, s);
    expect(p.detour).toEqual({ urban: 1.4, rural: 1.25 });
    expect(p.speedKmh).toEqual({ urban: 30, rural: 70 });
    expect(p.turnoutMin.security_center).toBe(2);
    expect(p.normMin.police.rural).toBe(25);
    expect(p.coverageMode).toBe('distance');
    expect(p.coverageKm).toBe(12);
    expect(p.matrixFallback).toBe('unreachable');
    expect(() => applyParam(p, 'speed.rural=0')).toThrow(CliError);
    expect(() => applyParam(p, 'turnout.tank=3')).toThrow(/unknown facility type "tank"/);
    expect(() => applyParam(p, 'norm.fire.rural=abc')).toThrow(/"abc" is not a number/);
    expect(() => applyParam(p, 'colour=red')).toThrow(/unknown name/);
  });

  it('second-unit norms, availability, cost and reach cap: applied, and refused out of range naming the option', () => {
    const p = structuredClone(DEFAULT_PARAMS);
    for (const s of ['second.fire.urban=18', 'second.police.rural=40', 'availability.volunteer_fire_brigade=0.3', 'cost.local_fire_department=4.1', 'cost.security_center=unknown', 'reach.police=45'])
      applyParam(p, s);
    expect(p.secondNormMin).toEqual({ fire: { urban: 18, rural: 30 }, police: { urban: 20, rural: 40 } });
    expect(p.availability.volunteer_fire_brigade).toBe(0.3);
    expect(p.costMUah.local_fire_department).toBe(4.1);
    expect(p.costMUah.security_center).toBeNull();
    expect(p.reachCapMin.police).toBe(45);
    expect(() => applyParam(p, 'availability.volunteer_fire_brigade=1.2')).toThrow(/--param availability\.volunteer_fire_brigade: "1\.2" is refused: expected a share from 0 to 1/);
    expect(() => applyParam(p, 'availability.tank=0.5')).toThrow(/unknown facility type "tank"/);
    expect(() => applyParam(p, 'second.fire.urban=0')).toThrow(/--param second\.fire\.urban: "0" is refused: expected a norm above 0 minutes/);
    expect(() => applyParam(p, 'norm.fire.rural=0')).toThrow(/--param norm\.fire\.rural: "0" is refused/);
    expect(() => applyParam(p, 'second.fire=20')).toThrow(/expected second\.fire\|police\.urban\|rural=minutes/);
    expect(() => applyParam(p, 'cost.local_fire_department=-1')).toThrow(/--param cost\.local_fire_department: "-1" is refused: expected a cost of 0 or more/);
    applyAvailabilityAll(p, '0.7');
    expect(Object.values(p.availability).every((q) => q === 0.7)).toBe(true);
    expect(() => applyAvailabilityAll(p, '70%')).toThrow(/--availability: "70%" is refused/);
    const a = parseCoverageArgs(['--availability', '0.6', '--param', 'availability.state_fire_unit=0.9']);
    expect(a !== 'help' && a.params.availability.state_fire_unit).toBe(0.9);
    expect(a !== 'help' && a.params.availability.volunteer_fire_brigade).toBe(0.6);
  });

  it('--service and --include-planned', () => {
    expect(parseServices(undefined)).toEqual(['fire', 'police']);
    expect(parseServices('police')).toEqual(['police']);
    expect(() => parseServices('ambulance')).toThrow(/fire, police or all/);
    const a = parseCoverageArgs(['--include-planned']);
    expect(a !== 'help' && a.params.includePlanned).toBe(true);
  });
});
