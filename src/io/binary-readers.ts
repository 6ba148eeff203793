/**
 * The readers of binary formats, loaded on demand (./binary.ts): XLSX (./xlsx.ts), zipped shapefiles
 * (./shapefile.ts) and KML/KMZ (./kml.ts). The CLI calls `registerBinaryReaders()` once; the import worker imports
 * this module dynamically when a file needs it.
 */
import { setBinaryReader, type BinaryReader } from './binary-registry';
import { readKmlText, readKmz } from './kml';
import { readShapefileZip } from './shapefile';
import { readXlsx } from './xlsx';

/** Reads one binary format; never throws (the caller catches anyway). */
export const readBinary: BinaryReader = (input, fileName, format, opts) => {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  switch (format) {
    case 'xlsx':
      return readXlsx(bytes, fileName, opts);
    case 'shapefile':
      return readShapefileZip(bytes, fileName);
    case 'kmz':
      return readKmz(bytes, fileName);
    case 'kml':
      return readKmlText(input, fileName, 'kml');
  }
};

/** Makes the importers read XLSX, zipped shapefiles and KML/KMZ. Idempotent. */
export function registerBinaryReaders(): void {
  setBinaryReader(readBinary);
}
