/**
 * The coverage CLI reads the XLSX, zipped-shapefile and KMZ fixtures through the same importers and names the bad row
 * of each (file, row, reason). Whether it then stops (exit 2) or keeps the good rows (exit 0 with rejected.csv) is
 * the CLI's row policy; either way the row and reason are reported.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function run(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((ok) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/coverage.ts', ...args], { cwd: ROOT });
    let stderr = '';
    let stdout = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.on('close', (code) => ok({ code, stderr, stdout }));
  });
}

describe('coverage CLI with XLSX, shapefile and KMZ files', () => {
  it('names the bad row of each fixture with its reason', async () => {
    const cases = [
      ['facilities.xlsx', /facilities\.xlsx: row 9: non_numeric_coordinates \(lat\): lat "abc" is not a number/],
      ['facilities-shapefile.zip', /facilities-shapefile\.zip: row 4: unknown_type \(type\): type "Пожежне депо" is not known/],
      ['facilities.kmz', /facilities\.kmz: row 4: wrong_geometry: geometry is LineString; facilities need Point/],
    ] as const;
    const results = await Promise.all(
      cases.map(async ([file]) => {
        const out = mkdtempSync(join(tmpdir(), 'hc-cli-'));
        const r = await run(['--facilities', `test/fixtures/import/${file}`, '--service', 'fire', '--out-dir', out]);
        const rejected = join(out, 'rejected.csv');
        const csv = existsSync(rejected) ? readFileSync(rejected, 'utf8') : '';
        rmSync(out, { recursive: true, force: true });
        return { ...r, csv };
      }),
    );
    results.forEach((r, i) => {
      const [, message] = cases[i]!;
      expect(r.stderr + r.stdout).toMatch(message);
      if (r.code === 0) expect(r.csv).toMatch(/^\uFEFF?.*row/);
      else expect(r.code).toBe(2);
    });
  }, 600_000);
});
