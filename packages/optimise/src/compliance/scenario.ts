import type { Scenario } from "@akutt/model";
import type { PreparedRun } from "@akutt/runs";
import { coverageData } from "../coverage/coverage.js";
import { sitingOptionsSchema, type SitingOptions } from "../options.js";
import { solveComplianceTablesByOwner, type OwnerComplianceTable } from "./by-owner.js";
import { complianceOptionsSchema, solveComplianceTable, type ComplianceTable } from "./compliance.js";
import { complianceOverlay, complianceOverlayByOwner, type ComplianceOverlayNotes } from "./overlay.js";

/** How a scenario's compliance table is made: pooled (one for all ambulances) or one per owner. */
export interface ScenarioComplianceOptions {
  byOwner: boolean;
  /** Pooled: rows (absent: the scenario's ambulances). Not with byOwner (each owner has its own ambulances as rows). */
  vehicles?: number | undefined;
  busyFraction?: number | undefined;
  maxMoves?: number | undefined;
  timeLimitSec?: number | undefined;
  borderRule?: SitingOptions["borderRule"] | undefined;
}

export type ScenarioCompliance = { kind: "pooled"; result: ComplianceTable } | { kind: "by-owner"; tables: OwnerComplianceTable[] };

export interface ScenarioComplianceResult {
  compliance: ScenarioCompliance;
  /** What the overlay's comments say (busy fraction, nesting, how coverage was judged, travel model). */
  notes: ComplianceOverlayNotes;
  demandZones: number;
  candidateBases: number;
  /** Ambulances per owner (the rows of each owner's table). */
  ambulancesByOwner: Record<string, number>;
}

/**
 * The compliance table(s) of a prepared scenario (docs/optimisation.md, "Standby and move-up"):
 * candidate bases are its stations and standby points (the engine's table names only those),
 * coverage as `coverageData` judges it. Used by `akutt optimise compliance` and the server's
 * compliance-table task.
 */
export async function scenarioComplianceTables(prepared: PreparedRun, options: ScenarioComplianceOptions): Promise<ScenarioComplianceResult> {
  const coverageOptions = sitingOptionsSchema.parse(options.borderRule === undefined ? {} : { borderRule: options.borderRule });
  const coverage = coverageData(prepared, { ...coverageOptions, candidates: { stations: true, standbyPoints: true, zones: "none" } });
  const data = { siteIds: coverage.sites.map((site) => site.id), points: coverage.demand.map((point, i) => ({ weight: point.weight, coveringSites: [...coverage.coveringSites[i]!] })) };
  const rest = { busyFraction: options.busyFraction, maxMoves: options.maxMoves, timeLimitSec: options.timeLimitSec };
  const parsed = complianceOptionsSchema.parse({ vehicles: options.vehicles ?? Math.max(1, coverage.ambulances), ...withoutUndefined(rest) });
  const ambulancesByOwner = ambulancesOf(prepared.scenario);
  const thresholds = coverageOptions.thresholdMin;
  const notes: ComplianceOverlayNotes = {
    busyFraction: parsed.busyFraction,
    maxMoves: parsed.maxMoves,
    coverage: `a zone counts as covered from a base when AMK handling + activation + blue-light drive is within ${thresholds.tettbygd} min (tettbygd) or ${thresholds.grisgrendt} min (grisgrendt), border rule ${coverage.borderRule}`,
    travelModel: coverage.travelModel,
  };
  const compliance: ScenarioCompliance = options.byOwner
    ? { kind: "by-owner", tables: await solveComplianceTablesByOwner({ ...data, siteOwners: coverage.sites.map((site) => site.owner), pointOwners: coverage.demand.map((point) => point.organisation) }, ambulancesByOwner, withoutUndefined(rest)) }
    : { kind: "pooled", result: await solveComplianceTable(data, parsed) };
  return { compliance, notes, demandZones: coverage.demand.length, candidateBases: coverage.sites.length, ambulancesByOwner };
}

/** The relocation policy the result sets: `table` (pooled) or `tables` (per owner). */
export function complianceRelocation(compliance: ScenarioCompliance): { name: "compliance-table"; table: string[][] } | { name: "compliance-table"; tables: Record<string, string[][]> } {
  return compliance.kind === "pooled" ? { name: "compliance-table", table: compliance.result.table } : { name: "compliance-table", tables: Object.fromEntries(compliance.tables.map(({ owner, result }) => [owner, result.table])) };
}

/** The result as an overlay on the scenario at `extendsPath`. */
export function scenarioComplianceOverlay(result: ScenarioComplianceResult, extendsPath: string): string {
  const { compliance, notes } = result;
  return compliance.kind === "pooled" ? complianceOverlay(compliance.result, extendsPath, notes) : complianceOverlayByOwner(compliance.tables, extendsPath, notes);
}

function ambulancesOf(scenario: Scenario): Record<string, number> {
  const byOwner: Record<string, number> = {};
  for (const vehicle of scenario.vehicles) if (vehicle.type === "ambulance") byOwner[vehicle.owner] = (byOwner[vehicle.owner] ?? 0) + 1;
  return byOwner;
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
