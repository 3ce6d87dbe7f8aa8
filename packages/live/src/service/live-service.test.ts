import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { findRepoRoot, loadScenarioFile } from "@akutt/model";
import { arbitraryEvents, EVERYONE, received } from "../testing/fixture.js";
import { EventLedger } from "../state/ledger.js";
import { LiveService, MAX_CLOCK_AHEAD_SEC, MAX_LATE_EVENTS } from "./live-service.js";

const scenario = loadScenarioFile(resolve(findRepoRoot(), "scenarios/demo/demo.yaml"));
const units = ["drm-amb-1", "drm-amb-2", "lier-amb", "svelvik-amb"].map((unitId) => ({ unitId, amk: "amk-vv" }));

describe("LiveService", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it(`refuses an event stamped more than ${MAX_CLOCK_AHEAD_SEC} s ahead of the server's clock, before the log, with the skew in the reason`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-live-skew-"));
    dirs.push(dir);
    const nowMs = Date.UTC(2025, 2, 5, 8);
    const position = (id: string, aheadSec: number) => ({ id, type: "unit.position", time: new Date(nowMs + aheadSec * 1000).toISOString(), unitId: "drm-amb-1", lat: 59.74, lon: 10.2 });
    let service = await LiveService.open({ scenario, dir, now: () => new Date(nowMs) });
    try {
      const result = await service.post([position("past", -3600), position("on-the-edge", MAX_CLOCK_AHEAD_SEC), position("ahead", MAX_CLOCK_AHEAD_SEC + 1)], EVERYONE);
      expect(result).toMatchObject({ accepted: 2, refused: [{ id: "ahead", reason: `time ${position("ahead", MAX_CLOCK_AHEAD_SEC + 1).time} is ${MAX_CLOCK_AHEAD_SEC + 1} s ahead of the server's clock (2025-03-05T08:00:00.000Z); at most ${MAX_CLOCK_AHEAD_SEC} s is allowed: check the sender's clock` }] });
      expect(service.view().asOf).toBe(position("on-the-edge", MAX_CLOCK_AHEAD_SEC).time);
    } finally {
      await service.close();
    }
    // Not logged: once the clock has caught up the same event is new and accepted.
    service = await LiveService.open({ scenario, dir, now: () => new Date(nowMs + 60_000) });
    try {
      expect(service.ledger.size).toBe(2);
      expect(await service.post([position("ahead", MAX_CLOCK_AHEAD_SEC + 1)], EVERYONE)).toMatchObject({ accepted: 1, refused: [] });
    } finally {
      await service.close();
    }
  });

  it(`refuses an event that would land more than ${MAX_LATE_EVENTS} events back, before the log; one that lands that far is taken`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "akutt-live-late-"));
    dirs.push(dir);
    const position = (id: string, second: number) => ({ id, type: "unit.position", time: new Date(Date.UTC(2025, 2, 5, 8) + second * 1000).toISOString(), unitId: "drm-amb-1", lat: 59.74, lon: 10.2 });
    const count = MAX_LATE_EVENTS + 500;
    let service = await LiveService.open({ scenario, dir });
    try {
      for (let i = 0; i < count; i += 1000) await service.post(Array.from({ length: Math.min(1000, count - i) }, (_, k) => position(`p${i + k}`, i + k)), EVERYONE);
      // Half a second before the event at MAX_LATE_EVENTS (and one more) from the end.
      const far = await service.post([position("too-late", count - MAX_LATE_EVENTS - 1.5)], EVERYONE);
      expect(far.accepted).toBe(0);
      expect(far.refused).toEqual([{ id: "too-late", reason: expect.stringMatching(new RegExp(`^too late: ${MAX_LATE_EVENTS + 1} events received so far lie after its time .*; an event may land at most ${MAX_LATE_EVENTS} events back$`)) }]);
      expect(await service.post([position("late-enough", count - MAX_LATE_EVENTS - 0.5)], EVERYONE)).toMatchObject({ accepted: 1, refused: [] });
    } finally {
      await service.close();
    }
    // The refused event is not in the log: posted again after a restart it is new (and still too late).
    service = await LiveService.open({ scenario, dir });
    try {
      expect(service.ledger.size).toBe(count + 1);
      expect((await service.post([position("too-late", count - MAX_LATE_EVENTS - 1.5)], EVERYONE)).refused).toHaveLength(1);
    } finally {
      await service.close();
    }
  });

  it("repeated events change nothing: posting a set with repeats, in any batches, gives the state of the set, and counts each repeat as a duplicate", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryEvents(units, ["drm-bragernes", "drm-stromso"], 30), fc.array(fc.nat({ max: 29 }), { maxLength: 20 }), fc.integer({ min: 1, max: 8 }), async (events, repeats, batchSize) => {
        const dir = mkdtempSync(join(tmpdir(), "akutt-live-service-"));
        dirs.push(dir);
        const service = await LiveService.open({ scenario, dir });
        try {
          const posted = [...events, ...repeats.filter((i) => i < events.length).map((i) => events[i]!)];
          let accepted = 0;
          let duplicates = 0;
          let refused = 0;
          for (let i = 0; i < posted.length; i += batchSize) {
            const result = await service.post(posted.slice(i, i + batchSize), EVERYONE);
            accepted += result.accepted;
            duplicates += result.duplicates;
            refused += result.refused.length;
          }
          const direct = EventLedger.of(service.liveScenario, received(events));
          expect(service.view()).toEqual(direct.state.view());
          expect(duplicates).toBe(posted.length - events.length);
          expect(accepted + refused).toBe(events.length);
          // A second pass of everything is all duplicates and changes nothing.
          const before = service.view();
          expect(await service.post(posted, EVERYONE)).toEqual({ accepted: 0, duplicates: posted.length, refused: [], changed: [] });
          expect(service.view()).toEqual(before);
        } finally {
          await service.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
