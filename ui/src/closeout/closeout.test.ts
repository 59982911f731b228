import { describe, expect, it } from 'vitest';
import { slipText } from './closeout';

describe('close-out', () => {
  it('says a slip as people say it', () => {
    expect([null, 0, 1, 14, -1, -3].map(slipText)).toEqual(['', 'on time', '1 day late', '14 days late', '1 day early', '3 days early']);
  });
});
