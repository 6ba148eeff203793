/**
 * A seeded synthetic road-like graph for tests and benchmarks: NOT real roads. A jittered grid of nodes over a
 * bounding box, links between grid neighbours (some missing, some one-way) classed as minor roads, and every
 * `highwayEvery`-th row and column a through road (trunk / primary) that is never missing. Lengths are the
 * great-circle distance between the end nodes times a small winding factor. Meta source is `synthetic`. Nodes are
 * generated row by row, then renumbered in Hilbert order of (lon, lat) ({@link hilbertOrder}), the order a built
 * graph has, so the bench graph's memory layout is that of a real one: do not rely on grid ids (x + y × nx)
 * unless `hilbert: false`.
 */
import { haversineKm } from '../travel';
import { mulberry32 } from '../synthetic';
import type { RoadGraph } from './graph';
import { hilbertOrder } from './reorder';
import { roadClassIndex } from './speeds';

export interface SyntheticRoadsOptions {
  seed?: number;
  /** [west, south, east, north]; default Ukraine's bounding box. */
  bbox?: [number, number, number, number];
  /** Grid columns and rows (nodes = nx × ny). */
  nx: number;
  ny: number;
  /** Jitter of a node as a share of the grid step (default 0.3). */
  jitter?: number;
  /** Share of minor links left out (default 0.15). */
  dropShare?: number;
  /** Share of minor links that are one-way (default 0.05), direction random. */
  onewayShare?: number;
  /** Every k-th row and column is a through road (default 40; 0 = none). */
  highwayEvery?: number;
  /** Renumber the nodes in Hilbert order (default true); false keeps row-major grid ids (to compare the orders). */
  hilbert?: boolean;
}

const MINOR = ['residential', 'unclassified', 'tertiary', 'secondary', 'track'].map(roadClassIndex);
const MINOR_P = [0.35, 0.3, 0.2, 0.12, 0.03];

/**
 * Builds the graph (CSR, every array typed).
 * @example syntheticRoads({ nx: 1800, ny: 1150 }) // ≈ 2.07 M nodes, ≈ 7 M directed edges over Ukraine's bbox
 */
export function syntheticRoads(opts: SyntheticRoadsOptions): RoadGraph {
  const rnd = mulberry32(opts.seed ?? 1);
  const [w, s, e, n] = opts.bbox ?? [22.1, 44.4, 40.2, 52.4];
  const { nx, ny } = opts;
  const jitter = opts.jitter ?? 0.3;
  const drop = opts.dropShare ?? 0.15;
  const oneway = opts.onewayShare ?? 0.05;
  const hw = opts.highwayEvery ?? 40;
  const N = nx * ny;
  const dx = (e - w) / Math.max(1, nx - 1);
  const dy = (n - s) / Math.max(1, ny - 1);
  const lon = new Float64Array(N);
  const lat = new Float64Array(N);
  for (let y = 0; y < ny; y++)
    for (let x = 0; x < nx; x++) {
      const v = y * nx + x;
      const hx = hw > 0 && x % hw === 0;
      const hy = hw > 0 && y % hw === 0;
      lon[v] = w + x * dx + (hx ? 0 : (rnd() - 0.5) * jitter * dx);
      lat[v] = s + y * dy + (hy ? 0 : (rnd() - 0.5) * jitter * dy);
    }
  // link codes per node: horizontal link to x + 1 and vertical link to y + 1 — 0 none, 1 both ways, 2 forward, 3 back
  const linkH = new Uint8Array(N);
  const linkV = new Uint8Array(N);
  const clsH = new Uint8Array(N);
  const clsV = new Uint8Array(N);
  const pick = (): number => {
    let r = rnd();
    for (let k = 0; k < MINOR.length; k++) {
      if (r < MINOR_P[k]!) return MINOR[k]!;
      r -= MINOR_P[k]!;
    }
    return MINOR[0]!;
  };
  const trunk = roadClassIndex('trunk');
  const primary = roadClassIndex('primary');
  const code = (): number => (rnd() < drop ? 0 : rnd() < oneway ? (rnd() < 0.5 ? 2 : 3) : 1);
  for (let y = 0; y < ny; y++)
    for (let x = 0; x < nx; x++) {
      const v = y * nx + x;
      if (x + 1 < nx) {
        const high = hw > 0 && y % hw === 0;
        linkH[v] = high ? 1 : code();
        clsH[v] = high ? (y % (2 * hw) === 0 ? trunk : primary) : pick();
      }
      if (y + 1 < ny) {
        const high = hw > 0 && x % hw === 0;
        linkV[v] = high ? 1 : code();
        clsV[v] = high ? (x % (2 * hw) === 0 ? trunk : primary) : pick();
      }
    }
  // out-degree per node
  const first = new Uint32Array(N + 1);
  const out = (code: number, forward: boolean): boolean => code === 1 || (forward ? code === 2 : code === 3);
  for (let v = 0; v < N; v++) {
    const x = v % nx;
    let d = 0;
    if (out(linkH[v]!, true)) d++;
    if (x > 0 && out(linkH[v - 1]!, false)) d++;
    if (out(linkV[v]!, true)) d++;
    if (v >= nx && out(linkV[v - nx]!, false)) d++;
    first[v + 1] = first[v]! + d;
  }
  const m = first[N]!;
  const target = new Uint32Array(m);
  const lengthM = new Float32Array(m);
  const cls = new Uint8Array(m);
  const wind = new Float32Array(N * 2);
  for (let k = 0; k < wind.length; k++) wind[k] = 1.05 + rnd() * 0.25;
  let k = 0;
  const put = (v: number, t: number, c: number, f: number): void => {
    target[k] = t;
    cls[k] = c;
    lengthM[k] = 1000 * haversineKm(lon[v]!, lat[v]!, lon[t]!, lat[t]!) * f;
    k++;
  };
  for (let v = 0; v < N; v++) {
    const x = v % nx;
    if (out(linkH[v]!, true)) put(v, v + 1, clsH[v]!, wind[2 * v]!);
    if (x > 0 && out(linkH[v - 1]!, false)) put(v, v - 1, clsH[v - 1]!, wind[2 * (v - 1)]!);
    if (out(linkV[v]!, true)) put(v, v + nx, clsV[v]!, wind[2 * v + 1]!);
    if (v >= nx && out(linkV[v - nx]!, false)) put(v, v - nx, clsV[v - nx]!, wind[2 * (v - nx) + 1]!);
  }
  const graph: RoadGraph = {
    nodeCount: N,
    edgeCount: m,
    lon,
    lat,
    first,
    target,
    lengthM,
    cls,
    maxspeed: new Uint8Array(m),
    flags: new Uint8Array(m),
    shapeStart: new Uint32Array(m + 1),
    shapeLon: new Float64Array(0),
    shapeLat: new Float64Array(0),
    meta: {
      source: 'synthetic',
      osmTimestamp: '',
      builtAt: '',
      licence: 'synthetic (not OpenStreetMap data)',
      counts: { nodes: N, edges: m },
    },
  };
  return opts.hilbert === false ? graph : hilbertOrder(graph);
}
