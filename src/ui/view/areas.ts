/**
 * Oblasts and raions as areas of view (issue 15, point 2): the list the search offers, read from the hromada table
 * (each hromada names its oblast and raion), their names in the page's language, the hromadas inside, and the box the
 * map frames (the union of their polygons' boxes). Kyiv city, an "oblast" of one hromada, is found as the hromada.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { HromadaTable } from '../../engine/types';
import type { Lang } from '../../i18n';
import { placeName } from '../../i18n/place-name';
import type { Area } from '../../state/app-state';

/** One area with its members: hromada indices into the HromadaTable. */
export interface AreaEntry {
  area: Area;
  /** English short name from the data (oblast_en: 'Chernihiv'); '' for raions. */
  nameEn: string;
  members: number[];
  population: number;
}

/**
 * Every oblast and raion of the table, oblasts first (sorted by Ukrainian name), raions after. Oblasts of a single
 * hromada with no raion (Kyiv city) are left out: the hromada itself is the view.
 */
export function listAreas(h: Pick<HromadaTable, 'count' | 'oblasts' | 'oblastsEn' | 'raions' | 'popTotal'>): AreaEntry[] {
  const oblasts = new Map<string, AreaEntry>();
  const raions = new Map<string, AreaEntry>();
  for (let i = 0; i < h.count; i++) {
    const o = h.oblasts[i] ?? '';
    if (!o) continue;
    const pop = h.popTotal[i] ?? 0;
    let e = oblasts.get(o);
    if (!e) oblasts.set(o, (e = { area: { kind: 'oblast', oblast: o }, nameEn: h.oblastsEn[i] ?? '', members: [], population: 0 }));
    e.members.push(i);
    e.population += pop;
    const r = h.raions[i] ?? '';
    if (!r) continue;
    const key = `${o}/${r}`;
    let re = raions.get(key);
    if (!re) raions.set(key, (re = { area: { kind: 'raion', oblast: o, raion: r }, nameEn: '', members: [], population: 0 }));
    re.members.push(i);
    re.population += pop;
  }
  // one collator and each name made once (localeCompare per comparison took 30-40 ms at start-up)
  const collator = new Intl.Collator('uk');
  const names = new Map<AreaEntry, string>();
  const nameOf = (e: AreaEntry) => names.get(e) ?? names.set(e, areaName(e.area, 'uk')).get(e)!;
  const byName = (a: AreaEntry, b: AreaEntry) => collator.compare(nameOf(a), nameOf(b));
  const withRaions = new Set([...raions.values()].map((r) => r.area.oblast));
  const obl = [...oblasts.values()].filter((e) => e.members.length > 1 || withRaions.has(e.area.oblast)).sort(byName);
  return [...obl, ...[...raions.values()].sort(byName)];
}

/** Same area (kind and names). */
export function sameArea(a: Area | null | undefined, b: Area | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.kind === b.kind && a.oblast === b.oblast && (a.kind === 'oblast' || (b.kind === 'raion' && a.raion === b.raion));
}

/** The area's entry in `list`, or undefined (a link naming an oblast the data do not have). */
export function findArea(list: readonly AreaEntry[], area: Area | null): AreaEntry | undefined {
  return area ? list.find((e) => sameArea(e.area, area)) : undefined;
}

/**
 * The area's name as a title: «Чернігівська область», «Ніжинський район»; in English 'Chernihiv Oblast' (the data's
 * English oblast name when given) and 'Nizhynskyi Raion' (KMU 2010).
 * @param withOblast a raion followed by its oblast («Ніжинський район, Чернігівська область»)
 */
export function areaName(area: Area, lang: Lang, oblastEn = '', withOblast = false): string {
  const oblast = lang === 'en' ? `${oblastEn || placeName(area.oblast, 'en')} Oblast` : `${area.oblast} область`;
  if (area.kind === 'oblast') return oblast;
  const raion = lang === 'en' ? `${placeName(area.raion, 'en')} Raion` : `${area.raion} район`;
  return withOblast ? `${raion}, ${oblast}` : raion;
}

/** [west, south, east, north] of a polygon feature, degrees. */
export function featureBbox(f: Feature<Polygon | MultiPolygon>): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const ring = (r: Position[]) => {
    for (const p of r) {
      const x = p[0]!;
      const y = p[1]!;
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  };
  const g = f.geometry;
  if (g.type === 'Polygon') g.coordinates.forEach(ring);
  else g.coordinates.forEach((p) => p.forEach(ring));
  return [w, s, e, n];
}

/**
 * The box around the members' polygons, as MapLibre's fitBounds takes it ([[west, south], [east, north]]), or null
 * when none has a polygon.
 */
export function areaBounds(
  members: readonly number[],
  features: readonly Feature<Polygon | MultiPolygon>[],
): [[number, number], [number, number]] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const i of members) {
    const f = features[i];
    if (!f) continue;
    const [a, b, c, d] = featureBbox(f);
    w = Math.min(w, a);
    s = Math.min(s, b);
    e = Math.max(e, c);
    n = Math.max(n, d);
  }
  return Number.isFinite(w) ? [[w, s], [e, n]] : null;
}
