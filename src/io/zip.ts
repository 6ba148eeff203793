/**
 * ZIP archives (XLSX workbooks, zipped shapefiles, KMZ) unpacked with fflate, with a limit on the unpacked size so a
 * small archive cannot expand into gigabytes in the worker.
 */
import { unzipSync } from 'fflate';
import type { FileError } from './types';

/** Largest unpacked size of the entries read from one archive (400 MB). */
export const MAX_UNZIPPED_BYTES = 400 * 1024 * 1024;

/**
 * Unpack the entries `want` accepts (by lower-case name), or say why not.
 * @example unzip(bytes, 'a.zip', (n) => n.endsWith('.shp'))
 */
export function unzip(bytes: Uint8Array, fileName: string, want: (lowerName: string) => boolean): Record<string, Uint8Array> | FileError {
  let total = 0;
  let tooBig = '';
  try {
    const files = unzipSync(bytes, {
      filter: (f) => {
        const name = f.name.toLowerCase();
        if (name.startsWith('__macosx/') || name.endsWith('/') || !want(name)) return false;
        total += f.originalSize;
        if (total > MAX_UNZIPPED_BYTES) {
          tooBig = f.name;
          return false;
        }
        return true;
      },
    });
    if (tooBig) {
      return {
        code: 'too_large',
        detail: `${fileName}: unpacked, the archive is over ${MAX_UNZIPPED_BYTES / 1048576} MB (at ${tooBig})`,
      };
    }
    return files;
  } catch (e) {
    return {
      code: 'damaged_file',
      detail: `${fileName}: the ZIP archive cannot be unpacked (${e instanceof Error ? e.message : String(e)})`,
    };
  }
}
