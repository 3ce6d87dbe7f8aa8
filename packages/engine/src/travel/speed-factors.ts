import type { TravelTimeModel } from "@akutt/model";

/**
 * The scenario's travel model with its non-blue-light drives (yellow and green drives, returns,
 * relocations) divided by `normalSpeedFactor`; blue-light drives are left as the model gives them
 * (the model applies its own `emergencySpeedFactor`). A factor of 1 returns the model itself, so
 * the default changes nothing, not even the number of calls.
 */
export function withNormalSpeedFactor(travel: TravelTimeModel, normalSpeedFactor: number): TravelTimeModel {
  if (normalSpeedFactor === 1) return travel;
  if (!(normalSpeedFactor > 0) || !Number.isFinite(normalSpeedFactor)) throw new RangeError(`normalSpeedFactor must be a positive number, got ${normalSpeedFactor}`);
  const base = travel;
  const lowerBound = base.lowerBoundSec;
  return {
    name: `${base.name}; normal drives ×${normalSpeedFactor} speed`,
    limitations: base.limitations,
    ...(base.limitationsNb ? { limitationsNb: base.limitationsNb } : {}),
    travelTimeSec: (from, to, emergency, simSec) => (emergency ? base.travelTimeSec(from, to, true, simSec) : base.travelTimeSec(from, to, false, simSec) / normalSpeedFactor),
    ...(base.timeInvariant === true ? { timeInvariant: true } : {}),
    ...(lowerBound ? { lowerBoundSec: (from: number, to: number, emergency: boolean) => (emergency ? lowerBound.call(base, from, to, true) : lowerBound.call(base, from, to, false) / normalSpeedFactor) } : {}),
  };
}
