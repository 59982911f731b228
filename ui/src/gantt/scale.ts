// The timeline's date scale: zoom levels, the mapping between minutes and
// pixels, and the two rows of labels that stay readable at every level.
import { MINUTES_PER_DAY, dayStart, weekday } from './time';

export type Zoom = 'hours' | 'days' | 'weeks' | 'months' | 'quarters' | 'years';

export const ZOOMS: readonly Zoom[] = ['hours', 'days', 'weeks', 'months', 'quarters', 'years'];

/** Pixels a day takes at each level. */
const PX_PER_DAY: Record<Zoom, number> = {
  hours: 24 * 36,
  days: 34,
  weeks: 13,
  months: 4,
  quarters: 1.4,
  years: 0.42,
};

/** The step a drag snaps to at each level, in minutes. */
const SNAP: Record<Zoom, number> = {
  hours: 60,
  days: MINUTES_PER_DAY,
  weeks: MINUTES_PER_DAY,
  months: MINUTES_PER_DAY,
  quarters: 7 * MINUTES_PER_DAY,
  years: 7 * MINUTES_PER_DAY,
};

export interface Scale {
  zoom: Zoom;
  /** The minute at x = 0. */
  origin: number;
  pxPerMinute: number;
}

export function scaleFor(zoom: Zoom, origin: number): Scale {
  return { zoom, origin, pxPerMinute: PX_PER_DAY[zoom] / MINUTES_PER_DAY };
}

export function xOf(s: Scale, minute: number): number {
  return (minute - s.origin) * s.pxPerMinute;
}

export function minuteAt(s: Scale, x: number): number {
  return s.origin + x / s.pxPerMinute;
}

/** The next level in (`step` < 0) or out (`step` > 0), clamped. */
export function zoomed(zoom: Zoom, step: number): Zoom {
  const i = ZOOMS.indexOf(zoom) + Math.sign(step);
  return ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, i))]!;
}

export function snapStep(zoom: Zoom): number {
  return SNAP[zoom];
}

/** Whether non-working days are wide enough to shade. */
export function shadesDays(zoom: Zoom): boolean {
  return PX_PER_DAY[zoom] >= 4;
}

/**
 * Where the timeline starts and ends for a plan: whole units of the level
 * with room on both sides, so the first bar never touches the edge.
 */
export function timelineRange(zoom: Zoom, start: number, finish: number): [number, number] {
  const span = Math.max(finish - start, MINUTES_PER_DAY);
  const margin = Math.max(span * 0.15, (200 / PX_PER_DAY[zoom]) * MINUTES_PER_DAY);
  return [unitStart(zoom === 'hours' ? 'days' : zoom, start - margin), finish + margin];
}

export interface Tick {
  /** The minute the cell starts at. */
  at: number;
  /** Its width in minutes. */
  span: number;
  label: string;
  /** A weekend or other quiet cell, drawn dimmer. */
  dim?: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

type Unit = 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

function ymd(m: number): [number, number, number] {
  const d = new Date(m * 60000);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}

function at(y: number, month: number, day = 1): number {
  return Date.UTC(y, month, day) / 60000;
}

/** The start of the `unit` holding minute `m`. */
function floorTo(unit: Unit, m: number): number {
  const [y, mo] = ymd(m);
  switch (unit) {
    case 'hour':
      return Math.floor(m / 60) * 60;
    case 'day':
      return dayStart(m);
    case 'week':
      return dayStart(m) - weekday(m) * MINUTES_PER_DAY;
    case 'month':
      return at(y, mo);
    case 'quarter':
      return at(y, mo - (mo % 3));
    case 'year':
      return at(y, 0);
  }
}

function next(unit: Unit, m: number): number {
  const [y, mo, d] = ymd(m);
  switch (unit) {
    case 'hour':
      return m + 60;
    case 'day':
      return at(y, mo, d + 1);
    case 'week':
      return at(y, mo, d + 7);
    case 'month':
      return at(y, mo + 1);
    case 'quarter':
      return at(y, mo + 3);
    case 'year':
      return at(y + 1, 0);
  }
}

function unitStart(zoom: Zoom, m: number): number {
  return floorTo(ZOOM_UNITS[zoom][1], m);
}

/** The top and bottom units of each level. */
const ZOOM_UNITS: Record<Zoom, [Unit, Unit]> = {
  hours: ['day', 'hour'],
  days: ['week', 'day'],
  weeks: ['month', 'week'],
  months: ['year', 'month'],
  quarters: ['year', 'quarter'],
  years: ['year', 'year'],
};

/** A cell's label, as long as its width in pixels allows. */
function label(unit: Unit, m: number, px: number, top: boolean): string {
  const [y, mo, d] = ymd(m);
  switch (unit) {
    case 'hour':
      return String(Math.floor((m % MINUTES_PER_DAY) / 60)).padStart(2, '0');
    case 'day':
      if (top || px >= 110) return `${DAYS[weekday(m)]} ${d} ${MONTHS[mo]} ${y}`;
      return px >= 30 ? `${DAYS[weekday(m)]![0]} ${d}` : String(d);
    case 'week':
      if (top) return `Week of ${d} ${MONTHS[mo]} ${y}`;
      return px >= 48 ? `${d} ${MONTHS[mo]}` : String(d);
    case 'month':
      if (top) return `${LONG_MONTHS[mo]} ${y}`;
      if (px >= 70) return LONG_MONTHS[mo]!;
      return px >= 22 ? MONTHS[mo]! : MONTHS[mo]![0]!;
    case 'quarter':
      return `Q${Math.floor(mo / 3) + 1}`;
    case 'year':
      return String(y);
  }
}

/** The cells of one header row between `from` and `to`. */
export function ticks(s: Scale, row: 'top' | 'bottom', from: number, to: number): Tick[] {
  const [topUnit, bottomUnit] = ZOOM_UNITS[s.zoom];
  const unit = row === 'top' ? topUnit : bottomUnit;
  if (row === 'top' && s.zoom === 'years') return [];
  const out: Tick[] = [];
  for (let m = floorTo(unit, from); m < to && out.length < 2000; ) {
    const n = next(unit, m);
    const px = (n - m) * s.pxPerMinute;
    out.push({ at: m, span: n - m, label: label(unit, m, px, row === 'top'), dim: unit === 'day' && weekday(m) >= 5 });
    m = n;
  }
  return out;
}

/**
 * Where a top-row label starts: pinned to the view's left edge while its
 * cell runs on under it, and pushed left by the next cell's edge so that it
 * never runs into the next label.
 */
export function pinnedLabelX(cellStart: number, cellEnd: number, viewLeft: number, labelWidth: number, pad = 6): number {
  const pinned = Math.max(cellStart, viewLeft) + pad;
  return Math.max(cellStart + pad, Math.min(pinned, cellEnd - labelWidth - pad));
}
