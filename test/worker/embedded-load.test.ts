/**
 * The coverage worker's own load of public/geo (src/io/embedded-fetch.ts, `loadEmbedded` in src/worker/host.ts):
 * with fetch mocked over the real files it gives the tables parseGeoBundle gives the page, builds its engine from
 * them without a second fetch, and fails with the page's messages (HTTP error, bad JSON).
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DEMAND_BIN_PATH, demandBinary } from '../../scripts/vite/demand-binary';
import { describe, expect, it } from 'vitest';
import { CoverageEngine } from '../../src/engine';
import { DEMAND_BIN, fetchDemand, fetchEmbeddedFiles, gunzipIfGzip, loadFailedMessage, type FetchFn } from '../../src/io/embedded-fetch';
import { parseGeoBundle } from '../../src/state/parse-embedded';
import { CoverageClient } from '../../src/worker/client';
import { createCoverageHost } from '../../src/worker/host';
import { fakeWorkerPair } from './fake-worker';

const dir = new URL('../../public/geo/', import.meta.url);
const FILES = ['hromadas.geojson', 'demand.json', 'facilities.geojson'] as const;
const has = FILES.every((f) => existsSync(new URL(f, dir)));
/** What the loader asks for: demand.json as the compact copy the build writes (scripts/vite/demand-binary.ts). */
const FETCHED = ['hromadas.geojson', DEMAND_BIN, 'facilities.geojson'] as const;
const BASE = 'https://example.test/app/geo/';
let bin: Buffer | null = null;
const demandBin = (): Buffer => (bin ??= demandBinary(readFileSync(new URL('demand.json', dir)), 1));

/** A fetch over public/geo at BASE, with demand.bin.gz made from demand.json; `override` answers some files differently. */
function mockFetch(override: Record<string, () => Response> = {}) {
  const urls: string[] = [];
  const fn: FetchFn = async (input) => {
    urls.push(input);
    const file = input.slice(BASE.length);
    const o = override[file];
    if (o) return o();
    if (file === DEMAND_BIN) return new Response(new Uint8Array(demandBin()), { status: 200 });
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
    expect(urls.sort()).toEqual(FETCHED.map((f) => BASE + f).sort());
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
    const notHere = () => new Response('not here', { status: 404 });
    const { fn, urls } = mockFetch({ [DEMAND_BIN]: notHere, 'demand.json': notHere });
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
    // the three files and demand.json itself after its gzip copy
    expect(urls).toHaveLength(4);
    client.terminate();
  });

  it('bad JSON gives the SyntaxError Response.json() gives the page, for the JSON files and for hromadas.geojson', async () => {
    const bad = '{"type": "FeatureCollection", "features": [';
    const pageError = await new Response(bad).json().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(pageError).toBeInstanceOf(SyntaxError);
    for (const file of FETCHED) {
      // demand.json itself (a bad compact copy falls back to it)
      const name = file === DEMAND_BIN ? 'demand.json' : file;
      const { fn } = mockFetch({ [name]: () => new Response(bad, { status: 200 }), [DEMAND_BIN]: () => new Response('', { status: 404 }) });
      const err = await fetchEmbeddedFiles(BASE, fn).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err, file).toBeInstanceOf(SyntaxError);
      expect(err!.message, file).toBe(pageError!.message);
    }
  });

  it('demand.json comes from its compact copy; without one, or from a damaged one, from demand.json itself', async () => {
    const want = parseGeoBundle({ hromadas: read('hromadas.geojson'), demand: read('demand.json'), facilities: read('facilities.geojson') }).demand;
    const binary = gunzipSync(demandBin());
    const cases: [string, Record<string, () => Response>, string[]][] = [
      ['the copy', {}, [DEMAND_BIN]],
      ['no copy (404)', { [DEMAND_BIN]: () => new Response('', { status: 404 }) }, [DEMAND_BIN, 'demand.json']],
      ['a truncated gzip', { [DEMAND_BIN]: () => new Response(new Uint8Array(demandBin().subarray(0, 5000))) }, [DEMAND_BIN, 'demand.json']],
      ['a truncated binary', { [DEMAND_BIN]: () => new Response(gzipSync(binary.subarray(0, 200_000))) }, [DEMAND_BIN, 'demand.json']],
      ['JSON where the copy should be', { [DEMAND_BIN]: () => new Response('{"version": 2}') }, [DEMAND_BIN, 'demand.json']],
      // a host that sent the copy with Content-Encoding: gzip: the browser hands over the binary itself
      ['a copy decompressed on the way', { [DEMAND_BIN]: () => new Response(binary) }, [DEMAND_BIN]],
    ];
    for (const [what, override, asked] of cases) {
      const { fn, urls } = mockFetch(override);
      const got = parseGeoBundle({ hromadas: read('hromadas.geojson'), demand: await fetchDemand(BASE, fn), facilities: read('facilities.geojson') }).demand;
      expect(got, what).toEqual(want);
      expect(urls, what).toEqual(asked.map((f) => BASE + f));
    }
    // a thrown fetch (offline) of the copy also falls back; an aborted one does not
    const offline: FetchFn = async (input) => {
      if (input.endsWith('.gz')) throw new TypeError('Failed to fetch');
      return mockFetch().fn(input);
    };
    expect(await fetchDemand(BASE, offline)).toEqual(read('demand.json'));
    const ctrl = new AbortController();
    ctrl.abort();
    const asked: string[] = [];
    const aborted: FetchFn = async (input, init) => {
      asked.push(input);
      init?.signal?.throwIfAborted();
      return new Response('');
    };
    await expect(fetchDemand(BASE, aborted, ctrl.signal)).rejects.toThrow();
    expect(asked).toEqual([BASE + DEMAND_BIN]);
    // the file the build writes is the one the app asks for
    expect(DEMAND_BIN_PATH).toBe(`geo/${DEMAND_BIN}`);
    // bytes that are not gzip pass through untouched
    const plain = new TextEncoder().encode('{"a":1}').buffer as ArrayBuffer;
    expect(await gunzipIfGzip(plain)).toBe(plain);
  });

  it('bad data gives the parser message naming the file and the field', async () => {
    const { fn } = mockFetch({ 'facilities.geojson': () => new Response('{"type": "Feature"}', { status: 200 }) });
    await expect(fetchEmbeddedFiles(BASE, fn)).rejects.toThrow('facilities.geojson: type: not a FeatureCollection');
  });
});
