/**
 * The loader's messages (422 issues, written in English) in the page's language where we know them,
 * and sorted to where they belong: a vehicle (and its shift), the relocation policy, an AMK, or the
 * general list under the save button. Unknown messages are shown as the loader wrote them.
 */
import { t } from "./i18n.js";
import { S, type IssueNote } from "./state.js";
import type { Issue } from "./types.js";

const PATTERNS: Array<[RegExp, (match: RegExpExecArray) => string]> = [
  [/empty shift/, () => t("errEmptyShift")],
  [/shift overlaps shifts\[(\d+)\]/, (m) => `${t("errOverlap")} ${Number(m[1]) + 1}${t("errOverlapTail")}`],
  [/overlaps itself/, () => t("errOverlapSelf")],
  [/HH:MM/, () => t("errClock")],
  [/\b(sea|lake|water|not on land|on land)\b/i, () => t("inWater")],
  [/duplicate [a-z ]*id "([^"]+)"/, (m) => `${t("errDuplicateId")} «${m[1]}».`],
  [/unknown station "([^"]+)"/, (m) => `${t("errUnknownStation")} «${m[1]}».`],
  [/required field is missing/, () => t("errRequired")],
  [/expected at least (\d+) item/, (m) => `${t("errAtLeast")} ${m[1]}.`],
  [/too small|greater than 0|must be positive|expected number to be >/i, () => t("errTooSmall")],
  [/cannot read the zones file/, () => t("errZonesFile")],
];

/** The loader's message in the page's language where it is one we know. */
export function translateIssue(message: string): string {
  for (const [pattern, text] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return text(match);
  }
  return message;
}

/** `field: message (line)` for the status line. */
export function issueLine(issue: Issue): string {
  const where = issue.record ? `${issue.record.id}: ` : issue.field ? `${issue.field}: ` : "";
  return `${where}${translateIssue(issue.message)}${issue.line ? ` (${t("line")} ${issue.line})` : ""}`;
}

/** Files the issues of a refused save under the vehicles they concern; the rest go to `S.otherIssues`. */
export function fileIssues(issues: Issue[]): void {
  S.vehicleIssues = new Map<string, IssueNote[]>();
  S.otherIssues = [];
  for (const issue of issues) {
    if (issue.record?.list !== "vehicles") {
      S.otherIssues.push(issue);
      continue;
    }
    const shift = /\.shifts\[(\d+)\]/.exec(issue.field ?? "");
    const list = S.vehicleIssues.get(issue.record.id) ?? [];
    list.push({ shift: shift ? Number(shift[1]) : null, text: translateIssue(issue.message) });
    S.vehicleIssues.set(issue.record.id, list);
  }
}
