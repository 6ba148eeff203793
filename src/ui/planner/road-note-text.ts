/**
 * The planner's travel-model line in the page's language: a result planned by road carries the engine's English road
 * note (src/engine/optimize/road-note.ts); here it is read back into figures and worded in Ukrainian or English, and
 * taken out of the (English) solver notes so it is not shown twice.
 */
import { parseRoadNote, type RoadNoteInfo } from '../../engine/optimize/road-note';
import { fmtInt, locale, type Lang, type TFunction } from '../../i18n';
import { osmDateLabel } from '../roads/model-label';

/** The road note of a result's notes, as figures (null when the result was not planned by road). */
export function roadNoteOf(notes: readonly string[]): RoadNoteInfo | null {
  for (const n of notes) {
    const info = parseRoadNote(n);
    if (info) return info;
  }
  return null;
}

/** The notes without the road note (it is shown in the page's language instead). */
export function notesWithoutRoad(notes: readonly string[]): string[] {
  return notes.filter((n) => parseRoadNote(n) === null);
}

/** "Travel-time model: road network (graph …) …" in the page's language. */
export function roadNoteLine(t: TFunction, lang: Lang, info: RoadNoteInfo): string {
  const num = (x: number): string => (Number.isInteger(x) ? fmtInt(lang, x) : x.toLocaleString(locale(lang)));
  return t('plan_roadNote', {
    graph: info.source || t('plan_roadSourceUnknown'),
    date: info.osmTimestamp ? t('plan_roadOsmDate', { date: osmDateLabel(t, lang, info.osmTimestamp) }) : '',
    kmh: num(info.offRoadKmh),
    snap: num(info.snapMaxKm),
    sitesOn: fmtInt(lang, info.sitesOnGraph),
    sites: fmtInt(lang, info.sites),
    kind: t(info.sitesKind === 'units' ? 'plan_roadKindUnits' : 'plan_roadKindCandidates'),
    demandOn: fmtInt(lang, info.demandOnGraph),
    demand: fmtInt(lang, info.demand),
  });
}
