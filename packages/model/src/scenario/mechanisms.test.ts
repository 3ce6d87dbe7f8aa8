import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { loadScenarioFile } from "./load.js";
import { WORKLOAD_MECHANISMS, mechanismsOn, parseMechanisms, withoutMechanisms } from "./mechanisms.js";

const ASKER_BAERUM = resolve(import.meta.dirname, "../../../../scenarios/asker-baerum/base.yaml");
const DEMO = resolve(import.meta.dirname, "../../../../scenarios/demo/demo.yaml");

describe("workload mechanisms", () => {
  it("the Asker and Bærum scenario models every mechanism; the demo none", () => {
    expect(mechanismsOn(loadScenarioFile(ASKER_BAERUM))).toEqual([...WORKLOAD_MECHANISMS]);
    expect(mechanismsOn(loadScenarioFile(DEMO))).toEqual([]);
  });

  it("switching mechanisms off removes them from a copy and leaves the rest and the original alone", () => {
    const scenario = loadScenarioFile(ASKER_BAERUM);
    const before = structuredClone(scenario);
    for (const mechanism of WORKLOAD_MECHANISMS) {
      const off = withoutMechanisms(scenario, [mechanism]);
      expect(mechanismsOn(off)).toEqual(WORKLOAD_MECHANISMS.filter((other) => other !== mechanism));
      expect(off.stations).toEqual(scenario.stations);
      expect(off.demand.rates).toEqual(scenario.demand.rates);
    }
    expect(mechanismsOn(withoutMechanisms(scenario, WORKLOAD_MECHANISMS))).toEqual([]);
    expect(scenario).toEqual(before);
  });

  it("names unknown mechanisms instead of ignoring them", () => {
    expect(parseMechanisms(" multi-unit , warp-drive,,")).toEqual({ mechanisms: ["multi-unit"], unknown: ["warp-drive"] });
  });
});
