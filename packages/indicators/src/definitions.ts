/**
 * The indicators, their groupings and their columns: one typed table that the queries, the
 * renderers, the command line and the web page all read. Definitions and sources are in
 * docs/indicators.md.
 */

export const INDICATOR_IDS = ["red-response", "yellow-response", "amk-answer", "amk-reaction", "missions-per-1000", "utilisation"] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export const PERIODS = ["month", "year"] as const;
export type Period = (typeof PERIODS)[number];

export const GROUPS = ["kommune", "bydel", "trust", "amk", "station", "unit"] as const;
export type GroupKind = (typeof GROUPS)[number];

export const LANGUAGES = ["nb", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Cells that rest on fewer events than this are suppressed in exports and on the web page. */
export const MIN_EVENTS_SHOWN = 5;

/** How a column's numbers read: minutes, seconds, a share (0–1), a count, a rate per 1,000 or hours. */
export type ColumnUnit = "min" | "s" | "share" | "count" | "per1000" | "h";

export interface ColumnSpec {
  key: string;
  unit: ColumnUnit;
  nb: string;
  en: string;
}

export interface IndicatorDefinition {
  id: IndicatorId;
  nb: string;
  en: string;
  /** What one event is (the basis of the <5 rule), in each language. */
  eventNb: string;
  eventEn: string;
  /** The groupings this indicator is defined for; the first is the default. */
  groups: readonly GroupKind[];
  columns: readonly ColumnSpec[];
  /** The figure a trend chart draws (a column key). */
  trendColumn: string;
  /** One-line definition with its source, in each language. */
  definitionNb: string;
  definitionEn: string;
}

const AREA_GROUPS = ["kommune", "bydel", "trust", "amk"] as const;

/** The columns of a response-time indicator; only the targets ("12/25" min) differ between red and yellow. */
const responseColumns = (targets: string): readonly ColumnSpec[] => [
  { key: "medianMin", unit: "min", nb: "Median (min)", en: "Median (min)" },
  { key: "shareWithinTarget", unit: "share", nb: `Innen ${targets} min`, en: `Within ${targets} min` },
  { key: "unclassified", unit: "count", nb: "Uten kommuneklasse", en: "No municipality class" },
];

export const INDICATORS: Readonly<Record<IndicatorId, IndicatorDefinition>> = {
  "red-response": {
    id: "red-response",
    nb: "Responstid, akutt (rød)",
    en: "Response time, red (acute)",
    eventNb: "akutte hendelser med ambulanse fremme",
    eventEn: "red incidents reached by an ambulance",
    groups: AREA_GROUPS,
    columns: responseColumns("12/25"),
    trendColumn: "medianMin",
    definitionNb:
      "Fra anropet ringer inn i AMK til første ambulanse er på hendelsesstedet, per hendelse, bare akutte oppdrag (113) der hastegraden ikke ble endret; andel innen 12 min i tettbygde og 25 min i grisgrendte kommuner (Helsedirektoratets kvalitetsindikator; NOU 1998:9).",
    definitionEn:
      "From the call ringing at AMK to the first ambulance at the scene, per incident, red 113 incidents whose urgency was not changed only; share within 12 min in tettbygd and 25 min in grisgrendt municipalities (Helsedirektoratet's quality indicator; NOU 1998:9).",
  },
  "yellow-response": {
    id: "yellow-response",
    nb: "Responstid, haster (gul)",
    en: "Response time, yellow (urgent)",
    eventNb: "hasteoppdrag med ambulanse fremme",
    eventEn: "yellow incidents reached by an ambulance",
    groups: AREA_GROUPS,
    columns: responseColumns("30/40"),
    trendColumn: "medianMin",
    definitionNb:
      "Som for akutt, for hasteoppdrag; andel innen 30 min i tettbygde og 40 min i grisgrendte kommuner (St.meld. nr. 43 (1999–2000); ikke en av Helsedirektoratets kvalitetsindikatorer).",
    definitionEn:
      "As for red, for yellow incidents; share within 30 min in tettbygd and 40 min in grisgrendt municipalities (St.meld. nr. 43 (1999–2000); not one of Helsedirektoratet's quality indicators).",
  },
  "amk-answer": {
    id: "amk-answer",
    nb: "Svartid 113",
    en: "113 answer time",
    eventNb: "113-anrop",
    eventEn: "113 calls",
    groups: AREA_GROUPS,
    columns: [
      { key: "shareWithin10s", unit: "share", nb: "Besvart innen 10 s", en: "Answered within 10 s" },
      { key: "medianSec", unit: "s", nb: "Median (s)", en: "Median (s)" },
    ],
    trendColumn: "shareWithin10s",
    definitionNb:
      "Fra anropet ringer inn i AMK til en operatør svarer, per 113-anrop; ubesvarte anrop teller som ikke besvart innen 10 s (akuttmedisinforskriften § 15 b; Helsedirektoratet rapporterer medianen).",
    definitionEn:
      "From the call ringing at AMK to an operator answering, per 113 call; unanswered calls count as not answered within 10 s (akuttmedisinforskriften § 15 b; Helsedirektoratet reports the median).",
  },
  "amk-reaction": {
    id: "amk-reaction",
    nb: "AMK-reaksjonstid, akutt",
    en: "AMK reaction time, red",
    eventNb: "akutte hendelser med utalarmert enhet",
    eventEn: "red incidents with a unit alerted",
    groups: AREA_GROUPS,
    columns: [
      { key: "medianSec", unit: "s", nb: "Median (s)", en: "Median (s)" },
      { key: "meanSec", unit: "s", nb: "Gjennomsnitt (s)", en: "Mean (s)" },
      { key: "shareWithin3Min", unit: "share", nb: "Innen 3 min", en: "Within 3 min" },
    ],
    trendColumn: "medianSec",
    definitionNb:
      "Fra AMK svarer til første enhet er utalarmert, per akutt hendelse der hastegraden ikke ble endret (NOU 1998:9: gjennomsnitt 1 min, maks 3 min; Definisjonskatalog for den akuttmedisinske kjede).",
    definitionEn:
      "From AMK answering to the first unit alerted, per red incident whose urgency was not changed (NOU 1998:9: mean 1 min, at most 3 min; Definisjonskatalog for den akuttmedisinske kjede).",
  },
  "missions-per-1000": {
    id: "missions-per-1000",
    nb: "Ambulanseoppdrag per 1 000 innbyggere",
    en: "Ambulance missions per 1,000 inhabitants",
    eventNb: "ambulanseoppdrag",
    eventEn: "ambulance missions",
    groups: ["kommune", "bydel"],
    columns: [
      { key: "missions", unit: "count", nb: "Oppdrag", en: "Missions" },
      { key: "population", unit: "count", nb: "Innbyggere", en: "Inhabitants" },
      { key: "per1000", unit: "per1000", nb: "Per 1 000", en: "Per 1,000" },
    ],
    trendColumn: "per1000",
    definitionNb: "Ambulanseoppdrag (én per ambulanse per hendelse, alle oppdragstyper) i perioden per 1 000 innbyggere 1. januar i periodens år (SSB tabell 07459 og 10826).",
    definitionEn: "Ambulance missions (one per ambulance per incident, every mission type) in the period per 1,000 inhabitants on 1 January of the period's year (SSB tables 07459 and 10826).",
  },
  utilisation: {
    id: "utilisation",
    nb: "Utnyttelsesgrad",
    en: "Utilisation",
    eventNb: "oppdrag",
    eventEn: "missions",
    groups: ["station", "unit"],
    columns: [
      { key: "units", unit: "count", nb: "Enheter", en: "Units" },
      { key: "busyHours", unit: "h", nb: "Oppdragstid (t)", en: "Busy time (h)" },
      { key: "availableHours", unit: "h", nb: "Tilgjengelig tid (t)", en: "Available time (h)" },
      { key: "utilisation", unit: "share", nb: "Utnyttelsesgrad", en: "Utilisation" },
    ],
    trendColumn: "utilisation",
    definitionNb:
      "Oppdragstid (fra enheten er utalarmert til den er ledig) delt på tilgjengelig tid; tilgjengelig tid er periodens kalendertid innenfor lagerets dataperiode for hver enhet som hadde oppdrag i perioden (ANTAKELSE: døgnbemannet, for lageret har ikke vaktplaner).",
    definitionEn:
      "Busy time (from the unit alerted to the unit free) divided by available time; available time is the period's calendar time within the warehouse's data span for each unit with a mission in the period (ASSUMPTION: staffed around the clock, as the warehouse holds no rosters).",
  },
};

export const GROUP_LABELS: Readonly<Record<GroupKind, { nb: string; en: string }>> = {
  kommune: { nb: "Kommune", en: "Municipality" },
  bydel: { nb: "Bydel", en: "City district" },
  trust: { nb: "Helseforetak", en: "Health trust" },
  amk: { nb: "AMK", en: "AMK" },
  station: { nb: "Stasjon", en: "Station" },
  unit: { nb: "Enhet", en: "Unit" },
};

export const PERIOD_LABELS: Readonly<Record<Period, { nb: string; en: string }>> = {
  month: { nb: "Måned", en: "Month" },
  year: { nb: "År", en: "Year" },
};

export function isIndicatorId(value: string): value is IndicatorId {
  return (INDICATOR_IDS as readonly string[]).includes(value);
}
