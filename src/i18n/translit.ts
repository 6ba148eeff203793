/**
 * Ukrainian → Latin transliteration, official system of the Cabinet of Ministers of Ukraine
 * (resolution No. 55 of 27 January 2010).
 *
 * Rules beyond the one-to-one table:
 * - є ї й ю я are written ye yi y yu ya at the start of a word and ie i i iu ia elsewhere;
 * - зг is written zgh (to tell it from зх = zkh);
 * - the soft sign ь and the apostrophe (' ’ ʼ) are dropped.
 * A "word" starts after any character that is not a Cyrillic or Latin letter or an apostrophe (space, hyphen, …).
 * Characters outside the Ukrainian alphabet are kept as they are.
 *
 * @example transliterate("Згурівка") // "Zghurivka"
 * @example transliterate("Кам'янець-Подільський") // "Kamianets-Podilskyi"
 */
// prettier-ignore
const BASE: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i',
  й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia',
};

const INITIAL: Readonly<Record<string, string>> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

const APOSTROPHES = new Set(["'", '’', 'ʼ', '`', '‘']);

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{L}/u.test(ch);
}

function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

export function transliterate(s: string): string {
  const chars = Array.from(s);
  let out = '';
  let wordStart = true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (APOSTROPHES.has(ch)) continue; // inside a word; does not start a new one
    const lower = ch.toLowerCase();
    let latin: string | undefined;
    if (lower === 'г' && (chars[i - 1] ?? '').toLowerCase() === 'з') latin = 'gh';
    else if (wordStart && INITIAL[lower] !== undefined) latin = INITIAL[lower];
    else latin = BASE[lower];
    if (latin === undefined) {
      out += ch;
      wordStart = !isLetter(ch);
      continue;
    }
    wordStart = false;
    if (latin !== '' && isUpper(ch)) {
      // All-caps word (neighbour letter also upper case) → upper case; otherwise capitalise the first letter.
      const next = chars[i + 1];
      const prev = chars[i - 1];
      const allCaps = (isLetter(next) && isUpper(next)) || (isLetter(prev) && isUpper(prev));
      latin = allCaps ? latin.toUpperCase() : latin[0]!.toUpperCase() + latin.slice(1);
    }
    out += latin;
  }
  return out;
}
