export { validateModel, objectiveValue, MipModelError, NAME_PATTERN, OBJECTIVE_ROW, type MipModel, type MipVariable, type MipConstraint, type LinearTerm, type VariableType, type ConstraintSense } from "./mip/model.js";
export { writeLp, formatNumber, commentText } from "./mip/lp-format.js";
export { writeMps, mpsObjectiveFactor } from "./mip/mps-format.js";
export { solveWithHighs, type MipSolution, type SolveStatus, type HighsSolveOptions } from "./mip/highs.js";
export { coverageData, OptimiseInputError, type CoverageData, type CoverageOptions, type DemandPoint, type CandidateSite, type SiteKind } from "./coverage/coverage.js";
export { sitingOptionsSchema, fleetOptionsSchema, optimiseFileSchema, loadOptimiseOptionsFile, SITING_MODELS, BORDER_RULES, type SitingOptions, type SitingOptionsInput, type FleetOptions, type SitingModelName } from "./options.js";
export { buildMexclp, buildMalp, buildPMedian, buildCoveringAt, type SitingParameters } from "./siting/models.js";
export { planFigures, vehiclesForReliability, weightedPercentile, type PlanFigures } from "./siting/plan.js";
export { solveSiting, type SitingResult, type SiteAllocation, type SitingSolveOptions } from "./siting/solve-siting.js";
