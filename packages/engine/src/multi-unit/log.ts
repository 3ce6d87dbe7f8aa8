/**
 * What the multi-unit module records in one replication; present on ReplicationResult only when
 * the scenario has demand.multiUnit or demand.jointOperations. Per-incident arrays follow the
 * IncidentLog order; times are simulation seconds, NaN when never reached.
 */
export interface MultiUnitLog {
  /** Ambulances the incident needs: 1 for most, 2 … 9 for a multi-unit incident. */
  unitsNeeded: Uint8Array;
  /** 1 for a joint operation with police or fire. */
  joint: Uint8Array;
  /** Extra ambulances asked for but never sent: the first unit left the scene first, or the incident was lost. */
  extrasCancelled: Uint8Array;
  /** When the last of the needed ambulances reached the scene; NaN unless all of them did. */
  allAtSceneSec: Float64Array;
  /** One row per extra ambulance sent (the first one is the incident's `vehicle`). */
  extraUnits: ExtraUnitLog;
}

export interface ExtraUnitLog {
  count: number;
  incident: Int32Array;
  vehicle: Int32Array;
  /** When the unit was given the job (any inter-AMK delay follows); it is busy from here. */
  dispatchedSec: Float64Array;
  atSceneSec: Float64Array;
  /** Free again (after its own on-scene time, or after handing over a second patient). */
  freeSec: Float64Array;
  /** 1 if it took a patient of its own to a destination. */
  transported: Uint8Array;
}
