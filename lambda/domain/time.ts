/** Time units in milliseconds: the one definition every layer uses. */

/** One minute. */
export const MINUTE_MS = 60_000;
/** One hour. */
export const HOUR_MS = 60 * MINUTE_MS;
/** One day (24 hours; certificate dates are UTC, so no daylight-saving days). */
export const DAY_MS = 24 * HOUR_MS;
