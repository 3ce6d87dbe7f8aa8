import { formatIssue, type ScenarioIssue } from "@akutt/model";

/**
 * A mistake in an input the user can fix (the extract, the mapping file, a flag): the message
 * names the file, column or field and never quotes a value from the extract. The CLI prints it
 * without a stack trace and exits with code 2 (isUserError).
 */
export class ImportInputError extends Error {
  override readonly name = "ImportInputError";
  readonly isUserError = true;
}

/** Problems in a mapping file, each with file, line and field. */
export class MappingFileError extends Error {
  override readonly name = "MappingFileError";
  readonly isUserError = true;
  constructor(readonly issues: readonly ScenarioIssue[]) {
    super(`${issues.length} problem${issues.length === 1 ? "" : "s"} in the mapping file:\n${issues.map((issue) => `  ${formatIssue(issue)}`).join("\n")}`);
  }
}
