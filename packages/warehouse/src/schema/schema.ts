/**
 * The warehouse schema: one DuckDB file with the tables `missions`, `incidents`, `quarantine` and `imports`
 * (docs/data-warehouse.md gives every column its NPR / Definisjonskatalog name). Column names are
 * frozen: other packages (indicators, calibration, playback) query them by name.
 *
 * Times are TIMESTAMPTZ (an instant; DuckDB stores UTC). Sources in Europe/Oslo local time are
 * converted at import; local times in the repeated autumn hour without an offset are quarantined.
 */

/** Bumped when the DDL changes; a warehouse written by another version is refused rather than misread. */
export const WAREHOUSE_SCHEMA_VERSION = 3;

/**
 * The time points of the acute chain, in chain order (Definisjonskatalog for den akuttmedisinske kjede).
 * unit_ready_at (schema version 2) ends the ambulance's klargjøringstid: cleaned and restocked after the mission.
 */
export const TIME_COLUMNS = [
  "call_ringing_at",
  "call_answered_at",
  "urgency_set_at",
  "unit_alerted_at",
  "unit_departed_at",
  "unit_at_scene_at",
  "unit_left_scene_at",
  "unit_at_destination_at",
  "unit_free_at",
  "unit_ready_at",
] as const;
export type TimeColumn = (typeof TIME_COLUMNS)[number];

/**
 * Kinds of AMK call / mission. dispatch: a unit sent to an incident; advice, referral, abandoned: 113 calls that sent no unit;
 * repeat: a further 113 call about an incident already reported (another caller).
 */
export const CALL_TYPES = ["dispatch", "advice", "referral", "abandoned", "transfer", "booked", "repeat"] as const;
export type CallType = (typeof CALL_TYPES)[number];

/** Hastegrad: akutt (red), haster (yellow), vanlig (green). */
export const URGENCIES = ["red", "yellow", "green"] as const;

export const UNIT_TYPES = ["ambulance", "akuttbil", "doctor-car", "sick-transport", "air", "boat", "other"] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** Quarantine reasons, in the order the import reports them. */
export const QUARANTINE_REASONS = ["missing_time", "time_order", "unknown_kommune", "duplicate_id", "dst_ambiguous", "invalid_value"] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

export const MISSIONS_DDL = `CREATE TABLE IF NOT EXISTS missions (
  record_key TEXT NOT NULL,               -- amk || '/' || incident_id || '/' || coalesce(unit_id, ''); unique (kept so by the importer)
  amk TEXT NOT NULL,
  incident_id TEXT NOT NULL,
  synthetic BOOLEAN NOT NULL,
  call_type TEXT NOT NULL,                -- CALL_TYPES
  urgency TEXT,                           -- red | yellow | green, as first set; NULL for calls without one
  urgency_changed BOOLEAN NOT NULL,       -- the urgency was changed later (Hdir leaves these out of response times)
  nimn_criterion TEXT,                    -- Norsk indeks for medisinsk nødhjelp criterion code, e.g. '10.01'
  caller TEXT,                            -- who called, as a code (mapping file)
  call_ringing_at TIMESTAMPTZ NOT NULL,
  call_answered_at TIMESTAMPTZ,
  urgency_set_at TIMESTAMPTZ,
  unit_alerted_at TIMESTAMPTZ,
  unit_departed_at TIMESTAMPTZ,
  unit_at_scene_at TIMESTAMPTZ,
  unit_left_scene_at TIMESTAMPTZ,
  unit_at_destination_at TIMESTAMPTZ,
  unit_free_at TIMESTAMPTZ,
  unit_ready_at TIMESTAMPTZ,              -- ready for a new job after cleaning and restocking (end of klargjøringstid); = unit_free_at when none was needed
  kommune_number TEXT,                    -- 4 digits, 2024 structure; NULL only for a 113 call that sent no unit and whose place is not known
  bydel TEXT,                             -- 6 digits (Oslo bydel, or a scenario's sub-area code)
  zone_id TEXT,                           -- the scenario's zone of the incident place; coordinates are never stored
  destination TEXT,
  unit_id TEXT,                           -- NULL for a 113 call that sent no unit
  unit_type TEXT,                         -- UNIT_TYPES
  station TEXT,
  import_id INTEGER NOT NULL,
  source_line INTEGER NOT NULL            -- line in the source file (CSV: header is line 1; JSON lines and Parquet: record number from 1)
)`;

/**
 * One row per incident — (amk, incident_id), split by call type and urgency as first set in the
 * rare extract whose rows of one incident disagree on them — derived from its mission rows at
 * import (incidents/incidents.ts), so indicators and calibration read incidents without grouping
 * millions of mission rows per request.
 */
export const INCIDENTS_DDL = `CREATE TABLE IF NOT EXISTS incidents (
  amk TEXT NOT NULL,
  incident_id TEXT NOT NULL,
  call_type TEXT NOT NULL,
  urgency TEXT,
  urgency_changed BOOLEAN NOT NULL,       -- any of its rows says the urgency was changed
  synthetic BOOLEAN NOT NULL,             -- every row is synthetic
  call_ringing_at TIMESTAMPTZ NOT NULL,   -- the earliest of its rows
  call_answered_at TIMESTAMPTZ,           -- the earliest
  urgency_set_at TIMESTAMPTZ,             -- the earliest
  first_unit_alerted_at TIMESTAMPTZ,      -- the earliest unit_alerted_at of any unit
  first_ambulance_at_scene_at TIMESTAMPTZ, -- the earliest unit_at_scene_at of an ambulance (unit_type 'ambulance')
  kommune_number TEXT,                    -- the least of its rows (they agree in a sound extract); NULL as in missions
  bydel TEXT,
  zone_id TEXT,
  ambulances_at_scene INTEGER NOT NULL,   -- distinct ambulances with an arrival at the scene
  first_responder BOOLEAN NOT NULL,       -- an akuttbil or doctor car among its units
  missions INTEGER NOT NULL               -- its mission rows
)`;

export const QUARANTINE_DDL = `CREATE TABLE IF NOT EXISTS quarantine (
  import_id INTEGER NOT NULL,
  source_line INTEGER NOT NULL,
  reason TEXT NOT NULL,                   -- QUARANTINE_REASONS
  detail TEXT NOT NULL                    -- which field and why; never a raw identifier or free text
)`;

export const IMPORTS_DDL = `CREATE TABLE IF NOT EXISTS imports (
  import_id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,                -- the base name only
  file_sha256 TEXT NOT NULL UNIQUE,       -- the same file imported again adds nothing
  rows_read BIGINT NOT NULL,
  rows_stored BIGINT NOT NULL,
  rows_quarantined BIGINT NOT NULL,
  imported_at TIMESTAMPTZ NOT NULL
)`;

export const META_DDL = `CREATE TABLE IF NOT EXISTS warehouse_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`;

/*
 * record_key is unique, but not declared PRIMARY KEY: DuckDB's index made a 5-million-row insert
 * about four times slower (80 s against 19 s on the shared two-core machine). The importer keeps
 * it unique (an anti-join against the stored keys, inside the import's transaction), and DuckDB
 * allows one writing process per file, so no two imports interleave.
 */

/** Every statement that creates the schema, in order; each is idempotent. */
export const WAREHOUSE_DDL: readonly string[] = [META_DDL, IMPORTS_DDL, MISSIONS_DDL, INCIDENTS_DDL, QUARANTINE_DDL];
