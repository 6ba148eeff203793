/**
 * Public API of the coverage engine (pure TypeScript; used by the worker, the CLI and the optimizer).
 */
export * from './types';
export { EARTH_RADIUS_KM, haversineKm, chordToKm, unitVector, minutesPerKm, responseMinutes } from './travel';
export { CoverageEngine } from './coverage';
export { MatrixError, compileMatrix, travelMatrix, type CompiledMatrix } from './matrix';
export { weightedQuantile, weightedSelect, sortPairs } from './stats';
export { bruteForceCoverage, type BruteCoverage } from './brute';
export { bruteForceExtras, type BruteExtras } from './brute-extras';
export { normFor, bestMinutes } from './norms';
export { cityIndex, cityRow, pointRow, hromadaPlaces, type PlaceRow, type CityIndex } from './places';
export { Availability, missFactors, missFromCounts, TYPE_COUNT } from './availability';
export { secondThresholds, secondCoveredFlags } from './second-unit';
export { firstDueFromUnits, slotHromadas, type FirstDueFrom, type FirstDueInputs } from './cross-border';
export { UNIT_MODEL_STRAIGHT, UNIT_MODEL_ROAD, UNIT_MODEL_MATRIX } from './roads/model';
export { calibrate, checkErrors, modelledMinutes, robustFit, type Calibration, type CheckErrors, type CheckModel, type CheckPair, type ErrorSummary, type FitResult, type ModelParts } from './calibrate';
export { straightLineModel } from './calibrate-models';
export { roadCheckModel } from './calibrate-roads';
