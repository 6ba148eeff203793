/** Oblasts and raions in search (issue 15, point 2), over the built-in hromada list. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DemandTable } from '../../src/engine/types';
import { parseHromadas } from '../../src/io/embedded';
import { buildSearchIndex, type SearchHit } from '../../src/ui/search';
import { areaBounds, areaName, findArea, listAreas } from '../../src/ui/view/areas';

const geo = JSON.parse(readFileSync('public/geo/hromadas.geojson', 'utf8'));
const hromadas = parseHromadas(geo);
// Two hromadas are named Чернігівська (a селищна one in Запорізька область): the city's is in its oblast.
const chernihivCity = hromadas.names.findIndex((n, i) => n === 'Чернігівська' && hromadas.oblasts[i] === 'Чернігівська');
const nizhyn = hromadas.names.indexOf('Ніжинська');
const demand = {
  count: 1,
  names: ['Ніжин'],
  kind: Uint8Array.from([0]),
  hromada: Int32Array.from([nizhyn]),
  population: Float64Array.from([64000]),
  cities: [{ name: 'Чернігів', population: 285000, hromada: chernihivCity }],
} as unknown as DemandTable;
const index = buildSearchIndex(hromadas, demand);
const first = (q: string): SearchHit => index.search(q)[0]!;
const area = (h: SearchHit) => (h.kind === 'area' ? h.area : null);

describe('search finds oblasts and raions', () => {
  it('lists 24 oblasts (Kyiv city is its hromada) and every raion of the table once', () => {
    const list = listAreas(hromadas);
    const oblasts = list.filter((e) => e.area.kind === 'oblast');
    expect(oblasts).toHaveLength(24);
    expect(oblasts.some((e) => e.area.oblast === 'Київ')).toBe(false);
    const raions = new Set<string>();
    for (let i = 0; i < hromadas.count; i++) if (hromadas.raions[i]) raions.add(`${hromadas.oblasts[i]}/${hromadas.raions[i]}`);
    expect(list.length - oblasts.length).toBe(raions.size);
    // Members: every hromada of the oblast, brute force.
    const ch = findArea(list, { kind: 'oblast', oblast: 'Чернігівська' })!;
    expect(ch.members).toEqual([...hromadas.oblasts.keys()].filter((i) => hromadas.oblasts[i] === 'Чернігівська'));
    expect(ch.members.length).toBe(57);
  });

  it.each([
    ['Чернігівська область', { kind: 'oblast', oblast: 'Чернігівська' }],
    ['Чернігівська обл', { kind: 'oblast', oblast: 'Чернігівська' }],
    ['чернігівська обл.', { kind: 'oblast', oblast: 'Чернігівська' }],
    ['Chernihiv oblast', { kind: 'oblast', oblast: 'Чернігівська' }],
    ['Chernihivska', { kind: 'oblast', oblast: 'Чернігівська' }],
    ['Chernihivska oblast', { kind: 'oblast', oblast: 'Чернігівська' }],
    ['Ніжинський район', { kind: 'raion', oblast: 'Чернігівська', raion: 'Ніжинський' }],
    ['Ніжинський р-н', { kind: 'raion', oblast: 'Чернігівська', raion: 'Ніжинський' }],
    ['Nizhyn raion', { kind: 'raion', oblast: 'Чернігівська', raion: 'Ніжинський' }],
    ['Nizhynskyi district', { kind: 'raion', oblast: 'Чернігівська', raion: 'Ніжинський' }],
    ['Kyiv oblast', { kind: 'oblast', oblast: 'Київська' }],
    ['Ivano-Frankivsk oblast', { kind: 'oblast', oblast: 'Івано-Франківська' }],
  ])('«%s» ranks the area first', (q, want) => {
    expect(area(first(q))).toEqual(want);
  });

  it('ranks sensibly with hromadas and settlements', () => {
    // «громада» ranks the hromada first; without a kind word the oblast comes first, its namesake hromada next.
    expect(first('Чернігівська громада')).toMatchObject({ kind: 'hromada', index: chernihivCity });
    const plain = index.search('Чернігівська');
    expect(area(plain[0]!)).toEqual({ kind: 'oblast', oblast: 'Чернігівська' });
    expect(plain[1]).toMatchObject({ kind: 'hromada', index: chernihivCity });
    // The city name alone is the city, the oblast (same English name) right after.
    const city = index.search('Chernihiv');
    expect(city[0]).toMatchObject({ kind: 'city' });
    expect(area(city[1]!)).toEqual({ kind: 'oblast', oblast: 'Чернігівська' });
    // A settlement without «район» stays first; the raion is offered too.
    const town = index.search('Ніжин');
    expect(town[0]).toMatchObject({ kind: 'settlement' });
    expect(town.some((h) => area(h)?.kind === 'raion')).toBe(true);
  });

  it('names areas in both languages', () => {
    expect(areaName({ kind: 'oblast', oblast: 'Чернігівська' }, 'uk')).toBe('Чернігівська область');
    expect(areaName({ kind: 'oblast', oblast: 'Чернігівська' }, 'en', 'Chernihiv')).toBe('Chernihiv Oblast');
    expect(areaName({ kind: 'raion', oblast: 'Чернігівська', raion: 'Ніжинський' }, 'uk', '', true)).toBe('Ніжинський район, Чернігівська область');
    expect(areaName({ kind: 'raion', oblast: 'Чернігівська', raion: 'Ніжинський' }, 'en')).toBe('Nizhynskyi Raion');
  });

  it('frames the union of the member polygons (brute force over every coordinate)', () => {
    const e = findArea(listAreas(hromadas), { kind: 'oblast', oblast: 'Чернігівська' })!;
    const b = areaBounds(e.members, geo.features)!;
    let [w, s, east, n] = [Infinity, Infinity, -Infinity, -Infinity];
    const visit = (c: unknown): void => {
      if (typeof (c as number[])[0] === 'number') {
        const [x, y] = c as number[];
        [w, s, east, n] = [Math.min(w, x!), Math.min(s, y!), Math.max(east, x!), Math.max(n, y!)];
      } else (c as unknown[]).forEach(visit);
    };
    for (const i of e.members) visit(geo.features[i].geometry.coordinates);
    expect(b).toEqual([
      [w, s],
      [east, n],
    ]);
    // Чернігівська область lies about 30.4–33.5° E, 50.4–52.4° N.
    expect(w).toBeGreaterThan(30);
    expect(east).toBeLessThan(34);
    expect(s).toBeGreaterThan(50);
    expect(n).toBeLessThan(52.5);
  });
});
