/** What the facility part of the legend lists, for the on-screen legend and the saved map image alike. */
import { isAssumedFacility, SERVICES_OF, type Facility, type FacilityType, type Service } from '../engine/types';
import type { Lang, TFunction } from '../i18n';
import { fmtDate } from '../i18n/place-name';
import { minutesColor, toCss, type RGBA } from '../map/colors';
import type { TerritoryInUse } from '../state/scenario-state';

export interface LegendFacility {
  type: FacilityType;
  /** Drawn hollow: planned Security Centers, illustrative units. */
  hollow: boolean;
  /** i18n key of the label. */
  labelKey: 'plannedCenter' | 'illustrativeUnit' | `type_${FacilityType}`;
}

/** Facility types that serve `service` and no other (fire: the three fire types; police: the two police types). */
export function ownTypes(service: Service): FacilityType[] {
  return (Object.keys(SERVICES_OF) as FacilityType[]).filter(
    (t) => SERVICES_OF[t].length === 1 && SERVICES_OF[t][0] === service,
  );
}

/** What the facility list holds for the legend: types present, planned Security Centers, assumed units. */
export interface FacilitiesPresent {
  types: ReadonlySet<FacilityType>;
  plannedCenters: boolean;
  assumed: boolean;
}

export function facilitiesPresent(facilities: readonly Facility[]): FacilitiesPresent {
  const types = new Set<FacilityType>();
  let plannedCenters = false;
  let assumed = false;
  for (const f of facilities) {
    if (isAssumedFacility(f)) assumed = true;
    else if (f.type === 'security_center' && f.status === 'planned') plannedCenters = true;
    else types.add(f.type);
  }
  return { types, plannedCenters, assumed };
}

/**
 * Own types of `service` with no facility in the data (police today: police stations and community police posts,
 * since only Security Centers serve police). All of `ownTypes(service)` missing means the service has no facility
 * of its own kind.
 */
export function missingOwnTypes(service: Service, present: FacilitiesPresent): FacilityType[] {
  return ownTypes(service).filter((t) => !present.types.has(t) && !(t === 'state_fire_unit' && present.assumed));
}

/**
 * @param illustrative whether the illustrative-units layer is shown (fire only)
 * @param present what the data hold: only those types are listed (all when omitted)
 * @example legendFacilities('police', false).map((e) => e.type) // ['police_station', 'police_officer_station', 'security_center', 'security_center']
 */
export function legendFacilities(
  service: Service,
  illustrative: boolean,
  present?: FacilitiesPresent,
): LegendFacility[] {
  const has = (t: FacilityType) => !present || present.types.has(t);
  const out: LegendFacility[] = ownTypes(service)
    .filter(has)
    .map((type) => ({ type, hollow: false, labelKey: `type_${type}` }));
  if (has('security_center')) out.push({ type: 'security_center', hollow: false, labelKey: 'type_security_center' });
  if (!present || present.plannedCenters)
    out.push({ type: 'security_center', hollow: true, labelKey: 'plannedCenter' });
  if (service === 'fire' && illustrative && (!present || present.assumed))
    out.push({ type: 'state_fire_unit', hollow: true, labelKey: 'illustrativeUnit' });
  return out;
}

/**
 * The legend's territory-status entries (on screen and in the saved map image): the occupied hatch named with the list
 * in use and its date, and the hostilities outline.
 */
export function legendTerritory(
  t: TFunction,
  territory: Pick<TerritoryInUse, 'listName' | 'listDate' | 'source'>,
  lang: Lang,
): { occupied: string; hostilities: string } {
  return {
    occupied: t('legendOccupied', { name: territoryListName(t, territory), date: territoryDate(t, lang, territory) }),
    hostilities: t('legendHostilities'),
  };
}

/** The date of the territory list in use in the page's format (23.11.2022 / 2022-11-23), or "no date". */
export function territoryDate(t: TFunction, lang: Lang, territory: Pick<TerritoryInUse, 'listDate'>): string {
  return territory.listDate ? fmtDate(lang, territory.listDate) : t('territoryNoDate');
}

/**
 * The territory list as the community panel and the table name it: "name, date" (the built-in list in the page's
 * language), the date in the page's format.
 */
export function territoryListLabel(
  t: TFunction,
  lang: Lang,
  territory: Pick<TerritoryInUse, 'listName' | 'listDate' | 'source'>,
): string {
  return `${territoryListName(t, territory)}, ${territoryDate(t, lang, territory)}`;
}

/** The name of the territory list in use: the built-in one in the page's language, an imported one as named. */
export function territoryListName(t: TFunction, territory: Pick<TerritoryInUse, 'listName' | 'source'>): string {
  return territory.source === 'built-in' ? t('territoryBuiltInName') : territory.listName;
}

/** One bar of the response-time ramp: the colours the circles of one settlement class take along the shared axis. */
export interface MinutesRampRow {
  /** Which circles it colours: cities and towns (urban norm), villages (rural norm), or all when the norms are equal. */
  kind: 'urban' | 'rural' | 'all';
  /** The class's norm, minutes. */
  norm: number;
  /** Where the norm falls on the axis, 0…1 (the mark). */
  mark: number;
  /** minutesColor(at × max, norm) sampled along the axis, at 0…1 (darkest from 2 × norm on). */
  stops: { at: number; color: RGBA }[];
  /** The stops as a CSS linear-gradient. */
  gradient: string;
}

/** A label under the ramp: its place on the axis (0…1), text, and how it sits on that place. */
export interface MinutesRampTick {
  at: number;
  label: string;
  align: 'start' | 'center' | 'end';
  /** The norm's tick: which row(s) it belongs to. */
  norm?: 'urban' | 'rural' | 'all';
}

export interface MinutesRamp {
  /** The axis ends at 2 × the larger norm, minutes (times past it take the darkest colour). */
  max: number;
  rows: MinutesRampRow[];
  ticks: MinutesRampTick[];
}

/**
 * The legend's response-time ramp on one minute axis, as the settlement circles and cells are coloured (src/map/layers
 * derived.ts: minutesColor over 0 … 2 × the settlement's own norm, the urban norm for cities and towns, the rural one
 * for villages). With different norms one bar per class, each with its norm marked; with equal norms one bar. The
 * colours are sampled from minutesColor itself (no copy of its stops).
 * @param steps samples per bar up to 2 × its norm
 * @example minutesRamp({ urban: 10, rural: 20 }).ticks.map((t) => t.label) // ['0', '10', '20', '40+']
 */
export function minutesRamp(norm: { urban: number; rural: number }, steps = 16): MinutesRamp {
  const max = 2 * Math.max(norm.urban, norm.rural, 1e-9);
  const classes: { kind: MinutesRampRow['kind']; norm: number }[] =
    norm.urban === norm.rural
      ? [{ kind: 'all', norm: norm.urban }]
      : [
          { kind: 'urban', norm: norm.urban },
          { kind: 'rural', norm: norm.rural },
        ];
  const rows = classes.map(({ kind, norm: n }) => {
    const stops: MinutesRampRow['stops'] = [];
    const end = (2 * n) / max;
    for (let k = 0; k <= steps; k++) {
      const at = (end * k) / steps;
      stops.push({ at, color: minutesColor(at * max, n, 255, 255) });
    }
    if (end < 1) stops.push({ at: 1, color: minutesColor(max, n, 255, 255) });
    const gradient = `linear-gradient(to right, ${stops.map((s) => `${toCss(s.color)} ${pct(s.at)}`).join(', ')})`;
    return { kind, norm: n, mark: n / max, stops, gradient };
  });
  const marks = [...rows].sort((a, b) => a.mark - b.mark);
  const close = marks.length === 2 && marks[1]!.mark - marks[0]!.mark < 0.14;
  const normTicks: MinutesRampTick[] = marks.map((r, i) => ({
    at: r.mark,
    label: fmtMinutes(r.norm),
    align: close ? (i === 0 ? 'end' : 'start') : 'center',
    norm: r.kind,
  }));
  // "0" gives way to a norm label near the start.
  const zero: MinutesRampTick[] = marks[0]!.mark < 0.1 ? [] : [{ at: 0, label: '0', align: 'start' }];
  return { max, rows, ticks: [...zero, ...normTicks, { at: 1, label: `${fmtMinutes(max)}+`, align: 'end' }] };
}

function pct(at: number): string {
  return `${(at * 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

function fmtMinutes(m: number): string {
  return String(Math.round(m * 10) / 10);
}

/**
 * The roads layer's ramp on the same minute scale as the circles' (src/map/layers/roads-colors.ts: minutesColor over
 * 0 … 2 × the service's rural norm): one bar, the rural norm marked, ticks 0 · norm · 2 × norm+ in minutes. Roads no
 * unit reaches within the reach cap are grey (ROADS_UNREACHED), a swatch beside the ramp, not a part of it.
 * @example roadsMinutesRamp(20).ticks.map((t) => t.label) // ['0', '20', '40+']
 */
export function roadsMinutesRamp(ruralNorm: number, steps = 16): MinutesRamp {
  const r = minutesRamp({ urban: ruralNorm, rural: ruralNorm }, steps);
  return {
    max: r.max,
    rows: r.rows.map((row) => ({ ...row, kind: 'rural' })),
    ticks: r.ticks.map((k) => (k.norm ? { ...k, norm: 'rural' } : k)),
  };
}
