// The task grid's columns: which exist, which the user shows, how wide.
// Choices are kept in the webview's local storage, per user.

export type ColumnKey = 'id' | 'name' | 'duration' | 'start' | 'finish' | 'percent' | 'pred' | 'who' | 'work' | 'actual' | 'units' | 'slack' | 'deadline';

export interface Column {
  key: ColumnKey;
  label: string;
  width: number;
  /** Always shown: the grid means nothing without it. */
  fixed?: boolean;
  title?: string;
}

export const COLUMNS: readonly Column[] = [
  { key: 'id', label: '#', width: 48, fixed: true },
  { key: 'name', label: 'Task', width: 234, fixed: true },
  { key: 'duration', label: 'Duration', width: 74 },
  { key: 'start', label: 'Start', width: 84 },
  { key: 'finish', label: 'Finish', width: 84 },
  { key: 'percent', label: 'Done', width: 94 },
  { key: 'pred', label: 'Predecessors', width: 110 },
  { key: 'who', label: 'Assigned', width: 100 },
  { key: 'work', label: 'Work', width: 70, title: 'Hours of work the task asks of its people' },
  { key: 'actual', label: 'Actual', width: 70, title: 'Hours logged in timesheets; a summary adds up its subtasks’' },
  { key: 'units', label: 'Units', width: 64, title: 'Its people’s units together: 200 % is two people full time' },
  {
    key: 'slack',
    label: 'Slack',
    width: 60,
    title: 'Total slack: how far the task can slip before the project finish moves',
  },
  { key: 'deadline', label: 'Deadline', width: 84, title: 'When it should be done by; in red once it finishes later' },
];

export const MIN_WIDTH = 36;
export const MAX_WIDTH = 900;

export interface ColumnPrefs {
  hidden: ColumnKey[];
  widths: Partial<Record<ColumnKey, number>>;
}

/** Work, units and deadlines are there for those who staff and chase tasks in the grid; hidden until asked for. */
export const DEFAULT_PREFS: ColumnPrefs = { hidden: ['work', 'actual', 'units', 'deadline'], widths: {} };

/** Reads saved choices, ignoring anything unknown or out of range. */
export function readPrefs(raw: string | null): ColumnPrefs {
  if (!raw) return DEFAULT_PREFS;
  try {
    const data = JSON.parse(raw) as { hidden?: unknown; widths?: unknown };
    const known = new Map(COLUMNS.map((c) => [c.key as string, c]));
    const hidden = Array.isArray(data.hidden)
      ? data.hidden.filter((k): k is ColumnKey => typeof k === 'string' && known.has(k) && !known.get(k)!.fixed)
      : [];
    const widths: ColumnPrefs['widths'] = {};
    if (data.widths && typeof data.widths === 'object') {
      for (const [k, v] of Object.entries(data.widths as Record<string, unknown>)) {
        if (known.has(k) && typeof v === 'number' && Number.isFinite(v)) widths[k as ColumnKey] = clampWidth(v);
      }
    }
    return { hidden, widths };
  } catch {
    return DEFAULT_PREFS;
  }
}

export function clampWidth(w: number): number {
  return Math.round(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, w)));
}

/** The columns shown, with their widths. */
export function shownColumns(prefs: ColumnPrefs): Column[] {
  return COLUMNS.filter((c) => !prefs.hidden.includes(c.key)).map((c) => ({ ...c, width: prefs.widths[c.key] ?? c.width }));
}

export function toggled(prefs: ColumnPrefs, key: ColumnKey): ColumnPrefs {
  const column = COLUMNS.find((c) => c.key === key);
  if (!column || column.fixed) return prefs;
  const hidden = prefs.hidden.includes(key) ? prefs.hidden.filter((k) => k !== key) : [...prefs.hidden, key];
  return { ...prefs, hidden };
}

export function resized(prefs: ColumnPrefs, key: ColumnKey, width: number): ColumnPrefs {
  return { ...prefs, widths: { ...prefs.widths, [key]: clampWidth(width) } };
}

export function gridTemplate(columns: readonly Column[]): string {
  return columns.map((c) => `${c.width}px`).join(' ');
}
