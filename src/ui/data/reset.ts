/**
 * "Start over with the built-in data" (the Data panel's reset): what it removes from the working scenario and what it
 * keeps. It removes the data — imported units, matrix, settlements, boundaries, territory list — and the unit changes
 * made on the map; it keeps the presentation's slides (a presenter does not expect the deck to vanish with the data:
 * each slide keeps its own view, caption and the stations planned on it) and the model parameters, which live in the
 * page's state, not in what is reset. Saved (named) scenarios are apart and untouched.
 */
import { fmtInt, type Lang, type TFunction } from '../../i18n';
import { emptyScenario, type Scenario } from '../../io/scenario';

/**
 * The working scenario after a reset: empty, unnamed, with the same slides (and parameters).
 * @example resetData(s).slides === s.slides // true; resetData(s).facilityImports // []
 */
export function resetData(s: Scenario, savedAt?: string): Scenario {
  const out: Scenario = { ...emptyScenario('', savedAt), params: s.params };
  if (s.slides && s.slides.length > 0) out.slides = s.slides;
  return out;
}

/** Whether the scenario holds data the reset removes (the reset is offered only then). */
export function hasUserData(
  s: Pick<Scenario, 'facilityImports' | 'matrix' | 'facilityEdits' | 'demand' | 'boundaries' | 'territory'>,
): boolean {
  return (
    s.facilityImports.length > 0 ||
    !!s.matrix ||
    s.facilityEdits.length > 0 ||
    !!s.demand ||
    !!s.boundaries ||
    !!s.territory
  );
}

/** The confirmation's two lists, in the page's language: what goes (by file) and what stays. */
export function resetLines(t: TFunction, lang: Lang, s: Scenario): { removed: string[]; kept: string[] } {
  const removed = [
    ...s.facilityImports.map((imp) =>
      t('resetItemImport', { name: imp.fileName, n: fmtInt(lang, imp.facilities.length) }),
    ),
    ...(s.matrix ? [t('resetItemMatrix', { name: s.matrix.fileName })] : []),
    ...(s.demand ? [t('resetItemDemand', { name: s.demand.fileName })] : []),
    ...(s.boundaries ? [t('resetItemBoundaries', { name: s.boundaries.fileName })] : []),
    ...(s.territory ? [t('resetItemTerritory', { name: s.territory.fileName })] : []),
    ...(s.facilityEdits.length > 0 ? [t('resetItemEdits', { n: fmtInt(lang, s.facilityEdits.length) })] : []),
  ];
  const slides = s.slides?.length ?? 0;
  const data = s.facilityImports.length > 0 || !!s.matrix || !!s.demand || !!s.boundaries || !!s.territory;
  const kept = [
    ...(slides > 0
      ? [t('resetKeepSlides', { n: fmtInt(lang, slides) }) + (data ? `; ${t('resetSlidesData')}` : '')]
      : []),
    t('resetKeepOther'),
  ];
  return { removed, kept };
}
