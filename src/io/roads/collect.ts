/**
 * What the builder keeps between the passes, in flat typed arrays: the drivable ways (attributes and node refs) and
 * then the coordinates of only the nodes they use. Pass 1 (ways) collects refs as OSM ids; `resolveNodes` sorts
 * the distinct ids once and turns refs into node indices; pass 2 (nodes) fills the coordinates of the ids found.
 * Memory scales with the road network, not the file.
 */
import { ROAD_CLASSES, type RoadClass } from '../../engine/roads/speeds';
import { growF64, growU32, growU8, type Grow } from './growable';
import type { OsmHandler, OsmTags } from './osm';
import { maybeDrivable, ONEWAY_SKIP, wayAttrs } from './tags';

export interface RoadWays {
  /** Ways: refs of way w are refs[refStart[w] … refStart[w + 1] − 1] (node indices). */
  readonly refStart: Uint32Array;
  readonly refs: Uint32Array;
  readonly cls: Uint8Array;
  readonly maxspeed: Uint8Array;
  readonly flags: Uint8Array;
  /** 1 forward, 255 (−1) backward, 0 both. */
  readonly oneway: Uint8Array;
  /** Node coordinates, 1e-7 degrees; `found[i]` = 0 where the file had no such node. */
  readonly lonE7: Int32Array;
  readonly latE7: Int32Array;
  readonly found: Uint8Array;
  readonly counts: Record<string, number>;
}

/** Pass 1: collects drivable ways. */
export class WayCollector {
  readonly refStart: Grow<Uint32Array> = growU32();
  readonly refIds: Grow<Float64Array> = growF64(1 << 16);
  readonly cls = growU8();
  readonly maxspeed = growU8();
  readonly flags = growU8();
  readonly oneway = growU8();
  readonly counts: Record<string, number> = { ways_drivable: 0, ways_reversible_skipped: 0 };

  private readonly allowed: Uint8Array | null;

  constructor(
    private readonly explicitSpeed = false,
    classes?: readonly RoadClass[],
  ) {
    this.refStart.push(0);
    this.allowed = classes ? Uint8Array.from(ROAD_CLASSES, (c) => (classes.includes(c) ? 1 : 0)) : null;
  }

  handler(extra?: Partial<OsmHandler>): OsmHandler {
    return {
      ...extra,
      wayFilter: (tags) => maybeDrivable(tags, this.explicitSpeed),
      way: (_id, tags, refs, n) => this.addWay(tags, refs, n),
    };
  }

  /** Adds one way; refs are OSM ids (or, for GeoJSON, node indices — see `resolveNodes`). */
  addWay(tags: OsmTags, refs: ArrayLike<number>, n: number): void {
    const a = wayAttrs(tags, this.explicitSpeed);
    if (!a || (this.allowed && !this.allowed[a.cls])) return;
    this.counts['ways_drivable']!++;
    if (a.oneway === ONEWAY_SKIP) {
      this.counts['ways_reversible_skipped']!++;
      return;
    }
    for (let i = 0; i < n; i++) this.refIds.push(refs[i]!);
    this.refStart.push(this.refIds.n);
    this.cls.push(a.cls);
    this.maxspeed.push(a.maxspeed);
    this.flags.push(a.flags);
    this.oneway.push(a.oneway & 0xff);
  }
}

/** Sorted distinct ids of `refs` and each ref's index among them. */
export function resolveNodes(refs: Float64Array): { ids: Float64Array; index: Uint32Array } {
  const sorted = refs.slice().sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  const ids = sorted.slice(0, n);
  const index = new Uint32Array(refs.length);
  for (let i = 0; i < refs.length; i++) index[i] = lowerBound(ids, refs[i]!, 0, n);
  return { ids, index };
}

function lowerBound(a: Float64Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Pass 2: looks up each node of the file among the needed ids (a cursor that gallops forward, since extracts are
 * sorted by id; a binary search otherwise) and keeps its coordinates.
 */
export class NodeCollector {
  readonly lonE7: Int32Array;
  readonly latE7: Int32Array;
  readonly found: Uint8Array;
  nodesRead = 0;
  private cur = 0;

  constructor(private readonly ids: Float64Array) {
    this.lonE7 = new Int32Array(ids.length);
    this.latE7 = new Int32Array(ids.length);
    this.found = new Uint8Array(ids.length);
  }

  node = (id: number, lon: number, lat: number): void => {
    this.nodesRead++;
    const ids = this.ids;
    const n = ids.length;
    let i = this.cur;
    if (i < n && ids[i]! < id) {
      let step = 1;
      let hi = i + 1;
      while (hi < n && ids[hi]! < id) {
        i = hi;
        step *= 2;
        hi = i + step;
      }
      i = lowerBound(ids, id, i, Math.min(hi, n));
    } else if (i >= n || ids[i]! > id) {
      if (i > 0 && ids[i - 1]! >= id) i = lowerBound(ids, id, 0, i);
    }
    this.cur = i;
    if (i < n && ids[i] === id) {
      this.lonE7[i] = Math.round(lon * 1e7);
      this.latE7[i] = Math.round(lat * 1e7);
      this.found[i] = 1;
    }
  };
}
