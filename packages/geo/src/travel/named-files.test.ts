import { execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Location } from "@akutt/model";
import { importEdgeListFile } from "../network/edge-list.js";
import { readNetworkFile } from "../network/network-file.js";
import { createMatrixTravelModel } from "./matrix.js";

const SECRET = "secret-content-marker";
const place = (index: number, id: string): Location => ({ index, id, kind: "zone", lat: 59.9, lon: 10.7, areaClass: "tettbygd" });
const locations = [place(0, "a"), place(1, "b")];
const folder = (prefix: string) => realpathSync(mkdtempSync(join(tmpdir(), prefix)));

describe("travel files a scenario names, read when the travel model is built", () => {
  it("are opened once and checked on the handle: a posted scenario's link out of its folders is not followed, a pipe is not waited on", () => {
    const root = folder("akutt-root-");
    const outside = folder("akutt-outside-");
    const pairs = "from,to,seconds\na,b,60\nb,a,70\n";
    writeFileSync(join(outside, "matrix.csv"), pairs);
    writeFileSync(join(outside, "roads.csv"), `from,to\n${SECRET}\n`);
    writeFileSync(join(outside, "network.akn"), SECRET);
    for (const name of ["matrix.csv", "roads.csv", "network.akn"]) symlinkSync(join(outside, name), join(root, name));
    execFileSync("mkfifo", [join(root, "pipe.csv")]);
    const spec = (file: string) => ({ model: "matrix" as const, file, emergencySpeedFactor: 1 });

    // From disk (no folders given) the link is the user's own to follow.
    expect(createMatrixTravelModel(spec("matrix.csv"), locations, root).travelTimeSec(0, 1, false, 0)).toBe(60);
    const errors = [
      () => createMatrixTravelModel(spec("matrix.csv"), locations, root, [root]),
      () => importEdgeListFile(join(root, "roads.csv"), { readRoots: [root] }),
      () => readNetworkFile(join(root, "network.akn"), [root]),
    ].map((build) => {
      try {
        build();
      } catch (error) {
        return (error as Error).message;
      }
      return "no error";
    });
    for (const message of errors) {
      expect(message).toMatch(/not allowed/);
      expect(message).not.toContain(SECRET);
    }
    // A pipe would block a plain read for ever.
    expect(() => createMatrixTravelModel(spec("pipe.csv"), locations, root, [root])).toThrow(/not a regular file/);
    expect(() => importEdgeListFile(join(root, "pipe.csv"))).toThrow(/not a regular file/);
  });
});
