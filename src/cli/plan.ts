/**
 * `npm run plan -- [options]`: where should new stations go? Runs the optimizer (src/engine/optimize) on the embedded
 * data (or user files) and writes DIR/sites.csv, DIR/curve.csv, DIR/summary.json and DIR/sites.geojson. Options and
 * exit statuses: USAGE in ./plan-args.ts (`npm run plan -- --help`); docs/planner.md.
 *
 * Modules: plan-args.ts (options), plan-inputs.ts (files), plan-run.ts (problem and optimizer), plan-objectives.ts
 * (the issue-14 objectives), plan-output.ts (files written, lines printed). Rejected input rows are printed (file,
 * row, reason) and written to DIR/rejected.csv; the valid rows are used (--strict: exit 2, nothing written).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerBinaryReaders } from '../io/binary-readers';
import { CliError } from './args';
import { EXIT } from './inputs';
import { parsePlanArgs, USAGE } from './plan-args';
import { summaryText, writeOutputs } from './plan-output';
import { runPlan } from './plan-run';

// Input files (facilities, candidates, matrices, a territory list) may be XLSX workbooks, zipped shapefiles or KML/KMZ.
registerBinaryReaders();

export { InputError, parsePlanArgs, USAGE, type PlanArgs } from './plan-args';
export { applyParam, currentBest, loadEmbeddedData, readCandidateCosts, readMatrixCsv, readWeightsCsv, type Embedded } from './plan-inputs';
export { runPlan, type PlanRun } from './plan-run';
export { fmt, pct, summaryText, writeOutputs } from './plan-output';

/**
 * The CLI. Returns the exit status instead of exiting, so tests can call it: 0 done, 1 unexpected error, 2 bad input.
 * @example await main(['--matrix', 'od.csv', '--objective', 'p-median', '--new', '3'])
 */
export async function main(
  argv: readonly string[],
  io: { out: (s: string) => void; err: (s: string) => void } = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
): Promise<number> {
  try {
    const args = parsePlanArgs([...argv]);
    const t0 = performance.now();
    const run = await runPlan(args, (s) => io.err(`plan: ${s}\n`));
    const summary = writeOutputs(run, args.outDir, args);
    io.out(summaryText(run, summary, args.outDir, performance.now() - t0));
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CliError) {
      if (e.message === 'help') {
        io.out(USAGE);
        return EXIT.ok;
      }
      io.err(`plan: ${e.message}\n`);
      return EXIT.badInput;
    }
    io.err(`plan: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.unexpected;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
