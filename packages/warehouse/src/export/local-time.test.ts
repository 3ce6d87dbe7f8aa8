import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LocalTimeFormatter } from "./local-time.js";

describe("LocalTimeFormatter", () => {
  const oslo = new LocalTimeFormatter("Europe/Oslo");

  it("writes both passes of the repeated autumn hour with their own offsets", () => {
    expect(oslo.format(Date.UTC(2026, 9, 25, 0, 30))).toBe("2026-10-25T02:30:00.000000+02:00");
    expect(oslo.format(Date.UTC(2026, 9, 25, 1, 30))).toBe("2026-10-25T02:30:00.000000+01:00");
    expect(oslo.format(Date.UTC(2026, 2, 29, 1, 0, 0, 250) + 0.5)).toBe("2026-03-29T03:00:00.250500+02:00");
  });

  it("round-trips any instant to the microsecond", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1) * 1000, max: Date.UTC(2035, 0, 1) * 1000 }), (micros) => {
        const text = oslo.format(micros / 1000);
        const back = Date.parse(text.slice(0, 23) + text.slice(26)) * 1000 + Number(text.slice(23, 26));
        expect(back).toBe(micros);
      }),
    );
  });
});
