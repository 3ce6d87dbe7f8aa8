/** A mistake the user can fix (unknown indicator, no warehouse, empty warehouse): one line, exit 2. */
export class IndicatorInputError extends Error {
  readonly isUserError = true;
  constructor(message: string) {
    super(message);
    this.name = "IndicatorInputError";
  }
}
