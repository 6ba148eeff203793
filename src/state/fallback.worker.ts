/// <reference lib="webworker" />
/** Interim worker: runs src/state/fallback-engine.ts off the main thread until src/worker lands. */
import type { DemandTable, Facility, ModelParams, Service } from '../engine/types';
import { activeFacilityIndices, computeHromadaStats, computeServiceCoverage } from './fallback-engine';

type Msg =
  | { type: 'init'; demand: DemandTable; hromadaCount: number }
  | { type: 'compute'; id: number; params: ModelParams; facilities: Facility[]; services: Service[] };

let demand: DemandTable | null = null;
let hromadaCount = 0;

self.onmessage = (ev: MessageEvent<Msg>) => {
  const msg = ev.data;
  if (msg.type === 'init') {
    demand = msg.demand;
    hromadaCount = msg.hromadaCount;
    return;
  }
  if (!demand) return;
  const out: Record<string, unknown> = {};
  const transfer: ArrayBuffer[] = [];
  msg.services.forEach((service, k) => {
    const active = activeFacilityIndices(msg.facilities, service, msg.params);
    const coverage = computeServiceCoverage(demand!, msg.facilities, active, service, msg.params, (f) =>
      self.postMessage({ type: 'progress', id: msg.id, fraction: (k + f) / msg.services.length }),
    );
    const stats = computeHromadaStats(demand!, hromadaCount, coverage);
    out[service] = { coverage, stats, active };
    for (const a of [coverage.nearest, coverage.minutes, coverage.backup, coverage.backupMinutes, coverage.covered, active])
      transfer.push(a.buffer as ArrayBuffer);
  });
  self.postMessage({ type: 'result', id: msg.id, result: out }, transfer);
};
