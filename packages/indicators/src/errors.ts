/** Where in an input file a mistake is: the file (as the user knows it), its line from 1 and the field, and what is wrong there. */
export interface InputIssue {
  file: string;
  line: number;
  field: string;
  message: string;
}

/** A mistake the user can fix (unknown indicator, no warehouse, empty warehouse, a malformed input file): one line, exit 2. */
export class IndicatorInputError extends Error {
  readonly isUserError = true;
  constructor(
    message: string,
    /** Set when the mistake is at a place in an input file (the server returns it as the 400's issue). */
    readonly issue?: InputIssue,
  ) {
    super(message);
    this.name = "IndicatorInputError";
  }
}
