/**
 * The UI's one door to the coverage engine: the engine's Web Worker (src/worker) through its typed promise client.
 * A newer request supersedes an older one (the client rejects the stale promise with an AbortError).
 */
import { SERVICES, SERVICES_OF, type DemandTable, type Facility, type HromadaStats, type HromadaTable, type ModelParams, type OblastTotals, type Service, type ServiceCoverage, type Totals } from '../engine/types';
import { CoverageClient, createCoverageWorker } from '../worker/client';

export interface ServiceResult {
  coverage: ServiceCoverage;
  stats: HromadaStats;
  totals: Totals;
  oblastTotals: OblastTotals[];
  /** For each facility slot (what coverage.nearest / backup index), the index into `CoverageResult.facilities`. */
  slotToFacility: Int32Array;
}

export interface CoverageResult {
  params: ModelParams;
  facilities: Facility[];
  services: Record<Service, ServiceResult>;
  /** Milliseconds the request took. */
  elapsedMs: number;
}

export interface CoverageSource {
  compute(
    params: ModelParams,
    facilities: Facility[],
    opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void },
  ): Promise<CoverageResult>;
  dispose(): void;
}

/** Facilities that count for `service` under `params` (planned ones only with includePlanned). */
export function activeFacilities(facilities: readonly Facility[], service: Service, params: ModelParams): Facility[] {
  return facilities.filter((f) => SERVICES_OF[f.type].includes(service) && (f.status !== 'planned' || params.includePlanned));
}

/** Index into `result.facilities` of the facility that reaches demand unit `i` first, -1 if none. */
export function nearestFacility(result: CoverageResult, service: Service, i: number): number {
  const sr = result.services[service];
  const slot = sr.coverage.nearest[i]!;
  return slot >= 0 ? (sr.slotToFacility[slot] ?? -1) : -1;
}

export function createCoverageSource(demand: DemandTable, hromadas: HromadaTable, facilities: Facility[]): CoverageSource {
  const client = new CoverageClient(createCoverageWorker());
  // The worker gets its own copy of the tables (structured clone); the page keeps its own for drawing.
  const ready = client.init({ data: { demand, hromadas, facilities } });
  let sentFacilities: Facility[] = facilities;
  return {
    async compute(params, list, opts) {
      const t0 = performance.now();
      const o = opts.signal ? { signal: opts.signal } : {};
      await ready;
      opts.onProgress?.(0.1);
      if (list !== sentFacilities) {
        await client.setFacilities(list, o);
        sentFacilities = list;
      }
      await client.setParams(params, o);
      opts.onProgress?.(0.6);
      const res = await client.getResults({}, o);
      const index = new Map(list.map((f, i) => [f.id, i]));
      const slotToFacility = Int32Array.from(res.facilityIds, (id) => (id === null ? -1 : (index.get(id) ?? -1)));
      const services = {} as Record<Service, ServiceResult>;
      for (const s of SERVICES) {
        const coverage = res.coverage[s];
        const stats = res.stats[s];
        const totals = res.totals[s];
        if (!coverage || !stats || !totals) throw new Error(`The coverage worker returned no ${s} results`);
        services[s] = { coverage, stats, totals, oblastTotals: res.oblastTotals[s] ?? [], slotToFacility };
      }
      opts.onProgress?.(1);
      return { params, facilities: list, services, elapsedMs: performance.now() - t0 };
    },
    dispose() {
      client.terminate();
    },
  };
}
