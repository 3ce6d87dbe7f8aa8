/**
 * The seam between the engine and geography: every travel-time model (straight line,
 * matrix, road network, land-aware fallback) implements this, and the engine knows nothing else.
 * Locations are indices from buildLocations().
 */
export interface TravelTimeModel {
  /** Short name shown in every report, e.g. "straight line × 1.3 detour". */
  readonly name: string;
  /** Limits a reader should know, shown with the results. */
  readonly limitations: readonly string[];
  /** The same limitations in bokmål, line for line, for the bokmål reports (optional). */
  readonly limitationsNb?: readonly string[];
  /**
   * Driving time in seconds. `emergency` is blue-light driving (red urgency);
   * `simSec` lets a model apply time-of-day congestion. Unreachable pairs return Infinity.
   */
  travelTimeSec(fromLocation: number, toLocation: number, emergency: boolean, simSec: number): number;
  /**
   * Optional: a lower bound on travelTimeSec(from, to, emergency, t) valid at every time t, cheap to
   * compute. With it the engine skips units that cannot be the fastest; without it, it asks about every unit.
   */
  lowerBoundSec?(fromLocation: number, toLocation: number, emergency: boolean): number;
  /**
   * Optional: true when travelTimeSec never depends on simSec (no time of day), so a choice made
   * from its times at one moment holds at every other; the engine then keeps such choices.
   */
  readonly timeInvariant?: boolean;
}
