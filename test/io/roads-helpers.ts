/**
 * Helpers of the road-builder tests: sources over bytes (in small chunks, so every chunk boundary case is hit),
 * building from in-memory OSM data in either format, and a Dijkstra over a RoadGraph.
 */
import { readFileSync } from 'node:fs';
import { buildRoadGraph, type BuildOptions, type BuiltRoads } from '../../src/io/roads';
import type { RoadSource } from '../../src/io/roads/source';
import type { RoadGraph } from '../../src/engine/roads/graph';
import { DEFAULT_ROAD_SPEEDS, edgeSeconds } from '../../src/engine/roads/speeds';
import { writeOsmPbf, writeOsmXml, type OsmData } from '../../scripts/roads/osm-write';

export const BUILT_AT = '2026-01-01T00:00:00Z';

export function bytesSource(b: Uint8Array, name: string, chunk = 4093): RoadSource {
  return {
    name,
    size: b.length,
    open: async function* () {
      for (let i = 0; i < b.length; i += chunk) yield b.subarray(i, i + chunk);
    },
  };
}

export const fileSource = (path: string, chunk = 65536): RoadSource =>
  bytesSource(new Uint8Array(readFileSync(path)), path.split('/').pop()!, chunk);

export function osmBytes(d: OsmData, format: 'xml' | 'pbf'): Uint8Array {
  return format === 'pbf' ? writeOsmPbf(d, 3) : new TextEncoder().encode(writeOsmXml(d));
}

export function buildOsm(d: OsmData, format: 'xml' | 'pbf' = 'xml', opts: BuildOptions = {}): Promise<BuiltRoads> {
  return buildRoadGraph(bytesSource(osmBytes(d, format), `t.${format === 'pbf' ? 'osm.pbf' : 'osm'}`, 97), {
    builtAt: BUILT_AT,
    ...opts,
  });
}

/** Dijkstra over any adjacency given as callbacks: distances from `s` (binary heap). */
export function dijkstraAdj(
  n: number,
  s: number,
  each: (v: number, f: (to: number, w: number) => void) => void,
): Float64Array {
  const dist = new Float64Array(n).fill(Infinity);
  dist[s] = 0;
  const hv: number[] = [s];
  const hd: number[] = [0];
  const push = (v: number, d: number): void => {
    let i = hv.length;
    hv.push(v);
    hd.push(d);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (hd[p]! <= hd[i]!) break;
      [hv[p], hv[i]] = [hv[i]!, hv[p]!];
      [hd[p], hd[i]] = [hd[i]!, hd[p]!];
      i = p;
    }
  };
  const pop = (): [number, number] => {
    const top: [number, number] = [hv[0]!, hd[0]!];
    const lv = hv.pop()!;
    const ld = hd.pop()!;
    if (hv.length > 0) {
      hv[0] = lv;
      hd[0] = ld;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < hv.length && hd[l]! < hd[m]!) m = l;
        if (r < hv.length && hd[r]! < hd[m]!) m = r;
        if (m === i) break;
        [hv[m], hv[i]] = [hv[i]!, hv[m]!];
        [hd[m], hd[i]] = [hd[i]!, hd[m]!];
        i = m;
      }
    }
    return top;
  };
  while (hv.length) {
    const [v, d] = pop();
    if (d > dist[v]!) continue;
    each(v, (t, w) => {
      const nd = d + w;
      if (nd < dist[t]!) {
        dist[t] = nd;
        push(t, nd);
      }
    });
  }
  return dist;
}

/** Seconds from `s` to every node of a RoadGraph (Infinity when unreachable), by the default speed table. */
export function dijkstra(g: RoadGraph, s: number, secs = edgeSeconds(g, DEFAULT_ROAD_SPEEDS)): Float64Array {
  return dijkstraAdj(g.nodeCount, s, (v, f) => {
    for (let e = g.first[v]!; e < g.first[v + 1]!; e++) f(g.target[e]!, secs[e]!);
  });
}

/** Graph node index at a coordinate (exact to 1e-7°), or −1. */
export function nodeAt(g: RoadGraph, lon: number, lat: number): number {
  for (let v = 0; v < g.nodeCount; v++)
    if (Math.round(g.lon[v]! * 1e7) === Math.round(lon * 1e7) && Math.round(g.lat[v]! * 1e7) === Math.round(lat * 1e7))
      return v;
  return -1;
}

/** The graph's arrays (no meta), for equality checks between formats. */
export function arraysOf(g: RoadGraph): Record<string, unknown> {
  const { meta: _meta, ...rest } = g;
  return rest;
}
