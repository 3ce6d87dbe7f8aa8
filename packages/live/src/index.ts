export { replayEvents, REPLAY_UNIT_STATUSES, type ReplayEvent, type ReplayInput, type ReplayUnitStatus, type TimedReplayEvent } from "./replay/replay.js";
