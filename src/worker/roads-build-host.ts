/**
 * The road-graph builder off the main thread: a roads file the user dropped (OSM XML, OSM PBF or GeoJSON
 * LineStrings, up to ROADS_DROP_MAX_BYTES of src/io/roads/limits.ts) is read and built into a graph file by src/io/roads, with progress; the
 * graph file's buffer goes back transferred, for the page to hand on (transferred again) to the coverage worker.
 * Kept apart from the worker entry (roads-build.worker.ts) so it runs in Node tests.
 */
import { buildRoadGraphFile } from '../io/roads';
import { errorMessage, type BilingualMessage } from './roads-graph-io';

export interface RoadsBuildRequest {
  id: number;
  /** The file (read here) or its bytes. */
  file: Blob | Uint8Array;
  fileName: string;
}

/** Worker → page: progress (0…1) of request `id`, then its graph file or an error. */
export type RoadsBuildReply =
  | { id: number; type: 'progress'; fraction: number }
  | { id: number; type: 'done'; buffer: ArrayBuffer }
  | { id: number; type: 'error'; message: BilingualMessage };

/** Builds the graph file of one request, reporting progress through `post`. */
export async function buildRoads(req: RoadsBuildRequest, post: (r: RoadsBuildReply, transfer?: Transferable[]) => void): Promise<void> {
  try {
    // streamed from the Blob (read twice by the builder), never whole in memory; over ROADS_DROP_MAX_BYTES refused
    let last = -1;
    const out = await buildRoadGraphFile(req.file, req.fileName, (fraction) => {
      // at most one message per percent
      if (Math.floor(fraction * 100) === last) return;
      last = Math.floor(fraction * 100);
      post({ id: req.id, type: 'progress', fraction });
    });
    const buffer = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength && out.buffer instanceof ArrayBuffer ? out.buffer : out.slice().buffer;
    post({ id: req.id, type: 'done', buffer }, [buffer]);
  } catch (e) {
    post({ id: req.id, type: 'error', message: errorMessage(e) });
  }
}
