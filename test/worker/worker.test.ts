import { describe, expect, it } from 'vitest';
import { CoverageEngine, DEFAULT_PARAMS } from '../../src/engine';
import { syntheticCountry } from '../../src/engine/synthetic';
import { CoverageClient, FACILITY_CHUNK } from '../../src/worker/client';
import { createCoverageHost, fetchEmbedded } from '../../src/worker/host';
import { fakeWorkerPair } from './fake-worker';

function setup() {
  const data = syntheticCountry({ seed: 8, demand: 2000, facilities: 60, hromadas: 10 });
  const { worker, scope } = fakeWorkerPair();
  createCoverageHost(scope);
  const client = new CoverageClient(worker);
  return { data, client, worker, scope };
}

describe('coverage worker protocol (through a fake worker)', () => {
  it('init → getResults returns the engine results as transferred copies', async () => {
    const { data, client } = setup();
    const summary = await client.init({ data });
    expect(summary.demandCount).toBe(2000);
    expect(summary.version).toBe(1);
    expect(summary.activeFacilities.fire).toBeGreaterThan(0);
    const res = await client.getResults();
    const engine = new CoverageEngine(data.demand, data.hromadas, data.facilities);
    expect(Array.from(res.coverage.fire!.minutes)).toEqual(Array.from(engine.coverage('fire').minutes));
    expect(Array.from(res.coverage.police!.nearest)).toEqual(Array.from(engine.coverage('police').nearest));
    expect(res.coverage.fire!.minutes).toBeInstanceOf(Float64Array);
    expect(Array.from(res.stats.fire!.share)).toEqual(Array.from(engine.stats('fire').share));
    expect(res.totals.fire).toEqual(engine.totals('fire'));
    expect(res.facilityIds[0]).toBe(data.facilities[0]!.id);
    expect(Array.from(res.units.fire!.missProb)).toEqual(Array.from(engine.missProbability('fire')));
    expect(Array.from(res.units.police!.secondCovered)).toEqual(Array.from(engine.secondCovered('police')));
    expect(Array.from(res.stats.fire!.expectedCoveredPopulation)).toEqual(Array.from(engine.stats('fire').expectedCoveredPopulation));
  });

  it('edit answers with patches that turn the old results into the new ones', async () => {
    const { data, client } = setup();
    await client.init({ data });
    const before = await client.getResults();
    const f = data.facilities.find((x) => x.status === 'opened' && x.type === 'state_fire_unit')!;
    const e = await client.edit({ op: 'move', id: f.id, lon: f.lon + 0.3, lat: f.lat - 0.2 });
    expect(e.facility?.lon).toBeCloseTo(f.lon + 0.3, 12);
    const fire = before.coverage.fire!;
    e.result.demand.forEach((i, k) => {
      fire.minutes[i] = e.coverage.fire.minutes[k]!;
      fire.nearest[i] = e.coverage.fire.nearest[k]!;
    });
    const units = before.units.fire!;
    e.result.demand.forEach((i, k) => {
      units.missProb[i] = e.coverage.fire.missProb[k]!;
      units.secondCovered[i] = e.coverage.fire.secondCovered[k]!;
    });
    const share = before.stats.fire!.share;
    const expected = before.stats.fire!.expectedCoveredPopulation;
    e.result.hromadas.forEach((h, k) => {
      share[h] = e.stats.fire.share[k]!;
      expected[h] = e.stats.fire.expectedCoveredPopulation[k]!;
    });
    const after = await client.getResults();
    expect(Array.from(fire.minutes)).toEqual(Array.from(after.coverage.fire!.minutes));
    expect(Array.from(fire.nearest)).toEqual(Array.from(after.coverage.fire!.nearest));
    expect(Array.from(share)).toEqual(Array.from(after.stats.fire!.share));
    expect(Array.from(units.missProb)).toEqual(Array.from(after.units.fire!.missProb));
    expect(Array.from(units.secondCovered)).toEqual(Array.from(after.units.fire!.secondCovered));
    expect(Array.from(expected)).toEqual(Array.from(after.stats.fire!.expectedCoveredPopulation));
    expect(e.version).toBeGreaterThan(before.version);
  });

  it('add, update and remove through edit', async () => {
    const { data, client } = setup();
    await client.init({ data });
    const add = await client.edit({ op: 'add', facility: { ...data.facilities[0]!, id: 'user-1', type: 'security_center', status: 'opened' } });
    expect(add.result.slot).toBe(60);
    const upd = await client.edit({ op: 'update', id: 'user-1', patch: { type: 'police_station' } });
    expect(upd.facility?.type).toBe('police_station');
    const rem = await client.edit({ op: 'remove', id: 'user-1' });
    expect(rem.facility).toBeNull();
    const res = await client.getResults({ services: ['fire'] });
    expect(res.facilityIds[60]).toBeNull();
    expect(res.coverage.police).toBeUndefined();
  });

  it('a newer setParams supersedes a stale one: the stale promise rejects with AbortError and is never run', async () => {
    const { data, client, scope } = setup();
    await client.init({ data });
    const p1 = client.setParams({ ...DEFAULT_PARAMS, coverageMode: 'distance', coverageKm: 1 });
    const p2 = client.setParams({ ...DEFAULT_PARAMS, includePlanned: true });
    await expect(p1).rejects.toMatchObject({ name: 'AbortError' });
    const s2 = await p2;
    expect(s2.version).toBe(2); // the stale request did not run
    const res = await client.getResults();
    const engine = new CoverageEngine(data.demand, data.hromadas, data.facilities, { ...DEFAULT_PARAMS, includePlanned: true });
    expect(Array.from(res.coverage.fire!.minutes)).toEqual(Array.from(engine.coverage('fire').minutes));
    expect(scope.posted).toBe(3); // init, setParams #2, getResults — nothing for the cancelled one
  });

  it('a long facility list goes in parts and gives the same results; a newer list stops an older one', async () => {
    const { data, client, scope } = setup();
    await client.init({ data });
    const base = data.facilities[0]!;
    const many = Array.from({ length: FACILITY_CHUNK * 2 + 3 }, (_, i) => ({ ...base, id: `many-${i}`, lon: base.lon + (i % 97) * 0.01, lat: base.lat + (i % 89) * 0.01 }));
    const before = scope.posted;
    const s = await client.setFacilities(many);
    expect(scope.posted - before).toBe(4); // three parts and the setFacilities naming them
    expect(s.slotCount).toBe(many.length);
    const res = await client.getResults({ services: ['fire'] });
    const engine = new CoverageEngine(data.demand, data.hromadas, many);
    expect(Array.from(res.coverage.fire!.minutes)).toEqual(Array.from(engine.coverage('fire').minutes));
    expect(res.facilityIds).toEqual(many.map((f) => f.id));
    // a newer (short) list while the long one is still sending: the long one is dropped
    const stale = client.setFacilities(many.map((f) => ({ ...f, id: `stale-${f.id}` })));
    const fresh = client.setFacilities(data.facilities);
    await expect(stale).rejects.toMatchObject({ name: 'AbortError' });
    expect((await fresh).slotCount).toBe(data.facilities.length);
    // an aborted long list sends nothing more
    const ac = new AbortController();
    const aborted = client.setFacilities(many, { signal: ac.signal });
    ac.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect((await client.getResults()).facilityIds).toEqual(data.facilities.map((f) => f.id));
  });

  it('getResults superseded by a newer getResults; edits are never superseded', async () => {
    const { data, client } = setup();
    await client.init({ data });
    const g1 = client.getResults();
    const g2 = client.getResults();
    const ids = data.facilities.slice(0, 3).map((f) => f.id);
    const edits = ids.map((id) => client.edit({ op: 'remove', id }));
    await expect(g1).rejects.toMatchObject({ name: 'AbortError' });
    await g2;
    const done = await Promise.all(edits);
    expect(done.map((d) => d.facility)).toEqual([null, null, null]);
  });

  it('an AbortSignal cancels a request', async () => {
    const { data, client } = setup();
    await client.init({ data });
    const ac = new AbortController();
    const p = client.getResults({}, { signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    const pre = new AbortController();
    pre.abort();
    await expect(client.getResults({}, { signal: pre.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('errors come back as rejections with the message', async () => {
    const { data, client } = setup();
    await expect(client.getResults()).rejects.toThrow(/send `init` first/);
    await client.init({ data });
    await expect(client.edit({ op: 'remove', id: 'nope' })).rejects.toThrow(/Unknown facility id "nope"/);
    await expect(client.request('nope' as 'init', { data })).rejects.toThrow(/Unknown message "nope"/);
  });

  it('extension point: an extra handler (e.g. optimize) answers through the same protocol', async () => {
    const data = syntheticCountry({ seed: 8, demand: 300, facilities: 10 });
    const { worker, scope } = fakeWorkerPair();
    createCoverageHost(scope, {
      // a stand-in for the optimizer's message: reuse getResults' slot with a custom handler
      getResults: (_req, ctx) => ({ version: -1, facilityIds: [String(ctx.engine().slotCount)], coverage: {}, stats: {}, totals: {}, occupiedTotals: {}, oblastTotals: {}, servedPopulation: {}, units: {} }),
    });
    const client = new CoverageClient(worker);
    await client.init({ data });
    expect((await client.getResults()).facilityIds).toEqual(['10']);
  });

  it('init with embeddedBaseUrl fetches public/geo', async () => {
    const data = syntheticCountry({ seed: 8, demand: 10, facilities: 2 });
    const urls: string[] = [];
    const fakeFetch = (async (url: string) => {
      urls.push(url);
      throw new Error('offline');
    }) as unknown as typeof fetch;
    await expect(fetchEmbedded('/base', fakeFetch)).rejects.toThrow('offline');
    expect(urls).toContain('/base/demand.json');
    expect(data.demand.count).toBe(10);
  });
});
