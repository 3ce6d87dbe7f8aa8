// The process `npm run bench -- --instructions` runs under valgrind, bundled (instructions.ts):
// `node --single-threaded <bundle> N` runs N replications of the 30-day large region and exits.
import { ColumnPool, simulateReplication } from "@akutt/engine";
import { childReplications } from "./instructions.js";
import { benchInputs, largeBenchRegion } from "./synthetic-region.js";

const replications = childReplications(process.argv[2] ?? "");
const inputs = benchInputs(largeBenchRegion(30));
const columns = new ColumnPool();
for (let r = 0; r < replications; r++) simulateReplication(inputs, 2, r, columns);
