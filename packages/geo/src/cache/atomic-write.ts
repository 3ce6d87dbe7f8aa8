import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Writes a file through a temporary name in the same folder and renames it, so no half-written file is ever seen. */
export function writeFileAtomic(path: string, data: string | Uint8Array | readonly Uint8Array[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    if (Array.isArray(data)) {
      writeFileSync(temporary, Buffer.concat(data as Uint8Array[]));
    } else {
      writeFileSync(temporary, data as string | Uint8Array);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
