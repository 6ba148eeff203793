/**
 * Computing coverage for the page: the latest result (with a version the map counts drawn results by), the progress
 * bar, the last incremental edit, and the run itself. Part of App (src/ui/App.tsx).
 */
import { useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { Facility } from '../engine/types';
import type { Scenario } from '../io/scenario';
import { paramsKey, type AppState } from '../state/app-state';
import type { CoverageResult, CoverageSource } from '../state/coverage-source';
import { appendedEdit, toEditRequest, type ScenarioKey } from '../state/result-patch';
import { startupMark } from '../state/startup-mark';
import { createMatrixSync } from './data/matrix-sync';
import type { LastEdit } from './planner/planner-ui';
import { setAppState, type Boot } from './use-boot';

export interface VersionedResult {
  r: CoverageResult;
  version: number;
}

/** The run's state: declared before the hooks that reset it when the data are swapped. */
export function useRunState() {
  const [result, setResult] = useState<VersionedResult | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [lastEdit, setLastEdit] = useState<LastEdit | null>(null);
  // What `result` was computed from (to route a single appended facility edit through the worker's `edit`).
  const resultKey = useRef<ScenarioKey | null>(null);
  // The version of the result last drawn on the map, and how many results were drawn (for tests).
  const drawnVersion = useRef(0);
  const computeCount = useRef(0);
  // An imported matrix is sent to the worker before the next compute.
  const matrixSync = useMemo(() => createMatrixSync(), []);
  return { result, setResult, progress, setProgress, lastEdit, setLastEdit, resultKey, drawnVersion, computeCount, matrixSync };
}

export type RunState = ReturnType<typeof useRunState>;

/**
 * Recompute coverage when the model parameters or the facilities change (debounced; a newer request cancels the
 * older). One facility edit appended to the scenario goes through the worker's `edit` and patches `result`.
 */
export function useCoverageRun(
  run: RunState,
  boot: Boot,
  sourceRef: MutableRefObject<CoverageSource | null>,
  stateRef: MutableRefObject<AppState>,
  params: AppState['params'],
  scenario: Scenario,
  facilities: Facility[],
  restored: boolean,
): void {
  const { result, setResult, setProgress, setLastEdit, resultKey, matrixSync } = run;
  const { facilityImports, facilityEdits } = scenario;
  const pKey = paramsKey(params);
  useEffect(() => {
    if (boot.type !== 'ready' || !sourceRef.current || !restored) return;
    const source = sourceRef.current;
    matrixSync.sync(source, scenario.matrix, facilities, boot.bundle.demand);
    const ctrl = new AbortController();
    const params = stateRef.current.params;
    const key: ScenarioKey = { paramsKey: pKey, facilityImports, facilityEdits };
    let timer = 0;
    let live = true;
    const full = (delay: number) => {
      timer = window.setTimeout(() => {
        startupMark('compute');
        setAppState('computing');
        setProgress(0);
        source
          .compute(params, facilities, { signal: ctrl.signal, onProgress: (f) => setProgress(f) })
          .then((r) => {
            resultKey.current = key;
            startupMark('result');
            setResult((prev) => ({ r, version: (prev?.version ?? 0) + 1 }));
          })
          .catch((e: unknown) => {
            if (e instanceof Error && e.name === 'AbortError') return;
            setAppState('error');
            console.error(e);
          });
      }, delay);
    };
    const edit = result && result.r.facilities !== facilities ? appendedEdit(resultKey.current, key) : null;
    if (result && edit) {
      const base = result.r;
      setAppState('computing');
      source
        .edit(toEditRequest(edit), base, facilities, boot.bundle.hromadas)
        .then((out) => {
          if (!live) return;
          if (!out) return full(0);
          resultKey.current = key;
          setLastEdit({ before: base, after: out.result, hromadas: out.response.result.hromadas, elapsedMs: out.result.elapsedMs, roundTripMs: out.roundTripMs, patchMs: out.patchMs });
          setResult((prev) => ({ r: out.result, version: (prev?.version ?? 0) + 1 }));
        })
        .catch((e: unknown) => {
          if (!live) return;
          console.warn('incremental edit failed; recomputing in full', e);
          full(0);
        });
    } else full(result ? 150 : 0);
    return () => {
      live = false;
      window.clearTimeout(timer);
      ctrl.abort();
    };
    // `result` only decides the debounce; it must not retrigger the computation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boot, pKey, facilities, scenario.matrix, restored]);
}
