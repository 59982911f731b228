// Close-out on the screen side: a slip in days as people say it.

/** "on time", "3 days late", "1 day early"; empty without a plan to compare. */
export function slipText(days: number | null): string {
  if (days === null) return '';
  if (days === 0) return 'on time';
  const n = Math.abs(days);
  return `${n} day${n === 1 ? '' : 's'} ${days > 0 ? 'late' : 'early'}`;
}
