/**
 * Web Worker entry of the file importer: parses user files off the main thread (import-host.ts over src/io).
 * The worker's `name` is the URL of the bundled data folder (geo/), fetched once to build the import context.
 */
import type { FeatureCollection } from 'geojson';
import { buildImportContext } from '../io/context';
import { EMBEDDED_FILES, parseDemand, parseHromadas, type UnlocatedFile } from '../io/embedded';
import { fetchDemand } from '../io/embedded-fetch';
import type { ImportContext } from '../io/types';
import { attachImportHost, createImportHost } from './import-host';

const base = self.name.endsWith('/') ? self.name : `${self.name}/`;

async function getJson(file: string, optional: boolean): Promise<unknown> {
  const r = await fetch(`${base}${file}`);
  if (!r.ok) {
    if (optional) return undefined;
    throw new Error(`fetch ${file}: HTTP ${r.status}`);
  }
  return r.json();
}

let ctx: Promise<ImportContext> | null = null;

function context(): Promise<ImportContext> {
  ctx ??= (async () => {
    const [hj, dj, border, noData, unlocated] = await Promise.all([
      getJson(EMBEDDED_FILES.hromadas, false),
      fetchDemand(base, (input, init) => fetch(input, init)),
      getJson(EMBEDDED_FILES.border, true),
      getJson(EMBEDDED_FILES.noData, true),
      getJson(EMBEDDED_FILES.unlocated, true),
    ]);
    const hromadas = parseHromadas(hj);
    const demand = parseDemand(dj, hromadas.codes);
    return buildImportContext({
      hromadas,
      demand,
      polygons: hj as FeatureCollection,
      ...(border ? { border: border as FeatureCollection } : {}),
      ...(noData ? { noData: noData as FeatureCollection } : {}),
      ...(unlocated ? { unlocated: unlocated as UnlocatedFile } : {}),
    });
  })();
  ctx.catch(() => {
    ctx = null;
  });
  return ctx;
}

attachImportHost(self as unknown as Parameters<typeof attachImportHost>[0], createImportHost(context));
