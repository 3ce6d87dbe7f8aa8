// Worker entry: registers tsx in this thread (Node 20 ignores --import in a worker's execArgv),
// then runs the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
