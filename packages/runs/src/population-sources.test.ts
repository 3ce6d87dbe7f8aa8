import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "@akutt/model";
import { findRepoRoot } from "@akutt/geo";
import { populationSources, spatialSourceNb } from "./population-sources.js";

describe("population sources in reports", () => {
  it("names the grid, year and total of each area from the zones file, and the whole for split areas", () => {
    const sources = populationSources(loadScenarioFile(resolve(findRepoRoot(), "scenarios/asker-baerum/base.yaml")));
    const of = (code: string) => sources.find((entry) => entry.areaCode === code)!.source;
    expect(of("3201")).toMatch(/^Bærum \(3201\): 133,228 persons 2026; SSB 250 m population grid/);
    expect(of("030106")).toContain("SSB 100 m population grid, Oslo");
    expect(of("320302")).toContain("its share of Asker (3203, 101,509 persons 2026)");
  });

  it("gives each source in bokmål too, with the zones file's grid in bokmål", () => {
    const sources = populationSources(loadScenarioFile(resolve(findRepoRoot(), "scenarios/asker-baerum/base.yaml")));
    const of = (code: string) => sources.find((entry) => entry.areaCode === code)!.sourceNb!;
    expect(of("3201")).toMatch(/^Bærum \(3201\): 133 228 innbyggere 2026; SSBs befolkningsrutenett 250 m, Helse Sør-Øst, 1\. januar 2015, skalert til kommunens folketall \(faktor 1,\d+ fra skaleringstabellen\)$/);
    expect(of("030106")).toContain("SSBs befolkningsrutenett 100 m, Oslo, 1. januar 2015, skalert til bydelens folketall");
    expect(of("320302")).toContain("andelen av Asker (3203, 101 509 innbyggere 2026) etter sonefilens oppdeling");
  });

  it("translates the zones file's grid descriptions and keeps other texts as written", () => {
    expect(spatialSourceNb("SSB 1 km population grid, Norway, 1 Jan 2015, scaled to the municipality total")).toBe("SSBs befolkningsrutenett 1 km, Norge, 1. januar 2015, skalert til kommunens folketall");
    expect(spatialSourceNb("municipality total only, spread evenly over land")).toBe("bare kommunens folketall, spredt jevnt over landarealet");
    expect(spatialSourceNb("own survey")).toBe("own survey");
  });

  it("says when the population comes from the scenario's own zones", () => {
    const sources = populationSources(loadScenarioFile(resolve(findRepoRoot(), "scenarios/demo/demo.yaml")));
    expect(sources.find((entry) => entry.areaCode === "3312")!.source).toBe("Lier (3312): 28,797 persons on the scenario's zones (source ssb-07459)");
  });
});
