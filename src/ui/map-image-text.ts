/**
 * The words around the saved map image (title, subtitle, legend, notes, sources), built from the UI state, and the
 * imported-boundaries note the on-screen legend shows too.
 */
import type { HromadaTable, Totals } from '../engine/types';
import { fmtInt, fmtPct, type Lang, type TFunction } from '../i18n';
import { plural } from '../i18n/format';
import { fmtDate, placeName } from '../i18n/place-name';
import type { TerritoryInUse } from '../state/scenario-state';
import type { AppState, Area } from '../state/app-state';
import type { AttributionSource, BoundaryReport } from '../state/load-data';
import type { FacilityEdit } from '../io/scenario';
import { legendFacilities, legendTerritory, minutesRamp, roadsMinutesRamp, territoryDate, territoryListName, type MinutesRamp } from './legend-entries';
import { roadsSnapshot, type RoadsSnapshot } from '../state/roads';
import type { MapImageText } from './map-image';
import type { ImageMinutesRamp } from './view/map-image-types';
import { areaName } from './view/areas';
import { roadsImageNotes } from './roads/model-label';

/** OpenStreetMap's credit for the saved map image when its tiles are drawn. */
export const OSM_CREDIT = '© OpenStreetMap contributors (ODbL) — https://www.openstreetmap.org/copyright';

/** "Boundaries of N hromadas come from your file …; the population of M was re-summed …". */
export function boundariesNote(t: TFunction, lang: Lang, r: BoundaryReport): string {
  return t('boundariesLegend', { n: fmtInt(lang, r.replaced + r.added), name: r.fileName, m: fmtInt(lang, r.resummed) });
}

/** What the image notes say beyond the state: the territory list in use and the totals shown. */
export interface MapImageExtra {
  territory?: Pick<TerritoryInUse, 'listName' | 'listDate' | 'source'> | null;
  /** Totals of the shown service for controlled territory (the assumed-unit share). */
  totals?: Pick<Totals, 'assumedShare' | 'assumedPopulation'> | null;
  /** The framed oblast or raion (titles the image when no hromada is selected); `oblastEn` its data English name. */
  area?: { area: Area; oblastEn: string } | null;
  /** Units the scenario adds on the map and counts (plannedUnitCount): "with N planned units" in the title. */
  plannedUnits?: number;
  /** The bundled sources: grouped by licence into a few short lines (groupSources) instead of one line each. */
  bundledSources?: readonly AttributionSource[] | null;
  /** The user's own files (userDataLines), listed after the bundled sources. */
  userLines?: readonly string[];
  /** The road network's state (whether its layer is drawn); default: the page's (roadsSnapshot). */
  roads?: RoadsSnapshot;
}

/**
 * Units the scenario's edits add and keep (an added unit removed later does not count).
 * @example plannedUnitCount([{ op: 'add', facility: f }, { op: 'move', id: f.id, lon: 30, lat: 50 }]) // 1
 */
export function plannedUnitCount(edits: readonly FacilityEdit[]): number {
  const added = new Set<string>();
  for (const e of edits) {
    if (e.op === 'add') added.add(e.facility.id);
    else if (e.op === 'remove') added.delete(e.id);
  }
  return added.size;
}

/** The short name of a bundled source: its name up to the first bracket, colon, comma or "commit". */
function shortSourceName(s: AttributionSource): string {
  const name = String(s.name ?? s.title ?? s.id ?? '').trim();
  const cut = name.split(/\s\(|:\s|,\s|\scommit\s/)[0]!.trim();
  return cut.length > 60 ? `${cut.slice(0, 59)}…` : cut;
}

/** The licence as a group key: up to the first bracket or semicolon ("MIT (© 2021 …)" → "MIT"). */
function licenceKey(s: AttributionSource): string {
  const lic = String(s.licence ?? s.license ?? '').trim();
  return lic.split(/\s\(|;\s/)[0]!.trim() || '—';
}

/**
 * Bundled sources grouped by licence, one short line per licence ("CC BY 4.0: ukrainian_geodata; GeoNames cities500"),
 * in the order licences first appear.
 */
export function groupSources(sources: readonly AttributionSource[]): string[] {
  const groups = new Map<string, string[]>();
  for (const s of sources) {
    const key = licenceKey(s);
    const names = groups.get(key) ?? [];
    const n = shortSourceName(s);
    if (n && !names.includes(n)) names.push(n);
    groups.set(key, names);
  }
  return [...groups].map(([lic, names]) => `${lic}: ${names.join('; ')}`);
}

/**
 * The place an image or print is titled by: the selected hromada, else the framed raion or oblast, else the country.
 * @example viewTitle(t, 'uk', hromadas, -1, { area: { kind: 'oblast', oblast: 'Чернігівська' }, oblastEn: 'Chernihiv' }) // 'Чернігівська область'
 */
export function viewTitle(
  t: TFunction,
  lang: Lang,
  hromadas: Pick<HromadaTable, 'names' | 'namesEn'>,
  selected: number,
  area: MapImageExtra['area'],
): string {
  if (selected >= 0) return `${placeName(hromadas.names[selected] ?? '', lang)} ${t('hromada')}`;
  if (area) return areaName(area.area, lang, area.oblastEn, true);
  return t('mapImageCountry');
}

/**
 * The notes on territory status and assumed units: the share of people first reached by an assumed unit (or that
 * assumed units are not counted), the territory list and its date, and the occupied hatch's legend entry.
 */
export function territoryAndAssumedNotes(
  t: TFunction,
  state: Pick<AppState, 'lang' | 'service' | 'params'>,
  extra: MapImageExtra,
): string[] {
  const out: string[] = [];
  const service = t(`service_${state.service}`);
  if (!state.params.countAssumed) out.push(t('mapImageAssumedOff'));
  else if (extra.totals && extra.totals.assumedPopulation > 0) out.push(t('mapImageAssumed', { share: fmtPct(state.lang, extra.totals.assumedShare), service }));
  const tr = extra.territory;
  if (tr) {
    const date = territoryDate(t, state.lang, tr);
    const source = tr.source === 'built-in' ? '' : ` (${t('territoryFromFile', { file: tr.source })})`;
    out.push(t('mapImageTerritory', { name: territoryListName(t, tr), date, source }));
  }
  return out;
}

/**
 * A minutes ramp (minutesRamp, roadsMinutesRamp) as the image draws it: the screen's bars, marks and ticks, each bar
 * labelled by its settlement class (cities and towns, villages) when there are two.
 */
export function imageRamp(t: TFunction, title: string, ramp: MinutesRamp, normKey = t('legendNormMark')): ImageMinutesRamp {
  const single = ramp.rows.length === 1;
  return {
    title,
    normKey,
    rows: ramp.rows.map((r) => ({
      label: single ? null : t(r.kind === 'urban' ? 'legendRowUrban' : 'legendRowRural'),
      norm: r.norm,
      mark: r.mark,
      stops: r.stops,
    })),
    ticks: ramp.ticks,
  };
}

/**
 * The roads layer's ramp for the image when the layer is drawn (a graph loaded, the layer on, times by road), as the
 * on-screen RoadsLegend shows it; null otherwise.
 */
export function roadsImageRamp(
  t: TFunction,
  state: Pick<AppState, 'service' | 'params'>,
  roads: Pick<RoadsSnapshot, 'status' | 'layerOn'>,
): MapImageText['roads'] {
  const { params } = state;
  if (roads.status.type !== 'ready' || !roads.layerOn || params.travelModel !== 'road') return null;
  const ramp = roadsMinutesRamp(params.normMin[state.service].rural);
  return { ...imageRamp(t, t('roadsUi_legendRoads'), ramp, t('legendRuralNormMark')), unreached: t('roadsUi_unreached') };
}

/**
 * @param selected selected hromada index, -1 for the country
 * @param sources the export source lines (bundled sources and the user's files)
 */
export function mapImageText(
  t: TFunction,
  state: Pick<AppState, 'lang' | 'service' | 'params' | 'layers' | 'basemap'>,
  hromadas: Pick<HromadaTable, 'names' | 'namesEn'>,
  selected: number,
  report: BoundaryReport | null | undefined,
  sources: readonly string[],
  now = new Date(),
  extra: MapImageExtra = {},
): MapImageText {
  // Place names in Latin script in English (KMU 2010 transliteration), as on the page.
  const place = viewTitle(t, state.lang, hromadas, selected, extra.area);
  const planned = extra.plannedUnits ?? 0;
  const norm = state.params.normMin[state.service];
  const { layers } = state;
  const minutesDrawn = layers.settlements || layers.surface;
  const tr = extra.territory;
  const bundled = extra.bundledSources ? groupSources(extra.bundledSources) : null;
  const sourceLines = bundled ? [...bundled, ...(extra.userLines ?? []).map((l) => `${t('view_user')}: ${l}`)] : [...sources];
  return {
    title: planned > 0 ? `${place} — ${plural(t, state.lang, 'view_planned', planned)}` : place,
    subtitle:
      `${t('appTitle')} · ` +
      t(state.params.coverageMode === 'distance' ? 'mapImageSubtitleKm' : 'mapImageSubtitle', {
        service: t(`service_${state.service}`),
        urban: norm.urban,
        rural: norm.rural,
        km: state.params.coverageKm,
        date: fmtDate(state.lang, now),
      }),
    ramp: layers.choropleth ? { title: t('legendShare'), labels: ['0%', '50%', '100%'] } : null,
    minutes: minutesDrawn
      ? {
          ...imageRamp(t, t('view_minutesScale', { urban: norm.urban, rural: norm.rural }), minutesRamp(norm)),
          notes: [
            ...(layers.settlements ? [`${t('view_beyondEdge')}; ${t('view_circleSize')}`, t('view_cityCircles'), t('view_circlesZoom')] : []),
            ...(layers.surface ? [t('view_surface')] : []),
            t('beyondCapTitle', { cap: state.params.reachCapMin[state.service] }),
          ],
        }
      : null,
    roads: roadsImageRamp(t, state, extra.roads ?? roadsSnapshot()),
    facilitiesTitle: t('legendFacilities'),
    facilities: layers.facilities ? legendFacilities(state.service, layers.illustrative).map((e) => ({ type: e.type, hollow: e.hollow, label: t(e.labelKey) })) : [],
    territory: tr ? legendTerritory(t, tr, state.lang) : null,
    noData: t('legendNoData'),
    notes: [`${t('honestyShort')}: ${t('honestyLegend')}`, ...territoryAndAssumedNotes(t, state, extra), ...(report ? [boundariesNote(t, state.lang, report)] : []), ...roadsImageNotes(t, state.lang, state.params)],
    sourcesTitle: bundled ? `${t('view_sources')} (${t('view_sourcesMore')})` : t('view_sources'),
    // The basemap tiles are in the picture when the online basemap is on.
    sources: state.basemap === 'osm' ? [...sourceLines, OSM_CREDIT] : sourceLines,
  };
}
