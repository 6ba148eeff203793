/**
 * `npm run data` regenerates public/geo byte-for-byte from ../shared/data. Needs ../shared/data (CI has it beside
 * the repo); skipped with a message when it is absent.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_DATA_DIR, DEFAULT_OUT_DIR, STARTUP_BUDGET } from '../../scripts/data/build';

/** Every file under `dir` (tiles/z/x/y.pbf included), as sorted relative paths. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

const dataDir = process.env['HROMADA_DATA_DIR'] ?? DEFAULT_DATA_DIR;
const present = existsSync(join(dataDir, 'SOURCES.md'));
if (!present)
  console.warn(`test/data/build.test.ts skipped: ${dataDir} not found (the data sources live in ../shared/data)`);

describe.skipIf(!present)('npm run data', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'hromada-geo-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('rebuilds the committed public/geo byte for byte, within the start-up budget', () => {
    const report = build({ dataDir, outDir: tmp });
    expect(report.startupGzipBytes).toBeLessThan(STARTUP_BUDGET);
    const committed = files(DEFAULT_OUT_DIR);
    expect(files(tmp)).toEqual(committed);
    const differ = committed.filter((f) => !readFileSync(join(tmp, f)).equals(readFileSync(join(DEFAULT_OUT_DIR, f))));
    expect(differ, 'files differ from the committed public/geo: run `npm run data` and commit').toEqual([]);
  });
});
