import { describe, expect, it } from "vitest";
import { VEHICLE_ROLE, simulateReplication } from "@akutt/engine";
import { prepareTest, weekDemo } from "../../../engine/src/testing/fixtures.js";
import { adviceContext } from "../advice/context.js";
import { coverageNow } from "../advice/coverage.js";
import { recommendUnits } from "../advice/recommend.js";
import { ALL_AMKS, type ReceivedEvent } from "../events/received.js";
import { EventLedger } from "../state/ledger.js";
import { liveScenarioOf } from "../state/scenario.js";
import { replayEvents } from "./replay.js";

/**
 * The proof (docs/live.md, "Replay and proof"): a simulated day replayed into the live state;
 * at each incident's decision the live recommendation ranks first the unit the engine sent, and
 * coverage now equals a direct computation from the live picture.
 */
const scenario = weekDemo();
const inputs = prepareTest(scenario);
const context = adviceContext(scenario, inputs);
const SEED = 5;
const result = simulateReplication(inputs, SEED, 0);
const log = result.incidents;
const { compiled, travel } = inputs;
const fromSec = inputs.calendar.simSecAtLocal(2, 0);
const toSec = inputs.calendar.simSecAtLocal(3, 0);
const day = replayEvents({ compiled, travel, incidents: log, interAmkDelaySec: inputs.dispatch.interAmkDelaySec, startIso: inputs.calendar.startIso, seed: SEED, window: { fromSec, toSec } });
const startMs = Date.parse(inputs.calendar.startIso);
const iso = (simSec: number) => new Date(startMs + Math.round(simSec * 1000)).toISOString();
const live = liveScenarioOf(scenario);
const by = { name: "replay", amk: ALL_AMKS };
const received: ReceivedEvent[] = day.map(({ event }, k) => ({ seq: k + 1, receivedAt: iso(0), by, event }));

/** The live picture at `simSec`: every replayed event before it (`through`: up to it) folded, advice asked at that moment. */
function pictureAt(simSec: number, through = false) {
  const ledger = EventLedger.of(
    live,
    received.filter((_, k) => day[k]!.simSec < simSec || (through && day[k]!.simSec === simSec)),
  );
  expect(ledger.entries.filter((entry) => entry.refusal !== undefined)).toEqual([]);
  return { ...ledger.state.view(), asOf: iso(simSec) };
}

/** Emergency incidents the AMK decided on during the replayed day. */
const decided = Array.from({ length: log.count }, (_, row) => row).filter((row) => log.kind[row] === 0 && log.decidedSec[row]! >= fromSec && log.decidedSec[row]! < toSec);

describe("replayed day: live advice against the engine", () => {
  it("ranks first, for every incident, the unit the engine dispatched on the same state (and none when it had to wait)", () => {
    let sent = 0;
    let waited = 0;
    for (const row of decided) {
      const decidedSec = log.decidedSec[row]!;
      const recommendation = recommendUnits(context, pictureAt(decidedSec), `r${SEED}-i${row}`);
      if (log.waitForUnitSec[row]! > 0 || log.vehicle[row]! < 0) {
        // No ambulance was free when the AMK decided: the engine queued the incident.
        expect(recommendation.units, `incident ${row}`).toEqual([]);
        waited++;
        continue;
      }
      // Ties of equal ETA (ambulances at one station) go to the unit free longest, as in the engine: the live state keeps since when each unit is free.
      expect([row, iso(decidedSec), recommendation.units[0]?.unitId]).toEqual([row, iso(decidedSec), compiled.index.vehicleIds[log.vehicle[row]!]]);
      sent++;
    }
    expect(sent).toBeGreaterThan(30);
    expect(sent + waited).toBe(decided.length);
  });

  it("gives coverage now equal to a direct computation from the picture once each unit is sent", () => {
    let checked = 0;
    for (const row of decided) {
      if (log.vehicle[row]! < 0) continue;
      const picture = pictureAt(log.decidedSec[row]! + log.waitForUnitSec[row]!, true);
      // Advice dispatches incidents still waiting for a unit before it counts the free ones (as the
      // engine would at once); the direct count below has no such step, so only pictures without them.
      if (picture.incidents.some((incident) => incident.units.length === 0)) continue;
      checked++;
      const figures = coverageNow(context, picture);
      // Free ambulances count at their station, or the station they drive back to (the demo sends units home).
      const locations = picture.units.flatMap((unit) => {
        const vehicle = context.vehicleIndex.get(unit.unitId)!;
        const free = unit.status === "free-at-station" || unit.status === "free-on-road";
        return free && compiled.vehicles.role[vehicle] === VEHICLE_ROLE.transport ? [compiled.vehicles.homeLocation[vehicle]!] : [];
      });
      let all = 0;
      let allCovered = 0;
      for (const [a, areaCode] of compiled.index.areaCodes.entries()) {
        let population = 0;
        let covered = 0;
        scenario.zones.forEach((zone, z) => {
          if (compiled.zoneArea[z] !== a) return;
          population += zone.population!;
          if (locations.some((location) => travel.travelTimeSec(location, z, true, 0) <= figures.thresholdSec)) covered += zone.population!;
        });
        all += population;
        allCovered += covered;
        expect(figures.areas.find((area) => area.areaCode === areaCode)!.share).toBeCloseTo(covered / population, 12);
      }
      expect(figures.total).toBeCloseTo(allCovered / all, 12);
    }
    expect(checked).toBeGreaterThan(20);
  });
});
