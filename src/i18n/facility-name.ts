/**
 * A facility's name in the interface language. Sourced and user facilities keep their own name (a proper name, as
 * in the source). An assumed (illustrative) state unit is named in the data «Умовна ДПРЧ (Ріпки)»: in English it reads
 * "Assumed state unit (Ripky)", the legend's phrase with the place in Latin script (src/i18n/place-name.ts).
 */
import type { Facility } from '../engine/types';
import type { Lang } from './index';
import { placeName } from './place-name';

/** The English phrase for an assumed unit, as the legend's "Assumed state unit (illustrative)". */
export const ASSUMED_UNIT_EN = 'Assumed state unit';

/**
 * The name of `f` as shown in `lang`.
 * @example facilityName({ name: 'Умовна ДПРЧ (Ріпки)', placement: 'illustrative' }, 'en') // 'Assumed state unit (Ripky)'
 * @example facilityName({ name: 'Умовна ДПРЧ (Ріпки)', placement: 'illustrative' }, 'uk') // 'Умовна ДПРЧ (Ріпки)'
 */
export function facilityName(f: Pick<Facility, 'name' | 'placement'>, lang: Lang): string {
  if (lang !== 'en' || f.placement !== 'illustrative') return f.name;
  const place = /\(([^()]+)\)\s*$/.exec(f.name)?.[1]?.trim();
  return place ? `${ASSUMED_UNIT_EN} (${placeName(place, lang)})` : ASSUMED_UNIT_EN;
}
