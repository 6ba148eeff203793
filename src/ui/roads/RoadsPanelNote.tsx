/**
 * The community panel's road-network notes: which model produced its times ("час за дорожньою мережею (граф …, OSM
 * дата …)" or "за прямою × коефіцієнт") with the units that fell back to the straight line, and a mark on each
 * settlement row whose time is by straight line while the road model is on.
 */
import type { ModelParams } from '../../engine/types';
import { useI18n } from '../i18n-context';
import { fallbackLabel, travelModelLabel } from './model-label';
import { useRoads } from './use-roads';

export function RoadsModelNote({ params }: { params: ModelParams }) {
  const { t, lang } = useI18n();
  const roads = useRoads();
  const fallback = fallbackLabel(t, lang, params, roads.unitModels);
  return (
    <p className="muted small" data-testid="travel-model-note">
      {t('roadsUi_travelModel')}: {travelModelLabel(t, lang, params, roads)}
      {fallback && <span className="block">{fallback}</span>}
    </p>
  );
}

/** "≈" after a settlement timed by straight line while the road model is on (unit: its demand index). */
export function RoadUnitMark({ unit }: { unit: number }) {
  const { t } = useI18n();
  const roads = useRoads();
  const m = roads.unitModels;
  if (!m || unit < 0 || m.viaRoad[unit] !== 0) return null;
  return (
    <span className="road-fallback" title={t('roadsUi_unitFallback')} data-testid="road-fallback">
      {' ≈'}
      <span className="visually-hidden"> ({t('roadsUi_unitFallback')})</span>
    </span>
  );
}
