import { describe, expect, it } from "vitest";
import { AMK_ANSWER_HISTOGRAM_BINS, AMK_CALL_TYPES, AMK_SHIFT_PERIODS, type ReplicationResult } from "../result/result.js";
import { simulateReplication } from "../simulation/simulation.js";
import { demoScenario, prepareTest } from "../testing/fixtures.js";

/** The demo (two municipalities, AMK Vestre Viken) for a week, with YAML lines added under its AMK. */
const demoWithAmk = (amkLines = "") =>
  demoScenario((text) =>
    text
      .replace("durationDays: 28", "durationDays: 7")
      .replace("warmUpDays: 2", "warmUpDays: 1")
      .replace("      green: { kind: lognormal, mean: 240, sd: 120, unit: s }\n", `      green: { kind: lognormal, mean: 240, sd: 120, unit: s }\n${amkLines}`),
  );

const run = (amkLines: string, seed = 11, replication = 0) => simulateReplication(prepareTest(demoWithAmk(amkLines)), seed, replication);

/** Mean ring → answer of the study area's incidents after warm-up. */
function meanIncidentAnswerSec(result: ReplicationResult): number {
  const log = result.incidents;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < log.count; i++) {
    if (log.inWarmUp[i] !== 0 || Number.isNaN(log.answeredSec[i]!)) continue;
    sum += log.answeredSec[i]! - log.ringSec[i]!;
    n++;
  }
  return sum / n;
}

const BACKGROUND = "    background: { callsPerYear: 60000 }\n";
const CALL_TYPES = [
  "    callTypes:",
  "      advice: { share: 0.3, talk: { kind: exponential, mean: 4, unit: min } }",
  "      referral: { share: 0.15, talk: { kind: exponential, mean: 2, unit: min } }",
  "      abandoned: { share: 0.05, talk: { kind: fixed, value: 15, unit: s } }",
  "",
].join("\n");

describe("AMK centres", () => {
  const plain = run("");

  it("background calls make the study area's calls wait longer for an answer", () => {
    const loaded = run(BACKGROUND);
    expect(meanIncidentAnswerSec(loaded)).toBeGreaterThan(meanIncidentAnswerSec(plain));
    const share = (r: ReplicationResult) => r.amk.answeredWithin10s[0]! / r.amk.calls[0]!;
    expect(share(loaded)).toBeLessThan(share(plain));
    // 60,000 a year is about 164 a day over the 6 counted days, far more than the demo's incidents.
    expect(loaded.amk.calls[0]! - plain.amk.calls[0]!).toBeGreaterThan(6 * 164 * 0.8);
    expect(loaded.amk.operatorBusySec[0]!).toBeGreaterThan(plain.amk.operatorBusySec[0]!);
  });

  it("keeps emergency incidents' ring times, zones and urgencies when background work is added (common random numbers)", () => {
    const loaded = run(`${BACKGROUND}${CALL_TYPES}    telephoneGuidance: { redShare: 0.5, duration: { kind: exponential, mean: 3, unit: min } }\n    otherWork:\n      missionFollowUp: { kind: exponential, mean: 1, unit: min }\n      tasks: [{ id: orders, perYear: 20000, duration: { kind: exponential, mean: 3, unit: min } }]\n`);
    expect(loaded.incidents.ringSec).toEqual(plain.incidents.ringSec);
    expect(loaded.incidents.zone).toEqual(plain.incidents.zone);
    expect(loaded.incidents.urgency).toEqual(plain.incidents.urgency);
  });

  it("is deterministic with every kind of work switched on", () => {
    const lines = `${BACKGROUND}${CALL_TYPES}    otherWork:\n      tasks: [{ id: orders, perYear: 20000, duration: { kind: exponential, mean: 3, unit: min } }]\n`;
    const a = run(lines, 5, 2);
    const b = run(lines, 5, 2);
    expect(a.amk).toEqual(b.amk);
    expect(a.incidents).toEqual(b.incidents);
  });

  it("runs before the units: every decision it makes is dispatched at its own time, and the AMK's figures do not depend on the units", () => {
    const lines = `${BACKGROUND}${CALL_TYPES}    otherWork:\n      missionFollowUp: { kind: fixed, value: 2, unit: min }\n`;
    const loaded = run(lines);
    const log = loaded.incidents;
    let decided = 0;
    let alertedAtOnce = 0;
    for (let i = 0; i < log.count; i++) {
      if (Number.isNaN(log.decidedSec[i]!)) continue;
      decided++;
      expect(log.answeredSec[i]!).toBeGreaterThanOrEqual(log.ringSec[i]!);
      expect(log.decidedSec[i]!).toBeGreaterThan(log.answeredSec[i]!);
      // Taken by a free unit when the decision is made: alerted then (the demo dispatches across borders at no delay).
      if (log.vehicle[i]! >= 0 && log.waitForUnitSec[i] === 0) {
        expect(log.alertedSec[i]).toBe(log.decidedSec[i]);
        alertedAtOnce++;
      }
    }
    expect(decided).toBe(log.count);
    expect(alertedAtOnce).toBeGreaterThan(0.9 * log.count);
    // Half the fleet: the units' work changes, the AMK's does not.
    const scenario = demoWithAmk(lines);
    const fewer = simulateReplication(prepareTest({ ...scenario, vehicles: scenario.vehicles.filter((_, v) => v % 2 === 0) }), 11, 0);
    expect(fewer.amk).toEqual(loaded.amk);
    expect(fewer.incidents.decidedSec).toEqual(log.decidedSec);
    expect(fewer.incidents.atSceneSec).not.toEqual(log.atSceneSec);
  });

  it("rings the study area's other call types in proportion to its dispatch calls", () => {
    const typed = run(CALL_TYPES);
    const byType = (type: (typeof AMK_CALL_TYPES)[number]) => typed.amk.callsByType[AMK_CALL_TYPES.indexOf(type)]!;
    const dispatch = byType("dispatch");
    expect(dispatch).toBe(plain.amk.calls[0]);
    // Shares of all calls 0.3 / 0.15 / 0.05 with 0.5 left for dispatch: 0.6, 0.3 and 0.1 per dispatch call.
    expect(byType("advice") / dispatch).toBeGreaterThan(0.6 * 0.8);
    expect(byType("advice") / dispatch).toBeLessThan(0.6 * 1.2);
    expect(byType("referral") / dispatch).toBeGreaterThan(0.3 * 0.75);
    expect(byType("referral") / dispatch).toBeLessThan(0.3 * 1.25);
    expect(typed.amk.calls[0]).toBe(dispatch + byType("advice") + byType("referral") + byType("abandoned"));
  });

  it("keeps a red call's operator on the line for telephone guidance without delaying the alert", () => {
    const guided = run("    telephoneGuidance: { redShare: 1, duration: { kind: fixed, value: 5, unit: min } }\n");
    expect(guided.amk.operatorBusySec[0]!).toBeGreaterThan(plain.amk.operatorBusySec[0]!);
    // The first incident finds every operator free in both runs: same answer, same handling, same alert.
    expect(guided.incidents.decidedSec[0]).toBe(plain.incidents.decidedSec[0]);
    expect(guided.incidents.alertedSec[0]).toBe(plain.incidents.alertedSec[0]);
  });

  it("counts non-call work in the occupancy but not as 113 calls", () => {
    const tasked = run("    otherWork:\n      missionFollowUp: { kind: fixed, value: 2, unit: min }\n      tasks: [{ id: orders, perYear: 30000, duration: { kind: exponential, mean: 4, unit: min } }]\n");
    expect(tasked.amk.calls[0]).toBe(plain.amk.calls[0]);
    expect(tasked.amk.tasks[0]!).toBeGreaterThan(plain.amk.calls[0]!);
    expect(tasked.amk.operatorBusySec[0]! / tasked.amk.operatorAvailableSec[0]!).toBeGreaterThan(plain.amk.operatorBusySec[0]! / plain.amk.operatorAvailableSec[0]!);
  });

  it("holds the operator for after-call work: longer occupancy and later answers, the alert unchanged", () => {
    const withAfterCall = run("    afterCallWork:\n      dispatch: { kind: fixed, value: 3, unit: min }\n");
    expect(withAfterCall.amk.operatorBusySec[0]!).toBeGreaterThan(plain.amk.operatorBusySec[0]!);
    expect(meanIncidentAnswerSec(withAfterCall)).toBeGreaterThan(meanIncidentAnswerSec(plain));
    // After-call work follows the alert: the first incident is alerted exactly as before.
    expect(withAfterCall.incidents.alertedSec[0]).toBe(plain.incidents.alertedSec[0]);
    expect(withAfterCall.amk.operatorAvailableSec[0]).toBe(plain.amk.operatorAvailableSec[0]);
  });

  it("adds after-call work of other call types to their operator time, drawing nothing from the calls' own streams", () => {
    const typed = run(`${BACKGROUND}${CALL_TYPES}`);
    const withAfterCall = run(`${BACKGROUND}${CALL_TYPES}    afterCallWork:\n      advice: { kind: exponential, mean: 2, unit: min }\n`);
    // The same calls ring (their arrival and type draws are untouched) but the operators work longer.
    expect(withAfterCall.amk.callsByType).toEqual(typed.amk.callsByType);
    expect(withAfterCall.amk.operatorBusySec[0]!).toBeGreaterThan(typed.amk.operatorBusySec[0]!);
    expect(withAfterCall.amk.answeredWithin10s[0]!).toBeLessThan(typed.amk.answeredWithin10s[0]!);
  });

  it("takes the offPhone share of the rostered operators away: their time counts as not free and answers come later", () => {
    const away = run("    offPhone: { share: 0.5, rotationMin: 30 }\n");
    const available = plain.amk.operatorAvailableSec[0]!;
    // Rostered time is unchanged (it is what is paid); half of it is away, on top of the few calls.
    expect(away.amk.operatorAvailableSec[0]).toBeCloseTo(available, 3);
    const extraBusy = away.amk.operatorBusySec[0]! - plain.amk.operatorBusySec[0]!;
    expect(extraBusy).toBeGreaterThan(0.45 * available);
    expect(extraBusy).toBeLessThanOrEqual(0.5 * available + 1e-6);
    expect(meanIncidentAnswerSec(away)).toBeGreaterThan(meanIncidentAnswerSec(plain));
    expect(away.amk.answeredWithin10s[0]!).toBeLessThan(plain.amk.answeredWithin10s[0]!);
    // The same incidents ring (common random numbers).
    expect(away.incidents.ringSec).toEqual(plain.incidents.ringSec);
  });

  it("leaves the absence share of rostered operator-shifts unfilled: less time free to answer, later answers", () => {
    const absent = run("    absence: { share: 0.3 }\n");
    // Rostered (paid) time is unchanged; the absent time counts as not free, about 30 % of it over
    // the counted shift periods (2 operators 07–23, 1 at night).
    expect(absent.amk.operatorAvailableSec[0]).toBeCloseTo(plain.amk.operatorAvailableSec[0]!, 3);
    const extra = (absent.amk.operatorBusySec[0]! - plain.amk.operatorBusySec[0]!) / plain.amk.operatorAvailableSec[0]!;
    expect(extra).toBeGreaterThan(0.15);
    expect(extra).toBeLessThan(0.45);
    expect(meanIncidentAnswerSec(absent)).toBeGreaterThan(meanIncidentAnswerSec(plain));
    expect(absent.incidents.ringSec).toEqual(plain.incidents.ringSec);
    // Drawn from its own seeded stream: the same run again is the same.
    expect(run("    absence: { share: 0.3 }\n").amk).toEqual(absent.amk);
  });

  it("rings further calls about a share of incidents within minutes of the first (several callers)", () => {
    const repeated = run("    repeatCalls: { share: 1, extraCalls: 2, withinMin: 3, talk: { kind: fixed, value: 40, unit: s } }\n");
    const byType = (r: ReplicationResult, type: (typeof AMK_CALL_TYPES)[number]) => r.amk.callsByType[AMK_CALL_TYPES.indexOf(type)]!;
    const dispatch = byType(repeated, "dispatch");
    expect(dispatch).toBe(plain.amk.calls[0]);
    // Every incident brings two more calls (a few near the warm-up's end fall on either side of it).
    expect(byType(repeated, "repeat")).toBeGreaterThan(2 * dispatch * 0.97);
    expect(byType(repeated, "repeat")).toBeLessThan(2 * dispatch * 1.03);
    expect(repeated.amk.calls[0]).toBe(dispatch + byType(repeated, "repeat"));
    // They arrive while the first call is still being handled, so they and the next incidents wait.
    expect(repeated.amk.answeredWithin10s[0]! / repeated.amk.calls[0]!).toBeLessThan(plain.amk.answeredWithin10s[0]! / plain.amk.calls[0]!);
    expect(meanIncidentAnswerSec(repeated)).toBeGreaterThan(meanIncidentAnswerSec(plain));
    expect(repeated.incidents.ringSec).toEqual(plain.incidents.ringSec);
    // A share of 0 rings none and changes nothing.
    expect(run("    repeatCalls: { share: 0, talk: { kind: fixed, value: 40, unit: s } }\n").amk.calls).toEqual(plain.amk.calls);
  });

  it("adds up its per-period figures to the totals and fills the histogram with every call", () => {
    const loaded = run(`${BACKGROUND}${CALL_TYPES}`);
    const periods = AMK_SHIFT_PERIODS.length;
    let calls = 0;
    let within = 0;
    let available = 0;
    let histogram = 0;
    for (let p = 0; p < periods; p++) {
      calls += loaded.amk.callsByPeriod[p]!;
      within += loaded.amk.answeredWithin10sByPeriod[p]!;
      available += loaded.amk.operatorAvailableSecByPeriod[p]!;
      for (let b = 0; b < AMK_ANSWER_HISTOGRAM_BINS; b++) histogram += loaded.amk.answerDelayHistogram[p * AMK_ANSWER_HISTOGRAM_BINS + b]!;
    }
    expect(calls).toBe(loaded.amk.calls[0]);
    expect(within).toBe(loaded.amk.answeredWithin10s[0]);
    expect(available).toBeCloseTo(loaded.amk.operatorAvailableSec[0]!, 3);
    expect(histogram).toBe(loaded.amk.calls[0]);
    // 2 operators 07–23 and 1 at night: the day period has more operator time than the night.
    expect(loaded.amk.operatorAvailableSecByPeriod[0]!).toBeGreaterThan(loaded.amk.operatorAvailableSecByPeriod[2]!);
  });
});

describe("per-call record of the calls that send no unit (recordAmkCalls)", () => {
  // A small queue limit so that some calls are lost, and repeat calls, so every path a call can take is recorded.
  const lines = `${BACKGROUND}${CALL_TYPES}    maxQueue: 3\n    repeatCalls: { share: 0.3, talk: { kind: exponential, mean: 1, unit: min } }\n`;
  const inputs = prepareTest(demoWithAmk(lines));
  const plain = simulateReplication(inputs, 21, 0);
  const recorded = simulateReplication({ ...inputs, recordAmkCalls: true }, 21, 0);

  it("is absent unless asked, and asking changes nothing else (bit-identical logs)", () => {
    expect(plain.amkCalls).toBeUndefined();
    const { amkCalls, ...rest } = recorded;
    expect(amkCalls).toBeDefined();
    expect(rest).toEqual(plain);
  });

  it("holds every counted call besides the incidents, with the AMK's own answer counts", () => {
    const calls = recorded.amkCalls!;
    const log = recorded.incidents;
    let incidents = 0;
    let incidentsWithin10s = 0;
    for (let i = 0; i < log.count; i++) {
      if (log.inWarmUp[i] !== 0 || log.kind[i] !== 0) continue;
      incidents++;
      if (log.answeredSec[i]! - log.ringSec[i]! <= 10) incidentsWithin10s++;
    }
    expect(calls.count + incidents).toBe(recorded.amk.calls[0]);
    for (let type = 0; type < AMK_CALL_TYPES.length; type++) {
      const recordedOfType = calls.type.filter((t) => t === type).length;
      expect(recordedOfType + (type === 0 ? incidents : 0), AMK_CALL_TYPES[type]).toBe(recorded.amk.callsByType[type]);
      expect(recordedOfType, AMK_CALL_TYPES[type]).toBeGreaterThan(0);
    }
    let within10s = 0;
    let unanswered = 0;
    for (let r = 0; r < calls.count; r++) {
      expect(calls.ringSec[r]!).toBeGreaterThanOrEqual(recorded.warmUpSec);
      const waitSec = calls.answeredSec[r]! - calls.ringSec[r]!;
      if (Number.isNaN(waitSec)) unanswered++;
      else {
        expect(waitSec).toBeGreaterThanOrEqual(0);
        if (waitSec <= 10) within10s++;
      }
    }
    expect(within10s + incidentsWithin10s).toBe(recorded.amk.answeredWithin10s[0]);
    expect(unanswered).toBeGreaterThan(0);
  });
});
