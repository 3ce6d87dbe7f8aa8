/** One problem in a scenario file, located precisely enough to fix without reading code. */
export interface ScenarioIssue {
  file: string;
  /** 1-based line, or undefined when the problem is not tied to one place (e.g. a missing file). */
  line: number | undefined;
  column: number | undefined;
  /** Dotted path of the field, e.g. vehicles[3].station. */
  field: string;
  message: string;
}

/** A user mistake in a scenario: reported with file, line and field, exit code 2, no stack trace. */
export class ScenarioError extends Error {
  readonly issues: readonly ScenarioIssue[];

  constructor(issues: readonly ScenarioIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "ScenarioError";
    this.issues = issues;
  }
}

export function formatIssue(issue: ScenarioIssue): string {
  const place = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  return issue.field ? `${place}: ${issue.field}: ${issue.message}` : `${place}: ${issue.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
