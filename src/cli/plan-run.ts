/**
 * The plan CLI's run: builds the optimizer's problem from the arguments — a matrix made elsewhere, or the embedded
 * data with the user's facilities and candidate points — and runs the optimizer (src/engine/optimize).
 */
import {
  buildMatrixProblem,
  buildPointsProblem,
  dropOccupied,
  isCountObjective,
  optimize,
  parseScope,
  selectScope,
  type CandidatePoints,
  type ClosureRow,
  type PlanProblem,
  type PlanResult,
} from '../engine/optimize';
import { DEFAULT_PARAMS, SERVICES_OF, type FacilityType, type ModelParams } from '../engine/types';
import { CliError } from './args';
import { checkStrict, cliImportContext, importFacilityFiles, RejectedRows } from './inputs';
import { DEFAULT_GEO_DIR } from './load-embedded';
import { InputError, type PlanArgs } from './plan-args';
import { applyParam, currentBest, loadEmbeddedData, readCandidateCosts, readCandidatesFile, readMatrixCsv, readWeightsCsv } from './plan-inputs';
import { closuresFor, closuresResult, countProblem, ObjectiveInputError, type PointsContext } from './plan-objectives';
import { applyTerritoryFile, builtinTerritory, territoryLine, type TerritoryInfo } from './territory';

export interface PlanRun {
  problem: PlanProblem;
  result: PlanResult;
  /** Inputs that make proposals illustrative (estimated population, illustrative facilities, cell centres). */
  estimatedInputs: string[];
  type: FacilityType;
  currentVia: string;
  /** The territory-status list in use (null for matrix input). */
  territory: TerritoryInfo | null;
  /** Whether occupied territory was planned for. */
  includeOccupied: boolean;
  /** closures: the ranking. */
  closures?: ClosureRow[];
  /** Rejected rows of the input files (the valid rows were used). */
  rejected: RejectedRows;
  /** Notes on the inputs (rejected rows, candidates left out, p-median without a threshold), for summary.json. */
  inputNotes: string[];
  /** Matrix p-median without --radius: "covered" means reached by any facility. */
  noThreshold?: boolean;
  /** Which travel model produced the costs. */
  travelModel: TravelModelInfo;
}

/** Which travel model produced the run's costs (summary.json `travelModel`, and a note when a graph was given). */
export interface TravelModelInfo {
  model: 'straight-line' | 'road-network' | 'distance' | 'matrix';
  note: string | null;
}

function travelModelOf(params: ModelParams, roadNote: string | undefined): TravelModelInfo {
  if (params.coverageMode === 'distance') return { model: 'distance', note: roadNote ?? null };
  if (roadNote && params.travelModel === 'road') return { model: 'road-network', note: roadNote };
  return { model: 'straight-line', note: roadNote ?? null };
}

interface Built {
  travelModel?: TravelModelInfo;
  problem: PlanProblem;
  estimatedInputs: string[];
  currentVia: string;
  territory: TerritoryInfo | null;
  availability?: number;
  closures?: { rows: ClosureRow[]; result: PlanResult };
  noThreshold?: boolean;
}

/** Matrix input: the matrix, its weights and candidate costs, with rejected rows left out. */
function buildFromMatrix(a: PlanArgs, rejected: RejectedRows, notes: string[], log: (s: string) => void): Built {
  const matrixPath = a.matrix!;
  const demand = a.demand ? readWeightsCsv(a.demand, rejected, log) : undefined;
  let rows = readMatrixCsv(matrixPath, rejected, log, demand ? new Set(demand.map((d) => d.id)) : undefined);
  const fixed = new Set(a.fixed);
  let costs: Map<string, number> | null = null;
  if (a.candidateCosts) {
    const candidates = new Set(rows.map((r) => r.facilityId).filter((f) => !fixed.has(f)));
    costs = readCandidateCosts(a.candidateCosts, rejected, log, candidates);
    const unpriced = [...candidates].filter((id) => !costs!.has(id));
    if (unpriced.length > 0) {
      const note = `${unpriced.length} matrix candidates have no cost in ${a.candidateCosts} and are left out: ${unpriced.slice(0, 5).join(', ')}${unpriced.length > 5 ? ', …' : ''}.`;
      log(note);
      notes.push(note);
      const out = new Set(unpriced);
      rows = rows.filter((r) => !out.has(r.facilityId));
    }
  }
  checkStrict(rejected, a.strict ?? false);
  const built = matrixProblem(a, rows, demand, notes);
  const c = built.problem.candidates;
  if (costs) c.cost = Float64Array.from(c.ids, (id) => costs.get(id) ?? NaN);
  return built;
}

function matrixProblem(a: PlanArgs, rows: ReturnType<typeof readMatrixCsv>, demand: ReturnType<typeof readWeightsCsv> | undefined, notes: string[]): Built {
  // p-median has no threshold: without --radius every listed pair counts as reached ("covered" = reached).
  const noThreshold = a.radius === undefined;
  const radius = a.radius ?? rows.reduce((m, r) => Math.max(m, r.cost), 0);
  if (noThreshold) notes.push('p-median without --radius: no threshold; "covered" counts the demand any facility of the matrix reaches.');
  let problem: PlanProblem;
  try {
    problem = buildMatrixProblem({ rows, demand, radius, fixed: a.fixed, objective: a.objective, unit: a.unit, radius2: a.radius2, availability: a.availability });
  } catch (e) {
    throw new InputError(`${a.matrix}: ${(e as Error).message}`);
  }
  if (a.movable.length > 0) {
    const at = new Map(problem.candidates.ids.map((id, k) => [id, k]));
    const ex = new Uint8Array(problem.candidates.count);
    for (const id of a.movable) {
      const j = at.get(id);
      if (j === undefined) throw new InputError(`--movable ${id}: not a matrix facility outside --fixed.`);
      ex[j] = 1;
    }
    problem.candidates.existing = ex;
  }
  return { problem, estimatedInputs: [], currentVia: 'matrix (fixed facilities)', territory: null, availability: a.availability, noThreshold };
}

/** Points mode: the embedded data, the user's facilities and candidate points. */
function buildFromPoints(a: PlanArgs, rejected: RejectedRows, log: (s: string) => void): Built {
  if (a.demand) throw new InputError('--demand (id,weight) applies to --matrix input; points mode uses the embedded demand.');
  const estimatedInputs: string[] = [];
  const params: ModelParams = structuredClone(DEFAULT_PARAMS);
  if (a.roads) params.travelModel = 'road'; // --param travel=straight still overrides
  for (const p of a.params) applyParam(params, p);
  params.includePlanned = a.includePlanned;
  const service = a.service ?? SERVICES_OF[a.type][0]!;
  const data = loadEmbeddedData();
  log(`data: ${data.demand.count} demand units, ${data.hromadas.count} hromadas, ${data.facilities.length} embedded facilities`);
  let territory = builtinTerritory(data.hromadas, DEFAULT_GEO_DIR);
  if (a.territory) {
    const t = applyTerritoryFile(a.territory, data.hromadas, data.demand, { date: a.territoryDate });
    data.hromadas = t.hromadas;
    territory = t.info;
    for (const m of t.messages) log(m);
  }
  log(territoryLine(territory));
  const needsCtx = a.facilities.length > 0 || (a.candidates !== 'settlements' && a.candidates !== 'cells');
  const ctx = needsCtx ? cliImportContext(DEFAULT_GEO_DIR, data) : null;
  const facilities = a.facilities.length > 0 ? importFacilityFiles(a.facilities, ctx!, rejected, log).facilities : data.facilities;
  let candidates: 'settlements' | 'cells' | CandidatePoints;
  if (a.candidates === 'settlements' || a.candidates === 'cells') candidates = a.candidates;
  else candidates = readCandidatesFile(a.candidates, a.type, ctx!, rejected, log);
  checkStrict(rejected, a.strict ?? false);
  const active = facilities.filter((f) => SERVICES_OF[f.type].includes(service) && (f.status === 'opened' || a.includePlanned));
  const illustrative = active.filter((f) => f.placement === 'illustrative' || f.source === 'illustrative').length;
  if (illustrative > 0) estimatedInputs.push(`${illustrative} of ${active.length} existing ${service} facilities are illustrative (assumed, not sourced)`);
  let scope: Int32Array;
  try {
    scope = selectScope(data.demand, data.hromadas, parseScope(a.scope));
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const planned = a.includeOccupied ? scope : dropOccupied(data.demand, data.hromadas, scope).scope;
  let est = 0;
  for (const i of planned) if (data.demand.derivation[i] !== 0) est += data.demand.population[i]!;
  if (est > 0) estimatedInputs.push(`population of ${Math.round(est)} people in the scope is estimated (share or spread), not counted`);
  const maxNorm = params.coverageMode === 'distance' ? params.coverageKm : Math.max(params.normMin[service].urban, params.normMin[service].rural);
  const reach = a.reach ?? 2 * maxNorm;
  const cur = currentBest(data, facilities, params, service, a.roads ? { path: a.roads, log } : undefined);
  if (a.candidates === 'cells') estimatedInputs.push('candidate sites are cell centres (estimated locations)');
  for (const c of a.costs) applyParam(params, `cost.${c.trim()}`);
  const ctxP: PointsContext = { demand: data.demand, hromadas: data.hromadas, facilities, params, service, scope, candidates, includeOccupied: a.includeOccupied, reach, roads: cur.graph ?? null };
  const oa = { objective: a.objective, type: a.type, typeGiven: a.typeGiven ?? false, types: a.types };
  const base = { estimatedInputs, currentVia: cur.via, territory };
  try {
    if (a.objective === 'closures') {
      const t = performance.now();
      const c = closuresFor(oa, ctxP);
      log(`closures: ${c.rows.length} units ranked`);
      const result = closuresResult(c.rows, c.notes, c.total, performance.now() - t);
      const empty = buildPointsProblem({ ...ctxP, candidates: { ids: [], names: [], lon: [], lat: [] }, current: cur.current, type: a.type, objective: 'coverage' });
      return { ...base, problem: empty, closures: { rows: c.rows, result }, travelModel: travelModelOf(params, cur.roadNote) };
    }
    const problem = isCountObjective(a.objective)
      ? countProblem(oa, ctxP, log)
      : buildPointsProblem({
          demand: data.demand,
          hromadas: data.hromadas,
          scope,
          current: cur.current,
          params,
          service,
          type: a.type,
          candidates,
          objective: a.objective,
          reach,
          includeOccupied: a.includeOccupied,
          road: cur.road ?? null,
        });
    log(`scope ${a.scope}: ${problem.demand.count} demand units, ${problem.candidates.count} candidates, ${problem.structure.demand.length} pairs`);
    return { ...base, problem, availability: params.availability[a.type], travelModel: travelModelOf(params, cur.roadNote) };
  } catch (e) {
    if (e instanceof ObjectiveInputError) throw new InputError(e.message);
    throw e;
  }
}

/**
 * Builds the problem from arguments and runs the optimizer. Rejected input rows are printed through `log` and kept
 * in the run.
 * @throws CliError (InputError) on bad input: a file error, a file with no usable row, with --strict any rejected row
 */
export async function runPlan(a: PlanArgs, log: (s: string) => void = () => {}): Promise<PlanRun> {
  const rejected = new RejectedRows();
  const inputNotes: string[] = [];
  let built: Built;
  try {
    built = a.matrix ? buildFromMatrix(a, rejected, inputNotes, log) : buildFromPoints(a, rejected, log);
  } catch (e) {
    if (e instanceof CliError && !(e instanceof InputError)) throw new InputError(e.message);
    throw e;
  }
  const { problem } = built;
  if (rejected.count > 0) inputNotes.push(`Rejected input rows (left out, listed in rejected.csv): ${rejected.summary()}.`);
  const travelModel = built.travelModel ?? { model: a.matrix ? 'matrix' : 'straight-line', note: null };
  if (travelModel.note) inputNotes.push(travelModel.note);
  const common = { travelModel, problem, estimatedInputs: built.estimatedInputs, type: a.type, currentVia: built.currentVia, territory: built.territory, includeOccupied: a.includeOccupied, rejected, inputNotes, noThreshold: built.noThreshold };
  if (built.closures) return { ...common, result: built.closures.result, closures: built.closures.rows };
  const result = await optimize(
    problem,
    {
      objective: a.objective,
      newFacilities: a.newFacilities,
      targetShare: a.targetShare,
      method: a.method,
      timeLimitSec: a.timeLimitSec,
      localSearchMs: a.localSearchMs,
      availability: built.availability,
      budget: a.budget,
      moveCount: a.move,
    },
    {
      onProgress: (p) => {
        if (p.phase === 'milp' && p.gap !== undefined) log(`milp: incumbent ${p.incumbent}, bound ${p.bound}, gap ${p.gap}`);
        else if (p.phase !== 'milp') log(`phase: ${p.phase}`);
      },
    },
  );
  return { ...common, result };
}
