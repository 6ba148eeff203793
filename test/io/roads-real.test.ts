/**
 * The real OSM extracts of ../shared/data/osm parse to the counts of ../shared/data/SOURCES.md ("osm/" table), and
 * the PBF and the OSM XML of one extract give the same graph. Needs ../shared/data (skipped with a message when absent).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROAD_CLASSES } from '../../src/engine/roads/speeds';
import { buildRoadGraph } from '../../src/io/roads';
import { DEFAULT_DATA_DIR } from '../../scripts/data/build';
import { arraysOf, BUILT_AT, dijkstra, fileSource } from './roads-helpers';

const dir = join(process.env['HROMADA_DATA_DIR'] ?? DEFAULT_DATA_DIR, 'osm');
const present = existsSync(join(dir, 'monaco_2016-03-05.osm.pbf'));
if (!present)
  console.warn(`test/io/roads-real.test.ts skipped: ${dir} not found (the OSM extracts live in ../shared/data/osm)`);

/** The `_roads.osm` files of SOURCES.md keep the drivable classes without track. */
const NO_TRACK = ROAD_CLASSES.filter((c) => c !== 'track');

describe.skipIf(!present)('real OSM extracts (SOURCES.md counts)', () => {
  it.each([
    ['liechtenstein_2015-07-27', 2388, 16912, 16812, '2015-07-27T21:14:01Z'],
    ['monaco_2016-03-05', 1764, 16383, 15742, '2016-03-05T00:26:02Z'],
  ])(
    '%s: PBF and XML give the same graph; %d drivable ways on %d nodes, largest component %d',
    async (name, ways, nodes, largest, ts) => {
      const x = await buildRoadGraph(fileSource(join(dir, `${name}_roads.osm`)), { builtAt: BUILT_AT });
      const p = await buildRoadGraph(fileSource(join(dir, `${name}.osm.pbf`)), {
        builtAt: BUILT_AT,
        classes: NO_TRACK,
      });
      expect(arraysOf(p.graph)).toEqual(arraysOf(x.graph));
      const c = x.graph.meta.counts;
      expect([
        c['ways_drivable'],
        c['osm_nodes_referenced'],
        c['largest_component_osm_nodes'],
        c['missing_node_refs'],
      ]).toEqual([ways, nodes, largest, 0]);
      expect(p.graph.meta.counts['ways_drivable']).toBe(ways);
      expect(p.header?.timestamp).toBe(ts);
      expect(p.graph.meta.osmTimestamp).toBe(ts);
      expect(p.graph.nodeCount).toBeLessThan(nodes / 4);
    },
  );

  it('Lviv transit streets: 991 drivable ways, one network of 5,736 nodes; Lviv centre to Zhovkva by road', async () => {
    const { graph: g } = await buildRoadGraph(fileSource(join(dir, 'ua_lviv_transit_ways_2013-05-20.osm')), {
      builtAt: BUILT_AT,
    });
    const c = g.meta.counts;
    expect([c['ways_drivable'], c['osm_nodes_referenced'], c['largest_component_osm_nodes']]).toEqual([
      991, 5736, 5736,
    ]);
    const near = (lon: number, lat: number): number => {
      let best = 0;
      let bd = Infinity;
      for (let v = 0; v < g.nodeCount; v++) {
        const dd = (g.lon[v]! - lon) ** 2 + (g.lat[v]! - lat) ** 2;
        if (dd < bd) [best, bd] = [v, dd];
      }
      return best;
    };
    // Lviv (24.03, 49.84) to Zhovkva (23.97, 50.06): ≈ 25 km by road; between 15 and 40 minutes with the default speeds.
    const min = dijkstra(g, near(24.03, 49.84))[near(23.97, 50.06)]! / 60;
    expect(min).toBeGreaterThan(15);
    expect(min).toBeLessThan(40);
  });

  it('the full PBF keeps tracks too (every class of ROAD_CLASSES)', async () => {
    const { graph: g } = await buildRoadGraph(fileSource(join(dir, 'liechtenstein_2015-07-27.osm.pbf')), {
      builtAt: BUILT_AT,
    });
    expect(g.meta.counts['ways_drivable']).toBe(2388 + 1091);
  });
});
