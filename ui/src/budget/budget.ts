// The budget view's pure parts: money as people read it, the formulas
// behind each earned-value figure, and the S-curve and burn chart laid out
// as points. Amounts arrive as integers in the currency's minor unit.
import type { CurvePoint, BurnMonth } from '../lib/ipc';
import { minorDigits } from '../team/people';

/** "46,000.00 EUR", "-6,000.00 EUR"; "–" for none. */
export function money(minor: number | null, currency: string): string {
  if (minor === null) return '–';
  const digits = minorDigits(currency);
  const major = minor / 10 ** digits;
  return `${major.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${currency}`;
}

/** "46k", "1.2M": amounts on a chart's axis. */
export function short(minor: number, currency: string): string {
  const major = minor / 10 ** minorDigits(currency);
  const abs = Math.abs(major);
  if (abs >= 1e6) return `${(major / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${Math.round(major / 1e3)}k`;
  return `${Math.round(major)}`;
}

/** A ratio to two places, "–" where it would divide by zero. */
export function ratio(r: number | null): string {
  return r === null || !Number.isFinite(r) ? '–' : r.toFixed(2);
}

/** Good, watch or bad, for an index where 1 is on plan. */
export function health(r: number | null, watch = 0.95, bad = 0.9): 'good' | 'watch' | 'bad' | 'none' {
  if (r === null) return 'none';
  if (r < bad) return 'bad';
  if (r < watch) return 'watch';
  return 'good';
}

/** What each figure means and how it is computed, for its tooltip. */
export const FORMULAS: Record<string, string> = {
  bac: 'Budget at completion: the baseline’s cost of the whole project.',
  pv: 'Planned value (BCWS): the baseline’s cost of the work scheduled up to the status date.',
  ev: 'Earned value (BCWP): each task’s baseline cost × its % complete.',
  ac: 'Actual cost (ACWP): hours logged × rates, plus fixed costs as they accrue.',
  cv: 'Cost variance: CV = EV − AC. Negative: the work done cost more than planned.',
  sv: 'Schedule variance: SV = EV − PV. Negative: less work done than planned.',
  cpi: 'Cost performance index: CPI = EV ÷ AC. Below 1: over budget.',
  spi: 'Schedule performance index: SPI = EV ÷ PV. Below 1: behind schedule.',
  eac: 'Estimate at completion: EAC = BAC ÷ CPI (the rest costs as the work so far did).',
  etc: 'Estimate to complete: ETC = EAC − AC.',
  vac: 'Variance at completion: VAC = BAC − EAC.',
  tcpi: 'To-complete performance index: TCPI = (BAC − EV) ÷ (BAC − AC): the efficiency the rest needs to meet the budget.',
  spit: 'Earned Schedule (Lipke): SPI(t) = ES ÷ AT, where ES is the time at which the plan expected the value earned now, and AT the time elapsed.',
  finish: 'Forecast finish: the baseline’s start + IEAC(t), where IEAC(t) = planned duration ÷ SPI(t).',
};

export interface Chart {
  width: number;
  height: number;
  /** Paths of planned value, earned value and actual cost. */
  pv: string;
  ev: string;
  ac: string;
  /** The forecast from the last actual point to the estimate at completion. */
  forecast: string;
  /** x of the status date; y ticks with labels. */
  status: number | null;
  ticks: { y: number; label: string }[];
  months: { x: number; label: string }[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Lays the S-curve out in a box of `width` × `height` with a margin for labels. */
export function sCurve(points: CurvePoint[], eac: number | null, forecastFinish: string | null, currency: string, width: number, height: number): Chart {
  const left = 56;
  const bottom = 22;
  const top = 10;
  const empty: Chart = { width, height, pv: '', ev: '', ac: '', forecast: '', status: null, ticks: [], months: [] };
  if (points.length === 0) return empty;
  const dates = points.map((p) => Date.parse(p.date));
  const first = dates[0]! - 7 * 864e5;
  let last = dates[dates.length - 1]!;
  const finish = forecastFinish ? Date.parse(forecastFinish) : NaN;
  if (Number.isFinite(finish) && finish > last) last = finish;
  const top$ = Math.max(...points.map((p) => Math.max(p.pv, p.ev ?? 0, p.ac ?? 0)), eac ?? 0, 1);
  const x = (t: number) => left + ((t - first) / Math.max(1, last - first)) * (width - left - 8);
  const y = (v: number) => height - bottom - (v / top$) * (height - bottom - top);
  const path = (values: (number | null)[]) => {
    let d = `M${x(first).toFixed(1)},${y(0).toFixed(1)}`;
    values.forEach((v, i) => {
      if (v !== null) d += ` L${x(dates[i]!).toFixed(1)},${y(v).toFixed(1)}`;
    });
    return d;
  };
  const lastActual = points.reduce((k, p, i) => (p.ac !== null ? i : k), -1);
  const forecast =
    lastActual >= 0 && eac !== null && Number.isFinite(finish)
      ? `M${x(dates[lastActual]!).toFixed(1)},${y(points[lastActual]!.ac ?? 0).toFixed(1)} L${x(finish).toFixed(1)},${y(eac).toFixed(1)}`
      : '';
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ y: y(top$ * f), label: short(top$ * f, currency) }));
  const months: { x: number; label: string }[] = [];
  const d = new Date(first);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + 1);
  while (d.getTime() <= last) {
    months.push({ x: x(d.getTime()), label: `${MONTHS[d.getUTCMonth()]}` });
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return {
    width,
    height,
    pv: path(points.map((p) => p.pv)),
    ev: path(points.map((p) => p.ev)),
    ac: path(points.map((p) => p.ac)),
    forecast,
    status: lastActual >= 0 ? x(dates[lastActual]!) : null,
    ticks,
    months,
  };
}

/** The burn chart's bars: planned and actual, cumulative, month by month (a future month has no actual). */
export function burnBars(months: BurnMonth[], width: number, height: number): { x: number; w: number; planned: number; actual: number | null; label: string }[] {
  if (months.length === 0) return [];
  const top = Math.max(...months.map((m) => Math.max(m.planned, m.actual)), 1);
  const slot = width / months.length;
  return months.map((m, i) => ({
    x: i * slot,
    w: slot,
    planned: (m.planned / top) * height,
    actual: m.actual < 0 ? null : (m.actual / top) * height,
    label: `${MONTHS[Number(m.month.slice(5, 7)) - 1] ?? ''}`,
  }));
}

/** The months from `start` to `finish` (dates or date-times), "YYYY-MM", at most `limit` of them. */
export function monthsBetween(start: string, finish: string, limit = 36): string[] {
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  const last = finish.slice(0, 7);
  const out: string[] = [];
  if (!Number.isInteger(y) || !Number.isInteger(m) || m < 1 || m > 12) return out;
  while (out.length < limit) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) break;
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** An amount as it is typed back: "12500.50", "" for nothing. */
export function typed(minor: number, currency: string): string {
  if (minor === 0) return '';
  const digits = minorDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}
