import { dayOf, daysFromCivil } from './dates.js';

/**
 * The demo city's fixed calendar. There is no clock in the generator: "today" is a constant, so the
 * same seed gives the same city whenever it runs.
 *
 * - AS_OF: the day the snapshot is taken. Certificate statuses are as of this day; cases still running
 *   on it are open.
 * - EVENT window: births, company foundings, weddings, retirements, home purchases, disabilities and
 *   discharges that set off a service chain fall in these two years, and their chains follow within
 *   about three months.
 * - HISTORY window: the two years in which the other (single-item) cases are submitted.
 * - PILOT_FROM: from this day the windows already checked 居民身份证 and 营业执照 online (the
 *   predecessor pilot), so an applicant who held one no longer brought it.
 */
export const AS_OF = dayOf('2025-09-30');
export const EVENT_FROM = dayOf('2023-07-01');
export const EVENT_TO = dayOf('2025-06-30');
export const HISTORY_FROM = dayOf('2023-10-01');
export const HISTORY_TO = AS_OF;
export const PILOT_FROM = dayOf('2024-07-01');

/** Birth cohorts run from 1 July to 30 June; cohort c starts on c-07-01. */
export function cohortStart(cohort: number): number {
  return daysFromCivil(cohort, 7, 1);
}

/** The cohort of a birth day. */
export function cohortOf(days: number): number {
  const y = Math.floor((days - 181) / 365.2425) + 1970; // day 181 is 1970-07-01
  // The estimate can be off by one near 1 July; settle it exactly.
  if (days < cohortStart(y)) return y - 1;
  if (days >= cohortStart(y + 1)) return y + 1;
  return y;
}
