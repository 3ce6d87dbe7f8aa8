/**
 * Entry module of a simulation worker thread, resolved next to this module in both ways of running:
 * - from source (Vitest, tsx): apps/server/src/worker-boot.js, which registers tsx in the thread
 *   (Node 20 ignores --import in a worker's execArgv) and loads worker.ts;
 * - compiled (scripts/build.mjs): this module is inside a bundle file in apps/cli/dist, where the
 *   build puts the compiled worker under the same name, worker-boot.js, without tsx. All of the
 *   build's output sits in that one folder, so whichever chunk holds this module finds it.
 */
export const WORKER_URL = new URL("./worker-boot.js", import.meta.url);
