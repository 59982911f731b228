// The workload grid's pure parts: its rows (people, and their tasks when a
// person is opened), filters, what a cell says and how loaded it looks, and
// which rows and columns are on screen. Tested without a DOM.
import type { LoadPerson, LoadPeriod, Period, Workload } from '../lib/ipc';

/** Hours for people: "7.5 h", "40 h", "–" for none. */
export function hours(minutes: number): string {
  if (minutes === 0) return '–';
  const h = Math.round((minutes / 60) * 10) / 10;
  return `${h} h`;
}

/** How a cell looks: over-allocated, nearly full, in use, free, or a period the person has no time in. */
export type Level = 'over' | 'full' | 'busy' | 'free' | 'off';

export function level(p: Pick<LoadPeriod, 'availableMinutes' | 'plannedMinutes' | 'overallocated'>): Level {
  if (p.overallocated) return 'over';
  if (p.availableMinutes === 0) return 'off';
  const share = p.plannedMinutes / p.availableMinutes;
  if (share >= 0.9) return 'full';
  if (share > 0) return 'busy';
  return 'free';
}

export type Row =
  | { kind: 'person'; person: LoadPerson }
  | { kind: 'task'; person: LoadPerson; taskId: number; name: string; project: string; projectId: number; minutes: number[] };

/** The people who pass the filters: a role, a skill, a project they work on in the period (empty: any). */
export function filterPeople(w: Workload, f: { role: string; skill: string; project: string }): LoadPerson[] {
  return w.people.filter(
    (p) =>
      (f.role === '' || p.role === f.role) &&
      (f.skill === '' || p.skills.some((s) => s.toLowerCase() === f.skill.toLowerCase())) &&
      (f.project === '' || p.projects.includes(f.project)),
  );
}

/** One row a person, followed, when opened, by a row for each of their tasks in the period. */
export function rows(people: LoadPerson[], open: ReadonlySet<number>, project = ''): Row[] {
  const out: Row[] = [];
  for (const person of people) {
    out.push({ kind: 'person', person });
    if (!open.has(person.id)) continue;
    const tasks = new Map<number, Extract<Row, { kind: 'task' }>>();
    person.periods.forEach((period, i) => {
      for (const t of period.tasks) {
        if (project !== '' && t.project !== project) continue;
        let row = tasks.get(t.taskId);
        if (!row) {
          row = { kind: 'task', person, taskId: t.taskId, name: t.name, project: t.project, projectId: t.projectId, minutes: person.periods.map(() => 0) };
          tasks.set(t.taskId, row);
        }
        row.minutes[i] = (row.minutes[i] ?? 0) + t.plannedMinutes;
      }
    });
    out.push(...[...tasks.values()].sort((a, b) => a.project.localeCompare(b.project) || a.name.localeCompare(b.name)));
  }
  return out;
}

/** The first and one-past-last index of items of `size` pixels visible in `[offset, offset + extent)`, with `overscan` more each side. */
export function visible(offset: number, extent: number, size: number, count: number, overscan = 4): [number, number] {
  const first = Math.min(count, Math.max(0, Math.floor(offset / size) - overscan));
  const last = Math.min(count, Math.ceil((offset + extent) / size) + overscan);
  return [first, Math.max(first, last)];
}

/** Year, month and day of `YYYY-MM-DD`. */
function ymd(iso: string): [number, number, number] {
  const [y = 1970, m = 1, d = 1] = iso.split('-').map(Number);
  return [y, m, d];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A period's heading: "Mon 7", "7 Dec", "Dec 2026". */
export function periodLabel(start: string, by: Period): string {
  const [y, m, d] = ymd(start);
  if (by === 'month') return `${MONTHS[m - 1] ?? ''} ${y}`;
  if (by === 'week') return `${d} ${MONTHS[m - 1] ?? ''}`;
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[weekday] ?? ''} ${d}`;
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = ymd(iso);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/** The Monday of the week holding `iso`. */
export function mondayOf(iso: string): string {
  const [y, m, d] = ymd(iso);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return addDays(iso, -((weekday + 6) % 7));
}

/** The span a zoom shows from `from`: six weeks of days, six months of weeks, two years of months. */
export function spanFor(from: string, by: Period): { from: string; to: string } {
  if (by === 'day') return { from: mondayOf(from), to: addDays(mondayOf(from), 6 * 7 - 1) };
  if (by === 'week') return { from: mondayOf(from), to: addDays(mondayOf(from), 26 * 7 - 1) };
  const first = `${from.slice(0, 7)}-01`;
  return { from: first, to: addDays(first, 730) };
}

/** The row and column under a point of the cells' area, given how far it is scrolled; null outside the rows and columns. */
export function cellAt(x: number, y: number, scroll: { left: number; top: number }, size: { col: number; row: number }, count: { rows: number; cols: number }): { row: number; col: number } | null {
  const col = Math.floor((x + scroll.left) / size.col);
  const row = Math.floor((y + scroll.top) / size.row);
  if (x < 0 || y < 0 || col >= count.cols || row >= count.rows) return null;
  return { row, col };
}

/** What a cell shows: whole planned hours over whole available hours, nothing for an empty period. */
export function cellText(planned: number, available: number): [string, string] {
  const short = (m: number) => (m === 0 ? '' : String(Math.round(m / 60)));
  if (planned === 0 && available === 0) return ['', ''];
  return [short(planned), `/${short(available) || '0'}`];
}
