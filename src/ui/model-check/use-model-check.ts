/**
 * The model check's data and result in the page: KSE's road times (public/geo/kse-road-times.json, fetched when the
 * panel opens), a user's observed-trips file (read in the page; XLSX readers loaded on demand), and the calibration
 * of the straight-line model under the scenario's parameters (src/engine/calibrate.ts). Computed in the main thread:
 * for 1,377 trips it takes a few milliseconds (`ms` is measured and shown on the panel's `data-ms`).
 */
import { useEffect, useMemo, useState } from 'react';
import { calibrate, type Calibration, type CheckPair } from '../../engine/calibrate';
import { straightLineModel } from '../../engine/calibrate-models';
import type { Facility, ModelParams } from '../../engine/types';
import { loadBinaryReaders } from '../../io/binary';
import { KSE_TIMES_FILE, parseKseTimes, type KseTimes } from '../../io/kse-times';
import { importObserved, observedLookup, observedPairs, type ObservedImport } from '../../io/observed';
import { geoUrl, type GeoBundle } from '../../state/load-data';

export type KseLoad = { type: 'loading' } | { type: 'ready'; kse: KseTimes } | { type: 'error'; message: string };

let kseCache: Promise<KseTimes> | null = null;

/** KSE's times, fetched once per page. */
function loadKse(): Promise<KseTimes> {
  kseCache ??= fetch(geoUrl(KSE_TIMES_FILE))
    .then((r) => {
      if (!r.ok) throw new Error(`geo/${KSE_TIMES_FILE}: HTTP ${r.status}`);
      return r.json() as Promise<unknown>;
    })
    .then(parseKseTimes);
  kseCache.catch(() => (kseCache = null));
  return kseCache;
}

export function useKseTimes(): KseLoad {
  const [s, setS] = useState<KseLoad>({ type: 'loading' });
  useEffect(() => {
    let live = true;
    loadKse().then(
      (kse) => live && setS({ type: 'ready', kse }),
      (e: unknown) => live && setS({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return s;
}

/** Reads a dropped or chosen observed-trips file against the loaded facilities and settlements. */
export async function readObservedFile(
  file: File,
  bundle: GeoBundle,
  facilities: readonly Facility[],
): Promise<ObservedImport> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!/\.(csv|txt|tsv)$/i.test(file.name)) await loadBinaryReaders();
  return importObserved(bytes, file.name, observedLookup(facilities, bundle.demand, bundle.hromadas));
}

export interface CheckRun {
  pairs: CheckPair[];
  calibration: Calibration<ModelParams>;
  /** Milliseconds the check and fit took. */
  ms: number;
}

/** The calibration of the straight-line model on `source` under `params` (recomputed when either changes). */
export function useCheckRun(
  source: { kind: 'kse'; kse: KseTimes } | { kind: 'file'; file: ObservedImport } | null,
  params: ModelParams,
): CheckRun | null {
  return useMemo(() => {
    if (!source) return null;
    const t0 = performance.now();
    const pairs = source.kind === 'kse' ? source.kse.pairs : observedPairs(source.file.rows, params);
    if (pairs.length === 0) return null;
    const calibration = calibrate(straightLineModel, pairs, { ...params, travelModel: 'straight' });
    return {
      pairs,
      calibration: { ...calibration, params: { ...calibration.params, travelModel: params.travelModel } },
      ms: performance.now() - t0,
    };
  }, [source, params]);
}
