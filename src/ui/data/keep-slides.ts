/**
 * Opening a scenario (a scenario file in the Data panel, or a saved scenario) over the working one: its data,
 * parameters and edits replace the working ones; its slides replace the presentation only when it has slides. A
 * scenario without slides (files from before slides, or saved without any) leaves the presenter's deck as it was,
 * and the preview says which of the two happens.
 */
import { fmtInt, type Lang, type TFunction } from '../../i18n';
import type { Scenario } from '../../io/scenario';

/**
 * The working scenario after opening `incoming`: `incoming`, with `current`'s slides when it has none.
 * @example openScenario({ ...a, slides: [s1] }, { ...b, slides: undefined }).slides // [s1]
 */
export function openScenario(current: Pick<Scenario, 'slides'>, incoming: Scenario): Scenario {
  if ((incoming.slides?.length ?? 0) > 0 || (current.slides?.length ?? 0) === 0) return incoming;
  return { ...incoming, slides: current.slides };
}

/** What opening a scenario with `incoming` slides does to the `current` ones, or null when neither has any. */
export function openSlidesNote(t: TFunction, lang: Lang, current: number, incoming: number): string | null {
  if (incoming > 0 && current > 0)
    return t('openReplacesSlides', { n: fmtInt(lang, incoming), m: fmtInt(lang, current) });
  if (incoming > 0) return t('openBringsSlides', { n: fmtInt(lang, incoming) });
  if (current > 0) return t('openKeepsSlides', { n: fmtInt(lang, current) });
  return null;
}
