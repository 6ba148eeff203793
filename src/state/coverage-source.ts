/**
 * The UI's one door to the coverage engine: the engine's Web Worker (src/worker) through its typed promise client.
 * A newer request supersedes an older one (the client rejects the stale promise with an AbortError).
 */
import { startupMark } from './startup-mark';
import { EMBEDDED_FILES } from '../io/embedded';
import { DEMAND_BIN, decodeUtf8 } from '../io/embedded-fetch';
import { SERVICES, SERVICES_OF, type DemandTable, type Facility, type HromadaTable, type ModelParams, type Service, type TravelMatrix } from '../engine/types';
import { CoverageClient, createCoverageWorker } from '../worker/client';
import type { CoverageExportRequest } from '../worker/export-handlers';
import type { EditRequest, EditResponse, EmbeddedTables } from '../worker/protocol';
import { firstDueFromUnits, slotHromadas, type FirstDueFrom } from '../engine/cross-border';
import { OPTIMIZE_PROGRESS, type OptimizeProgressMessage, type OptimizeRequest, type OptimizeResponse } from '../worker/optimize-protocol';
import type { PlanProgress } from '../engine/optimize';
import type { CoverageResult, ServiceResult } from './coverage-result';
import { patchResult, type OblastKeys } from './result-patch';
import { solveInWorker } from '../worker/solver-client';

export type { CoverageResult, ServiceResult } from './coverage-result';

export interface CoverageSource {
  compute(
    params: ModelParams,
    facilities: Facility[],
    opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void },
  ): Promise<CoverageResult>;
  /**
   * One facility edit, incrementally: the worker patches only the units and hromadas it changes and the answer is
   * applied to a copy of `base`. Resolves null (send nothing) when the worker's state may not match `base` (a full
   * compute was interrupted, or `base` is not the last result): then call `compute`.
   * @param next the facility list after the edit; @param keys the HromadaTable (oblast and territory status per hromada)
   */
  edit(
    req: EditRequest,
    base: CoverageResult,
    next: Facility[],
    keys: OblastKeys,
  ): Promise<{ result: CoverageResult; response: EditResponse; roundTripMs: number; patchMs: number } | null>;
  /**
   * Runs the siting optimizer (src/worker/optimize-handler.ts): the heuristic in the coverage worker; the exact method
   * on the coverage worker's problem in a separate solver worker, terminated on cancel. `signal` cancels.
   */
  optimize(req: OptimizeRequest, opts: { signal?: AbortSignal; onProgress?: (p: PlanProgress) => void }): Promise<OptimizeResponse>;
  /** Sets (or clears) the imported travel-time matrix; it is sent to the worker with the next `compute`. */
  setMatrix(matrix: TravelMatrix | null): void;
  /** Sets the territory status per hromada (list in use); sent to the worker with the next `compute`. */
  setTerritory(status: Uint8Array): void;
  /** A coverage export (src/worker/export-handlers.ts) built from the worker's engine after the last compute. */
  exportText(req: CoverageExportRequest): Promise<string>;
  dispose(): void;
}

/** Facilities that count for `service` under `params` (planned ones only with includePlanned). */
export function activeFacilities(facilities: readonly Facility[], service: Service, params: ModelParams): Facility[] {
  return facilities.filter((f) => SERVICES_OF[f.type].includes(service) && (f.status !== 'planned' || params.includePlanned));
}

/**
 * Help across borders for the community panel: the other hromadas whose units reach hromada `h`'s people first
 * (within the reach cap), with the people each, largest first ("N people are first reached from Х громада").
 * `hromada` -1: units whose hromada is unknown. Scans the demand table once (a panel opening, not a hot path).
 */
export function firstDueFrom(result: CoverageResult, demand: DemandTable, hromadas: HromadaTable, service: Service, h: number): FirstDueFrom[] {
  const sr = result.services[service];
  const codeIndex = new Map<string, number>();
  hromadas.codes.forEach((c, k) => {
    if (!codeIndex.has(c)) codeIndex.set(c, k);
  });
  const codes = Array.from(sr.slotToFacility, (j) => (j >= 0 ? (result.facilities[j]?.hromadaCode ?? null) : null));
  const oblastIndex = new Map<string, number>();
  const oblastOf = Int32Array.from(hromadas.oblasts, (o) => {
    let k = oblastIndex.get(o);
    if (k === undefined) oblastIndex.set(o, (k = oblastIndex.size));
    return k;
  });
  const units: number[] = [];
  for (let i = 0; i < demand.count; i++) if (demand.hromada[i] === h) units.push(i);
  return firstDueFromUnits(h, {
    units,
    nearest: sr.coverage.nearest,
    minutes: sr.coverage.minutes,
    population: demand.population,
    reachCap: result.params.reachCapMin[service],
    slotHromada: slotHromadas(codes, codeIndex),
    oblastOf,
  });
}

/** Index into `result.facilities` of the facility that reaches demand unit `i` first, -1 if none. */
export function nearestFacility(result: CoverageResult, service: Service, i: number): number {
  const sr = result.services[service];
  const slot = sr.coverage.nearest[i]!;
  return slot >= 0 ? (sr.slotToFacility[slot] ?? -1) : -1;
}

/**
 * For each worker slot (its facility id, null for an empty slot), the index of that facility in `list`, -1 if absent.
 * After setFacilities the slots follow the list, so a slot whose id matches the same position needs no lookup; the
 * id map is built only for the others (slots left by edits).
 */
export function slotIndex(ids: readonly (string | null)[], list: readonly Facility[]): Int32Array {
  const out = new Int32Array(ids.length);
  let index: Map<string, number> | null = null;
  for (let s = 0; s < ids.length; s++) {
    const id = ids[s];
    if (id === null || id === undefined) out[s] = -1;
    else if (list[s]?.id === id) out[s] = s;
    else {
      index ??= new Map(list.map((f, i) => [f.id, i]));
      out[s] = index.get(id) ?? -1;
    }
  }
  return out;
}

/** A coverage worker made from tables the page has (imported settlements or boundaries, scenarios, the report). */
export function createCoverageSource(demand: DemandTable, hromadas: HromadaTable, facilities: Facility[]): CoverageSource {
  const worker = createCoverageWorker();
  const client = new CoverageClient(worker);
  // The worker gets its own copy of the tables (structured clone); the page keeps its own for drawing.
  return wrapClient(worker, client, client.init({ data: { demand, hromadas, facilities } }), facilities);
}

/**
 * A coverage worker that fetches and parses the bundled data itself (`baseUrl`, e.g. `…/geo/`) and builds its engine
 * from its own tables; `tables` is its copy of them for the page (typed arrays transferred), with hromadas.geojson's
 * bytes for the map. Start it as early as possible: the download and parsing run while the page starts.
 */
export function createEmbeddedCoverageSource(baseUrl: string): { source: CoverageSource; tables: Promise<EmbeddedTables>; hromadaGeo: Promise<unknown> } {
  startupMark('worker-created');
  const worker = createCoverageWorker();
  const client = new CoverageClient(worker);
  // The page's preloads (index.html) have the files downloading from the first byte of HTML: their bytes go to the
  // worker (transferred) to parse, instead of the worker asking the server again once its script has started.
  let pageGeo: Promise<unknown> = Promise.resolve(null);
  const sent = preloadedBytes(baseUrl).then((files) => {
    startupMark('bytes-sent');
    // The page parses its own copy of the hromada polygons (for the map) while the worker parses the tables, in
    // a task of its own after the worker has its bytes, instead of after the tables come back.
    const own = files?.[EMBEDDED_FILES.hromadas]?.slice(0);
    if (own) pageGeo = new Promise((ok) => setTimeout(() => ok(parseJsonOrNull(own)), 0));
    return {
      tables: client.request('loadEmbedded', files ? { baseUrl, files } : { baseUrl }, files ? { transfer: Object.values(files) } : {}),
      ready: client.init({ data: { embeddedBaseUrl: baseUrl } }),
    };
  });
  const tables = sent.then((s) => s.tables);
  const ready = sent.then((s) => s.ready);
  // The page's facility list is the one it got here (compute sends none while the list is the same object).
  const source = wrapClient(worker, client, ready, tables.then((t) => t.data.facilities), sent);
  return { source, tables, hromadaGeo: sent.then(() => pageGeo, () => null) };
}

/** JSON from UTF-8 bytes, or null when it is not JSON (the worker's copy then names what is wrong). */
function parseJsonOrNull(bytes: ArrayBuffer): unknown {
  try {
    return JSON.parse(decodeUtf8(bytes)) as unknown;
  } catch {
    return null;
  }
}

/**
 * The bytes of the three start-up files (by file name) as the page's preloads have them, or null when any is not there
 * (an HTTP error, offline without a cache): the worker then fetches them itself and names what failed.
 */
async function preloadedBytes(baseUrl: string): Promise<Record<string, ArrayBuffer> | null> {
  const names = [EMBEDDED_FILES.hromadas, DEMAND_BIN, EMBEDDED_FILES.facilities];
  try {
    const bytes = await Promise.all(
      names.map(async (name) => {
        const r = await fetch(`${baseUrl}${name}`);
        if (!r.ok) throw new Error(String(r.status));
        return r.arrayBuffer();
      }),
    );
    return Object.fromEntries(names.map((n, k) => [n, bytes[k]!]));
  } catch {
    return null;
  }
}

/**
 * `ready` answers the worker's `init`; `posted` resolves once that `init` has been sent (requests sent after it queue
 * behind it in the worker).
 */
function wrapClient(
  worker: Worker,
  client: CoverageClient,
  ready: Promise<unknown>,
  facilities: Facility[] | Promise<Facility[]>,
  posted: Promise<unknown> = Promise.resolve(),
): CoverageSource {
  // Disposed before init answered (imported data restored at start-up replace the first source at once): whoever
  // awaits `ready` gets the AbortError; nobody awaiting is not an unhandled rejection.
  ready.catch(() => undefined);
  let sentFacilities: Facility[] | null = null;
  if (Array.isArray(facilities)) sentFacilities = facilities;
  else
    facilities.then(
      (list) => (sentFacilities ??= list),
      () => undefined,
    );
  // A matrix waiting to be sent (undefined = nothing new).
  let pendingMatrix: TravelMatrix | null | undefined;
  // A territory status list waiting to be sent (undefined = nothing new).
  let pendingTerritory: Uint8Array | undefined;
  // The result the worker's state matches (null while a compute is under way or was interrupted).
  let inSync: CoverageResult | null = null;
  let onPlanProgress: ((p: PlanProgress) => void) | null = null;
  worker.addEventListener('message', (event: MessageEvent) => {
    const m = event.data as Partial<OptimizeProgressMessage> | null;
    if (m && m.type === OPTIMIZE_PROGRESS && m.progress) onPlanProgress?.(m.progress);
  });
  return {
    async compute(params, list, opts) {
      const t0 = performance.now();
      const o = opts.signal ? { signal: opts.signal } : {};
      await posted;
      inSync = null;
      const sendFacilities = async () => {
        if (list === sentFacilities) return;
        await client.setFacilities(list, o);
        sentFacilities = list;
      };
      // What must reach the worker before the parameters, in order (nothing, at the first computation).
      if (pendingMatrix !== undefined || list !== sentFacilities || pendingTerritory !== undefined) {
        await ready;
        if (pendingMatrix !== undefined) {
          // The engine checks a matrix against its facilities: clear it, change the facilities, then set the new one.
          const m = pendingMatrix;
          await client.setMatrix(null, o);
          await sendFacilities();
          if (m) await client.setMatrix(m, o);
          if (pendingMatrix === m) pendingMatrix = undefined;
        }
        await sendFacilities();
        if (pendingTerritory !== undefined) {
          const t = pendingTerritory;
          await client.setTerritory(t, o);
          if (pendingTerritory === t) pendingTerritory = undefined;
        }
      }
      // The parameters and the request for results go at once, queued behind the worker's `init` while its engine is
      // still being built: the worker answers them without waiting for this page to hear of each step.
      const paramsSet = client.setParams(params, o);
      const results = client.getResults({}, o);
      paramsSet.catch(() => undefined);
      results.catch(() => undefined);
      await ready;
      startupMark('worker-init');
      opts.onProgress?.(0.1);
      await paramsSet;
      opts.onProgress?.(0.6);
      startupMark('worker-params');
      const res = await results;
      startupMark('worker-results');
      const slotToFacility = slotIndex(res.facilityIds, list);
      const services = {} as Record<Service, ServiceResult>;
      for (const s of SERVICES) {
        const coverage = res.coverage[s];
        const stats = res.stats[s];
        const totals = res.totals[s];
        const occupiedTotals = res.occupiedTotals[s];
        if (!coverage || !stats || !totals || !occupiedTotals) throw new Error(`The coverage worker returned no ${s} results`);
        const units = res.units[s];
        services[s] = { coverage, stats, totals, occupiedTotals, oblastTotals: res.oblastTotals[s] ?? [], slotToFacility, ...(units ? { units } : {}) };
      }
      opts.onProgress?.(1);
      const out = { params, facilities: list, services, elapsedMs: performance.now() - t0 };
      inSync = out;
      return out;
    },
    async edit(req, base, next, keys) {
      if (inSync !== base) return null;
      const t0 = performance.now();
      inSync = null;
      const response = await client.edit(req);
      const t1 = performance.now();
      sentFacilities = next;
      const result = patchResult(base, response, next, keys, performance.now() - t0);
      inSync = result;
      return { result, response, roundTripMs: t1 - t0, patchMs: performance.now() - t1 };
    },
    async optimize(req, opts) {
      await ready;
      const o = opts.signal ? { signal: opts.signal } : {};
      if (req.method === 'exact') {
        const { problem, options, estimatedInputs, buildMs } = await client.request('planProblem', req, o);
        const result = await solveInWorker(problem, options, opts);
        return { result, estimatedInputs, buildMs };
      }
      onPlanProgress = opts.onProgress ?? null;
      try {
        return await client.request('optimize', req, o);
      } finally {
        onPlanProgress = null;
      }
    },
    setMatrix(matrix) {
      pendingMatrix = matrix;
      inSync = null;
    },
    setTerritory(status) {
      pendingTerritory = status;
      inSync = null;
    },
    async exportText(req) {
      await ready;
      return (await client.request('exportCoverage', req)).text;
    },
    dispose() {
      client.terminate();
    },
  };
}
