/**
 * The words around the saved map image (title, subtitle, legend, notes, sources), built from the UI state, and the
 * imported-boundaries note the on-screen legend shows too.
 */
import type { HromadaTable, Totals } from '../engine/types';
import { fmtInt, fmtPct, type Lang, type TFunction } from '../i18n';
import { fmtDate, placeName } from '../i18n/place-name';
import type { TerritoryInUse } from '../state/scenario-state';
import type { AppState } from '../state/app-state';
import type { BoundaryReport } from '../state/load-data';
import { legendFacilities, legendTerritory, territoryDate, territoryListName } from './legend-entries';
import type { MapImageText } from './map-image';

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
    const legend = legendTerritory(t, tr, state.lang);
    out.push(`${legend.occupied}; ${legend.hostilities}`);
  }
  return out;
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
  const place = selected >= 0 ? `${placeName(hromadas.names[selected] ?? '', state.lang)} ${t('hromada')}` : t('mapImageCountry');
  const norm = state.params.normMin[state.service];
  return {
    title: `${t('appTitle')}: ${place}`,
    subtitle: t(state.params.coverageMode === 'distance' ? 'mapImageSubtitleKm' : 'mapImageSubtitle', {
      service: t(`service_${state.service}`),
      urban: norm.urban,
      rural: norm.rural,
      km: state.params.coverageKm,
      date: fmtDate(state.lang, now),
    }),
    ramp: state.layers.choropleth ? { title: t('legendShare'), labels: ['0%', '50%', '100%'] } : null,
    facilitiesTitle: t('legendFacilities'),
    facilities: state.layers.facilities ? legendFacilities(state.service, state.layers.illustrative).map((e) => ({ type: e.type, hollow: e.hollow, label: t(e.labelKey) })) : [],
    notes: [`${t('honestyShort')}: ${t('honestyLegend')}`, ...territoryAndAssumedNotes(t, state, extra), ...(report ? [boundariesNote(t, state.lang, report)] : [])],
    // The basemap tiles are in the picture when the online basemap is on.
    sources: state.basemap === 'osm' ? [...sources, OSM_CREDIT] : [...sources],
  };
}
