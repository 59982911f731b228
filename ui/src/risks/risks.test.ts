import { describe, expect, it } from 'vitest';
import type { RiskRow } from '../lib/ipc';
import { bandOf, fieldsOf, heatCells, inCell, sortRisks, trend } from './risks';

function risk(id: number, probability: number, impact: number, extra: Partial<RiskRow> = {}): RiskRow {
  return {
    id,
    projectId: 1,
    project: 'CRM',
    code: `R-00${id}`,
    title: `Risk ${id}`,
    category: 'Security',
    security: true,
    cause: '',
    event: '',
    effect: '',
    probability,
    impact,
    score: probability * impact,
    band: bandOf(probability * impact),
    residualProbability: null,
    residualImpact: null,
    residualScore: probability * impact,
    residualBand: bandOf(probability * impact),
    costImpact: null,
    chancePercent: null,
    emv: null,
    currency: 'EUR',
    ownerId: null,
    owner: null,
    response: 'mitigate',
    opportunity: false,
    trigger: '',
    status: 'open',
    raised: '2026-11-02',
    nextReview: null,
    reviewOverdue: false,
    asset: '',
    threat: '',
    vulnerability: '',
    confidentiality: 0,
    integrity: 0,
    availability: 0,
    reference: '',
    threatens: [],
    windowStart: null,
    windowFinish: null,
    mitigations: [],
    mitigationPercent: null,
    history: [],
    rise: 0,
    issue: null,
    ...extra,
  };
}

describe('risk register', () => {
  it('bands scores as the backend does', () => {
    expect([1, 4, 5, 9, 10, 16, 20, 25].map(bandOf)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });

  it('draws probability 5 on the top row and impact 5 on the right', () => {
    const heat = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
    heat[3]![4] = 2; // probability 4, impact 5
    const cells = heatCells(heat);
    expect(cells).toHaveLength(25);
    expect(cells[0]).toMatchObject({ probability: 5, impact: 1 });
    expect(cells[4]).toMatchObject({ probability: 5, impact: 5, band: 'critical' });
    expect(cells[9]).toMatchObject({ probability: 4, impact: 5, count: 2, band: 'critical' });
    expect(cells[20]).toMatchObject({ probability: 1, impact: 1, band: 'low' });
  });

  it('filters by a cell on the inherent or the residual rating, active risks only', () => {
    const a = risk(1, 4, 5, { residualProbability: 2 });
    const closed = risk(2, 4, 5, { status: 'closed' });
    expect(inCell(a, { probability: 4, impact: 5 }, false)).toBe(true);
    expect(inCell(a, { probability: 4, impact: 5 }, true)).toBe(false);
    expect(inCell(a, { probability: 2, impact: 5 }, true)).toBe(true);
    expect(inCell(closed, { probability: 4, impact: 5 }, false)).toBe(false);
  });

  it('sorts by score, EMV or the soonest review, keeping the order of ties', () => {
    const rows = [
      risk(1, 2, 2, { emv: 500, nextReview: '2026-12-10' }),
      risk(2, 4, 5, { emv: null, nextReview: null }),
      risk(3, 2, 2, { emv: 9000, nextReview: '2026-11-28' }),
    ];
    expect(sortRisks(rows, 'score').map((r) => r.id)).toEqual([2, 1, 3]);
    expect(sortRisks(rows, 'emv').map((r) => r.id)).toEqual([3, 1, 2]);
    expect(sortRisks(rows, 'review').map((r) => r.id)).toEqual([3, 1, 2]);
  });

  it('fills the form from a risk, money back in major units', () => {
    const f = fieldsOf(risk(1, 4, 5, { costImpact: 4_000_000, chancePercent: 30, threatens: [{ id: 7, name: 'x', start: null, finish: null, percentComplete: 0 }] }), 'EUR');
    expect(f.costImpact).toBe('40000.00');
    expect(f.chancePercent).toBe('30');
    expect(f.threatens).toEqual([7]);
    expect(fieldsOf(null, 'EUR').title).toBe('');
  });

  it('plots a score history from 0 at the bottom to 25 at the top', () => {
    expect(trend([25, 0], 100, 20)).toBe('0.0,0.0 100.0,20.0');
    expect(trend([], 100, 20)).toBe('');
  });
});
