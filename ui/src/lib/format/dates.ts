// Dates as planners read them, independent of the machine's locale so the
// same plan reads the same everywhere.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Splits `YYYY-MM-DD[THH:MM:SS]` without time-zone surprises. */
export function parts(iso: string): { y: number; m: number; d: number; hh: number; mm: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!match) return null;
  const [, y, m, d, hh, mm] = match;
  return { y: Number(y), m: Number(m), d: Number(d), hh: Number(hh ?? 0), mm: Number(mm ?? 0) };
}

/** "Mon 15 Mar 2027". */
export function formatDate(iso: string): string {
  const p = parts(iso);
  if (!p) return iso;
  const weekday = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
  return `${DAYS[weekday]} ${p.d} ${MONTHS[p.m - 1]} ${p.y}`;
}

/** "Mon 15 Mar 2027 10:30". */
export function formatDateTime(iso: string): string {
  const p = parts(iso);
  if (!p) return iso;
  return `${formatDate(iso)} ${String(p.hh).padStart(2, '0')}:${String(p.mm).padStart(2, '0')}`;
}

/** "15 Mar" — for dense columns. */
export function formatShortDate(iso: string): string {
  const p = parts(iso);
  if (!p) return iso;
  return `${p.d} ${MONTHS[p.m - 1]} ${String(p.y).slice(2)}`;
}

/** The date part, for date inputs. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** Working minutes as days for slack columns: "3d", "0d", "-2d". */
export function formatSlack(minutes: number, minutesPerDay = 480): string {
  const days = minutes / minutesPerDay;
  const rounded = Math.round(days * 10) / 10;
  return `${rounded === 0 ? 0 : rounded}d`;
}
