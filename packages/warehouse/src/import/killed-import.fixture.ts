/**
 * Test helper run as a child process by killed-import.test.ts: imports a file and, inside the
 * transaction just before the commit, says so on stdout and waits to be killed.
 */
import { openWarehouse } from "../warehouse.js";
import { DEFAULT_MAPPING } from "../mapping/mapping.js";
import { importExtract } from "./importer.js";

const [warehousePath, file] = process.argv.slice(2);
const warehouse = await openWarehouse(warehousePath!);
await importExtract(warehouse, file!, {
  mapping: DEFAULT_MAPPING,
  kommuner: new Map([["3201", "Bærum"]]),
  onStage: async (stage) => {
    if (stage !== "committing") return;
    process.stdout.write("committing\n");
    await new Promise(() => undefined);
  },
});
