import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../errors/scenario-error.js";
import { loadComparisonFile, textIn } from "./comparison.js";
import { loadScenarioFile } from "./load.js";

const scenarios = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../scenarios");

describe("texts in both languages", () => {
  it("comparison.yaml gives its texts as a string or { nb, en }", () => {
    const comparison = loadComparisonFile(join(scenarios, "asker-baerum"));
    expect(textIn(comparison.name, "nb")).toMatch(/^Asker og Bærum: dagens organisering/);
    expect(textIn(comparison.name, "en")).toMatch(/^Asker and Bærum: today's organisation/);
    expect(textIn(comparison.description, "nb")).toMatch(/^Hvem bør ha ansvaret/);
    expect(textIn(comparison.baseline.label, "en")).toBe("Today");
    expect(textIn(comparison.alternatives[0]!.label, "en")).toBe("Alt. 0(+)");
    expect(textIn(comparison.alternatives[0]!.label, "nb")).toBe("Alt. 0(+)");
    expect(textIn(comparison.costs!.source, "nb")).toMatch(/^ANTAKELSE/);
    expect(textIn(comparison.sensitivity.stationSites!.sites[0]!.name, "nb")).toMatch(/Lysakerelva/);
  });

  it("a text with one language only is an error at its line", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-text-"));
    writeFileSync(join(dir, "comparison.yaml"), 'comparison: 1\nname: "x"\ndescription: { nb: "bare bokmål" }\nbaseline: { id: a, label: A, file: a.yaml }\nalternatives: [{ id: b, label: B, file: b.yaml }]\n');
    expect(() => loadComparisonFile(dir)).toThrow(ScenarioError);
  });

  it("a scenario's metadata.description may give both languages, also through an overlay", () => {
    const base = loadScenarioFile(join(scenarios, "asker-baerum/base.yaml"));
    expect(textIn(base.metadata.description, "nb")).toMatch(/^Dagens prehospitale tjeneste/);
    const alt = loadScenarioFile(join(scenarios, "asker-baerum/alt-2.yaml"));
    expect(textIn(alt.metadata.description, "nb")).toMatch(/^Vestre Viken har ansvaret/);
    expect(textIn(alt.metadata.description, "en")).toMatch(/^Vestre Viken runs ambulances/);
    expect(textIn("same in both", "nb")).toBe("same in both");
  });
});
