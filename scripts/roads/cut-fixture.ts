/**
 * Cuts a small test fixture from an OSM extract with the project's own reader: every drivable way (highway of
 * ROAD_CLASSES) with at least one node inside the bbox, complete (all its nodes, also those outside), with only the
 * tags the road builder reads, written as OSM XML and OSM PBF (scripts/roads/osm-write.ts).
 *
 *   tsx scripts/roads/cut-fixture.ts IN.osm|IN.osm.pbf W,S,E,N OUT_BASENAME
 */
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readOsm } from '../../src/io/roads/build';
import type { OsmTags } from '../../src/io/roads/osm';
import { maybeDrivable } from '../../src/io/roads/tags';
import { writeOsmPbf, writeOsmXml, type OsmData, type OsmNode, type OsmWay } from './osm-write';

const KEEP = ['highway', 'oneway', 'junction', 'maxspeed', 'zone:maxspeed', 'source:maxspeed', 'maxspeed:type', 'name'];

export async function cutFixture(
  file: string,
  bbox: [number, number, number, number],
  outBase: string,
  timestamp = '',
): Promise<OsmData> {
  const src = { name: basename(file), size: statSync(file).size, open: () => createReadStream(file) };
  const format = /\.pbf$/i.test(file) ? 'pbf' : 'xml';
  const coords = new Map<number, [number, number]>();
  await readOsm(src, format, { node: (id, lon, lat) => coords.set(id, [lon, lat]) });
  const inside = (id: number): boolean => {
    const c = coords.get(id);
    return !!c && c[0] >= bbox[0] && c[0] <= bbox[2] && c[1] >= bbox[1] && c[1] <= bbox[3];
  };
  const ways: OsmWay[] = [];
  await readOsm(src, format, {
    wayFilter: (t) => maybeDrivable(t),
    way: (id, tags: OsmTags, refs, n) => {
      const r = Array.from(refs.subarray(0, n));
      if (!r.some(inside)) return;
      const t: Record<string, string> = {};
      for (const k of KEEP) if (tags[k] !== undefined) t[k] = tags[k];
      ways.push({ id, refs: r, tags: t });
    },
  });
  const need = new Set(ways.flatMap((w) => w.refs));
  const nodes: OsmNode[] = [...need]
    .filter((id) => coords.has(id))
    .sort((a, b) => a - b)
    .map((id) => ({ id, lon: coords.get(id)![0], lat: coords.get(id)![1] }));
  ways.sort((a, b) => a.id - b.id);
  const data: OsmData = { nodes, ways, bbox, ...(timestamp ? { timestamp } : {}) };
  writeFileSync(`${outBase}.osm`, writeOsmXml(data));
  writeFileSync(`${outBase}.osm.pbf`, writeOsmPbf(data));
  return data;
}

if (process.argv[1]?.endsWith('cut-fixture.ts')) {
  const [file, box, out, ts] = process.argv.slice(2);
  if (!file || !box || !out)
    throw new Error('Usage: tsx scripts/roads/cut-fixture.ts IN W,S,E,N OUT_BASENAME [TIMESTAMP]');
  const b = box.split(',').map(Number) as [number, number, number, number];
  const d = await cutFixture(file, b, out, ts);
  console.log(`${d.ways.length} ways, ${d.nodes.length} nodes → ${out}.osm, ${out}.osm.pbf`);
}
