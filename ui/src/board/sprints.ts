// Backlog and sprint logic without the DOM: what the backlog holds, what
// closing a sprint will do, and the burndown and velocity charts' geometry.

import type { Card, Priority, ProjectBoard, SprintRow } from '../lib/ipc';

const URGENCY: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

/** The product backlog: unfinished cards in no sprint, most urgent first, then in board order. */
export function backlog(board: ProjectBoard): Card[] {
  return board.cards
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.sprintId === null && c.percentComplete < 100)
    .sort((a, b) => URGENCY[a.c.priority] - URGENCY[b.c.priority] || a.i - b.i)
    .map(({ c }) => c);
}

export function sprintItems(board: ProjectBoard, sprintId: number): Card[] {
  return board.cards.filter((c) => c.sprintId === sprintId);
}

/** Work in hours, as the sprint screens show it. */
export function hours(minutes: number): string {
  const h = Math.round(minutes / 6) / 10;
  return `${h} h`;
}

/** What closing `sprint` does: how much is finished, what is left and where it can go. */
export function closeSummary(board: ProjectBoard, sprint: SprintRow): {
  finished: Card[];
  unfinished: Card[];
  leftMinutes: number;
  next: SprintRow | null;
} {
  const items = sprintItems(board, sprint.id);
  const finished = items.filter((c) => c.percentComplete >= 100);
  const unfinished = items.filter((c) => c.percentComplete < 100);
  const next = board.sprints.find((s) => s.state === 'planned' && s.id !== sprint.id) ?? null;
  return { finished, unfinished, leftMinutes: unfinished.reduce((n, c) => n + c.workMinutes, 0), next };
}

/** The running sprint, else the next planned one, else the last closed. */
export function currentSprint(sprints: SprintRow[]): SprintRow | null {
  return (
    sprints.find((s) => s.state === 'active') ??
    sprints.find((s) => s.state === 'planned') ??
    [...sprints].reverse().find((s) => s.state === 'closed') ??
    null
  );
}

export interface Velocity {
  bars: { id: number; name: string; committed: number; completed: number; running: boolean }[];
  /** Mean completed work of the closed sprints, in minutes; null before the first closes. */
  average: number | null;
}

export function velocity(sprints: SprintRow[]): Velocity {
  const bars = sprints
    .filter((s) => s.state !== 'planned')
    .map((s) => ({ id: s.id, name: s.name, committed: s.committedMinutes, completed: s.completedMinutes, running: s.state === 'active' }));
  const closed = bars.filter((b) => !b.running);
  const average = closed.length === 0 ? null : closed.reduce((n, b) => n + b.completed, 0) / closed.length;
  return { bars, average };
}

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  bottom: number;
  top: number;
  right: number;
}

/** SVG paths of a burndown in `box`: the ideal line and the remaining work up to today. */
export function burndownPaths(sprint: SprintRow, box: ChartBox): { ideal: string; actual: string; max: number; x: (i: number) => number; y: (m: number) => number } {
  const points = sprint.burndown;
  const max = Math.max(1, ...points.map((p) => Math.max(p.idealMinutes, p.remainingMinutes ?? 0)));
  const span = Math.max(1, points.length - 1);
  const x = (i: number) => box.left + ((box.width - box.left - box.right) * i) / span;
  const y = (m: number) => box.top + (box.height - box.top - box.bottom) * (1 - m / max);
  const line = (values: (number | null)[]) =>
    values
      .map((v, i) => (v === null ? null : `${i === 0 || values[i - 1] === null ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`))
      .filter((s) => s !== null)
      .join(' ');
  return {
    ideal: line(points.map((p) => p.idealMinutes)),
    actual: line(points.map((p) => p.remainingMinutes)),
    max,
    x,
    y,
  };
}
