// Entry of a ranking worker thread (piscina): registers tsx in this thread (Node 20 ignores --import
// in a worker's execArgv), then exports the unit runner. scripts/build.mjs compiles this file to
// apps/cli/dist/rank-worker-boot.js with the registration removed.
import { register } from "tsx/esm/api";

register();
const { runUnitTask } = await import("./thread-task.ts");
export default runUnitTask;
