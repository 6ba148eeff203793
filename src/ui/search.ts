/**
 * Name search over oblasts and raions (src/ui/view/areas.ts: they frame the map), hromadas, located settlements and
 * the cities spread over cells (DemandTable.cities: found by name, they open their hromada): Ukrainian with or
 * without «громада» / its type word, «область» / «обл.», «район» / «р-н» (and oblast, raion, district), apostrophe
 * variants, and Latin transliteration (KMU 2010, as in name_en) or the English oblast name ('Chernihiv oblast').
 * A kind word in the query ranks that kind first: «Чернігівська область» the oblast, «Чернігівська громада» the
 * hromada; without one, an oblast comes before its namesake hromada.
 */
import type { DemandTable, HromadaTable } from '../engine/types';
import type { Area } from '../state/app-state';
import { listAreas } from './view/areas';

// \b is ASCII-only in JS regexps, so word edges are spelled out with \p{L} lookarounds.
const TYPE_WORDS = /(?<!\p{L})(територіальна|сільська|селищна|міська|громада|гр\.|hromada|silska|selyshchna|miska|territorial|community)(?!\p{L})/giu;
const OBLAST_WORDS = /(?<!\p{L})(область|обл\.?|oblast|obl\.?|region|oblasti)(?!\p{L})/giu;
const RAION_WORDS = /(?<!\p{L})(район|р-н|р\.|raion|rayon|raione|district)(?!\p{L})/giu;
const HROMADA_WORDS = /(?<!\p{L})(громада|гр\.|hromada|community)(?!\p{L})/iu;

/** KMU 2010 transliteration table (position-dependent є ї й ю я at word start handled below). */
const KMU: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia', "'": '', '’': '', 'ʼ': '',
};
const KMU_START: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

/** Latin transliteration of a Ukrainian name (lower case, KMU 2010: word-initial є ї й ю я → ye yi y yu ya; зг → zgh). */
export function transliterate(s: string): string {
  let out = '';
  let prev = '';
  for (const ch of s.toLowerCase()) {
    const start = !/[\p{L}'’ʼ]/u.test(prev);
    let t = start && KMU_START[ch] !== undefined ? KMU_START[ch] : KMU[ch];
    if (ch === 'г' && prev === 'з') t = 'gh';
    out += t ?? ch;
    prev = ch;
  }
  return out;
}

/** Lower case, unified apostrophes, type words removed, spaces collapsed. */
export function normalise(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’ʼ`´']/g, "'")
    .replace(/[«»"“”]/g, '')
    .replace(TYPE_WORDS, ' ')
    .replace(OBLAST_WORDS, ' ')
    .replace(RAION_WORDS, ' ')
    .replace(/[-–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Latin-only key (for matching Latin queries): transliterated, apostrophes dropped. */
function latinKey(s: string): string {
  return normalise(transliterate(normalise(s))).replace(/'/g, '');
}

export type SearchHit =
  /** An oblast or raion: `index` into listAreas(hromadas). */
  | { kind: 'area'; index: number; area: Area; members: number; score: number }
  | { kind: 'hromada'; index: number; score: number }
  | { kind: 'settlement'; index: number; hromada: number; score: number }
  /** A city of 50,000+ spread over cells: `index` into DemandTable.cities. */
  | { kind: 'city'; index: number; hromada: number; score: number };

export interface SearchIndex {
  search(query: string, limit?: number): SearchHit[];
}

export function buildSearchIndex(hromadas: HromadaTable, demand: DemandTable): SearchIndex {
  const hKeys = hromadas.names.map((n, i) => ({ uk: normalise(n), lat: hromadas.namesEn[i] ? normalise(hromadas.namesEn[i]!).replace(/'/g, '') : latinKey(n) }));
  const sIdx: number[] = [];
  const sKeys: { uk: string; lat: string }[] = [];
  for (let i = 0; i < demand.count; i++) {
    if (demand.kind[i] !== 0 || !demand.names[i]) continue;
    sIdx.push(i);
    sKeys.push({ uk: normalise(demand.names[i]!), lat: latinKey(demand.names[i]!) });
  }
  const cities = demand.cities ?? [];
  const cKeys = cities.map((c) => ({ uk: normalise(c.name), lat: latinKey(c.name) }));
  const areas = listAreas(hromadas);
  // An oblast by its adjective (чернігівська / chernihivska) and by the data's English name (Chernihiv), which is
  // also its centre's name: that key ranks below the city of that name unless the query says «oblast».
  const aKeys = areas.map((a) => {
    const name = a.area.kind === 'oblast' ? a.area.oblast : a.area.raion;
    return { uk: normalise(name), lat: latinKey(name), en: a.nameEn ? normalise(a.nameEn).replace(/'/g, '') : '' };
  });
  const match = (k: string, q: string): number => (k === q ? 3 : k.startsWith(q) ? 2 : k.includes(q) ? 1 : 0);
  const score = (key: { uk: string; lat: string }, q: string, latin: boolean): number => match(latin ? key.lat : key.uk, q);
  return {
    search(query, limit = 12) {
      const q0 = normalise(query);
      if (q0.length < 2) return [];
      const latin = !/\p{Script=Cyrillic}/u.test(q0);
      const q = latin ? q0.replace(/'/g, '') : q0;
      const lower = query.toLowerCase();
      const saysOblast = new RegExp(OBLAST_WORDS.source, 'iu').test(lower);
      const saysRaion = new RegExp(RAION_WORDS.source, 'iu').test(lower);
      const saysHromada = HROMADA_WORDS.test(lower);
      const hits: SearchHit[] = [];
      aKeys.forEach((k, i) => {
        const a = areas[i]!;
        const oblast = a.area.kind === 'oblast';
        let s = score(k, q, latin) ? score(k, q, latin) + (oblast ? 0.6 : 0.55) : 0;
        if (latin && k.en) s = Math.max(s, match(k.en, q) ? match(k.en, q) + 0.2 : 0);
        if (!s) return;
        if (oblast ? saysOblast : saysRaion) s += 2;
        hits.push({ kind: 'area', index: i, area: a.area, members: a.members.length, score: s + Math.log10(1 + a.population) / 100 });
      });
      hKeys.forEach((k, i) => {
        const s = score(k, q, latin);
        if (s) hits.push({ kind: 'hromada', index: i, score: s + 0.5 + (saysHromada ? 1 : 0) + Math.log10(1 + hromadas.popTotal[i]!) / 100 });
      });
      sKeys.forEach((k, j) => {
        const s = score(k, q, latin);
        const d = sIdx[j]!;
        if (s) hits.push({ kind: 'settlement', index: d, hromada: demand.hromada[d]!, score: s + Math.log10(1 + demand.population[d]!) / 100 });
      });
      cKeys.forEach((k, c) => {
        const s = score(k, q, latin);
        const city = cities[c]!;
        // A city ranks with the settlements, by its population (a city of 50,000+ comes before its namesake villages).
        if (s) hits.push({ kind: 'city', index: c, hromada: city.hromada, score: s + 0.25 + Math.log10(1 + city.population) / 100 });
      });
      hits.sort((a, b) => b.score - a.score);
      return hits.slice(0, limit);
    },
  };
}
