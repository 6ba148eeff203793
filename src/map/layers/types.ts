import type { Facility, ModelParams, Service } from '../../engine/types';
import type { Lang } from '../../i18n';
import type { ClosureRow, ProposedSite } from '../../engine/optimize';
import type { CoverageResult } from '../../state/coverage-source';
import type { LayerId } from '../../state/app-state';
import type { MapData } from '../map-data';

/** The map's visible area, degrees. */
export interface MapBounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** A place the map flew to and rings (from the community panel's settlement list). */
export interface PlaceHighlight {
  lon: number;
  lat: number;
  name?: string;
}

/** Everything the map's layers are built from. */
export interface LayerInput {
  data: MapData;
  /** The scenario's facilities (imports and edits applied); default `data.facilities` (the embedded ones). */
  facilities?: readonly Facility[];
  service: Service;
  params: ModelParams;
  layers: Record<LayerId, boolean>;
  ringKm: number;
  osm: boolean;
  result: CoverageResult | null;
  /** Increments with each new result (the updateTrigger for colours). */
  resultVersion: number;
  /** Selected hromada index, -1 for none. */
  selected: number;
  /**
   * Optional layers that have been switched on at least once. Layers never shown are not created at all (each
   * deck.gl layer type compiles its own shaders, slow on software GL); once created they are only hidden.
   */
  mounted: ReadonlySet<LayerId>;
  /** Facility symbols atlas (a canvas in the browser; null in tests). */
  iconAtlas: unknown;
  /** The planner's proposed sites (drawn on top), or none. */
  proposedSites?: readonly ProposedSite[] | null;
  /** The planner's closure ranking (units ringed by loss), or none. */
  closures?: readonly ClosureRow[] | null;
  /** The place the map flew to, ringed; or none. */
  highlight?: PlaceHighlight | null;
  /** Interface language: place names in Latin script in English (src/i18n/place-name.ts). Default Ukrainian. */
  lang?: Lang;
}
