/**
 * Node helper: read the bundled data in public/geo with fs and parse it (src/io/embedded.ts).
 * For the CLI, benchmarks and tests; the browser fetches the same files.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MultiPolygon, Polygon } from 'geojson';
import { EMBEDDED_FILES, EmbeddedDataError, parseEmbedded, type Embedded, type UnlocatedFile } from '../io/embedded';

/** <repo>/public/geo. */
export const DEFAULT_GEO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/geo');

export interface LoadedEmbedded extends Embedded {
  /** Hromada polygons in HromadaTable order, for point-in-polygon (e.g. turf booleanPointInPolygon). */
  polygons: (Polygon | MultiPolygon)[];
}

function readJson(dir: string, name: string): unknown {
  const path = join(dir, name);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message} (run \`npm run data\`?)`, { cause: e });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new EmbeddedDataError(name, '(json)', (e as Error).message);
  }
}

/** Raw hromada polygons from hromadas.geojson, in feature (= hromada index) order. */
export function hromadaPolygons(hromadasJson: unknown): (Polygon | MultiPolygon)[] {
  const fc = hromadasJson as { features?: { geometry?: Polygon | MultiPolygon }[] };
  return (fc.features ?? []).map((f, i) => {
    if (!f.geometry) throw new EmbeddedDataError(EMBEDDED_FILES.hromadas, `features[${i}].geometry`, 'missing');
    return f.geometry;
  });
}

/**
 * Read and parse hromadas.geojson, demand.json and facilities.geojson.
 * @param dir folder holding the files; default <repo>/public/geo
 */
export function loadEmbedded(dir: string = DEFAULT_GEO_DIR): LoadedEmbedded {
  const hromadas = readJson(dir, EMBEDDED_FILES.hromadas);
  const parsed = parseEmbedded({
    hromadas,
    demand: readJson(dir, EMBEDDED_FILES.demand),
    facilities: readJson(dir, EMBEDDED_FILES.facilities),
  });
  return { ...parsed, polygons: hromadaPolygons(hromadas) };
}

/** unlocated.json: per hromada code, the settlements without coordinates. */
export function loadUnlocated(dir: string = DEFAULT_GEO_DIR): UnlocatedFile {
  return readJson(dir, EMBEDDED_FILES.unlocated) as UnlocatedFile;
}
