import { describe, expect, it } from "vitest";
import { parseIndicatorRequest } from "./request.js";

describe("indicator request", () => {
  it("refuses unknown indicators, periods and groupings, and misfits, with the allowed values", () => {
    expect(() => parseIndicatorRequest({ indicators: "red-response,nonsense" })).toThrow(/unknown indicator "nonsense": use one or more of red-response, yellow-response/);
    expect(() => parseIndicatorRequest({ by: "week" })).toThrow(/unknown period "week": use one of month, year/);
    expect(() => parseIndicatorRequest({ group: "fylke" })).toThrow(/unknown grouping "fylke"/);
    expect(() => parseIndicatorRequest({ indicators: "utilisation", group: "kommune" })).toThrow(/defined per station, unit, not per kommune/);
    expect(() => parseIndicatorRequest({ indicators: " , " })).toThrow(/no indicator named/);
  });

  it("defaults: by year, per kommune, every indicator defined there; an indicator alone takes its own default grouping", () => {
    expect(parseIndicatorRequest({})).toEqual({ indicators: ["red-response", "yellow-response", "amk-answer", "amk-reaction", "missions-per-1000"], by: "year", group: "kommune" });
    expect(parseIndicatorRequest({ indicators: "utilisation", by: "month" })).toEqual({ indicators: ["utilisation"], by: "month", group: "station" });
    expect(parseIndicatorRequest({ group: "unit" }).indicators).toEqual(["utilisation"]);
  });
});
