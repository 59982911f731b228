import { describe, expect, it } from 'vitest';
import type { LinkRow, TaskRow } from './bindings';
import { linkRows, taskRows } from './table';

const task: TaskRow = {
  id: 7,
  parentId: 3,
  depth: 1,
  outline: '1.2',
  name: 'Migrate CRM data',
  notes: 'Cut-over weekend',
  kind: 'task',
  durationMinutes: 960,
  duration: '2d',
  start: '2027-01-04T08:00:00',
  finish: '2027-01-05T17:00:00',
  percentComplete: 40,
  boardStatus: 'in_progress',
  priority: 'high',
  constraintKind: 'snet',
  constraintDate: '2027-01-04T08:00:00',
  totalSlackMinutes: -60,
  critical: true,
  hasChildren: false,
  predecessors: '1.1FS+2d',
  assignees: [{ memberId: 2, name: 'Ana Ruiz', initials: 'AR', unitsPercent: 50, workMinutes: 1200 }],
  workMinutes: 1200,
  actualWorkMinutes: 450,
  actualStart: null,
  actualFinish: null,
  labels: ['security'],
  levelingDelay: '',
  segments: [],
  calendarId: null,
  ignoresPeopleCalendars: false,
  deadline: null,
};

describe('a table from the backend', () => {
  it('gives back the rows it stands for, whatever order its fields come in', () => {
    const fields = Object.keys(task).reverse();
    const rows = taskRows({ fields, rows: [fields.map((f) => task[f as keyof TaskRow])] });
    expect(rows).toEqual([task]);
    const link: LinkRow = { id: 1, predecessor: 7, successor: 8, kind: 'ss', lagMinutes: -240, lag: '-4h' };
    expect(linkRows({ fields: Object.keys(link), rows: [Object.values(link), Object.values(link)] })).toEqual([link, link]);
  });

  it('of no rows is an empty list', () => {
    expect(linkRows({ fields: ['id', 'predecessor', 'successor', 'kind', 'lagMinutes', 'lag'], rows: [] })).toEqual([]);
  });

  it('missing a field is refused with its name', () => {
    expect(() => linkRows({ fields: ['id', 'predecessor', 'successor', 'kind', 'lag'], rows: [] })).toThrow('lagMinutes');
  });
});
