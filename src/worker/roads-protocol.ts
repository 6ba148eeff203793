/**
 * The road network's messages to the coverage worker, added to its protocol by declaration merging (protocol.ts):
 * load a graph file (its ArrayBuffer transferred, parsed in the worker), clear it, and read what the page draws and
 * labels — per-node minutes of the road search, the edges' paths and which units the road model timed.
 * Handlers: roads-handlers.ts (registered in host.ts).
 */
import type { Service } from '../engine/types';
import type { Summary } from './protocol';

/** What the page shows of a loaded graph (header of the graph file and its counts). */
export interface RoadGraphInfo {
  /** The file the user gave (or `roads.graph` from the page's own folder). */
  fileName: string;
  /** Size of the graph file, bytes. */
  bytes: number;
  nodeCount: number;
  edgeCount: number;
  /** File the graph was built from (graph header). */
  source: string;
  /** OSM replication timestamp of the extract (ISO 8601), '' when unknown. */
  osmTimestamp: string;
  builtAt: string;
  licence: string;
  counts: Readonly<Record<string, number>>;
  /**
   * Threads the full road searches may use: 2 when the page is cross-origin isolated and the coverage worker started
   * its helper (src/engine/roads/parallel.ts), else 1. Absent from infos made before it existed.
   */
  searchThreads?: 1 | 2;
}

/**
 * A graph file (src/io/roads/graph-file.ts): its bytes transferred (a graph the import worker built), a File the user
 * dropped (a reference, read here), or a URL on the page's own origin (public/geo/roads.graph) fetched here. Either way
 * the page never parses it.
 */
export type LoadRoadGraphRequest = { fileName: string } & ({ buffer: ArrayBuffer } | { blob: Blob } | { url: string });

/** Per-node minutes of the road search for one service (node order of the graph), transferred. */
export interface RoadNodeMinutes {
  /** Engine version the minutes belong to (Summary.version). */
  version: number;
  service: Service;
  /** Minutes from the nearest active unit (turnout included) per graph node; Infinity when not reached. */
  minutes: Float32Array;
}

/**
 * The graph's roads as open paths for a deck.gl PathLayer with binary attributes: each two-way road once (u→v and
 * its reverse v→u drawn as one path), with its shape points. Per vertex, the graph nodes it lies between and how far
 * along (0 at `a`, 1 at `b`), so the page colours vertices from node minutes without the graph.
 */
export interface RoadPaths {
  pathCount: number;
  /** Start of path k in vertices (length pathCount + 1). */
  startIndices: Uint32Array;
  /** lon, lat per vertex. */
  positions: Float32Array;
  vertexA: Uint32Array;
  vertexB: Uint32Array;
  /** 0 … 1 along the edge from node a to node b. */
  vertexT: Float32Array;
  /** Bounding box of the graph: west, south, east, north. */
  bbox: [number, number, number, number];
  /** Roads of the minor classes left out to keep the layer light (roads-paths.ts ROADS_MAX_PATHS). */
  omittedPaths: number;
}

/** Which model timed each demand unit's time to its nearest unit of `service` (DemandTable order). */
export interface RoadUnitModels {
  version: number;
  service: Service;
  /**
   * 1: the road network; 0: straight line × detour (no graph, the unit or its nearest facility off the graph or
   * farther than the snap distance, or a listed pair of the user's matrix).
   */
  viaRoad: Uint8Array;
  /** Units timed by the road network. */
  roadCount: number;
}

declare module './protocol' {
  interface WorkerMessages {
    /** A file that is not a graph (or is damaged) answers with `error`, in both languages, rather than failing. */
    loadRoadGraph: [LoadRoadGraphRequest, { info: RoadGraphInfo; summary: Summary } | { error: { en: string; uk: string } }];
    clearRoadGraph: [Record<string, never>, Summary];
    roadNodeMinutes: [{ service: Service }, RoadNodeMinutes];
    roadPaths: [Record<string, never>, RoadPaths];
    roadUnitModels: [{ service: Service }, RoadUnitModels];
  }
}
