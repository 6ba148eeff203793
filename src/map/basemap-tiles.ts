/**
 * The bundled basemap's vector tiles (public/geo/tiles/{z}/{x}/{y}.pbf, cut by `npm run data`): where they are,
 * which zooms and area they cover, and the source layers in each tile. Shared by the data build and the map style.
 */

/** Folder of the tiles under public/geo. */
export const TILES_DIR = 'tiles';
/** Zooms cut (the map overzooms the last one up to its own maxZoom). */
export const TILES_MIN_ZOOM = 4;
export const TILES_MAX_ZOOM = 9;
/** [west, south, east, north], degrees: every tile in this box exists (empty where nothing is drawn). */
export const TILES_BOUNDS: [number, number, number, number] = [22.1, 44.3, 40.3, 52.4];

/** Source layers: hromada polygons (feature id = hromada index, property `code`) and the outlines. */
export const TILE_LAYERS = {
  hromadas: 'hromadas',
  border: 'border',
  oblasts: 'oblasts',
  raions: 'raions',
  noData: 'nodata',
} as const;
/** Raion outlines are drawn from zoom 6.5, so tiles carry them from zoom 6. */
export const RAIONS_MIN_ZOOM = 6;
