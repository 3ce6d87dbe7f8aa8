// Worker entry: registers tsx in this thread (Node 20 ignores --import in a worker's execArgv),
// then runs the TypeScript worker. scripts/build.mjs compiles this file to
// apps/cli/dist/worker-boot.js with the registration removed (see worker-url.ts).
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
