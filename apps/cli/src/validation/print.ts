import { runQueueingValidation, validationMarkdownTable } from "./queueing-validation.js";

// Prints the table in docs/validation.md: `npm run validation`.
const replications = Number(process.argv[2] ?? 10);
const figures = await runQueueingValidation(replications);
process.stdout.write(`${validationMarkdownTable(figures)}\n\n(${replications} replications, seed 20251106)\n`);
