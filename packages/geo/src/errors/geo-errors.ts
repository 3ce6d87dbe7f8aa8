/**
 * Typed errors of the geography layer. Errors with `isUserError = true` are the user's to fix
 * (a missing file, a bad area code, a point far from any road); the CLI prints their message
 * without a stack trace and exits with code 2.
 */
export class GeoInputError extends Error {
  readonly isUserError = true;
  /** File, area code or point id the message is about, when there is one. */
  readonly subject: string | undefined;
  constructor(message: string, subject?: string) {
    super(message);
    this.name = "GeoInputError";
    this.subject = subject;
  }
  get userMessage(): string {
    return this.message;
  }
}

/** A required dataset is not in the data directory (or fails its checksum). */
export class DataMissingError extends GeoInputError {
  constructor(message: string, file: string) {
    super(message, file);
    this.name = "DataMissingError";
  }
}

/** A network file (PBF, edge list, built network) is corrupt, truncated or empty. */
export class NetworkFileError extends GeoInputError {
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`, file);
    this.name = "NetworkFileError";
  }
}

/** A point cannot be joined to the road network, or two points are not connected by it. */
export class NoRouteError extends GeoInputError {
  constructor(message: string, pointId: string) {
    super(message, pointId);
    this.name = "NoRouteError";
  }
}

/** An area code that the boundary data does not know. */
export class UnknownAreaError extends GeoInputError {
  constructor(code: string, known: string) {
    super(`unknown area code '${code}': ${known}`, code);
    this.name = "UnknownAreaError";
  }
}
