/**
 * The shift editor: days (every day, weekdays, weekend or chosen days), start and end per shift, add and
 * remove; for an AMK also the number of operators on each shift. Used for vehicles and AMK staffing.
 */
import { el } from "./dom.js";
import { t, type Key } from "./i18n.js";
import type { IssueNote } from "./state.js";
import type { Days, Shift, StaffedShift } from "./types.js";

export const DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const dayNames = () => t("dayNames").split(",");

export function daysText(days: Days): string {
  if (Array.isArray(days)) return days.map((day) => dayNames()[DAY_KEYS.indexOf(day as (typeof DAY_KEYS)[number])] ?? day).join(", ");
  return t(`days-${days}` as Key);
}

export function shiftSummary(shifts: Shift[]): string {
  return shifts.length === 0 ? t("shiftAll") : shifts.map((shift) => `${daysText(shift.days ?? "all")} ${shift.start}–${shift.end}`).join("; ");
}
export function staffSummary(shifts: StaffedShift[]): string {
  return shifts.map((shift) => `${daysText(shift.days ?? "all")} ${shift.start}–${shift.end}: ${shift.count}`).join("; ");
}

export const copyShifts = <T extends Shift>(shifts: T[]): T[] => shifts.map((shift) => ({ ...shift, days: Array.isArray(shift.days) ? [...shift.days] : (shift.days ?? "all") }));

const START = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const END = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
/** The page's own check of one shift (the loader checks overlaps); the message in the page's language, or null. */
export function shiftProblem(shift: Shift | StaffedShift): string | null {
  if (!START.test(shift.start) || !END.test(shift.end)) return t("errClock");
  if (shift.start === shift.end) return t("errEmptyShift");
  if ("count" in shift && (!Number.isInteger(shift.count) || shift.count < 1 || shift.count > 500)) return t("errOperators");
  return null;
}

export interface ShiftEditorOptions<T extends Shift> {
  /** Suffix of the element ids (a vehicle record id, or `amk-<id>`). */
  id: string;
  legend: string;
  /** The working copy; the editor changes it in place. */
  shifts: T[];
  /** Operators per shift (AMK) instead of one vehicle. */
  staffed: boolean;
  /** AMKs need at least one shift; a vehicle with none is on duty around the clock. */
  minShifts: number;
  issues: IssueNote[];
  newShift(): T;
  onChange(rerender: boolean): void;
}

export function shiftEditor<T extends Shift>(options: ShiftEditorOptions<T>): HTMLFieldSetElement {
  const { id, shifts, issues } = options;
  const box = el("fieldset", { className: "shift-editor", id: `shift-editor-${id}` }, el("legend", { text: options.legend }));
  shifts.forEach((shift, j) => {
    const line = el("div", { className: "shift-line", "data-shift": j });
    const label = `${t("shiftNo")} ${j + 1}, ${options.legend}`;
    const days = el("select", { "aria-label": `${t("days")}, ${label}`, "data-field": "days" });
    for (const option of ["all", "weekdays", "weekend", "list"]) days.append(new Option(t(`days-${option}` as Key), option));
    days.value = Array.isArray(shift.days) ? "list" : shift.days;
    days.addEventListener("change", () => {
      shift.days = days.value === "list" ? ["mon"] : (days.value as Days);
      options.onChange(true);
    });
    line.append(days);
    if (Array.isArray(shift.days)) {
      const chosen = el("span", { className: "days" });
      DAY_KEYS.forEach((day, d) => {
        const check = el("input", { type: "checkbox", value: day });
        check.checked = (shift.days as string[]).includes(day);
        check.addEventListener("change", () => {
          const list = DAY_KEYS.filter((key) => (key === day ? check.checked : (shift.days as string[]).includes(key)));
          shift.days = list.length > 0 ? [...list] : ["mon"];
          options.onChange(list.length === 0);
        });
        chosen.append(el("label", {}, check, ` ${dayNames()[d]}`));
      });
      line.append(chosen);
    }
    const lineIssues = issues.filter((issue) => issue.shift === j);
    const own = shiftProblem(shift);
    const messages = [...lineIssues.map((issue) => issue.text), ...(own && lineIssues.length === 0 ? [own] : [])];
    const describedBy = messages.length > 0 ? `shift-issue-${id}-${j}` : undefined;
    for (const [field, text] of [["start", t("start")], ["end", t("end")]] as const) {
      const time = el("input", { className: "time", "data-field": field, inputmode: "numeric", pattern: field === "start" ? START.source.slice(1, -1) : END.source.slice(1, -1), placeholder: t("hhmm"), "aria-label": `${text}, ${label}`, "aria-invalid": describedBy ? "true" : undefined, "aria-describedby": describedBy });
      time.value = shift[field];
      time.addEventListener("change", () => {
        shift[field] = time.value.trim();
        options.onChange(shiftProblem(shift) !== own);
      });
      line.append(el("label", {}, `${text} `, time));
    }
    if (options.staffed) {
      const staffed = shift as unknown as StaffedShift;
      const count = el("input", { type: "number", min: 1, max: 500, step: 1, className: "count", "data-field": "count", "aria-label": `${t("operators")}, ${label}`, "aria-invalid": describedBy ? "true" : undefined, "aria-describedby": describedBy });
      count.value = String(staffed.count);
      count.addEventListener("change", () => {
        staffed.count = Number(count.value);
        options.onChange(shiftProblem(shift) !== own);
      });
      line.append(el("label", {}, `${t("operators")} `, count));
    }
    const remove = el("button", { type: "button", className: "small secondary", text: t("removeShift"), "aria-label": `${t("removeShift")} ${label}` });
    remove.disabled = shifts.length <= options.minShifts;
    remove.addEventListener("click", () => {
      shifts.splice(j, 1);
      options.onChange(true);
    });
    line.append(remove);
    if (describedBy) line.append(el("p", { className: "field-error", id: describedBy, text: messages.join(" ") }));
    box.append(line);
  });
  if (shifts.length === 0) box.append(el("p", { className: "muted", text: t("shiftAll") }));
  const addShift = el("button", { type: "button", className: "small", "data-add-shift": id, text: t("addShift") });
  addShift.addEventListener("click", () => {
    shifts.push(options.newShift());
    options.onChange(true);
  });
  box.append(addShift);
  if (options.minShifts === 0) {
    const allDay = el("button", { type: "button", className: "small secondary", text: t("allDay") });
    allDay.addEventListener("click", () => {
      shifts.splice(0);
      options.onChange(true);
    });
    box.append(" ", allDay);
  }
  return box;
}
