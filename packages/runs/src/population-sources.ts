import type { Scenario } from "@akutt/model";
import type { PopulationSource } from "@akutt/analysis";

interface AreaProvenance {
  population?: number;
  populationYear?: number;
  spatialSource?: string;
}

type Language = "nb" | "en";

/**
 * The zones file's spatialSource (written in English by `akutt zones build`, packages/geo
 * population/area-population.ts) in bokmål; a text of another form is kept as written.
 */
export function spatialSourceNb(text: string): string {
  const grid = /^SSB (\d+ k?m) population grid, (.+), 1 Jan (\d{4}), scaled to the (municipality|district) total(?: \(scaling table factor ([\d.]+)\))?$/.exec(text);
  if (grid) {
    const [, size, region, year, whole, factor] = grid;
    const region_ = region === "Norway" ? "Norge" : region;
    return `SSBs befolkningsrutenett ${size}, ${region_}, 1. januar ${year}, skalert til ${whole === "municipality" ? "kommunens" : "bydelens"} folketall${factor ? ` (faktor ${factor.replace(".", ",")} fra skaleringstabellen)` : ""}`;
  }
  if (text === "municipality total only, spread evenly over land") return "bare kommunens folketall, spredt jevnt over landarealet";
  return text;
}

/**
 * Where each area's population (and so its demand) comes from, in words for the reports: the
 * zones file's provenance as `akutt zones build` wrote it, the whole an area is part of, or the
 * scenario's own zones. `source` is English; `sourceNb` the same in bokmål.
 */
export function populationSources(scenario: Scenario): PopulationSource[] {
  return scenario.areas.map((area) => ({ areaCode: area.code, source: sourceText(scenario, area, "en"), sourceNb: sourceText(scenario, area, "nb") }));
}

function sourceText(scenario: Scenario, area: Scenario["areas"][number], language: Language): string {
  const recorded = (scenario.zonesProvenance.areas ?? {}) as Record<string, AreaProvenance | undefined>;
  let inZones = 0;
  for (const zone of scenario.zones) if (zone.area === area.code) inZones += zone.population ?? 0;
  const nb = language === "nb";
  const persons = (count: number) => (nb ? `${Math.round(count).toLocaleString("nb-NO").replace(/\s/g, " ")} innbyggere` : `${Math.round(count).toLocaleString("en")} persons`);
  const spatial = (text: string) => (nb ? spatialSourceNb(text) : text);
  const label = `${area.name} (${area.code})`;
  const own = recorded[area.code];
  const whole = area.partOf ? recorded[area.partOf.code] : undefined;
  let source: string;
  if (own?.spatialSource) source = `${label}: ${persons(own.population ?? inZones)} ${own.populationYear ?? ""}; ${spatial(own.spatialSource)}`;
  else if (whole?.spatialSource && area.partOf) {
    source = nb
      ? `${label}: ${persons(inZones)}, andelen av ${area.partOf.name} (${area.partOf.code}, ${persons(whole.population ?? 0)} ${whole.populationYear ?? ""}) etter sonefilens oppdeling; ${spatial(whole.spatialSource)}`
      : `${label}: ${persons(inZones)}, its share of ${area.partOf.name} (${area.partOf.code}, ${persons(whole.population ?? 0)} ${whole.populationYear ?? ""}) by the zones file's split; ${whole.spatialSource}`;
  } else if (inZones > 0) source = nb ? `${label}: ${persons(inZones)} i scenarioets soner${area.source ? ` (kilde ${area.source})` : ""}` : `${label}: ${persons(inZones)} on the scenario's zones${area.source ? ` (source ${area.source})` : ""}`;
  else if (area.population !== undefined) {
    source = nb
      ? `${label}: ${persons(area.population)} fra området${area.source ? ` (kilde ${area.source})` : ""}; sonene vektet etter sin vekt`
      : `${label}: ${persons(area.population)} from the area${area.source ? ` (source ${area.source})` : ""}; zones weighted by their weight`;
  } else source = nb ? `${label}: folketall ikke oppgitt; sonene vektet etter sin vekt` : `${label}: no population given; zones weighted by their weight`;
  return source.replace(/ ;/g, ";");
}
