/**
 * Keyboard and screen-reader wiring shared by panels, sheets and dialogs (issue 16, point 4):
 * - `useEscape`: Escape closes the innermost open thing (the last registered active handler wins: a station being
 *   placed or edited before the planner panel around it);
 * - `usePanelFocus`: opening a panel moves focus to its heading, closing it returns focus to what opened it.
 */
import { useEffect, useRef, type RefObject } from 'react';

/** Active Escape handlers, innermost (most recently activated) last. */
const stack: (() => void)[] = [];

function onKeyDown(e: KeyboardEvent): void {
  if (e.key !== 'Escape' || e.defaultPrevented || e.isComposing) return;
  const top = stack[stack.length - 1];
  if (!top) return;
  e.preventDefault();
  top();
}

/**
 * While `active`, Escape anywhere on the page calls `onEscape`, unless a handler registered later is active too or
 * the key was already used (a field that clears itself on Escape calls `preventDefault`).
 */
export function useEscape(onEscape: () => void, active = true): void {
  const latest = useRef(onEscape);
  useEffect(() => {
    latest.current = onEscape;
  });
  useEffect(() => {
    if (!active) return;
    const h = () => latest.current();
    stack.push(h);
    if (stack.length === 1) document.addEventListener('keydown', onKeyDown);
    return () => {
      const i = stack.lastIndexOf(h);
      if (i >= 0) stack.splice(i, 1);
      if (stack.length === 0) document.removeEventListener('keydown', onKeyDown);
    };
  }, [active]);
}

/** Where focus goes when the element that opened a panel is gone: the search box, else the map. */
function fallbackFocus(): HTMLElement | null {
  return document.getElementById('search-input') ?? document.querySelector<HTMLElement>('.maplibregl-canvas');
}

/** Focus is nowhere useful: on the page itself, on a removed element, or inside the closed panel `el`. */
function focusLost(el: HTMLElement | null): boolean {
  const a = document.activeElement;
  return !a || a === document.body || !a.isConnected || (el !== null && el.contains(a));
}

/**
 * Focus for a panel in `ref`: each time `key` changes to a new panel (not null), focus moves to the panel's first
 * heading (made focusable with tabindex -1; screen readers read the panel's title), and the element that had focus
 * before is remembered; when `key` turns null or the component unmounts, focus returns to it (or to the search box)
 * if focus would otherwise be lost. Focus the user moved elsewhere meanwhile is left alone.
 */
export function usePanelFocus(ref: RefObject<HTMLElement | null>, key: string | null): void {
  const opener = useRef<HTMLElement | null>(null);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    const was = shown.current;
    shown.current = key;
    if (key === was) return;
    if (key === null) {
      restoreFocus(ref.current, opener);
      return;
    }
    const el = ref.current;
    if (!el) return;
    const a = document.activeElement;
    if (a instanceof HTMLElement && a !== document.body && !el.contains(a)) opener.current = a;
    const target = el.querySelector<HTMLElement>('h2') ?? el;
    if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus({ preventScroll: true });
  }, [key, ref]);
  useEffect(() => {
    const el = ref;
    return () => {
      if (shown.current === null) return;
      shown.current = null;
      restoreFocus(el.current, opener);
    };
  }, [ref]);
}

/** Returns focus to `opener` (or the fallback) when focus would be lost with the panel `el` closing. */
function restoreFocus(el: HTMLElement | null, opener: { current: HTMLElement | null }): void {
  if (!focusLost(el)) return;
  const o = opener.current;
  opener.current = null;
  (o && o.isConnected ? o : fallbackFocus())?.focus({ preventScroll: true });
}
