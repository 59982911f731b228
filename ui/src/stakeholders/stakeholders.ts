// The power/interest grid's geometry (a rating to a place and a drop back
// to a rating), the engagement matrix, and the stakeholder form's fields.
import type { StakeholderFields, StakeholderRow } from '../lib/ipc';

export const ENGAGEMENTS = ['unaware', 'resistant', 'neutral', 'supportive', 'leading'] as const;
export const FREQUENCIES: [string, string][] = [
  ['weekly', 'Weekly'],
  ['fortnightly', 'Fortnightly'],
  ['monthly', 'Monthly'],
  ['milestone', 'At each milestone'],
];
export const QUADRANTS: Record<string, string> = {
  manage_closely: 'Manage closely',
  keep_satisfied: 'Keep satisfied',
  keep_informed: 'Keep informed',
  monitor: 'Monitor',
};

/** The grid: interest 1–5 left to right, influence 1–5 bottom to top, each
 * rating the middle of its fifth of `size` pixels. */
export function place(influence: number, interest: number, size: number): { x: number; y: number } {
  const step = size / 5;
  return { x: (interest - 0.5) * step, y: size - (influence - 0.5) * step };
}

/** The rating a point of the grid stands for, clamped to 1–5. */
export function ratingAt(x: number, y: number, size: number): { influence: number; interest: number } {
  const clamp = (v: number) => Math.min(5, Math.max(1, Math.floor(v) + 1));
  return { interest: clamp((x / size) * 5), influence: clamp(((size - y) / size) * 5) };
}

/** Several stakeholders on one rating are spread around its middle so each
 * stays visible and draggable: the offset of the `index`-th of `count`. */
export function spread(index: number, count: number, radius: number): { dx: number; dy: number } {
  if (count <= 1) return { dx: 0, dy: 0 };
  const angle = (2 * Math.PI * index) / count - Math.PI / 2;
  return { dx: Math.cos(angle) * radius, dy: Math.sin(angle) * radius };
}

/** Each stakeholder's place on the grid, spread where several share a rating. */
export function layout(rows: StakeholderRow[], size: number): { row: StakeholderRow; x: number; y: number }[] {
  const groups = new Map<string, StakeholderRow[]>();
  for (const r of rows) {
    const key = `${r.influence}-${r.interest}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return rows.map((row) => {
    const group = groups.get(`${row.influence}-${row.interest}`) ?? [row];
    const { x, y } = place(row.influence, row.interest, size);
    const { dx, dy } = spread(group.indexOf(row), group.length, size / 14);
    return { row, x: x + dx, y: y + dy };
  });
}

/** Initials for a dot: "Claire Dubois" → "CD", "Works council" → "WC". */
export function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  return words
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

export function fieldsOf(s: StakeholderRow | null): StakeholderFields {
  return {
    name: s?.name ?? '',
    organisation: s?.organisation ?? '',
    title: s?.title ?? '',
    contact: s?.contact ?? '',
    influence: s?.influence ?? 3,
    interest: s?.interest ?? 3,
    attitude: s?.attitude ?? '',
    current: s?.current ?? 'neutral',
    desired: s?.desired ?? 'supportive',
    needs: s?.needs ?? '',
    channel: s?.channel ?? '',
  };
}
