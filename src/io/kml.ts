/**
 * KML and KMZ (Google Earth) → GeoJSON features with @tmcw/togeojson over an @xmldom/xmldom document (no DOM in a
 * worker or in Node). Placemark names become the `name` property, ExtendedData Data / SimpleData fields become
 * properties (columns), the description the note. A MultiGeometry of Points or Polygons alone becomes a Point or a
 * MultiPolygon. Feature numbers (the row numbers of messages) are the Placemarks' order in the file. Never throws.
 */
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { Feature, Geometry, Polygon } from 'geojson';
import { isFileError } from './result';
import { decodeBytes } from './text';
import type { FileError, ParsedFeatures } from './types';
import { unzip } from './zip';

/** KML bytes → text: a BOM or the XML declaration's encoding decides, else UTF-8 (Windows-1251 if not valid). */
function kmlText(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (declared && !/^utf-?8$/.test(declared) && bytes[0] !== 0xef && bytes[0] !== 0xff && bytes[0] !== 0xfe) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // an encoding TextDecoder does not know: fall back to detection
    }
  }
  return decodeBytes(bytes).text;
}

/** A GeometryCollection of Points only (one) or Polygons only, as a Point or MultiPolygon; else as it is. */
function simplify(g: Geometry | null): Geometry | null {
  if (!g || g.type !== 'GeometryCollection') return g;
  const parts = g.geometries;
  if (parts.length === 1 && parts[0]?.type === 'Point') return parts[0];
  if (parts.length > 0 && parts.every((p) => p.type === 'Polygon' || p.type === 'MultiPolygon')) {
    const polys = parts.flatMap((p) => (p.type === 'Polygon' ? [p.coordinates] : (p as { coordinates: Polygon['coordinates'][] }).coordinates));
    return { type: 'MultiPolygon', coordinates: polys };
  }
  return g;
}

/**
 * Read KML text (or bytes) into features.
 * @example readKmlText('<kml>…</kml>', 'units.kml').features.length
 */
export function readKmlText(input: Uint8Array | string, fileName: string, format: 'kml' | 'kmz' = 'kml'): ParsedFeatures | FileError {
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : kmlText(input);
  const errors: string[] = [];
  let features: Feature[];
  try {
    const doc = new DOMParser({
      onError: (level: string, msg: string) => {
        if (level !== 'warning') errors.push(msg);
      },
    }).parseFromString(text, 'text/xml');
    if (errors.length > 0) throw new Error(errors[0]);
    if (!doc.documentElement || !/(^|:)kml$/i.test(doc.documentElement.nodeName)) {
      return { code: 'not_csv_or_geojson', detail: `${fileName}: XML but not KML (the root element is <${doc.documentElement?.nodeName ?? ''}>)` };
    }
    features = kml(doc as unknown as Document).features as Feature[];
  } catch (e) {
    return {
      code: 'damaged_file',
      detail: `${fileName}: the KML cannot be parsed (${(e instanceof Error ? e.message : String(e)).split('\n')[0]?.slice(0, 200)})`,
    };
  }
  if (features.length === 0) return { code: 'empty', detail: `${fileName}: the KML has no Placemarks` };
  return {
    parsed: 'features',
    format,
    features: features.map((f) => ({ type: 'Feature', geometry: simplify(f.geometry), properties: f.properties ?? {} })),
  };
}

/**
 * Read a KMZ (zipped KML: doc.kml, else the first .kml) into features.
 * @example readKmz(bytes, 'units.kmz')
 */
export function readKmz(bytes: Uint8Array, fileName: string): ParsedFeatures | FileError {
  const files = unzip(bytes, fileName, (n) => n.endsWith('.kml'));
  if (isFileError(files)) return files;
  const names = Object.keys(files).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  const name = names.find((n) => n.toLowerCase() === 'doc.kml') ?? names[0];
  const data = name ? files[name] : undefined;
  if (!data) return { code: 'no_layer', detail: `${fileName}: the KMZ archive holds no .kml file` };
  return readKmlText(data, fileName, 'kmz');
}
