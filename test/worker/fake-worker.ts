/**
 * An in-process Worker pair (as maplibre's test/unit/lib/web_worker_mock.ts): messages are structured-cloned with
 * their transfer lists and delivered on a later macrotask, like a real worker.
 */
import type { MessagePort_ } from '../../src/worker/protocol';
import type { WorkerLike } from '../../src/worker/client';

type Listener = (event: MessageEvent) => void;

class End implements MessagePort_ {
  other!: End;
  listeners = new Set<Listener>();
  terminated = false;
  posted = 0;
  postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (this.terminated) return;
    this.posted++;
    const data = structuredClone(message, { transfer: transfer as Transferable[] as never });
    const target = this.other;
    setTimeout(() => {
      if (target.terminated) return;
      for (const l of target.listeners) l({ data } as MessageEvent);
    }, 0);
  }
  addEventListener(_type: 'message', l: Listener): void {
    this.listeners.add(l);
  }
  removeEventListener(_type: 'message', l: Listener): void {
    this.listeners.delete(l);
  }
}

/** `worker` for the client, `scope` for the host. */
export function fakeWorkerPair(): { worker: WorkerLike & { posted: number }; scope: MessagePort_ & { posted: number } } {
  const a = new End();
  const b = new End();
  a.other = b;
  b.other = a;
  const worker = Object.assign(a, {
    terminate() {
      a.terminated = true;
      b.terminated = true;
    },
  });
  return { worker, scope: b };
}
