import { ScenarioError, formatIssue } from "@akutt/model";

/** A mistake the user can fix (bad flag, missing file): message only, exit code 2. */
export class UsageError extends Error {
  readonly isUserError = true;
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const EXIT_USER_ERROR = 2;

/** Message for a user error, or undefined if the error is a bug that deserves a stack trace. */
export function userErrorMessage(error: unknown): string | undefined {
  if (error instanceof ScenarioError) {
    const count = error.issues.length;
    return `${count} problem${count === 1 ? "" : "s"} in the scenario:\n${error.issues.map((issue) => `  ${formatIssue(issue)}`).join("\n")}`;
  }
  if (error instanceof Error && (error as { isUserError?: unknown }).isUserError === true) return error.message;
  return undefined;
}
