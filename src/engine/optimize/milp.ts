/**
 * A small sparse MILP builder and HiGHS runner for the count objectives (objectives/count-exact.ts): columns with
 * bounds, cost and integrality, rows in CSR, a starting solution, the time limit, progress and interrupt callbacks —
 * the HiGHS path exact.ts (the classic objectives) runs through too: loading, statuses, proven bound and gap.
 */
import type { Highs, HighsCallbackMap, ModelData } from 'highs';

export type HighsLoader = () => Promise<Highs>;

let cached: Promise<Highs> | null = null;

/** Loads HiGHS once per thread (Node resolves the .wasm beside the loader; a bundler may pass its own loader). */
export function defaultHighsLoader(): Promise<Highs> {
  if (!cached) {
    cached = import('highs').then((m) => m.default());
    // A failed load (e.g. the .wasm not found) is not cached: the next call tries again.
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

/** A MILP being built: add columns, then rows over them. */
export class MilpBuilder {
  readonly cost: number[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];
  readonly integ: number[] = [];
  readonly start: number[] = [];
  readonly starts: number[] = [0];
  readonly idx: number[] = [];
  readonly val: number[] = [];
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];

  /** Adds a column; returns its index. `start` is its value in the starting solution. */
  col(cost: number, lower: number, upper: number, integer: boolean, start = 0): number {
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integ.push(integer ? 1 : 0);
    this.start.push(start);
    return this.cost.length - 1;
  }

  /** Adds an entry to the row being written (a column must appear once per row). */
  entry(col: number, value: number): void {
    this.idx.push(col);
    this.val.push(value);
  }

  /** Closes the row being written with lower ≤ row ≤ upper (±Infinity for none). */
  row(lower: number, upper: number): void {
    this.starts.push(this.idx.length);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
  }

  get numCols(): number {
    return this.cost.length;
  }
}

export interface MilpRun {
  maximize: boolean;
  /** Constant added to the objective (default 0). */
  offset?: number;
  timeLimitSec: number;
  mipRelGap?: number;
  onProgress?: (p: { incumbent?: number; bound?: number; gap?: number; seconds?: number }) => void;
  shouldInterrupt?: () => boolean;
  loader?: HighsLoader;
  /** Give the builder's `start` values to HiGHS as a starting incumbent. */
  useStart?: boolean;
}

export interface MilpOutput {
  /** Column values of the best solution (empty when none). */
  x: Float64Array;
  objective: number;
  bound: number;
  gap: number;
  status: string;
  hasSolution: boolean;
  seconds: number;
}

const STATUS: Record<number, string> = {
  7: 'optimal',
  8: 'infeasible',
  11: 'objective-bound',
  12: 'objective-target',
  13: 'time-limit',
  14: 'iteration-limit',
  16: 'solution-limit',
  17: 'interrupted',
};

/** Solves the MILP with HiGHS: best solution, proven bound and gap, status ('optimal', 'time-limit', …). */
export async function solveMilp(b: MilpBuilder, run: MilpRun): Promise<MilpOutput> {
  const highs = await (run.loader ?? defaultHighsLoader)();
  const inf = highs.infinity;
  const fix = (v: number): number => (v === Infinity ? inf : v === -Infinity ? -inf : v);
  const numCols = b.numCols;
  const numRows = b.rowLower.length;
  const model: ModelData = {
    numCols,
    numRows,
    sense: run.maximize ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    offset: run.offset ?? 0,
    colCost: Float64Array.from(b.cost),
    colLower: Float64Array.from(b.lower, fix),
    colUpper: Float64Array.from(b.upper, fix),
    rowLower: Float64Array.from(b.rowLower, fix),
    rowUpper: Float64Array.from(b.rowUpper, fix),
    matrix: {
      format: 'csr',
      numRows,
      numCols,
      starts: Int32Array.from(b.starts),
      indices: Int32Array.from(b.idx),
      values: Float64Array.from(b.val),
    },
    integrality: Int32Array.from(b.integ),
  };
  const m = highs.createModel(model);
  try {
    m.options.set({
      output_flag: false,
      time_limit: Math.max(0.01, run.timeLimitSec),
      mip_rel_gap: run.mipRelGap ?? 0,
      mip_abs_gap: 1e-9,
    });
    if (run.useStart) {
      try {
        m.setSolution({ colValue: Float64Array.from(b.start) });
      } catch {
        // a rejected start only costs time
      }
    }
    const cb = highs.constants.callbackType;
    const interrupt = (ev: { interrupt(): void }): undefined => {
      if (run.shouldInterrupt?.()) ev.interrupt();
      return undefined;
    };
    const callbacks: HighsCallbackMap = {
      [cb.mipImprovingSolution]: (ev) => {
        const d = ev.data as { mip_primal_bound?: number; mip_dual_bound?: number; mip_gap?: number; running_time?: number };
        run.onProgress?.({ incumbent: d.mip_primal_bound, bound: d.mip_dual_bound, gap: d.mip_gap, seconds: d.running_time });
        return undefined;
      },
      [cb.mipInterrupt]: interrupt,
      [cb.simplexInterrupt]: interrupt,
      [cb.ipmInterrupt]: interrupt,
    };
    const t0 = performance.now();
    m.run(run.onProgress || run.shouldInterrupt ? callbacks : undefined);
    const seconds = (performance.now() - t0) / 1000;
    const code = m.getModelStatus();
    const hasSolution = Number(m.info.get('primal_solution_status')) === 2;
    const objective = hasSolution ? m.getObjectiveValue() : NaN;
    let bound = Number(m.info.get('mip_dual_bound'));
    let gap = Number(m.info.get('mip_gap'));
    if (code === 7) {
      if (!Number.isFinite(bound)) bound = objective;
      if (!Number.isFinite(gap)) gap = 0;
    }
    return {
      x: hasSolution ? Float64Array.from(m.getSolution().colValue) : new Float64Array(0),
      objective,
      bound,
      gap: Number.isFinite(gap) ? gap : Infinity,
      status: STATUS[code] ?? `highs-status-${code}`,
      hasSolution,
      seconds,
    };
  } finally {
    m.dispose();
  }
}
