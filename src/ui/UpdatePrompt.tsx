/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the service worker (vite.config.ts: vite-plugin-pwa, registerType 'prompt') and says what it did:
 * - once the whole app is stored for offline use, a short note that goes away by itself;
 * - when a new version has been downloaded in full and waits, «Доступна нова версія — Оновити»: pressing it lets
 *   the new worker take over and reloads the page (every open tab reloads with it), so a page never runs on a mix
 *   of two versions; «Пізніше» leaves the current one running (the new one starts the next time the app opens).
 * Registration waits until the first screen is ready (or failed, or 20 s passed), so the ~18 MB precache download
 * does not compete with the first data load. In the dev server `registerSW` does nothing.
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { registerSW } from 'virtual:pwa-register';
import { enPwa, ukPwa, type PwaStringKey } from '../i18n/strings-pwa';
import { useI18n } from './i18n-context';

/** How often an open page asks the server for a new version (an installed app may stay open for days). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;
/** Register at the latest this long after start, even if the first screen never became ready. */
const REGISTER_FALLBACK_MS = 20_000;
const OFFLINE_NOTE_MS = 8_000;

/** Resolves when `<html data-app-state>` first reads ready or error, or after `fallbackMs`. */
function firstScreenSettled(fallbackMs: number): { promise: Promise<void>; cancel: () => void } {
  const html = document.documentElement;
  const settled = () => html.dataset.appState === 'ready' || html.dataset.appState === 'error';
  let cancel: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    if (settled()) return resolve();
    const observer = new MutationObserver(() => {
      if (settled()) done();
    });
    const timer = setTimeout(() => done(), fallbackMs);
    function done(): void {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    }
    cancel = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(html, { attributes: true, attributeFilter: ['data-app-state'] });
  });
  return { promise, cancel };
}

const boxStyle: CSSProperties = {
  position: 'fixed',
  left: '50%',
  bottom: 16,
  transform: 'translateX(-50%)',
  zIndex: 50,
  display: 'flex',
  alignItems: 'center',
  gap: 10,
  maxWidth: 'calc(100vw - 24px)',
  padding: '8px 12px',
  background: '#1b1f23',
  color: '#fff',
  borderRadius: 6,
  boxShadow: '0 4px 16px rgba(0,0,0,0.3)',
  fontSize: 14,
};

export function UpdatePrompt() {
  const { lang } = useI18n();
  const s = (k: PwaStringKey) => (lang === 'en' ? enPwa : ukPwa)[k];
  const [needRefresh, setNeedRefresh] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);
  const update = useRef<((reload?: boolean) => Promise<void>) | null>(null);

  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    let live = true;
    const settled = firstScreenSettled(REGISTER_FALLBACK_MS);
    void settled.promise.then(() => {
      if (!live || update.current) return;
      update.current = registerSW({
        immediate: true,
        onNeedRefresh: () => setNeedRefresh(true),
        onOfflineReady: () => setOfflineReady(true),
        onRegisteredSW: (_url, registration) => {
          if (!registration) return;
          timer = setInterval(() => {
            if (navigator.onLine) registration.update().catch(() => undefined);
          }, UPDATE_CHECK_MS);
        },
        onRegisterError: (e: unknown) => console.warn('Service worker registration failed; the app works online only', e),
      });
    });
    return () => {
      live = false;
      settled.cancel();
      if (timer !== undefined) clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    if (!offlineReady) return;
    const t = setTimeout(() => setOfflineReady(false), OFFLINE_NOTE_MS);
    return () => clearTimeout(t);
  }, [offlineReady]);

  if (needRefresh) {
    return (
      <div role="alert" data-testid="update-prompt" style={boxStyle}>
        <span>{s('pwaUpdateAvailable')} —</span>
        <button type="button" data-testid="update-reload" title={s('pwaReloadTitle')} onClick={() => void update.current?.(true)}>
          {s('pwaReload')}
        </button>
        <button type="button" onClick={() => setNeedRefresh(false)}>
          {s('pwaLater')}
        </button>
      </div>
    );
  }
  if (offlineReady) {
    return (
      <div role="status" data-testid="offline-ready" style={{ ...boxStyle, pointerEvents: 'none' }}>
        {s('pwaOfflineReady')}
      </div>
    );
  }
  return null;
}
