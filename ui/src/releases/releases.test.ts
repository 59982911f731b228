import { describe, expect, it } from 'vitest';
import type { ChecklistRow } from '../lib/ipc';
import { byGroup, readinessTone } from './releases';

const item = (id: number, groupLabel: string): ChecklistRow => ({
  id,
  group: groupLabel.toLowerCase(),
  groupLabel,
  title: `Item ${id}`,
  ownerId: 1,
  owner: 'Ana',
  due: '2027-01-04',
  doneOn: null,
  overdue: false,
});

describe('releases', () => {
  it('groups the checklist in the order groups first appear', () => {
    const groups = byGroup([item(1, 'Technical'), item(2, 'Data'), item(3, 'Technical')]);
    expect(groups.map(([g, items]) => [g, items.map((i) => i.id)])).toEqual([
      ['Technical', [1, 3]],
      ['Data', [2]],
    ]);
  });

  it('colours readiness by how much of the scope is done', () => {
    expect([null, 0, 59, 60, 89, 90, 100].map(readinessTone)).toEqual(['none', 'bad', 'bad', 'warn', 'warn', 'good', 'good']);
  });
});
