export type Lang = "nb" | "en";

const nb = {
  skip: "Hopp til panelet", tagline: "Planlegging av ambulansetjenesten", language: "Språk", scenario: "Scenario", chooseScenario: "Velg scenario",
  stations: "Stasjoner", vehicles: "Kjøretøy", vehicle: "Kjøretøy", type: "Type", shifts: "Vakter", count: "Antall", lat: "Breddegrad", lon: "Lengdegrad",
  move: "Flytt stasjonen", dragHint: "Du kan også dra stasjonen på kartet.", addStation: "Legg til stasjon", name: "Navn", ambulances: "Ambulanser (døgnbemannet)", add: "Legg til",
  policy: "Samarbeid over grensene", crossBorder: "Andre foretaks enheter", "cb-nearest": "Nærmeste uansett eier", "cb-own-first": "Egne først", "cb-own-only": "Bare egne (bistand etter koordinering)",
  interAmk: "Koordinering mellom AMK (sekunder)", saveVariant: "Lagre som variant", variantName: "Navn på varianten", save: "Lagre variant",
  run: "Kjør simulering", replications: "Replikasjoner", seed: "Frø", runButton: "Kjør", cancel: "Avbryt", progress: "Framdrift", results: "Resultater",
  colourBy: "Farg kartet etter", "fig-median": "Median responstid, rød", "fig-share": "Andel innen 12 min, rød", compare: "Sammenlign",
  compareWhich: "Varianter (den første er utgangspunktet)", compareButton: "Sammenlign", map: "Kart",
  noChanges: "Ingen endringer ennå.", changes: "Endringer", moved: "flyttet", added: "ny", fleet: "flåte", saved: "Lagret som", invalid: "Varianten er ikke gyldig:",
  running: "Kjører", done: "Ferdig", failed: "Feilet", cancelled: "Avbrutt", queued: "I kø", of: "av",
  area: "Område", urgency: "Hastegrad", incidents: "Hendelser", median: "Median", p90: "90-persentil", withinTarget: "Innen mål", within12: "Innen 12 min",
  red: "rød", yellow: "gul", green: "grønn", min: "min", histogram: "Responstid, fordeling (hendelser per replikasjon)", hourly: "Median responstid, rød, etter time på døgnet (95 % KI)",
  hour: "Time", minutes: "minutter", diffTable: "Forskjeller mot utgangspunktet (95 % KI, parvise)", diffMedian: "Δ median", diffShare: "Δ innen 12 min",
  exportNb: "Eksporter rapport (bokmål)", exportEn: "Eksporter rapport (engelsk)", diffMap: "Kartet viser Δ median responstid (rød) for", faster: "raskere", slower: "tregere", noData: "ingen data",
  mapUnavailable: "Kartet kan ikke vises (WebGL mangler); resten av siden virker.", boundaryNote: "Grenser: © Kartverket, © Oslo kommune.", chooseTwo: "Velg minst to varianter.",
  hospital: "Sykehus", standby: "Beredskapspunkt", zone: "Sone", owner: "Eier", newVehicle: "ny",
  shiftAll: "hele døgnet", unsaved: "Endringene er ikke lagret; de kjøres først når du lagrer en variant.", runOf: "Resultater for",
  standbyPoints: "Beredskapspunkter", noStandby: "Scenarioet har ingen beredskapspunkter.", moveStandby: "Flytt beredskapspunktet", dragStandbyHint: "Du kan også dra punktet på kartet.", addStandby: "Legg til beredskapspunkt",
  relocation: "Mellom oppdrag", relocationRule: "Ledige ambulanser kjører til", "rel-return-home": "Hjemstasjonen (return-home)", "rel-standby-points": "Beredskapspunkter (standby-points)",
  coverageSec: "Dekket innen (sekunder)", maxTravelSec: "Kjør høyst (sekunder)", pointsHint: "Punktene i prioritert rekkefølge; tidsrom (TT:MM–TT:MM) er valgfritt.",
  usePoint: "Bruk", moveUp: "Flytt opp", moveDown: "Flytt ned", activeFrom: "Aktiv fra", activeTo: "til", noPointsUsed: "Velg minst ett beredskapspunkt.",
  layers: "Kartlag", roads: "Veger", zones: "Soner", roadsNote: "Veger:",
  editShifts: "Endre vakter", closeShifts: "Lukk", shiftsFor: "Vakter for", addShift: "Legg til vakt", allDay: "Hele døgnet (ingen vakter)", removeShift: "Fjern",
  days: "Dager", "days-all": "alle dager", "days-weekdays": "hverdager (man–fre)", "days-weekend": "helg (lør–søn)", "days-list": "valgte dager", start: "Start", end: "Slutt", shiftNo: "vakt",
  dayNames: "man,tir,ons,tor,fre,lør,søn", shiftsChanged: "vakter",
  standbyMoved: "beredskapspunkt flyttet", relocationChanged: "flytting mellom oppdrag",
  errEmptyShift: "Tom vakt: start og slutt er like. Hele døgnet skrives 00:00–24:00.", errOverlap: "Vakten overlapper vakt", errOverlapTail: "; et kjøretøy kan bare ha én vakt om gangen.", errOverlapSelf: "Vakten overlapper seg selv i uka.", errClock: "Skriv klokkeslett som TT:MM (00:00–23:59; slutt kan være 24:00).",
  utilByOwner: "Utnyttelse av kjøretøy etter eier (95 % KI)", utilByVehicle: "Utnyttelse per kjøretøy (95 % KI)", organisation: "Eier", utilisation: "Utnyttelse", missions: "Oppdrag", station: "Stasjon",
  amkTable: "AMK (95 % KI)", amk: "AMK", calls: "Anrop", answered10: "Besvart innen 10 s", lostCalls: "Tapte anrop", operatorUtil: "Operatørbelastning", total: "Alle",
  legendRun: "Områdene er farget etter rapportens tall (konfidensintervall i tabellen). Sirklene (soner) viser røde hendelser slått sammen over alle replikasjoner, uten konfidensintervall – bare en pekepinn; soner med færre enn 10 slike hendelser er grå.",
  legendDiff: "Områdene viser forskjellen i median responstid (rød) mot utgangspunktet; sonene er ikke med i sammenligningen.",
} as const;
type Key = keyof typeof nb;
const en: Record<Key, string> = {
  skip: "Skip to the panel", tagline: "Planning prehospital services", language: "Language", scenario: "Scenario", chooseScenario: "Choose scenario",
  stations: "Stations", vehicles: "Vehicles", vehicle: "Vehicle", type: "Type", shifts: "Shifts", count: "Count", lat: "Latitude", lon: "Longitude",
  move: "Move the station", dragHint: "You can also drag the station on the map.", addStation: "Add a station", name: "Name", ambulances: "Ambulances (24/7)", add: "Add",
  policy: "Cross-border cooperation", crossBorder: "Other trusts' units", "cb-nearest": "Nearest regardless of owner", "cb-own-first": "Own first", "cb-own-only": "Own only (mutual aid after coordination)",
  interAmk: "Coordination between AMKs (seconds)", saveVariant: "Save as a variant", variantName: "Name of the variant", save: "Save variant",
  run: "Run a simulation", replications: "Replications", seed: "Seed", runButton: "Run", cancel: "Cancel", progress: "Progress", results: "Results",
  colourBy: "Colour the map by", "fig-median": "Median response time, red", "fig-share": "Share within 12 min, red", compare: "Compare",
  compareWhich: "Variants (the first is the baseline)", compareButton: "Compare", map: "Map",
  noChanges: "No changes yet.", changes: "Changes", moved: "moved", added: "new", fleet: "fleet", saved: "Saved as", invalid: "The variant is not valid:",
  running: "Running", done: "Done", failed: "Failed", cancelled: "Cancelled", queued: "Queued", of: "of",
  area: "Area", urgency: "Urgency", incidents: "Incidents", median: "Median", p90: "90th pct", withinTarget: "Within target", within12: "Within 12 min",
  red: "red", yellow: "yellow", green: "green", min: "min", histogram: "Response time distribution (incidents per replication)", hourly: "Median response time, red, by hour of day (95 % CI)",
  hour: "Hour", minutes: "minutes", diffTable: "Differences from the baseline (95 % CI, paired)", diffMedian: "Δ median", diffShare: "Δ within 12 min",
  exportNb: "Export report (bokmål)", exportEn: "Export report (English)", diffMap: "The map shows Δ median response time (red) for", faster: "faster", slower: "slower", noData: "no data",
  mapUnavailable: "The map cannot be shown (no WebGL); the rest of the page works.", boundaryNote: "Boundaries: © Kartverket, © Oslo kommune.", chooseTwo: "Choose at least two variants.",
  hospital: "Hospital", standby: "Standby point", zone: "Zone", owner: "Owner", newVehicle: "new",
  shiftAll: "24/7", unsaved: "Changes are not saved; they are run once you save a variant.", runOf: "Results for",
  standbyPoints: "Standby points", noStandby: "The scenario has no standby points.", moveStandby: "Move the standby point", dragStandbyHint: "You can also drag the point on the map.", addStandby: "Add a standby point",
  relocation: "Between missions", relocationRule: "Free ambulances go to", "rel-return-home": "Their home station (return-home)", "rel-standby-points": "Standby points (standby-points)",
  coverageSec: "Covered within (seconds)", maxTravelSec: "Drive at most (seconds)", pointsHint: "The points in order of preference; a time window (HH:MM–HH:MM) is optional.",
  usePoint: "Use", moveUp: "Move up", moveDown: "Move down", activeFrom: "Active from", activeTo: "to", noPointsUsed: "Choose at least one standby point.",
  layers: "Map layers", roads: "Roads", zones: "Zones", roadsNote: "Roads:",
  editShifts: "Edit shifts", closeShifts: "Close", shiftsFor: "Shifts of", addShift: "Add a shift", allDay: "24/7 (no shifts)", removeShift: "Remove",
  days: "Days", "days-all": "every day", "days-weekdays": "weekdays (Mon–Fri)", "days-weekend": "weekend (Sat–Sun)", "days-list": "chosen days", start: "Start", end: "End", shiftNo: "shift",
  dayNames: "Mon,Tue,Wed,Thu,Fri,Sat,Sun", shiftsChanged: "shifts",
  standbyMoved: "standby point moved", relocationChanged: "between missions",
  errEmptyShift: "Empty shift: start and end are the same. For 24 hours write 00:00–24:00.", errOverlap: "The shift overlaps shift", errOverlapTail: "; a vehicle can be on one shift at a time.", errOverlapSelf: "The shift overlaps itself in the week.", errClock: "Write times as HH:MM (00:00–23:59; an end may be 24:00).",
  utilByOwner: "Vehicle utilisation by owner (95 % CI)", utilByVehicle: "Utilisation per vehicle (95 % CI)", organisation: "Owner", utilisation: "Utilisation", missions: "Missions", station: "Station",
  amkTable: "AMK (95 % CI)", amk: "AMK", calls: "Calls", answered10: "Answered within 10 s", lostCalls: "Lost calls", operatorUtil: "Operator utilisation", total: "All",
  legendRun: "Areas are coloured by the report's figures (confidence intervals in the table). The circles (zones) show red incidents pooled over all replications, without a confidence interval – a rough guide only; zones with fewer than 10 such incidents are grey.",
  legendDiff: "Areas show the difference in median response time (red) from the baseline; zones are not part of the comparison.",
};

let current: Lang = (localStorage.getItem("akutt-lang") as Lang | null) ?? "nb";
export const lang = (): Lang => current;
export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem("akutt-lang", next);
  document.documentElement.lang = next;
  for (const element of document.querySelectorAll<HTMLElement>("[data-i18n]")) element.textContent = t(element.dataset.i18n as Key);
  document.getElementById("map")?.setAttribute("aria-label", t("map"));
}
export type { Key };
export function t(key: Key): string {
  return current === "nb" ? nb[key] : en[key];
}
export function num(value: number, digits = 1): string {
  return value.toLocaleString(current === "nb" ? "nb-NO" : "en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
