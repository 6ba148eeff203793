/**
 * The coverage worker's road-network handlers (messages in roads-protocol.ts): the graph file's buffer arrives
 * transferred and is parsed here, so a 100 MB graph never costs the page a long task; the engine gets the graph
 * (its road search runs when ModelParams.travelModel is 'road'); the page asks for drawable paths, per-node minutes
 * and which units the road model timed. Registered in host.ts beside the built-in handlers.
 */
import type { CoverageEngine } from '../engine/coverage';
import type { RoadGraph } from '../engine/roads/graph';
import type { RequestOf, ResponseOf, Summary } from './protocol';
import { blobToShared, errorMessage, readRoadGraphFile, roadEngine } from './roads-graph-io';
import { roadPaths } from './roads-paths';
import type { LoadRoadGraphRequest, RoadGraphInfo, RoadPaths } from './roads-protocol';
import { sharedBytes, type SearchThread } from '../engine/roads/parallel';

type RoadMessage = 'loadRoadGraph' | 'clearRoadGraph' | 'roadNodeMinutes' | 'roadPaths' | 'roadUnitModels';

/** The part of host.ts's HostContext these handlers use (not imported: host.ts imports this module). */
export interface RoadsContext {
  engine(): CoverageEngine;
  bump(): number;
  summary(): Summary;
}

export type RoadsHandlers = { [K in RoadMessage]: (req: RequestOf<K>, ctx: RoadsContext) => ResponseOf<K> | Promise<ResponseOf<K>> };

/** The graph held by one coverage worker (kept across `init`, which builds a new engine). */
interface RoadState {
  graph: RoadGraph | null;
  info: RoadGraphInfo | null;
  paths: RoadPaths | null;
  /** The engine the graph was last given to. */
  attachedTo: CoverageEngine | null;
  /** The helper thread the engine's full road searches share, made when the first graph starts loading (or null). */
  thread: SearchThread | null;
}

/** The engine, with the graph attached if it is a new one (after `init`). */
function engineWithGraph(s: RoadState, ctx: RoadsContext): CoverageEngine {
  const e = ctx.engine();
  if (s.attachedTo !== e) {
    e.useSearchThread(s.thread);
    roadEngine(e).setRoadGraph(s.graph);
    s.attachedTo = e;
  }
  return e;
}

/**
 * The graph file's bytes, whichever way they came; with `shared`, on shared memory for the helper thread: a blob is
 * read straight into it, a fetched or transferred buffer copied (the copy alone is kept once this returns).
 */
async function graphBytes(req: LoadRoadGraphRequest, shared: boolean): Promise<Uint8Array> {
  if (shared && 'blob' in req) return blobToShared(req.blob);
  const bytes = new Uint8Array(await graphBuffer(req));
  return shared ? sharedBytes(bytes) : bytes;
}

async function graphBuffer(req: LoadRoadGraphRequest): Promise<ArrayBuffer> {
  if ('buffer' in req) return req.buffer;
  if ('blob' in req) return req.blob.arrayBuffer();
  const r = await fetch(req.url);
  if (!r.ok) throw new Error(`${req.fileName}: HTTP ${r.status}`);
  return r.arrayBuffer();
}

/**
 * Handlers for loadRoadGraph, clearRoadGraph, roadNodeMinutes, roadPaths and roadUnitModels.
 * @param searchThread makes (once) the helper thread of src/engine/roads/parallel.ts, or gives null where memory
 *   cannot be shared: the road model then searches its two services one after the other.
 */
export function roadsHandlers(searchThread: () => SearchThread | null = () => null): RoadsHandlers {
  const s: RoadState = { graph: null, info: null, paths: null, attachedTo: null, thread: null };
  return {
    loadRoadGraph: async (req, ctx) => {
      let bytes: Uint8Array;
      let graph: RoadGraph;
      // the helper starts while the file is read and parsed, so it is listening by the first search
      s.thread ??= searchThread();
      try {
        bytes = await graphBytes(req, s.thread !== null);
        graph = readRoadGraphFile(bytes);
      } catch (e) {
        return { error: errorMessage(e) };
      }
      const m = graph.meta;
      const info: RoadGraphInfo = {
        fileName: req.fileName,
        bytes: bytes.byteLength,
        nodeCount: graph.nodeCount,
        edgeCount: graph.edgeCount,
        source: m.source,
        osmTimestamp: m.osmTimestamp,
        builtAt: m.builtAt,
        licence: m.licence,
        counts: m.counts,
        searchThreads: s.thread ? 2 : 1,
      };
      s.graph = graph;
      s.info = info;
      s.paths = null;
      const e = ctx.engine();
      e.useSearchThread(s.thread);
      roadEngine(e).setRoadGraph(graph);
      s.attachedTo = e;
      ctx.bump();
      return { info, summary: ctx.summary() };
    },
    clearRoadGraph: (_req, ctx) => {
      s.graph = null;
      s.info = null;
      s.paths = null;
      const e = ctx.engine();
      roadEngine(e).setRoadGraph(null);
      s.attachedTo = e;
      ctx.bump();
      return ctx.summary();
    },
    roadPaths: () => {
      if (!s.graph) throw new Error('No road graph is loaded.');
      s.paths ??= roadPaths(s.graph);
      const p = s.paths;
      // copies: the kept ones stay for the next request (the response's buffers are transferred)
      return {
        pathCount: p.pathCount,
        startIndices: p.startIndices.slice(),
        positions: p.positions.slice(),
        vertexA: p.vertexA.slice(),
        vertexB: p.vertexB.slice(),
        vertexT: p.vertexT.slice(),
        bbox: p.bbox,
        omittedPaths: p.omittedPaths,
      };
    },
    roadNodeMinutes: (req, ctx) => {
      const e = engineWithGraph(s, ctx);
      const minutes = roadEngine(e).nodeMinutes(req.service, s.graph?.nodeCount ?? 0);
      return { version: ctx.summary().version, service: req.service, minutes };
    },
    roadUnitModels: (req, ctx) => {
      const e = engineWithGraph(s, ctx);
      const viaRoad = roadEngine(e).unitViaRoad(req.service);
      let roadCount = 0;
      for (let i = 0; i < viaRoad.length; i++) roadCount += viaRoad[i]!;
      return { version: ctx.summary().version, service: req.service, viaRoad, roadCount };
    },
  };
}
