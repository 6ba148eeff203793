/** Page side of the road-graph builder worker (roads-build-host.ts): one promise per build, with progress. */
import type { RoadsBuildReply } from './roads-build-host';

/** Anything Worker-like (a real Worker, or a fake in tests). */
export interface RoadsBuildWorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  terminate(): void;
}

/** Starts the builder's module worker (browser only). */
export function createRoadsBuildWorker(): Worker {
  return new Worker(new URL('./roads-build.worker.ts', import.meta.url), { type: 'module' });
}

export class RoadsBuildClient {
  private next = 1;
  private readonly pending = new Map<number, { ok: (b: ArrayBuffer) => void; fail: (e: Error) => void; progress?: (f: number) => void }>();

  constructor(private readonly worker: RoadsBuildWorkerLike) {
    worker.addEventListener('message', (e: MessageEvent) => {
      const m = e.data as RoadsBuildReply;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') return p.progress?.(m.fraction);
      this.pending.delete(m.id);
      if (m.type === 'done') p.ok(m.buffer);
      else p.fail(Object.assign(new Error(m.message.en), { uk: m.message.uk }));
    });
  }

  /** Builds a graph file from a roads file (OSM XML / PBF / GeoJSON); resolves with its bytes (transferred). */
  build(file: Blob, fileName: string, onProgress?: (fraction: number) => void): Promise<ArrayBuffer> {
    const id = this.next++;
    return new Promise((ok, fail) => {
      this.pending.set(id, { ok, fail, ...(onProgress ? { progress: onProgress } : {}) });
      this.worker.postMessage({ id, file, fileName });
    });
  }

  terminate(): void {
    for (const p of this.pending.values()) p.fail(new Error('road builder stopped'));
    this.pending.clear();
    this.worker.terminate();
  }
}
