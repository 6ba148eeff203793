/**
 * The coverage worker's typed protocol: a map from message name to [request, response] (as maplibre's
 * actor_messages.ts). The page talks to it through `CoverageClient` (client.ts); the worker answers in host.ts.
 *
 * Extension point — another module adds a message with declaration merging and registers its handler:
 * ```ts
 * declare module '../worker/protocol' {
 *   interface WorkerMessages { optimize: [OptimizeRequest, OptimizeResponse] }
 * }
 * // in the worker entry: createCoverageHost(self, { optimize: (req, ctx) => optimize(ctx.engine(), req) })
 * ```
 * Typed arrays in responses are fresh copies whose buffers are transferred (zero-copy to the page).
 */
import type {
  DemandTable,
  EditResult,
  Facility,
  HromadaStats,
  HromadaTable,
  ModelParams,
  OblastTotals,
  Service,
  ServiceCoverage,
  Totals,
  TravelMatrix,
} from '../engine/types';

/** The three parsed start-up tables (as `parseEmbedded` / `loadEmbedded` return). */
export interface CoverageData {
  demand: DemandTable;
  hromadas: HromadaTable;
  facilities: Facility[];
}

export interface InitRequest {
  /**
   * The parsed tables, or where to fetch public/geo from (e.g. `${import.meta.env.BASE_URL}geo/`); after
   * `loadEmbedded` of the same URL the worker builds its engine from the tables it loaded then (no second fetch).
   */
  data: CoverageData | { embeddedBaseUrl: string };
  /** Default DEFAULT_PARAMS. */
  params?: ModelParams;
  matrix?: TravelMatrix | null;
}

/** What `loadEmbedded` answers: the worker's tables as the page needs them (typed arrays are copies, transferred). */
export interface EmbeddedTables {
  data: CoverageData;
  /** hromadas.geojson as downloaded (UTF-8), for the map's polygons: the page parses it, nothing is fetched twice. */
  hromadasBytes: Uint8Array;
  /** When the worker began fetching, had the files and had built its tables (epoch ms, `performance.timeOrigin + now()`). */
  startedAt: number;
  fetchedAt: number;
  parsedAt: number;
}

/** `o` with a fresh copy of each typed array among its own fields (other fields shared). */
function withArrayCopies<T extends object>(o: T): T {
  const out = { ...o } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) if (ArrayBuffer.isView(v) && 'slice' in v) out[k] = (v as Uint8Array).slice();
  return out as T;
}

/**
 * Copies of the tables' typed arrays (the engine keeps the originals; the copies can be transferred). Typed arrays
 * sit only at the tables' top level (DemandTable, HromadaTable); facilities are plain objects, cloned on posting.
 */
export function copyTables(d: CoverageData): CoverageData {
  return { demand: withArrayCopies(d.demand), hromadas: withArrayCopies(d.hromadas), facilities: d.facilities };
}

/** Small answer to state-changing messages; fetch arrays with getResults. */
export interface Summary {
  /** Increases with every change of the engine's state. */
  version: number;
  demandCount: number;
  hromadaCount: number;
  /** Number of facility slots (ServiceCoverage.nearest indexes these). */
  slotCount: number;
  /** Facilities active per service; 0 means every unit is uncovered for it (nearest -1, minutes Infinity). */
  activeFacilities: Record<Service, number>;
  /** Totals for the territory under Ukrainian control (every hromada not occupied in the list in use). */
  totals: Record<Service, Totals>;
  /** Totals over occupied hromadas, reported beside `totals`. */
  occupiedTotals: Record<Service, Totals>;
}

export interface GetResultsRequest {
  /** Default both. */
  services?: Service[];
}

/**
 * Per demand unit results beside ServiceCoverage: the second-unit flag and the availability miss probability
 * (see CoverageEngine.secondCovered / missProbability). Expected coverage of unit i is `1 − missProb[i]`.
 */
export interface UnitResults {
  /** 1 when the second-nearest distinct unit arrives within the second-unit norm. */
  secondCovered: Uint8Array;
  /** ∏(1 − a) over the active units within the norm (independence assumed); 1 when none is within it. */
  missProb: Float64Array;
}

/** Fresh copies of the engine's per-unit second-unit and availability arrays of a service. */
export function copyUnitResults(u: UnitResults): UnitResults {
  return { secondCovered: u.secondCovered.slice(), missProb: u.missProb.slice() };
}

export interface ResultsPayload {
  version: number;
  /** Facility id per slot (null for an emptied slot); nearest/backup index this. */
  facilityIds: (string | null)[];
  coverage: Partial<Record<Service, ServiceCoverage>>;
  stats: Partial<Record<Service, HromadaStats>>;
  totals: Partial<Record<Service, Totals>>;
  occupiedTotals: Partial<Record<Service, Totals>>;
  oblastTotals: Partial<Record<Service, OblastTotals[]>>;
  /** Population served first-due per slot. */
  servedPopulation: Partial<Record<Service, Float64Array>>;
  /** Second-unit flags and miss probabilities per demand unit. */
  units: Partial<Record<Service, UnitResults>>;
}

export type EditRequest =
  | { op: 'add'; facility: Facility }
  | { op: 'move'; id: string; lon: number; lat: number }
  | { op: 'remove'; id: string }
  | { op: 'update'; id: string; patch: Partial<Omit<Facility, 'id'>> };

/** Per-unit values at EditResult.demand (same order), to patch a copy of ServiceCoverage. */
export interface CoveragePatch {
  nearest: Int32Array;
  minutes: Float64Array;
  backup: Int32Array;
  backupMinutes: Float64Array;
  covered: Uint8Array;
  secondCovered: Uint8Array;
  missProb: Float64Array;
}

/** HromadaStats fields at EditResult.hromadas (same order). */
export type StatsPatch = Omit<HromadaStats, 'service'>;

export interface EditResponse {
  version: number;
  result: EditResult;
  /** The slot's facility after the edit (null when removed). */
  facility: Facility | null;
  coverage: Record<Service, CoveragePatch>;
  stats: Record<Service, StatsPatch>;
  totals: Record<Service, Totals>;
  occupiedTotals: Record<Service, Totals>;
}

/** Message name → [request, response]. Extend with declaration merging (see the module note). */
export interface WorkerMessages {
  /**
   * Fetches and parses public/geo at `baseUrl` and answers with the tables; a following `init` uses them. `files`: the
   * bytes of start-up files the page already has (its preloads), by file name, read instead of fetched.
   */
  loadEmbedded: [{ baseUrl: string; files?: Record<string, ArrayBuffer> }, EmbeddedTables];
  init: [InitRequest, Summary];
  setParams: [{ params: ModelParams }, Summary];
  /** The whole list, or (`staged`) the `count` facilities sent before in `stageFacilities` parts of that stage. */
  setFacilities: [{ facilities: Facility[] } | { staged: number; count: number }, Summary];
  /** One part of a long facility list (CoverageClient.setFacilities); `first` starts stage `stage` afresh. */
  stageFacilities: [{ stage: number; first: boolean; facilities: Facility[] }, true];
  setMatrix: [{ matrix: TravelMatrix | null }, Summary];
  /** The territory status per hromada (TERRITORY_STATUSES codes) from the list in use. */
  setTerritory: [{ status: Uint8Array }, Summary];
  edit: [EditRequest, EditResponse];
  getResults: [GetResultsRequest, ResultsPayload];
}

export type MessageName = keyof WorkerMessages;
export type RequestOf<K extends MessageName> = WorkerMessages[K][0];
export type ResponseOf<K extends MessageName> = WorkerMessages[K][1];

/**
 * Kinds where a newer request makes an older pending one pointless, so the client cancels the stale one.
 * Edits and init are never superseded (each one changes state). Unlisted kinds default to false.
 */
export const SUPERSEDES: Partial<Record<MessageName, boolean>> = {
  setParams: true,
  setFacilities: true,
  setMatrix: true,
  setTerritory: true,
  getResults: true,
};

/** Page → worker. `$cancel` withdraws request `id` if it has not started. */
export type RequestEnvelope =
  | { id: number; type: MessageName; payload: unknown }
  | { id: number; type: '$cancel' };

/** Worker → page. */
export type ResponseEnvelope =
  | { id: number; ok: true; payload: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };

/** The part of a Worker / DedicatedWorkerGlobalScope the protocol uses (so tests can pass fakes). */
export interface MessagePort_ {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** A copy of `c` with fresh typed arrays (to transfer, or to patch without touching the original). */
export function copyCoverage(c: ServiceCoverage): ServiceCoverage {
  return {
    service: c.service,
    nearest: c.nearest.slice(),
    minutes: c.minutes.slice(),
    backup: c.backup.slice(),
    backupMinutes: c.backupMinutes.slice(),
    covered: c.covered.slice(),
  };
}

/** Buffers of every typed array reachable from a payload (deduplicated), for postMessage's transfer list. */
export function collectTransferables(value: unknown, out: Set<ArrayBuffer> = new Set(), depth = 0): ArrayBuffer[] {
  if (depth > 6 || value === null || typeof value !== 'object') return [...out];
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (Array.isArray(value)) {
    for (const v of value) collectTransferables(v, out, depth + 1);
  } else if (!(value instanceof Map)) {
    for (const v of Object.values(value)) collectTransferables(v, out, depth + 1);
  }
  return [...out];
}
