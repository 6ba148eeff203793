/**
 * The scenario's facility edits in a shared link: compact JSON → deflate (fflate) → base64url, the hash's `e=` value.
 * What cannot go into a link (imported files, or edits past the length limit) is named in `x=` so the recipient is
 * told the link is incomplete instead of silently seeing other numbers.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { FacilityEdit, Scenario } from '../io/scenario';

/** Longest hash the page writes with edits in it; past this the edits are left out and `x=edits` says so. */
export const MAX_HASH_CHARS = 6000;

/** What a link can leave out: the facility edits (too long) or imported files. */
export type LinkOmission = 'edits' | 'imports';

const TAG = '$n';

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) return { [TAG]: Object.is(value, -0) ? '-0' : String(value) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === TAG && typeof o[TAG] === 'string') return Number(o[TAG]);
  }
  return value;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const b = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
}

/** Edits → the `e=` value (base64url, no padding). */
export function encodeEdits(edits: readonly FacilityEdit[]): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(edits, replacer)), { level: 9 }));
}

function isEdit(v: unknown): v is FacilityEdit {
  if (!v || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  const id = typeof e.id === 'string';
  switch (e.op) {
    case 'add': {
      const f = e.facility as Record<string, unknown> | null;
      return !!f && typeof f === 'object' && typeof f.id === 'string' && typeof f.lon === 'number' && typeof f.lat === 'number' && typeof f.type === 'string';
    }
    case 'move':
      return id && typeof e.lon === 'number' && typeof e.lat === 'number';
    case 'update':
      return id && !!e.changes && typeof e.changes === 'object' && !Array.isArray(e.changes);
    case 'remove':
      return id;
    default:
      return false;
  }
}

/** The `e=` value → edits; null (with a console warning) for anything encodeEdits did not write. Never throws. */
export function decodeEdits(text: string): FacilityEdit[] | null {
  try {
    const parsed: unknown = JSON.parse(strFromU8(inflateSync(fromBase64Url(text))), reviver);
    if (!Array.isArray(parsed) || !parsed.every(isEdit)) throw new Error('not a list of facility edits');
    return parsed;
  } catch (err) {
    console.warn(`Link's facility edits (e=) ignored: ${err instanceof Error ? err.message : String(err)}.`);
    return null;
  }
}

/** The scenario's part of a link: its edits, and `imports` when it uses imported files (never in a URL). */
export function linkScenarioOf(s: Pick<Scenario, 'facilityEdits' | 'facilityImports' | 'demand' | 'matrix' | 'boundaries' | 'territory'>): {
  edits: readonly FacilityEdit[];
  omitted: LinkOmission[];
} {
  const imports = s.facilityImports.length > 0 || !!s.demand || !!s.matrix || !!s.boundaries || !!s.territory;
  return { edits: s.facilityEdits, omitted: imports ? ['imports'] : [] };
}

/**
 * The facility edits a link stands for, so the recipient never silently sees other facilities than the sender:
 * - the link's `e=` edits (null when they cannot be read: the page keeps its own, with a console warning);
 * - none (`[]`) for a full link (one the page wrote: it names the service) without `e=` and not saying its edits
 *   were left out (`x=edits`) — the sender had no edits, so saved ones must not leak in;
 * - null (keep what the page has) for anything else: a bare or partial hash, or a link whose edits were left out.
 * @example linkEditsOf('#s=fire&z=6') // []
 */
export function linkEditsOf(hash: string): FacilityEdit[] | null {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const e = q.get('e');
  if (e !== null) return decodeEdits(e);
  const full = q.get('s') === 'fire' || q.get('s') === 'police';
  const x = q.get('x');
  const leftOut = x !== null && x.split(',').some((w) => w !== 'imports');
  return full && !leftOut ? [] : null;
}

/** The `e=` / `x=` parts of a hash as written (kept while the page has not yet restored its scenario). */
export function linkParts(hash: string): string[] {
  return hash
    .replace(/^#/, '')
    .split('&')
    .filter((p) => p.startsWith('e=') || p.startsWith('x='));
}
