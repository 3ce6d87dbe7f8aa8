/**
 * The HTTP API client: the bearer token from `#token=…`, JSON in and out, one error type.
 * A network failure or a 401 is also announced on `apiEvents` ("offline", "unauthorized"), which the
 * connection banner listens to.
 */
import type { Issue } from "./types.js";

const fromHash = new URLSearchParams(location.hash.slice(1)).get("token");
export const token = fromHash ?? sessionStorage.getItem("akutt-token") ?? "";
if (token) sessionStorage.setItem("akutt-token", token);
if (fromHash) history.replaceState(null, "", location.pathname + location.search); // keep the token out of the address bar

export const apiEvents = new EventTarget();

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const authHeaders = (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

/** True for an error thrown because the request was aborted (a newer request replaced it). */
export const isAbort = (error: unknown): boolean => (error as Error | undefined)?.name === "AbortError";
/** True for a 404: an endpoint this server does not have yet, or a record that is gone. */
export const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.status === 404;

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { ...(init.body ? { "content-type": "application/json" } : {}), ...authHeaders() };
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { ...init, headers });
  } catch (error) {
    if (isAbort(error)) throw error;
    apiEvents.dispatchEvent(new Event("offline"));
    throw new ApiError(0, "network", (error as Error).message);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: (T & { error?: string; message?: string; issues?: Issue[] }) | undefined;
  try {
    body = text ? (JSON.parse(text) as typeof body) : undefined;
  } catch {
    body = undefined;
  }
  if (response.status === 401) apiEvents.dispatchEvent(new Event("unauthorized"));
  if (!response.ok) throw new ApiError(response.status, body?.error ?? "http", body?.message ?? response.statusText, body?.issues ?? []);
  if (response.status >= 200 && response.status < 300) apiEvents.dispatchEvent(new Event("online"));
  return body as T;
}

export const post = <T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> => api<T>(path, { method: "POST", body: JSON.stringify(body), ...(signal ? { signal } : {}) });

/** A link for event streams and downloads, which cannot send a header. */
export const withToken = (path: string): string => (token ? `${path}${path.includes("?") ? "&" : "?"}access_token=${encodeURIComponent(token)}` : path);
