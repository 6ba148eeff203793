/**
 * Keeps the working scenario (imports, edits, matrix and parameters) in IndexedDB: restored once on start, saved
 * on every change (debounced) and flushed when the tab is hidden or closed.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ModelParams } from '../../engine/types';
import type { FacilityEdit, Scenario } from '../../io/scenario';
import { createAutosaver, idbStore, memoryStore, ScenarioStore } from '../../state/scenario-store';
import { linkEditsOf, linkScenarioOf } from '../../state/link-edits';
import { noticeIncompleteLink, setLinkScenario } from '../use-hash-sync';

/** The facility edits the page's link stands for (see linkEditsOf); null: keep the scenario's own. */
function linkEdits(hash = window.location.hash): FacilityEdit[] | null {
  return linkEditsOf(hash);
}

function sameEdits(a: readonly FacilityEdit[], b: readonly FacilityEdit[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

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
  const init = useRef({ setScenario, setParams, keepParams, scenario });

  useEffect(() => {
    let live = true;
    store
      .loadCurrent()
      .then((s) => {
        if (!live) return;
        // A shared link's edits replace the saved ones, so the recipient sees the sender's facilities (a full link
        // without edits clears them: the sender had none).
        const edits = linkEdits();
        if (s) init.current.setScenario(edits ? { ...s, facilityEdits: edits } : s);
        else if (edits) init.current.setScenario({ ...init.current.scenario, facilityEdits: edits });
        if (s && !init.current.keepParams) init.current.setParams(s.params);
        noticeIncompleteLink(linkScenarioOf(s ?? init.current.scenario));
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
    if (restored) setLinkScenario(linkScenarioOf(scenario));
  }, [restored, scenario]);

  // A link pasted into this open tab brings its edits too (the page's own hash writes replace the history entry
  // and fire no hashchange). The pasted hash is read from the event: the page may already have rewritten
  // location.hash from its state when another hashchange listener ran first.
  const current = useRef(scenario);
  current.current = scenario;
  useEffect(() => {
    if (!restored) return;
    const onHash = (ev: HashChangeEvent) => {
      const edits = linkEdits(new URL(ev.newURL).hash);
      const s = current.current;
      if (edits && !sameEdits(edits, s.facilityEdits)) init.current.setScenario({ ...s, facilityEdits: edits });
      noticeIncompleteLink(linkScenarioOf(s));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [restored]);

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
