// Meetings on the screen side: a meeting's form from a meeting (or a new
// one this morning), the decision log's search, and the action list's order.
import type { ActionRow, DecisionRow, MeetingFields, MeetingRow } from '../lib/ipc';

/** `YYYY-MM-DDTHH:MM` of a local time, as a datetime-local input wants it. */
export function localDateTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The form of a meeting, or of a new status meeting at the next full hour of `now`. */
export function meetingFieldsOf(m: MeetingRow | null, now: Date): MeetingFields {
  if (!m) {
    const start = new Date(now);
    start.setMinutes(0, 0, 0);
    start.setHours(start.getHours() + 1);
    return { kind: 'status', title: '', startsAt: localDateTime(start), agenda: '', minutes: '', attendees: [] };
  }
  return {
    kind: m.kind,
    title: m.title,
    startsAt: m.startsAt,
    agenda: m.agenda,
    minutes: m.minutes,
    attendees: m.attendees.map((a) => ({ ...a })),
  };
}

/** Whether every word of `query` is in the decision (what, why, options, who), ignoring case. */
export function matches(d: DecisionRow, query: string): boolean {
  const text = `${d.title} ${d.rationale} ${d.options} ${d.decidedBy}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => text.includes(w));
}

/** Open actions first, overdue before the rest, soonest due first; then done and dropped. */
export function actionOrder(actions: ActionRow[]): ActionRow[] {
  const rank = (a: ActionRow) => (a.state !== 'open' ? 2 : a.overdue ? 0 : 1);
  return [...actions].sort((a, b) => rank(a) - rank(b) || a.due.localeCompare(b.due) || a.id - b.id);
}

/** The day a week after a meeting's start (`YYYY-MM-DDTHH:MM`), `YYYY-MM-DD`. */
export function weekAfter(startsAt: string): string {
  const [y, m, d] = startsAt.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y!, m! - 1, d! + 7));
  return day.toISOString().slice(0, 10);
}
