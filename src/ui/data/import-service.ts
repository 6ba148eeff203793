/** The page's one import worker, started on first use and kept for the page's life. */
import { createImportWorker, ImportClient } from '../../worker/import-client';

let client: ImportClient | null = null;

/** The shared ImportClient (its worker fetches ./geo/ relative to the page to build the import context). */
export function importClient(): ImportClient {
  client ??= new ImportClient(createImportWorker(new URL('geo/', document.baseURI).href));
  return client;
}
