/**
 * The containers of the panels (issue 16, points 3 and 4). Beside the map on wide screens; on phones (≤ 600 px,
 * app.css) bottom sheets over the lower part of the map, with a handle that expands them to the full screen. Opening
 * one moves focus to its title; Escape closes it and focus returns to what opened it.
 */
import { useRef, useState, type ReactNode } from 'react';
import { useI18n } from './i18n-context';
import { useEscape, usePanelFocus } from './use-panel-focus';

/** The right-hand panel (community, table, data, planner, sources): `panel` names the one shown. */
export function PanelSheet({ panel, onClose, children }: { panel: string; onClose: () => void; children: ReactNode }) {
  const { t } = useI18n();
  const ref = useRef<HTMLElement>(null);
  const [expanded, setExpanded] = useState(false);
  usePanelFocus(ref, panel);
  useEscape(onClose);
  return (
    <aside ref={ref} className={expanded ? 'rightpanel sheet expanded' : 'rightpanel sheet'} data-panel={panel} data-testid="panel-sheet">
      <button type="button" className="sheet-handle" aria-label={expanded ? t('a11y_sheetCollapse') : t('a11y_sheetExpand')} title={expanded ? t('a11y_sheetCollapse') : t('a11y_sheetExpand')} onClick={() => setExpanded((e) => !e)}>
        <span aria-hidden="true" />
      </button>
      {children}
    </aside>
  );
}

/**
 * The settings and layers: always beside the map on wide screens; on phones hidden until `open`, then a bottom
 * sheet with its own title and close button.
 */
export function SidebarSheet({ open, onClose, children }: { open: boolean; onClose: () => void; children: ReactNode }) {
  const { t } = useI18n();
  const ref = useRef<HTMLElement>(null);
  usePanelFocus(ref, open ? 'controls' : null);
  useEscape(onClose, open);
  return (
    <aside ref={ref} className={open ? 'sidebar sheet open' : 'sidebar'} aria-label={t('controls')} data-testid="controls-sheet">
      <header className="panel-head sheet-head">
        <h2>{t('a11y_layersButton')}</h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      {children}
    </aside>
  );
}
