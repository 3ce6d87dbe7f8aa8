import type { Urgency } from "@akutt/model";
import { isFreeStatus, isMissionStatus, type IncidentClosed, type IncidentCreated, type LiveLocation, type UnitPosition, type UnitStatus, type UnitStatusEvent } from "../events/schema.js";
import { ALL_AMKS, type Poster, type ReceivedEvent } from "../events/received.js";
import type { LiveScenario } from "./scenario.js";
import { transitionProblem } from "./transitions.js";

/** A unit now. Records are never changed in place: a change makes a new record (states share the rest). */
export interface LiveUnit {
  unitId: string;
  type: string;
  owner: string;
  /** The AMK that dispatches the unit. */
  amk: string;
  /** Home station (scenario). */
  stationId: string;
  status: UnitStatus;
  /** The incident of a mission status; null when free or out of service. */
  incidentId: string | null;
  /** Time of the event that set the status (UTC ISO); null: no status reported yet (the unit starts free at its station). */
  statusSince: string | null;
  /**
   * While free (at the station or on the road): since when, i.e. the time of its first free status
   * after a mission, out of service, or no report at all; a move between the two free statuses keeps
   * it. The engine sends, among units of equal ETA, the one free longest, and a unit's free spell
   * begins when it leaves its mission, not when it reaches its station. null: not free, or free since
   * before the live state began (a unit that has reported nothing: free longest of all, as the
   * engine's units free since their shift began at its start).
   */
  freeSince: string | null;
  /** Last reported position; the home station's until a unit.position event. */
  lat: number;
  lon: number;
  /** Time of the last unit.position event; null: the station's position. */
  positionTime: string | null;
}

export interface LiveIncident {
  incidentId: string;
  amk: string;
  urgency: Urgency;
  nimnCriterion: string | null;
  location: LiveLocation;
  createdAt: string;
  closedAt: string | null;
  /** Units working on it now (alerted … at destination), sorted by id. */
  units: string[];
  /**
   * Since when it waits for a unit: its creation, or the moment the last unit left it before any
   * reached the scene; null while a unit is assigned, once one has been at the scene, or closed.
   */
  waitingSince: string | null;
  firstAlertedAt: string | null;
  firstAtSceneAt: string | null;
}

/** The state as the API shows it: every unit, the open incidents, and the time of the latest accepted event. */
export interface LiveStateView {
  asOf: string | null;
  units: LiveUnit[];
  incidents: LiveIncident[];
  closedIncidents: number;
}

const iso = (time: string): string => new Date(time).toISOString();

/** The state folded from accepted events. `apply` is the only way it changes; `clone` is cheap (shared records). */
export class LiveState {
  /** While `acceptsAll` tries events: how to put back each record they replaced. */
  private undo: Array<() => void> | null = null;

  private constructor(
    readonly scenario: LiveScenario,
    readonly units: Map<string, LiveUnit>,
    readonly incidents: Map<string, LiveIncident>,
    private asOfMs: number | null,
  ) {}

  /** Every unit of the scenario free at its home station; no incidents. */
  static initial(scenario: LiveScenario): LiveState {
    const units = new Map<string, LiveUnit>();
    for (const spec of scenario.units.values()) {
      units.set(spec.unitId, { unitId: spec.unitId, type: spec.type, owner: spec.owner, amk: spec.amk, stationId: spec.stationId, status: "free-at-station", incidentId: null, statusSince: null, freeSince: null, lat: spec.stationLat, lon: spec.stationLon, positionTime: null });
    }
    return new LiveState(scenario, units, new Map(), null);
  }

  clone(): LiveState {
    return new LiveState(this.scenario, new Map(this.units), new Map(this.incidents), this.asOfMs);
  }

  get asOf(): string | null {
    return this.asOfMs === null ? null : new Date(this.asOfMs).toISOString();
  }

  /**
   * Applies one event (whose scenario references were checked on arrival) in time order: undefined
   * when accepted, else why it is refused (the state is then unchanged).
   */
  apply(received: ReceivedEvent): string | undefined {
    const { event, by } = received;
    const refusal = event.type === "incident.created" ? this.create(event) : event.type === "incident.closed" ? this.close(event, by) : event.type === "unit.status" ? this.status(event, by) : this.position(event, by);
    if (refusal === undefined) this.asOfMs = Math.max(this.asOfMs ?? -Infinity, Date.parse(event.time));
    return refusal;
  }

  /**
   * Whether `events`, applied in this order, are all accepted; the state is left as it was. Cheaper
   * than trying them on a clone (which copies every incident): the records a trial replaces are put back.
   */
  acceptsAll(events: readonly ReceivedEvent[]): boolean {
    const undo: Array<() => void> = [];
    const asOfMs = this.asOfMs;
    this.undo = undo;
    try {
      return events.every((received) => this.apply(received) === undefined);
    } finally {
      this.undo = null;
      for (let k = undo.length - 1; k >= 0; k--) undo[k]!();
      this.asOfMs = asOfMs;
    }
  }

  view(): LiveStateView {
    const incidents = [...this.incidents.values()].filter((incident) => incident.closedAt === null);
    incidents.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0));
    return { asOf: this.asOf, units: [...this.units.values()].sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0)), incidents, closedIncidents: this.incidents.size - incidents.length };
  }

  private create(event: IncidentCreated): string | undefined {
    if (this.incidents.has(event.incidentId)) return `incident ${event.incidentId} already exists`;
    const time = iso(event.time);
    this.setIncident(event.incidentId, { incidentId: event.incidentId, amk: event.amk, urgency: event.urgency, nimnCriterion: event.nimnCriterion ?? null, location: event.location, createdAt: time, closedAt: null, units: [], waitingSince: time, firstAlertedAt: null, firstAtSceneAt: null });
    return undefined;
  }

  private close(event: IncidentClosed, by: Poster): string | undefined {
    const incident = this.incidents.get(event.incidentId);
    if (!incident) return `unknown incident ${event.incidentId}: no incident.created for it before ${iso(event.time)}`;
    if (incident.closedAt !== null) return `incident ${event.incidentId} is already closed`;
    if (by.amk !== ALL_AMKS && by.amk !== incident.amk) return `incident ${event.incidentId} belongs to AMK ${incident.amk}; a token of AMK ${by.amk} cannot close it`;
    this.setIncident(event.incidentId, { ...incident, closedAt: iso(event.time), waitingSince: null });
    return undefined;
  }

  private status(event: UnitStatusEvent, by: Poster): string | undefined {
    const unit = this.units.get(event.unitId)!;
    const scope = this.scopeProblem(unit, event.incidentId, by);
    if (scope) return scope;
    const to = event.status;
    const target = event.incidentId === undefined ? undefined : this.incidents.get(event.incidentId);
    const joins = isMissionStatus(to) && unit.incidentId !== event.incidentId;
    if (joins && !target) return `unit ${unit.unitId} cannot take unknown incident ${event.incidentId}: no incident.created for it before ${iso(event.time)}`;
    if (joins && target!.closedAt !== null) return `unit ${unit.unitId} cannot take incident ${event.incidentId}: it was closed at ${target!.closedAt}`;
    const problem = transitionProblem(unit, to, event.incidentId);
    if (problem) return problem;

    const time = iso(event.time);
    const leaves = unit.incidentId !== null && unit.incidentId !== (isMissionStatus(to) ? event.incidentId : null);
    if (leaves) this.release(unit.incidentId!, unit.unitId, time);
    if (joins) {
      const incident = this.incidents.get(event.incidentId!)!;
      this.setIncident(incident.incidentId, { ...incident, units: [...incident.units, unit.unitId].sort(), waitingSince: null, firstAlertedAt: incident.firstAlertedAt ?? time });
    }
    if (to === "at-scene") {
      const incident = this.incidents.get(event.incidentId!)!;
      if (incident.firstAtSceneAt === null) this.setIncident(incident.incidentId, { ...incident, firstAtSceneAt: time });
    }
    // A unit's first report sets its status even when it repeats the initial free at station: from then on its free spell is known.
    const unchanged = unit.statusSince !== null && unit.status === to && unit.incidentId === (event.incidentId ?? null);
    if (!unchanged) {
      const free = isFreeStatus(to);
      const freeSince = !free ? null : isFreeStatus(unit.status) && unit.statusSince !== null ? unit.freeSince : time;
      this.setUnit(unit.unitId, { ...unit, status: to, incidentId: event.incidentId ?? null, statusSince: time, freeSince });
    }
    return undefined;
  }

  private position(event: UnitPosition, by: Poster): string | undefined {
    const unit = this.units.get(event.unitId)!;
    const scope = this.scopeProblem(unit, undefined, by);
    if (scope) return scope;
    this.setUnit(unit.unitId, { ...unit, lat: event.lat, lon: event.lon, positionTime: iso(event.time) });
    return undefined;
  }

  private setUnit(unitId: string, unit: LiveUnit): void {
    if (this.undo) {
      const before = this.units.get(unitId)!;
      this.undo.push(() => this.units.set(unitId, before));
    }
    this.units.set(unitId, unit);
  }

  private setIncident(incidentId: string, incident: LiveIncident): void {
    if (this.undo) {
      const before = this.incidents.get(incidentId);
      this.undo.push(() => (before === undefined ? this.incidents.delete(incidentId) : this.incidents.set(incidentId, before)));
    }
    this.incidents.set(incidentId, incident);
  }

  /** A unit leaves an incident: it waits again if no unit is left on it and none has reached the scene. */
  private release(incidentId: string, unitId: string, time: string): void {
    const incident = this.incidents.get(incidentId)!;
    const units = incident.units.filter((id) => id !== unitId);
    const waits = units.length === 0 && incident.firstAtSceneAt === null && incident.closedAt === null;
    this.setIncident(incidentId, { ...incident, units, waitingSince: waits ? time : incident.waitingSince });
  }

  /**
   * A token of one AMK reports for its own units, and for any unit working on (or being sent to)
   * one of its incidents: the cross-border case, where the AMK that sends a neighbour's unit follows it.
   */
  private scopeProblem(unit: LiveUnit, incidentId: string | undefined, by: Poster): string | undefined {
    if (by.amk === ALL_AMKS || by.amk === unit.amk) return undefined;
    const ours = (id: string | null | undefined) => id !== null && id !== undefined && this.incidents.get(id)?.amk === by.amk;
    if (ours(incidentId) || ours(unit.incidentId)) return undefined;
    return `unit ${unit.unitId} is dispatched by AMK ${unit.amk} and works on no incident of AMK ${by.amk}; a token of AMK ${by.amk} cannot report for it`;
  }
}
