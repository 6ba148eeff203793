/**
 * Fetching the three start-up files of public/geo and parsing them into engine tables, for the coverage worker
 * (src/worker/host.ts) and the page (src/state/load-data.ts) alike, with the same messages: an HTTP error names the
 * file (`Could not load geo/demand.json: HTTP 404`), bad JSON is the parser's SyntaxError, bad data an
 * EmbeddedDataError (src/io/embedded.ts). No DOM: `fetch` is passed in (tests mock it).
 */
import { decodeColumns } from './column-binary';
import { EMBEDDED_FILES, parseEmbedded, type Embedded } from './embedded';

/** The message for a bundled file the server did not give (the page has always shown this one). */
export function loadFailedMessage(file: string, status: number): string {
  return `Could not load geo/${file}: HTTP ${status}`;
}

/** `fetch`, or a stand-in with its signature (tests). */
export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

/** Fetches `file` under `base` (a URL ending in `/`); throws the page's message on an HTTP error. */
export async function fetchGeoFile(base: string, file: string, fetchFn: FetchFn, signal?: AbortSignal): Promise<Response> {
  const res = await fetchFn(`${base}${file}`, signal ? { signal } : {});
  if (!res.ok) throw new Error(loadFailedMessage(file, res.status));
  return res;
}

export interface FetchedEmbedded {
  /** The engine's tables (as parseEmbedded gives them). */
  data: Embedded;
  /** hromadas.geojson as downloaded (UTF-8), for the page's map: one download serves the worker and the page. */
  hromadasBytes: ArrayBuffer;
  /** When the fetches began, when the last file had arrived and when the tables were built (epoch ms, epochNow). */
  startedAt: number;
  fetchedAt: number;
  parsedAt: number;
}

/**
 * A FetchFn that answers the files in `files` (by file name, the last path segment) from their bytes and asks
 * `fallback` for any other URL: the worker reads what the page has already downloaded.
 */
export function bytesFetch(files: Readonly<Record<string, ArrayBuffer>>, fallback: FetchFn): FetchFn {
  return (input, init) => {
    const name = input.slice(input.lastIndexOf('/') + 1);
    const bytes = files[name];
    return bytes ? Promise.resolve(new Response(bytes)) : fallback(input, init);
  };
}

/** Epoch milliseconds at sub-millisecond resolution (comparable across the page and its workers). */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * The compact copy of demand.json that the build writes next to it (scripts/vite/demand-binary.ts): its columns in binary
 * (src/io/column-binary.ts), gzipped.
 */
export const DEMAND_BIN = `${EMBEDDED_FILES.demand.replace(/\.json$/, '')}.bin.gz`;

/**
 * The bytes gzip compressed, decompressed (the browser's and Node's DecompressionStream); bytes that are not gzip are
 * returned as they are (a host that labelled the file `Content-Encoding: gzip` had the browser decompress it).
 */
export async function gunzipIfGzip(bytes: ArrayBuffer): Promise<ArrayBuffer> {
  const head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
  if (head[0] !== 0x1f || head[1] !== 0x8b) return bytes;
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}

/**
 * demand.json under `base`, as the object JSON.parse gives (numeric columns as typed arrays): read from its compact
 * copy (DEMAND_BIN: 0.9 MB to download instead of 13 MB, nothing for the server to compress, and decoded in tens of
 * milliseconds instead of parsed in hundreds) when the server has a good one, else from demand.json itself, whose
 * HTTP error is the one reported. Bad JSON is the parser's SyntaxError; bad values are parseDemand's to name.
 */
export async function fetchDemand(base: string, fetchFn: FetchFn, signal?: AbortSignal): Promise<unknown> {
  try {
    const res = await fetchFn(`${base}${DEMAND_BIN}`, signal ? { signal } : {});
    if (res.ok) return decodeColumns(new Uint8Array(await gunzipIfGzip(await res.arrayBuffer())));
    void res.body?.cancel().catch(() => undefined);
  } catch (e) {
    // no copy, or a damaged one: demand.json itself
    if (signal?.aborted) throw e;
  }
  return (await fetchGeoFile(base, EMBEDDED_FILES.demand, fetchFn, signal)).json() as Promise<unknown>;
}

/**
 * Fetches hromadas.geojson, demand.json (fetchDemand) and facilities.geojson from `baseUrl` in parallel and
 * parses them.
 * @param baseUrl the folder of the files, e.g. `https://host/app/geo/` (a trailing `/` is added if missing)
 * @example const { data } = await fetchEmbeddedFiles(new URL('geo/', document.baseURI).href);
 */
export async function fetchEmbeddedFiles(baseUrl: string, fetchFn: FetchFn = fetch, signal?: AbortSignal): Promise<FetchedEmbedded> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const startedAt = epochNow();
  const [hromadasBytes, demand, facilities] = await Promise.all([
    fetchGeoFile(base, EMBEDDED_FILES.hromadas, fetchFn, signal).then((r) => r.arrayBuffer()),
    fetchDemand(base, fetchFn, signal),
    fetchGeoFile(base, EMBEDDED_FILES.facilities, fetchFn, signal).then((r) => r.json() as Promise<unknown>),
  ]);
  const fetchedAt = epochNow();
  const hromadas: unknown = JSON.parse(decodeUtf8(hromadasBytes));
  const data = parseEmbedded({ hromadas, demand, facilities });
  return { data, hromadasBytes, startedAt, fetchedAt, parsedAt: epochNow() };
}

/** UTF-8 bytes → string (a byte-order mark is dropped, as Response.json() does). */
export function decodeUtf8(bytes: ArrayBuffer | Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
