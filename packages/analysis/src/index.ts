export * from "./statistics/descriptive.js";
export * from "./statistics/student-t.js";
export * from "./statistics/confidence.js";
export { radixArgsort } from "./statistics/sort.js";
export * from "./queueing/erlang.js";
export * from "./queueing/priority.js";
export * from "./kpi/targets.js";
export * from "./kpi/replication-kpis.js";
