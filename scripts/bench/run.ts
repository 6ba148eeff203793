/**
 * `npm run bench`: runs every benchmark script in its own Node process, one after the other, and prints their figures.
 * Each script measures ratios against a baseline run in the same process; nothing here asserts a time.
 * Usage: npm run bench [-- name …]   (names: coverage, plan, browser, roads, roads-build, calibrate)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const all = ['coverage', 'plan', 'browser', 'roads', 'roads-build', 'calibrate'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : all;
let failed = 0;
for (const name of names) {
  const file = join(here, `${name}.ts`);
  if (!existsSync(file)) {
    console.log(`\n== ${name}: no benchmark script (${file})`);
    continue;
  }
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
