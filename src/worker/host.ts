/**
 * The worker side: holds one CoverageEngine and answers protocol messages one at a time, in order. A request
 * cancelled (`$cancel`) before it starts is dropped. Responses carry fresh typed-array copies, transferred.
 * Kept apart from coverage.worker.ts so tests can run it against an in-process fake worker.
 */
import { CoverageEngine } from '../engine/coverage';
import { STATS_FIELDS } from '../engine/stats';
import { DEFAULT_PARAMS, SERVICES, type Facility, type HromadaStats, type Service } from '../engine/types';
import { bytesFetch, fetchEmbeddedFiles, type FetchFn } from '../io/embedded-fetch';
import { roadsHandlers } from './roads-handlers';
import type { SearchThread } from '../engine/roads/parallel';
import { checkHandlers } from './check-handlers';
import {
  collectTransferables,
  copyCoverage,
  copyTables,
  copyUnitResults,
  type CoverageData,
  type CoveragePatch,
  type EditResponse,
  type MessageName,
  type MessagePort_,
  type RequestEnvelope,
  type RequestOf,
  type ResponseEnvelope,
  type ResponseOf,
  type ResultsPayload,
  type StatsPatch,
  type Summary,
} from './protocol';

/** What handlers get besides their request. */
export interface HostContext {
  /** The engine; throws if `init` has not run. */
  engine(): CoverageEngine;
  /** True once the client cancelled this request (long handlers should poll it and stop). */
  cancelled(): boolean;
  /** Marks a state change (bumps `version`) and returns the new version. */
  bump(): number;
  summary(): Summary;
}

export type Handler<K extends MessageName> = (req: RequestOf<K>, ctx: HostContext) => ResponseOf<K> | Promise<ResponseOf<K>>;
export type Handlers = { [K in MessageName]?: Handler<K> };

/** Fetches and parses public/geo from a base URL (used by `init` with `embeddedBaseUrl`). */
export async function fetchEmbedded(baseUrl: string, fetchFn: typeof fetch = fetch): Promise<CoverageData> {
  return (await fetchEmbeddedFiles(baseUrl, fetchFn)).data;
}

function pick<T extends Float64Array | Int32Array | Uint8Array>(a: T, idx: Int32Array): T {
  const out = new (a.constructor as new (n: number) => T)(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = a[idx[k]!]!;
  return out;
}

function copyStats(s: HromadaStats): HromadaStats {
  const out = { service: s.service } as Record<string, unknown>;
  for (const key of STATS_FIELDS) out[key] = s[key].slice();
  return out as unknown as HromadaStats;
}


/**
 * The built-in handlers (loadEmbedded, init, setParams, setFacilities, stageFacilities, setMatrix, edit, getResults).
 */
export function coverageHandlers(state: { engine: CoverageEngine | null }, fetchFn?: typeof fetch): Handlers {
  // A facility list arriving in parts (only the newest stage is kept).
  let staging: { stage: number; list: Facility[] } | null = null;
  // Tables `loadEmbedded` loaded, kept for the `init` of the same URL that follows.
  // A failed load is kept too: the `init` fails with the same error instead of fetching again.
  let loaded: { baseUrl: string; data: CoverageData } | { baseUrl: string; error: unknown } | null = null;
  return {
    loadEmbedded: async (req) => {
      let got: Awaited<ReturnType<typeof fetchEmbeddedFiles>>;
      try {
        const fetchOf: FetchFn = fetchFn ?? ((input, init) => fetch(input, init));
        got = await fetchEmbeddedFiles(req.baseUrl, req.files ? bytesFetch(req.files, fetchOf) : fetchOf);
      } catch (error) {
        loaded = { baseUrl: req.baseUrl, error };
        throw error;
      }
      loaded = { baseUrl: req.baseUrl, data: got.data };
      const { startedAt, fetchedAt, parsedAt } = got;
      return { data: copyTables(got.data), hromadasBytes: new Uint8Array(got.hromadasBytes), startedAt, fetchedAt, parsedAt };
    },
    init: async (req, ctx) => {
      let data: CoverageData;
      if (!('embeddedBaseUrl' in req.data)) data = req.data;
      else if (loaded?.baseUrl === req.data.embeddedBaseUrl) {
        const was = loaded;
        loaded = null;
        if ('error' in was) throw was.error;
        data = was.data;
      } else data = await fetchEmbedded(req.data.embeddedBaseUrl, fetchFn);
      loaded = null;
      state.engine = new CoverageEngine(data.demand, data.hromadas, data.facilities, req.params ?? DEFAULT_PARAMS, req.matrix ?? null);
      ctx.bump();
      return ctx.summary();
    },
    setParams: (req, ctx) => {
      ctx.engine().setParams(req.params);
      ctx.bump();
      return ctx.summary();
    },
    stageFacilities: (req) => {
      if (req.first) staging = { stage: req.stage, list: [] };
      if (staging?.stage === req.stage) for (const f of req.facilities) staging.list.push(f);
      return true;
    },
    setFacilities: (req, ctx) => {
      let list: Facility[];
      if ('staged' in req) {
        if (staging?.stage !== req.staged || staging.list.length !== req.count) throw new Error('The facility list did not arrive whole; send it again.');
        list = staging.list;
        staging = null;
      } else list = req.facilities;
      ctx.engine().setFacilities(list);
      ctx.bump();
      return ctx.summary();
    },
    setMatrix: (req, ctx) => {
      ctx.engine().setMatrix(req.matrix);
      ctx.bump();
      return ctx.summary();
    },
    setTerritory: (req, ctx) => {
      ctx.engine().setTerritory(req.status);
      ctx.bump();
      return ctx.summary();
    },
    edit: (req, ctx) => {
      const e = ctx.engine();
      const result =
        req.op === 'add'
          ? e.addFacility(req.facility)
          : req.op === 'move'
            ? e.moveFacility(req.id, req.lon, req.lat)
            : req.op === 'remove'
              ? e.removeFacility(req.id)
              : e.updateFacility(req.id, req.patch);
      const coverage = {} as Record<Service, CoveragePatch>;
      const stats = {} as Record<Service, StatsPatch>;
      for (const s of SERVICES) {
        const c = e.coverage(s);
        coverage[s] = {
          nearest: pick(c.nearest, result.demand),
          minutes: pick(c.minutes, result.demand),
          backup: pick(c.backup, result.demand),
          backupMinutes: pick(c.backupMinutes, result.demand),
          covered: pick(c.covered, result.demand),
          secondCovered: pick(e.secondCovered(s), result.demand),
          missProb: pick(e.missProbability(s), result.demand),
        };
        const st = e.stats(s);
        const patch = {} as Record<(typeof STATS_FIELDS)[number], Float64Array | Int32Array>;
        for (const key of STATS_FIELDS) patch[key] = pick(st[key], result.hromadas);
        stats[s] = patch as StatsPatch;
      }
      const version = ctx.bump();
      const { totals, occupiedTotals } = ctx.summary();
      const response: EditResponse = { version, result, facility: e.facility(result.slot), coverage, stats, totals, occupiedTotals };
      return response;
    },
    getResults: (req, ctx) => {
      const e = ctx.engine();
      const services = req.services ?? SERVICES;
      const out: ResultsPayload = {
        version: ctx.summary().version,
        facilityIds: Array.from({ length: e.slotCount }, (_, s) => e.facility(s)?.id ?? null),
        coverage: {},
        stats: {},
        totals: {},
        occupiedTotals: {},
        oblastTotals: {},
        servedPopulation: {},
        units: {},
      };
      for (const s of services) {
        out.coverage[s] = copyCoverage(e.coverage(s));
        out.stats[s] = copyStats(e.stats(s));
        out.totals[s] = e.totals(s);
        out.occupiedTotals[s] = e.occupiedTotals(s);
        out.oblastTotals[s] = e.oblastTotals(s);
        out.servedPopulation[s] = e.servedPopulation(s);
        out.units[s] = copyUnitResults({ secondCovered: e.secondCovered(s), missProb: e.missProbability(s) });
      }
      return out;
    },
  };
}

/**
 * Attaches the protocol to a worker scope (`self` in coverage.worker.ts, or a fake in tests).
 * @param extra more handlers (e.g. `optimize`), merged over the built-in ones
 * @returns detach function
 */
export function createCoverageHost(
  scope: MessagePort_,
  extra: Handlers = {},
  fetchFn?: typeof fetch,
  searchThread?: () => SearchThread | null,
): () => void {
  const state: { engine: CoverageEngine | null } = { engine: null };
  const handlers: Handlers = {
    ...coverageHandlers(state, fetchFn),
    ...roadsHandlers(searchThread),
    ...checkHandlers(),
    ...extra,
  };
  let version = 0;
  const queue: { id: number; type: MessageName; payload: unknown }[] = [];
  const cancelled = new Set<number>();
  let draining = false;

  const summary = (): Summary => {
    const e = state.engine;
    if (!e) throw new Error('The coverage worker has no data yet: send `init` first.');
    return {
      version,
      demandCount: e.demand.count,
      hromadaCount: e.hromadas.count,
      slotCount: e.slotCount,
      activeFacilities: { fire: e.activeCount('fire'), police: e.activeCount('police') },
      totals: { fire: e.totals('fire'), police: e.totals('police') },
      occupiedTotals: { fire: e.occupiedTotals('fire'), police: e.occupiedTotals('police') },
    };
  };

  const post = (msg: ResponseEnvelope) => {
    const transfer = msg.ok ? collectTransferables(msg.payload) : [];
    scope.postMessage(msg, transfer);
  };

  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      while (queue.length > 0) {
        const task = queue.shift()!;
        if (cancelled.delete(task.id)) continue;
        const handler = handlers[task.type] as Handler<MessageName> | undefined;
        const ctx: HostContext = {
          engine: () => {
            if (!state.engine) throw new Error('The coverage worker has no data yet: send `init` first.');
            return state.engine;
          },
          cancelled: () => cancelled.has(task.id),
          bump: () => ++version,
          summary,
        };
        try {
          if (!handler) throw new Error(`Unknown message "${task.type}".`);
          const payload = await handler(task.payload as RequestOf<MessageName>, ctx);
          if (cancelled.delete(task.id)) continue;
          post({ id: task.id, ok: true, payload });
        } catch (e) {
          cancelled.delete(task.id);
          const err = e instanceof Error ? e : new Error(String(e));
          post({ id: task.id, ok: false, error: { name: err.name, message: err.message } });
        }
      }
    } finally {
      draining = false;
    }
  };

  const onMessage = (event: MessageEvent) => {
    const msg = event.data as RequestEnvelope;
    if (msg.type === '$cancel') {
      if (queue.some((t) => t.id === msg.id) || draining) cancelled.add(msg.id);
      return;
    }
    queue.push(msg);
    // let already-delivered messages (e.g. a `$cancel` of this one) arrive before starting
    setTimeout(() => void drain(), 0);
  };
  scope.addEventListener('message', onMessage);
  return () => scope.removeEventListener('message', onMessage);
}
