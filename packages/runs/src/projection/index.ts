export { areaFactors, meanRelativeRate, perHeadMultiplier, projectDemand, projectWorkload, withDemandPatch, workloadFactors, type AgeGroupRate, type AmkWorkloadPatch, type AreaFactor, type AreaProjectionInput, type DemandPatch, type WorkloadFactors, type WorkloadPatch } from "./demand-factors.js";
export { projectScenario, projectionSettings, municipalityOf, ProjectionData, ProjectionInputError, AGE_STRUCTURE_YEAR, type AreaProjection, type ProjectionResult, type ProjectOptions } from "./project-scenario.js";
export { projectionOverlay, projectionOverlayFields } from "./overlay-yaml.js";
