import { MAX_COMPLIANCE_OWNERS } from "@akutt/model";
import { ComplianceError, solveComplianceTable, type ComplianceData, type ComplianceOptions, type ComplianceTable } from "./compliance.js";

/**
 * Compliance tables per owner (docs/optimisation.md, "A table per trust"). A pooled table places
 * every free ambulance wherever it covers most demand, so one trust's units may be drawn to another
 * trust's area (measured: Vestre Viken's towards Asker, at Drammen's cost). Here each owner's free
 * ambulances are placed for its own area only: its table's rows are a MEXCLP over the demand points
 * of the areas it is responsible for, covered from its own bases, for k = 1 … its own ambulances.
 * The owners' problems share nothing, so each is its own MIP (the sum of their optima is the optimum
 * of the joint problem).
 */

/** Compliance data with owners: who owns each base, and which owner is responsible for each demand point. */
export interface OwnedComplianceData extends ComplianceData {
  readonly siteOwners: readonly string[];
  readonly pointOwners: readonly string[];
}

/** One owner's part: its bases (indices re-numbered), its demand points covered from them only. */
export function complianceDataOfOwner(data: OwnedComplianceData, owner: string): ComplianceData {
  if (data.siteOwners.length !== data.siteIds.length || data.pointOwners.length !== data.points.length) throw new ComplianceError("siteOwners and pointOwners must have one entry per base and per demand point");
  const ownIndex = new Map<number, number>();
  data.siteIds.forEach((_, j) => {
    if (data.siteOwners[j] === owner) ownIndex.set(j, ownIndex.size);
  });
  return {
    siteIds: data.siteIds.filter((_, j) => ownIndex.has(j)),
    points: data.points.flatMap((point, i) => (data.pointOwners[i] === owner ? [{ weight: point.weight, coveringSites: point.coveringSites.flatMap((j) => (ownIndex.has(j) ? [ownIndex.get(j)!] : [])) }] : [])),
  };
}

export interface OwnerComplianceTable {
  readonly owner: string;
  readonly result: ComplianceTable;
}

/**
 * A table per owner with ambulances (`vehiclesByOwner`, owners with 0 are left out), each solved with
 * HiGHS as `solveComplianceTable`. Throws ComplianceError for an owner with ambulances but no base of
 * its own, or when an owner's MIP is not solved to optimality.
 */
export async function solveComplianceTablesByOwner(data: OwnedComplianceData, vehiclesByOwner: Readonly<Record<string, number>>, options: Omit<ComplianceOptions, "vehicles">): Promise<OwnerComplianceTable[]> {
  const owners = Object.entries(vehiclesByOwner).filter(([, vehicles]) => vehicles > 0);
  if (owners.length === 0) throw new ComplianceError("no owner has ambulances");
  if (owners.length > MAX_COMPLIANCE_OWNERS) throw new ComplianceError(`at most ${MAX_COMPLIANCE_OWNERS} owners, got ${owners.length}`);
  const tables: OwnerComplianceTable[] = [];
  for (const [owner, vehicles] of owners.sort(([a], [b]) => a.localeCompare(b))) {
    const own = complianceDataOfOwner(data, owner);
    if (own.siteIds.length === 0) throw new ComplianceError(`owner "${owner}" has ${vehicles} ambulance${vehicles === 1 ? "" : "s"} but no station or standby point of its own`);
    tables.push({ owner, result: await solveComplianceTable(own, { ...options, vehicles }) });
  }
  return tables;
}
