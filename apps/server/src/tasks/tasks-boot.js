// Entry of a scenario-task worker thread (piscina): registers tsx in this thread, then exports the task runner.
import { register } from "tsx/esm/api";

register();
const { runTask } = await import("./tasks.ts");
export default runTask;
