import type { FastifyError, FastifyInstance } from "fastify";
import { ScenarioError, type ScenarioIssue } from "@akutt/model";

/** A field-level problem with a request: `field` is a dotted path into the body, query or path. */
export interface FieldIssue {
  /** For a mistake in a file the server read (e.g. the data folder's kommune classification): the file and its line from 1. */
  file?: string;
  line?: number;
  field: string;
  message: string;
}

/** Errors the API raises on purpose; each has exactly one HTTP status, set in `sendError` below. */
export class NotFoundError extends Error {
  constructor(what: string, id: string) {
    super(`${what} "${id}" not found`);
    this.name = "NotFoundError";
  }
}

export class BadRequestError extends Error {
  constructor(message: string, readonly issues: FieldIssue[] = []) {
    super(message);
    this.name = "BadRequestError";
  }
}

/** The request is well-formed but conflicts with the resource's state (e.g. results of an unfinished run). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

export class UnauthorizedError extends Error {
  constructor(message = "missing or wrong access token: send Authorization: Bearer <token>") {
    super(message);
    this.name = "UnauthorizedError";
  }
}

/** The token is valid but its role does not allow the request (a live viewer posting events). */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Something the server needs is not available now (a worker that timed out or crashed); the cause is logged, not sent. */
export class ServiceUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = "ServiceUnavailableError";
  }
}

/** The Host header names a host this server does not serve (DNS rebinding, misrouted requests). */
export class MisdirectedRequestError extends Error {
  constructor(host: string) {
    super(`this server does not answer for host "${host.slice(0, 100)}"; use the address it printed when it started`);
    this.name = "MisdirectedRequestError";
  }
}

export class UriTooLongError extends Error {
  constructor(limit: number) {
    super(`the request URL is longer than ${limit} characters`);
    this.name = "UriTooLongError";
  }
}

/** JSON body of every error response. */
export interface ErrorBody {
  error: string;
  message: string;
  issues?: Array<FieldIssue | ScenarioIssue>;
}

/** The one place where errors become HTTP responses. */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof ScenarioError) {
    return { status: 422, body: { error: "invalid-scenario", message: `${error.issues.length} problem${error.issues.length === 1 ? "" : "s"} in the scenario`, issues: [...error.issues] } };
  }
  if (error instanceof NotFoundError) return { status: 404, body: { error: "not-found", message: error.message } };
  if (error instanceof BadRequestError) return { status: 400, body: { error: "bad-request", message: error.message, issues: error.issues } };
  if (error instanceof ConflictError) return { status: 409, body: { error: "conflict", message: error.message } };
  if (error instanceof UnauthorizedError) return { status: 401, body: { error: "unauthorized", message: error.message } };
  if (error instanceof ForbiddenError) return { status: 403, body: { error: "forbidden", message: error.message } };
  if (error instanceof MisdirectedRequestError) return { status: 421, body: { error: "misdirected-request", message: error.message } };
  if (error instanceof UriTooLongError) return { status: 414, body: { error: "uri-too-long", message: error.message } };
  if (error instanceof ServiceUnavailableError) return { status: 503, body: { error: "unavailable", message: `${error.message}; try again` } };
  const fastifyError = error as Partial<FastifyError> & { validation?: Array<{ instancePath?: string; message?: string; params?: Record<string, unknown> }>; validationContext?: string };
  if (fastifyError.validation) {
    const context = fastifyError.validationContext ?? "body";
    const issues = fastifyError.validation.map((item) => {
      const missing = typeof item.params?.missingProperty === "string" ? `/${item.params.missingProperty}` : "";
      const extra = typeof item.params?.additionalProperty === "string" ? `/${item.params.additionalProperty}` : "";
      const path = `${item.instancePath ?? ""}${missing}${extra}`.replace(/^\//, "").replace(/\//g, ".");
      return { field: path ? `${context}.${path}` : context, message: item.message ?? "invalid" };
    });
    return { status: 400, body: { error: "bad-request", message: `invalid request ${context}`, issues } };
  }
  if (fastifyError.code === "FST_ERR_CTP_INVALID_JSON_BODY" || fastifyError.code === "FST_ERR_CTP_EMPTY_JSON_BODY" || error instanceof SyntaxError) {
    return { status: 400, body: { error: "bad-request", message: "the request body is not valid JSON" } };
  }
  if (fastifyError.code === "FST_ERR_CTP_BODY_TOO_LARGE") return { status: 413, body: { error: "payload-too-large", message: fastifyError.message ?? "request body too large" } };
  if (fastifyError.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return { status: 415, body: { error: "unsupported-media-type", message: fastifyError.message ?? "unsupported content type" } };
  if (typeof fastifyError.statusCode === "number" && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, body: { error: "bad-request", message: fastifyError.message ?? "bad request" } };
  }
  return { status: 500, body: { error: "internal", message: "internal error; see the server log" } };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = errorResponse(error);
    // Every 5xx is logged with its cause; the client gets only the error shape. The URL is logged
    // without a token given as ?access_token= (streams, downloads): a log is no place for a credential.
    if (status >= 500) request.log.error({ err: error, cause: (error as { cause?: unknown }).cause, method: request.method, url: withoutToken(request.url).slice(0, 300) }, "request failed");
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const { status, body } = errorResponse(new NotFoundError("path", request.url.slice(0, 200)));
    void reply.status(status).send(body);
  });
}

/** OpenAPI schema of ErrorBody, shared by every route. */
export const errorSchema = {
  type: "object",
  required: ["error", "message"],
  properties: {
    error: { type: "string" },
    message: { type: "string" },
    issues: {
      type: "array",
      items: {
        type: "object",
        properties: {
          file: { type: "string" },
          line: { type: ["integer", "null"] },
          column: { type: ["integer", "null"] },
          field: { type: "string" },
          message: { type: "string" },
          record: {
            type: "object",
            description: "for a variant's issue in a list of records: the list and the id of the record (e.g. the vehicle) the field belongs to",
            properties: { list: { type: "string" }, id: { type: "string" }, index: { type: "integer" } },
          },
        },
      },
    },
  },
} as const;

/** A request URL with the value of an access_token query parameter (however its name is encoded) hidden, for the log. */
function withoutToken(url: string): string {
  const at = url.indexOf("?");
  if (at < 0) return url;
  const query = new URLSearchParams(url.slice(at + 1));
  if (!query.has("access_token")) return url;
  query.set("access_token", "hidden");
  return `${url.slice(0, at)}?${query.toString()}`;
}
