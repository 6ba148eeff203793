/**
 * Which demand units a plan covers: scope specs (country, oblast, raion, hromadas), their parsing and selection, and
 * leaving occupied territory out.
 */
import { isOccupiedCode, type DemandTable, type HromadaTable } from '../types';

/** Which demand units to plan for. */
export type ScopeSpec =
  | { kind: 'country' }
  | { kind: 'oblast'; name: string }
  | { kind: 'raion'; name: string }
  | { kind: 'hromada'; codes: string[] };

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');
const stripSuffix = (s: string): string => norm(s).replace(/\s+(oblast|область|raion|район|obl\.?|р-н)$/u, '');

/**
 * Demand indices in a scope. Oblast and raion names match case-insensitively, with or without the word
 * "область"/"oblast"/"район"/"raion", in Ukrainian or (oblast) English; hromadas by KATOTTG code.
 * Throws naming the scope when nothing matches.
 */
export function selectScope(demand: DemandTable, hromadas: HromadaTable, scope: ScopeSpec): Int32Array {
  if (scope.kind === 'country') return Int32Array.from({ length: demand.count }, (_, i) => i);
  const inScope = new Uint8Array(hromadas.count);
  let matched = 0;
  if (scope.kind === 'hromada') {
    const want = new Set(scope.codes.map((c) => c.trim().toUpperCase()));
    for (let h = 0; h < hromadas.count; h++) {
      if (want.has(hromadas.codes[h]!.toUpperCase())) {
        inScope[h] = 1;
        matched++;
      }
    }
  } else {
    const want = stripSuffix(scope.name);
    for (let h = 0; h < hromadas.count; h++) {
      const names =
        scope.kind === 'oblast' ? [hromadas.oblasts[h] ?? '', hromadas.oblastsEn[h] ?? ''] : [hromadas.raions[h] ?? ''];
      if (names.some((n) => n !== '' && (stripSuffix(n) === want || norm(n) === norm(scope.name)))) {
        inScope[h] = 1;
        matched++;
      }
    }
  }
  if (matched === 0) {
    const what = scope.kind === 'hromada' ? scope.codes.join(',') : scope.name;
    throw new Error(`Scope ${scope.kind}:${what} matches no hromada.`);
  }
  const out: number[] = [];
  for (let i = 0; i < demand.count; i++) {
    const h = demand.hromada[i]!;
    if (h >= 0 && inScope[h]) out.push(i);
  }
  return Int32Array.from(out);
}

/** What dropping occupied territory took out of a scope (see {@link dropOccupied}). */
export interface OccupiedExclusion {
  /** Demand units and their people dropped. */
  units: number;
  people: number;
  /** Occupied hromadas those units belong to. */
  hromadas: number;
  /** Explicit candidate points dropped because their hromada is occupied (0 for settlement / cell candidates). */
  candidates: number;
}

/** True when hromada `h` is occupied by the table's status (a table without a status column: none is). */
export function isOccupiedHromada(hromadas: Pick<HromadaTable, 'status'>, h: number): boolean {
  const st = (hromadas as Partial<Pick<HromadaTable, 'status'>>).status;
  return h >= 0 && st !== undefined && isOccupiedCode(st[h] ?? 0);
}

/**
 * The units of `scope` outside occupied hromadas (HromadaTable.status, the territory list in use), and what was
 * dropped. Units outside every hromada are kept.
 */
export function dropOccupied(
  demand: DemandTable,
  hromadas: HromadaTable,
  scope: Int32Array,
): { scope: Int32Array; excluded: OccupiedExclusion } {
  const out: number[] = [];
  const occ = new Set<number>();
  let people = 0;
  for (const i of scope) {
    const h = demand.hromada[i]!;
    if (isOccupiedHromada(hromadas, h)) {
      occ.add(h);
      people += demand.population[i]!;
    } else out.push(i);
  }
  return {
    scope: out.length === scope.length ? scope : Int32Array.from(out),
    excluded: { units: scope.length - out.length, people, hromadas: occ.size, candidates: 0 },
  };
}

/** Parses `country`, `oblast:NAME`, `raion:NAME`, `hromada:CODE[,CODE…]`. */
export function parseScope(text: string): ScopeSpec {
  const t = text.trim();
  if (t === '' || t === 'country') return { kind: 'country' };
  const m = /^(oblast|raion|hromada):(.+)$/.exec(t);
  if (!m) throw new Error(`--scope "${text}": expected country, oblast:NAME, raion:NAME or hromada:KATOTTG.`);
  const kind = m[1]!;
  const rest = m[2]!.trim();
  if (kind === 'hromada')
    return {
      kind: 'hromada',
      codes: rest
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  return { kind: kind as 'oblast' | 'raion', name: rest };
}
