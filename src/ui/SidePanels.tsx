/** The open side panel (community, table, data, planner, sources) as a sheet beside or over the map. */
import type { ReactNode } from 'react';
import type { CoverageExportRequest } from '../worker/export-handlers';
import type { AppState } from '../state/app-state';
import type { CoverageResult } from '../state/coverage-source';
import { CommunityPanel } from './CommunityPanel';
import type { DroppedFiles } from './data/ImportSection';
import { DataPanel } from './DataPanel';
import { HromadaTablePanel } from './HromadaTablePanel';
import { ModelCheckPanel } from './model-check/ModelCheckPanel';
import { PanelSheet } from './PanelSheet';
import type { ScenarioPanelProps } from './panel-props';
import { PlannerPanel, type PlannerPanelProps } from './PlannerPanel';
import { SourcesPanel } from './SourcesPanel';
import type { ReadyBoot } from './use-boot';

export function SidePanels({
  boot,
  state,
  selectedIndex,
  result,
  territoryName,
  scenarioProps,
  planner,
  dropped,
  exportCoverage,
  onState,
  onClose,
  onSelectHromada,
  onSelectPlace,
}: {
  boot: ReadyBoot;
  state: AppState;
  selectedIndex: number;
  result: CoverageResult | null;
  /** The territory-status list in use, with its date in the page's format (as the legend). */
  territoryName: string | undefined;
  /** What the Data and Planner panels share: the data, the scenario and the latest result. */
  scenarioProps: ScenarioPanelProps;
  planner: Omit<PlannerPanelProps, keyof ScenarioPanelProps>;
  dropped: DroppedFiles | null;
  exportCoverage: (req: CoverageExportRequest) => Promise<string>;
  onState: (patch: Partial<AppState>) => void;
  onClose: () => void;
  onSelectHromada: (index: number) => void;
  onSelectPlace: (p: { lon: number; lat: number; name?: string }) => void;
}): ReactNode {
  const panel = state.panel;
  if (panel.type === 'none' || panel.type === 'params') return null;
  return (
    <PanelSheet panel={panel.type} onClose={onClose}>
      {panel.type === 'community' && selectedIndex >= 0 && (
        <CommunityPanel
          index={selectedIndex}
          data={boot.data}
          result={result}
          service={state.service}
          territory={territoryName}
          onClose={onClose}
          onSelectPlace={onSelectPlace}
          onOpenData={() => onState({ panel: { type: 'data' } })}
        />
      )}
      {panel.type === 'table' && (
        <HromadaTablePanel
          data={boot.data}
          result={result}
          service={state.service}
          oblast={state.area?.oblast ?? ''}
          raion={state.area?.kind === 'raion' ? state.area.raion : ''}
          onOblast={(o) => onState({ area: o ? { kind: 'oblast', oblast: o } : null })}
          onPick={(i) => onSelectHromada(i)}
          onClose={onClose}
          territory={territoryName}
          attribution={scenarioProps.attribution}
        />
      )}
      {panel.type === 'data' && <DataPanel {...scenarioProps} dropped={dropped} exportCoverage={exportCoverage} />}
      {panel.type === 'planner' && <PlannerPanel {...planner} {...scenarioProps} />}
      {panel.type === 'modelCheck' && <ModelCheckPanel {...scenarioProps} />}
      {panel.type === 'sources' && <SourcesPanel sources={boot.bundle.attribution} byRoad={result?.params.coverageMode === 'time' && result.params.travelModel === 'road'} onClose={onClose} />}
    </PanelSheet>
  );
}
