import { describe, expect, it } from "vitest";
import { resolveDataDir } from "@akutt/model";
import { loadKommuneList, scenarioKommuner } from "./kommuner.js";

const national = loadKommuneList(resolveDataDir());

describe("kommune lists", () => {
  it.skipIf(national === undefined)("reads the national list of the shared data (357 kommuner, 2024)", () => {
    const list = national!;
    expect(list.size).toBe(357);
    expect(list.get("3201")).toBe("Bærum");
    expect(list.get("0301")).toBe("Oslo");
  });

  it("derives a scenario's kommuner from its areas", () => {
    const areas = [
      { code: "320301", name: "Asker (tidl. Asker)", partOf: { code: "3203", name: "Asker" } },
      { code: "3201", name: "Bærum" },
      { code: "030106", name: "Ullern" },
    ] as Parameters<typeof scenarioKommuner>[0]["areas"];
    expect(scenarioKommuner({ areas })).toEqual(new Map([["3203", "Asker"], ["3201", "Bærum"], ["0301", ""]]));
  });
});
