// Releases on the screen side: a release's form from its row (or a new
// one), the checklist by group, and the readiness tone.
import type { ChecklistRow, ReleaseFields, ReleaseRow } from '../lib/ipc';

/** The form of a release, or of a new one. */
export function releaseFieldsOf(r: ReleaseRow | null): ReleaseFields {
  if (!r) {
    return {
      name: '',
      version: '',
      milestoneId: null,
      createMilestone: false,
      state: 'planned',
      strategy: 'big_bang',
      windowStart: '',
      windowEnd: '',
      freezeStart: '',
      freezeEnd: '',
      rollbackSteps: '',
      rollbackOwnerId: null,
      rollbackDecideBy: '',
      rollbackMinutes: '',
      notes: '',
      scope: [],
      environments: [],
    };
  }
  return {
    name: r.name,
    version: r.version,
    milestoneId: r.milestone?.id ?? null,
    createMilestone: false,
    state: r.state,
    strategy: r.strategy,
    windowStart: r.windowStart ?? '',
    windowEnd: r.windowEnd ?? '',
    freezeStart: r.freezeStart ?? '',
    freezeEnd: r.freezeEnd ?? '',
    rollbackSteps: r.rollback.steps,
    rollbackOwnerId: r.rollback.ownerId,
    rollbackDecideBy: r.rollback.decideBy ?? '',
    rollbackMinutes: r.rollback.minutes ? String(r.rollback.minutes) : '',
    notes: r.notes,
    scope: r.scope.map((t) => t.id),
    environments: r.environments.filter((e) => e.passedOn).map((e) => [e.code, e.passedOn!] as [string, string]),
  };
}

/** The checklist's items by group, in the order the groups first appear. */
export function byGroup(items: ChecklistRow[]): [string, ChecklistRow[]][] {
  const groups = new Map<string, ChecklistRow[]>();
  for (const i of items) {
    const list = groups.get(i.groupLabel) ?? [];
    list.push(i);
    groups.set(i.groupLabel, list);
  }
  return [...groups.entries()];
}

/** good at 90 % and up, warn from 60 %, bad below; none without a scope. */
export function readinessTone(readiness: number | null): 'good' | 'warn' | 'bad' | 'none' {
  if (readiness === null) return 'none';
  return readiness >= 90 ? 'good' : readiness >= 60 ? 'warn' : 'bad';
}
