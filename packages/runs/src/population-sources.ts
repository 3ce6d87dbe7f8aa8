import type { Scenario } from "@akutt/model";
import type { PopulationSource } from "@akutt/analysis";

interface AreaProvenance {
  population?: number;
  populationYear?: number;
  spatialSource?: string;
}

/**
 * Where each area's population (and so its demand) comes from, in words for the reports: the
 * zones file's provenance as `akutt zones build` wrote it, the whole an area is part of, or the
 * scenario's own zones.
 */
export function populationSources(scenario: Scenario): PopulationSource[] {
  const recorded = (scenario.zonesProvenance.areas ?? {}) as Record<string, AreaProvenance | undefined>;
  const zonePopulation = new Map<string, number>();
  for (const zone of scenario.zones) zonePopulation.set(zone.area, (zonePopulation.get(zone.area) ?? 0) + (zone.population ?? 0));
  const persons = (count: number) => `${Math.round(count).toLocaleString("en")} persons`;
  return scenario.areas.map((area) => {
    const label = `${area.name} (${area.code})`;
    const own = recorded[area.code];
    const whole = area.partOf ? recorded[area.partOf.code] : undefined;
    const inZones = zonePopulation.get(area.code) ?? 0;
    let source: string;
    if (own?.spatialSource) source = `${label}: ${persons(own.population ?? inZones)} ${own.populationYear ?? ""}; ${own.spatialSource}`;
    else if (whole?.spatialSource && area.partOf) {
      source = `${label}: ${persons(inZones)}, its share of ${area.partOf.name} (${area.partOf.code}, ${persons(whole.population ?? 0)} ${whole.populationYear ?? ""}) by the zones file's split; ${whole.spatialSource}`;
    } else if (inZones > 0) source = `${label}: ${persons(inZones)} on the scenario's zones${area.source ? ` (source ${area.source})` : ""}`;
    else if (area.population !== undefined) source = `${label}: ${persons(area.population)} from the area${area.source ? ` (source ${area.source})` : ""}; zones weighted by their weight`;
    else source = `${label}: no population given; zones weighted by their weight`;
    return { areaCode: area.code, source: source.replace(/ ;/g, ";") };
  });
}
