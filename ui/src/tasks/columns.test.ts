import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, gridTemplate, readPrefs, resized, shownColumns, toggled } from './columns';

describe('columns', () => {
  it('can be hidden and shown again, except the task name', () => {
    const hidden = toggled(DEFAULT_PREFS, 'slack');
    expect(shownColumns(hidden).map((c) => c.key)).not.toContain('slack');
    expect(shownColumns(toggled(hidden, 'slack')).map((c) => c.key)).toContain('slack');
    expect(toggled(DEFAULT_PREFS, 'name')).toBe(DEFAULT_PREFS);
  });

  it('are resized within bounds', () => {
    const wide = resized(DEFAULT_PREFS, 'name', 5000);
    expect(shownColumns(wide).find((c) => c.key === 'name')!.width).toBe(900);
    expect(shownColumns(resized(DEFAULT_PREFS, 'start', -3)).find((c) => c.key === 'start')!.width).toBe(36);
    expect(gridTemplate(shownColumns(DEFAULT_PREFS)).split(' ')).toHaveLength(9);
    expect(shownColumns(toggled(DEFAULT_PREFS, 'work')).map((c) => c.key)).toContain('work');
    // Deadlines wait to be asked for, and come last.
    expect(shownColumns(DEFAULT_PREFS).map((c) => c.key)).not.toContain('deadline');
    expect(shownColumns(toggled(DEFAULT_PREFS, 'deadline')).at(-1)!.key).toBe('deadline');
  });

  it('survive a round trip and shrug off damaged settings', () => {
    const prefs = resized(toggled(DEFAULT_PREFS, 'pred'), 'who', 150);
    expect(readPrefs(JSON.stringify(prefs))).toEqual(prefs);
    expect(readPrefs('{not json')).toEqual(DEFAULT_PREFS);
    expect(readPrefs(JSON.stringify({ hidden: ['name', 'bogus', 3], widths: { start: 'wide', finish: 120 } }))).toEqual({
      hidden: [],
      widths: { finish: 120 },
    });
  });
});
