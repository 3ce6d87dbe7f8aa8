import { describe, expect, it } from "vitest";
import { dstIntervals } from "./dst.js";

describe("dstIntervals", () => {
  it("finds Europe/Oslo's repeated and skipped hours (last Sundays of October and March)", () => {
    expect(dstIntervals("Europe/Oslo", 2026, 2026)).toEqual({ repeated: [["2026-10-25 02:00:00", "2026-10-25 03:00:00"]], skipped: [["2026-03-29 02:00:00", "2026-03-29 03:00:00"]] });
    expect(dstIntervals("UTC", 2020, 2030)).toEqual({ repeated: [], skipped: [] });
    expect(dstIntervals("Europe/Oslo", 2020, 2029).repeated).toHaveLength(10);
  });
});

describe("localOffsetSql", () => {
  it("gives the same instants as DuckDB's time-zone conversion outside the DST hours", async () => {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const { localOffsetSql } = await import("./dst.js");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const offset = localOffsetSql("Europe/Oslo", 2019, 2027, "l");
    const reader = await connection.runAndReadAll(`SET TimeZone = 'UTC';
      SELECT count_if(timezone('Europe/Oslo', l) <> (l - to_minutes(${offset}))::TIMESTAMPTZ) AS differ, count(*) AS n
      FROM (SELECT TIMESTAMP '2019-01-01' + to_seconds(i * 3571) AS l FROM range(80000) r(i))
      WHERE NOT (hour(l) = 2 AND month(l) IN (3, 10) AND dayofweek(l) = 0 AND day(l) > 24)`);
    const [row] = reader.getRowObjectsJS();
    expect(Number(row!.n)).toBeGreaterThan(79_000);
    expect(Number(row!.differ)).toBe(0);
    connection.closeSync();
    instance.closeSync();
  });
});
