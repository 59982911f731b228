// The report dialog's choices: what a report holds and how it is printed.
// They are remembered per project (and for the portfolio report) in the
// webview's local storage; damaged or outdated saved choices fall back to
// the defaults instead of failing.

import type { ChartLayout, Orientation, Paper, ReportOptions, Section } from '../lib/ipc';

export const SECTIONS: readonly { key: Section; label: string; hint: string }[] = [
  { key: 'summary', label: 'Summary page', hint: 'Status, key figures, phases and next milestones' },
  { key: 'gantt', label: 'Gantt chart', hint: 'Bars, links, critical path and baseline, as vector graphics' },
  { key: 'milestones', label: 'Milestones', hint: 'Every milestone against the baseline' },
  { key: 'budget', label: 'Budget and earned value', hint: 'EVM figures, the S-curve, variance by budget line, contracts up for renewal' },
  { key: 'risks', label: 'Risks and issues', hint: 'The heat map, the ten highest risks with owner and response, open issues' },
  { key: 'decisions', label: 'Decisions and actions', hint: 'Decisions of the last 90 days with why and who, open action items' },
  { key: 'releases', label: 'Release readiness', hint: 'A page a release: readiness, checklist, go/no-go criteria, rollback and the changeover window' },
  { key: 'team', label: 'Team', hint: 'Who works on it, their hours, and who is over-allocated in the coming weeks' },
  { key: 'tasks', label: 'Task table', hint: 'Every task with dates, progress, slack and people' },
];
export const PAPERS: readonly { key: Paper; label: string }[] = [
  { key: 'a4', label: 'A4' },
  { key: 'letter', label: 'Letter' },
  { key: 'a3', label: 'A3' },
];
export const ORIENTATIONS: readonly Orientation[] = ['landscape', 'portrait'];
export const LAYOUTS: readonly { key: ChartLayout; label: string }[] = [
  { key: 'fit_width', label: 'Fit to page width' },
  { key: 'tiled', label: 'Readable scale, across pages' },
];

export interface ReportChoices extends ReportOptions {
  /** Open the PDF in the system viewer once it is saved. */
  open: boolean;
}

export const DEFAULT_CHOICES: ReportChoices = {
  sections: ['summary', 'gantt', 'milestones', 'budget', 'risks', 'decisions', 'releases', 'team', 'tasks'],
  paper: 'a4',
  orientation: 'landscape',
  chartLayout: 'fit_width',
  from: '',
  to: '',
  baselineId: null,
  open: true,
};

/** The storage key of a project's choices; `null` is the portfolio report. */
export function storageKey(project: number | null): string {
  return project === null ? 'gantry.report.portfolio' : `gantry.report.${project}`;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function pick<T>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Reads saved choices, keeping only what is still valid. */
export function readChoices(raw: string | null): ReportChoices {
  if (!raw) return { ...DEFAULT_CHOICES };
  try {
    const d = JSON.parse(raw) as Partial<Record<keyof ReportChoices, unknown>>;
    const known = SECTIONS.map((s) => s.key);
    const sections = Array.isArray(d.sections) ? known.filter((k) => (d.sections as unknown[]).includes(k)) : [];
    return {
      sections: sections.length > 0 ? sections : [...DEFAULT_CHOICES.sections],
      paper: pick(d.paper, PAPERS.map((p) => p.key), DEFAULT_CHOICES.paper),
      orientation: pick(d.orientation, ORIENTATIONS, DEFAULT_CHOICES.orientation),
      chartLayout: pick(d.chartLayout, LAYOUTS.map((l) => l.key), DEFAULT_CHOICES.chartLayout),
      from: typeof d.from === 'string' && DAY.test(d.from) ? d.from : '',
      to: typeof d.to === 'string' && DAY.test(d.to) ? d.to : '',
      baselineId: typeof d.baselineId === 'number' && Number.isInteger(d.baselineId) ? d.baselineId : null,
      open: typeof d.open === 'boolean' ? d.open : DEFAULT_CHOICES.open,
    };
  } catch {
    return { ...DEFAULT_CHOICES };
  }
}

/** The sections in print order, each once. */
export function toggleSection(sections: readonly Section[], key: Section, on: boolean): Section[] {
  const set = new Set(sections);
  if (on) set.add(key);
  else set.delete(key);
  return SECTIONS.map((s) => s.key).filter((k) => set.has(k));
}

/** Why these choices cannot make a report, or `null` when they can. */
export function problem(c: ReportOptions): string | null {
  if (c.sections.length === 0) return 'Choose at least one section.';
  if (c.from && c.to && c.to < c.from) return 'The chart’s last day is before its first.';
  return null;
}

/** The choices as the backend takes them (without `open`). */
export function toOptions(c: ReportChoices, baselines: readonly { id: number }[]): ReportOptions {
  const baselineId = c.baselineId !== null && baselines.some((b) => b.id === c.baselineId) ? c.baselineId : null;
  return {
    sections: c.sections,
    paper: c.paper,
    orientation: c.orientation,
    chartLayout: c.chartLayout,
    from: c.from,
    to: c.to,
    baselineId,
  };
}
