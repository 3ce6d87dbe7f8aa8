import { describe, expect, it } from "vitest";
import { runQueueingValidation } from "./queueing-validation.js";

describe("the engine reproduces queueing theory where the model reduces to it", async () => {
  const figures = await runQueueingValidation(10);

  it.each(figures.map((figure) => [`${figure.scenario}: ${figure.figure}`, figure] as const))("%s", (_name, figure) => {
    const { ciLow, ciHigh, mean } = figure.simulated;
    expect(mean).not.toBeNull();
    // Deterministic by seed, so this cannot flicker; the interval is from 10 independent replications.
    expect(figure.theory).toBeGreaterThanOrEqual(ciLow!);
    expect(figure.theory).toBeLessThanOrEqual(ciHigh!);
    // And the interval is tight enough to mean something: within 6 % of the theoretical value.
    expect((ciHigh! - ciLow!) / 2).toBeLessThan(0.06 * figure.theory);
  });
});
