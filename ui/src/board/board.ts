// The board's logic, without the DOM: filtering, swimlanes, WIP limits,
// where a dragged card lands, and the move applied ahead of the backend's
// answer. The backend decides; these only predict what it will say so the
// board can show it while the pointer is still down.

import type { Card, CardDrop, ColumnRow, Priority, ProjectBoard, SprintRow } from '../lib/ipc';

export interface Filter {
  /** A member id, or null for everyone. */
  assignee: number | null;
  label: string | null;
  text: string;
}

export const NO_FILTER: Filter = { assignee: null, label: null, text: '' };

export type LaneBy = 'none' | 'assignee' | 'priority' | 'epic' | 'sprint';

export const LANE_CHOICES: [LaneBy, string][] = [
  ['none', 'No swimlanes'],
  ['assignee', 'Assignee'],
  ['priority', 'Priority'],
  ['epic', 'Epic'],
  ['sprint', 'Sprint'],
];

/** One swimlane: a title and, per column (in board order), its cards. */
export interface Lane {
  key: string;
  title: string;
  cells: Card[][];
}

export function matches(card: Card, f: Filter): boolean {
  if (f.assignee !== null && !card.assignees.some((a) => a.memberId === f.assignee)) return false;
  if (f.label !== null && !card.labels.includes(f.label)) return false;
  const text = f.text.trim().toLowerCase();
  if (text !== '') {
    const hay = `${card.outline} ${card.name} ${card.labels.join(' ')} ${card.epic ?? ''}`.toLowerCase();
    if (!hay.includes(text)) return false;
  }
  return true;
}

const PRIORITY_ORDER: Priority[] = ['urgent', 'high', 'medium', 'low'];
const PRIORITY_TITLE: Record<Priority, string> = { urgent: 'Urgent', high: 'High', medium: 'Medium', low: 'Low' };

/** Which lane a card is in, and the lane's title and sort key. */
function laneOf(card: Card, by: LaneBy, sprints: SprintRow[]): { key: string; title: string; order: string } {
  switch (by) {
    case 'none':
      return { key: 'all', title: '', order: '' };
    case 'assignee': {
      const a = card.assignees[0];
      return a ? { key: `m${a.memberId}`, title: a.name, order: `0${a.name}` } : { key: 'none', title: 'Unassigned', order: '1' };
    }
    case 'priority': {
      const i = PRIORITY_ORDER.indexOf(card.priority);
      return { key: card.priority, title: PRIORITY_TITLE[card.priority], order: String(i) };
    }
    case 'epic':
      return card.epicId === null
        ? { key: 'none', title: 'No epic', order: '~' }
        : { key: `e${card.epicId}`, title: card.epic ?? '', order: card.outline.split('.').slice(0, -1).map((n) => n.padStart(6, '0')).join('.') };
    case 'sprint': {
      const i = sprints.findIndex((s) => s.id === card.sprintId);
      return i < 0 ? { key: 'none', title: 'Backlog', order: '~' } : { key: `s${card.sprintId}`, title: sprints[i]?.name ?? '', order: String(i).padStart(6, '0') };
    }
  }
}

/** The board's cards that pass the filter, in swimlanes; each cell keeps the board's order. */
export function lanes(board: ProjectBoard, filter: Filter, by: LaneBy): Lane[] {
  const at = new Map(board.columns.map((c, i) => [c.id, i]));
  const found = new Map<string, Lane & { order: string }>();
  for (const card of board.cards) {
    if (!matches(card, filter)) continue;
    const l = laneOf(card, by, board.sprints);
    let lane = found.get(l.key);
    if (!lane) {
      lane = { key: l.key, title: l.title, order: l.order, cells: board.columns.map(() => []) };
      found.set(l.key, lane);
    }
    lane.cells[at.get(card.columnId) ?? 0]?.push(card);
  }
  if (found.size === 0) return [{ key: 'all', title: '', cells: board.columns.map(() => []) }];
  return [...found.values()].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0)).map(({ key, title, cells }) => ({ key, title, cells }));
}

/** How many cards each column holds (all of them, not only the filtered). */
export function columnCounts(board: ProjectBoard): Map<number, number> {
  const counts = new Map(board.columns.map((c) => [c.id, 0]));
  for (const c of board.cards) counts.set(c.columnId, (counts.get(c.columnId) ?? 0) + 1);
  return counts;
}

export type WipState = 'ok' | 'full' | 'over';

export function wipState(column: ColumnRow, count: number): WipState {
  if (column.wipLimit === null) return 'ok';
  if (count > column.wipLimit) return 'over';
  return count === column.wipLimit ? 'full' : 'ok';
}

/** What dropping `taskId` on `columnId` does to the column's limit. */
export function wipCheck(board: ProjectBoard, taskId: number, columnId: number): { refused: string | null; warning: string | null } {
  const column = board.columns.find((c) => c.id === columnId);
  const card = board.cards.find((c) => c.taskId === taskId);
  if (!column || !card || column.wipLimit === null || card.columnId === columnId) return { refused: null, warning: null };
  const held = board.cards.filter((c) => c.columnId === columnId).length;
  if (held < column.wipLimit) return { refused: null, warning: null };
  if (board.wipPolicy === 'refuse') {
    return {
      refused: `“${column.name}” holds at most ${column.wipLimit} cards (its WIP limit) and has ${held}.`,
      warning: null,
    };
  }
  return { refused: null, warning: `“${column.name}” now holds ${held + 1} cards; its WIP limit is ${column.wipLimit}.` };
}

/**
 * Where a card dropped at `index` of a cell lands on the backend: before the
 * card that is at that place of the cell (skipping the dragged card), or
 * after the cell's last card. The backend's order is the whole column, so a
 * drop after a filtered cell's last card goes before the next card of the
 * column that the filter hides, if any, keeping the visible order.
 */
export function dropTarget(board: ProjectBoard, cell: Card[], columnId: number, index: number, taskId: number): CardDrop {
  const visible = cell.filter((c) => c.taskId !== taskId);
  const at = Math.max(0, Math.min(index, visible.length));
  const there = visible[at];
  if (there) return { columnId, before: there.taskId };
  const column = board.cards.filter((c) => c.columnId === columnId && c.taskId !== taskId);
  const last = visible[visible.length - 1];
  if (!last) return { columnId };
  const after = column.findIndex((c) => c.taskId === last.taskId);
  const next = column[after + 1];
  return next ? { columnId, before: next.taskId } : { columnId };
}

/** The board as it will be once the backend has done `drop`: the card moved, its stage's effects shown. */
export function applyMove(board: ProjectBoard, taskId: number, drop: CardDrop): ProjectBoard {
  const card = board.cards.find((c) => c.taskId === taskId);
  const column = board.columns.find((c) => c.id === drop.columnId);
  if (!card || !column) return board;
  const moved: Card = { ...card, columnId: column.id };
  if (column.stage === 'done') moved.percentComplete = 100;
  else if (card.percentComplete === 100) moved.percentComplete = column.stage === 'backlog' || column.stage === 'todo' ? 0 : 99;
  const rest = board.cards.filter((c) => c.taskId !== taskId);
  let at: number;
  if (drop.before !== undefined && drop.before !== null) {
    at = rest.findIndex((c) => c.taskId === drop.before);
  } else {
    // After the column's last card, or where the column would start.
    const order = new Map(board.columns.map((c, i) => [c.id, i]));
    const mine = order.get(column.id) ?? 0;
    at = rest.findIndex((c) => (order.get(c.columnId) ?? 0) > mine);
  }
  if (at < 0) at = rest.length;
  rest.splice(at, 0, moved);
  return { ...board, cards: rest };
}

/** Height of one card with the space under it; fixed, so rows need no measuring. */
export const CARD_ROW = 96;

/** The rows a virtual list of `count` rows of `rowHeight` shows in `height` pixels scrolled by `scrollTop`, with `overscan` rows either side. */
export function visibleRows(count: number, scrollTop: number, height: number, rowHeight: number, overscan = 3): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return [first, Math.max(first, last)];
}

/** The place among a cell's rows that a pointer at `y` (relative to the list's top, scrolled) points between. */
export function insertionIndex(y: number, rowHeight: number, count: number): number {
  return Math.max(0, Math.min(count, Math.round(y / rowHeight)));
}
