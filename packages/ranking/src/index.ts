export { evaluatePlans, checkRanking, planUnits, threadRunner, inThreadRunner, RankInputError, RANKING_LIMITS, PLAN_ID_PATTERN, TODAY_ID, type PlanInput, type EvaluateOptions, type UnitRunner } from "./evaluate.js";
export { rankPlans, planSeries, bonferroniLevel, RANK_OBJECTIVES, RANKING_FORMAT_VERSION, type RankObjective, type PlanRanking, type RankedPlan, type PlanDifference, type AreaFigures, type PlanSeries } from "./rank.js";
export { evaluateUnit, loadPlanScenario, type EvaluationUnit, type UnitResult, type PlanReplication, type RedFigures } from "./units.js";
export { UnitThreadPool, type ThreadPoolOptions } from "./threads.js";
export { rankingToJson } from "./rank.js";
export { renderRankingText, renderRankingMarkdown, type RankingLanguage } from "./render.js";
export { rankingFiles, movedOverlay } from "./save.js";
export { queueRunner, startQueueWorker, parseQueueUrl, RANKING_QUEUE, QUEUE_LIMITS, type QueueAddress, type QueueRunnerOptions, type QueueWorkerOptions, type QueueUnit } from "./queue.js";
export { sitingCandidates, allocationOverlay, planOverlayText, SitingProblemError, SITING_LIMITS, type SitingCandidates } from "./siting.js";
