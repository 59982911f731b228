import { describe, expect, it } from 'vitest';
import { choicesOf, columnsOf, readable, separatorName } from './columns';
import type { CsvPreview } from '../lib/ipc';

const csv: CsvPreview = {
  encoding: 'UTF-8',
  separator: ',',
  headers: ['Summary', 'Issue key', 'Labels', 'Labels'],
  rows: [],
  rowCount: 0,
  columns: { fields: [{ field: 'name', column: 'Summary' }, { field: 'key', column: 'Issue key' }], dateFormat: '', durationUnit: 'days', separator: '' },
  kept: false,
  dateFormats: [],
  dateFormat: '',
  fields: [
    { code: 'key', label: 'Key' },
    { code: 'name', label: 'Name' },
    { code: 'labels', label: 'Labels' },
  ],
  units: ['seconds', 'minutes', 'hours', 'days'],
};

describe('the CSV columns of the import dialog', () => {
  it('start from the mapping the backend read, every field listed', () => {
    expect(choicesOf(csv)).toEqual({ key: 'Issue key', name: 'Summary', labels: '' });
  });

  it('send only the fields given a column', () => {
    const choices = { ...choicesOf(csv), labels: 'Labels', key: '' };
    expect(columnsOf(choices, '%d/%m/%Y', 'hours', ';')).toEqual({
      fields: [{ field: 'name', column: 'Summary' }, { field: 'labels', column: 'Labels' }],
      dateFormat: '%d/%m/%Y',
      durationUnit: 'hours',
      separator: ';',
    });
  });

  it('name formats and separators as people do', () => {
    expect(readable('%d/%b/%y %I:%M %p')).toBe('dd/Mon/yy hh:mm AM/PM');
    expect(readable('%Y-%m-%d')).toBe('yyyy-mm-dd');
    expect(separatorName('\t')).toBe('tab');
    expect(separatorName(';')).toBe('semicolon');
  });
});
