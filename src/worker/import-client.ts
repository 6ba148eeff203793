/**
 * Page side of the import worker (import.worker.ts): typed promises over its messages.
 * @example const c = new ImportClient(createImportWorker(geoBase)); const p = await c.import({ file, fileName: file.name, kind: null, facilityIds });
 */
import type { ImportMessage, ImportPreview, ImportReply, ImportRequest } from './import-host';

type Body = ImportMessage extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

/** Starts the import worker; `geoBase` is the absolute URL of the bundled data folder (e.g. `…/geo/`). */
export function createImportWorker(geoBase: string): Worker {
  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: geoBase });
}

/** What the client needs of a Worker (a real one, or an in-process fake in tests). */
export interface ImportWorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  terminate(): void;
}

export class ImportClient {
  private next = 1;
  private readonly pending = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void; parts: unknown[][] }>();

  constructor(private readonly worker: ImportWorkerLike) {
    worker.addEventListener('message', (e: MessageEvent) => {
      const m = e.data as ImportReply;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.ok && 'part' in m) {
        p.parts.push(m.part);
        return;
      }
      this.pending.delete(m.id);
      if (!m.ok) p.fail(new Error(m.error));
      else if (p.parts.length > 0) p.ok(([] as unknown[]).concat(...p.parts, m.payload as unknown[]));
      else p.ok(m.payload);
    });
  }

  private send<T>(body: Body): Promise<T> {
    const id = this.next++;
    return new Promise<T>((ok, fail) => {
      this.pending.set(id, { ok: ok as (v: unknown) => void, fail, parts: [] });
      this.worker.postMessage({ ...body, id });
    });
  }

  /** Parses a file in the worker; answers with a preview (the rows stay in the worker). */
  import(req: ImportRequest): Promise<ImportPreview> {
    return this.send({ type: 'import', req });
  }

  /** The accepted rows of a previewed import (they come in ROWS_CHUNK-row messages, each unpacked in its own task). */
  rows<T>(token: number): Promise<T[]> {
    return this.send({ type: 'rows', token });
  }

  /** The rejected rows as CSV text (UTF-8 BOM). */
  rejectedCsv(token: number): Promise<string> {
    return this.send({ type: 'rejectedCsv', token });
  }

  /** Forgets a previewed import. */
  drop(token: number): Promise<true> {
    return this.send({ type: 'drop', token });
  }

  terminate(): void {
    for (const p of this.pending.values()) p.fail(new Error('import worker stopped'));
    this.pending.clear();
    this.worker.terminate();
  }
}
