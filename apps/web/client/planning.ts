/**
 * What planners change besides stations: demand growth, AMK operators per shift, hospitals'
 * capabilities, and the cross-border rule. Each edit is kept in `S.edits` and saved as an overlay.
 */
import { $, el, input, select } from "./dom.js";
import { capabilityName, num, t } from "./i18n.js";
import { translateIssue } from "./issues.js";
import { neededCapabilities, renderChanges, showProblems } from "./overlay.js";
import { copyShifts, shiftEditor } from "./shifts.js";
import { S } from "./state.js";
import type { StaffedShift } from "./types.js";

export function renderPlanning(): void {
  renderPolicy();
  renderDemand();
  renderAmk();
  renderHospitals();
}

function renderPolicy(): void {
  select("cross-border").value = S.edits.dispatch.crossBorder;
  input("inter-amk").value = String(S.edits.dispatch.interAmkDelaySec);
}

// ───────────── demand ─────────────
function renderDemand(): void {
  const base = S.view?.scenario.demand.growthFactor ?? 1;
  input("growth-factor").value = String(S.edits.growthFactor);
  renderGrowthNote(base);
}

function renderGrowthNote(base: number): void {
  const factor = S.edits.growthFactor;
  const valid = Number.isFinite(factor) && factor > 0;
  const change = valid ? (factor / base - 1) * 100 : 0;
  $("growth-note").textContent = !valid ? "" : Math.abs(change) < 0.05 ? t("growthSame") : `${change > 0 ? "+" : "−"}${num(Math.abs(change), 1)} % ${t("growthVsScenario")}`;
  input("growth-factor").setAttribute("aria-invalid", String(!valid || factor > 10));
}

function setGrowth(value: number): void {
  S.edits.growthFactor = value;
  input("growth-factor").value = String(value);
  renderGrowthNote(S.view?.scenario.demand.growthFactor ?? 1);
  showProblems();
  renderChanges();
}

// ───────────── AMK staffing ─────────────
function renderAmk(): void {
  const view = S.view;
  const target = $("amk-list");
  if (!view) return target.replaceChildren();
  target.replaceChildren(
    ...view.scenario.amkCentres.map((centre) => {
      const shifts = copyShifts(S.edits.operators.get(centre.id) ?? centre.operators);
      const issues = S.otherIssues.filter((issue) => issue.record?.list === "amkCentres" ? issue.record.id === centre.id : issue.field?.startsWith(`amkCentres[${view.scenario.amkCentres.indexOf(centre)}]`));
      const notes = issues.map((issue) => {
        const shift = /\.operators\[(\d+)\]/.exec(issue.field ?? "");
        return { shift: shift ? Number(shift[1]) : null, text: translateIssue(issue.message) };
      });
      return shiftEditor<StaffedShift>({
        id: `amk-${centre.id}`,
        legend: `${centre.name}: ${t("operatorsPerShift")}`,
        shifts,
        staffed: true,
        minShifts: 1,
        issues: notes,
        newShift: () => ({ days: "all", start: "07:00", end: "15:00", count: 1 }),
        onChange: (rerender) => {
          S.edits.operators.set(centre.id, copyShifts(shifts));
          showProblems();
          renderChanges();
          if (rerender) renderAmk();
        },
      });
    }),
  );
}

// ───────────── hospitals ─────────────
/** Capabilities to offer: those patients need, those any hospital has, "general" first. */
function capabilities(): string[] {
  const all = new Set<string>(neededCapabilities());
  for (const d of S.view?.scenario.destinations ?? []) for (const c of d.capabilities) all.add(c);
  const order = ["general", "stroke", "trauma", "pci"];
  return [...all].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
}

function renderHospitals(): void {
  const view = S.view;
  const target = $("hospital-table");
  const hospitals = (view?.scenario.destinations ?? []).filter((d) => d.kind !== "legevakt");
  $("hospitals-empty").hidden = hospitals.length > 0;
  if (hospitals.length === 0) return target.replaceChildren();
  const caps = capabilities();
  const head = el("tr", {}, el("th", { scope: "col", text: t("hospital") }), ...caps.map((c) => el("th", { scope: "col", text: capabilityName(c) })));
  const rows = hospitals.map((hospital) => {
    const current = S.edits.capabilities.get(hospital.id) ?? hospital.capabilities;
    const changed = S.edits.capabilities.has(hospital.id) && JSON.stringify([...current].sort()) !== JSON.stringify([...hospital.capabilities].sort());
    return el(
      "tr",
      { "data-hospital": hospital.id, className: changed ? "edited" : undefined },
      el("th", { scope: "row", text: hospital.name }),
      ...caps.map((capability) => {
        const box = el("input", { type: "checkbox", value: capability, "aria-label": `${capabilityName(capability)}, ${hospital.name}` });
        box.checked = current.includes(capability);
        box.addEventListener("change", () => {
          const now = new Set(S.edits.capabilities.get(hospital.id) ?? hospital.capabilities);
          if (box.checked) now.add(capability);
          else now.delete(capability);
          S.edits.capabilities.set(hospital.id, hospital.capabilities.filter((c) => now.has(c)).concat([...now].filter((c) => !hospital.capabilities.includes(c))));
          showProblems();
          renderChanges();
          box.closest("tr")?.classList.toggle("edited", true);
        });
        return el("td", {}, box);
      }),
    );
  });
  target.replaceChildren(el("caption", { text: t("capabilitiesCaption") }), el("thead", {}, head), el("tbody", {}, ...rows));
}

export function wirePlanning(): void {
  select("cross-border").addEventListener("change", () => {
    S.edits.dispatch.crossBorder = select("cross-border").value;
    renderChanges();
  });
  input("inter-amk").addEventListener("change", () => {
    S.edits.dispatch.interAmkDelaySec = Number(input("inter-amk").value);
    renderChanges();
  });
  input("growth-factor").addEventListener("change", () => setGrowth(Number(input("growth-factor").value.replace(",", "."))));
  $("growth-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const perYear = Number(input("growth-percent").value.replace(",", "."));
    const years = Number(input("growth-years").value);
    if (!Number.isFinite(perYear) || perYear <= -100 || perYear > 100 || !Number.isInteger(years) || years < 0 || years > 50) {
      $("demand-issues").textContent = t("errGrowthHelper");
      return;
    }
    const base = S.view?.scenario.demand.growthFactor ?? 1;
    setGrowth(Math.round(base * (1 + perYear / 100) ** years * 1000) / 1000);
  });
}
