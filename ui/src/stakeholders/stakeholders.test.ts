import { describe, expect, it } from 'vitest';
import type { StakeholderRow } from '../lib/ipc';
import { initials, layout, place, ratingAt } from './stakeholders';

function row(id: number, influence: number, interest: number): StakeholderRow {
  return {
    id,
    name: `Person ${id}`,
    organisation: '',
    title: '',
    contact: '',
    influence,
    interest,
    quadrant: 'monitor',
    attitude: '',
    current: 'neutral',
    desired: 'supportive',
    gap: 1,
    needs: '',
    channel: '',
    roles: [],
    role: null,
  };
}

describe('power/interest grid', () => {
  it('puts high influence at the top and high interest on the right', () => {
    expect(place(5, 5, 300)).toEqual({ x: 270, y: 30 });
    expect(place(1, 1, 300)).toEqual({ x: 30, y: 270 });
  });

  it('turns a drop back into the rating of the cell it lands in, clamped to the scale', () => {
    for (const [inf, int] of [[1, 1], [2, 4], [5, 5], [4, 1]] as const) {
      const { x, y } = place(inf, int, 300);
      expect(ratingAt(x, y, 300)).toEqual({ influence: inf, interest: int });
    }
    expect(ratingAt(-40, 999, 300)).toEqual({ influence: 1, interest: 1 });
    expect(ratingAt(400, -5, 300)).toEqual({ influence: 5, interest: 5 });
  });

  it('spreads stakeholders who share a rating so each can be grabbed', () => {
    const [a, b, c] = layout([row(1, 4, 4), row(2, 4, 4), row(3, 1, 1)], 300);
    expect(a!.x !== b!.x || a!.y !== b!.y).toBe(true);
    expect(c).toMatchObject({ x: 30, y: 270 });
  });

  it('writes initials from the words of a name', () => {
    expect(initials('Claire Dubois')).toBe('CD');
    expect(initials('Works council')).toBe('WC');
    expect(initials('Élodie')).toBe('É');
  });
});
