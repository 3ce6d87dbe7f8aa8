import type { Moves, RelocationPolicy, RelocationView } from "../policies/index.js";

/** What move-up needs from the event loop. */
export interface MoveUpHost {
  /** Free, on-duty ambulances now (idle, driving to a base, or held but answering red). */
  freeAmbulanceCount(): number;
  /** Sends an idle ambulance to another base; it stays free and dispatchable on the way. */
  sendIdle(vehicle: number, location: number): void;
}

/**
 * Move-up: free ambulances other than the one just freed are moved when the number of free
 * ambulances changes (a dispatch, a unit freed, a shift starting or ending), and when one reaches
 * its base (it may have been meant for another base while it was driving). Only relocation policies
 * with `reposition` (a compliance table) switch it on; without one the engine never builds this and
 * runs exactly as before.
 */
export class MoveUp {
  private lastFreeCount = -1;
  private arrived = false;

  constructor(
    private readonly reposition: (view: RelocationView, simSec: number) => Moves,
    private readonly view: RelocationView,
    private readonly host: MoveUpHost,
  ) {}

  /** A free ambulance has reached the base it was driving to. */
  noteArrival(): void {
    this.arrived = true;
  }

  /** A run starting from a snapshot: the free ambulances now are where the policy last left them. */
  resume(): void {
    this.lastFreeCount = this.host.freeAmbulanceCount();
    this.arrived = false;
  }

  /** Called once after every event: asks the policy only when something it looks at has changed. */
  afterEvent(simSec: number): void {
    const count = this.host.freeAmbulanceCount();
    if (count === this.lastFreeCount && !this.arrived) return;
    this.lastFreeCount = count;
    this.arrived = false;
    for (const [vehicle, location] of this.reposition(this.view, simSec)) this.host.sendIdle(vehicle, location);
  }
}

/** A move-up for the policy if it moves other units, else undefined. */
export function createMoveUp(policy: RelocationPolicy, view: RelocationView, host: MoveUpHost): MoveUp | undefined {
  if (policy.reposition === undefined) return undefined;
  return new MoveUp((at, simSec) => policy.reposition!(at, simSec), view, host);
}
