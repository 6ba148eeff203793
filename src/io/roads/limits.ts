/**
 * Size limits of road files, in a module of its own (no imports) so the Data panel can state them without loading
 * the builder.
 */

/**
 * Largest roads file (OSM PBF, OSM XML or GeoJSON) the page builds in its import worker: 150 MB, an oblast extract
 * or two (Geofabrik's Ukraine PBF is ≈1.3 GB: build it with `npm run roads`, then drop the .graph file, which has no
 * limit beyond the browser's memory). Pass 1 and 2 read the file twice; memory is about 3–4× the PBF size.
 */
export const ROADS_DROP_MAX_BYTES = 150 * 1024 * 1024;

/** GeoJSON road files are one JSON document and are parsed whole: at most this many bytes. */
export const GEOJSON_MAX_BYTES = 256 * 1024 * 1024;
