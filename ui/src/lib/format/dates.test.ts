import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatShortDate, formatSlack, parts } from './dates';

describe('dates', () => {
  it('reads wire dates without shifting them by the time zone', () => {
    expect(parts('2027-03-15T08:00:00')).toEqual({ y: 2027, m: 3, d: 15, hh: 8, mm: 0 });
    expect(parts('not a date')).toBeNull();
  });

  it('formats with the weekday, independent of locale', () => {
    expect(formatDate('2027-03-15T08:00:00')).toBe('Mon 15 Mar 2027');
    expect(formatDate('2028-02-29')).toBe('Tue 29 Feb 2028');
    expect(formatShortDate('2027-12-31T17:00:00')).toBe('31 Dec 27');
    expect(formatDateTime('2026-11-24T09:05:00')).toBe('Tue 24 Nov 2026 09:05');
  });

  it('shows slack in days', () => {
    expect(formatSlack(0)).toBe('0d');
    expect(formatSlack(960)).toBe('2d');
    expect(formatSlack(240)).toBe('0.5d');
    expect(formatSlack(-480)).toBe('-1d');
  });
});
