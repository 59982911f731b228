import { describe, expect, it } from 'vitest';
import type { Card, ProjectBoard, SprintRow } from '../lib/ipc';
import { backlog, burndownPaths, closeSummary, currentSprint, hours, velocity } from './sprints';

function card(taskId: number, more: Partial<Card> = {}): Card {
  return {
    taskId, columnId: 1, outline: `1.${taskId}`, name: `Story ${taskId}`, epicId: null, epic: null, assignees: [],
    due: '2026-12-01T17:00:00', priority: 'medium', percentComplete: 0, critical: false, late: null, labels: [],
    sprintId: null, workMinutes: 480, ...more,
  };
}

function sprint(id: number, state: SprintRow['state'], more: Partial<SprintRow> = {}): SprintRow {
  return {
    id, name: `Sprint ${id}`, goal: '', start: '2026-11-23', finish: '2026-12-04', state, committedMinutes: 0,
    completedMinutes: 0, carriedMinutes: 0, capacityMinutes: 0, burndown: [], ...more,
  };
}

function board(cards: Card[], sprints: SprintRow[]): ProjectBoard {
  return { projectId: 1, wipPolicy: 'warn', columns: [], cards, sprints, labels: [], people: [] };
}

describe('sprints', () => {
  it('keeps the backlog to unplanned, unfinished work, most urgent first', () => {
    const b = board(
      [card(1), card(2, { priority: 'urgent' }), card(3, { sprintId: 9 }), card(4, { percentComplete: 100 }), card(5, { priority: 'urgent' })],
      [],
    );
    expect(backlog(b).map((c) => c.taskId)).toEqual([2, 5, 1]);
  });

  it('tells what closing a sprint does before it is closed', () => {
    const sprints = [sprint(1, 'active'), sprint(2, 'planned')];
    const b = board([card(1, { sprintId: 1, percentComplete: 100 }), card(2, { sprintId: 1, workMinutes: 960 }), card(3, { sprintId: 2 })], sprints);
    const s = closeSummary(b, sprints[0]!);
    expect(s.finished.map((c) => c.taskId)).toEqual([1]);
    expect(s.unfinished.map((c) => c.taskId)).toEqual([2]);
    expect(s.leftMinutes).toBe(960);
    expect(s.next?.id).toBe(2);
    expect(closeSummary(board([], [sprints[0]!]), sprints[0]!).next).toBeNull();
    expect(currentSprint(sprints)?.id).toBe(1);
    expect(currentSprint([sprint(3, 'closed'), sprint(4, 'closed')])?.id).toBe(4);
  });

  it('measures velocity over closed sprints and shows the running one apart', () => {
    const v = velocity([
      sprint(1, 'closed', { committedMinutes: 4800, completedMinutes: 4800 }),
      sprint(2, 'closed', { committedMinutes: 6000, completedMinutes: 3600 }),
      sprint(3, 'active', { committedMinutes: 5000, completedMinutes: 1000 }),
      sprint(4, 'planned'),
    ]);
    expect(v.bars.map((b) => [b.name, b.running])).toEqual([['Sprint 1', false], ['Sprint 2', false], ['Sprint 3', true]]);
    expect(v.average).toBe(4200);
    expect(velocity([sprint(1, 'active')]).average).toBeNull();
    expect(hours(4200)).toBe('70 h');
    expect(hours(90)).toBe('1.5 h');
  });

  it('draws the burndown from the start to zero and the remaining work up to today', () => {
    const s = sprint(1, 'active', {
      burndown: [
        { date: '2026-11-23', idealMinutes: 960, remainingMinutes: 960 },
        { date: '2026-11-23', idealMinutes: 480, remainingMinutes: 480 },
        { date: '2026-11-24', idealMinutes: 0, remainingMinutes: null },
      ],
    });
    const p = burndownPaths(s, { width: 220, height: 120, left: 20, right: 0, top: 10, bottom: 10 });
    expect(p.ideal).toBe('M20.0,10.0 L120.0,60.0 L220.0,110.0');
    expect(p.actual).toBe('M20.0,10.0 L120.0,60.0');
    expect(p.max).toBe(960);
  });
});
