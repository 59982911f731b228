import { describe, expect, it } from 'vitest';
import type { ChecklistRow, FreezeRow } from '../lib/ipc';
import { byGroup, freezeBands, freezeOn, readinessTone } from './releases';

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

const freeze = (start: string, finish: string): FreezeRow => ({
  releaseId: 1,
  projectId: 1,
  project: 'CRM',
  release: 'CRM go-live 1.0',
  start,
  finish,
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

  it('clips freezes to the days shown and finds the one a day falls in', () => {
    const f = [freeze('2026-12-24', '2027-01-10')];
    expect(freezeBands(f, '2027-01-01', '2027-03-31')).toEqual([{ label: 'Change freeze: CRM go-live 1.0', start: '2027-01-01', finish: '2027-01-10' }]);
    expect(freezeBands(f, '2027-02-01', '2027-03-31')).toEqual([]);
    expect(freezeOn(f, '2027-01-10')?.release).toBe('CRM go-live 1.0');
    expect(freezeOn(f, '2027-01-11')).toBeNull();
  });
});
