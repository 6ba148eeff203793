/**
 * The page state and the URL hash: the state opened from the link, the hash kept in step with the state and the
 * view, and a link pasted in the same tab applied. Part of App (src/ui/App.tsx).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type MutableRefObject, type SetStateAction } from 'react';
import type { MapView } from '../map/map-view';
import { defaultState, type AppState, type MapViewState } from '../state/app-state';
import { decodeHash, encodeHash } from '../state/url';
import type { Boot } from './use-boot';

/** The page state, opened from the URL hash (`initial`: what the first hash said). */
export function useAppState() {
  const initial = useMemo(() => decodeHash(window.location.hash, defaultState()), []);
  const [state, setState] = useState<AppState>(() => ({ ...defaultState(), ...initial.patch }));
  const update = useCallback((patch: Partial<AppState>) => setState((s) => ({ ...s, ...patch })), []);
  const stateRef = useRef(state);
  stateRef.current = state;
  return { initial, state, setState, update, stateRef };
}

/** Writes the hash of the current state, view and selected hromada (replacing the history entry). */
export function useHashWriter(
  bootRef: MutableRefObject<Boot>,
  stateRef: MutableRefObject<AppState>,
  viewRef: MutableRefObject<MapViewState | null>,
): () => void {
  return useCallback(() => {
    const b = bootRef.current;
    const s = stateRef.current;
    const code = b.type === 'ready' && s.selection.type === 'hromada' ? (b.data.hromadas.codes[s.selection.index] ?? null) : null;
    const next = encodeHash(s, viewRef.current, code);
    if (next !== window.location.hash) window.history.replaceState(null, '', next);
  }, [bootRef, stateRef, viewRef]);
}

/** Keep the URL hash in step with the state; apply a link pasted in the same tab. */
export function useHashSync(
  state: AppState,
  boot: Boot,
  writeHash: () => void,
  bootRef: MutableRefObject<Boot>,
  stateRef: MutableRefObject<AppState>,
  setState: Dispatch<SetStateAction<AppState>>,
  mapRef: MutableRefObject<MapView | null>,
): void {
  useEffect(() => {
    writeHash();
  }, [state, boot, writeHash]);

  useEffect(() => {
    const onHash = () => {
      const b = bootRef.current;
      // A link the page wrote (it always has the service) carries every changed parameter: read it onto the defaults,
      // so a parameter removed from the hash goes back to its default instead of keeping the current value.
      const full = /(^#|&)s=/.test(window.location.hash);
      const d = decodeHash(window.location.hash, full ? { ...stateRef.current, params: defaultState().params } : stateRef.current);
      const patch: Partial<AppState> = { ...d.patch };
      if (full && !patch.params) patch.params = defaultState().params;
      if (d.hromadaCode && b.type === 'ready') {
        const i = b.data.hromadas.codes.indexOf(d.hromadaCode);
        if (i >= 0) {
          patch.selection = { type: 'hromada', index: i };
          patch.panel = { type: 'community' };
        }
      }
      setState((s) => ({ ...s, ...patch }));
      if (d.view) mapRef.current?.jumpTo(d.view);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [bootRef, stateRef, setState, mapRef]);
}
