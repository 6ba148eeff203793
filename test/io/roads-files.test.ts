/**
 * Bad road files are rejected with specific messages (truncated PBF naming the byte offset, not OSM, garbage,
 * broken XML, a damaged zlib blob), and the .graph file round-trips bit for bit with its reader validating magic,
 * version, header and lengths.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  buildRoadGraph,
  buildRoadGraphFile,
  readGraphFile,
  RoadsError,
  ROADS_DROP_MAX_BYTES,
  writeGraphFile,
} from '../../src/io/roads';
import { arraysOf, BUILT_AT, bytesSource } from './roads-helpers';

const FIX = 'test/fixtures/roads/monaco-centre';
const pbf = new Uint8Array(readFileSync(`${FIX}.osm.pbf`));
const xml = new Uint8Array(readFileSync(`${FIX}.osm`));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

async function failure(b: Uint8Array, name: string): Promise<RoadsError> {
  try {
    await buildRoadGraph(bytesSource(b, name, 777), { builtAt: BUILT_AT });
  } catch (e) {
    if (e instanceof RoadsError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('bad road files', () => {
  it('a truncated PBF names the byte offset where the cut blob starts', async () => {
    const e = await failure(pbf.subarray(0, 15000), 'cut.osm.pbf');
    expect(e.code).toBe('truncated_pbf');
    expect(e.message).toMatch(
      /truncated: it ends inside the blob starting at byte [\d,]+ \([\d,]+ bytes of it present, file length 15,000\)/,
    );
    expect(e.uk).toMatch(/обрізаний/);
  });

  it('not OSM: a PNG, a CSV, an empty file, random bytes; a PBF-named file that is not one', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect((await failure(png, 'x.png')).code).toBe('unknown_format');
    expect((await failure(enc('id,lat,lon\n1,50,30\n'), 'x.csv')).message).toMatch(/not a road file: expected OSM PBF/);
    expect((await failure(png, 'x.osm.pbf')).message).toMatch(/named like an OSM PBF file but does not start like one/);
    const rnd = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 251);
    expect((await failure(rnd, 'r.bin')).code).toBe('unknown_format');
    await expect(buildRoadGraph(bytesSource(new Uint8Array(0), 'empty.osm'))).rejects.toThrow(/not a road file/);
  });

  it('XML that is not OSM, or not well formed, or truncated', async () => {
    expect((await failure(enc('<?xml version="1.0"?><kml><Document/></kml>'), 'a.osm')).message).toMatch(
      /not an OSM XML file: its root element is <kml>/,
    );
    expect((await failure(enc('<osm><node id="1" lat="50" lon="30"></way></osm>'), 'b.osm')).code).toBe('bad_xml');
    expect((await failure(xml.subarray(0, 100000), 'c.osm')).code).toBe('bad_xml');
  });

  it('a PBF whose blob is damaged; a GeoJSON that is not JSON or has no lines', async () => {
    const bad = pbf.slice();
    for (let i = 2000; i < 2400; i++) bad[i] = 0x55;
    expect(['bad_pbf', 'not_osm']).toContain((await failure(bad, 'd.osm.pbf')).code);
    expect((await failure(enc('{"type": "FeatureCollection", "features": ['), 'e.geojson')).code).toBe('bad_geojson');
    expect((await failure(enc('{"type": "Topology"}'), 'f.geojson')).message).toMatch(/not a FeatureCollection/);
    expect((await failure(enc('{"type": "FeatureCollection", "features": []}'), 'g.geojson')).code).toBe('no_roads');
  });

  it('gzip’d OSM XML is read like the plain file', async () => {
    const a = await buildRoadGraph(bytesSource(xml, 'm.osm'), { builtAt: BUILT_AT });
    const b = await buildRoadGraph(bytesSource(new Uint8Array(gzipSync(xml)), 'm.osm.gz', 1000), { builtAt: BUILT_AT });
    expect(arraysOf(b.graph)).toEqual(arraysOf(a.graph));
  });

  it('the size limit for the page', async () => {
    await expect(buildRoadGraph(bytesSource(xml, 'm.osm'), { maxBytes: 1000 })).rejects.toThrow(
      /the page builds road files up to 1,000 bytes/,
    );
  });
});

describe('the import worker entry', () => {
  it('buildRoadGraphFile reads a Blob as a ReadableStream (twice), reports rising progress to 1, and gives the graph file', async () => {
    const fractions: number[] = [];
    const file = await buildRoadGraphFile(new Blob([xml]), 'monaco-centre.osm', (f) => fractions.push(f));
    const direct = await buildRoadGraph(bytesSource(xml, 'monaco-centre.osm'), { builtAt: BUILT_AT });
    expect(arraysOf(readGraphFile(file))).toEqual(arraysOf(direct.graph));
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
    // Pass 1 (ways) is the first half, pass 2 (nodes) the second.
    expect(fractions.filter((f) => f <= 0.5).at(-1)).toBe(0.5);
    expect(ROADS_DROP_MAX_BYTES).toBe(150 * 1024 * 1024);
  });
});

describe('the .graph file', () => {
  it('round-trips bit for bit and reads back the same graph', async () => {
    const { graph } = await buildRoadGraph(bytesSource(pbf, 'monaco-centre.osm.pbf'), { builtAt: BUILT_AT });
    const file = writeGraphFile(graph);
    const back = readGraphFile(file);
    expect(arraysOf(back)).toEqual(arraysOf(graph));
    expect(back.meta).toEqual(graph.meta);
    expect(back.meta.licence).toBe('ODbL 1.0, © OpenStreetMap contributors');
    expect(Buffer.from(writeGraphFile(back)).equals(Buffer.from(file))).toBe(true);
    // Not 8-byte aligned input is copied, not misread.
    const shifted = new Uint8Array(file.length + 3);
    shifted.set(file, 3);
    expect(arraysOf(readGraphFile(shifted.subarray(3)))).toEqual(arraysOf(graph));
  });

  it('rejects a wrong magic, a newer version, a broken header, a truncated or padded file, a bad index', async () => {
    const { graph } = await buildRoadGraph(bytesSource(pbf, 'monaco-centre.osm.pbf'), { builtAt: BUILT_AT });
    const file = writeGraphFile(graph);
    const err = (b: Uint8Array): string => {
      try {
        readGraphFile(b);
      } catch (e) {
        expect(e).toBeInstanceOf(RoadsError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(err(xml)).toMatch(/does not start with "HCRG"/);
    const v2 = file.slice();
    v2[4] = 2;
    expect(err(v2)).toMatch(/format version 2, this app reads version 1/);
    const h = file.slice();
    h[12] = 0x20;
    h[13] = 0x7d;
    expect(err(h)).toMatch(/header is not valid JSON/);
    expect(err(file.subarray(0, file.length - 8))).toMatch(/needs [\d,]+ — the file is truncated/);
    const padded = new Uint8Array(file.length + 8);
    padded.set(file);
    expect(err(padded)).toMatch(/bytes where its header/);
    // The first target points past the nodes.
    const json = JSON.parse(
      new TextDecoder().decode(file.subarray(12, 12 + new DataView(file.buffer).getUint32(8, true))),
    ) as { nodeCount: number };
    const n = json.nodeCount;
    const tgt = file.slice();
    const off =
      ((12 + new DataView(file.buffer).getUint32(8, true) + 7) & ~7) +
      2 * ((4 * n + 7) & ~7) +
      ((4 * (n + 1) + 7) & ~7);
    new DataView(tgt.buffer).setUint32(off, n + 5, true);
    expect(err(tgt)).toMatch(new RegExp(`edge 0 points to node ${n + 5}, past the ${n} nodes`));
  });
});
