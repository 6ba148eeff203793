import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { DEFAULT_PARAMS, type DemandTable, type Facility, type HromadaTable } from '../../src/engine/types';
import { DEFAULT_LAYERS } from '../../src/state/app-state';
import type { CoverageResult } from '../../src/state/coverage-source';
import { circleTarget, prepareMapData, settlementRadiusM, type MapData } from '../../src/map/map-data';
import { buildLayers, type LayerInput } from '../../src/map/layers';
import { facilitiesFor, facilityIcon, facilitySize, pickedFacility, type PickedFacilityLayer } from '../../src/map/layers/facilities';
import {
  FACILITY_IMAGE_PREFIX,
  FACILITY_SYMBOLS_PER_LAYER,
  facilityChunks,
  facilitySymbolGeo,
  facilitySymbolLayerSpec,
  facilitySymbols,
  isFacilityLayerOf,
} from '../../src/map/layers/facility-symbols';
import { hromadaFill } from '../../src/map/layers/hromadas';
import { cityNameLayerSpecs, cityNamesGeo, CITY_NAME_TIERS, labelMinPopulation } from '../../src/map/layers/labels';
import { settlementsLayerSpec, settlementStates, SETTLEMENTS_LAYER, SETTLEMENTS_MIN_ZOOM } from '../../src/map/settlements-style';
import { cityMapStyle, settlementColors } from '../../src/map/layers/derived';
import { basemapStyle, BEFORE_OUTLINES, bundledBasemap, CHOROPLETH_LAYER } from '../../src/map/style';
import { ringFeatures } from '../../src/map/layers/rings';
import { firstDueSpokes } from '../../src/map/layers/first-due';
import { iconMapping } from '../../src/map/icons';
import { fillMinutesColors, shareColor, toCss } from '../../src/map/colors';

const square = (x: number, y: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]],
});
function fixture() {
  const geo: FeatureCollection<Polygon | MultiPolygon> = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { code: 'UA1' }, geometry: square(30, 50) },
      { type: 'Feature', properties: { code: 'UA2' }, geometry: square(31, 50) },
    ],
  };
  const hromadas = { count: 2, codes: ['UA1', 'UA2'], names: ['А', 'Б'], namesEn: ['A', 'B'] } as unknown as HromadaTable;
  const demand: DemandTable = {
    count: 3,
    ids: ['s1', 's2', '872830828ffffff'],
    names: ['Village', 'Town', ''],
    lon: Float64Array.from([30.5, 31.5, 30.2]),
    lat: Float64Array.from([50.5, 50.5, 50.2]),
    population: Float64Array.from([400, 40000, 100]),
    urban: Uint8Array.from([0, 1, 0]),
    kind: Uint8Array.from([0, 0, 1]),
    derivation: Uint8Array.from([1, 0, 2]),
    hromada: Int32Array.from([0, 1, 0]),
    areaKm2: Float64Array.from([0, 0, 5]),
    place: Uint8Array.from([0, 1, 4]),
    city: new Int32Array(3).fill(-1),
    cities: [],
  };
  const f = (id: string, type: Facility['type'], source: string, status: Facility['status'] = 'opened'): Facility => ({
    id, name: id, type, status, lon: 30.5, lat: 50.6, hromadaCode: 'UA1', source, sourceUrl: '', placement: 'settlement', note: '',
  });
  const facilities = [f('a', 'state_fire_unit', 'fire_units'), f('b', 'state_fire_unit', 'illustrative'), f('c', 'security_center', 'security_centers', 'planned'), f('d', 'police_station', 'x')];
  return { geo, hromadas, demand, facilities };
}

function result(fx: ReturnType<typeof fixture>): CoverageResult {
  const svc = (service: 'fire' | 'police') => ({
    coverage: { service, nearest: Int32Array.from([0, 0, -1]), minutes: Float64Array.from([5, 30, Infinity]), backup: new Int32Array(3), backupMinutes: new Float64Array(3), covered: Uint8Array.from([1, 0, 0]) },
    stats: { service, population: Float64Array.from([500, 40000]), coveredPopulation: Float64Array.from([400, 0]), share: Float64Array.from([0.8, 0]), medianMin: new Float64Array(2), p90Min: new Float64Array(2), maxMin: new Float64Array(2), settlementsOutside: new Int32Array(2), areaOutsideKm2: new Float64Array(2), assumedPopulation: new Float64Array(2), reachedPopulation: Float64Array.from([500, 40000]), estimatedPopulation: new Float64Array(2), spreadMinMin: new Float64Array(2).fill(NaN), spreadMaxMin: new Float64Array(2).fill(NaN) },
    totals: { population: 40500, coveredPopulation: 400, share: 400 / 40500, settlementsOutside: 1, areaOutsideKm2: 5, assumedPopulation: 0, assumedShare: 0, reachedPopulation: 40500, estimatedPopulation: 0 },
    occupiedTotals: { population: 0, coveredPopulation: 0, share: NaN, settlementsOutside: 0, areaOutsideKm2: 0, assumedPopulation: 0, assumedShare: NaN, reachedPopulation: 0, estimatedPopulation: 0 },
    oblastTotals: [],
    slotToFacility: Int32Array.from([0, 1, 2, 3]),
  });
  // Totals carry more fields than the layers read; the fixture gives the ones they do.
  return { params: DEFAULT_PARAMS, facilities: fx.facilities, services: { fire: svc('fire'), police: svc('police') }, elapsedMs: 0 } as unknown as CoverageResult;
}

function input(fx: ReturnType<typeof fixture>, patch: Partial<LayerInput> = {}): LayerInput {
  return {
    data: prepareMapData(fx.geo, fx.hromadas, fx.demand, fx.facilities),
    service: 'fire', params: DEFAULT_PARAMS, layers: { ...DEFAULT_LAYERS }, ringKm: 10, osm: false,
    result: null, resultVersion: 0, selected: -1, mounted: new Set(), iconAtlas: null, ...patch,
  };
}

describe('map data', () => {
  it('numbers hromada features by index and keeps settlements biggest first', () => {
    const fx = fixture();
    const d = prepareMapData(fx.geo, fx.hromadas, fx.demand, fx.facilities);
    expect(fx.geo.features.map((f) => f.id)).toEqual([0, 1]);
    expect([...d.settlements.indices]).toEqual([1, 0]);
    expect(d.cells).toEqual([2]);
    expect(d.settlements.radii[0]).toBeCloseTo(settlementRadiusM(40000));
    // positions in `places` (biggest first): the town, then the village; only the town is a city name
    expect(d.places.names).toEqual(['Town', 'Village']);
    expect(d.labelIndices).toEqual([0]);
  });
});

describe('settlement circles (MapLibre)', () => {
  it('one point per located settlement, id = its position biggest first, radius in pixels at zoom 0', () => {
    const d = prepareMapData(fixture().geo, fixture().hromadas, fixture().demand, fixture().facilities);
    const fc = d.settlementsGeo;
    expect(fc.features.map((f) => f.id)).toEqual([0, 1]);
    expect(fc.features.map((f) => f.geometry.coordinates)).toEqual([
      [31.5, 50.5],
      [30.5, 50.5],
    ]);
    // r0 · 2^z is the radius in metres over the metres per pixel at that zoom and latitude (512-px tiles).
    const metresPerPx = (z: number) => (40_075_016.686 * Math.cos((50.5 * Math.PI) / 180)) / (512 * 2 ** z);
    expect(fc.features[0]!.properties.r0 * 2 ** 9).toBeCloseTo(settlementRadiusM(40000) / metresPerPx(9), 6);
    const spec = settlementsLayerSpec(false);
    expect(spec).toMatchObject({ id: SETTLEMENTS_LAYER, type: 'circle', source: SETTLEMENTS_LAYER, layout: { visibility: 'none' } });
    // not at the country view (zoom ~5.2-5.8): from oblast zoom
    expect(spec.minzoom).toBe(SETTLEMENTS_MIN_ZOOM);
    expect(SETTLEMENTS_MIN_ZOOM).toBe(6);
    expect(JSON.stringify(spec.paint)).toContain('feature-state');
  });

  it('states: grey before a result; then the response-time colour and a dark edge beyond the norm', () => {
    const fx = fixture();
    const d = prepareMapData(fx.geo, fx.hromadas, fx.demand, fx.facilities);
    const before = settlementStates(d, null, 'fire');
    expect(before.count).toBe(2);
    expect(before.fill(0)).toBe(before.fill(1));
    expect(before.beyond(0)).toBe(false);
    const r = result(fx);
    const s = settlementStates(d, r, 'fire');
    // k = 0 is the town (demand 1, not covered), k = 1 the village (demand 0, covered)
    expect([s.beyond(0), s.beyond(1)]).toEqual([true, false]);
    const c = settlementColors(d, r, 'fire');
    expect(s.fill(1)).toBe(toCss([c[4]!, c[5]!, c[6]!, c[7]!]));
    expect(s.fill(0)).not.toBe(s.fill(1));
  });
});

describe('cities of 50,000+ on the map (one circle each at its own point)', () => {
  /** The fixture plus a city of 60,000 spread over two cells (demand 3 and 4), at 8 and 14 minutes. */
  function withCity() {
    const fx = fixture();
    const d = fx.demand;
    const demand: DemandTable = {
      ...d,
      count: 5,
      ids: [...d.ids, '882830828bfffff', '882830828dfffff'],
      names: [...d.names, '', ''],
      lon: Float64Array.from([...d.lon, 31.2, 31.3]),
      lat: Float64Array.from([...d.lat, 50.3, 50.3]),
      population: Float64Array.from([...d.population, 20000, 40000]),
      urban: Uint8Array.from([...d.urban, 1, 1]),
      kind: Uint8Array.from([...d.kind, 1, 1]),
      derivation: Uint8Array.from([...d.derivation, 4, 4]),
      hromada: Int32Array.from([...d.hromada, 1, 1]),
      areaKm2: Float64Array.from([...d.areaKm2, 0.7, 0.7]),
      place: Uint8Array.from([...d.place, 4, 4]),
      city: Int32Array.from([-1, -1, -1, 0, 0]),
      cities: [{ id: 'UA-city', name: 'Місто', category: 'city', lon: 31.25, lat: 50.3, population: 60000, hromada: 1, footprint: 'hromada_polygon', radiusKm: 0, cells: 2, areaKm2: 1.4 }],
    };
    const data = prepareMapData(fx.geo, fx.hromadas, demand, fx.facilities);
    const r = result(fx);
    for (const s of ['fire', 'police'] as const) {
      const c = r.services[s].coverage;
      r.services[s].coverage = { ...c, nearest: Int32Array.from([0, 0, -1, 0, 0]), minutes: Float64Array.from([5, 30, Infinity, 8, 14]), covered: Uint8Array.from([1, 0, 0, 1, 0]) };
    }
    return { data, r };
  }
  it('a circle at the city’s point, sized by its population, drawn under the settlements; its id follows them', () => {
    const { data } = withCity();
    const fc = data.settlementsGeo;
    expect(fc.features.map((f) => f.id)).toEqual([2, 0, 1]);
    expect(fc.features[0]!.geometry.coordinates).toEqual([31.25, 50.3]);
    expect(fc.features[0]!.properties.r0).toBeGreaterThan(fc.features[1]!.properties.r0); // 60,000 over 40,000
    expect(circleTarget(data, 0)).toEqual({ kind: 'demand', index: 1 });
    expect(circleTarget(data, 2)).toEqual({ kind: 'city', city: 0 });
    expect(circleTarget(data, 3)).toBeNull();
  });
  it('coloured by its median over its cells, with the dark edge when any of its people are beyond the norm', () => {
    const { data, r } = withCity();
    const s = settlementStates(data, r, 'fire');
    expect(s.count).toBe(3);
    // median over the cells weighted by people: 40,000 at 14 min outweigh 20,000 at 8
    const expected = new Uint8Array(4);
    fillMinutesColors(expected, Float64Array.of(14), [0], () => DEFAULT_PARAMS.normMin.fire.urban, 215, 245);
    expect(s.fill(2)).toBe(toCss([expected[0]!, expected[1]!, expected[2]!, expected[3]!]));
    expect(s.beyond(2)).toBe(true);
    expect(cityMapStyle(data, r, 'fire')).toBe(cityMapStyle(data, r, 'fire')); // once per result
    expect(settlementStates(data, null, 'fire').count).toBe(3);
  });
});

describe('labels', () => {
  it('city names thin out by zoom in three tiers (labelMinPopulation), biggest placed first, one object per language', () => {
    const population = Float64Array.from([2_000_000, 200_000, 60_000, 12_000, 5_000]);
    const names = ['Київ', 'Суми', 'Ніжин', 'Бахмач', 'Село'];
    const places = { length: 5, population, names, lon: Float64Array.from([30, 34, 31, 32, 33]), lat: Float64Array.from([50, 50, 51, 51, 49]) } as unknown as MapData['places'];
    const data = { labelIndices: [0, 1, 2, 3], places };
    const uk = cityNamesGeo(data, 'uk');
    expect(uk.features.map((f) => [f.id, f.properties.n, f.properties.pop])).toEqual([[0, 'Київ', 2_000_000], [1, 'Суми', 200_000], [2, 'Ніжин', 60_000], [3, 'Бахмач', 12_000]]);
    expect(cityNamesGeo(data, 'uk')).toBe(uk);
    expect(cityNamesGeo(data, 'en').features.map((f) => f.properties.n)).toEqual(['Kyiv', 'Sumy', 'Nizhyn', 'Bakhmach']);
    // each tier's filter takes exactly the names labelMinPopulation gives from its zoom on, less the tiers below it
    const specs = cityNameLayerSpecs(true);
    expect(specs.map((l) => [l.id, l.minzoom ?? 0])).toEqual(CITY_NAME_TIERS.map((t) => [t.id, t.minzoom]));
    const passes = (filter: unknown, pop: number): boolean => {
      const [op, ...args] = filter as [string, ...unknown[]];
      if (op === 'all') return args.every((f) => passes(f, pop));
      const v = args[1] as number;
      return op === '>=' ? pop >= v : pop < v;
    };
    for (const z of [5, 6.5, 7, 8, 9]) {
      const shown = [...population].filter((p) => specs.some((l) => (l.minzoom ?? 0) <= z && passes(l.filter, p)));
      expect(shown).toEqual([...population].filter((p) => p >= labelMinPopulation(z)));
    }
    expect(specs.every((l) => l.layout?.visibility === 'visible')).toBe(true);
    expect(cityNameLayerSpecs(false).every((l) => l.layout?.visibility === 'none')).toBe(true);
  });
});

describe('layer builders', () => {
  it('always the same base list; optional layers only once switched on, then kept hidden', () => {
    const fx = fixture();
    const ids = (l: ReturnType<typeof buildLayers>) => l.map((x) => x.id);
    // Symbols and names are MapLibre layers: the first screen has no deck.gl layer (no shaders to compile).
    const base = buildLayers(input(fx));
    expect(ids(base)).toEqual([]);
    const on = buildLayers(input(fx, { layers: { ...DEFAULT_LAYERS, surface: true } }));
    expect(ids(on)).toContain('surface');
    const off = buildLayers(input(fx, { mounted: new Set(['surface']) }));
    const surface = off.find((l) => l.id === 'surface')!;
    expect(surface.props.visible).toBe(false);
  });

  it('choropleth colours come from the share of the current service, grey before a result', () => {
    const fx = fixture();
    const r = result(fx);
    expect(hromadaFill({ result: null, service: 'fire', osm: false }, 0)[3]).toBeLessThan(200);
    expect(hromadaFill({ result: r, service: 'fire', osm: false }, 0)).toEqual(shareColor(0.8, 210));
    expect(hromadaFill({ result: r, service: 'police', osm: false }, 0)).toEqual(shareColor(r.services.police.stats.share[0]!, 210));
    // No deck.gl polygon layer: MapLibre draws the choropleth from feature state, under the outlines.
    expect(buildLayers(input(fx, { result: r, resultVersion: 3 })).map((l) => l.id)).not.toContain('hromadas');
    const style = basemapStyle(bundledBasemap((f) => `http://h/geo/${f}`));
    const order = style.layers.map((l) => l.id);
    expect(order.indexOf(CHOROPLETH_LAYER)).toBeGreaterThan(order.indexOf('nodata-fill'));
    expect(order.indexOf(CHOROPLETH_LAYER)).toBeLessThan(order.indexOf(BEFORE_OUTLINES));
    expect(JSON.stringify(style.layers.find((l) => l.id === CHOROPLETH_LAYER))).toContain('feature-state');
  });

  it('basemap: bundled vector tiles by default, imported boundaries as a GeoJSON source numbered by position', () => {
    const fx = fixture();
    const bundled = basemapStyle(bundledBasemap((f) => `http://h/geo/${f}`));
    expect(bundled.sources['basemap']).toMatchObject({ type: 'vector', tiles: ['http://h/geo/tiles/{z}/{x}/{y}.pbf'] });
    expect(bundled.sources['hromadas']).toBeUndefined();
    const fill = (s: typeof bundled) => s.layers.find((l) => l.id === CHOROPLETH_LAYER) as { source: string; 'source-layer'?: string };
    expect(fill(bundled)).toMatchObject({ source: 'basemap', 'source-layer': 'hromadas' });
    // Nothing but the bundled tiles is asked for: no glyphs, sprite or other host.
    expect(JSON.stringify(bundled)).not.toMatch(/glyphs|sprite|https?:\/\/(?!h\/)/);
    const imported = basemapStyle({ ...bundledBasemap((f) => `http://h/geo/${f}`), hromadaGeo: fx.geo });
    expect(imported.sources['hromadas']).toMatchObject({ type: 'geojson', generateId: true });
    expect(fill(imported).source).toBe('hromadas');
    expect(fill(imported)['source-layer']).toBeUndefined();
    expect(imported.layers.filter((l) => 'source' in l && l.source === 'hromadas').map((l) => l.id)).toEqual([CHOROPLETH_LAYER, 'hromada-lines', 'hromada-selected']);
  });

  it('facilities: by service; illustrative and planned get the hollow symbol', () => {
    const fx = fixture();
    expect(facilitiesFor(fx.facilities, 'fire', false).map((f) => f.id)).toEqual(['a', 'c']);
    expect(facilitiesFor(fx.facilities, 'fire', true).map((f) => f.id)).toEqual(['b']);
    expect(facilitiesFor(fx.facilities, 'police', false).map((f) => f.id)).toEqual(['c', 'd']);
    expect(facilityIcon(fx.facilities[0]!)).toBe('state_fire_unit|solid');
    expect(facilityIcon(fx.facilities[1]!)).toBe('state_fire_unit|hollow');
    expect(facilityIcon(fx.facilities[2]!)).toBe('security_center|hollow');
    const m = iconMapping();
    expect(Object.keys(m)).toHaveLength(12);
    expect(new Set(Object.values(m).map((d) => `${d.x},${d.y}`)).size).toBe(12);
  });

  it('facility symbols: one point per facility with its image and size, same objects for the same list; picking gives the facility', () => {
    const fx = fixture();
    const list = facilitiesFor(fx.facilities, 'fire', false);
    const geo = facilitySymbolGeo(list, false);
    expect(geo.features.map((f) => f.id)).toEqual([0, 1]);
    expect(geo.features.map((f) => f.geometry.coordinates)).toEqual(list.map((f) => [f.lon, f.lat]));
    expect(geo.features.map((f) => f.properties.icon)).toEqual(list.map((f) => FACILITY_IMAGE_PREFIX + facilityIcon(f)));
    expect(geo.features.map((f) => f.properties.size * 16)).toEqual(list.map((f) => facilitySize(f, false)));
    const sets = facilitySymbols(input(fx));
    expect(sets.map((x) => [x.id, x.facilities.map((f) => f.id), x.visible])).toEqual([
      ['facilities-illustrative', ['b'], true],
      ['facilities', ['a', 'c'], true],
    ]);
    // the same list and service give the same data objects (the map's sources are not replaced)
    expect(facilitySymbols(input(fx))[1]!.geo).toBe(sets[1]!.geo);
    expect(facilitySymbols(input(fx, { layers: { ...DEFAULT_LAYERS, illustrative: false } })).map((x) => x.visible)).toEqual([false, true]);
    const real = { id: 'facilities', props: { data: { facilities: sets[1]!.facilities } } } satisfies PickedFacilityLayer;
    const layer = real as unknown as Parameters<typeof pickedFacility>[0]['layer'];
    expect(pickedFacility({ layer, index: 1 })?.id).toBe('c');
    expect(pickedFacility({ layer, index: -1 })).toBeUndefined();
    expect(pickedFacility({ layer: { ...real, id: 'labels' } as unknown as typeof layer, index: 0 })).toBeUndefined();
  });

  it('rings are Turf circles of the given radius', () => {
    const fx = fixture();
    const fc = ringFeatures([fx.facilities[0]!], 10);
    const ring = fc.features[0]!.geometry.coordinates[0]!;
    expect(ring).toHaveLength(49);
    // 10 km north of 50.6°N is ≈ 0.09° of latitude
    expect(Math.max(...ring.map((p) => p[1]!)) - 50.6).toBeCloseTo(0.0899, 3);
  });

  it('first-due spokes join each reached settlement to its facility', () => {
    const fx = fixture();
    const d = prepareMapData(fx.geo, fx.hromadas, fx.demand, fx.facilities);
    const s = firstDueSpokes(d, result(fx), 'fire');
    expect(s.length).toBe(2);
    expect([...s.target.subarray(0, 2)]).toEqual([30.5, 50.6]);
  });

  it('prevents input mutation of the result', () => {
    const fx = fixture();
    const r = result(fx);
    const before = JSON.stringify([...r.services.fire.coverage.minutes]);
    buildLayers(input(fx, { result: r, layers: { ...DEFAULT_LAYERS, surface: true, firstDue: true, rings: true } }));
    expect(JSON.stringify([...r.services.fire.coverage.minutes])).toBe(before);
  });
});

describe('facility symbol layers in chunks', () => {
  it('a set up to the chunk size is one source; a larger one is slices that keep every feature once with its id', () => {
    const one = (n: number) => ({ type: 'FeatureCollection' as const, features: Array.from({ length: n }, (_, k) => ({ type: 'Feature' as const, id: k, properties: { icon: 'i', size: 1 }, geometry: { type: 'Point' as const, coordinates: [30, 50] } })) });
    const small = one(FACILITY_SYMBOLS_PER_LAYER);
    expect(facilityChunks(small)).toEqual([small]);
    const big = one(100_000);
    const chunks = facilityChunks(big);
    expect(facilityChunks(big)).toBe(chunks); // the same objects for the same data
    expect(chunks.length).toBe(Math.ceil(100_000 / FACILITY_SYMBOLS_PER_LAYER));
    expect(chunks.every((c) => c.features.length <= FACILITY_SYMBOLS_PER_LAYER)).toBe(true);
    expect(chunks.flatMap((c) => c.features.map((f) => f.id))).toEqual(big.features.map((f) => f.id));
    const specs = chunks.map((_, c) => facilitySymbolLayerSpec('facilities-illustrative', c, false));
    expect(specs.map((s) => s.id)).toEqual(specs.map((_, c) => (c === 0 ? 'facilities-illustrative' : `facilities-illustrative~${c}`)));
    expect(specs.every((s) => s.source === s.id && s.layout?.visibility === 'none')).toBe(true);
    expect(specs.every((s) => isFacilityLayerOf(s.id, 'facilities-illustrative') && !isFacilityLayerOf(s.id, 'facilities'))).toBe(true);
  });
});
