import { describe, expect, it } from 'vitest';
import { moveSelection, pickTask, tableAction, visibleRows, type OutlineRow } from './outline';

const row = (id: number, depth: number, hasChildren = false, parentId: number | null = null): OutlineRow => ({
  id,
  depth,
  hasChildren,
  parentId,
});

// 1 Phase A / 2 Task / 3 Sub-phase / 4 Deep task / 5 Phase B
const rows = [row(1, 0, true), row(2, 1, false, 1), row(3, 1, true, 1), row(4, 2, false, 3), row(5, 0)];

describe('visibleRows', () => {
  it('shows everything when nothing is collapsed', () => {
    expect(visibleRows(rows, new Set()).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
  });
  it('hides the whole subtree of a collapsed summary', () => {
    expect(visibleRows(rows, new Set([1])).map((r) => r.id)).toEqual([1, 5]);
    expect(visibleRows(rows, new Set([3])).map((r) => r.id)).toEqual([1, 2, 3, 5]);
  });
  it('ignores collapse on tasks without children', () => {
    expect(visibleRows(rows, new Set([2])).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('moveSelection', () => {
  it('moves and clamps at both ends', () => {
    expect(moveSelection(rows, 1, 1)).toBe(2);
    expect(moveSelection(rows, 1, -1)).toBe(1);
    expect(moveSelection(rows, 4, 10)).toBe(5);
    expect(moveSelection(rows, null, 1)).toBe(1);
    expect(moveSelection([], 3, 1)).toBeNull();
  });
});

describe('tableAction', () => {
  it('maps the planner keys', () => {
    expect(tableAction({ key: 'Tab' })).toEqual({ kind: 'shift', shift: 'indent' });
    expect(tableAction({ key: 'Tab', shiftKey: true })).toEqual({ kind: 'shift', shift: 'outdent' });
    expect(tableAction({ key: 'ArrowUp', altKey: true })).toEqual({ kind: 'shift', shift: 'up' });
    expect(tableAction({ key: 'z', ctrlKey: true })).toEqual({ kind: 'undo' });
    expect(tableAction({ key: 'Z', ctrlKey: true, shiftKey: true })).toEqual({ kind: 'redo' });
    expect(tableAction({ key: 'e', ctrlKey: true })).toEqual({ kind: 'open' });
    expect(tableAction({ key: 'Insert' })).toEqual({ kind: 'add' });
    expect(tableAction({ key: 'Delete' })).toEqual({ kind: 'delete' });
    expect(tableAction({ key: 'F2' })).toEqual({ kind: 'edit' });
    expect(tableAction({ key: 'a' })).toBeNull();
    expect(tableAction({ key: 'c', ctrlKey: true })).toBeNull();
  });
});

describe('picking tasks', () => {
  it('starts a new selection, toggles with Ctrl, and keeps a group pressed on its selected task', () => {
    const marked = new Set<number>([4]);
    expect(pickTask(marked, 3, 7, false)).toBe(7);
    expect([...marked], 'a plain click elsewhere starts again').toEqual([]);
    pickTask(marked, 7, 9, true);
    expect([...marked].sort(), 'Ctrl adds the task and keeps the one selected').toEqual([7, 9]);
    pickTask(marked, 9, 9, true);
    expect([...marked], 'Ctrl on a picked task takes it out').toEqual([7]);
    pickTask(marked, 9, 9, false, true);
    expect([...marked], 'pressing the selected task to drag keeps the group').toEqual([7]);
    pickTask(marked, 9, 9, false);
    expect([...marked], 'a plain click on it in the grid starts again').toEqual([]);
  });
});
