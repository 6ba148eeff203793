/**
 * The slides of a scenario file (presentation mode, issue 15 point 4), checked at the edge: each slide is read on its
 * own, and a slide that fails is left out with a message naming the slide and the field, so one bad slide never
 * costs the rest of the file. The ScenarioSlide type lives in scenario.ts; the edit check is passed in (it lives
 * there too), which keeps this module free of a cycle.
 */

/** Longest caption kept (characters). */
export const MAX_CAPTION = 1000;
/** Longest parameter string of a slide (characters; a link's query without the map, selection and edits). */
export const MAX_SLIDE_PARAMS = 2000;

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const inRange = (v: unknown, lo: number, hi: number): boolean => finite(v) && v >= lo && v <= hi;

/** A hromada code as links carry it: KATOTTG or an imported boundary's own code. */
export const HROMADA_CODE = /^[\p{L}\p{N}._-]{1,64}$/u;

/**
 * The problem with one slide (field names relative to the slide), or null.
 * @param checkEdit the scenario file's check of one facility edit (scenario.ts)
 */
export function slideProblem(s: unknown, checkEdit: (e: unknown, where: string) => string | null): string | null {
  if (!isObj(s)) return 'is not an object';
  if (typeof s.id !== 'string' || s.id === '' || s.id.length > 64) return 'id is not text of 1 to 64 characters';
  if (typeof s.caption !== 'string') return 'caption is not text';
  if (s.caption.length > MAX_CAPTION) return `caption is longer than ${MAX_CAPTION} characters`;
  const v = s.view;
  if (!isObj(v)) return 'view is not an object with lon, lat, zoom and bearing';
  if (!inRange(v.lon, -180, 180)) return 'view.lon is not a longitude from -180 to 180';
  if (!inRange(v.lat, -85, 85)) return 'view.lat is not a latitude from -85 to 85';
  if (!inRange(v.zoom, 0, 24)) return 'view.zoom is not a number from 0 to 24';
  if (!inRange(v.bearing, -360, 360)) return 'view.bearing is not a number of degrees from -360 to 360';
  const b = s.bounds;
  if (!Array.isArray(b) || b.length !== 4 || !b.every(finite)) return 'bounds needs 4 numbers [west, south, east, north]';
  const [w, so, e, n] = b as [number, number, number, number];
  if (!(w >= -180 && e <= 180 && w < e)) return 'bounds west and east must be longitudes with west < east';
  if (!(so >= -85 && n <= 85 && so < n)) return 'bounds south and north must be latitudes with south < north';
  if (typeof s.params !== 'string') return 'params is not text';
  if (s.params.length > MAX_SLIDE_PARAMS) return `params is longer than ${MAX_SLIDE_PARAMS} characters`;
  if (!/^[A-Za-z0-9_=&.,%+\-/!~*'()]*$/.test(s.params)) return 'params has characters a link never has';
  const service = new URLSearchParams(s.params).get('s');
  if (service !== 'fire' && service !== 'police') return 'params does not name the service (s=fire or s=police)';
  if (s.hromada !== null && !(typeof s.hromada === 'string' && HROMADA_CODE.test(s.hromada))) return 'hromada is not a hromada code or null';
  if (!Array.isArray(s.edits)) return 'edits is not a list';
  for (const [i, e] of s.edits.entries()) {
    const p = checkEdit(e, `edits[${i}]`);
    if (p) return p;
  }
  return null;
}

/**
 * The slides of a file: those that pass, in order, and a message for each left out (a repeated id leaves out the
 * later slide). `undefined` (files from before slides) reads as no slides.
 * @example readSlides(undefined, check) // { slides: [], notes: [] }
 */
export function readSlides<S>(v: unknown, checkEdit: (e: unknown, where: string) => string | null): { slides: S[]; notes: string[] } {
  if (v === undefined || v === null) return { slides: [], notes: [] };
  if (!Array.isArray(v)) return { slides: [], notes: ['slides is not a list: no slides were read'] };
  const slides: S[] = [];
  const notes: string[] = [];
  const ids = new Set<string>();
  v.forEach((s, i) => {
    const p = slideProblem(s, checkEdit) ?? (ids.has((s as { id: string }).id) ? `id ${JSON.stringify((s as { id: string }).id)} is repeated` : null);
    if (p) notes.push(`slides[${i}] left out: ${p}`);
    else {
      ids.add((s as { id: string }).id);
      slides.push(s as S);
    }
  });
  return { slides, notes };
}
