import type { DispatchSpec, EnRouteSpec, RelocationSpec, TravelTimeModel } from "@akutt/model";
import type { CompiledScenario } from "../compile/compile.js";
import type { RandomSource } from "../random/random.js";

/**
 * The vehicles that could serve an incident now, in one pass: buffers are reused between calls,
 * so read them before asking again. Entries are in no particular order. When the travel model
 * gives lower bounds, units that cannot be chosen under the scenario's cross-border rule are left
 * out: under `nearest`, units slower than the fastest; under `own-first` and `own-only`, units
 * slower than the fastest own unit. Every unit that could be chosen, ties included, is present.
 */
export interface DispatchCandidates {
  count: number;
  vehicle: Int32Array;
  /** Estimated seconds from now until the vehicle is at the scene, including any inter-AMK delay. */
  etaSec: Float64Array;
  /** 1 if the vehicle belongs to the organisation responsible for the incident's area. */
  own: Uint8Array;
  /** When the vehicle last became free (s): among equally fast units, the one free longest goes. */
  freeSinceSec: Float64Array;
}

/** What a dispatch policy may ask about the fleet at the moment of decision. */
export interface DispatchView {
  /** Free, on-duty vehicles (idle at a base, or returning to one) that may serve the incident in this role. */
  candidates(incident: number, role: DispatchRole): DispatchCandidates;
  /**
   * Uniform numbers for breaking ties at random, from a stream keyed by the incident and role (so
   * common random numbers hold between scenarios). Only the random tie-break asks for it.
   */
  tieBreakRandom(incident: number, role: DispatchRole): RandomSource;
}

export type DispatchRole = "transport" | "firstResponse";

export interface DispatchPolicy {
  readonly name: string;
  /** The vehicle to send, or -1 when none should be sent now. */
  select(view: DispatchView, incident: number, role: DispatchRole): number;
}

/** What an en-route policy may ask while the engine estimates a returning unit's arrival. */
export interface EnRouteView {
  /** Travel seconds from a location to the scene of the incident being dispatched (blue-light for red). */
  travelToScene(from: number): number;
  /**
   * The location nearest (straight line) to the point a fraction of the way from `from` to `to`;
   * `from` at fraction 0 and `to` at fraction 1, and either of them when it is as near as any other.
   */
  nearestLocationAlong(from: number, to: number, fraction: number): number;
}

/** Where a unit driving back to its base (a fraction of the way done) is dispatched from. */
export interface EnRoutePolicy {
  readonly name: string;
  /**
   * True when travelSec is never below the faster of the two ends: the dispatch search may then file
   * the unit under its origin and base and prune by their lower bounds. False: it is always asked.
   */
  readonly boundedByEnds: boolean;
  /** Seconds from the unit's position to the scene, for a trip from `from` to `to` with `fraction` (0–1) done. */
  travelSec(view: EnRouteView, from: number, to: number, fraction: number): number;
}

/**
 * The free ambulances at one moment, in one pass: buffers are reused between calls, so read them
 * before asking again. Entries are in vehicle order.
 */
export interface FreeAmbulances {
  count: number;
  vehicle: Int32Array;
  /** Where the ambulance is (idle or held) or the base it is driving to (returning). */
  position: Int32Array;
  /** 1 if the ambulance stands idle and may be sent elsewhere now; 0 while driving or held (cleaning, on a break). */
  movable: Uint8Array;
}

export interface RelocationView {
  homeLocation(vehicle: number): number;
  /** Ambulances (transporting units for every urgency), as opposed to first responders and green-only cars. */
  isAmbulance(vehicle: number): boolean;
  /** Travel seconds between locations, non-emergency. */
  travelSec(from: number, to: number): number;
  /** Local minute of day at a simulation time. */
  minuteOfDayAt(simSec: number): number;
  /** Locations where free ambulances are or are heading, except `exceptVehicle`. */
  freeAmbulanceTargets(exceptVehicle: number): Iterable<number>;
  standbyLocation(id: string): number;
  /** Free, on-duty ambulances now (idle at a base, driving to one, or held but answering red calls). */
  freeAmbulances(): FreeAmbulances;
}

/** Sends idle ambulances elsewhere: pairs of (vehicle, location). */
export type Moves = ReadonlyArray<readonly [vehicle: number, location: number]>;

export interface RelocationPolicy {
  readonly name: string;
  /** Location a vehicle that has just become free (with no queued work) should go to. */
  chooseBase(view: RelocationView, vehicle: number, currentLocation: number, simSec: number): number;
  /**
   * Policies that also move other free ambulances (move-up, engine/src/move-up) say here, whenever the
   * number of free ambulances has changed or one has reached its base, which idle ambulances should
   * drive where. Only movable ambulances may be listed. Absent: the engine never asks.
   */
  reposition?(view: RelocationView, simSec: number): Moves;
}

/** What a relocation policy may precompute from when it is created (once per prepared scenario). */
export interface RelocationContext {
  compiled: CompiledScenario;
  /** The engine's travel model (normal drives already scaled by the scenario's normal speed factor). */
  travel: TravelTimeModel;
}

export interface DestinationView {
  readonly destinations: ReadonlyArray<{ id: string; location: number; legevakt: boolean; capabilities: ReadonlySet<string> }>;
  travelSec(from: number, to: number, emergency: boolean, simSec: number): number;
  /**
   * The travel model behind travelSec when its times do not depend on the time of day
   * (TravelTimeModel.timeInvariant): a policy may keep the choices it made under it. Absent otherwise.
   */
  readonly invariantTravel?: object;
}

export interface DestinationPolicy {
  readonly name: string;
  /** Destination index for a patient from area `areaCode` at `fromLocation`, needing legevakt or a hospital capability. The caller reuses `need` for the next patient: read it, never keep it. */
  choose(view: DestinationView, fromLocation: number, need: { legevakt: boolean; capability: string; areaCode: string }, emergency: boolean, simSec: number): number;
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

export type { DispatchSpec, EnRouteSpec, RelocationSpec };
