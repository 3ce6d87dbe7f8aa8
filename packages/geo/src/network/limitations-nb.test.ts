import { describe, expect, it } from "vitest";
import { N1000_LIMITATIONS, N1000_LIMITATIONS_NB, networkLimitationNb } from "./n1000.js";
import { N1000_PROFILES, profileValidationLineNb } from "./profiles.js";

/** Two or more English function words in a line: an English passage in a bokmål report. */
const ENGLISH = new Set(["the", "and", "of", "with", "from", "is", "are"]);
const english = (line: string) => (line.toLowerCase().match(/[a-zæøå]+/g) ?? []).filter((word) => ENGLISH.has(word)).length >= 2;

describe("the travel model's limitations in bokmål", () => {
  it("has a bokmål twin for every N1000 line and keeps an unknown line as written", () => {
    expect(N1000_LIMITATIONS_NB).toHaveLength(N1000_LIMITATIONS.length);
    N1000_LIMITATIONS.forEach((line, i) => expect(networkLimitationNb(line)).toBe(N1000_LIMITATIONS_NB[i]));
    expect(networkLimitationNb("some other network")).toBe("some other network");
    for (const line of N1000_LIMITATIONS_NB) expect(english(line), line).toBe(false);
  });

  it("describes each profile and its check against OpenStreetMap in bokmål, with decimal commas", () => {
    for (const profile of Object.values(N1000_PROFILES)) {
      expect(english(profile.descriptionNb), profile.descriptionNb).toBe(false);
      const line = profileValidationLineNb(profile);
      expect(english(line), line).toBe(false);
      expect(line).toContain(`median ${profile.validation.medianRatio.toFixed(2).replace(".", ",")}`);
    }
  });
});
