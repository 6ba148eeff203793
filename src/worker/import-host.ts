/**
 * The import worker's logic, kept apart from the worker entry (import.worker.ts) so it runs in Node tests: reads a
 * file, runs src/io's importAny (or parseScenario for a scenario file) and keeps the full result, answering the page
 * with a small preview. Rows and the rejected-rows CSV are fetched only when the user confirms or downloads, so a
 * 100,000-row file never crosses to the main thread just to be previewed.
 */
import type { Facility, FacilityType } from '../engine/types';
import { binaryFormatOf, importAny, loadBinaryReaders, rejectedRowsCsv, type AnyImport } from '../io';
import { parseScenario, SCENARIO_FORMAT, type Scenario } from '../io/scenario';
import type { FileError, FileKind, ImportContext, ImportResult, RowIssue } from '../io/types';

/** Rows of the preview lists (the rest are in the downloadable CSV). */
export const PREVIEW_ISSUES = 500;
/** Accepted rows shown as a sample. */
export const PREVIEW_SAMPLE = 5;
/**
 * Rows per message when the page fetches the accepted rows: each message is unpacked (structured clone) in its own
 * main-thread task, so 100,000 rows arrive as short tasks instead of one long one.
 */
export const ROWS_CHUNK = 5000;

export interface ImportRequest {
  /** The file (read in the worker) or its text (tests). */
  file: Blob | string;
  fileName: string;
  /** The kind the user confirmed; null = detect. */
  kind: FileKind | null;
  /** Swap clearly swapped lat/lon instead of rejecting those rows. */
  fixSwapped?: boolean;
  /** XLSX: the sheet to read (name); default the first sheet with data. */
  sheet?: string;
  /** Ids of the facilities loaded now (matrix checks). */
  facilityIds: string[];
}

/** A sample accepted row, as plain text cells for display. */
export interface SampleRow {
  id: string;
  name: string;
  type: string;
  lat: number;
  lon: number;
}

export interface ImportPreview {
  /** Handle of the full result kept in the worker. */
  token: number;
  fileName: string;
  /** 'scenario' for a scenario file; null when the kind could not be told. */
  kind: FileKind | 'scenario' | null;
  fileError: FileError | null;
  detected: ImportResult<unknown>['detected'];
  rowCount: number;
  rejectedCount: number;
  flaggedCount: number;
  /** Rejected rows whose lat/lon are swapped (fixable with `fixSwapped`). */
  swappedCount: number;
  /** First PREVIEW_ISSUES rejected rows (raw cells dropped). */
  rejected: RowIssue[];
  /** First PREVIEW_ISSUES flagged rows (raw cells dropped). */
  flagged: RowIssue[];
  /** Facilities only: accepted rows per type. */
  typeCounts: Partial<Record<FacilityType, number>>;
  sample: SampleRow[];
  /** The parsed scenario, for a scenario file. */
  scenario: Scenario | null;
}

export type ImportMessage =
  | { id: number; type: 'import'; req: ImportRequest }
  | { id: number; type: 'rows'; token: number }
  | { id: number; type: 'rejectedCsv'; token: number }
  | { id: number; type: 'drop'; token: number };

/**
 * Worker → page. `rows` answers with `part` messages (ROWS_CHUNK rows each, in order) before its final `payload`
 * (the last rows); the client joins them.
 */
export type ImportReply =
  | { id: number; ok: true; payload: unknown }
  | { id: number; ok: true; part: unknown[] }
  | { id: number; ok: false; error: string };

const strip = (i: RowIssue): RowIssue => ({ ...i, raw: {} });

async function readInput(file: Blob | string): Promise<Uint8Array | string> {
  return typeof file === 'string' ? file : new Uint8Array(await file.arrayBuffer());
}

function looksLikeScenario(input: Uint8Array | string): string | null {
  const head = typeof input === 'string' ? input.slice(0, 400) : new TextDecoder().decode(input.subarray(0, 400));
  if (!head.includes(SCENARIO_FORMAT)) return null;
  return typeof input === 'string' ? input : new TextDecoder().decode(input);
}

function sampleOf(imp: AnyImport): SampleRow[] {
  const rows = imp.result.rows.slice(0, PREVIEW_SAMPLE) as unknown[];
  return rows.map((r) => {
    const o = r as Partial<Facility> & { facilityId?: string; demandId?: string; minutes?: number; category?: string; code?: string };
    if (imp.kind === 'matrix') return { id: `${o.facilityId} → ${o.demandId}`, name: String(o.minutes), type: '', lat: NaN, lon: NaN };
    return { id: o.id ?? o.code ?? '', name: o.name ?? '', type: o.type ?? o.category ?? '', lat: o.lat ?? NaN, lon: o.lon ?? NaN };
  });
}

/**
 * Message handlers of the import worker.
 * @param context the import context (built once, lazily, from the embedded data)
 * @example const h = createImportHost(() => Promise.resolve(ctx)); const p = await h.import({ file: 'id,lat,lon…', … })
 */
export function createImportHost(context: () => Promise<ImportContext>) {
  const kept = new Map<number, AnyImport>();
  let next = 1;
  const get = (token: number): AnyImport => {
    const r = kept.get(token);
    if (!r) throw new Error(`No import ${token} (already dropped)`);
    return r;
  };
  return {
    async import(req: ImportRequest): Promise<ImportPreview> {
      const input = await readInput(req.file);
      const token = next++;
      const scenarioText = req.kind === null ? looksLikeScenario(input) : null;
      if (scenarioText !== null) {
        const parsed = parseScenario(scenarioText);
        return {
          token,
          fileName: req.fileName,
          kind: 'scenario',
          fileError: parsed.ok ? null : parsed.error,
          detected: { format: undefined },
          rowCount: parsed.ok ? 1 : 0,
          rejectedCount: 0,
          flaggedCount: 0,
          swappedCount: 0,
          rejected: [],
          flagged: [],
          typeCounts: {},
          sample: [],
          scenario: parsed.ok ? parsed.scenario : null,
        };
      }
      const base = await context();
      const ctx: ImportContext = { ...base, facilityIds: new Set(req.facilityIds) };
      // XLSX, zipped shapefiles and KML/KMZ: their parsers are loaded into the worker only when such a file comes.
      if (binaryFormatOf(input, req.fileName)) await loadBinaryReaders();
      const opts = { fixSwapped: req.fixSwapped ?? false, ...(req.kind ? { kind: req.kind } : {}), ...(req.sheet ? { sheet: req.sheet } : {}) };
      const imp = importAny(input, req.fileName, ctx, opts);
      // Keep a few results only: the newest preview and the ones the user may still confirm.
      kept.set(token, imp);
      for (const k of kept.keys()) if (kept.size > 4 && k !== token) kept.delete(k);
      const r = imp.result as ImportResult<unknown>;
      const typeCounts: Partial<Record<FacilityType, number>> = {};
      if (imp.kind === 'facilities') for (const f of imp.result.rows) typeCounts[f.type] = (typeCounts[f.type] ?? 0) + 1;
      return {
        token,
        fileName: req.fileName,
        kind: imp.kind,
        fileError: r.fileError,
        detected: r.detected,
        rowCount: r.rows.length,
        rejectedCount: r.rejected.length,
        flaggedCount: r.flagged.length,
        swappedCount: r.rejected.filter((i) => i.code === 'swapped_lat_lon').length,
        rejected: r.rejected.slice(0, PREVIEW_ISSUES).map(strip),
        flagged: r.flagged.slice(0, PREVIEW_ISSUES).map(strip),
        typeCounts,
        sample: sampleOf(imp),
        scenario: null,
      };
    },
    /** The accepted rows of an import (Facility[], SettlementRow[], BoundaryRow[] or MatrixRow[]). */
    rows(token: number): unknown[] {
      return get(token).result.rows;
    },
    /** The rejected rows as the downloadable CSV (rejectedRowsCsv). */
    rejectedCsv(token: number): string {
      return rejectedRowsCsv(get(token).result);
    },
    drop(token: number): true {
      kept.delete(token);
      return true;
    },
  };
}

export type ImportHost = ReturnType<typeof createImportHost>;

/** Answers ImportMessages on a worker scope, one reply per message. */
export function attachImportHost(
  scope: { postMessage(m: unknown): void; addEventListener(t: 'message', l: (e: MessageEvent) => void): void },
  host: ImportHost,
): void {
  scope.addEventListener('message', (e: MessageEvent) => {
    const msg = e.data as ImportMessage;
    const run = async (): Promise<unknown> => {
      switch (msg.type) {
        case 'import':
          return host.import(msg.req);
        case 'rows': {
          const rows = host.rows(msg.token);
          let k = 0;
          for (; k + ROWS_CHUNK < rows.length; k += ROWS_CHUNK) scope.postMessage({ id: msg.id, ok: true, part: rows.slice(k, k + ROWS_CHUNK) } satisfies ImportReply);
          return rows.slice(k);
        }
        case 'rejectedCsv':
          return host.rejectedCsv(msg.token);
        case 'drop':
          return host.drop(msg.token);
      }
    };
    run().then(
      (payload) => scope.postMessage({ id: msg.id, ok: true, payload } satisfies ImportReply),
      (err: unknown) => scope.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ImportReply),
    );
  });
}
