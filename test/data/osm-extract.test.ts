/**
 * `npm run data -- --osm FILE` (scripts/data/osm-extract.ts) on the real Liechtenstein and Monaco PBF extracts:
 * fire stations and police as nodes and ways, a listed node located at its OSM point (checked against the OSM XML
 * of the same extract), and the facility features' rules (outside every hromada, near a sourced unit). Needs
 * ../shared/data/osm (skipped with a message when absent).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR } from '../../scripts/data/build';
import {
  applyOsmExtractSettlements,
  osmFacilityFeatures,
  readOsmExtract,
  type OsmExtract,
} from '../../scripts/data/osm-extract';
import type { Settlement } from '../../scripts/data/demand';

const dir = join(process.env['HROMADA_DATA_DIR'] ?? DEFAULT_DATA_DIR, 'osm');
const present = existsSync(join(dir, 'liechtenstein_2015-07-27.osm.pbf'));
if (!present) console.warn(`test/data/osm-extract.test.ts skipped: ${dir} not found`);

describe.skipIf(!present)('OSM extract for the data build', () => {
  it('Liechtenstein: 5 fire-station nodes, 1 fire-station way, 1 police node; a listed node at its XML point', async () => {
    const xml = readFileSync(join(dir, 'liechtenstein_2015-07-27_roads.osm'), 'utf8');
    const m = /<node id="(\d+)"[^>]* lat="([-\d.]+)" lon="([-\d.]+)"/.exec(xml)!;
    const x = await readOsmExtract(
      join(dir, 'liechtenstein_2015-07-27.osm.pbf'),
      new Map([
        [Number(m[1]), 'UA00000000000000001'],
        [1, 'UA-NOT-THERE'],
      ]),
    );
    expect(x.counts).toMatchObject({
      fire_station_nodes: 5,
      fire_station_ways: 1,
      police_nodes: 1,
      police_ways: 0,
      settlements_found: 1,
      settlement_ids_listed: 2,
    });
    const p = x.settlements.get('UA00000000000000001')!;
    expect([Math.round(p.lon * 1e7), Math.round(p.lat * 1e7)]).toEqual([
      Math.round(Number(m[3]) * 1e7),
      Math.round(Number(m[2]) * 1e7),
    ]);
    expect(x.timestamp).toBe('2015-07-27T21:14:01Z');
    const way = x.facilities.find((f) => f.osmId.startsWith('way/'))!;
    expect(way.amenity).toBe('fire_station');
    expect(way.lon).toBeGreaterThan(9.47);
    expect(way.lon).toBeLessThan(9.64);
  });

  it('Monaco: 3 fire stations and 14 police (11 nodes, 3 ways)', async () => {
    const x = await readOsmExtract(join(dir, 'monaco_2016-03-05.osm.pbf'), new Map());
    expect(x.counts).toMatchObject({ fire_station_nodes: 3, fire_station_ways: 0, police_nodes: 11, police_ways: 3 });
    expect(x.facilities.find((f) => f.osmId === 'node/1866523017')?.name).toBe('Caserne de la Condamine');
  });
});

describe('OSM facilities and settlements into the data build', () => {
  const x: OsmExtract = {
    file: 'test.osm.pbf',
    timestamp: '2026-01-01T00:00:00Z',
    settlements: new Map([
      ['UA1', { lon: 30.123456, lat: 50.5, osmId: 7 }],
      ['UA2', { lon: 31, lat: 49, osmId: 8 }],
    ]),
    facilities: [
      { osmId: 'node/1', amenity: 'fire_station', name: 'ДПРЧ-1', lon: 30, lat: 50 },
      { osmId: 'node/2', amenity: 'police', name: '', lon: 30.001, lat: 50 },
      { osmId: 'way/3', amenity: 'fire_station', name: '', lon: 30.2, lat: 50 },
      { osmId: 'node/4', amenity: 'police', name: 'abroad', lon: 20, lat: 50 },
    ],
    counts: {},
  };

  it('settlements without a point get the OSM point; located ones keep theirs', () => {
    const s = (katottg: string, lon: number | null): Settlement => ({
      katottg,
      name: katottg,
      category: 'village' as Settlement['category'],
      hromadaCode: 'H',
      pop2022: 1,
      popGeonames: null,
      lon,
      lat: lon === null ? null : 50,
      place: lon === null ? null : 'geonames',
    });
    const r = applyOsmExtractSettlements([s('UA1', null), s('UA2', 31.5), s('UA3', null)], x);
    expect([r.placed, r.alreadyLocated]).toEqual([1, 1]);
    expect(r.settlements[0]).toMatchObject({ lon: 30.12346, lat: 50.5, place: 'osm_place_node' });
    expect(r.settlements[1]!.lon).toBe(31.5);
    expect(r.settlements[2]!.lon).toBeNull();
  });

  it('facilities: source osm with their ids; outside every hromada and near a sourced unit of the same service skipped', () => {
    const r = osmFacilityFeatures(x, (lon) => (lon > 25 ? 'UA-H' : null), [
      { coordinates: [30.003, 50], services: ['fire'] },
    ]);
    expect([r.outside, r.duplicates]).toEqual([1, 1]);
    expect(
      r.features.map((f) => [f.properties.id, f.properties.type, f.properties.source, f.properties.source_url]),
    ).toEqual([
      ['osm-node-2', 'police_station', 'osm', 'https://www.openstreetmap.org/node/2'],
      ['osm-way-3', 'state_fire_unit', 'osm', 'https://www.openstreetmap.org/way/3'],
    ]);
    expect(r.features[1]!.properties.note).toMatch(/typed as a state fire unit \(an assumption\)/);
  });
});
