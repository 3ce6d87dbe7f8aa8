export { replayEvents, REPLAY_UNIT_STATUSES, type ReplayEvent, type ReplayInput, type ReplayUnitStatus, type TimedReplayEvent } from "./replay/replay.js";
export { UNIT_STATUSES, MISSION_STATUSES, EVENT_TYPES, MAX_ID_LENGTH, ID_PATTERN, NIMN_CRITERION_PATTERN, isMissionStatus, liveEventSchema, locationSchema, type UnitStatus, type MissionStatus, type LiveEventType, type LiveEvent, type LiveLocation, type IncidentCreated, type IncidentClosed, type UnitStatusEvent, type UnitPosition } from "./events/schema.js";
export { parseLiveEvent, type ParsedEvent } from "./events/parse.js";
export { ALL_AMKS, type Poster, type ReceivedEvent } from "./events/received.js";
export { liveScenarioOf, scenarioProblem, type LiveScenario, type LiveUnitSpec } from "./state/scenario.js";
export { MISSION_ORDER, transitionProblem } from "./state/transitions.js";
export { LiveState, type LiveUnit, type LiveIncident, type LiveStateView } from "./state/live-state.js";
export { EventLedger, compareEvents, CHECKPOINT_EVERY, type LedgerEntry, type LedgerPlan, type OutcomeChange } from "./state/ledger.js";
export * from "./advice/index.js";
