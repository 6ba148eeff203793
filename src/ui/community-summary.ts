/**
 * The community panel's plain-language sentences, built from the pure numbers in src/state/summary.ts:
 * each settlement's own norm (cities and smt vs villages), plural forms and locale numbers (src/i18n/format.ts),
 * villages without a point counted as "possibly beyond" when their time range crosses the norm, and what the
 * answer rests on (assumed units). Pure: tested in test/ui/community-summary.test.ts.
 */
import type { Service } from '../engine/types';
import type { Lang, TFunction } from '../i18n';
import { facilityName } from '../i18n/facility-name';
import { fmtList, fmtShare, plural } from '../i18n/format';
import type { HromadaBasis, HromadaWords } from '../state/summary';

/**
 * The summary sentences of a hromada for `service`.
 * @param range the time range of its villages without a point, as text ("12–31 хв"), '' if none
 */
export function summarySentences(t: TFunction, lang: Lang, w: HromadaWords, service: Service, range: string): string[] {
  if (w.noFacility) return [t('summaryNoFacility')];
  const svc = t(`serviceShort_${service}`);
  const out: string[] = [];
  const parts: string[] = [];
  const classes = [
    { c: w.urban, cls: t('classUrban') },
    { c: w.rural, cls: t('classRural') },
  ];
  if (w.distance) {
    const people = w.urban.people + w.rural.people;
    const places = w.urban.places + w.rural.places;
    if (places > 0) parts.push(t('summaryPartDistance', { people: plural(t, lang, 'nPeople', people), places: plural(t, lang, 'nPlacesLoc', places), km: w.km }));
  } else if (w.urban.norm === w.rural.norm && w.urban.places > 0 && w.rural.places > 0) {
    // Same norm for both classes: one part, no class.
    const people = w.urban.people + w.rural.people;
    const places = w.urban.places + w.rural.places;
    parts.push(
      t('summaryPart', { people: plural(t, lang, 'nPeople', people), places: plural(t, lang, 'nPlacesLoc', places), cls: `${t('classUrban')}, ${t('classRural')}`, norm: w.urban.norm }),
    );
  } else {
    for (const { c, cls } of classes)
      if (c.places > 0) parts.push(t('summaryPart', { people: plural(t, lang, 'nPeople', c.people), places: plural(t, lang, 'nPlacesLoc', c.places), cls, norm: c.norm }));
  }
  const service0 = svc.charAt(0).toLocaleUpperCase(lang === 'uk' ? 'uk-UA' : 'en-GB') + svc.slice(1);
  if (parts.length > 0) out.push(t('summaryLine', { service: service0, parts: fmtList(lang, parts) }));
  else if (w.located > 0 && !w.allCovered) out.push(t('summaryLocatedCovered', { service: svc }));
  if (w.beyond.places > 0)
    out.push(plural(t, lang, 'summaryUnlocatedBeyond', w.beyond.places, { range, people: plural(t, lang, 'nPeople', w.beyond.people) }));
  if (w.possibly.places > 0)
    out.push(plural(t, lang, 'summaryUnlocatedPossibly', w.possibly.places, { range, people: plural(t, lang, 'nPeople', w.possibly.people) }));
  if (w.beyond.places + w.possibly.places === 0 && w.cellPeople > 0)
    out.push(t('summaryCellsBeyond', { people: plural(t, lang, 'nPeople', w.cellPeople) }));
  if (out.length === 0) out.push(t('summaryAllCovered', { service: svc }));
  return out;
}

/**
 * What the hromada's "within the norm" rests on: "78 % within the norm — of them 100 % rest on an assumed unit:
 * Умовна ДПРЧ (Ріпки)." (assumed first-due units named, most people first, "Assumed state unit (Ripky)" in English);
 * when none of the covered people rest on an assumed unit, says so and names none; '' when no facility serves it.
 */
export function assumedSentence(t: TFunction, lang: Lang, b: HromadaBasis, countAssumed: boolean): string {
  if (!countAssumed) return t('assumedNotCounted');
  if (b.population <= 0) return '';
  if (b.assumedPopulation <= 0) return t('assumedNone');
  if (b.coveredPopulation <= 0) return '';
  // None of the covered people rest on an assumed unit: say so, and name no unit (those named serve only people
  // beyond the norm).
  if (b.coveredAssumed <= 0) return t('assumedOfCoveredNone', { share: fmtShare(lang, b.coveredPopulation / b.population) });
  const units = b.firstDue.filter((e) => e.assumed).map((e) => facilityName(e.facility, lang));
  const shown = units.length > 3 ? [...units.slice(0, 3), '…'] : units;
  return t('assumedOfCovered', {
    share: fmtShare(lang, b.coveredPopulation / b.population),
    assumed: fmtShare(lang, b.coveredAssumed / b.coveredPopulation),
    units: shown.join(', '),
  });
}
