import { describe, expect, it } from 'vitest';
import { burnBars, health, money, monthsBetween, ratio, sCurve, short, typed } from './budget';

describe('budget view', () => {
  it('shows money in the currency’s own digits', () => {
    expect(money(4_600_000, 'EUR')).toBe('46,000.00 EUR');
    expect(money(-600_000, 'EUR')).toBe('-6,000.00 EUR');
    expect(money(12_000, 'JPY')).toBe('12,000 JPY');
    expect(money(null, 'EUR')).toBe('–');
    expect(short(4_600_000, 'EUR')).toBe('46k');
  });

  it('colours an index by how far below 1 it is, and never divides by zero', () => {
    expect(health(0.83)).toBe('bad');
    expect(health(0.93)).toBe('watch');
    expect(health(1.02)).toBe('good');
    expect(health(null)).toBe('none');
    expect(ratio(null)).toBe('–');
    expect(ratio(0.8333)).toBe('0.83');
  });

  it('draws actual cost only up to the status date and forecasts to the estimate', () => {
    const points = [
      { date: '2026-10-05', pv: 100, ev: 90, ac: 110 },
      { date: '2026-10-12', pv: 200, ev: 180, ac: 220 },
      { date: '2026-10-19', pv: 300, ev: null, ac: null },
    ];
    const c = sCurve(points, 360, '2026-11-02', 'EUR', 400, 200);
    expect(c.ac.split('L').length).toBe(3);
    expect(c.pv.split('L').length).toBe(4);
    expect(c.forecast).not.toBe('');
    expect(c.status).not.toBeNull();
  });

  it('lays out the burn chart with no bar of actual for a month still to come', () => {
    const bars = burnBars(
      [
        { month: '2026-10', planned: 100, actual: 120 },
        { month: '2026-11', planned: 200, actual: -1 },
      ],
      200,
      100,
    );
    expect(bars[0]!.actual).toBe(60);
    expect(bars[1]!.actual).toBeNull();
    expect(bars[1]!.label).toBe('Nov');
  });

  it('lists the project’s months across a new year, and stops at a limit', () => {
    expect(monthsBetween('2026-11-16T08:00:00', '2027-02-03T17:00:00')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2027-01-01', '2031-01-01', 6)).toHaveLength(6);
    expect(monthsBetween('garbage', '2027-01-01')).toEqual([]);
  });

  it('gives amounts back as they are typed, in the currency’s digits', () => {
    expect(typed(1250050, 'EUR')).toBe('12500.50');
    expect(typed(1250, 'JPY')).toBe('1250');
    expect(typed(0, 'EUR')).toBe('');
  });
});
