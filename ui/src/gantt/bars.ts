// Where each bar sits and what a pointer over it would grab. Geometry is in
// content coordinates: x from the timeline's origin, y from the first row.
import type { Drag, LinkKind, TaskRow } from '../lib/ipc';
import { type Scale, minuteAt, snapStep, xOf } from './scale';
import { fromMinutes, toMinutes } from './time';

export const ROW_HEIGHT = 32;
export const BAR_HEIGHT = 14;

export type BarShape = 'task' | 'summary' | 'milestone';

export interface Bar {
  id: number;
  shape: BarShape;
  row: number;
  start: number;
  finish: number;
  x0: number;
  x1: number;
  /** The top of the bar. */
  y: number;
  /** Where the progress fill ends. */
  xDone: number;
  /** The pauses of a split task, as x ranges: empty when it runs whole. */
  gaps: [number, number][];
}

/** Dates a view shows for a task: its own, or a preview's. */
export interface Span {
  start: string;
  finish: string;
}

export function shapeOf(t: Pick<TaskRow, 'kind' | 'hasChildren'>): BarShape {
  if (t.hasChildren || t.kind === 'summary') return 'summary';
  return t.kind === 'milestone' ? 'milestone' : 'task';
}

export function barOf(t: TaskRow, row: number, s: Scale, span: Span = t): Bar {
  const start = toMinutes(span.start);
  const finish = toMinutes(span.finish);
  const x0 = xOf(s, start);
  const x1 = Math.max(xOf(s, finish), x0 + 2);
  const shape = shapeOf(t);
  const y = row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
  const xDone = x0 + ((x1 - x0) * t.percentComplete) / 100;
  return { id: t.id, shape, row, start, finish, x0, x1, y, xDone, gaps: gapsOf(t, s, start - toMinutes(t.start)) };
}

/**
 * The pauses between a split task's stretches of work, as x ranges; moved
 * by `shift` minutes with a preview that moves the task.
 */
export function gapsOf(t: Pick<TaskRow, 'segments'>, s: Scale, shift = 0): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 1; i < t.segments.length; i++) {
    const from = toMinutes(t.segments[i - 1]!.finish) + shift;
    const to = toMinutes(t.segments[i]!.start) + shift;
    if (to > from) out.push([xOf(s, from), xOf(s, to)]);
  }
  return out;
}

export type Grip = 'move' | 'resize' | 'progress' | 'link';

/** The handle of the link circle, right of a bar's end. */
export function linkHandle(b: Bar): { x: number; y: number } {
  const x = b.shape === 'milestone' ? b.x0 + 16 : b.x1 + 10;
  return { x, y: b.y + BAR_HEIGHT / 2 };
}

/** What a press at (x, y) would grab on bar `b`, if anything. */
export function grip(b: Bar, x: number, y: number): Grip | null {
  const top = b.y - 5;
  const bottom = b.y + BAR_HEIGHT + 5;
  if (y < top || y > bottom) return null;
  const handle = linkHandle(b);
  if (Math.abs(x - handle.x) <= 6 && Math.abs(y - handle.y) <= 6) return 'link';
  if (b.shape === 'milestone') return Math.abs(x - b.x0) <= 9 ? 'move' : null;
  if (b.shape === 'task') {
    const wide = b.x1 - b.x0 >= 14;
    if (wide && x >= b.x1 - 5 && x <= b.x1 + 3) return 'resize';
    if (y >= b.y + BAR_HEIGHT - 2 && Math.abs(x - b.xDone) <= 5) return 'progress';
  }
  return x >= b.x0 - 2 && x <= b.x1 + 2 ? 'move' : null;
}

/** A drag under way: what was grabbed, where, and what moves with it. */
export interface DragState {
  grip: Grip;
  bar: Bar;
  /** Every task a move carries (the selection, when the bar is in it). */
  tasks: number[];
  fromX: number;
  x: number;
  y: number;
}

/** The drag the backend should preview for the pointer at `x`, or none while nothing would change. */
export function dragRequest(d: DragState, s: Scale): Drag | null {
  const step = snapStep(s.zoom);
  const minutes = (d.x - d.fromX) / s.pxPerMinute;
  if (d.grip === 'move') {
    const snapped = Math.round(minutes / step) * step;
    return snapped === 0 ? null : { kind: 'move', tasks: d.tasks, minutes: snapped };
  }
  if (d.grip === 'resize') {
    const earliest = Math.floor(d.bar.start / step) * step + step;
    const finish = Math.max(earliest, Math.round((d.bar.finish + minutes) / step) * step);
    if (Math.abs(finish - d.bar.finish) < step / 2) return null;
    return { kind: 'resize', task: d.bar.id, finish: fromMinutes(finish) };
  }
  return null;
}

/** The percent complete the progress handle points at. */
export function progressAt(d: DragState): number {
  const width = d.bar.x1 - d.bar.x0;
  if (width <= 0) return 0;
  const pct = Math.round(((d.x - d.bar.x0) / width) * 100);
  return Math.max(0, Math.min(100, pct));
}

/** The minute under `x`, snapped to the level's step. */
export function snappedMinute(s: Scale, x: number): number {
  const step = snapStep(s.zoom);
  return Math.round(minuteAt(s, x) / step) * step;
}

/** Rows `first..last` (exclusive) that a viewport shows, with one spare row each side. */
export function visibleRange(scrollTop: number, height: number, count: number): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 1);
  const last = Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + 1);
  return [first, Math.max(first, last)];
}

/** The elbow an arrow takes from a predecessor's bar to its successor's. */
export function linkPath(kind: LinkKind, from: Bar, to: Bar): string {
  const fromEnd = kind === 'fs' || kind === 'ff';
  const toEnd = kind === 'ff' || kind === 'sf';
  const mid = (b: Bar) => b.y + BAR_HEIGHT / 2;
  const edge = (b: Bar, end: boolean) => (b.shape === 'milestone' ? b.x0 + (end ? 6 : -6) : end ? b.x1 : b.x0);
  const x0 = edge(from, fromEnd);
  const y0 = mid(from);
  const x1 = edge(to, toEnd);
  const y1 = mid(to);
  const out = fromEnd ? 8 : -8;
  const into = toEnd ? 8 : -8;
  // Straight down to the successor's row when there is room, else around.
  if (!toEnd && x1 - 6 >= x0 + out) return `M${x0},${y0} H${x0 + out} V${y1} H${x1}`;
  if (toEnd && fromEnd) return `M${x0},${y0} H${Math.max(x0 + out, x1 + into)} V${y1} H${x1}`;
  const between = y1 + (y1 >= y0 ? -1 : 1) * (ROW_HEIGHT / 2);
  return `M${x0},${y0} H${x0 + out} V${between} H${x1 + into} V${y1} H${x1}`;
}

/** The filled head of an arrow that ends on `to`, pointing into the bar. */
export function arrowHead(kind: LinkKind, to: Bar): string {
  const toEnd = kind === 'ff' || kind === 'sf';
  const x = to.shape === 'milestone' ? to.x0 + (toEnd ? 6 : -6) : toEnd ? to.x1 : to.x0;
  const y = to.y + BAR_HEIGHT / 2;
  const back = toEnd ? 6 : -6;
  return `M${x},${y} L${x + back},${y - 4} L${x + back},${y + 4} Z`;
}

/**
 * The links between shown rows, indexed by row so that the arrows of the
 * rows on screen are found without reading every link of the plan.
 */
export interface LinkIndex {
  /** Each link's predecessor row and successor row; -1 for a hidden row. */
  from: Int32Array;
  to: Int32Array;
  /** The links touching row `r` are `items[first[r]]` up to `items[first[r + 1]]`. */
  first: Int32Array;
  items: Int32Array;
}

/**
 * Indexes `links` by the rows of their tasks (`rowOf`, over `rowCount`
 * rows). A link to a task under a collapsed summary has no row and no arrow.
 */
export function indexLinks(
  links: readonly { predecessor: number; successor: number }[],
  rowOf: ReadonlyMap<number, number>,
  rowCount: number,
): LinkIndex {
  const from = new Int32Array(links.length);
  const to = new Int32Array(links.length);
  const first = new Int32Array(rowCount + 1);
  let shown = 0;
  for (let l = 0; l < links.length; l++) {
    const a = rowOf.get(links[l]!.predecessor) ?? -1;
    const b = rowOf.get(links[l]!.successor) ?? -1;
    from[l] = a;
    to[l] = b;
    if (a < 0 || b < 0) continue;
    first[a + 1]! += 1;
    first[b + 1]! += 1;
    shown += 1;
  }
  for (let r = 0; r < rowCount; r++) first[r + 1]! += first[r]!;
  const next = first.slice(0, rowCount);
  const items = new Int32Array(shown * 2);
  for (let l = 0; l < links.length; l++) {
    if (from[l]! < 0 || to[l]! < 0) continue;
    items[next[from[l]!]!++] = l;
    items[next[to[l]!]!++] = l;
  }
  return { from, to, first, items };
}

/** The links with an end in rows `lo..hi` (exclusive), each once, in row order. */
export function linksTouching(index: LinkIndex, lo: number, hi: number): number[] {
  const out: number[] = [];
  const last = Math.min(hi, index.first.length - 1);
  for (let r = Math.max(0, lo); r < last; r++) {
    for (let k = index.first[r]!; k < index.first[r + 1]!; k++) {
      const l = index.items[k]!;
      const other = index.from[l] === r ? index.to[l]! : index.from[l]!;
      // A link with both ends in range is taken at its first row.
      if (other < lo || other >= hi || other > r) out.push(l);
    }
  }
  return out;
}
