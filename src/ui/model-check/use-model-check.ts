/**
 * The model check's data and result in the page: KSE's road times (public/geo/kse-road-times.json, fetched when the
 * panel opens), a user's observed-trips file (read in the page; XLSX readers loaded on demand), and the calibration
 * of the straight-line model under the scenario's parameters (src/engine/calibrate.ts), computed in the main thread
 * (≈ 35 ms cold for 1,377 trips; `ms` is shown on the panel's `data-ms`); the road model's in the coverage worker,
 * which holds the graph.
 */
import { useEffect, useMemo, useState } from 'react';
import { calibrate, type Calibration, type CheckPair } from '../../engine/calibrate';
import { straightLineModel } from '../../engine/calibrate-models';
import { DEFAULT_PARAMS, type Facility, type ModelParams } from '../../engine/types';
import { loadBinaryReaders } from '../../io/binary';
import { KSE_TIMES_FILE, parseKseTimes, type KseTimes } from '../../io/kse-times';
import { importObserved, observedLookup, observedPairs, type ObservedImport } from '../../io/observed';
import { geoUrl, type GeoBundle } from '../../state/load-data';
import { CoverageClient, coverageClientCreated } from '../../worker/client';
import '../../worker/check-protocol';

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

export type CheckSource = { kind: 'kse'; kse: KseTimes } | { kind: 'file'; file: ObservedImport };

/** The trips of a source (a dispatch record's turnout follows the scenario's turnout times). */
export function usePairs(source: CheckSource | null, params: ModelParams): CheckPair[] | null {
  const turnout = params.turnoutMin;
  return useMemo(() => {
    if (!source) return null;
    const pairs =
      source.kind === 'kse'
        ? source.kse.pairs
        : observedPairs(source.file.rows, { ...DEFAULT_PARAMS, turnoutMin: turnout });
    return pairs.length > 0 ? pairs : null;
  }, [source, turnout]);
}

/** The calibration of the straight-line model on the trips under `params` (recomputed when either changes). */
export function useCheckRun(pairs: CheckPair[] | null, params: ModelParams, fitUrban = true): CheckRun | null {
  return useMemo(() => {
    if (!pairs) return null;
    const t0 = performance.now();
    const opts = fitUrban ? {} : { classes: ['rural'] };
    const calibration = calibrate(straightLineModel, pairs, { ...params, travelModel: 'straight' }, opts);
    return {
      pairs,
      calibration: { ...calibration, params: { ...calibration.params, travelModel: params.travelModel } },
      ms: performance.now() - t0,
    };
  }, [pairs, params, fitUrban]);
}

let checkClient: CoverageClient | null = null;
coverageClientCreated.add((c) => (checkClient = c));

export type RoadRun =
  { type: 'off' } | { type: 'running' } | { type: 'ready'; run: CheckRun } | { type: 'error'; message: string };

/**
 * The road model's calibration, computed in the coverage worker (which holds the graph) when `enabled`; `epoch`
 * (src/state/roads.ts) changes whenever another graph is loaded.
 */
export function useRoadCheckRun(
  pairs: CheckPair[] | null,
  params: ModelParams,
  enabled: boolean,
  epoch: number,
): RoadRun {
  const [s, setS] = useState<RoadRun>({ type: 'off' });
  useEffect(() => {
    const client = checkClient;
    if (!enabled || !pairs || !client) {
      setS({ type: 'off' });
      return;
    }
    const abort = new AbortController();
    setS({ type: 'running' });
    client.request('checkRoads', { pairs, params }, { signal: abort.signal }).then(
      (r) => {
        if (abort.signal.aborted) return;
        if ('error' in r) setS({ type: 'off' });
        else setS({ type: 'ready', run: { pairs, calibration: r.calibration, ms: r.ms } });
      },
      (e: unknown) => {
        if (!abort.signal.aborted) setS({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => abort.abort();
  }, [pairs, params, enabled, epoch]);
  return s;
}
