// The task table's pure logic: which rows show under collapsed summaries,
// how the selection moves, and which key does what. Tested without a DOM.
import type { Shift } from '../lib/ipc';

export interface OutlineRow {
  id: number;
  parentId: number | null;
  depth: number;
  hasChildren: boolean;
}

/** The rows left visible when the `collapsed` summaries are closed. */
export function visibleRows<T extends OutlineRow>(rows: readonly T[], collapsed: ReadonlySet<number>): T[] {
  const out: T[] = [];
  let hideDeeperThan = Infinity;
  for (const row of rows) {
    if (row.depth > hideDeeperThan) continue;
    hideDeeperThan = Infinity;
    out.push(row);
    if (row.hasChildren && collapsed.has(row.id)) hideDeeperThan = row.depth;
  }
  return out;
}

/** The id `step` rows away from `current` (clamped), or the first row. */
export function moveSelection(rows: readonly OutlineRow[], current: number | null, step: number): number | null {
  if (rows.length === 0) return null;
  const at = rows.findIndex((r) => r.id === current);
  if (at < 0) return rows[0]!.id;
  const next = Math.min(rows.length - 1, Math.max(0, at + step));
  return rows[next]!.id;
}

/**
 * Picks task `id` with a click and returns the new selected task; `marked`
 * holds the others picked with it. Ctrl (`toggle`) adds or removes `id`; a
 * plain click on a task outside the selection starts a new one. With
 * `keepOnSelected`, a plain press on the selected task keeps the others too,
 * so that a drag can carry them all.
 */
export function pickTask(
  marked: Set<number>,
  selected: number | null,
  id: number,
  toggle: boolean,
  keepOnSelected = false,
): number {
  if (toggle) {
    if (marked.has(id)) marked.delete(id);
    else marked.add(id);
    if (selected !== null && selected !== id) marked.add(selected);
  } else if (!marked.has(id) && !(keepOnSelected && selected === id)) {
    marked.clear();
  }
  return id;
}

/** What a key press in the table means, when no cell is being edited. */
export type TableAction =
  | { kind: 'move'; step: number }
  | { kind: 'edge'; last: boolean }
  | { kind: 'shift'; shift: Shift }
  | { kind: 'add' }
  | { kind: 'delete' }
  | { kind: 'edit' }
  | { kind: 'collapse' }
  | { kind: 'expand' }
  | { kind: 'open' }
  | { kind: 'undo' }
  | { kind: 'redo' };

export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export function tableAction(e: KeyPress): TableAction | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && (e.key === 'z' || e.key === 'Z')) return e.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
  if (mod && (e.key === 'y' || e.key === 'Y')) return { kind: 'redo' };
  if (e.altKey && e.key === 'ArrowUp') return { kind: 'shift', shift: 'up' };
  if (e.altKey && e.key === 'ArrowDown') return { kind: 'shift', shift: 'down' };
  if (mod && (e.key === 'e' || e.key === 'E')) return { kind: 'open' };
  if (mod) return null;
  switch (e.key) {
    case 'ArrowUp':
      return { kind: 'move', step: -1 };
    case 'ArrowDown':
      return { kind: 'move', step: 1 };
    case 'PageUp':
      return { kind: 'move', step: -10 };
    case 'PageDown':
      return { kind: 'move', step: 10 };
    case 'Home':
      return { kind: 'edge', last: false };
    case 'End':
      return { kind: 'edge', last: true };
    case 'Tab':
      return { kind: 'shift', shift: e.shiftKey ? 'outdent' : 'indent' };
    case 'Insert':
      return { kind: 'add' };
    case 'Delete':
      return { kind: 'delete' };
    case 'Enter':
    case 'F2':
      return { kind: 'edit' };
    case 'ArrowLeft':
      return { kind: 'collapse' };
    case 'ArrowRight':
      return { kind: 'expand' };
    default:
      return null;
  }
}
