import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Location } from "@akutt/model";
import { createMatrixTravelModel } from "./matrix.js";
import { parseSquareMatrixCsv } from "./matrix-square.js";

const place = (index: number, id: string): Location => ({ index, id, kind: "zone", lat: 52, lon: 5, areaClass: "tettbygd" });
const locations = [place(0, "3511"), place(1, "3512"), place(2, "3584")];
// Not symmetric: rows are the origins. 3999 is not a place of the scenario and is skipped.
const table = "\uFEFFpostal code,3511,3512,3584,3999\n3511,0.0,2.5,10,7\n3512,3.0,0,9.5,7\n3584,11,9,0.0,7\n3999,1,1,1,0\n";

describe("square travel-time table (travel.format: square)", () => {
  it("reads rows as origins, in the given unit, skipping ids that are no place of the scenario", () => {
    const matrix = parseSquareMatrixCsv(table, "siren.csv", locations, 60);
    expect(matrix[0 * 3 + 1]).toBe(150);
    expect(matrix[1 * 3 + 0]).toBe(180);
    expect(matrix[2 * 3 + 0]).toBe(660);
    expect(matrix[1 * 3 + 1]).toBe(0);
  });

  it("names a missing place and a bad cell", () => {
    expect(() => parseSquareMatrixCsv(table, "siren.csv", [...locations, place(3, "3600")], 60)).toThrow(/no travel time from "3511" to "3600"/);
    expect(() => parseSquareMatrixCsv(table.replace("3512,3.0", "3512,x"), "siren.csv", locations, 60)).toThrow(/siren.csv:3: the time from "3512" to "3511"/);
  });

  it("is what the matrix model uses with format square and unit min; blue-light times divided by the factor", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-square-"));
    writeFileSync(join(dir, "siren.csv"), table);
    const model = createMatrixTravelModel({ model: "matrix", file: "siren.csv", format: "square", unit: "min", emergencySpeedFactor: 1.5 }, locations, dir);
    expect(model.travelTimeSec(0, 2, false, 0)).toBe(600);
    expect(model.travelTimeSec(0, 2, true, 0)).toBe(400);
    const pairs = "from,to,seconds\n3511,3512,2\n3512,3511,3\n3511,3584,4\n3584,3511,5\n3512,3584,6\n3584,3512,7\n";
    writeFileSync(join(dir, "pairs.csv"), pairs);
    expect(createMatrixTravelModel({ model: "matrix", file: "pairs.csv", unit: "min", emergencySpeedFactor: 1 }, locations, dir).travelTimeSec(2, 1, false, 0)).toBe(420);
    expect(createMatrixTravelModel({ model: "matrix", file: "pairs.csv", emergencySpeedFactor: 1 }, locations, dir).travelTimeSec(2, 1, false, 0)).toBe(7);
  });

  it("is named by its file's name, without the folders the loader resolved it to", () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-square-"));
    writeFileSync(join(dir, "siren.csv"), table);
    const model = createMatrixTravelModel({ model: "matrix", file: join(dir, "siren.csv"), format: "square", unit: "min", emergencySpeedFactor: 1 }, locations, "/elsewhere");
    expect(model.name).toBe("travel-time matrix siren.csv");
  });
});
