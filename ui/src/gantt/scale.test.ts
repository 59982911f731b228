import { describe, expect, it } from 'vitest';
import { ZOOMS, minuteAt, pinnedLabelX, scaleFor, ticks, timelineRange, xOf, zoomed } from './scale';
import { fromMinutes, toMinutes, weekday } from './time';

const monday = toMinutes('2027-01-04T00:00:00');

describe('time', () => {
  it('reads and writes the wire format without time zones', () => {
    expect(fromMinutes(toMinutes('2027-03-28T02:30:00'))).toBe('2027-03-28T02:30:00');
    expect(toMinutes('2027-01-05') - monday).toBe(1440);
    expect(weekday(monday)).toBe(0);
    expect(weekday(toMinutes('2027-01-10'))).toBe(6);
  });
});

describe('scale', () => {
  it('maps minutes to pixels and back at every level', () => {
    for (const zoom of ZOOMS) {
      const s = scaleFor(zoom, monday);
      const m = monday + 12345;
      expect(minuteAt(s, xOf(s, m))).toBeCloseTo(m, 6);
      expect(xOf(s, monday)).toBe(0);
    }
  });

  it('zooms one level at a time and stops at the ends', () => {
    expect(zoomed('days', -1)).toBe('hours');
    expect(zoomed('days', 1)).toBe('weeks');
    expect(zoomed('hours', -1)).toBe('hours');
    expect(zoomed('years', 1)).toBe('years');
  });

  it('gives every level labels that fit their cells', () => {
    // Average width of a label character at the header's 11px font.
    const charPx = 6.5;
    for (const zoom of ZOOMS) {
      const s = scaleFor(zoom, monday);
      const to = monday + 3 * 365 * 1440;
      for (const row of ['top', 'bottom'] as const) {
        for (const t of ticks(s, row, monday, to).slice(0, 200)) {
          const px = t.span * s.pxPerMinute;
          expect(t.label.length * charPx, `${zoom} ${row} “${t.label}” in ${px.toFixed(0)}px`).toBeLessThanOrEqual(px);
        }
      }
    }
  });

  it('cuts cells on calendar boundaries', () => {
    const days = ticks(scaleFor('days', monday), 'bottom', monday + 60, monday + 3 * 1440);
    expect(days.map((t) => fromMinutes(t.at))).toEqual(['2027-01-04T00:00:00', '2027-01-05T00:00:00', '2027-01-06T00:00:00']);
    expect(days[0]!.label).toBe('M 4');
    const months = ticks(scaleFor('months', monday), 'bottom', toMinutes('2027-01-15'), toMinutes('2027-03-02'));
    expect(months.map((t) => t.label)).toEqual(['January', 'February', 'March']);
    expect(months[1]!.span).toBe(28 * 1440);
    const weeks = ticks(scaleFor('weeks', monday), 'bottom', toMinutes('2027-01-06'), toMinutes('2027-01-12'));
    expect(weeks.map((t) => fromMinutes(t.at).slice(0, 10))).toEqual(['2027-01-04', '2027-01-11']);
    const quarters = ticks(scaleFor('quarters', monday), 'bottom', toMinutes('2027-02-01'), toMinutes('2027-07-01'));
    expect(quarters.map((t) => t.label)).toEqual(['Q1', 'Q2']);
    const weekend = ticks(scaleFor('days', monday), 'bottom', toMinutes('2027-01-09'), toMinutes('2027-01-11'));
    expect(weekend.map((t) => t.dim)).toEqual([true, true]);
  });

  it('leaves room around the plan', () => {
    const [from, to] = timelineRange('weeks', monday, monday + 30 * 1440);
    expect(from).toBeLessThan(monday);
    expect(to).toBeGreaterThan(monday + 30 * 1440);
    expect(weekday(from)).toBe(0);
  });
});

describe('pinned top labels', () => {
  it('stay at the cell start while the cell starts in view', () => {
    expect(pinnedLabelX(100, 400, 0, 80)).toBe(106);
  });

  it('follow the left edge while the cell runs on under it', () => {
    expect(pinnedLabelX(100, 400, 250, 80)).toBe(256);
  });

  it('are pushed out by the next cell instead of overlapping its label', () => {
    // 40 px of the cell are left in view: the label ends 6 px before the
    // next cell, partly scrolled out on the left.
    const x = pinnedLabelX(100, 400, 360, 80);
    expect(x + 80 + 6).toBe(400);
    expect(x).toBeLessThan(366);
  });

  it('never start before their own cell', () => {
    expect(pinnedLabelX(100, 150, 120, 80)).toBe(106);
  });
});
