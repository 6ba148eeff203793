/**
 * The one callback interface of the three OSM readers (PBF, XML; GeoJSON goes straight to the builder): a reader
 * calls `header` once, then `node` and `way` in file order. Readers are fed chunk by chunk (`push`) and keep only
 * the current block or element, so memory does not grow with the file.
 */
export type OsmTags = Record<string, string>;

export interface OsmHeader {
  /** Replication timestamp (ISO 8601), '' when the file has none. */
  readonly timestamp: string;
  /** [west, south, east, north] in degrees, or null. */
  readonly bbox: readonly [number, number, number, number] | null;
  readonly generator: string;
}

export interface OsmHandler {
  header?(h: OsmHeader): void;
  /**
   * Every node (omit to skip nodes, which PBF then does not decode). `tags` is null unless `nodeTags` is set and the
   * node has tags.
   */
  node?(id: number, lon: number, lat: number, tags: OsmTags | null): void;
  /** Decode node tags (slower; only for facility extraction). */
  readonly nodeTags?: boolean;
  /**
   * Every way whose tags pass `wayFilter` (omit `way` to skip ways). `refs` is a reused buffer: copy what you keep,
   * `refs[0 … refCount − 1]`.
   */
  way?(id: number, tags: OsmTags, refs: Float64Array, refCount: number): void;
  /** Ways failing this are not handed over (their refs are not decoded). */
  wayFilter?(tags: OsmTags): boolean;
  /**
   * When set, ways with none of these keys are skipped before their tags are decoded (PBF; most ways of an extract
   * are buildings, so the road pass asks for `highway` only).
   */
  readonly wayKeys?: readonly string[];
}

/** A streaming reader: push chunks in order, then end() (which throws on a truncated file). */
export interface OsmStreamReader {
  push(chunk: Uint8Array): void;
  end(): void;
}
