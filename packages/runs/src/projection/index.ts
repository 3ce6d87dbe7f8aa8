export { areaFactors, meanRelativeRate, perHeadMultiplier, projectDemand, withDemandPatch, type AgeGroupRate, type AreaFactor, type AreaProjectionInput, type DemandPatch } from "./demand-factors.js";
export { projectScenario, projectionSettings, municipalityOf, ProjectionData, ProjectionInputError, AGE_STRUCTURE_YEAR, type AreaProjection, type ProjectionResult, type ProjectOptions } from "./project-scenario.js";
export { projectionOverlay } from "./overlay-yaml.js";
