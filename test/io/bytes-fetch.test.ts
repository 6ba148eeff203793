import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { bytesFetch, fetchEmbeddedFiles } from '../../src/io/embedded-fetch';

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
    const names = ['hromadas.geojson', 'demand.json', 'facilities.geojson'];
    const network = vi.fn(async (url: string) => new Response(readFileSync(join(GEO, url.slice(url.lastIndexOf('/') + 1)))));
    const fetched = await fetchEmbeddedFiles('https://h/app/geo/', network);
    expect(network).toHaveBeenCalledTimes(3);
    const none = vi.fn(async () => new Response('', { status: 500 }));
    const read = await fetchEmbeddedFiles('https://h/app/geo/', bytesFetch(Object.fromEntries(names.map((n) => [n, bytesOf(n)])), none));
    expect(none).not.toHaveBeenCalled();
    expect(read.data.demand.count).toBe(fetched.data.demand.count);
    expect(Array.from(read.data.demand.population)).toEqual(Array.from(fetched.data.demand.population));
    expect(read.data.hromadas.codes).toEqual(fetched.data.hromadas.codes);
    expect(read.data.facilities.map((f) => f.id)).toEqual(fetched.data.facilities.map((f) => f.id));
    expect(read.hromadasBytes.byteLength).toBe(fetched.hromadasBytes.byteLength);
  });
});
