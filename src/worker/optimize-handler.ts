/**
 * The worker's planner handlers (messages declared in optimize-protocol.ts). `optimize`: a points problem over the
 * engine's tables with `current` = the engine's best minutes (existing facilities locked), then `optimize` with
 * progress and cancellation. `planProblem`: the same problem and options without solving, for the separate solver
 * worker that runs the exact method (HiGHS's solve is synchronous; terminating that worker cancels it at once while
 * this one keeps answering edits). HiGHS loads from the app's own origin: Vite emits highs.wasm and `?url` names it.
 */
import type { Highs } from 'highs';
import highsWasmUrl from 'highs/runtime?url';
import {
  buildPointsProblem,
  optimize,
  selectScope,
  type HighsLoader,
  type PlanOptions,
  type PlanProblem,
  type PlanProgress,
} from '../engine/optimize';
import { bestMinutes } from '../engine/norms';
import { DERIVATIONS } from '../engine/types';
import type { Handler, HostContext } from './host';
import {
  OPTIMIZE_PROGRESS,
  type EstimatedInput,
  type OptimizeProgressMessage,
  type OptimizeRequest,
  type PlanProblemResponse,
} from './optimize-protocol';
import type { MessagePort_ } from './protocol';

let highs: Promise<Highs> | null = null;

/** HiGHS from this origin, loaded once per worker; a failed load is retried next time. */
export function loadHighs(): Promise<Highs> {
  if (!highs) {
    highs = import('highs').then((m) => m.default({ locateFile: () => highsWasmUrl }));
    highs.catch(() => {
      highs = null;
    });
  }
  return highs;
}

type Engine = ReturnType<HostContext['engine']>;

/** Inputs that make the proposals illustrative (as the CLI's summary.json `estimatedInputs`). */
function estimatedInputs(engine: Engine, scope: Int32Array, req: OptimizeRequest): EstimatedInput[] {
  const out: EstimatedInput[] = [];
  const official = DERIVATIONS.indexOf('official');
  const d = engine.demand;
  let estimated = false;
  for (const i of scope) {
    if (d.derivation[i] !== official && d.population[i]! > 0) {
      estimated = true;
      break;
    }
  }
  if (estimated) out.push('estimated-population');
  let illustrative = false;
  for (let s = 0; s < engine.slotCount && !illustrative; s++) {
    const f = engine.facility(s);
    // assumed units count only while they are counted ("count assumed units" on)
    if (f && engine.isActiveFor(s, req.service) && (f.source === 'illustrative' || f.placement === 'illustrative')) illustrative = true;
  }
  if (illustrative) out.push('illustrative-facilities');
  if (req.candidates === 'cells') out.push('cell-candidates');
  return out;
}

/** The problem and options of a request, built from the engine's tables and current times. */
export function buildPlan(engine: Engine, req: OptimizeRequest): PlanProblemResponse {
  const t0 = performance.now();
  const { demand, hromadas } = engine;
  const scope = selectScope(demand, hromadas, req.scope);
  const problem: PlanProblem = buildPointsProblem({
    demand,
    hromadas,
    scope,
    current: bestMinutes(engine, req.service),
    params: engine.params,
    service: req.service,
    type: req.type,
    candidates: req.candidates,
    objective: req.objective,
    includeOccupied: req.includeOccupied ?? false,
  });
  const options: PlanOptions = {
    objective: req.objective,
    newFacilities: req.newFacilities,
    targetShare: req.targetShare,
    method: req.method,
    timeLimitSec: req.timeLimitSec,
  };
  return { problem, options, estimatedInputs: estimatedInputs(engine, scope, req), buildMs: performance.now() - t0 };
}

/** The `planProblem` handler. */
export const planProblemHandler: Handler<'planProblem'> = (req, ctx) => buildPlan(ctx.engine(), req);

/**
 * The `optimize` handler, posting progress to `scope` (the worker's `self`).
 * @param highsLoader how to load HiGHS (default: from this origin via Vite's asset URL; Node tests pass the engine's)
 * @example createCoverageHost(self, { optimize: optimizeHandler(self) })
 */
export function optimizeHandler(scope: MessagePort_, highsLoader: HighsLoader = loadHighs): Handler<'optimize'> {
  return async (req, ctx) => {
    const { problem, options, estimatedInputs, buildMs } = buildPlan(ctx.engine(), req);
    const ctrl = new AbortController();
    const poll = setInterval(() => {
      if (ctx.cancelled()) ctrl.abort();
    }, 50);
    const onProgress = (progress: PlanProgress) => {
      if (ctx.cancelled()) ctrl.abort();
      const msg: OptimizeProgressMessage = { type: OPTIMIZE_PROGRESS, progress };
      scope.postMessage(msg);
    };
    try {
      const result = await optimize(
        problem,
        options,
        { onProgress, signal: ctrl.signal, shouldInterrupt: () => ctx.cancelled() },
        { highsLoader },
      );
      return { result, estimatedInputs, buildMs };
    } finally {
      clearInterval(poll);
    }
  };
}
