import { TIME_COLUMNS } from "./schema.js";

/**
 * The canonical columns of a mission extract, the file `akutt data import` reads (a centre with
 * other names maps them with a mapping file). Only `amk`, `incident_id`, `call_ringing_at` and a
 * kommune (number or name) are required; every other column may be absent or empty.
 *
 * - Times: ISO 8601 local time in Europe/Oslo, with an offset ("2026-10-25T02:30:00+01:00") or
 *   without one ("2026-10-25 02:30:00"; then a time in the repeated autumn hour is ambiguous).
 * - urgency_final: the urgency at the end of the mission when it was changed (else empty).
 * - latitude/longitude: WGS84 of the incident place; turned into the scenario's zone id at import
 *   and never stored.
 * - synthetic: true for generated extracts (the simulator's), false or empty for real ones.
 */
export const EXTRACT_COLUMNS = [
  "synthetic",
  "amk",
  "incident_id",
  "call_type",
  "urgency",
  "urgency_final",
  "nimn_criterion",
  "caller",
  ...TIME_COLUMNS,
  "kommune_number",
  "kommune_name",
  "bydel",
  "latitude",
  "longitude",
  "destination",
  "unit_id",
  "unit_type",
  "station",
] as const;
export type ExtractColumn = (typeof EXTRACT_COLUMNS)[number];

export const REQUIRED_EXTRACT_COLUMNS: readonly ExtractColumn[] = ["amk", "incident_id", "call_ringing_at"];
