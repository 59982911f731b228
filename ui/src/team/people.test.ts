import { describe, expect, it } from 'vitest';
import { amountText, formatRate, skillColumns, whoKnows } from './people';

describe('team', () => {
  it('shows money in the currency’s own minor unit', () => {
    expect(formatRate(9550, 'EUR')).toBe('95.50 EUR');
    expect(formatRate(125000, 'USD')).toBe('1,250.00 USD');
    expect(formatRate(12000, 'JPY')).toBe('12,000 JPY');
    expect(formatRate(2125, 'KWD')).toBe('2.125 KWD');
    expect(formatRate(0, 'EUR')).toBe('–');
    expect(amountText(9550, 'EUR')).toBe('95.50');
    expect(amountText(12000, 'JPY')).toBe('12000');
  });

  it('answers who knows Kubernetes, best first', () => {
    const people = [
      { name: 'Ana', skills: [{ name: 'Kubernetes', level: 2 }] },
      { name: 'Ben', skills: [{ name: 'SQL', level: 5 }] },
      { name: 'Cleo', skills: [{ name: 'kubernetes', level: 4 }, { name: 'SQL', level: 1 }] },
    ];
    expect(whoKnows(people, 'kubernetes').map((p) => p.name)).toEqual(['Cleo', 'Ana']);
    expect(whoKnows(people, '').length).toBe(3);
    expect(skillColumns(people)).toEqual(['Kubernetes', 'SQL']);
  });
});
