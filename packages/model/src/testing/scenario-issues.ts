import { ScenarioError, type ScenarioIssue } from "../errors/scenario-error.js";
import { parseScenario } from "../scenario/load.js";

/**
 * Test helper: the issues of the ScenarioError that `run` throws. Any other error is rethrown, and
 * a run that throws nothing fails, so a rejection test cannot pass by accident.
 */
export function scenarioIssuesOf(run: () => unknown): ScenarioIssue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return [...error.issues];
    throw error;
  }
  throw new Error("expected the scenario to be rejected with a ScenarioError");
}

/** Test helper: the issues found in scenario text named `fileName` whose relative paths start at `baseDir`. */
export function scenarioTextIssues(text: string, baseDir: string, fileName = "demo.yaml"): ScenarioIssue[] {
  return scenarioIssuesOf(() => parseScenario(text, fileName, baseDir));
}
