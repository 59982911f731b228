// Moments on the timeline are whole minutes since 1970 on a clock without
// time zones: the backend's local `YYYY-MM-DDTHH:MM:SS` read as if it were
// UTC. No daylight-saving jump can then bend a bar.

export const MINUTES_PER_DAY = 1440;

/** `YYYY-MM-DDTHH:MM:SS` (or `YYYY-MM-DD`) to minutes. */
export function toMinutes(wire: string): number {
  const y = Number(wire.slice(0, 4));
  const mo = Number(wire.slice(5, 7));
  const d = Number(wire.slice(8, 10));
  const h = wire.length > 10 ? Number(wire.slice(11, 13)) : 0;
  const mi = wire.length > 10 ? Number(wire.slice(14, 16)) : 0;
  return Date.UTC(y, mo - 1, d, h, mi) / 60000;
}

/** Minutes to `YYYY-MM-DDTHH:MM:SS`. */
export function fromMinutes(m: number): string {
  return new Date(Math.round(m) * 60000).toISOString().slice(0, 19);
}

/** The local wall-clock time of `now`, in timeline minutes. */
export function wallClock(now: Date): number {
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours(), now.getMinutes()) / 60000;
}

/** Midnight at the start of the day holding `m`. */
export function dayStart(m: number): number {
  return Math.floor(m / MINUTES_PER_DAY) * MINUTES_PER_DAY;
}

/** Day of the week, Monday = 0. */
export function weekday(m: number): number {
  return (new Date(m * 60000).getUTCDay() + 6) % 7;
}
