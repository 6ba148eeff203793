/**
 * The two seams the page's road network rests on, in one place: the graph file reader (src/io/roads/graph-file.ts)
 * and the engine's road API (src/engine/coverage.ts: a graph attached to the engine, per-node minutes of its road
 * search, which units it timed). Thin on purpose.
 */
import type { CoverageEngine } from '../engine/coverage';
import type { RoadGraph } from '../engine/roads/graph';
import type { Service } from '../engine/types';
import { UNIT_MODEL_ROAD } from '../engine/roads/model';
import { readGraphFile } from '../io/roads/graph-file';
import { RoadsError } from '../io/roads/errors';

/** A message in both languages (RoadsError carries both; other errors only their English text). */
export interface BilingualMessage {
  en: string;
  uk: string;
}

export function errorMessage(e: unknown): BilingualMessage {
  if (e instanceof RoadsError) return { en: e.en, uk: e.uk };
  const en = e instanceof Error ? e.message : String(e);
  return { en, uk: en };
}

/**
 * Parses a graph file; throws with the reader's message when it is not one (or is damaged). Bytes on shared memory
 * (see {@link blobToShared}) give a graph whose CSR a helper thread reads in place
 * (src/engine/roads/parallel.ts).
 */
export function readRoadGraphFile(bytes: Uint8Array): RoadGraph {
  return readGraphFile(bytes);
}

/**
 * A blob's bytes on a new SharedArrayBuffer, read chunk by chunk into it: reading the blob whole and copying that
 * into shared memory held the file twice until the first coverage was done.
 */
export async function blobToShared(blob: Blob): Promise<Uint8Array> {
  const out = new Uint8Array(new SharedArrayBuffer(blob.size));
  const reader = blob.stream().getReader();
  let off = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    out.set(r.value, off);
    off += r.value.length;
  }
  return off === out.length ? out : out.subarray(0, off);
}

/** What the page needs of the engine's road model. */
export interface RoadEngine {
  setRoadGraph(graph: RoadGraph | null): void;
  /** Minutes per graph node from the nearest active unit of `service`; Infinity when not reached (a fresh copy). */
  nodeMinutes(service: Service, nodeCount: number): Float32Array;
  /** 1 per demand unit whose time to its nearest unit of `service` is by road, else 0 (a fresh array). */
  unitViaRoad(service: Service): Uint8Array;
}

export function roadEngine(e: CoverageEngine): RoadEngine {
  return {
    setRoadGraph: (g) => e.setRoadGraph(g),
    nodeMinutes: (service, n) => {
      const m = e.roadNodeMinutes(service);
      if (!m) return new Float32Array(n).fill(Infinity);
      const out = new Float32Array(m.length);
      for (let k = 0; k < m.length; k++) out[k] = m[k]!;
      return out;
    },
    unitViaRoad: (service) => {
      const m = e.travelModelOf(service);
      for (let i = 0; i < m.length; i++) m[i] = m[i] === UNIT_MODEL_ROAD ? 1 : 0;
      return m;
    },
  };
}
