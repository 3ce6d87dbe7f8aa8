/**
 * What went wrong, in the page's language. The server's own messages are English and precise; a
 * bokmål page shows its own text for the error code instead, an English page adds the server's words.
 */
import { ApiError, isAbort } from "./api.js";
import { has, lang, t } from "./i18n.js";

export function errorText(error: unknown): string {
  if (isAbort(error)) return "";
  if (!(error instanceof ApiError)) return lang() === "en" ? ((error as Error | undefined)?.message ?? t("err-other")) : t("err-other");
  const key = `err-${error.code}`;
  const summary = has(key) ? t(key) : t("err-other");
  if (lang() !== "en" || !error.message || error.code === "network") return summary;
  return `${summary} (${error.message})`;
}
