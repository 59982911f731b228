import { describe, expect, it } from 'vitest';
import type { ActionRow, DecisionRow } from '../lib/ipc';
import { actionOrder, matches, meetingFieldsOf, weekAfter } from './meetings';

function action(id: number, due: string, state: string, overdue: boolean): ActionRow {
  return { id, projectId: 1, project: 'CRM', meetingId: null, meeting: null, title: `A${id}`, ownerId: 1, owner: 'Ana', due, overdue, state, task: null };
}

describe('meetings', () => {
  it('starts a new meeting at the next full hour', () => {
    const f = meetingFieldsOf(null, new Date(2026, 11, 3, 9, 41));
    expect(f.startsAt).toBe('2026-12-03T10:00');
    expect(f.kind).toBe('status');
  });

  it('suggests an action due a week after its meeting, across a month end', () => {
    expect(weekAfter('2026-11-27T10:00')).toBe('2026-12-04');
    expect(weekAfter('2026-12-28T09:00')).toBe('2027-01-04');
  });

  it('finds a decision by every word typed, anywhere in it', () => {
    const d: DecisionRow = {
      id: 1,
      projectId: 1,
      project: 'CRM',
      meetingId: null,
      meeting: null,
      title: 'Cut over in two waves',
      rationale: 'Year-end closing',
      options: 'Big bang; two waves',
      decidedBy: 'Claire Dubois',
      decidedOn: '2026-11-11',
      tasks: [],
      risks: [],
    };
    expect(matches(d, 'waves claire')).toBe(true);
    expect(matches(d, 'WAVES budget')).toBe(false);
    expect(matches(d, '  ')).toBe(true);
  });

  it('lists overdue actions first, then open ones by day, then the rest', () => {
    const order = actionOrder([
      action(1, '2026-12-09', 'open', false),
      action(2, '2026-11-01', 'done', false),
      action(3, '2026-11-30', 'open', true),
      action(4, '2026-12-02', 'open', false),
    ]).map((a) => a.id);
    expect(order).toEqual([3, 4, 1, 2]);
  });
});
