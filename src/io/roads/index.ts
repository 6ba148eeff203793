/**
 * The road-graph builder (issue 13 point 1): OSM PBF / OSM XML / GeoJSON road lines → RoadGraph → `.graph` file.
 * Pure TS, for the CLI (`npm run roads`, src/cli/roads.ts) and the import worker. See docs/road-graph.md.
 */
export { buildRoadGraph, readOsm, OSM_LICENCE, type BuildOptions, type BuiltRoads, type RoadsProgress } from './build';
export { readGraphFile, writeGraphFile, GRAPH_VERSION } from './graph-file';
export { ROADS_DROP_MAX_BYTES, GEOJSON_MAX_BYTES } from './limits';
export { RoadsError, type RoadsErrorCode } from './errors';
export type { RoadSource, RoadFormat, ChunkStream } from './source';
export type { OsmHandler, OsmHeader, OsmTags } from './osm';
export { parseMaxspeed, wayAttrs } from './tags';
import { buildRoadGraph } from './build';
import { writeGraphFile } from './graph-file';
import { ROADS_DROP_MAX_BYTES } from './limits';

/**
 * For the import worker: builds the graph file of a dropped file (a Blob or its bytes), reporting progress as a
 * fraction 0…1 (pass 1 is the first half, pass 2 the second). Refuses files over ROADS_DROP_MAX_BYTES.
 */
export async function buildRoadGraphFile(
  file: Blob | Uint8Array,
  fileName: string,
  onProgress?: (fraction: number) => void,
): Promise<Uint8Array> {
  const size = file instanceof Uint8Array ? file.byteLength : file.size;
  const src = {
    name: fileName,
    size,
    open: () => (file instanceof Uint8Array ? oneChunk(file) : file.stream()),
  };
  const { graph } = await buildRoadGraph(src, {
    maxBytes: ROADS_DROP_MAX_BYTES,
    onProgress: (p) =>
      onProgress?.(
        p.phase === 'build' ? 1 : Math.min(1, (p.phase === 'nodes' ? 0.5 : 0) + (0.5 * p.bytes) / Math.max(1, size)),
      ),
  });
  return writeGraphFile(graph);
}

async function* oneChunk(b: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < b.length; i += 1 << 20) yield b.subarray(i, i + (1 << 20));
}
