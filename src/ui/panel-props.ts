/** Props shared by the side panels that read and change the scenario (DataPanel, PlannerPanel). */
import type { Facility } from '../engine/types';
import type { Scenario } from '../io/scenario';
import type { AppState } from '../state/app-state';
import type { CoverageResult } from '../state/coverage-source';
import type { GeoBundle } from '../state/load-data';
import type { MapData } from '../map/map-data';

export interface ScenarioPanelProps {
  bundle: GeoBundle;
  data: MapData;
  /** Source lines for every export: bundled sources, then the user's imported files (src/state/attribution.ts). */
  attribution: string[];
  state: AppState;
  /** Facility imports and edits over the embedded data (parameters are in `state.params`). */
  scenario: Scenario;
  /** The scenario's facilities: `scenarioFacilities(bundle.facilities, scenario)`. */
  facilities: readonly Facility[];
  /** The latest coverage result (null while the first one is computed). */
  result: CoverageResult | null;
  onScenario: (next: Scenario | ((prev: Scenario) => Scenario)) => void;
  onState: (patch: Partial<AppState>) => void;
  onClose: () => void;
}
