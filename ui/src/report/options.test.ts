import { describe, expect, it } from 'vitest';
import { DEFAULT_CHOICES, problem, readChoices, storageKey, toOptions, toggleSection } from './options';

describe('report choices', () => {
  it('round-trip through storage', () => {
    const chosen = { ...DEFAULT_CHOICES, sections: ['gantt' as const], paper: 'a3' as const, from: '2027-01-04', open: false };
    expect(readChoices(JSON.stringify(chosen))).toEqual(chosen);
  });

  it('fall back to the defaults when the saved ones are damaged or outdated', () => {
    expect(readChoices(null)).toEqual(DEFAULT_CHOICES);
    expect(readChoices('{not json')).toEqual(DEFAULT_CHOICES);
    const odd = readChoices(JSON.stringify({ sections: ['horoscope', 'tasks'], paper: 'A5', from: '30/02/2027', baselineId: 1.5, open: 'yes' }));
    expect(odd.sections).toEqual(['tasks']);
    expect(odd.paper).toBe('a4');
    expect(odd.from).toBe('');
    expect(odd.baselineId).toBeNull();
    expect(odd.open).toBe(true);
    expect(readChoices(JSON.stringify({ sections: [] })).sections).toEqual(DEFAULT_CHOICES.sections);
  });

  it('keep sections in print order, each once', () => {
    expect(toggleSection(['tasks', 'summary'], 'gantt', true)).toEqual(['summary', 'gantt', 'tasks']);
    expect(toggleSection(['summary', 'gantt'], 'gantt', true)).toEqual(['summary', 'gantt']);
    expect(toggleSection(['summary', 'gantt'], 'summary', false)).toEqual(['gantt']);
  });

  it('say what is wrong before asking where to save', () => {
    expect(problem({ ...DEFAULT_CHOICES, sections: [] })).toMatch(/at least one/);
    expect(problem({ ...DEFAULT_CHOICES, from: '2027-03-10', to: '2027-03-01' })).toMatch(/before/);
    expect(problem(DEFAULT_CHOICES)).toBeNull();
  });

  it('forget a baseline that was deleted and keep one per project', () => {
    expect(toOptions({ ...DEFAULT_CHOICES, baselineId: 7 }, [{ id: 3 }]).baselineId).toBeNull();
    expect(toOptions({ ...DEFAULT_CHOICES, baselineId: 3 }, [{ id: 3 }]).baselineId).toBe(3);
    expect(toOptions(DEFAULT_CHOICES, [])).not.toHaveProperty('open');
    expect(storageKey(4)).not.toBe(storageKey(null));
  });
});
