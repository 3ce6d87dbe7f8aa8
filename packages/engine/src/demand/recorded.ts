import type { GeneratedIncidents } from "./demand.js";

/**
 * Incidents given from outside instead of generated from the scenario's demand: recorded history
 * replayed through the simulator (`akutt playback`). The engine takes them as it takes generated
 * ones (SimulationInputs.recordedIncidents), so every other mechanism runs unchanged; checked
 * here so a bad list fails before the run, not inside it.
 */
export function recordedIncidents(ringSec: ArrayLike<number>, zone: ArrayLike<number>, urgency: ArrayLike<number>, zoneCount: number, urgencyCount: number, horizonSec: number): GeneratedIncidents {
  const count = ringSec.length;
  if (zone.length !== count || urgency.length !== count) throw new RangeError(`recorded incidents: ${count} ring times, ${zone.length} zones and ${urgency.length} urgencies differ in number`);
  for (let i = 0; i < count; i++) {
    const time = ringSec[i]!;
    if (!(time >= 0 && time < horizonSec)) throw new RangeError(`recorded incident ${i} rings at ${time} s, outside the run (0 … ${horizonSec} s)`);
    if (i > 0 && time < ringSec[i - 1]!) throw new RangeError(`recorded incidents must be in ringing order; incident ${i} rings before incident ${i - 1}`);
    const z = zone[i]!;
    if (!(Number.isInteger(z) && z >= 0 && z < zoneCount)) throw new RangeError(`recorded incident ${i} has zone index ${z}, not one of the scenario's ${zoneCount}`);
    const u = urgency[i]!;
    if (!(Number.isInteger(u) && u >= 0 && u < urgencyCount)) throw new RangeError(`recorded incident ${i} has urgency index ${u}`);
  }
  return { count, ringSec: Float64Array.from(ringSec), zone: Int32Array.from(zone), urgency: Uint8Array.from(urgency) };
}
