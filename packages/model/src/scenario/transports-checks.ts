import type { DistributionSpec, ProfileSpec, ScenarioDocument, TransportsSpec, ZoneSpec } from "./schema.js";

type At = (path: PropertyKey[], field: string, message: string) => void;
type CheckDistribution = (spec: DistributionSpec, path: PropertyKey[], at: At) => void;

/** Cross-field checks of the transports section: hospitals named, distributions and profiles usable. */
export function checkTransports(document: ScenarioDocument, transports: TransportsSpec, zones: readonly ZoneSpec[], at: At, checkDistribution: CheckDistribution): void {
  const hospitals = new Set(document.destinations.filter((destination) => destination.kind === "hospital").map((destination) => destination.id));
  const known = [...hospitals].map((value) => `"${value}"`).join(", ") || "none";
  const hospital = (path: PropertyKey[], value: string) => {
    if (!hospitals.has(value)) at(path, fieldName(path), `unknown hospital "${value}"; expected a destination of kind hospital (${known})`);
  };
  const profile = (path: PropertyKey[], spec: ProfileSpec | undefined) => {
    if (!spec) return;
    const parts: Array<[string, number[]]> = "hourOfWeek" in spec ? [["hourOfWeek", spec.hourOfWeek]] : [["hourOfDay", spec.hourOfDay], ...(spec.dayOfWeek ? [["dayOfWeek", spec.dayOfWeek] as [string, number[]]] : [])];
    for (const [name, values] of parts) {
      if (values.every((value) => value === 0)) at([...path, name], `${fieldName(path)}.${name}`, "empty profile: every weight is zero, so no transport would ever be wanted");
    }
  };
  const distributions = (path: PropertyKey[], spec: { loading?: DistributionSpec | undefined; handover?: DistributionSpec | undefined }) => {
    if (spec.loading) checkDistribution(spec.loading, [...path, "loading"], at);
    if (spec.handover) checkDistribution(spec.handover, [...path, "handover"], at);
  };
  distributions(["transports"], transports);
  profile(["transports", "profile"], transports.profile);
  transports.transfers.forEach((route, i) => {
    const path = ["transports", "transfers", i];
    hospital([...path, "from"], route.from);
    hospital([...path, "to"], route.to);
    if (route.from === route.to) at([...path, "to"], `transports.transfers[${i}].to`, `a transfer goes to another hospital; from and to are both "${route.from}"`);
    distributions(path, route);
    profile([...path, "profile"], route.profile);
  });
  const booked = transports.booked;
  if (booked) {
    booked.destinations?.forEach((value, i) => hospital(["transports", "booked", "destinations", i], value));
    if (!booked.destinations && hospitals.size === 0) at(["transports", "booked"], "transports.booked", "booked transports go to a hospital, but no destination has kind hospital");
    if ("per1000PerYear" in booked.rate && booked.rate.per1000PerYear > 0 && !zones.some((zone) => (zone.population ?? 0) > 0) && !document.areas.some((area) => (area.population ?? 0) > 0)) {
      at(["transports", "booked", "rate"], "transports.booked.rate", "per1000PerYear needs population on the zones or areas");
    }
    distributions(["transports", "booked"], booked);
    profile(["transports", "booked", "profile"], booked.profile);
  }
}

function fieldName(path: PropertyKey[]): string {
  return path.map((part, k) => (typeof part === "number" ? `[${part}]` : k === 0 ? String(part) : `.${String(part)}`)).join("");
}
