/**
 * The coverage worker's model-check handler (check-protocol.ts): the road model of src/engine/calibrate-roads.ts on
 * the graph attached to the engine. The check model (its node index and reverse graph) is kept per graph.
 */
import { calibrate, type CheckModel } from '../engine/calibrate';
import { roadCheckModel } from '../engine/calibrate-roads';
import type { RoadGraph } from '../engine/roads/graph';
import type { ModelParams } from '../engine/types';
import type { CheckRoadsRequest, CheckRoadsResponse } from './check-protocol';
import type { CoverageEngine } from '../engine/coverage';

/** The part of host.ts's HostContext the handler uses (not imported: host.ts imports this module). */
export interface CheckContext {
  engine(): CoverageEngine;
}

export function checkHandlers(): { checkRoads: (req: CheckRoadsRequest, ctx: CheckContext) => CheckRoadsResponse } {
  const models = new WeakMap<RoadGraph, CheckModel<ModelParams>>();
  return {
    checkRoads: (req, ctx) => {
      const g = ctx.engine().roadGraph;
      if (!g) return { error: 'no_graph' };
      let model = models.get(g);
      if (!model) models.set(g, (model = roadCheckModel(g)));
      const t0 = performance.now();
      const calibration = calibrate(model, req.pairs, { ...req.params, travelModel: 'road' }, req.classes ? { classes: req.classes } : {});
      return { calibration: { ...calibration, params: { ...calibration.params, travelModel: req.params.travelModel } }, ms: performance.now() - t0 };
    },
  };
}
