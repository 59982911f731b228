import { describe, expect, it } from 'vitest';
import type { TaskRow } from '../lib/ipc';
import { type DragState, arrowHead, barOf, dragRequest, grip, indexLinks, linkPath, linksTouching, progressAt, visibleRange } from './bars';
import { scaleFor } from './scale';
import { toMinutes } from './time';

const origin = toMinutes('2027-01-04T00:00:00');
const days = scaleFor('days', origin); // 34 px a day

function task(over: Partial<TaskRow> = {}): TaskRow {
  return {
    id: 7,
    parentId: null,
    depth: 0,
    outline: '1',
    name: 'Build',
    notes: '',
    kind: 'task',
    durationMinutes: 960,
    duration: '2d',
    start: '2027-01-05T08:00:00',
    finish: '2027-01-06T17:00:00',
    percentComplete: 50,
    boardStatus: 'todo',
    priority: 'medium',
    constraintKind: 'asap',
    constraintDate: null,
    totalSlackMinutes: 0,
    critical: false,
    hasChildren: false,
    predecessors: '',
    assignees: [],
    workMinutes: 0,
    actualWorkMinutes: 0,
    actualStart: null,
    actualFinish: null,
    labels: [],
    levelingDelay: '',
    segments: [],
    calendarId: null,
    ignoresPeopleCalendars: false,
    deadline: null,
    ...over,
  };
}

describe('bars', () => {
  it('sit on their row between their dates', () => {
    const b = barOf(task(), 3, days);
    expect(b.x0).toBeCloseTo(34 + (8 / 24) * 34, 6);
    expect(b.x1).toBeCloseTo(2 * 34 + (17 / 24) * 34, 6);
    expect(b.y).toBe(3 * 32 + 9);
    expect(b.xDone).toBeCloseTo((b.x0 + b.x1) / 2, 6);
    expect(barOf(task({ hasChildren: true }), 0, days).shape).toBe('summary');
    expect(barOf(task({ kind: 'milestone', finish: '2027-01-05T08:00:00' }), 0, days).shape).toBe('milestone');
  });

  it('know which handle a press grabs', () => {
    const b = barOf(task(), 0, days);
    const mid = b.y + 7;
    expect(grip(b, (b.x0 + b.x1) / 2 - 10, mid)).toBe('move');
    expect(grip(b, b.x1 - 2, mid)).toBe('resize');
    expect(grip(b, b.xDone, b.y + 13)).toBe('progress');
    expect(grip(b, b.x1 + 10, mid)).toBe('link');
    expect(grip(b, b.x1 + 40, mid)).toBeNull();
    expect(grip(b, b.x0 + 5, mid + 30)).toBeNull();
    const m = barOf(task({ kind: 'milestone', finish: '2027-01-05T08:00:00' }), 0, days);
    expect(grip(m, m.x0 + 3, mid)).toBe('move');
  });

  it('turn a move into whole days, carrying the selection', () => {
    const b = barOf(task(), 0, days);
    const d: DragState = { grip: 'move', bar: b, tasks: [7, 9], fromX: 100, x: 100 + 2 * 34 + 10, y: 0 };
    expect(dragRequest(d, days)).toEqual({ kind: 'move', tasks: [7, 9], minutes: 2 * 1440 });
    expect(dragRequest({ ...d, x: 110 }, days)).toBeNull();
    expect(dragRequest({ ...d, x: 100 - 34 }, days)).toEqual({ kind: 'move', tasks: [7, 9], minutes: -1440 });
    const hours = scaleFor('hours', origin);
    expect(dragRequest({ ...d, x: 100 + 36 * 3 }, hours)).toEqual({ kind: 'move', tasks: [7, 9], minutes: 180 });
  });

  it('turn a resize into a finish on a day boundary, never before the start', () => {
    const b = barOf(task(), 0, days);
    const d: DragState = { grip: 'resize', bar: b, tasks: [7], fromX: b.x1, x: b.x1 + 2 * 34, y: 0 };
    expect(dragRequest(d, days)).toEqual({ kind: 'resize', task: 7, finish: '2027-01-09T00:00:00' });
    expect(dragRequest({ ...d, x: b.x1 - 20 * 34 }, days)).toEqual({ kind: 'resize', task: 7, finish: '2027-01-06T00:00:00' });
  });

  it('read the progress handle as a percentage', () => {
    const b = barOf(task(), 0, days);
    const d: DragState = { grip: 'progress', bar: b, tasks: [7], fromX: b.xDone, x: b.x0 + (b.x1 - b.x0) * 0.8, y: 0 };
    expect(progressAt(d)).toBe(80);
    expect(progressAt({ ...d, x: b.x0 - 50 })).toBe(0);
    expect(progressAt({ ...d, x: b.x1 + 50 })).toBe(100);
  });

  it('draw only the rows on screen', () => {
    expect(visibleRange(0, 320, 10_000)).toEqual([0, 11]);
    expect(visibleRange(32_000, 320, 10_000)).toEqual([999, 1011]);
    expect(visibleRange(0, 320, 3)).toEqual([0, 3]);
  });

  it('route arrows straight when there is room and around when not', () => {
    const a = barOf(task({ start: '2027-01-04T08:00:00', finish: '2027-01-04T17:00:00' }), 0, days);
    const b = barOf(task({ start: '2027-01-06T08:00:00', finish: '2027-01-06T17:00:00' }), 2, days);
    expect(linkPath('fs', a, b).split(' ')).toHaveLength(4);
    const back = barOf(task({ start: '2027-01-04T08:00:00', finish: '2027-01-04T12:00:00' }), 2, days);
    expect(linkPath('fs', a, back).split(' ')).toHaveLength(6);
    expect(linkPath('fs', a, b).endsWith(`H${b.x0}`)).toBe(true);
    expect(linkPath('ff', a, b).endsWith(`H${b.x1}`)).toBe(true);
  });
});

describe('arrow heads', () => {
  it('point into the start of a bar, or into its end for FF and SF', () => {
    const b = barOf(task(), 1, days);
    const y = b.y + 7;
    expect(arrowHead('fs', b)).toBe(`M${b.x0},${y} L${b.x0 - 6},${y - 4} L${b.x0 - 6},${y + 4} Z`);
    expect(arrowHead('ff', b).startsWith(`M${b.x1},${y} L${b.x1 + 6}`)).toBe(true);
  });
});

describe('the links of the rows on screen', () => {
  // Tasks 100..109 on rows 0..9, and task 200 under a collapsed summary.
  // A long link from row 0 to row 9, short ones between neighbours.
  const rowOf = new Map(Array.from({ length: 10 }, (_, r) => [100 + r, r]));
  const link = (a: number, b: number) => ({ predecessor: a, successor: b });
  const links = [link(100, 109), link(101, 102), link(102, 103), link(105, 104), link(107, 108), link(103, 200)];
  const index = indexLinks(links, rowOf, 10);

  it('finds each shown link with an end in range once, and no other', () => {
    const row = (id: number) => rowOf.get(id) ?? -1;
    const brute = (lo: number, hi: number) =>
      links
        .flatMap((x, l) => {
          const [a, b] = [row(x.predecessor), row(x.successor)];
          return a >= 0 && b >= 0 && ((a >= lo && a < hi) || (b >= lo && b < hi)) ? [l] : [];
        })
        .sort();
    for (let lo = 0; lo <= 10; lo++) {
      for (let hi = lo; hi <= 11; hi++) {
        expect([...linksTouching(index, lo, hi)].sort()).toEqual(brute(lo, hi));
      }
    }
  });

  it('keeps a link whose other end is far off screen, and drops one into a hidden row', () => {
    expect(linksTouching(index, 8, 10)).toContain(0);
    expect(linksTouching(index, 4, 7)).toEqual([3]);
    expect(linksTouching(index, 3, 4)).toEqual([2]);
    expect([index.from[5], index.to[5]]).toEqual([3, -1]);
  });
});
