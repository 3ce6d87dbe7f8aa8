export { validateModel, objectiveValue, MipModelError, NAME_PATTERN, OBJECTIVE_ROW, type MipModel, type MipVariable, type MipConstraint, type LinearTerm, type VariableType, type ConstraintSense } from "./mip/model.js";
export { writeLp, formatNumber } from "./mip/lp-format.js";
export { writeMps, mpsObjectiveFactor } from "./mip/mps-format.js";
export { solveWithHighs, type MipSolution, type SolveStatus, type HighsSolveOptions } from "./mip/highs.js";
