import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, SERVICES, type Facility, type ModelParams, type Service } from '../../src/engine/types';
import { syntheticCountry } from '../../src/engine/synthetic';
import type { FacilityEdit } from '../../src/io/scenario';
import type { CoverageResult, ServiceResult } from '../../src/state/coverage-source';
import { applyFacilityEdit } from '../../src/state/scenario-state';
import { appendedEdit, editDelta, patchResult, toEditRequest } from '../../src/state/result-patch';
import { CoverageClient } from '../../src/worker/client';
import { createCoverageHost } from '../../src/worker/host';
import type { ResultsPayload } from '../../src/worker/protocol';
import { fakeWorkerPair } from '../worker/fake-worker';

/** As createCoverageSource's compute: the worker's payload as the page's CoverageResult. */
function toResult(res: ResultsPayload, params: ModelParams, list: Facility[]): CoverageResult {
  const index = new Map(list.map((f, i) => [f.id, i]));
  const slotToFacility = Int32Array.from(res.facilityIds, (id) => (id === null ? -1 : (index.get(id) ?? -1)));
  const services = {} as Record<Service, ServiceResult>;
  for (const s of SERVICES) {
    services[s] = {
      coverage: res.coverage[s]!,
      stats: res.stats[s]!,
      totals: res.totals[s]!,
      occupiedTotals: res.occupiedTotals[s]!,
      oblastTotals: res.oblastTotals[s]!,
      slotToFacility,
      units: res.units[s]!,
    };
  }
  return { params, facilities: list, services, elapsedMs: 0 };
}

/** Everything but elapsedMs, as plain arrays (so typed arrays compare by value). */
function plain(r: CoverageResult): unknown {
  const out: Record<string, unknown> = { facilities: r.facilities.map((f) => f.id) };
  for (const s of SERVICES) {
    const sr = r.services[s];
    const id = (slot: number) => (slot >= 0 ? (r.facilities[sr.slotToFacility[slot]!]?.id ?? null) : null);
    out[s] = {
      // raw slot numbers differ between an incremental edit and a full recompute: compare the facility ids
      coverage: Object.fromEntries(
        Object.entries(sr.coverage)
          .filter(([k]) => k !== 'nearest' && k !== 'backup')
          .map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]),
      ),
      nearest: Array.from(sr.coverage.nearest, id),
      backup: Array.from(sr.coverage.backup, id),
      stats: Object.fromEntries(
        Object.entries(sr.stats).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]),
      ),
      totals: sr.totals,
      oblastTotals: sr.oblastTotals,
      // second-unit flags and miss probabilities per unit
      secondCovered: Array.from(sr.units!.secondCovered),
      missProb: Array.from(sr.units!.missProb),
    };
  }
  return out;
}

async function setup() {
  const data = syntheticCountry({ seed: 11, demand: 3000, facilities: 50, hromadas: 12 });
  const { worker, scope } = fakeWorkerPair();
  createCoverageHost(scope);
  const client = new CoverageClient(worker);
  await client.init({ data });
  const base = toResult(await client.getResults(), DEFAULT_PARAMS, data.facilities);
  return { data, client, base };
}

describe('incremental edits on the page (patchResult)', () => {
  it('add, move, update and remove: each patched result equals a full recompute, and the base is not changed', async () => {
    const { data, client, base } = await setup();
    const f0 = data.facilities.find((f) => f.type === 'state_fire_unit' && f.status === 'opened')!;
    const beforeBase = JSON.stringify(plain(base));
    const edits: FacilityEdit[] = [
      {
        op: 'add',
        facility: {
          ...f0,
          id: 'user-1',
          type: 'local_fire_department',
          lon: f0.lon + 0.4,
          lat: f0.lat + 0.3,
          source: 'user:map',
          placement: 'user',
        },
      },
      { op: 'move', id: 'user-1', lon: f0.lon - 0.5, lat: f0.lat + 0.1 },
      { op: 'update', id: f0.id, changes: { type: 'volunteer_fire_brigade' } },
      { op: 'remove', id: f0.id },
    ];
    let cur = base;
    let list = data.facilities;
    const oblasts = data.hromadas.oblasts;
    for (const e of edits) {
      list = applyFacilityEdit(list, e);
      const resp = await client.edit(toEditRequest(e));
      const next = patchResult(cur, resp, list, { oblasts });
      // a fresh worker computing everything from the same list
      const { worker, scope } = fakeWorkerPair();
      createCoverageHost(scope);
      const fresh = new CoverageClient(worker);
      await fresh.init({ data: { ...data, facilities: list } });
      const full = toResult(await fresh.getResults(), DEFAULT_PARAMS, list);
      const [pn, pf] = [
        plain(next) as Record<Service, Record<string, unknown>>,
        plain(full) as Record<Service, Record<string, unknown>>,
      ];
      for (const s of SERVICES)
        for (const k of Object.keys(pf[s])) expect([e.op, s, k, pn[s][k]]).toEqual([e.op, s, k, pf[s][k]]);
      fresh.terminate();
      cur = next;
    }
    expect(JSON.stringify(plain(base))).toBe(beforeBase);
  });

  it('editDelta: the national and per-hromada change in population within the norm', async () => {
    const { data, client, base } = await setup();
    const f0 = data.facilities.find((f) => f.type === 'state_fire_unit' && f.status === 'opened')!;
    const e: FacilityEdit = { op: 'remove', id: f0.id };
    const resp = await client.edit(toEditRequest(e));
    const after = patchResult(base, resp, applyFacilityEdit(data.facilities, e), data.hromadas);
    const d = editDelta(base, after, resp.result.hromadas, 'fire');
    expect(d.nation).toBe(after.services.fire.totals.coveredPopulation - base.services.fire.totals.coveredPopulation);
    expect(d.nation).toBeLessThanOrEqual(0);
    expect(d.hromadas.reduce((a, h) => a + h.delta, 0)).toBeCloseTo(d.nation, 6);
    for (const h of d.hromadas) expect(h.delta).not.toBe(0);
  });
});

describe('appendedEdit', () => {
  const a: FacilityEdit = { op: 'remove', id: 'a' };
  const b: FacilityEdit = { op: 'remove', id: 'b' };
  const imports: unknown[] = [];
  it('finds the one edit appended with the same parameters and imports', () => {
    expect(
      appendedEdit(
        { paramsKey: 'p', facilityImports: imports, facilityEdits: [a] },
        { paramsKey: 'p', facilityImports: imports, facilityEdits: [a, b] },
      ),
    ).toBe(b);
  });
  it('null for anything else: no previous, other parameters, other imports, two edits, undo, a changed prefix', () => {
    const prev = { paramsKey: 'p', facilityImports: imports, facilityEdits: [a] };
    expect(appendedEdit(null, prev)).toBeNull();
    expect(appendedEdit(prev, { ...prev, paramsKey: 'q', facilityEdits: [a, b] })).toBeNull();
    expect(appendedEdit(prev, { ...prev, facilityImports: [], facilityEdits: [a, b] })).toBeNull();
    expect(appendedEdit(prev, { ...prev, facilityEdits: [a, b, b] })).toBeNull();
    expect(appendedEdit(prev, { ...prev, facilityEdits: [] })).toBeNull();
    expect(appendedEdit(prev, { ...prev, facilityEdits: [{ ...a }, b] })).toBeNull();
  });
});
