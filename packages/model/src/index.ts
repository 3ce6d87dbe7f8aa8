export * from "./scenario/schema.js";
export { loadScenarioFile, parseScenario, type Scenario, type VehicleUnit } from "./scenario/load.js";
export { YamlSource } from "./scenario/yaml-source.js";
export { ScenarioError, formatIssue, formatPath, type ScenarioIssue } from "./errors/scenario-error.js";
export { createCalendar, type SimulationCalendar } from "./calendar/calendar.js";
export { dutyIntervals, weeklyIntervals, findOverlappingShifts, shiftWeekdays, clockToMinutes, shiftLengthMin } from "./calendar/shifts.js";
export { buildLocations, type Location, type LocationKind } from "./locations/locations.js";
export type { TravelTimeModel } from "./locations/travel.js";
