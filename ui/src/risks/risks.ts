// The risk register's rules on the screen side: colours by score, the
// heat map's layout, sorting and filtering the list, and the form's fields
// from a risk. Scores, EMV and validation come from the backend.
import type { RiskFields, RiskRow } from '../lib/ipc';

export type Band = 'low' | 'medium' | 'high' | 'critical';

/** 1–4 low, 5–9 medium, 10–16 high, 20–25 critical, as the backend bands them. */
export function bandOf(score: number): Band {
  if (score <= 4) return 'low';
  if (score <= 9) return 'medium';
  if (score <= 16) return 'high';
  return 'critical';
}

/** A heat map cell, as drawn: probability 5 on the top row, impact 5 on the right. */
export interface Cell {
  probability: number;
  impact: number;
  count: number;
  band: Band;
}

/** The 5 × 5 cells in reading order (top-left first) from `heat[p − 1][i − 1]`. */
export function heatCells(heat: number[][]): Cell[] {
  const cells: Cell[] = [];
  for (let probability = 5; probability >= 1; probability--) {
    for (let impact = 1; impact <= 5; impact++) {
      const count = heat[probability - 1]?.[impact - 1] ?? 0;
      cells.push({ probability, impact, count, band: bandOf(probability * impact) });
    }
  }
  return cells;
}

export const ACTIVE = new Set(['open', 'monitoring']);

/** The residual rating, the inherent one where it was not assessed. */
export function residualOf(r: RiskRow): [number, number] {
  return [r.residualProbability ?? r.probability, r.residualImpact ?? r.impact];
}

/** Whether a risk sits in a heat map cell (active risks only). */
export function inCell(r: RiskRow, cell: { probability: number; impact: number }, residual: boolean): boolean {
  if (!ACTIVE.has(r.status)) return false;
  const [p, i] = residual ? residualOf(r) : [r.probability, r.impact];
  return p === cell.probability && i === cell.impact;
}

export type SortKey = 'score' | 'emv' | 'review';

/** Highest score or EMV first; soonest review first, none last. Ties keep the register's order. */
export function sortRisks(rows: RiskRow[], key: SortKey): RiskRow[] {
  const by: Record<SortKey, (a: RiskRow, b: RiskRow) => number> = {
    score: (a, b) => b.score - a.score,
    emv: (a, b) => (b.emv ?? -1) - (a.emv ?? -1),
    review: (a, b) => (a.nextReview ?? '9999').localeCompare(b.nextReview ?? '9999'),
  };
  return rows
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => by[key](a, b) || i - j)
    .map(([r]) => r);
}

export const CIA = ['none', 'low', 'medium', 'high'];
export const RESPONSES = ['avoid', 'mitigate', 'transfer', 'accept', 'exploit', 'enhance', 'share'];
export const STATUSES = ['open', 'monitoring', 'closed', 'occurred'];
export const SEVERITIES = ['low', 'medium', 'high', 'critical'];
export const ISSUE_STATUSES: [string, string][] = [
  ['open', 'Open'],
  ['in_progress', 'In progress'],
  ['resolved', 'Resolved'],
  ['closed', 'Closed'],
];

/** Minor units as typed in major units ("40000.00"), for editing. */
function typedAmount(minor: number | null, currency: string): string {
  if (minor === null) return '';
  const digits = currency === 'JPY' || currency === 'KRW' ? 0 : 2;
  return (minor / 10 ** digits).toFixed(digits);
}

/** The form's fields for a risk, or for a new one raised today. */
export function fieldsOf(r: RiskRow | null, currency: string): RiskFields {
  if (!r) {
    return {
      title: '',
      category: 'Security',
      cause: '',
      event: '',
      effect: '',
      probability: 3,
      impact: 3,
      residualProbability: null,
      residualImpact: null,
      costImpact: '',
      chancePercent: '',
      ownerId: null,
      response: 'mitigate',
      trigger: '',
      status: 'open',
      raised: '',
      nextReview: '',
      asset: '',
      threat: '',
      vulnerability: '',
      confidentiality: 0,
      integrity: 0,
      availability: 0,
      reference: '',
      threatens: [],
      note: '',
    };
  }
  return {
    title: r.title,
    category: r.category,
    cause: r.cause,
    event: r.event,
    effect: r.effect,
    probability: r.probability,
    impact: r.impact,
    residualProbability: r.residualProbability,
    residualImpact: r.residualImpact,
    costImpact: typedAmount(r.costImpact, currency),
    chancePercent: r.chancePercent === null ? '' : String(r.chancePercent),
    ownerId: r.ownerId,
    response: r.response,
    trigger: r.trigger,
    status: r.status,
    raised: r.raised,
    nextReview: r.nextReview ?? '',
    asset: r.asset,
    threat: r.threat,
    vulnerability: r.vulnerability,
    confidentiality: r.confidentiality,
    integrity: r.integrity,
    availability: r.availability,
    reference: r.reference,
    threatens: r.threatens.map((t) => t.id),
    note: '',
  };
}

/** The score history as an SVG polyline's points, oldest left. */
export function trend(scores: number[], width: number, height: number): string {
  if (scores.length === 0) return '';
  const step = scores.length > 1 ? width / (scores.length - 1) : 0;
  return scores.map((s, i) => `${(i * step).toFixed(1)},${(height - (s / 25) * height).toFixed(1)}`).join(' ');
}
