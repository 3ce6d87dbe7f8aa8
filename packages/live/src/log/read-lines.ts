import { open, readFile, truncate } from "node:fs/promises";

/** The whole lines of a JSON-lines file, and whether a torn last line (a write cut by a crash) was cut off. */
export interface LogLines {
  lines: string[];
  /** Bytes of an unfinished last line removed from the file (0: none). */
  tornBytes: number;
}

/**
 * Reads a log written by `AppendLog`. A last line without its newline was never acknowledged (the
 * acknowledgement waits for the whole write and its sync), so it is cut off the file, which then
 * ends with a whole line again. A missing file is an empty log.
 */
export async function readLines(path: string): Promise<LogLines> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { lines: [], tornBytes: 0 };
    throw error;
  }
  const end = buffer.lastIndexOf(0x0a) + 1;
  const tornBytes = buffer.length - end;
  if (tornBytes > 0) {
    await truncate(path, end);
    const handle = await open(path, "r+");
    await handle.datasync();
    await handle.close();
  }
  const text = buffer.subarray(0, end).toString("utf8");
  return { lines: text.length === 0 ? [] : text.slice(0, -1).split("\n"), tornBytes };
}
