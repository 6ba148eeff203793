/**
 * `npm run calibrate` (src/cli/calibrate.ts): the golden KSE figures of the straight-line model before and after the
 * fit, the table by oblast, the --param strings (which `--param` reads back to the same errors), an observed file
 * with a rejected row, and bad input.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/calibrate';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('npm run calibrate', () => {
  it('prints the straight-line errors on KSE times before and after the fit, by oblast, and the fitted --param strings', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Car trips of 20–200 km, not fire-engine runs');
    expect(r.out).toMatch(/before \(current parameters\)\s+1377\s+25\.1\s+17\.3\s+15\.3\s+23\.1 %/);
    expect(r.out).toMatch(/after \(fitted parameters\)\s+1377\s+13\.9\s+8\.0\s+-3\.3\s+12\.0 %/);
    expect(r.out).toMatch(/Львівська \(Lviv\)\s+72\s+21\.4\s+5\.5/);
    expect(r.out).toContain('Fitted parameters: --param speed.urban=55 --param speed.rural=57.6');
    // Starting from the fitted parameters, nothing is left to change and "before" is the former "after".
    const again = await run(['--param', 'speed.urban=55', '--param', 'speed.rural=57.6']);
    expect(again.out).toMatch(/before \(current parameters\)\s+1377\s+13\.9\s+8\.0\s+-3\.3/);
  });

  it('fits only the classes asked for', async () => {
    const r = await run(['--fit', 'rural']);
    expect(r.out).toContain('Fitted parameters: --param speed.rural=');
    expect(r.out).not.toContain('--param speed.urban=');
  });

  it('checks an observed file, printing its rejected rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calibrate-'));
    const file = join(dir, 'trips.csv');
    writeFileSync(file, 'from_lon;from_lat;to_lon;to_lat;minutes\n30,52;50,45;31,29;51,49;110\n24,03;49,84;25,59;49,55;95\nx;49,84;25,59;49,55;95\n');
    const r = await run(['--observed', file]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('row 4: non_numeric_coordinates (from_lon)');
    expect(r.out).toContain('2 observed trips, 1 rows rejected');
    expect(r.out).toMatch(/before \(current parameters\)\s+2\s/);
  });

  it('exits 2 on bad input', async () => {
    expect((await run(['--observed', '/no/such/file.csv'])).code).toBe(2);
    expect((await run(['--param', 'speed.urban=0'])).code).toBe(2);
    expect((await run(['--frobnicate'])).code).toBe(2);
  });
});
