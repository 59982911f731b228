import { describe, expect, it } from 'vitest';
import type { Card, ProjectBoard } from '../lib/ipc';
import { NO_FILTER, applyMove, columnCounts, dropTarget, insertionIndex, lanes, visibleRows, wipCheck, wipState } from './board';

function card(taskId: number, columnId: number, more: Partial<Card> = {}): Card {
  return {
    taskId,
    columnId,
    outline: `1.${taskId}`,
    name: `Story ${taskId}`,
    epicId: 100,
    epic: 'Sprint 1',
    assignees: [],
    due: '2026-12-01T17:00:00',
    priority: 'medium',
    percentComplete: 0,
    critical: false,
    late: null,
    labels: [],
    sprintId: null,
    workMinutes: 480,
    ...more,
  };
}

function board(cards: Card[], wipPolicy: 'warn' | 'refuse' = 'warn'): ProjectBoard {
  return {
    projectId: 1,
    wipPolicy,
    columns: [
      { id: 1, name: 'To do', stage: 'todo', wipLimit: null },
      { id: 2, name: 'In progress', stage: 'in_progress', wipLimit: 2 },
      { id: 3, name: 'Done', stage: 'done', wipLimit: null },
    ],
    cards,
    sprints: [],
    labels: [],
    people: [],
  };
}

const ana = { memberId: 7, name: 'Ana Moreau', initials: 'AM', unitsPercent: 100, workMinutes: 2400 };

describe('board', () => {
  it('moves a card to another column at the place it was dropped, and marks it done in Done', () => {
    const b = board([card(1, 1), card(2, 1), card(3, 2), card(4, 3)]);
    const moved = applyMove(b, 1, { columnId: 3, before: 4 });
    expect(moved.cards.map((c) => [c.taskId, c.columnId])).toEqual([[2, 1], [3, 2], [1, 3], [4, 3]]);
    expect(moved.cards.find((c) => c.taskId === 1)?.percentComplete).toBe(100);
    const end = applyMove(b, 2, { columnId: 2 });
    expect(end.cards.map((c) => c.taskId)).toEqual([1, 3, 2, 4]);
    const reopened = applyMove(moved, 1, { columnId: 1 });
    expect(reopened.cards.find((c) => c.taskId === 1)?.percentComplete).toBe(0);
  });

  it('reorders within a column', () => {
    const b = board([card(1, 1), card(2, 1), card(3, 1)]);
    expect(applyMove(b, 3, { columnId: 1, before: 1 }).cards.map((c) => c.taskId)).toEqual([3, 1, 2]);
  });

  it('names the drop by the card it goes before, also when a filter hides cards', () => {
    const cards = [card(1, 1), card(2, 1, { labels: ['api'] }), card(3, 1), card(4, 1, { labels: ['api'] })];
    const b = board(cards);
    const cell = lanes(b, { ...NO_FILTER, label: 'api' }, 'none')[0]!.cells[0]!;
    expect(cell.map((c) => c.taskId)).toEqual([2, 4]);
    expect(dropTarget(b, cell, 1, 0, 99)).toEqual({ columnId: 1, before: 2 });
    expect(dropTarget(b, cell, 1, 1, 99)).toEqual({ columnId: 1, before: 4 });
    // After the last visible card: the end of the column.
    expect(dropTarget(b, cell, 1, 2, 99)).toEqual({ columnId: 1 });
    // After card 2 when 4 is the one dragged: before the hidden 3, keeping 2's neighbour.
    expect(dropTarget(b, cell, 1, 1, 4)).toEqual({ columnId: 1, before: 3 });
    expect(dropTarget(b, [], 2, 0, 1)).toEqual({ columnId: 2 });
  });

  it('checks WIP limits the way the project is set up', () => {
    const cards = [card(1, 1), card(2, 2), card(3, 2)];
    expect(wipCheck(board(cards), 1, 2).warning).toBe('“In progress” now holds 3 cards; its WIP limit is 2.');
    expect(wipCheck(board(cards, 'refuse'), 1, 2).refused).toBe('“In progress” holds at most 2 cards (its WIP limit) and has 2.');
    expect(wipCheck(board(cards, 'refuse'), 2, 2)).toEqual({ refused: null, warning: null });
    expect(wipCheck(board(cards), 1, 3)).toEqual({ refused: null, warning: null });
    const b = board(cards);
    const counts = columnCounts(b);
    expect(wipState(b.columns[1]!, counts.get(2) ?? 0)).toBe('full');
    expect(wipState(b.columns[1]!, 3)).toBe('over');
    expect(wipState(b.columns[0]!, 300)).toBe('ok');
  });

  it('filters by assignee, label and text, and groups into swimlanes in a stable order', () => {
    const cards = [
      card(1, 1, { assignees: [ana], priority: 'low', name: 'Invoices list' }),
      card(2, 2, { priority: 'urgent', labels: ['security'] }),
      card(3, 3, { assignees: [ana], priority: 'urgent', epicId: null, epic: null }),
    ];
    const b = board(cards);
    expect(lanes(b, { ...NO_FILTER, assignee: 7 }, 'none')[0]!.cells.flat().map((c) => c.taskId)).toEqual([1, 3]);
    expect(lanes(b, { ...NO_FILTER, text: 'INVOICE' }, 'none')[0]!.cells.flat().map((c) => c.taskId)).toEqual([1]);
    expect(lanes(b, { ...NO_FILTER, label: 'security' }, 'none')[0]!.cells.flat().map((c) => c.taskId)).toEqual([2]);
    const byPriority = lanes(b, NO_FILTER, 'priority');
    expect(byPriority.map((l) => l.title)).toEqual(['Urgent', 'Low']);
    expect(byPriority[0]!.cells.map((cell) => cell.map((c) => c.taskId))).toEqual([[], [2], [3]]);
    expect(lanes(b, NO_FILTER, 'assignee').map((l) => l.title)).toEqual(['Ana Moreau', 'Unassigned']);
    expect(lanes(b, NO_FILTER, 'epic').map((l) => l.title)).toEqual(['Sprint 1', 'No epic']);
    // Nothing matches: one empty lane, so the columns still show.
    expect(lanes(b, { ...NO_FILTER, text: 'zzz' }, 'assignee')).toHaveLength(1);
  });

  it('renders only the rows in view and finds the gap under the pointer', () => {
    expect(visibleRows(5000, 0, 600, 90)).toEqual([0, 10]);
    expect(visibleRows(5000, 90_000, 600, 90)).toEqual([997, 1010]);
    expect(visibleRows(3, 0, 600, 90)).toEqual([0, 3]);
    expect(insertionIndex(0, 90, 4)).toBe(0);
    expect(insertionIndex(130, 90, 4)).toBe(1);
    expect(insertionIndex(10_000, 90, 4)).toBe(4);
  });
});
