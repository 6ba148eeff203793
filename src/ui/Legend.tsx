import { useMemo, useState } from 'react';
import type { Facility, ModelParams, Service } from '../engine/types';
import { activeFacilities } from '../state/coverage-source';
import { gradientCss } from '../map/colors';
import type { LayerId } from '../state/app-state';
import type { BoundaryReport } from '../state/load-data';
import { boundariesNote } from './map-image-text';
import { FacilitySymbol } from './FacilitySymbol';
import { facilitiesPresent, legendFacilities, legendTerritory, missingOwnTypes, ownTypes } from './legend-entries';
import type { TerritoryInUse } from '../state/scenario-state';
import { MinutesLegend } from './MinutesLegend';
import { NoOwnNote } from './NoOwnNote';
import { useI18n } from './i18n-context';
import { RoadsLegend } from './roads/RoadsLegend';

export function Legend({
  service,
  params,
  layers,
  boundaries,
  facilities,
  onOpenSources,
  onOpenData,
  territory,
}: {
  service: Service;
  params: ModelParams;
  layers: Record<LayerId, boolean>;
  /** What imported boundaries changed, when the scenario has them. */
  boundaries?: BoundaryReport | null | undefined;
  /** The facilities in use: the legend lists only the types present and names the missing ones. */
  facilities?: readonly Facility[] | undefined;
  onOpenSources: () => void;
  /** Opens the Data panel (to import facilities a service lacks). */
  onOpenData?: (() => void) | undefined;
  /** The territory-status list in use (occupied hromadas hatched on the map). */
  territory?: TerritoryInUse | null | undefined;
}) {
  const { t, lang } = useI18n();
  const present = useMemo(() => (facilities ? facilitiesPresent(activeFacilities(facilities, service, params)) : undefined), [facilities, service, params]);
  const missing = present ? missingOwnTypes(service, present) : [];
  const noOwn = missing.length > 0 && missing.length === ownTypes(service).length;
  const showMinutes = layers.settlements || layers.surface;
  // On a phone the legend starts folded to its title (a button over the map); elsewhere open.
  const [startOpen] = useState(() => typeof window.matchMedia !== 'function' || !window.matchMedia('(max-width: 600px)').matches);
  return (
    <details className="legend" open={startOpen} aria-label={t('legend')}>
      <summary title={t('legendToggle')}>
        <h2>{t('legend')}</h2>
      </summary>
      {layers.choropleth && (
        <div className="legend-block">
          <div className="legend-title">{t('legendShare')}</div>
          <div className="ramp" style={{ background: gradientCss('share') }} />
          <div className="ramp-labels">
            <span>0%</span>
            <span>50%</span>
            <span>100%</span>
          </div>
        </div>
      )}
      {showMinutes && <MinutesLegend service={service} params={params} settlements={layers.settlements} />}
      <RoadsLegend service={service} params={params} />
      {layers.facilities && (
        <div className="legend-block">
          <div className="legend-title">{t('legendFacilities')}</div>
          <ul className="legend-list">
            {legendFacilities(service, layers.illustrative, present).map((e) => (
              <li key={`${e.type}-${e.hollow}`}>
                <FacilitySymbol type={e.type} hollow={e.hollow} /> {t(e.labelKey)}
              </li>
            ))}
          </ul>
          {missing.length > 0 && (
            <div className="legend-note" data-testid="legend-missing">
              {t('legendMissing', { types: missing.map((m) => t(`type_${m}`)).join(', ') })}
            </div>
          )}
        </div>
      )}
      {noOwn && <NoOwnNote service={service} className="honesty" testId="legend-no-own" onOpenData={onOpenData} />}
      <div className="legend-block">
        <span className="swatch nodata" /> {t('legendNoData')}
      </div>
      {territory && (
        <div className="legend-block" data-testid="legend-occupied">
          <div>
            <span className="swatch occupied" /> {legendTerritory(t, territory, lang).occupied}
          </div>
          <div className="legend-note">
            <span className="swatch hostilities" /> {legendTerritory(t, territory, lang).hostilities}
          </div>
        </div>
      )}
      {boundaries && (
        <p className="honesty" role="note" data-testid="legend-boundaries">
          {boundariesNote(t, lang, boundaries)}
        </p>
      )}
      <p className="honesty" role="note">
        <strong>{t('honestyShort')}:</strong> {t('honestyLegend')}{' '}
        <button type="button" className="linklike" onClick={onOpenSources}>
          {t('sources')}
        </button>
      </p>
    </details>
  );
}
