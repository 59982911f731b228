import { describe, expect, it } from 'vitest';
import type { LoadPerson, Workload } from '../lib/ipc';
import { addDays, cellAt, cellText, filterPeople, hours, level, mondayOf, periodLabel, rows, spanFor, visible } from './workload';

const person = (id: number, role: string, skills: string[], tasks: [number, string, number][][]): LoadPerson => ({
  id,
  name: `P${id}`,
  initials: 'P',
  role,
  skills,
  projects: [...new Set(tasks.flat().map(([, project]) => project))],
  maxUnits: 100,
  peakUnits: 100,
  overallocated: false,
  periods: tasks.map((list, i) => ({
    start: addDays('2027-03-15', 7 * i),
    availableMinutes: 2400,
    plannedMinutes: list.reduce((s, [, , m]) => s + m, 0),
    actualMinutes: 0,
    overallocated: list.reduce((s, [, , m]) => s + m, 0) > 2400,
    tasks: list.map(([taskId, project, plannedMinutes]) => ({ taskId, name: `T${taskId}`, project, projectId: 1, plannedMinutes })),
  })),
});

describe('workload grid', () => {
  it('shows over-allocation in red and a full week in amber', () => {
    expect(level({ availableMinutes: 2400, plannedMinutes: 2880, overallocated: true })).toBe('over');
    expect(level({ availableMinutes: 2400, plannedMinutes: 2200, overallocated: false })).toBe('full');
    expect(level({ availableMinutes: 2400, plannedMinutes: 600, overallocated: false })).toBe('busy');
    expect(level({ availableMinutes: 2400, plannedMinutes: 0, overallocated: false })).toBe('free');
    expect(level({ availableMinutes: 0, plannedMinutes: 0, overallocated: false })).toBe('off');
    expect(hours(450)).toBe('7.5 h');
    expect(hours(0)).toBe('–');
  });

  it('opens a person into their tasks, summed per period, filtered by project', () => {
    const ana = person(1, 'Developer', ['Kubernetes'], [[[10, 'CRM', 1200], [11, 'Wi-Fi', 1800]], [[10, 'CRM', 600]]]);
    const ben = person(2, 'Tester', ['SQL'], [[], []]);
    expect(rows([ana, ben], new Set()).map((r) => r.kind)).toEqual(['person', 'person']);
    const open = rows([ana, ben], new Set([1]));
    expect(open.map((r) => (r.kind === 'task' ? r.taskId : `p${r.person.id}`))).toEqual(['p1', 10, 11, 'p2']);
    const crm = open[1];
    expect(crm?.kind === 'task' ? crm.minutes : null).toEqual([1200, 600]);
    expect(rows([ana], new Set([1]), 'Wi-Fi').filter((r) => r.kind === 'task')).toHaveLength(1);
    const w = { people: [ana, ben] } as Workload;
    expect(filterPeople(w, { role: '', skill: 'kubernetes', project: '' }).map((p) => p.id)).toEqual([1]);
    expect(filterPeople(w, { role: 'Tester', skill: '', project: '' }).map((p) => p.id)).toEqual([2]);
    expect(filterPeople(w, { role: '', skill: '', project: 'Wi-Fi' }).map((p) => p.id)).toEqual([1]);
  });

  it('puts only what is on screen in the DOM', () => {
    expect(visible(0, 300, 30, 200, 0)).toEqual([0, 10]);
    expect(visible(3000, 300, 30, 200, 2)).toEqual([98, 112]);
    expect(visible(99_999, 300, 30, 200, 2)).toEqual([200, 200]);
  });

  it('names periods and spans zooms from Mondays and month starts', () => {
    expect(periodLabel('2027-03-15', 'day')).toBe('Mon 15');
    expect(periodLabel('2027-03-15', 'week')).toBe('15 Mar');
    expect(periodLabel('2027-03-01', 'month')).toBe('Mar 2027');
    expect(mondayOf('2027-03-18')).toBe('2027-03-15');
    expect(mondayOf('2027-03-21')).toBe('2027-03-15');
    expect(spanFor('2027-03-18', 'day')).toEqual({ from: '2027-03-15', to: '2027-04-25' });
    expect(spanFor('2027-03-18', 'month').from).toBe('2027-03-01');
  });

  it('finds the cell under the pointer however far the grid is scrolled', () => {
    const size = { col: 78, row: 34 };
    const count = { rows: 10, cols: 26 };
    expect(cellAt(5, 5, { left: 0, top: 0 }, size, count)).toEqual({ row: 0, col: 0 });
    expect(cellAt(80, 40, { left: 0, top: 0 }, size, count)).toEqual({ row: 1, col: 1 });
    expect(cellAt(10, 10, { left: 156, top: 68 }, size, count)).toEqual({ row: 2, col: 2 });
    expect(cellAt(10, 10, { left: 0, top: 340 }, size, count)).toBeNull();
    expect(cellAt(-1, 10, { left: 0, top: 0 }, size, count)).toBeNull();
  });

  it('says whole planned hours over available ones, and nothing for an empty period', () => {
    expect(cellText(2880, 2400)).toEqual(['48', '/40']);
    expect(cellText(0, 2400)).toEqual(['', '/40']);
    expect(cellText(600, 0)).toEqual(['10', '/0']);
    expect(cellText(0, 0)).toEqual(['', '']);
  });
});
