import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addYears,
  civilFromDays,
  dayOf,
  daysFromCivil,
  isoDate,
  isWorkingDay,
  weekday,
  yearsBetween,
} from './dates.js';

describe('dates', () => {
  it('agrees with Date.UTC from 1900 to 2100', () => {
    for (let d = dayOf('1900-01-01'); d <= dayOf('2100-12-31'); d += 13) {
      expect(isoDate(d)).toBe(new Date(d * 86_400_000).toISOString().slice(0, 10));
      const [y, m, day] = civilFromDays(d);
      expect(daysFromCivil(y, m, day)).toBe(d);
    }
  });

  it('knows weekdays and skips weekends', () => {
    expect(weekday(dayOf('2025-09-30'))).toBe(2); // a Tuesday
    expect(isWorkingDay(dayOf('2025-09-27'))).toBe(false);
    expect(isoDate(addWorkingDays(dayOf('2025-09-26'), 1))).toBe('2025-09-29'); // Friday + 1 = Monday
    expect(isoDate(addWorkingDays(dayOf('2025-09-27'), 0))).toBe('2025-09-29'); // Saturday rolls to Monday
    expect(isoDate(addWorkingDays(dayOf('2025-09-01'), 10))).toBe('2025-09-15');
  });

  it('adds years and counts ages across 29 February', () => {
    expect(isoDate(addYears(dayOf('2000-02-29'), 1))).toBe('2001-02-28');
    expect(isoDate(addYears(dayOf('2000-02-29'), 4))).toBe('2004-02-29');
    expect(yearsBetween(dayOf('2000-03-01'), dayOf('2025-02-28'))).toBe(24);
    expect(yearsBetween(dayOf('2000-03-01'), dayOf('2025-03-01'))).toBe(25);
  });
});
