import { URGENCIES } from "@akutt/model";
import type { CalibrationResult, TaskFit } from "./calibrate.js";
import { CLEANING_OUTCOMES, type TaskKey } from "./warehouse/read.js";

export type Language = "nb" | "en";

const TASK_NAMES: Record<TaskKey["task"], Record<Language, string>> = {
  callHandling: { nb: "AMK-behandling", en: "Call handling" },
  activation: { nb: "Aktivering", en: "Activation" },
  onScene: { nb: "Tid på stedet", en: "On scene" },
  handover: { nb: "Overlevering", en: "Handover" },
  cleaning: { nb: "Klargjøring", en: "Cleaning" },
};

function scope(key: TaskKey): string {
  if (key.task === "callHandling") return `${key.amk} ${key.urgency}`;
  if (key.task === "handover") return key.destination;
  if (key.task === "cleaning") return key.outcome;
  return key.urgency;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** The goodness-of-fit table (both families per task) and the demand and share summaries, as text. */
export function calibrationReport(result: CalibrationResult, language: Language): string {
  const nb = language === "nb";
  const number = (value: number, digits: number) => value.toLocaleString(nb ? "nb-NO" : "en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
  const data = result.data;
  const out: string[] = [];
  if (data.synthetic !== "no") out.push(nb ? `SYNTETISKE DATA: ${data.synthetic === "yes" ? "alle" : "noen av"} hendelsene kommer fra et generert uttrekk, ikke fra virkelige oppdrag.` : `SYNTHETIC DATA: ${data.synthetic === "yes" ? "every" : "some"} incident comes from a generated extract, not from real missions.`);
  out.push(nb ? `Kalibrering fra oppdragsdatabasen, ${data.period.period.fromDate} – ${data.period.period.toDate}` : `Calibration from the mission warehouse, ${data.period.period.fromDate} – ${data.period.period.toDate}`);
  out.push("");
  out.push(nb ? "Tilpasning av oppgavetider (sannsynlighetsmaksimering; 95 % KI; * = skrevet til overlegget)" : "Task-time fits (maximum likelihood; 95 % CI; * = written to the overlay)");
  const header = nb ? ["Oppgave", "Omfang", "n", "Fordeling", "Snitt s [95 % KI]", "SD s [95 % KI]", "log L", "AIC", "KS D"] : ["Task", "Scope", "n", "Family", "Mean s [95 % CI]", "SD s [95 % CI]", "log L", "AIC", "KS D"];
  const rows: string[][] = [];
  const note = (task: TaskFit) =>
    task.skipped === "too-few"
      ? nb
        ? "for få – scenarioets verdi beholdes"
        : "too few – the scenario's value is kept"
      : task.skipped === "drive-included"
        ? nb
          ? "inkluderer kjøring til stasjon – scenarioets verdi beholdes"
          : "includes the drive to the station – the scenario's value is kept"
        : nb
          ? "ikke i scenarioet"
          : "not in the scenario";
  for (const task of result.tasks) {
    const name = TASK_NAMES[task.key.task][language];
    if (task.fits.length === 0) {
      rows.push([name, scope(task.key), String(task.n), "–", note(task), "", "", "", ""]);
      continue;
    }
    for (const fit of task.fits) {
      const mark = fit === task.written ? "*" : "";
      rows.push([
        name,
        scope(task.key),
        String(fit.n),
        `${fit.family}${mark}`,
        `${number(fit.meanSec, 1)} [${number(fit.meanCi.low, 1)}–${number(fit.meanCi.high, 1)}]`,
        `${number(fit.sdSec, 1)} [${number(fit.sdCi.low, 1)}–${number(fit.sdCi.high, 1)}]`,
        number(fit.logLikelihood, 1),
        number(fit.aic, 1),
        number(fit.ks, 4),
      ]);
    }
    if (!task.written) rows.push(["", "", "", "", `(${note(task)})`, "", "", "", ""]);
  }
  out.push(table(header, rows));
  out.push("");
  const demand = result.demand;
  out.push(nb ? "Etterspørsel per år (områdets rate; forventet = registrert over perioden)" : "Demand per year (the area's rate; expected = recorded over the period)");
  const demandRows = [...demand.areaPerYear].map(([area, rates]) => [area, "", ...URGENCIES.map((urgency) => `${number(rates[urgency], 1)} (n ${demand.areaCounts.get(area)![urgency]})`)]);
  out.push(table(nb ? ["Område", "", "Rød", "Gul", "Grønn"] : ["Area", "", "Red", "Yellow", "Green"], demandRows));
  out.push(
    nb
      ? `Tapt i formen scenarioet kan holde (total variasjonsavstand, med utvalgsstøy): sonenes andel per hastegrad ${number(demand.loss.zoneByUrgency, 3)}, områdenes timeprofil ${number(demand.loss.hourByArea, 3)}.`
      : `Lost in the form the scenario holds (total-variation distance, sampling noise included): zone shares by urgency ${number(demand.loss.zoneByUrgency, 3)}, hour-of-week profile by area ${number(demand.loss.hourByArea, 3)}.`,
  );
  out.push(nb ? `Utelatt: ${data.incidentsOutsideScenario} hendelser utenfor scenarioets soner, ${data.incidentsWithoutUrgency} uten hastegrad.` : `Left out: ${data.incidentsOutsideScenario} incidents outside the scenario's zones, ${data.incidentsWithoutUrgency} without urgency.`);
  out.push("");
  const percent = (share: { value: number; ci: { low: number; high: number } }) => `${number(100 * share.value, 1)} % [${number(100 * share.ci.low, 1)}–${number(100 * share.ci.high, 1)}]`;
  for (const urgency of URGENCIES) {
    const path = result.patientPaths[urgency];
    const firstResponder = result.firstResponder[urgency];
    const parts = [
      path ? (nb ? `behandlet på stedet ${percent(path.treatedOnScene)}, til legevakt ${percent(path.legevakt)}` : `treated on scene ${percent(path.treatedOnScene)}, to a legevakt ${percent(path.legevakt)}`) : nb ? "for få oppdrag til pasientforløp" : "too few missions for patient paths",
      nb ? `med førsteresponsenhet ${percent(firstResponder)} (skrives ikke: scenarioet har bare av/på for rød)` : `with a first-response unit ${percent(firstResponder)} (not written: the scenario holds only on/off for red)`,
    ];
    out.push(`${urgency}: ${parts.join("; ")}`);
  }
  if (result.destinations.length > 0) {
    out.push(nb ? "Destinasjoner (andel av transporterte; skrives ikke: destinasjonsregelen velger sykehus):" : "Destinations (share of transported; not written: the destination policy picks the hospital):");
    for (const destination of result.destinations) out.push(`  ${destination.id}${destination.inScenario ? "" : nb ? " (ikke i scenarioet)" : " (not in the scenario)"}: ${percent(destination.share)} (n ${destination.share.count})`);
  }
  const cleaned = CLEANING_OUTCOMES.filter((outcome) => result.cleaning[outcome]);
  if (cleaned.length === 0) out.push(nb ? "Utilgjengelig tid etter oppdrag (klargjøring): for få oppdrag med tidspunkt for klar (unit_ready_at); ikke kalibrert." : "Unavailable time after missions (cleaning): too few missions with a ready time (unit_ready_at); not calibrated.");
  else {
    const where = result.cleaningWritten ? "" : nb ? " (skrives ikke: begge utfall trenger en tilpasset varighet når scenarioet ikke har klargjøring)" : " (not written: both outcomes need a fitted duration when the scenario has no cleaning)";
    out.push(`${nb ? "Klargjøring etter oppdrag (andel)" : "Cleaning after missions (share)"}: ${cleaned.map((outcome) => `${outcome} ${percent(result.cleaning[outcome]!)} (n ${result.cleaning[outcome]!.n})`).join(", ")}${where}`);
  }
  out.push(nb ? "Pauser og ute av drift registreres ikke i databasen og er ikke kalibrert." : "Breaks and out-of-service time are not recorded in the warehouse and are not calibrated.");
  return `${out.join("\n")}\n`;
}
