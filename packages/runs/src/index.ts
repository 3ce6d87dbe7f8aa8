export { prepareRun, type PreparedRun } from "./prepare.js";
export { simulateScenario, type SimulateOptions, type SimulationOutcome } from "./simulate-scenario.js";
export { runComparison, withSetting, growthFactor, CompareInputError, type VariantRun, type SensitivityRun, type CatchmentRow, type ComparisonRuns, type CompareOptions, type ProjectionRuns } from "./compare-runs.js";
export * from "./comparison-input.js";
export { populationSources } from "./population-sources.js";
export * from "./projection/index.js";
export { driveTimesFrom, DriveTimeInputError, DRIVE_TIME_MAX_DISTANCE_M, type DriveTimes, type DriveTimePoint, type DriveTimeOptions } from "./drive-times.js";
export { runMechanismSteps, type MechanismStepRuns } from "./mechanism-steps.js";
