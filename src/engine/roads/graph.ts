/**
 * The road graph the engine searches: a directed graph in CSR form (outgoing edges of node v are
 * `first[v] … first[v + 1] − 1`), built from OpenStreetMap by src/io/roads (see docs/road-graph.md for the file).
 * Chains of degree-2 nodes are contracted only where class, maxspeed, flags and oneway agree along the chain, so
 * an edge's travel time can be recomputed exactly from its length and attributes under any speed table
 * ({@link edgeSeconds} in ./speeds).
 *
 * Coordinates are WGS84 degrees (decoded from the file's 1e-7 fixed point). Edge geometry (for drawing) is kept in
 * `shapeStart`/`shapeLon`/`shapeLat`: edge e's interior points are `shapeStart[e] … shapeStart[e + 1] − 1`, from
 * its source to its target (the end nodes themselves are not repeated).
 */
export interface RoadGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** CSR offsets, length nodeCount + 1. */
  readonly first: Uint32Array;
  /** Target node of each edge. */
  readonly target: Uint32Array;
  /** Edge length along the road, metres. */
  readonly lengthM: Float32Array;
  /** Highway class of each edge: an index into ROAD_CLASSES (./speeds). */
  readonly cls: Uint8Array;
  /** OSM maxspeed in km/h, 0 when not tagged or not numeric. */
  readonly maxspeed: Uint8Array;
  /** Bit flags: ROAD_FLAG_BUILT_UP, ROAD_FLAG_EXPLICIT_SPEED. */
  readonly flags: Uint8Array;
  readonly shapeStart: Uint32Array;
  readonly shapeLon: Float64Array;
  readonly shapeLat: Float64Array;
  readonly meta: RoadGraphMeta;
}

/** Edge is in a built-up area (OSM `maxspeed`/`zone:maxspeed`/`source:maxspeed` = UA:urban, or a built-up class). */
export const ROAD_FLAG_BUILT_UP = 1;
/**
 * The edge's `maxspeed` is an explicit speed given with the input (GeoJSON `speed_kmh`): it is the edge's speed,
 * replacing the class speed (not capped by it, no built-up factor).
 */
export const ROAD_FLAG_EXPLICIT_SPEED = 2;

export interface RoadGraphMeta {
  /** File name the graph was built from. */
  readonly source: string;
  /** OSM replication timestamp of the extract (ISO 8601), '' when the file has none. */
  readonly osmTimestamp: string;
  /** When the graph was built (ISO 8601). */
  readonly builtAt: string;
  readonly licence: string;
  /** Counts reported by the builder: ways read, ways kept, missing node references skipped, … */
  readonly counts: Readonly<Record<string, number>>;
}

/** The part of a RoadGraph the searches read (CSR offsets and targets). */
export type RoadCsr = Pick<RoadGraph, 'nodeCount' | 'edgeCount' | 'first' | 'target'>;
