// A timesheet's pure parts: reading hours as typed, and the totals of rows
// and days. Tested without a DOM.
import type { TimesheetRow } from '../lib/ipc';

/** Minutes as a cell shows them: "7.5", "2.25" for quarter hours, "7:20" for other minutes, "" for none. */
export function cellText(minutes: number): string {
  if (minutes === 0) return '';
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(minutes);
  if (m % 15 === 0) return `${sign}${m / 60}`;
  return `${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

/** Total minutes of each day, Monday first. */
export function dayTotals(rows: TimesheetRow[]): number[] {
  const totals = [0, 0, 0, 0, 0, 0, 0];
  for (const r of rows) r.minutes.forEach((m, i) => (totals[i] = (totals[i] ?? 0) + m));
  return totals;
}

/** Total minutes of a row. */
export function rowTotal(r: TimesheetRow): number {
  return r.minutes.reduce((a, b) => a + b, 0);
}

/** Whether a typed value differs from what a cell holds (so a blur without change writes nothing). */
export function changed(typed: string, minutes: number): boolean {
  return typed.trim() !== cellText(minutes);
}
