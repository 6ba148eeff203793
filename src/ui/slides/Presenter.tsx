/**
 * Presenting (issue 15 point 4): the map fills the screen (full screen when the browser allows it, else the whole
 * window: html.hc-presenting in slides.css) with the slide's caption, the map's legend and a slide counter; arrow
 * keys, PageUp/PageDown, space (Shift+space back), Home/End move; Escape leaves. Also the print layout of all slides
 * (one landscape page each) for "Save as PDF".
 */
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { stepForKey } from '../../state/slides';
import { useI18n } from '../i18n-context';
import type { PrintPage, SlidesApi } from './use-slides';
import './slides.css';

export function Presenter({ api }: { api: SlidesApi }) {
  const { t } = useI18n();
  const { present, slides, step, stop } = api;
  const index = present?.index ?? -1;
  const count = slides.length;
  const rootRef = useRef<HTMLDivElement>(null);

  // Keys are taken before the map (arrows would pan it) and before the panels (Escape would close one).
  useEffect(() => {
    if (index < 0) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopImmediatePropagation();
        stop();
        return;
      }
      // Space on a focused button of the bar presses that button (one step, not two).
      if (e.key === ' ' && e.target instanceof HTMLButtonElement) return;
      const next = stepForKey(e.key, e.shiftKey, index, count);
      if (next === null) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (next !== index) step(next);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [index, count, step, stop]);
  // Focus moves into the presentation (not onto a button, where space would also press it).
  const presenting = index >= 0;
  useEffect(() => {
    if (presenting) rootRef.current?.focus();
  }, [presenting]);

  const slide = slides[index];
  // Exporting: each slide is drawn off screen (the map area is blank meanwhile); say so over the page.
  if (!present && api.busy)
    return createPortal(
      <div className="slides-present">
        <div className="slides-bar" role="status">
          {t('slides_busy', { n: api.busy.n, total: api.busy.total })}
        </div>
      </div>,
      document.body,
    );
  if (!present || !slide) return null;
  return createPortal(
    <div className="slides-present" data-testid="slides-presenter" role="region" aria-label={t('slides_title')} tabIndex={-1} ref={rootRef}>
      {slide.caption !== '' && (
        <div className="slides-caption" data-testid="present-caption">
          {slide.caption}
        </div>
      )}
      <div className="slides-bar">
        <button type="button" aria-label={t('slides_prev')} title={t('slides_prev')} disabled={index === 0} onClick={() => step(index - 1)}>
          ←
        </button>
        <span data-testid="slide-counter" aria-live="polite" title={t('slides_keys')}>
          {t('slides_counter', { n: index + 1, total: count })}
        </span>
        <button type="button" aria-label={t('slides_next')} title={t('slides_next')} disabled={index === count - 1} onClick={() => step(index + 1)}>
          →
        </button>
        <button type="button" data-testid="slides-exit" aria-label={t('slides_exit')} title={t('slides_exit')} onClick={stop}>
          ✕
        </button>
      </div>
    </div>,
    document.body,
  );
}

/** The print layout of all slides: once its images are decoded the print dialog opens; `onDone` after it closes. */
export function SlidesPrint({ pages, onDone }: { pages: PrintPage[] | null; onDone: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!pages) return;
    const html = document.documentElement;
    let live = true;
    const done = () => {
      html.classList.remove('hc-printing-slides');
      window.removeEventListener('afterprint', done);
      if (live) onDone();
    };
    const imgs = [...(ref.current?.querySelectorAll('img') ?? [])];
    void Promise.all(imgs.map((i) => i.decode().catch(() => undefined))).then(() => {
      if (!live) return;
      html.classList.add('hc-printing-slides');
      window.addEventListener('afterprint', done);
      window.print();
    });
    return () => {
      live = false;
      html.classList.remove('hc-printing-slides');
      window.removeEventListener('afterprint', done);
    };
  }, [pages, onDone]);
  if (!pages) return null;
  return createPortal(
    <div className="slides-print" ref={ref} data-testid="slides-print-layout">
      {pages.map((p, i) => (
        <section className="slides-print-page" key={p.url}>
          <img src={p.url} alt={p.caption} />
          {p.caption !== '' && <p className="slides-print-caption">{p.caption}</p>}
          <p className="slides-print-counter">{t('slides_printHeading', { n: i + 1, total: pages.length })}</p>
        </section>
      ))}
    </div>,
    document.body,
  );
}
