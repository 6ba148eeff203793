/**
 * The Slides panel (issue 15 point 4): add the current view as a slide with a caption, edit captions, reorder (up
 * and down buttons, keyboard reachable), delete, go to a slide; present; export all slides as PNGs in a zip or as
 * one PDF through print. Captions are the user's text and are only ever rendered as text.
 */
import { useState } from 'react';
import type { TFunction } from '../../i18n';
import { MAX_CAPTION } from '../../io/scenario-slides';
import { slideState } from '../../state/slides';
import { useI18n } from '../i18n-context';
import type { SlidesApi } from './use-slides';
import './slides.css';

/** What a dragged slide carries: its index in the list. */
const DRAG_TYPE = 'application/x-hc-slide';

/** A file's note on a slide left out (`slides[1] left out: …`, src/io/scenario-slides.ts) with the slide's number. */
function noteText(note: string, t: TFunction): string {
  const m = /^slides\[(\d+)\] left out: (.*)$/s.exec(note);
  return m ? t('slides_noteRow', { n: Number(m[1]) + 1, detail: m[2]! }) : note;
}

export function SlidesPanel({ api, onClose }: { api: SlidesApi; onClose: () => void }) {
  const { t } = useI18n();
  const [caption, setCaption] = useState('');
  const { slides, busy } = api;
  const none = slides.length === 0;
  return (
    <section className="panel slides" aria-labelledby="slides-title" data-testid="slides-panel">
      <header className="panel-head">
        <h2 id="slides-title">{t('slides_title')}</h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      <p className="muted">{t('slides_intro')}</p>
      {api.notes.length > 0 && (
        <div className="slides-notes" role="alert" data-testid="slides-notes">
          <p>{t('slides_notes')}</p>
          <ul>
            {api.notes.map((n, i) => (
              <li key={i}>{noteText(n, t)}</li>
            ))}
          </ul>
          <button type="button" onClick={api.dismissNotes}>
            {t('slides_dismiss')}
          </button>
        </div>
      )}
      <form
        className="slides-add"
        onSubmit={(e) => {
          e.preventDefault();
          api.add(caption.trim());
          setCaption('');
        }}
      >
        <label htmlFor="slide-new-caption">{t('slides_captionLabel')}</label>
        <textarea
          id="slide-new-caption"
          data-testid="slide-new-caption"
          rows={2}
          maxLength={MAX_CAPTION}
          value={caption}
          placeholder={t('slides_captionPlaceholder')}
          onChange={(e) => setCaption(e.target.value)}
        />
        <button type="submit" data-testid="slide-add" disabled={busy !== null}>
          {t('slides_add')}
        </button>
      </form>
      {none ? (
        <p className="muted">{t('slides_empty')}</p>
      ) : (
        <ol className="slides-list" aria-label={t('slides_listLabel')}>
          {slides.map((s, i) => {
            const n = i + 1;
            const st = slideState(s);
            return (
              <li
                key={s.id}
                data-testid="slide-row"
                data-slide-id={s.id}
                onDragOver={(e) => {
                  if (e.dataTransfer.types.includes(DRAG_TYPE)) e.preventDefault();
                }}
                onDrop={(e) => {
                  const from = Number(e.dataTransfer.getData(DRAG_TYPE));
                  if (!Number.isInteger(from)) return;
                  e.preventDefault();
                  api.move(from, i - from);
                }}
              >
                {/* Drag by the number (the buttons do the same from the keyboard). */}
                <span className="slide-num" aria-hidden="true" draggable data-testid="slide-handle" onDragStart={(e) => e.dataTransfer.setData(DRAG_TYPE, String(i))}>
                  {n}
                </span>
                <div className="slide-body">
                  <textarea
                    rows={2}
                    maxLength={MAX_CAPTION}
                    aria-label={t('slides_captionOf', { n })}
                    data-testid="slide-caption"
                    value={s.caption}
                    onChange={(e) => api.rename(s.id, e.target.value)}
                  />
                  <div className="muted slide-meta">
                    {t(`service_${st.service}`)}
                    {s.hromada ? ` · ${t('slides_hromada', { code: s.hromada })}` : ''}
                    {s.edits.length > 0 ? ` · ${t('slides_edits', { n: s.edits.length })}` : ''}
                  </div>
                  <div className="slide-buttons">
                    <button type="button" data-testid="slide-go" aria-label={t('slides_goLabel', { n })} disabled={busy !== null} onClick={() => api.goTo(i)}>
                      {t('slides_go')}
                    </button>
                    <button type="button" data-testid="slide-up" aria-label={t('slides_upLabel', { n })} disabled={i === 0} onClick={() => api.move(i, -1)}>
                      ↑ {t('slides_up')}
                    </button>
                    <button type="button" data-testid="slide-down" aria-label={t('slides_downLabel', { n })} disabled={i === slides.length - 1} onClick={() => api.move(i, 1)}>
                      ↓ {t('slides_down')}
                    </button>
                    <button type="button" data-testid="slide-delete" aria-label={t('slides_deleteLabel', { n })} onClick={() => api.remove(s.id)}>
                      {t('slides_delete')}
                    </button>
                  </div>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <div className="slides-actions">
        <button type="button" data-testid="slides-present" disabled={none || busy !== null} onClick={() => api.start(0)}>
          ▶ {t('slides_present')}
        </button>
        <button type="button" data-testid="slides-zip" disabled={none || busy !== null} onClick={() => void api.exportZip()}>
          {t('slides_exportZip')}
        </button>
        <button type="button" data-testid="slides-print" disabled={none || busy !== null} onClick={() => void api.printPdf()}>
          {t('slides_print')}
        </button>
      </div>
      <p className="muted">{t('slides_goNote')}</p>
      {api.canGoBack && (
        <p>
          <button type="button" data-testid="slides-go-back" disabled={busy !== null} onClick={api.goBack}>
            {t('slides_goBack')}
          </button>
        </p>
      )}
      <p role="status" aria-live="polite" data-testid="slides-busy">
        {busy ? t('slides_busy', { n: busy.n, total: busy.total }) : ''}
      </p>
      {api.error !== null && (
        <p role="alert" className="error">
          {t('slides_failed', { message: api.error })}
        </p>
      )}
    </section>
  );
}
