export { FIT_FAMILIES, KS_MAX_EVALUATIONS, MIN_FIT_SAMPLES, Z_95, fitFamilies, fitGamma, fitLognormal, gammaShape, ksStatistic, logLikelihood, type DistributionFit, type FitFamily, type Interval } from "./fit/fit.js";
export { trigamma } from "./fit/trigamma.js";
export { PRIOR_UNIFORM_MIX, dirichletShrink, type Shrunk } from "./demand/shrink.js";
export { HOURS_OF_WEEK, LOSS_MIN_INCIDENTS, fitDemand, totalVariation, type DemandCounts, type FittedDemand } from "./demand/fit-demand.js";
