/** Text tables of the model check for `npm run calibrate` (src/cli/calibrate.ts). */
import type { Calibration, ErrorSummary, GroupErrors } from '../engine/calibrate';

const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '—');
const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '—');

/** One line of errors: pairs, MAE, median AE, bias, median relative error. */
export function errorLine(label: string, e: ErrorSummary): string {
  return `${label.padEnd(28)} ${String(e.n).padStart(5)}  ${f1(e.mae).padStart(7)}  ${f1(e.medianAe).padStart(9)}  ${f1(e.bias).padStart(7)}  ${pct(e.medianRelAe).padStart(9)}`;
}

export const ERROR_HEAD = `${''.padEnd(28)} ${'pairs'.padStart(5)}  ${'MAE'.padStart(7)}  ${'median AE'.padStart(9)}  ${'bias'.padStart(7)}  ${'median rel'.padStart(9)}`;

/** The report of one calibrated model: errors before and after, the fit, the table by group, the --param strings. */
export function calibrationReport<P>(c: Calibration<P>, groupTitle: string, groupEn: (g: string) => string): string[] {
  const out: string[] = [];
  out.push(`Model: ${c.model}`);
  out.push(`  minutes; error = modelled − observed (bias > 0: the model is slower than the trips)`);
  out.push(`  ${ERROR_HEAD}`);
  out.push(`  ${errorLine('before (current parameters)', c.before.all)}`);
  out.push(`  ${errorLine('after (fitted parameters)', c.after.all)}`);
  if (c.before.untimed > 0)
    out.push(
      `  ${c.before.untimed} pairs not timed by this model (an end off the road graph, or no road path): left out`,
    );
  const fit = c.fit;
  out.push(
    `  Fit: Huber IRLS on relative residuals, mode ${fit.mode}${fit.reason ? ` (${fit.reason})` : ''}; robust scale ${pct(fit.scale)}; ` +
      `${fit.downweighted} of ${fit.n} pairs down-weighted as outliers; ${fit.iterations} iterations`,
  );
  for (const x of fit.factors) {
    if (x.pairs === 0) continue;
    const se = Number.isFinite(x.se) ? ` ± ${x.se.toFixed(3)}` : '';
    out.push(
      `    ${x.name.padEnd(16)} time × ${x.factor.toFixed(3)}${se}  (${x.how}; ${x.pairs} pairs, ${pct(x.share)} of modelled minutes)`,
    );
  }
  out.push(`  By ${groupTitle} (MAE and bias, minutes):`);
  out.push(
    `    ${''.padEnd(38)} ${'pairs'.padStart(5)}  ${'MAE before'.padStart(10)}  ${'after'.padStart(6)}  ${'bias before'.padStart(11)}  ${'after'.padStart(6)}`,
  );
  const after = new Map<string, GroupErrors>(c.after.byGroup.map((g) => [g.group, g]));
  for (const g of c.before.byGroup) {
    const a = after.get(g.group);
    const name = `${g.group || '—'}${groupEn(g.group) ? ` (${groupEn(g.group)})` : ''}`;
    out.push(
      `    ${name.padEnd(38)} ${String(g.n).padStart(5)}  ${f1(g.mae).padStart(10)}  ${f1(a?.mae ?? NaN).padStart(6)}  ${f1(g.bias).padStart(11)}  ${f1(a?.bias ?? NaN).padStart(6)}`,
    );
  }
  out.push(`  Fitted parameters: ${c.paramStrings.length ? c.paramStrings.map((s) => `--param ${s}`).join(' ') : '(none changed)'}`);
  return out;
}
