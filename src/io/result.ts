/** The never-throw guard shared by the importers, and the file-error test. */
import type { FileError, FileKind, ImportResult } from './types';

/**
 * Run an importer body; any exception (a bug, or an engine running out of memory) becomes a file-level error
 * instead of escaping to the UI or worker.
 */
export function guard<T>(fileName: string, kind: FileKind | null, body: () => ImportResult<T>): ImportResult<T> {
  try {
    return body();
  } catch (e) {
    return {
      fileName,
      kind,
      fileError: {
        code: 'not_csv_or_geojson',
        detail: `${fileName} could not be read: ${e instanceof Error ? e.message : String(e)}`,
      },
      rows: [],
      rejected: [],
      flagged: [],
      detected: {},
    };
  }
}

/** Whether a reader's answer is a file error (not rows, features or text). */
export function isFileError(x: unknown): x is FileError {
  return typeof x === 'object' && x !== null && 'code' in x && 'detail' in x && !('parsed' in x);
}
