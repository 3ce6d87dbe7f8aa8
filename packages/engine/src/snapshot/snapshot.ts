/**
 * The state of the system at one moment, in the engine's indices: what a run started from a
 * snapshot begins with instead of an empty system (snapshot/run.ts). A live picture (packages/live)
 * or a running simulation (captureSnapshot) fills it.
 */
export interface SimulationSnapshot {
  /** Simulation seconds (the scenario's clock: 0 is its start) at which the snapshot holds. */
  timeSec: number;
  /** Incidents units or the queue refer to, by their index in this list. */
  incidents: SnapshotIncident[];
  /** One entry per vehicle of the compiled scenario, in its order. */
  units: SnapshotUnit[];
  /** Incidents waiting for a free unit, in the order they joined the queue. */
  waiting: number[];
}

export interface SnapshotIncident {
  ringSec: number;
  /** Zone index of the scene. */
  zone: number;
  /** 0 red, 1 yellow, 2 green. */
  urgency: number;
  /** When the AMK decided to send a unit. Later than timeSec: the call is still being handled and is decided then. */
  decidedSec: number;
  /** When the first transporting unit reached the scene; absent while none has. */
  atSceneSec?: number;
  /** Destination index once the patient is on the way to or at it. */
  destination?: number;
}

/** What a unit does at its incident: the transporting unit, or a first responder sent ahead to a red call. */
export type SnapshotRole = "transport" | "firstResponse";

export type SnapshotUnit =
  /** Off duty or out of service: it comes back when its next shift starts. */
  | { state: "off" }
  /** Free and standing at `location` (its base). */
  | { state: "idle"; location: number; freeSinceSec?: number }
  /**
   * Free and driving from `from` (left at startSec) to its base; arrives at endSec, or after the
   * drive from `from` that started at startSec when absent, as the engine drives. Dispatch places it along the way by the en-route policy.
   */
  | { state: "returning"; from: number; base: number; startSec: number; endSec?: number; freeSinceSec?: number }
  | SnapshotMission;

/**
 * A unit on a mission, in one of its phases. The phase ends at endSec; when absent (a live picture
 * knows when a phase began, not when it will end) the engine fills it: a drive (toScene,
 * toDestination) ends after the drive from `location` starting now; a wait (alerted: activation,
 * atScene: on-scene time, atDestination: handover) ends sinceSec plus the incident's own draw of
 * that duration, or now if that is past (ASSUMPTION: an overdue phase ends at once).
 */
export interface SnapshotMission {
  state: "alerted" | "toScene" | "atScene" | "toDestination" | "atDestination";
  incident: number;
  role: SnapshotRole;
  /** Where the unit is: its starting point while alerted or driving to the scene, else the scene or destination. */
  location: number;
  sinceSec: number;
  endSec?: number;
  /** Drive to the scene, fixed at the alert (alerted only; default: the drive from `location` now). */
  travelToSceneSec?: number;
  /** The unit's shift has ended: it goes off duty when the mission is done. */
  offAfterMission?: boolean;
}

/** A snapshot refers to something the scenario does not have, or is inconsistent. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SnapshotError";
  }
}
