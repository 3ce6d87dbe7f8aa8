// The process `npm run bench -- --instructions` runs under valgrind, bundled (instructions.ts):
// `node --single-threaded <bundle> N` runs N replications of the 30-day large region and exits.
import { buildLocations, createCalendar } from "@akutt/model";
import { ColumnPool, prepareSimulation, simulateReplication } from "@akutt/engine";
import { createStraightLineTravelModel } from "@akutt/geo";
import { childReplications } from "./instructions.js";
import { largeBenchRegion } from "./synthetic-region.js";

const replications = childReplications(process.argv[2] ?? "");
const scenario = largeBenchRegion(30);
if (scenario.travel.model !== "straight-line") throw new Error("benchmarks use the straight-line model");
const inputs = prepareSimulation(scenario, createStraightLineTravelModel(scenario.travel, buildLocations(scenario)), createCalendar(scenario.metadata.start));
const columns = new ColumnPool();
for (let r = 0; r < replications; r++) simulateReplication(inputs, 2, r, columns);
