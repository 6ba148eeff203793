/**
 * The model check's message to the coverage worker (added to its protocol by declaration merging, as
 * roads-protocol.ts does): check and fit the road model on trips, with the road graph the worker holds (the page never
 * has the graph). Handler: check-handlers.ts (registered in host.ts).
 */
import type { Calibration, CheckPair } from '../engine/calibrate';
import type { ModelParams } from '../engine/types';

export interface CheckRoadsRequest {
  pairs: CheckPair[];
  /** The parameters to start from (their `roads` speeds are fitted). */
  params: ModelParams;
  /** Fit only these highway classes (default all). */
  classes?: string[];
}

/** The calibration of the road model, or why there is none. */
export type CheckRoadsResponse = { calibration: Calibration<ModelParams>; ms: number } | { error: 'no_graph' };

declare module './protocol' {
  interface WorkerMessages {
    checkRoads: [CheckRoadsRequest, CheckRoadsResponse];
  }
}
