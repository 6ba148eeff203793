/**
 * Keeps the working scenario (imports, edits, matrix and parameters) in IndexedDB: restored once on start, saved
 * on every change (debounced) and flushed when the tab is hidden or closed.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ModelParams } from '../../engine/types';
import type { Scenario } from '../../io/scenario';
import { createAutosaver, idbStore, memoryStore, ScenarioStore } from '../../state/scenario-store';

let shared: ScenarioStore | null = null;

/** The page's scenario store (IndexedDB; in memory when the browser has no IndexedDB). */
export function scenarioStore(): ScenarioStore {
  shared ??= new ScenarioStore(typeof indexedDB === 'undefined' ? memoryStore() : idbStore());
  return shared;
}

/**
 * @param keepParams true when the URL already carries parameters (a shared link wins over the saved ones)
 * @returns `restored`: false until the saved scenario (if any) has been applied — compute only after it
 */
export function useScenarioPersistence(
  scenario: Scenario,
  params: ModelParams,
  setScenario: (s: Scenario) => void,
  setParams: (p: ModelParams) => void,
  keepParams: boolean,
): { restored: boolean } {
  const [restored, setRestored] = useState(false);
  const store = scenarioStore();
  const saver = useMemo(
    () =>
      createAutosaver<Scenario>(
        async (s) => {
          await store.saveCurrent(s);
          const html = document.documentElement;
          html.dataset.scenarioSaves = String(Number(html.dataset.scenarioSaves ?? '0') + 1);
        },
        300,
        (e) => console.warn('Could not save the scenario in this browser:', e),
      ),
    [store],
  );
  const init = useRef({ setScenario, setParams, keepParams });

  useEffect(() => {
    let live = true;
    store
      .loadCurrent()
      .then((s) => {
        if (!live || !s) return;
        init.current.setScenario(s);
        if (!init.current.keepParams) init.current.setParams(s.params);
      })
      .catch((e: unknown) => console.warn('Could not read the saved scenario:', e))
      .finally(() => live && setRestored(true));
    return () => {
      live = false;
    };
  }, [store]);

  useEffect(() => {
    if (restored) saver.schedule({ ...scenario, params });
  }, [restored, scenario, params, saver]);

  useEffect(() => {
    const flush = () => void saver.flush();
    const onVis = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVis);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVis);
    };
  }, [saver]);

  return { restored };
}
