/**
 * The save-map control on the map: "PNG" saves the map as on screen (as before); the menu beside it offers the
 * 16:9 slide, A4 landscape and portrait at 2×, and Print (A4 landscape). Rendering and its errors are announced.
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n-context';
import type { ImageSize } from '../map-image';
import type { MapExport } from './use-map-export';
import './view.css';

const SIZES: { size: Exclude<ImageSize, 'screen' | 'print'>; key: 'view_size169' | 'view_sizeA4Landscape' | 'view_sizeA4Portrait' }[] = [
  { size: '16:9', key: 'view_size169' },
  { size: 'a4-landscape', key: 'view_sizeA4Landscape' },
  { size: 'a4-portrait', key: 'view_sizeA4Portrait' },
];

export function SaveMapControl({ exporter }: { exporter: MapExport }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  // Closes on a click elsewhere or Escape.
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);
  const busy = exporter.status.type === 'busy';
  const run = (f: () => Promise<void>) => {
    setOpen(false);
    void f();
  };
  return (
    <div className="map-save-group" ref={ref}>
      <button
        type="button"
        className="map-save"
        data-testid="save-map"
        aria-label={t('a11y_saveMapName')}
        title={`${t('saveMap')}: ${t('saveMapHint')}`}
        disabled={busy}
        onClick={() => run(() => exporter.save('screen'))}
      >
        <span className="map-save-icon" aria-hidden="true" /> PNG
      </button>
      <button type="button" className="map-save-menu" data-testid="save-map-menu" aria-haspopup="menu" aria-expanded={open} aria-label={t('view_saveMenu')} title={t('view_saveMenu')} disabled={busy} onClick={() => setOpen((o) => !o)}>
        ▾
      </button>
      {open && (
        <ul className="map-save-list" role="menu">
          {SIZES.map((s) => (
            <li key={s.size} role="none">
              <button type="button" role="menuitem" data-size={s.size} onClick={() => run(() => exporter.save(s.size))}>
                {t(s.key)}
              </button>
            </li>
          ))}
          <li role="none">
            <button type="button" role="menuitem" data-testid="print-map" onClick={() => run(() => exporter.print())}>
              {t('view_print')}
            </button>
          </li>
        </ul>
      )}
      {busy && (
        <span className="map-save-status" role="status">
          {t('view_rendering')}
        </span>
      )}
      {exporter.status.type === 'error' && (
        <span className="map-save-status error" role="alert">
          {t('view_renderFailed', { message: exporter.status.message })}
        </span>
      )}
    </div>
  );
}
