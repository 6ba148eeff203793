/**
 * The territory-status list in use follows the scenario: the built-in 2022 list (Scenario.territory null) or an
 * imported one. When it changes (or the hromada table does: imported boundaries), the page's hromada table gets the
 * new status (panels, table and map read it there), the coverage worker gets it before the next compute
 * (CoverageSource.setTerritory), and the ready data are handed over anew, which recomputes.
 */
import { useEffect, useRef, type MutableRefObject } from 'react';
import type { HromadaTable } from '../../engine/types';
import type { Scenario } from '../../io/scenario';
import { withStatus } from '../../io/territory';
import type { MapData } from '../../map/map-data';
import type { CoverageSource } from '../../state/coverage-source';
import { builtInTerritoryMeta, type GeoBundle } from '../../state/load-data';
import { sameStatus, territoryInUse } from '../../state/scenario-state';

/** The bundled status of each table this page has made a status copy of (a table not here carries its own). */
const builtInStatus = new WeakMap<HromadaTable, Uint8Array>();

/** The built-in status of `h`: its own unless it is a copy made for an imported list. */
export function builtInStatusOf(h: HromadaTable): Uint8Array {
  return builtInStatus.get(h) ?? h.status;
}

export function useTerritory(
  ready: { bundle: GeoBundle; data: MapData } | null,
  restored: boolean,
  territory: Scenario['territory'],
  sourceRef: MutableRefObject<CoverageSource | null>,
  /**
   * Hands over the bundle with the list's status; `from` is the bundle it was made from, so the caller can drop it
   * when the ready data changed meanwhile (imported boundaries restored in the same render): the effect runs again
   * with the newer data.
   */
  setReady: (bundle: GeoBundle, data: MapData, from: GeoBundle) => void,
): void {
  const cb = useRef(setReady);
  cb.current = setReady;
  // The status each coverage source holds (its worker starts with the table's own).
  const sent = useRef(new WeakMap<CoverageSource, Uint8Array>());
  useEffect(() => {
    if (!ready || !restored) return;
    const { bundle, data } = ready;
    const h = bundle.hromadas;
    const builtIn = builtInStatusOf(h);
    const use = territoryInUse(territory, h, builtIn, builtInTerritoryMeta(bundle.manifest));
    const source = sourceRef.current;
    if (source) {
      const has = sent.current.get(source) ?? builtIn;
      if (!sameStatus(has, use.status)) source.setTerritory(use.status);
      sent.current.set(source, use.status);
    }
    const t = bundle.territory;
    if (t && sameStatus(h.status, use.status) && sameStatus(t.status, use.status) && t.source === use.source && t.listName === use.listName && t.listDate === use.listDate) return;
    const next = sameStatus(h.status, use.status) ? h : withStatus(h, use.status);
    if (next !== h) builtInStatus.set(next, builtIn);
    cb.current({ ...bundle, hromadas: next, territory: use }, next === h ? data : { ...data, hromadas: next }, bundle);
  }, [ready, restored, territory, sourceRef]);
}
