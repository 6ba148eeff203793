/**
 * Core types shared by the engine, the worker, the importers, the CLI and the UI.
 * Pure TypeScript: no DOM, React or map imports (see eslint.config.js).
 */

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

/** How a demand unit's population was derived. Index = code stored in DemandTable.derivation. */
export const DERIVATIONS = ['official', 'estimated_share', 'spread', 'user'] as const;
export type Derivation = (typeof DERIVATIONS)[number];

/** Demand kind. Index = code stored in DemandTable.kind. */
export const DEMAND_KINDS = ['settlement', 'cell'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];

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
};

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
}

/** National or oblast totals for one service. */
export interface Totals {
  population: number;
  coveredPopulation: number;
  share: number;
  settlementsOutside: number;
  /** Area of cells outside the norm, km². */
  areaOutsideKm2: number;
}

/** Totals of one oblast (HromadaTable.oblasts value). */
export interface OblastTotals extends Totals {
  oblast: string;
  oblastEn: string;
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
