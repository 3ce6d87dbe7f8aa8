import { URGENCIES } from "@akutt/model";
import type { Language } from "../report.js";
import { MECHANISMS, type Mechanism, type PlaybackCell, type PlaybackResult } from "./playback.js";

const MECHANISM_NAMES: Record<Mechanism, Record<Language, string>> = {
  amk: { nb: "ΔAMK", en: "ΔAMK" },
  waiting: { nb: "ΔVenting", en: "ΔWaiting" },
  activation: { nb: "ΔAktivering", en: "ΔActivation" },
  travel: { nb: "ΔKjøring", en: "ΔTravel" },
};

function notes(result: PlaybackResult, language: Language): string[] {
  const nb = language === "nb";
  const { history } = result;
  const lines: string[] = [];
  if (history.synthetic !== "no") lines.push(nb ? `SYNTETISKE DATA: ${history.synthetic === "yes" ? "alle" : "noen av"} hendelsene kommer fra et generert uttrekk, ikke fra virkelige oppdrag.` : `SYNTHETIC DATA: ${history.synthetic === "yes" ? "every" : "some"} incident comes from a generated extract, not from real missions.`);
  lines.push(
    nb
      ? `Avspilling: ${history.count} registrerte hendelser ${history.period.period.fromDate} – ${history.period.period.toDate} kjørt gjennom «${result.scenarioName}» (${result.replications} replikasjoner, frø ${result.seed}; kjøretider: ${result.travelModel}).`
      : `Playback: ${history.count} recorded incidents ${history.period.period.fromDate} – ${history.period.period.toDate} run through "${result.scenarioName}" (${result.replications} replications, seed ${result.seed}; travel: ${result.travelModel}).`,
  );
  lines.push(
    nb
      ? "Responstid fra telefonen ringer til første ambulanse er på stedet (den transporterende), snitt i minutter; Δ = simulert − registrert. Mekanismene: AMK (ringer → hastegrad satt), venting på ledig enhet (→ alarmert), aktivering (→ kjører), kjøring (→ på stedet), over hendelsene der alle tidspunktene er registrert."
      : "Response time from the call ringing to the first (transporting) ambulance at the scene, mean in minutes; Δ = simulated − recorded. Mechanisms: AMK (rings → urgency set), waiting for a free unit (→ alerted), activation (→ departs), travel (→ at scene), over the incidents with every time point recorded.",
  );
  lines.push(
    nb
      ? `ANTAKELSE: simuleringen starter tom (alle enheter på stasjon) ved periodens start. Utelatt: ${result.noRecordedResponse} uten registrert ankomst, ${result.neverReached} som simuleringen aldri nådde.`
      : `ASSUMPTION: the simulation starts empty (every unit at its base) at the start of the period. Left out: ${result.noRecordedResponse} without a recorded arrival, ${result.neverReached} the simulation never reached.`,
  );
  return lines;
}

const minutes = (sec: number, language: Language, signed = false) => {
  if (!Number.isFinite(sec)) return "–";
  const text = (sec / 60).toLocaleString(language === "nb" ? "nb-NO" : "en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
  return signed && sec > 0 ? `+${text}` : text;
};

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  return [header, ...rows].map((cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd()).join("\n");
}

function row(label: string, cell: PlaybackCell, language: Language): string[] {
  return [
    label,
    String(cell.incidents),
    minutes(cell.recordedResponseSec, language),
    minutes(cell.simulatedResponseSec, language),
    minutes(cell.simulatedResponseSec - cell.recordedResponseSec, language, true),
    ...MECHANISMS.map((mechanism) => minutes(cell.simulated[mechanism] - cell.recorded[mechanism], language, true)),
    String(cell.complete),
  ];
}

/** Simulated next to recorded response times per area and per hour of day, with the difference split by mechanism. */
export function playbackText(result: PlaybackResult, language: Language, areaNames: ReadonlyMap<string, string>): string {
  const nb = language === "nb";
  const out = [...notes(result, language), ""];
  const urgencyName = { red: nb ? "Rød (akutt)" : "Red (akutt)", yellow: nb ? "Gul (haster)" : "Yellow (haster)", green: nb ? "Grønn (vanlig)" : "Green (vanlig)" };
  const columns = (first: string) => [first, nb ? "n" : "n", nb ? "Registrert" : "Recorded", nb ? "Simulert" : "Simulated", "Δ", ...MECHANISMS.map((mechanism) => MECHANISM_NAMES[mechanism][language]), nb ? "n komplett" : "n complete"];
  for (const urgency of URGENCIES) {
    const cells = result.cells.filter((cell) => cell.urgency === urgency);
    if (cells.length === 0) continue;
    const byArea = cells.filter((cell) => cell.hourOfDay === undefined);
    out.push(`${urgencyName[urgency]} – ${nb ? "per område" : "by area"}`);
    out.push(table(columns(nb ? "Område" : "Area"), byArea.map((cell) => row(cell.area === undefined ? (nb ? "Alle" : "All") : `${areaNames.get(cell.area) ?? cell.area} (${cell.area})`, cell, language))));
    out.push("");
    const byHour = cells.filter((cell) => cell.area === undefined && cell.hourOfDay !== undefined);
    out.push(`${urgencyName[urgency]} – ${nb ? "per time på døgnet (alle områder)" : "by hour of day (all areas)"}`);
    out.push(table(columns(nb ? "Time" : "Hour"), byHour.map((cell) => row(`${String(cell.hourOfDay).padStart(2, "0")}–${String(cell.hourOfDay! + 1).padStart(2, "0")}`, cell, language))));
    out.push("");
  }
  return `${out.join("\n")}`;
}

/** Every cell (area × hour of day × urgency, with "all" margins) as CSV, minutes with full precision; notes as # lines. */
export function playbackCsv(result: PlaybackResult, language: Language): string {
  const header = ["urgency", "area", "hour_of_day", "incidents", "recorded_response_min", "simulated_response_min", "difference_min", "complete_incidents", ...MECHANISMS.flatMap((mechanism) => [`recorded_${mechanism}_min`, `simulated_${mechanism}_min`])];
  const value = (sec: number) => (Number.isFinite(sec) ? String(Number((sec / 60).toFixed(4))) : "");
  const lines = notes(result, language).map((note) => `# ${note}`);
  lines.push(header.join(","));
  for (const cell of result.cells) {
    lines.push(
      [
        cell.urgency,
        cell.area ?? "all",
        cell.hourOfDay === undefined ? "all" : String(cell.hourOfDay),
        String(cell.incidents),
        value(cell.recordedResponseSec),
        value(cell.simulatedResponseSec),
        value(cell.simulatedResponseSec - cell.recordedResponseSec),
        String(cell.complete),
        ...MECHANISMS.flatMap((mechanism) => [value(cell.recorded[mechanism]), value(cell.simulated[mechanism])]),
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
