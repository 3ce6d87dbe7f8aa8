import type { ScenarioReadOptions } from "@akutt/model";
import { evaluateUnit, type EvaluationUnit } from "./units.js";

/** What the thread pool sends a ranking worker thread. */
export interface UnitTask {
  unit: EvaluationUnit;
  read: ScenarioReadOptions;
}

/** The worker thread's side: one unit, its result as JSON text. */
export function runUnitTask(task: UnitTask): Promise<string> {
  return evaluateUnit(task.unit, task.read);
}
