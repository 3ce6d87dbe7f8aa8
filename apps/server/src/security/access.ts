import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ALL_AMKS, type LiveIdentity, type LiveRole, type LiveTokens } from "@akutt/live";
import { ForbiddenError, MisdirectedRequestError, UnauthorizedError, UriTooLongError } from "../errors.js";

/** Per-route access settings, in each route's `config`. */
export interface RouteAccess {
  /** Served without a token: only the page's static files, which hold no data. */
  public?: boolean;
  /** Also accepts the token as `?access_token=` (event streams and downloads, which a browser opens without headers). */
  queryToken?: boolean;
  /**
   * A live route (docs/live.md) and the least role it needs: with live tokens the request needs one
   * of them (a viewer's token on a dispatcher route gets 403); without, the server's own token (if
   * any) stands for a dispatcher of every AMK. Every live request is written to the audit log.
   */
  live?: LiveRole;
}

export interface AccessOptions {
  /** When set, every route that is not public needs `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Host names (without port) the server answers for; undefined: any. */
  allowedHosts?: readonly string[] | undefined;
  /** Longest accepted request URL in characters. */
  maxUrlLength: number;
  /** Tokens per AMK with roles for the live routes (akutt serve --live-tokens). */
  liveTokens?: LiveTokens | undefined;
}

/**
 * Access control on the routed request, deny by default: a hook on every request — matched routes
 * and the not-found handler alike — decides from the route the router chose (after it decoded the
 * path), never from the raw URL, so `/%61pi/…`, `//api/…` or `/API/…` reach either a route and its
 * check, or a 401/404.
 */
export function installAccessControl(app: FastifyInstance, options: AccessOptions): void {
  const expected = options.token === undefined ? undefined : digest(options.token);
  const hosts = options.allowedHosts?.map((host) => host.toLowerCase());
  app.addHook("onRequest", async (request) => {
    if (request.url.length > options.maxUrlLength) throw new UriTooLongError(options.maxUrlLength);
    if (hosts) {
      const host = hostName(request.headers.host ?? "");
      if (!hosts.includes(host)) throw new MisdirectedRequestError(host);
    }
    const access: RouteAccess = request.routeOptions.config ?? {};
    if (access.live !== undefined && options.liveTokens) {
      const given = credential(request, access.queryToken === true);
      const identity = given === undefined ? undefined : options.liveTokens.identify(given);
      if (!identity) throw new UnauthorizedError("missing or wrong live token: send Authorization: Bearer <token> with a token of the live tokens file");
      request.liveIdentity = identity;
      if (access.live === "dispatcher" && identity.role !== "dispatcher") throw new ForbiddenError(`the token of ${identity.name} has role ${identity.role}; this needs a dispatcher's token`);
      return;
    }
    if (expected && access.public !== true) {
      const given = credential(request, access.queryToken === true);
      // Compared as digests: equal length, constant time, and the token's length is not revealed.
      if (given === undefined || !timingSafeEqual(digest(given), expected)) throw new UnauthorizedError();
    }
    // Without live tokens, whoever may use the server (its token, or anyone on a local server) acts for every AMK.
    if (access.live !== undefined) request.liveIdentity = { name: expected ? "server-token" : "local", amk: ALL_AMKS, role: "dispatcher" };
  });
}

function credential(request: FastifyRequest, allowQuery: boolean): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === "string") {
    const match = /^bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : undefined;
  }
  if (!allowQuery) return undefined;
  const value = (request.query as Record<string, unknown> | undefined)?.access_token;
  return typeof value === "string" ? value : undefined;
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** The host part of a Host header, lower-case, without port or IPv6 brackets. */
export function hostName(header: string): string {
  const trimmed = header.trim().toLowerCase();
  if (trimmed.startsWith("[")) {
    const end = trimmed.indexOf("]");
    return end > 0 ? trimmed.slice(1, end) : trimmed;
  }
  const colon = trimmed.lastIndexOf(":");
  return (colon >= 0 ? trimmed.slice(0, colon) : trimmed).replace(/\.$/, "");
}

declare module "fastify" {
  // Routes declare their access in `config`; the hook above reads it.
  interface FastifyContextConfig extends RouteAccess {}
  interface FastifyRequest {
    /** Who made a live request (set by the access hook on live routes). */
    liveIdentity?: LiveIdentity;
  }
}
