import type { DispatchSpec, RelocationSpec } from "@akutt/model";

/** What a dispatch policy may ask about the fleet at the moment of decision. */
export interface DispatchView {
  /** Vehicles free to take a mission now (idle at a base, or returning to one). */
  readonly available: Int32Array;
  readonly availableCount: number;
  /** Can this vehicle serve the incident in the requested role (transport or first response)? */
  eligible(vehicle: number, incident: number, role: DispatchRole): boolean;
  /** Estimated seconds from now until the vehicle is at the scene, including any inter-AMK delay. */
  etaSec(vehicle: number, incident: number): number;
  /** Does the vehicle belong to the organisation responsible for the incident's area? */
  isOwn(vehicle: number, incident: number): boolean;
}

export type DispatchRole = "transport" | "firstResponse";

export interface DispatchPolicy {
  readonly name: string;
  /** The vehicle to send, or -1 when none should be sent now. */
  select(view: DispatchView, incident: number, role: DispatchRole): number;
}

export interface RelocationView {
  homeLocation(vehicle: number): number;
  /** Travel seconds between locations, non-emergency. */
  travelSec(from: number, to: number): number;
  /** Local minute of day at a simulation time. */
  minuteOfDayAt(simSec: number): number;
  /** Locations where free vehicles are or are heading, except `exceptVehicle`. */
  freeVehicleTargets(exceptVehicle: number): Iterable<number>;
  standbyLocation(id: string): number;
}

export interface RelocationPolicy {
  readonly name: string;
  /** Location a vehicle that has just become free (with no queued work) should go to. */
  chooseBase(view: RelocationView, vehicle: number, currentLocation: number, simSec: number): number;
}

export interface DestinationView {
  readonly destinations: ReadonlyArray<{ location: number; legevakt: boolean; capabilities: ReadonlySet<string> }>;
  travelSec(from: number, to: number, emergency: boolean, simSec: number): number;
}

export interface DestinationPolicy {
  readonly name: string;
  /** Destination index for a patient at `fromLocation`, needing legevakt or a hospital capability. */
  choose(view: DestinationView, fromLocation: number, need: { legevakt: boolean; capability: string }, emergency: boolean, simSec: number): number;
}

/** Incidents waiting for a free unit. */
export interface WaitingQueue {
  readonly size: number;
  add(incident: number, urgency: number): void;
  /** Remove and return the first waiting incident the vehicle may serve, or -1. */
  takeFor(canServe: (incident: number) => boolean): number;
  /** Waiting incidents in service order. */
  waiting(): number[];
}

export interface WaitingPolicy {
  readonly name: string;
  /** When no unit is free: wait, or count the incident as lost. */
  readonly lostWhenNoneFree: boolean;
  createQueue(): WaitingQueue;
}

export type { DispatchSpec, RelocationSpec };
