/**
 * Accepted import rows → the engine's types.
 */
import { DEMAND_KINDS, DERIVATIONS, PLACE_SOURCES, type DemandTable, type HromadaTable, type TravelMatrix } from '../engine/types';
import type { MatrixRow, SettlementRow } from './types';

const URBAN = new Set(['city', 'smt', 'special_status_city']);
const KIND_SETTLEMENT = DEMAND_KINDS.indexOf('settlement');
const DERIVATION_USER = DERIVATIONS.indexOf('user');

/**
 * Imported settlements → a DemandTable (kind settlement, derivation user, area 0). `hromada` is the index of the
 * row's hromada code in `hromadas`, -1 when absent or unknown.
 * @example toDemandTable(result.rows, embedded.hromadas).count === result.rows.length
 */
export function toDemandTable(rows: readonly SettlementRow[], hromadas: HromadaTable): DemandTable {
  const n = rows.length;
  const byCode = new Map<string, number>();
  hromadas.codes.forEach((c, i) => byCode.set(c, i));
  const t: DemandTable = {
    count: n,
    ids: new Array<string>(n),
    names: new Array<string>(n),
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    population: new Float64Array(n),
    urban: new Uint8Array(n),
    kind: new Uint8Array(n).fill(KIND_SETTLEMENT),
    derivation: new Uint8Array(n).fill(DERIVATION_USER),
    hromada: new Int32Array(n),
    areaKm2: new Float64Array(n),
    place: new Uint8Array(n).fill(PLACE_SOURCES.indexOf('user')),
    city: new Int32Array(n).fill(-1),
    cities: [],
  };
  rows.forEach((r, i) => {
    t.ids[i] = r.id;
    t.names[i] = r.name;
    t.lon[i] = r.lon;
    t.lat[i] = r.lat;
    t.population[i] = r.population;
    t.urban[i] = URBAN.has(r.category) ? 1 : 0;
    t.hromada[i] = r.hromadaCode === null ? -1 : (byCode.get(r.hromadaCode) ?? -1);
  });
  return t;
}

/**
 * Imported matrix rows → TravelMatrix (key `${facilityId}\u0000${demandId}`).
 * @example toTravelMatrix([{ facilityId: 'f1', demandId: 'd1', minutes: 7 }]).minutes.get('f1\u0000d1') // 7
 */
export function toTravelMatrix(rows: readonly MatrixRow[]): TravelMatrix {
  const minutes = new Map<string, number>();
  for (const r of rows) minutes.set(`${r.facilityId}\u0000${r.demandId}`, r.minutes);
  return { minutes };
}
