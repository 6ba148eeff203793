/**
 * Persistence of scenarios in IndexedDB (idb-keyval): the working scenario saved on every change (debounced, and
 * flushed when the tab is hidden) and restored on reload, plus named scenarios that can be saved, duplicated,
 * renamed and deleted. The key-value store is injected, so the logic is tested in Node with a Map.
 */
import { createStore, del, get, set } from 'idb-keyval';
import { readScenarioSlides, SCENARIO_FORMAT, SCENARIO_VERSION, type Scenario } from '../io/scenario';

/** The three operations the store needs (idb-keyval's, or a Map in tests). */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

/** One named scenario in the list (the scenario itself is stored under its own key). */
export interface NamedScenarioInfo {
  id: string;
  name: string;
  /** ISO time of the last save or rename. */
  savedAt: string;
}

const CURRENT = 'current';
/** Items per stored chunk of a large list (one IndexedDB put each, so no single put blocks the page for long). */
export const PART_ITEMS = 5000;
/** Boundary polygons per chunk: imported boundaries are always stored apart (a few polygons can be megabytes). */
export const BOUNDARY_PART_ITEMS = 200;

/** A large list of the working scenario stored apart, in chunks, and written once (lists are never mutated). */
interface PartRef {
  $part: string;
  chunks: number;
  length: number;
  /** Set once the part is deleted, so the same list is written again if it comes back. */
  deleted?: boolean;
}

const isPartRef = (v: unknown): v is PartRef => !!v && typeof v === 'object' && typeof (v as PartRef).$part === 'string';
const INDEX = 'index';
const named = (id: string) => `named:${id}`;

/** The browser's store: database `hromada-coverage`, object store `scenarios`. */
export function idbStore(): KeyValueStore {
  const store = createStore('hromada-coverage', 'scenarios');
  return {
    get: <T>(key: string) => get<T>(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
  };
}

/** A Map-backed store (tests, or when IndexedDB is unavailable). */
export function memoryStore(map = new Map<string, unknown>()): KeyValueStore & { map: Map<string, unknown> } {
  return {
    map,
    get: <T>(key: string) => Promise.resolve(structuredClone(map.get(key)) as T | undefined),
    set: (key, value) => {
      map.set(key, structuredClone(value));
      return Promise.resolve();
    },
    del: (key) => {
      map.delete(key);
      return Promise.resolve();
    },
  };
}

function isScenario(v: unknown): v is Scenario {
  const o = v as Partial<Scenario> | null | undefined;
  return !!o && o.format === SCENARIO_FORMAT && o.version === SCENARIO_VERSION && Array.isArray(o.facilityImports) && Array.isArray(o.facilityEdits) && !!o.params;
}

/**
 * Scenario persistence over a key-value store. Index updates are serialized, so concurrent calls cannot lose entries.
 * @example const s = new ScenarioStore(idbStore()); await s.saveCurrent(scenario); await s.loadCurrent()
 */
export class ScenarioStore {
  private chain: Promise<unknown> = Promise.resolve();
  /** Lists already stored as parts, by identity. */
  private readonly parts = new WeakMap<readonly unknown[], PartRef>();
  /** Parts the stored working scenario refers to. */
  private currentParts = new Map<string, PartRef>();

  constructor(
    private readonly kv: KeyValueStore,
    private readonly now: () => string = () => new Date().toISOString(),
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async putPart(list: readonly unknown[], size: number): Promise<PartRef> {
    const known = this.parts.get(list);
    if (known && !known.deleted) return known;
    const ref: PartRef = { $part: `part:${this.newId()}`, chunks: Math.ceil(list.length / size), length: list.length };
    for (let k = 0; k < ref.chunks; k++) await this.kv.set(`${ref.$part}:${k}`, list.slice(k * size, (k + 1) * size));
    this.parts.set(list, ref);
    return ref;
  }

  private async getPart(ref: PartRef): Promise<unknown[] | null> {
    const out: unknown[] = [];
    for (let k = 0; k < ref.chunks; k++) {
      const chunk = await this.kv.get<unknown[]>(`${ref.$part}:${k}`);
      if (!Array.isArray(chunk)) return null;
      for (const x of chunk) out.push(x);
    }
    if (out.length !== ref.length) return null;
    const known: PartRef = { $part: ref.$part, chunks: ref.chunks, length: ref.length };
    this.parts.set(out, known);
    this.currentParts.set(ref.$part, known);
    return out;
  }

  /** The autosaved working scenario, or null (none, a missing part, or not a scenario). */
  async loadCurrent(): Promise<Scenario | null> {
    const v = await this.kv.get<Record<string, unknown>>(CURRENT);
    if (!v || typeof v !== 'object') return null;
    const resolve = async (x: unknown): Promise<unknown> => (isPartRef(x) ? ((await this.getPart(x)) ?? x) : x);
    const s = { ...v } as Record<string, unknown> & Partial<Scenario>;
    if (Array.isArray(v.facilityImports))
      s.facilityImports = await Promise.all(
        (v.facilityImports as Record<string, unknown>[]).map(async (imp) => ({ ...imp, facilities: await resolve(imp.facilities) }) as unknown as Scenario['facilityImports'][number]),
      );
    for (const k of ['demand', 'matrix', 'boundaries'] as const) {
      const part = v[k] as { rows?: unknown } | null | undefined;
      if (part && typeof part === 'object') s[k] = { ...part, rows: await resolve(part.rows) } as never;
    }
    s.boundaries ??= null;
    s.territory ??= null;
    // The presentation's slides, checked as a file's are (one that no longer reads is left out).
    if (s.slides !== undefined) s.slides = readScenarioSlides(s.slides).slides;
    delete s.slideNotes;
    const ok =
      isScenario(s) &&
      s.facilityImports.every((i) => Array.isArray(i.facilities)) &&
      [s.demand, s.matrix, s.boundaries, s.territory].every((part) => !part || Array.isArray(part.rows));
    return ok ? (s as Scenario) : null;
  }

  /**
   * Saves the working scenario. Lists of PART_ITEMS or more (imported facilities, settlements, matrix) are stored
   * apart in chunks, once; later saves (a parameter change) write only the small rest. Parts no longer used are deleted.
   */
  saveCurrent(s: Scenario): Promise<void> {
    return this.serial(async () => {
      const used = new Map<string, PartRef>();
      const big = async <T>(list: T[], size = PART_ITEMS): Promise<T[] | PartRef> => {
        if (list.length < size) return list;
        const ref = await this.putPart(list, size);
        used.set(ref.$part, ref);
        return ref;
      };
      const facilityImports = [];
      for (const imp of s.facilityImports) facilityImports.push({ ...imp, facilities: await big(imp.facilities) });
      const demand = s.demand && { ...s.demand, rows: await big(s.demand.rows) };
      const matrix = s.matrix && { ...s.matrix, rows: await big(s.matrix.rows) };
      const boundaries = s.boundaries && { ...s.boundaries, rows: await big(s.boundaries.rows, Math.min(BOUNDARY_PART_ITEMS, s.boundaries.rows.length || 1)) };
      await this.kv.set(CURRENT, { ...s, facilityImports, demand, matrix, boundaries });
      for (const [key, ref] of this.currentParts) {
        if (used.has(key)) continue;
        ref.deleted = true;
        for (let k = 0; k < ref.chunks; k++) await this.kv.del(`${key}:${k}`);
      }
      this.currentParts = used;
    });
  }

  /** Forgets the working scenario and its parts. */
  clearCurrent(): Promise<void> {
    return this.serial(async () => {
      await this.kv.del(CURRENT);
      for (const [key, ref] of this.currentParts) {
        ref.deleted = true;
        for (let k = 0; k < ref.chunks; k++) await this.kv.del(`${key}:${k}`);
      }
      this.currentParts = new Map();
    });
  }

  /** Named scenarios, newest first. */
  async list(): Promise<NamedScenarioInfo[]> {
    const v = await this.kv.get<NamedScenarioInfo[]>(INDEX);
    return Array.isArray(v) ? [...v].sort((a, b) => b.savedAt.localeCompare(a.savedAt)) : [];
  }

  /** A named scenario, or null. */
  async get(id: string): Promise<Scenario | null> {
    const v = await this.kv.get<unknown>(named(id));
    return isScenario(v) ? { ...v, boundaries: v.boundaries ?? null, territory: v.territory ?? null } : null;
  }

  /** Saves `s` as a new named scenario. */
  save(name: string, s: Scenario): Promise<NamedScenarioInfo> {
    return this.serial(async () => {
      const info: NamedScenarioInfo = { id: this.newId(), name, savedAt: this.now() };
      await this.kv.set(named(info.id), { ...s, name, savedAt: info.savedAt });
      await this.kv.set(INDEX, [...(await this.list()), info]);
      return info;
    });
  }

  /** Renames a named scenario (its stored copy too). */
  rename(id: string, name: string): Promise<void> {
    return this.serial(async () => {
      const s = await this.get(id);
      if (!s) return;
      const savedAt = this.now();
      await this.kv.set(named(id), { ...s, name, savedAt });
      await this.kv.set(
        INDEX,
        (await this.list()).map((i) => (i.id === id ? { ...i, name, savedAt } : i)),
      );
    });
  }

  /** Copies a named scenario under a new name. */
  async duplicate(id: string, name: string): Promise<NamedScenarioInfo | null> {
    const s = await this.get(id);
    return s ? this.save(name, s) : null;
  }

  remove(id: string): Promise<void> {
    return this.serial(async () => {
      await this.kv.del(named(id));
      await this.kv.set(
        INDEX,
        (await this.list()).filter((i) => i.id !== id),
      );
    });
  }
}

/**
 * Debounced saving: `schedule` keeps only the latest value and saves it `delayMs` after the last call; `flush`
 * saves a pending value now (on `visibilitychange`/`pagehide`, so a closed or crashed tab loses at most `delayMs`).
 */
export function createAutosaver<T>(save: (v: T) => Promise<void>, delayMs = 400, onError: (e: unknown) => void = () => undefined) {
  let pending: { v: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let saving: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!pending) return saving;
    const { v } = pending;
    pending = null;
    saving = saving.then(() => save(v)).catch(onError);
    return saving;
  };
  return {
    schedule(v: T): void {
      pending = { v };
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
    /** True while a value waits for its timer. */
    get pending(): boolean {
      return pending !== null;
    },
  };
}
