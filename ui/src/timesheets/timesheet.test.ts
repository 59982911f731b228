import { describe, expect, it } from 'vitest';
import type { TimesheetRow } from '../lib/ipc';
import { cellText, changed, dayTotals, rowTotal } from './timesheet';

const row = (minutes: number[]): TimesheetRow => ({ taskId: 1, name: 'T', project: 'P', minutes, corrections: minutes.map(() => 0), plannedMinutes: 0 });

describe('timesheet', () => {
  it('shows hours as people type them', () => {
    expect(cellText(450)).toBe('7.5');
    expect(cellText(480)).toBe('8');
    expect(cellText(440)).toBe('7:20');
    expect(cellText(645)).toBe('10.75');
    expect(cellText(0)).toBe('');
    expect(cellText(-90)).toBe('-1.5');
  });

  it('adds up days and rows', () => {
    const rows = [row([480, 240, 0, 0, 0, 0, 0]), row([0, 240, 480, 0, 0, 0, 0])];
    expect(dayTotals(rows)).toEqual([480, 480, 480, 0, 0, 0, 0]);
    expect(rowTotal(rows[0]!)).toBe(720);
  });

  it('writes only what was changed', () => {
    expect(changed('7.5', 450)).toBe(false);
    expect(changed(' 8 ', 480)).toBe(false);
    expect(changed('8', 450)).toBe(true);
    expect(changed('', 0)).toBe(false);
  });
});
