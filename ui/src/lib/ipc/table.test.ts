import { describe, expect, it } from 'vitest';
import { rowsOf } from './table';

describe('a table from the backend', () => {
  it('turns each row of values into an object with the fields in order', () => {
    const rows = rowsOf<{ id: number; name: string; parentId: number | null; labels: string[] }>({
      fields: ['id', 'name', 'parentId', 'labels'],
      rows: [
        [1, 'Design', null, []],
        [2, 'Build', 1, ['security']],
      ],
    });
    expect(rows).toEqual([
      { id: 1, name: 'Design', parentId: null, labels: [] },
      { id: 2, name: 'Build', parentId: 1, labels: ['security'] },
    ]);
    expect(Object.keys(rows[1]!)).toEqual(['id', 'name', 'parentId', 'labels']);
  });

  it('of no rows is an empty list', () => {
    expect(rowsOf({ fields: ['id'], rows: [] })).toEqual([]);
  });
});
