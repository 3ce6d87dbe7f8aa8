import { rankUnits } from "@akutt/engine";
import type { AdviceContext } from "./context.js";
import { PictureError, pictureSnapshot, type AdvicePicture, type AdviceUnitStatus } from "./picture.js";

export interface RankedUnit {
  unitId: string;
  /** Owning organisation. */
  owner: string;
  /** The AMK that dispatches it. */
  amk: string;
  status: AdviceUnitStatus;
  /** The engine's estimate of seconds until it is at the scene, inter-AMK delay included. */
  etaSec: number;
  /** Owned by the organisation responsible for the incident's area. */
  ownOrganisation: boolean;
  /** Another AMK dispatches it: the incident's AMK must ask that AMK (the scenario's inter-AMK delay), else null. */
  interAmk: { from: string; to: string; delaySec: number } | null;
}

export interface Recommendation {
  incidentId: string;
  asOf: string;
  /** The scenario's dispatch rule (e.g. "nearest-eta (own-first)"). */
  policy: string;
  /** Free units that may serve it: the dispatch policy's own choice first, then by ETA. Empty: none free (it waits). */
  units: RankedUnit[];
}

/**
 * Units ranked for an incident, across AMK borders, by the engine's own dispatch: the picture as a
 * snapshot (with no incident queued: see pictureSnapshot), the incident added as decided now, the scenario's
 * dispatch policy's choice first and every other free unit by the engine's arrival estimate
 * (engine rankUnits). So the first unit is exactly what the simulation would send on this state.
 * `at`: the moment of the advice (default the state's asOf; returning units are placed along their way then).
 */
export function recommendUnits(context: AdviceContext, picture: AdvicePicture, incidentId: string, at?: string): Recommendation {
  const incident = picture.incidents.find((candidate) => candidate.incidentId === incidentId);
  if (!incident) throw new PictureError(`no open incident ${incidentId}`);
  const { snapshot, incidentIds } = pictureSnapshot(context, picture, { queue: false, ...(at === undefined ? {} : { at }) });
  const row = incidentIds.indexOf(incidentId);
  const { zone, urgency } = snapshot.incidents[row]!;
  const { candidates } = rankUnits(context.inputs, snapshot, { zone, urgency });
  const { compiled, policies, dispatch } = context.inputs;
  const index = compiled.index;
  const status = new Map(picture.units.map((unit) => [unit.unitId, unit.status]));
  const incidentAmk = index.amkIds[compiled.zoneAmk[zone]!]!;
  return {
    incidentId,
    asOf: at ?? picture.asOf!,
    policy: policies.dispatch.name,
    units: candidates.map((candidate) => {
      const unitId = index.vehicleIds[candidate.vehicle]!;
      const amk = index.amkIds[compiled.vehicles.amk[candidate.vehicle]!]!;
      return {
        unitId,
        owner: index.organisationIds[compiled.vehicles.owner[candidate.vehicle]!]!,
        amk,
        status: status.get(unitId) ?? "free-at-station",
        etaSec: candidate.etaSec,
        ownOrganisation: candidate.own,
        interAmk: candidate.otherAmk ? { from: incidentAmk, to: amk, delaySec: dispatch.interAmkDelaySec } : null,
      };
    }),
  };
}
