/**
 * One checked request for indicators, shared by the command line and the web server: which
 * indicators, by which period and grouping. Anything unknown is refused with one line that lists
 * what is allowed.
 */
import { GROUPS, INDICATOR_IDS, INDICATORS, PERIODS, isIndicatorId, type GroupKind, type IndicatorId, type Period } from "./definitions.js";
import { IndicatorInputError } from "./errors.js";
import { computeIndicator, type IndicatorTable } from "./queries.js";
import type { AreaReference } from "./areas.js";
import type { DuckDBConnection } from "@duckdb/node-api";

export interface IndicatorRequest {
  indicators: IndicatorId[];
  by: Period;
  group: GroupKind;
}

export interface RawIndicatorRequest {
  /** Comma-separated ids; absent: every indicator defined for the grouping. */
  indicators?: string | undefined;
  by?: string | undefined;
  group?: string | undefined;
}

export function parseIndicatorRequest(raw: RawIndicatorRequest): IndicatorRequest {
  const by = raw.by ?? "year";
  if (!(PERIODS as readonly string[]).includes(by)) throw new IndicatorInputError(`unknown period "${by.slice(0, 40)}": use one of ${PERIODS.join(", ")}`);
  const asked = raw.indicators === undefined ? undefined : raw.indicators.split(",").map((id) => id.trim()).filter((id) => id !== "");
  if (asked !== undefined && asked.length === 0) throw new IndicatorInputError(`no indicator named: use one or more of ${INDICATOR_IDS.join(", ")}`);
  const unknown = asked?.find((id) => !isIndicatorId(id));
  if (unknown !== undefined) throw new IndicatorInputError(`unknown indicator "${unknown.slice(0, 40)}": use one or more of ${INDICATOR_IDS.join(", ")}`);
  const indicators = asked === undefined ? undefined : [...new Set(asked as IndicatorId[])];
  const group = raw.group ?? (indicators ? INDICATORS[indicators[0]!].groups[0]! : "kommune");
  if (!(GROUPS as readonly string[]).includes(group)) throw new IndicatorInputError(`unknown grouping "${group.slice(0, 40)}": use one of ${GROUPS.join(", ")}`);
  const kind = group as GroupKind;
  if (indicators === undefined) return { indicators: INDICATOR_IDS.filter((id) => INDICATORS[id].groups.includes(kind)), by: by as Period, group: kind };
  const misfit = indicators.find((id) => !INDICATORS[id].groups.includes(kind));
  if (misfit !== undefined) throw new IndicatorInputError(`indicator "${misfit}" is defined per ${INDICATORS[misfit].groups.join(", ")}, not per ${kind}`);
  return { indicators, by: by as Period, group: kind };
}

/** Every indicator of the request, in the order asked. */
export async function computeIndicators(connection: DuckDBConnection, request: IndicatorRequest, areas: AreaReference, dataDir: string | undefined): Promise<IndicatorTable[]> {
  const tables: IndicatorTable[] = [];
  for (const indicator of request.indicators) tables.push(await computeIndicator(connection, { indicator, by: request.by, group: request.group, areas, dataDir }));
  return tables;
}
