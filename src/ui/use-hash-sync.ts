/**
 * The page state and the URL hash: the state opened from the link, the hash kept in step with the state and the
 * view, and a link pasted in the same tab applied. Part of App (src/ui/App.tsx).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type MutableRefObject, type SetStateAction } from 'react';
import type { MapView } from '../map/map-view';
import { defaultState, type AppState, type MapViewState } from '../state/app-state';
import { decodeHash, encodeHash, type LinkScenario } from '../state/url';
import { linkParts } from '../state/link-edits';
import { makeT } from '../i18n';
import { fmtList } from '../i18n/format';
import type { Boot } from './use-boot';

/** The scenario's part of the link (set once the saved scenario is restored) and the writer that puts it in the hash. */
let linkScenario: LinkScenario | null = null;
let rewriteHash: (() => void) | null = null;

/** The working scenario's edits and imports changed: write them into the hash (use-scenario-persistence.ts). */
export function setLinkScenario(link: LinkScenario): void {
  linkScenario = link;
  rewriteHash?.();
}

/** The scenario's part of the hash now: null until the saved scenario (or the link's edits) are in place. */
export function currentLinkScenario(): LinkScenario | null {
  return linkScenario;
}

/**
 * Once the scenario is restored: when the opened link left out changes this browser does not have (imported files,
 * edits too long for a URL), say so. A reload of one's own page keeps its imports and edits, and says nothing.
 */
export function noticeIncompleteLink(have: LinkScenario): void {
  const d = decodeHash(window.location.hash, defaultState());
  const missing = d.omitted.filter((w) => (w === 'imports' ? !have.omitted.includes('imports') : w === 'edits' ? have.edits.length === 0 : true));
  if (missing.length > 0) showIncompleteLink(missing, d.patch.lang ?? 'uk');
}

/** A visible notice that the opened link does not carry all of the sender's changes. */
function showIncompleteLink(omitted: readonly string[], lang: 'uk' | 'en'): void {
  const t = makeT(lang);
  const what = fmtList(
    lang,
    omitted.map((w) => t(w === 'edits' ? 'linkLeftEdits' : w === 'imports' ? 'linkLeftImports' : 'linkLeftOther')),
  );
  const box = document.createElement('div');
  box.className = 'link-notice';
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'link-incomplete';
  box.style.cssText =
    'position:fixed;bottom:32px;left:50%;transform:translateX(-50%);z-index:1000;max-width:40em;padding:8px 12px;background:#fff3cd;color:#3d2e00;border:1px solid #c9a227;border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.2)';
  const text = document.createElement('span');
  text.textContent = t('linkIncomplete', { what }) + ' ';
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = t('dismissNotice');
  close.addEventListener('click', () => box.remove());
  box.append(text, close);
  document.body.append(box);
}

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
  const write = useCallback(() => {
    const b = bootRef.current;
    const s = stateRef.current;
    const code = b.type === 'ready' && s.selection.type === 'hromada' ? (b.data.hromadas.codes[s.selection.index] ?? null) : null;
    let next = encodeHash(s, viewRef.current, code, linkScenario ?? undefined);
    // Before the scenario is restored, the link's own edits stay in the hash.
    if (!linkScenario) next = [next, ...linkParts(window.location.hash)].join('&');
    if (next !== window.location.hash) window.history.replaceState(null, '', next);
  }, [bootRef, stateRef, viewRef]);
  useEffect(() => {
    rewriteHash = write;
    return () => {
      if (rewriteHash === write) rewriteHash = null;
    };
  }, [write]);
  return write;
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
      // a full link carries its whole parameter set (decodeHash reads it onto the defaults)
      const d = decodeHash(window.location.hash, stateRef.current);
      const patch: Partial<AppState> = { ...d.patch };
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
