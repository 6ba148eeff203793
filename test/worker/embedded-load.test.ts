/**
 * The coverage worker's own load of public/geo (src/io/embedded-fetch.ts, `loadEmbedded` in src/worker/host.ts):
 * with fetch mocked over the real files it gives the tables parseGeoBundle gives the page, builds its engine from
 * them without a second fetch, and fails with the page's messages (HTTP error, bad JSON).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CoverageEngine } from '../../src/engine';
import { fetchEmbeddedFiles, loadFailedMessage, type FetchFn } from '../../src/io/embedded-fetch';
import { parseGeoBundle } from '../../src/state/parse-embedded';
import { CoverageClient } from '../../src/worker/client';
import { createCoverageHost } from '../../src/worker/host';
import { fakeWorkerPair } from './fake-worker';

const dir = new URL('../../public/geo/', import.meta.url);
const FILES = ['hromadas.geojson', 'demand.json', 'facilities.geojson'] as const;
const has = FILES.every((f) => existsSync(new URL(f, dir)));
const BASE = 'https://example.test/app/geo/';

/** A fetch over public/geo at BASE; `override` answers some files differently. */
function mockFetch(override: Record<string, () => Response> = {}) {
  const urls: string[] = [];
  const fn: FetchFn = async (input) => {
    urls.push(input);
    const file = input.slice(BASE.length);
    const o = override[file];
    if (o) return o();
    return new Response(readFileSync(new URL(file, dir)), { status: 200 });
  };
  return { fn, urls };
}

const read = (f: string): unknown => JSON.parse(readFileSync(new URL(f, dir), 'utf8'));

describe.runIf(has)('the worker-side loader of the bundled data', () => {
  const expected = parseGeoBundle({ hromadas: read('hromadas.geojson'), demand: read('demand.json'), facilities: read('facilities.geojson') });

  it('gives the same tables as parseGeoBundle, and hromadas.geojson as downloaded', async () => {
    const { fn, urls } = mockFetch();
    const got = await fetchEmbeddedFiles(BASE, fn);
    expect(urls.sort()).toEqual(FILES.map((f) => BASE + f).sort());
    expect(got.data.demand.count).toBe(expected.demand.count);
    expect(got.data).toEqual(expected);
    expect(JSON.parse(new TextDecoder().decode(got.hromadasBytes))).toEqual(read('hromadas.geojson'));
    expect(got.parsedAt).toBeGreaterThanOrEqual(got.fetchedAt);
  });

  it('through the worker protocol: loadEmbedded answers the tables (copies) and init builds the engine without fetching again', async () => {
    const { fn, urls } = mockFetch();
    const { worker, scope } = fakeWorkerPair();
    createCoverageHost(scope, {}, fn as typeof fetch);
    const client = new CoverageClient(worker);
    const tables = client.request('loadEmbedded', { baseUrl: BASE });
    const ready = client.init({ data: { embeddedBaseUrl: BASE } });
    const t = await tables;
    expect(t.data).toEqual(expected);
    expect(t.hromadasBytes).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(new TextDecoder().decode(t.hromadasBytes))).toEqual(read('hromadas.geojson'));
    const summary = await ready;
    expect(urls).toHaveLength(3);
    expect(summary.demandCount).toBe(expected.demand.count);
    expect(summary.hromadaCount).toBe(expected.hromadas.count);
    // The engine kept its own arrays (the page's were transferred away): its results match one built on the page.
    const res = await client.getResults({ services: ['fire'] });
    const engine = new CoverageEngine(expected.demand, expected.hromadas, expected.facilities);
    expect(res.coverage.fire!.minutes).toEqual(engine.coverage('fire').minutes);
    expect(res.totals.fire).toEqual(engine.totals('fire'));
    client.terminate();
  }, 60_000);

  it('an HTTP error gives the page message naming the file, and init fails the same way without a second fetch', async () => {
    const { fn, urls } = mockFetch({ 'demand.json': () => new Response('not here', { status: 404 }) });
    await expect(fetchEmbeddedFiles(BASE, fn)).rejects.toThrow('Could not load geo/demand.json: HTTP 404');
    expect(loadFailedMessage('demand.json', 404)).toBe('Could not load geo/demand.json: HTTP 404');

    urls.length = 0;
    const { worker, scope } = fakeWorkerPair();
    createCoverageHost(scope, {}, fn as typeof fetch);
    const client = new CoverageClient(worker);
    const tables = client.request('loadEmbedded', { baseUrl: BASE });
    const ready = client.init({ data: { embeddedBaseUrl: BASE } });
    await expect(tables).rejects.toThrow('Could not load geo/demand.json: HTTP 404');
    await expect(ready).rejects.toThrow('Could not load geo/demand.json: HTTP 404');
    expect(urls).toHaveLength(3);
    client.terminate();
  });

  it('bad JSON gives the SyntaxError Response.json() gives the page, for the JSON files and for hromadas.geojson', async () => {
    const bad = '{"type": "FeatureCollection", "features": [';
    const pageError = await new Response(bad).json().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(pageError).toBeInstanceOf(SyntaxError);
    for (const file of FILES) {
      const { fn } = mockFetch({ [file]: () => new Response(bad, { status: 200 }) });
      const err = await fetchEmbeddedFiles(BASE, fn).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err, file).toBeInstanceOf(SyntaxError);
      expect(err!.message, file).toBe(pageError!.message);
    }
  });

  it('bad data gives the parser message naming the file and the field', async () => {
    const { fn } = mockFetch({ 'facilities.geojson': () => new Response('{"type": "Feature"}', { status: 200 }) });
    await expect(fetchEmbeddedFiles(BASE, fn)).rejects.toThrow('facilities.geojson: type: not a FeatureCollection');
  });
});
