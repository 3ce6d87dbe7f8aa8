/** Entry module of a simulation worker thread (worker-boot.js registers tsx, then loads worker.ts). */
export const WORKER_URL = new URL("./worker-boot.js", import.meta.url);
