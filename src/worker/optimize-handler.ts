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
  CLOSURE_NOTES,
  closuresPlanResult,
  buildBudgetProblem,
  buildPointsProblem,
  buildRelocateProblem,
  existingMissProb,
  isCountObjective,
  isOccupiedHromada,
  optimize,
  rankClosures,
  selectScope,
  type ClosureRow,
  type HighsLoader,
  type PlanOptions,
  type PlanProblem,
  type PlanProgress,
} from '../engine/optimize';
import { CoverageEngine } from '../engine/coverage';
import { relocateRowsByRoad } from '../engine/optimize/road-relocate';
import { closureReach, closuresRoadNote } from '../engine/optimize/road-closures';
import { bestMinutes, normFor } from '../engine/norms';
import { DERIVATIONS, FACILITY_TYPES, SERVICES_OF, type FacilityType } from '../engine/types';
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

/** Engine arrays the count objectives and closures read (slots, active flags, norms, second-best cost). */
function engineArrays(engine: Engine, req: OptimizeRequest) {
  const params = engine.params;
  const slots = Array.from({ length: engine.slotCount }, (_, k) => engine.facility(k));
  const active = Uint8Array.from(slots, (_, k) => (engine.isActiveFor(k, req.service) ? 1 : 0));
  const cov = engine.coverage(req.service);
  const current2 =
    params.coverageMode === 'distance'
      ? Float64Array.from(cov.backup, (f, i) => (f >= 0 ? engine.pairKm(i, f) : Infinity))
      : cov.backupMinutes.slice();
  return { params, slots, active, cov, current2, threshold: normFor(engine.demand, params, req.service) };
}

/** Hromada codes of a scope (occupied ones dropped unless included). */
function scopeCodes(engine: Engine, scope: Int32Array, includeOccupied: boolean): Set<string> {
  const out = new Set<string>();
  for (const i of scope) {
    const h = engine.demand.hromada[i]!;
    if (h >= 0 && (includeOccupied || !isOccupiedHromada(engine.hromadas, h))) out.add(engine.hromadas.codes[h]!.toUpperCase());
  }
  return out;
}

/** 1 per demand unit the closures count (all but occupied territory unless included). */
function countedUnits(engine: Engine, req: OptimizeRequest): Uint8Array {
  const inc = req.includeOccupied ?? false;
  return Uint8Array.from({ length: engine.demand.count }, (_, i) =>
    inc || !isOccupiedHromada(engine.hromadas, engine.demand.hromada[i]!) ? 1 : 0,
  );
}

/**
 * The closure ranking of a request (units of closuresType, or every type of the service, standing in the scope),
 * by the engine's travel model: its nearest and backup per unit (by road when the road model is in use) and each
 * unit's reach by the same model (closureReach).
 */
export function buildClosures(engine: Engine, req: OptimizeRequest): ClosureRow[] {
  const scope = selectScope(engine.demand, engine.hromadas, req.scope);
  const e = engineArrays(engine, req);
  const inc = req.includeOccupied ?? false;
  const codes = scopeCodes(engine, scope, inc);
  const counted = countedUnits(engine, req);
  const inScope = new Uint8Array(engine.demand.count);
  for (const i of scope) inScope[i] = counted[i]!;
  const input = { demand: engine.demand, facilities: e.slots, active: e.active, params: e.params, threshold: e.threshold };
  return rankClosures({
    ...input,
    reach: closureReach(input, engine.roadModel(), e.params.reachCapMin[req.service]),
    nearest: e.cov.nearest,
    backup: e.cov.backup,
    m1: engine.rankingMetric(req.service),
    m2: e.current2,
    counted,
    inScope,
    rank: (k) => {
      const f = e.slots[k]!;
      if (req.closuresType && f.type !== req.closuresType) return false;
      return f.hromadaCode !== null && codes.has(f.hromadaCode.toUpperCase());
    },
  });
}

/** The problem and options of a request, built from the engine's tables and current times. */
export function buildPlan(engine: Engine, req: OptimizeRequest): PlanProblemResponse {
  const t0 = performance.now();
  const { demand, hromadas } = engine;
  if (req.objective === 'closures') throw new Error('closures is a ranking: the optimize handler answers it (buildClosures).');
  const scope = selectScope(demand, hromadas, req.scope);
  const base = {
    demand,
    hromadas,
    scope,
    params: engine.params,
    service: req.service,
    candidates: req.candidates,
    includeOccupied: req.includeOccupied ?? false,
    // the road network when the engine uses it (graph attached, travel model road, time mode): the structure by road
    road: engine.roadModel(),
  };
  let problem: PlanProblem;
  if (req.objective === 'relocate') {
    const e = engineArrays(engine, req);
    const codes = scopeCodes(engine, scope, base.includeOccupied);
    const movable = e.slots.filter(
      (f, k): f is NonNullable<typeof f> =>
        !!f && e.active[k] === 1 && f.type === req.type && f.hromadaCode !== null && codes.has(f.hromadaCode.toUpperCase()),
    );
    const ids = new Set(movable.map((f) => f.id));
    const stay = new CoverageEngine(demand, hromadas, engine.liveFacilities().filter((f) => !ids.has(f.id)), e.params);
    if (base.road) stay.setRoadGraph(engine.roadGraph);
    problem = buildRelocateProblem({ ...base, type: req.type, current: bestMinutes(stay, req.service), movable });
    problem = relocateRowsByRoad(problem, { demand, params: e.params, service: req.service, type: req.type, movable, road: base.road });
  } else if (req.objective === 'budget') {
    const p = engine.params;
    const types: FacilityType[] =
      req.budgetTypes ?? FACILITY_TYPES.filter((t) => SERVICES_OF[t].includes(req.service) && p.costMUah[t] !== null);
    problem = buildBudgetProblem({
      ...base,
      current: bestMinutes(engine, req.service),
      types: types.map((t) => ({ type: t, cost: p.costMUah[t] ?? NaN })),
    });
  } else {
    const count = isCountObjective(req.objective);
    const e = count ? engineArrays(engine, req) : null;
    problem = buildPointsProblem({
      ...base,
      current: bestMinutes(engine, req.service),
      type: req.type,
      objective: req.objective,
      current2: e?.current2,
      currentMissProb:
        e && req.objective === 'expected-coverage'
          ? base.road // by road the engine counts the units within the norm by road
            ? engine.missProbability(req.service).slice()
            : existingMissProb({ demand, facilities: e.slots, active: e.active, params: e.params, threshold: e.threshold })
          : undefined,
    });
  }
  const options: PlanOptions = {
    objective: req.objective,
    newFacilities: req.newFacilities,
    targetShare: req.targetShare,
    method: req.method,
    timeLimitSec: req.timeLimitSec,
    availability: req.availability ?? engine.params.availability[req.type],
    budget: req.budget,
    moveCount: req.moveCount,
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
    if (req.objective === 'closures') {
      const t0 = performance.now();
      const engine = ctx.engine();
      const closures = buildClosures(engine, req);
      const scope = selectScope(engine.demand, engine.hromadas, req.scope);
      const road = engine.roadModel();
      // by road: the road note, as every plan by road carries (the page words it from its figures)
      const notes = road ? [...CLOSURE_NOTES, closuresRoadNote(road, engine.params, closures, countedUnits(engine, req))] : undefined;
      return {
        result: closuresPlanResult(closures, { timeMs: performance.now() - t0, notes }),
        closures,
        estimatedInputs: estimatedInputs(engine, scope, req),
        buildMs: 0,
      };
    }
    const { problem, options, estimatedInputs: est, buildMs } = buildPlan(ctx.engine(), req);
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
      return { result, estimatedInputs: est, buildMs };
    } finally {
      clearInterval(poll);
    }
  };
}

