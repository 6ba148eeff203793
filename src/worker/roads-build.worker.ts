/** Web Worker entry of the road-graph builder (roads-build-host.ts): one build at a time, in order. */
import { buildRoads, type RoadsBuildReply, type RoadsBuildRequest } from './roads-build-host';

const scope = self as unknown as { postMessage(m: RoadsBuildReply, transfer?: Transferable[]): void; addEventListener(t: 'message', l: (e: MessageEvent) => void): void };
let queue = Promise.resolve();
scope.addEventListener('message', (e: MessageEvent) => {
  const req = e.data as RoadsBuildRequest;
  queue = queue.then(() => buildRoads(req, (r, transfer) => scope.postMessage(r, transfer ?? [])));
});
