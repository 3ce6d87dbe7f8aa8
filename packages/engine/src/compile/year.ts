/** A year in hours as rates per year are converted (the mean calendar year, leap years included). */
export const HOURS_PER_YEAR = 365.25 * 24;
