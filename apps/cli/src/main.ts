import { Command, CommanderError } from "commander";
import { registerCompare } from "./commands/compare.js";
import { registerSimulate } from "./commands/simulate.js";
import { registerProject } from "./commands/project.js";
import { registerCalibrate } from "./commands/calibrate.js";
import { registerPlayback } from "./commands/playback.js";
import { registerValidate } from "./commands/validate.js";
import { registerDataStatus } from "./commands/geo-data.js";
import { registerDataImport } from "./commands/data-import.js";
import { registerDataSynth } from "./commands/data-synth.js";
import { registerZones } from "./commands/geo-zones.js";
import { registerNetwork } from "./commands/geo-network.js";
import { registerMatrix } from "./commands/geo-matrix.js";
import { registerServe } from "./commands/serve.js";
import { registerLive } from "./commands/live-replay.js";
import { registerIndicators } from "./commands/indicators.js";
import { registerOptimiseRank } from "./commands/optimise-rank.js";
import { registerOptimise } from "./commands/optimise.js";
import { registerOptimiseCompliance } from "./commands/optimise-compliance.js";
import { EXIT_USER_ERROR, userErrorMessage } from "./io/user-error.js";

const program = new Command();
program
  .name("akutt")
  .description("Akutt: planning and decision support for the prehospital acute chain")
  .showHelpAfterError()
  .exitOverride();

registerValidate(program);
registerSimulate(program);
registerCompare(program);
registerProject(program);
registerCalibrate(program);
registerPlayback(program);
registerDataStatus(program);
registerDataImport(program);
registerDataSynth(program);
registerZones(program);
registerNetwork(program);
registerMatrix(program);
registerServe(program);
registerLive(program);
registerIndicators(program);
// One `optimise` command: the MIPs (siting, fleet) and the simulation ranking of plans (rank).
const optimise = registerOptimise(program);
registerOptimiseRank(optimise);
registerOptimiseCompliance(optimise);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has printed its own message (or help); help and version exit 0.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USER_ERROR;
  } else {
    const message = userErrorMessage(error);
    if (message !== undefined) {
      process.stderr.write(`akutt: ${message}\n`);
      process.exitCode = EXIT_USER_ERROR;
    } else {
      process.stderr.write(`akutt: internal error, please report it:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
