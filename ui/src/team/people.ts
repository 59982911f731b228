// Money and skills as the team views show them. Amounts arrive as integers
// in the currency's minor unit; how many digits that is comes from the
// currency itself (none for JPY, three for KWD).
import type { LoadPerson } from '../lib/ipc';

/** Digits of the currency's minor unit. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "95.00 EUR", "12,000 JPY"; "–" for nothing. */
export function formatRate(minor: number, currency: string): string {
  if (minor === 0) return '–';
  const digits = minorDigits(currency);
  const major = minor / 10 ** digits;
  return `${major.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${currency}`;
}

/** An amount as the rate fields hold it for editing: "95.50", "" for none. */
export function amountText(minor: number, currency: string): string {
  if (minor === 0) return '';
  const digits = minorDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/** Every skill anyone has, for the matrix's columns, spelt as first met and
 * counted without case: the most widely held first, then by name. */
export function skillColumns(people: { skills: { name: string }[] }[]): string[] {
  const count = new Map<string, { name: string; n: number }>();
  for (const p of people)
    for (const s of p.skills) {
      const key = s.name.toLowerCase();
      const c = count.get(key) ?? { name: s.name, n: 0 };
      c.n += 1;
      count.set(key, c);
    }
  return [...count.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name)).map((c) => c.name);
}

/** Who knows a skill (case and spaces ignored), best level first. */
export function whoKnows<P extends { name: string; skills: { name: string; level: number }[] }>(people: P[], skill: string): P[] {
  const want = skill.trim().toLowerCase();
  if (!want) return people;
  const level = (p: P) => p.skills.find((s) => s.name.toLowerCase().includes(want))?.level ?? 0;
  return people.filter((p) => level(p) > 0).sort((a, b) => level(b) - level(a) || a.name.localeCompare(b.name));
}

export type { LoadPerson };
