import { existsSync, readFileSync } from 'node:fs';
import { demandBinary } from '../../scripts/vite/demand-binary';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { bytesFetch, DEMAND_BIN, fetchEmbeddedFiles } from '../../src/io/embedded-fetch';

const GEO = join(__dirname, '../../public/geo');
const bytesOf = (f: string): ArrayBuffer => {
  const b = readFileSync(join(GEO, f));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

describe('bytesFetch (the worker reads the files the page already downloaded)', () => {
  it('answers the given files from their bytes and asks the network for nothing else', async () => {
    const fallback = vi.fn(async (url: string) => new Response(`from network: ${url}`));
    const f = bytesFetch({ 'a.json': new TextEncoder().encode('{"x":1}').buffer as ArrayBuffer }, fallback);
    expect(await (await f('https://h/app/geo/a.json')).json()).toEqual({ x: 1 });
    expect(fallback).not.toHaveBeenCalled();
    expect(await (await f('https://h/app/geo/b.json')).text()).toBe('from network: https://h/app/geo/b.json');
    expect(fallback).toHaveBeenCalledTimes(1);
  });

  it('the bundled files read from bytes give the same tables as fetched ones, with no request', async () => {
    const network = vi.fn(async (url: string) => {
      const file = url.slice(url.lastIndexOf('/') + 1);
      return existsSync(join(GEO, file)) ? new Response(readFileSync(join(GEO, file))) : new Response('', { status: 404 });
    });
    const fetched = await fetchEmbeddedFiles('https://h/app/geo/', network);
    // demand.bin.gz is not in public/geo (the build makes it): demand.json after it
    expect(network).toHaveBeenCalledTimes(4);
    const none = vi.fn(async () => new Response('', { status: 500 }));
    // the page's preloads: demand.json as its compact copy
    const files = {
      'hromadas.geojson': bytesOf('hromadas.geojson'),
      [DEMAND_BIN]: new Uint8Array(demandBinary(readFileSync(join(GEO, 'demand.json')), 1)).buffer,
      'facilities.geojson': bytesOf('facilities.geojson'),
    };
    const read = await fetchEmbeddedFiles('https://h/app/geo/', bytesFetch(files, none));
    expect(none).not.toHaveBeenCalled();
    expect(read.data.demand.count).toBe(fetched.data.demand.count);
    expect(Array.from(read.data.demand.population)).toEqual(Array.from(fetched.data.demand.population));
    expect(read.data.hromadas.codes).toEqual(fetched.data.hromadas.codes);
    expect(read.data.facilities.map((f) => f.id)).toEqual(fetched.data.facilities.map((f) => f.id));
    expect(read.hromadasBytes.byteLength).toBe(fetched.hromadasBytes.byteLength);
  });
});
