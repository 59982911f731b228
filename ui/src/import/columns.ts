/** The CSV column mapping as the import dialog edits it: one header per
 * field, empty for a field the file does not carry. */
import type { CsvColumns, CsvPreview } from '../lib/ipc';

/** The header chosen for each field code. */
export type Choices = Record<string, string>;

export function choicesOf(csv: CsvPreview): Choices {
  const out: Choices = {};
  for (const f of csv.fields) out[f.code] = '';
  for (const c of csv.columns.fields) out[c.field] = c.column;
  return out;
}

/** The mapping to send: fields without a column are left out. */
export function columnsOf(choices: Choices, dateFormat: string, durationUnit: string, separator: string): CsvColumns {
  return {
    fields: Object.entries(choices)
      .filter(([, column]) => column !== '')
      .map(([field, column]) => ({ field, column })),
    dateFormat,
    durationUnit,
    separator,
  };
}

/** How a date format reads, for people: `%d/%m/%Y` → `dd/mm/yyyy`. */
export function readable(format: string): string {
  return format
    .replace('%Y', 'yyyy')
    .replace('%y', 'yy')
    .replace('%m', 'mm')
    .replace('%d', 'dd')
    .replace('%b', 'Mon')
    .replace('%H', 'hh')
    .replace('%I', 'hh')
    .replace('%M', 'mm')
    .replace('%S', 'ss')
    .replace('%p', 'AM/PM');
}

/** A separator as a person names it. */
export function separatorName(sep: string): string {
  return { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'bar' }[sep] ?? sep;
}
