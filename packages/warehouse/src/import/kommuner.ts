import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Scenario } from "@akutt/model";
import { ImportInputError } from "../errors.js";

/** The national kommune list in the shared data: number and name, 2024 structure (357 kommuner). */
export const KOMMUNE_LIST_PATH = "population/kommune-totals-2025.csv";

/** Kommune number → name from the shared data, or undefined when the file is not there. */
export function loadKommuneList(dataDir: string): Map<string, string> | undefined {
  const file = join(dataDir, KOMMUNE_LIST_PATH);
  if (!existsSync(file)) return undefined;
  const [header, ...lines] = readFileSync(file, "utf8").split(/\r?\n/).filter((line) => line.length > 0);
  if (header?.split(",").slice(0, 2).join(",") !== "code,name") throw new ImportInputError(`${file}: expected the columns code,name first`);
  return new Map(lines.map((line) => line.split(",")).map(([code, name]) => [code!, name ?? ""]));
}

/**
 * The kommuner of a scenario's areas: a 4-digit area is a kommune; a 6-digit one (an Oslo bydel,
 * Asker's sub-areas) lies in the kommune of its first four digits, named by its partOf.
 */
export function scenarioKommuner(scenario: Pick<Scenario, "areas">): Map<string, string> {
  const kommuner = new Map<string, string>();
  for (const area of scenario.areas) {
    const number = area.code.slice(0, 4);
    const name = area.code.length === 4 ? area.name : area.partOf?.code === number ? area.partOf.name : undefined;
    if (name !== undefined || !kommuner.has(number)) kommuner.set(number, name ?? kommuner.get(number) ?? "");
  }
  return kommuner;
}
