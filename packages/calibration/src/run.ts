import { openIndicatorSource } from "@akutt/indicators";
import type { Scenario } from "@akutt/model";
import { calibrate, type CalibrationResult } from "./calibrate.js";
import { playBack, type PlaybackOptions, type PlaybackResult } from "./playback/playback.js";
import { readRecordedHistory } from "./playback/recorded.js";
import type { Period } from "./warehouse/period.js";
import { CalibrationInputError, dataPeriod, readCalibrationData } from "./warehouse/read.js";

/**
 * Opens the warehouse read-only (refusing a missing, foreign or empty file with one line), reads
 * the scenario's incidents over the period — by default the first to the last local day with an
 * incident in its zones; a missing end is taken from the data — and calibrates.
 */
export async function calibrateFromWarehouse(path: string, scenario: Scenario, period: Partial<Period> = {}): Promise<CalibrationResult> {
  const source = await openIndicatorSource(path);
  try {
    return calibrate(await readCalibrationData(source.connection, scenario, await resolvePeriod(source, path, scenario, period)), scenario);
  } finally {
    source.close();
  }
}

/**
 * Reads the recorded incidents of the period (default: the days with data) in `scenario`'s zones
 * and plays them back through `options.played` (an alternative with the same zones), else `scenario`.
 */
export async function playbackFromWarehouse(path: string, scenario: Scenario, period: Partial<Period>, options: PlaybackOptions & { played?: Scenario }): Promise<PlaybackResult> {
  const source = await openIndicatorSource(path);
  let history;
  try {
    history = await readRecordedHistory(source.connection, scenario, await resolvePeriod(source, path, scenario, period));
  } finally {
    source.close();
  }
  return playBack(options.played ?? scenario, history, options);
}

/**
 * The period asked for, with a missing start or end taken from the data: the first and the last
 * local day with a dispatch incident in the scenario's zones.
 */
async function resolvePeriod(source: { connection: Parameters<typeof dataPeriod>[0] }, path: string, scenario: Scenario, period: Partial<Period>): Promise<Period> {
  const { fromDate, toDate } = period;
  if (fromDate !== undefined && toDate !== undefined) return { fromDate, toDate };
  const inData = await dataPeriod(source.connection, scenario);
  if (!inData) throw new CalibrationInputError(`the warehouse ${path} holds no dispatch incidents in the scenario's zones (is it the scenario the extract was imported with?)`);
  return { fromDate: fromDate ?? inData.fromDate, toDate: toDate ?? inData.toDate };
}
