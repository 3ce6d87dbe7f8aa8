/** A problem with travel input a user can fix (a missing file, an unknown id); reported without a stack trace. */
export class TravelInputError extends Error {
  readonly isUserError = true;
  constructor(message: string) {
    super(message);
    this.name = "TravelInputError";
  }
}
