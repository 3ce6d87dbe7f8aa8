import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRegularFileText, RegularFile, RegularFileError } from "./regular-file.js";

const SECRET = "secret-content-marker";

function folder(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), "akutt-regular-")));
}

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof RegularFileError) return error.reason;
    throw error;
  }
  throw new Error("expected a RegularFileError");
}

describe("RegularFile", () => {
  it("refuses what is not a regular file without waiting on it or reading it: a pipe, a device, a folder, nothing", () => {
    const dir = folder();
    execFileSync("mkfifo", [join(dir, "pipe.csv")]);
    symlinkSync("/dev/zero", join(dir, "zero.csv"));
    mkdirSync(join(dir, "folder.csv"));
    // A pipe with no writer would block a plain open for ever; the test would time out.
    expect(reasonOf(() => RegularFile.open(join(dir, "pipe.csv"), { maxBytes: 100 }))).toBe("not a regular file");
    expect(reasonOf(() => readRegularFileText(join(dir, "zero.csv"), { maxBytes: 100 }))).toBe("not a regular file");
    expect(reasonOf(() => RegularFile.open(join(dir, "folder.csv"), { maxBytes: 100 }))).toBe("not a regular file");
    expect(reasonOf(() => RegularFile.open(join(dir, "missing.csv"), { maxBytes: 100 }))).toBe("no such file");
  });

  it("bounds what it reads: a file too large when opened, and one that grows past the bound after", () => {
    const dir = folder();
    const path = join(dir, "a.txt");
    writeFileSync(path, "x".repeat(101));
    expect(reasonOf(() => readRegularFileText(path, { maxBytes: 100 }))).toBe("larger than 100 bytes");
    writeFileSync(path, "x".repeat(60));
    const file = RegularFile.open(path, { maxBytes: 100 });
    try {
      appendFileSync(path, "y".repeat(60));
      expect(reasonOf(() => file.readAll(100))).toBe("larger than 100 bytes");
      expect(file.changedSinceOpened()).toBe(true);
    } finally {
      file.close();
    }
    // Grown within the bound: read to its end.
    writeFileSync(path, "x".repeat(10));
    const growing = RegularFile.open(path, { maxBytes: 100 });
    try {
      appendFileSync(path, "y".repeat(30));
      expect(growing.readAll(100).toString()).toBe(`${"x".repeat(10)}${"y".repeat(30)}`);
    } finally {
      growing.close();
    }
  });

  it("refuses as text a file longer than a JavaScript string can be, whatever bound it is given, before reading it", () => {
    const dir = folder();
    const path = join(dir, "huge.csv");
    // Sparse: 600 MiB on paper, nothing on disk; reading it would need 600 MB of memory.
    execFileSync("truncate", ["-s", "600M", path]);
    expect(reasonOf(() => readRegularFileText(path, { maxBytes: 1024 * 1024 * 1024 }))).toBe("larger than 511 MiB");
  });

  it("reads the file it opened and checked, whatever is put in its name's place afterwards", () => {
    const dir = folder();
    const path = join(dir, "extract.csv");
    writeFileSync(path, "checked\n");
    const other = join(dir, "other.csv");
    writeFileSync(other, `${SECRET}\n`);
    const file = RegularFile.open(path, { maxBytes: 1000 });
    try {
      expect(file.pathMovedAway(path)).toBe(false);
      renameSync(other, path);
      expect(file.pathMovedAway(path)).toBe(true);
      expect(file.readAll(1000).toString()).toBe("checked\n");
      // Another reader (DuckDB) given procPath reads the opened file too, not the one now named.
      if (file.procPath) expect(readFileSync(file.procPath, "utf8")).toBe("checked\n");
    } finally {
      file.close();
    }
  });

  it("with allowed folders, refuses a name leading out of them, before opening it and on the handle", () => {
    const root = folder();
    const outside = folder();
    writeFileSync(join(outside, "passwd"), `${SECRET}\n`);
    symlinkSync(join(outside, "passwd"), join(root, "link.yaml"));
    symlinkSync(outside, join(root, "linked-folder"));
    writeFileSync(join(root, "inside.yaml"), "ok: 1\n");
    const options = { maxBytes: 1000, allowedRoots: [root] };
    for (const name of ["link.yaml", "linked-folder/passwd"]) {
      const reason = reasonOf(() => readRegularFileText(join(root, name), options));
      expect(reason).toMatch(/^not allowed/);
      expect(reason).not.toContain(SECRET);
    }
    expect(reasonOf(() => readRegularFileText(join(root, "missing.yaml"), options))).toBe("no such file");
    expect(readRegularFileText(join(root, "inside.yaml"), options)).toBe("ok: 1\n");
    // A device outside is refused by its place, not opened.
    symlinkSync("/dev/zero", join(root, "zero.yaml"));
    expect(reasonOf(() => readRegularFileText(join(root, "zero.yaml"), options))).toMatch(/^not allowed/);
  });
});
