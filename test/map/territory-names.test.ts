/**
 * Pure map builders for issue 12: occupied hromadas (territory polygons and their layers), the cities' points among
 * the place names, settlement names from zoom 10 only in view, the highlight ring, and city cells in a layer of their own.
 */
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { DEFAULT_PARAMS, TERRITORY_STATUSES, type DemandTable, type HromadaTable } from '../../src/engine/types';
import { DEFAULT_LAYERS } from '../../src/state/app-state';
import { prepareMapData, placeNames } from '../../src/map/map-data';
import { buildLayers, type LayerInput } from '../../src/map/layers';
import { highlightLayer } from '../../src/map/layers/highlight';
import { cityNamesGeo, nameOffsetPx, nameSymbols, PLACE_NAMES_MIN_ZOOM, placeNamesGeo, placeNamesLayerSpec } from '../../src/map/layers/labels';
import { codeFilter, HATCH_IMAGE, hatchImage, HOSTILITIES_LAYER, OCCUPIED_LAYER, occupiedIndices, territoryCodes, territoryLayerSpecs } from '../../src/map/territory-style';
import { cellColors } from '../../src/map/layers/derived';

const code = (s: (typeof TERRITORY_STATUSES)[number]) => TERRITORY_STATUSES.indexOf(s);
const square = (x: number, y: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });

function fixture() {
  const geo: FeatureCollection<Polygon | MultiPolygon> = {
    type: 'FeatureCollection',
    features: ['UA1', 'UA2', 'UA3', 'UA4'].map((c, i) => ({ type: 'Feature', properties: { code: c }, geometry: square(30 + i, 50) })),
  };
  const hromadas = { count: 4, codes: ['UA1', 'UA2', 'UA3', 'UA4'], names: ['А', 'Б', 'В', 'Г'], namesEn: ['A', 'B', 'C', 'D'], status: Uint8Array.from([code('none'), code('occupied'), code('hostilities'), code('occupied_before_2022')]) } as unknown as HromadaTable;
  // Two villages, one spread cell (res 7), two cells of a city of 50,000+ (res 8) with the city's own point.
  const demand: DemandTable = {
    count: 5,
    ids: ['s1', 's2', '872830828ffffff', '882830828bfffff', '882830828dfffff'],
    names: ['Лука', 'Поле', '', '', ''],
    lon: Float64Array.from([30.5, 30.6, 30.2, 31.4, 31.45]),
    lat: Float64Array.from([50.5, 50.6, 50.2, 50.4, 50.45]),
    population: Float64Array.from([400, 900, 100, 30_000, 30_000]),
    urban: Uint8Array.from([0, 0, 0, 1, 1]),
    kind: Uint8Array.from([0, 0, 1, 1, 1]),
    derivation: Uint8Array.from([1, 1, 2, 4, 4]),
    hromada: Int32Array.from([0, 0, 0, 1, 1]),
    areaKm2: Float64Array.from([0, 0, 5, 0.7, 0.7]),
    place: Uint8Array.from([2, 3, 4, 4, 4]),
    city: Int32Array.from([-1, -1, -1, 0, 0]),
    cities: [{ id: 'UAC', name: 'Місто', category: 'city', lon: 31.42, lat: 50.42, population: 60_000, hromada: 1, footprint: 'hromada_polygon', radiusKm: 0, cells: 2, areaKm2: 1.4 }],
  };
  return { geo, hromadas, demand };
}

function input(patch: Partial<LayerInput> = {}): LayerInput {
  const fx = fixture();
  return {
    data: prepareMapData(fx.geo, fx.hromadas, fx.demand, []),
    service: 'fire', params: DEFAULT_PARAMS, layers: { ...DEFAULT_LAYERS }, ringKm: 10, osm: false,
    result: null, resultVersion: 0, selected: -1, mounted: new Set(), iconAtlas: null, ...patch,
  };
}

describe('occupied territory on the map', () => {
  it('occupied = status codes from OCCUPIED_FROM on; hostilities outlined; other hromadas left out', () => {
    const fx = fixture();
    expect(occupiedIndices(fx.hromadas.status)).toEqual([1, 3]);
    expect(territoryCodes(fx.hromadas.codes, fx.hromadas.status)).toEqual({ occupied: ['UA2', 'UA4'], hostilities: ['UA3'] });
    // An imported list that frees hromada 1 and occupies 0.
    const next = territoryCodes(fx.hromadas.codes, Uint8Array.from([code('occupied'), code('deoccupied'), code('none'), code('none')]));
    expect(next).toEqual({ occupied: ['UA1'], hostilities: [] });
  });

  it('hatch and dashed outline drawn from the choropleth’s own polygons (tiles or imported GeoJSON), by code', () => {
    const t = { occupied: ['UA2', 'UA4'], hostilities: ['UA3'] };
    const [fill, line] = territoryLayerSpecs({ source: 'basemap', sourceLayer: 'hromadas' }, t);
    expect(fill).toMatchObject({ id: OCCUPIED_LAYER, type: 'fill', source: 'basemap', 'source-layer': 'hromadas', paint: { 'fill-pattern': HATCH_IMAGE } });
    expect(fill.filter).toEqual(['in', ['get', 'code'], ['literal', ['UA2', 'UA4']]]);
    expect(line).toMatchObject({ id: HOSTILITIES_LAYER, type: 'line', source: 'basemap', filter: codeFilter(['UA3']) });
    // imported boundaries: their GeoJSON source, no source layer
    const [own] = territoryLayerSpecs({ source: 'hromadas' }, t);
    expect(own.source).toBe('hromadas');
    expect('source-layer' in own).toBe(false);
    // the filter owns its list (a later change of the caller's array does not reach the map's layer)
    const list = ['UA1'];
    const f = codeFilter(list);
    list.push('UA9');
    expect(f).toEqual(['in', ['get', 'code'], ['literal', ['UA1']]]);
    expect(JSON.stringify([fill, line])).not.toMatch(/https?:|glyphs|sprite/);
    const img = hatchImage(8);
    expect([img.width, img.height, img.data.length]).toEqual([8, 8, 8 * 8 * 4]);
    // a diagonal stripe: pixel (0,0) dark, (4,0) wash; tiles seamlessly (x + y mod size)
    expect(img.data[3]).toBeGreaterThan(img.data[4 * 4 + 3]!);
    expect(img.data.subarray(0, 4)).toEqual(img.data.subarray((7 * 8 + 1) * 4, (7 * 8 + 1) * 4 + 4));
  });
});

describe('place names', () => {
  it('a city spread over cells is named at its own point; located settlements by theirs; biggest first', () => {
    const fx = fixture();
    const d = prepareMapData(fx.geo, fx.hromadas, fx.demand, []);
    expect(d.places.names).toEqual(['Місто', 'Поле', 'Лука']);
    expect([d.places.lon[0], d.places.lat[0], d.places.city[0], d.places.demand[0]]).toEqual([31.42, 50.42, 0, -1]);
    expect([...d.places.demand.subarray(1)]).toEqual([1, 0]);
    // the city is a city name (≥ 10,000) at zoom 8 and at country zoom it is not (< 150,000)
    expect(cityNamesGeo(d, 'uk').features.map((f) => [f.id, f.properties.n])).toEqual([[0, 'Місто']]);
    expect(placeNames({ ...fx.demand, cities: [] }, [1, 0]).names).toEqual(['Поле', 'Лука']);
  });

  it('settlement names only from zoom 10: every located place under 10,000, at its point, in the interface script', () => {
    const d = input().data;
    expect(nameSymbols(d, true, 'uk', PLACE_NAMES_MIN_ZOOM - 0.1).places).toBeNull();
    const names = nameSymbols(d, true, 'uk', PLACE_NAMES_MIN_ZOOM).places!;
    // Лука and Поле; the city is a city name, not repeated here
    expect(names.features.map((f) => [f.id, f.properties.n, f.geometry.coordinates])).toEqual([[1, 'Поле', [30.6, 50.6]], [2, 'Лука', [30.5, 50.5]]]);
    expect(placeNamesGeo(d.places, 'uk')).toBe(names);
    expect(placeNamesGeo(d.places, 'en').features.map((f) => f.properties.n)).toEqual(['Pole', 'Luka']);
    expect(placeNamesLayerSpec(true).minzoom).toBe(PLACE_NAMES_MIN_ZOOM);
  });

  it('a name starts right of its circle at every whole zoom: the layer offset (ems of 11 px) is nameOffsetPx', () => {
    const d = input().data;
    const f = placeNamesGeo(d.places, 'uk').features[0]!;
    const offset = placeNamesLayerSpec(true).layout!['text-radial-offset'] as unknown[];
    // ['interpolate', ['exponential', 2], ['zoom'], z0, expr0, z1, expr1, …]: evaluate each stop's expression
    const evaluate = (e: unknown): number => {
      if (typeof e === 'number') return e;
      const [op, ...a] = e as [string, ...unknown[]];
      if (op === 'get') return f.properties[a[0] as 'r0'];
      const v = a.map(evaluate);
      return op === '/' ? v[0]! / v[1]! : op === '+' ? v[0]! + v[1]! : op === '*' ? v[0]! * v[1]! : op === 'max' ? Math.max(...v) : Math.min(...v);
    };
    for (let i = 3; i < offset.length; i += 2) {
      const z = offset[i] as number;
      expect(evaluate(offset[i + 1]) * 11).toBeCloseTo(nameOffsetPx(900, 50.6, z), 6);
    }
  });
});

describe('highlight ring and city cells', () => {
  it('a ring at the place flown to, none otherwise', () => {
    expect(buildLayers(input()).map((l) => l.id)).not.toContain('place-highlight');
    const layers = buildLayers(input({ highlight: { lon: 30.5, lat: 50.5, name: 'Лука' } }));
    const ring = layers.find((l) => l.id === 'place-highlight')!;
    expect(ring.props.data).toEqual([{ lon: 30.5, lat: 50.5, name: 'Лука' }]);
    expect(ring.props.visible).toBe(true);
    expect(highlightLayer(null).props.visible).toBe(false);
    // drawn last (on top)
    expect(layers[layers.length - 1]!.id).toBe('place-highlight');
  });

  it('city cells (resolution 8) have their own surface layer; picking data are demand indices', () => {
    const d = input().data;
    expect(d.cells).toEqual([2]);
    expect(d.cityCells).toEqual([3, 4]);
    const layers = buildLayers(input({ layers: { ...DEFAULT_LAYERS, surface: true } }));
    expect(layers.find((l) => l.id === 'surface')!.props.data).toEqual([2]);
    expect(layers.find((l) => l.id === 'surface-city')!.props.data).toEqual([3, 4]);
  });

  it('city cells are coloured with the urban norm like every cell', () => {
    const inp = input();
    const minutes = Float64Array.from([1, 1, 5, 5, 30]);
    const svc = { coverage: { minutes, covered: Uint8Array.from([1, 1, 1, 1, 0]) } };
    const r = { params: DEFAULT_PARAMS, services: { fire: svc, police: svc } } as unknown as Parameters<typeof cellColors>[1];
    const c = cellColors(inp.data, r, 'fire');
    expect(c[3 * 4 + 3]).toBeGreaterThan(0);
    expect(c[4 * 4 + 3]).toBeGreaterThan(0);
    expect([c[3 * 4], c[3 * 4 + 1], c[3 * 4 + 2]]).not.toEqual([c[4 * 4], c[4 * 4 + 1], c[4 * 4 + 2]]);
  });
});

describe('settlement name placement', () => {
  it('starts right of the circle: its radius in pixels (clamped 1.8–18) plus 3', async () => {
    const { nameOffsetPx } = await import('../../src/map/layers/labels');
    expect(nameOffsetPx(400, 50, 10)).toBeGreaterThan(4.8);
    expect(nameOffsetPx(400, 50, 10)).toBeLessThan(21);
    expect(nameOffsetPx(400, 50, 14)).toBe(21);
    expect(nameOffsetPx(0, 50, 10)).toBeCloseTo(4.8);
  });
});
