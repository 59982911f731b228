// The one place that talks to the Rust side. Views call `api.*`; nothing
// else imports @tauri-apps. Wire types come from ./bindings.ts, generated
// from crates/gantry-api/src/wire.rs.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type * as W from './bindings';
import { linkRows, taskRows } from './table';

export type * from './bindings';

/** A project with its scheduled WBS, its rows as objects. */
export type ProjectPlan = Omit<W.ProjectPlan, 'tasks' | 'links'> & { tasks: W.TaskRow[]; links: W.LinkRow[] };

/** A command the backend refused, with a message for people. */
export class CommandError extends Error {
  readonly code: W.ErrorCode;
  readonly field: string | null;
  constructor(e: W.ApiError) {
    super(e.message);
    this.code = e.code;
    this.field = e.field;
  }
}

function isApiError(e: unknown): e is W.ApiError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isApiError(e)) throw new CommandError(e);
    throw new CommandError({ code: 'storage', message: String(e), field: null });
  }
}

export const api = {
  portfolioInfo: () => call<W.PortfolioInfo>('portfolio_info'),
  startupProblem: () => call<W.ApiError | null>('startup_problem'),
  listProjects: () => call<W.ProjectSummary[]>('list_projects'),
  listCalendars: () => call<W.CalendarChoice[]>('list_calendars'),
  createProject: (fields: W.ProjectFields) => call<number>('create_project', { fields }),
  updateProject: (id: number, fields: W.ProjectFields) => call<void>('update_project', { id, fields }),
  deleteProject: (id: number) => call<void>('delete_project', { id }),
  projectPlan: async (id: number): Promise<ProjectPlan> => {
    const plan = await call<W.ProjectPlan>('project_plan', { id });
    return { ...plan, tasks: taskRows(plan.tasks), links: linkRows(plan.links) };
  },
  addTask: (task: W.NewTask) => call<number>('add_task', { task }),
  editTask: (project: number, id: number, edit: W.TaskEdit) => call<W.Rescheduled>('edit_task', { project, id, edit }),
  shiftTask: (project: number, id: number, shift: W.Shift) => call<void>('shift_task', { project, id, shift }),
  deleteTask: (project: number, id: number) => call<W.Deleted>('delete_task', { project, id }),
  /** `shown`: the tasks whose new dates the answer lists; all when absent. */
  previewDrag: (project: number, drag: W.Drag, shown?: number[]) =>
    call<W.Rescheduled>('preview_drag', { project, drag, shown: shown ?? null }),
  dropDrag: (project: number, drag: W.Drag, shown?: number[]) => call<W.Rescheduled>('drop_drag', { project, drag, shown: shown ?? null }),
  addLink: (project: number, link: W.NewLink) => call<number>('add_link', { project, link }),
  editLink: (project: number, id: number, edit: W.LinkEdit) => call<void>('edit_link', { project, id, edit }),
  removeLink: (project: number, id: number) => call<void>('remove_link', { project, id }),
  saveBaseline: (project: number, name: string) => call<number>('save_baseline', { project, name }),
  deleteBaseline: (project: number, id: number) => call<void>('delete_baseline', { project, id }),
  baselineDates: (id: number) => call<W.BaselineDates[]>('baseline_dates', { id }),
  exportReport: (project: number | null, options: W.ReportOptions, open: boolean) =>
    call<W.ReportWritten | null>('export_report', { project, options, open }),
  projectBoard: (project: number) => call<W.ProjectBoard>('project_board', { project }),
  moveCard: (project: number, task: number, drop: W.CardDrop) => call<W.CardMoved>('move_card', { project, task, drop }),
  addBoardColumn: (project: number, fields: W.ColumnFields, after: number | null) =>
    call<number>('add_board_column', { project, fields, after }),
  editBoardColumn: (project: number, id: number, fields: W.ColumnFields) => call<void>('edit_board_column', { project, id, fields }),
  moveBoardColumn: (project: number, id: number, to: number) => call<void>('move_board_column', { project, id, to }),
  deleteBoardColumn: (project: number, id: number) => call<void>('delete_board_column', { project, id }),
  setWipPolicy: (project: number, policy: W.WipPolicy) => call<void>('set_wip_policy', { project, policy }),
  createSprint: (project: number, fields: W.SprintFields) => call<number>('create_sprint', { project, fields }),
  editSprint: (project: number, id: number, fields: W.SprintFields) => call<void>('edit_sprint', { project, id, fields }),
  deleteSprint: (project: number, id: number) => call<void>('delete_sprint', { project, id }),
  planTask: (project: number, task: number, sprint: number | null) => call<void>('plan_task', { project, task, sprint }),
  startSprint: (project: number, id: number) => call<void>('start_sprint', { project, id }),
  closeSprint: (project: number, id: number, carry: W.CarryOver) => call<void>('close_sprint', { project, id, carry }),
  undo: () => call<string | null>('undo'),
  redo: () => call<string | null>('redo'),
  team: () => call<W.Person[]>('team'),
  addPerson: (fields: W.PersonFields) => call<number>('add_person', { fields }),
  editPerson: (id: number, fields: W.PersonFields) => call<void>('edit_person', { id, fields }),
  /** True when the person was retired (they have history), false when removed. */
  retirePerson: (id: number) => call<boolean>('retire_person', { id }),
  reinstatePerson: (id: number) => call<void>('reinstate_person', { id }),
  addAbsence: (absence: W.NewAbsence) => call<number>('add_absence', { absence }),
  removeAbsence: (id: number) => call<void>('remove_absence', { id }),
  /** Sets a person's rates from a day on. */
  addRateChange: (change: W.NewRateChange) => call<number>('add_rate_change', { change }),
  removeRateChange: (id: number) => call<void>('remove_rate_change', { id }),
  taskStaffing: (task: number) => call<W.TaskStaffing>('task_staffing', { task }),
  staffTask: (project: number, task: number, edit: W.StaffEdit) => call<W.TaskStaffing>('staff_task', { project, task, edit }),
  findPeople: (task: number) => call<W.Candidate[]>('find_people', { task }),
  /** Everyone's load, without the tasks behind each cell. */
  budget: (project: number) => call<W.BudgetView>('budget', { project }),
  contractsDue: () => call<W.ContractRow[]>('contracts_due'),
  budgetSettings: () => call<W.BudgetSettings>('budget_settings'),
  setBudgetSettings: (eacMethod: string, warnBelow: string, badBelow: string, earnedFrom: string) =>
    call<void>('set_budget_settings', { eacMethod, warnBelow, badBelow, earnedFrom }),
  addPayment: (project: number, payment: W.NewPayment) => call<number>('add_payment', { project, payment }),
  setPaymentPaid: (project: number, id: number, paid: boolean) => call<void>('set_payment_paid', { project, id, paid }),
  removePayment: (project: number, id: number) => call<void>('remove_payment', { project, id }),
  /** A task's physical % complete, "" to clear it. */
  setPhysicalProgress: (project: number, task: number, percent: string) =>
    call<void>('set_physical_progress', { project, task, percent }),
  /** Each project's budget, spend and earned value, for the portfolio page. */
  portfolioMoney: () => call<W.ProjectMoney[]>('portfolio_money'),
  addCostResource: (resource: W.NewCostResource) => call<number>('add_cost_resource', { resource }),
  /** A quantity of a material, or an amount of a cost resource, on a task; empty takes it off. */
  useResource: (project: number, task: number, resource: number, value: string) =>
    call<void>('use_resource', { project, task, resource, value }),
  addBudgetLine: (project: number, fields: W.LineFields) => call<number>('add_budget_line', { project, fields }),
  editBudgetLine: (project: number, id: number, fields: W.LineFields) => call<void>('edit_budget_line', { project, id, fields }),
  removeBudgetLine: (project: number, id: number) => call<void>('remove_budget_line', { project, id }),
  planBudgetMonth: (project: number, line: number, month: string, amount: string) =>
    call<void>('plan_budget_month', { project, line, month, amount }),
  setFixedCost: (project: number, task: number, amount: string, accrual: string) =>
    call<void>('set_fixed_cost', { project, task, amount, accrual }),
  addExpenditure: (expenditure: W.NewExpenditure) => call<number>('add_expenditure', { expenditure }),
  removeExpenditure: (project: number, id: number) => call<void>('remove_expenditure', { project, id }),
  importExpenditures: (project: number, csv: string, mapping: W.CsvMapping) =>
    call<number>('import_expenditures', { project, csv, mapping }),
  addContract: (contract: W.NewContract) => call<number>('add_contract', { contract }),
  stakeholderView: (project: number) => call<W.StakeholderView>('stakeholder_view', { project }),
  /** Adds a stakeholder to the register with a role in `project`. */
  addStakeholder: (project: number, role: string, fields: W.StakeholderFields) =>
    call<number>('add_stakeholder', { project, role, fields }),
  editStakeholder: (project: number, id: number, fields: W.StakeholderFields) =>
    call<void>('edit_stakeholder', { project, id, fields }),
  /** Re-assesses influence and interest: a drop on the power/interest grid. */
  rateStakeholder: (project: number, id: number, influence: number, interest: number) =>
    call<void>('rate_stakeholder', { project, id, influence, interest }),
  setStakeholderRole: (project: number, id: number, role: string) => call<void>('set_stakeholder_role', { project, id, role }),
  removeStakeholderRole: (project: number, id: number) => call<void>('remove_stakeholder_role', { project, id }),
  removeStakeholder: (project: number, id: number) => call<void>('remove_stakeholder', { project, id }),
  addCommunication: (project: number, fields: W.CommunicationFields) => call<number>('add_communication', { project, fields }),
  editCommunication: (project: number, id: number, fields: W.CommunicationFields) =>
    call<void>('edit_communication', { project, id, fields }),
  removeCommunication: (project: number, id: number) => call<void>('remove_communication', { project, id }),
  markCommunicationSent: (project: number, id: number) => call<void>('mark_communication_sent', { project, id }),
  meetingsView: (project: number) => call<W.MeetingsView>('meetings_view', { project }),
  /** Overdue actions and communications across the portfolio. */
  followUps: () => call<W.FollowUps>('follow_ups'),
  searchDecisions: (project: number | null, query: string) => call<W.DecisionRow[]>('search_decisions', { project, query }),
  addMeeting: (project: number, fields: W.MeetingFields) => call<number>('add_meeting', { project, fields }),
  editMeeting: (project: number, id: number, fields: W.MeetingFields) => call<void>('edit_meeting', { project, id, fields }),
  removeMeeting: (project: number, id: number) => call<void>('remove_meeting', { project, id }),
  addAction: (project: number, fields: W.ActionFields) => call<number>('add_action', { project, fields }),
  editAction: (project: number, id: number, fields: W.ActionFields) => call<void>('edit_action', { project, id, fields }),
  removeAction: (project: number, id: number) => call<void>('remove_action', { project, id }),
  /** Makes the action a task of the plan; returns the task's id. */
  actionToTask: (project: number, id: number) => call<number>('action_to_task', { project, id }),
  addDecision: (project: number, fields: W.DecisionFields) => call<number>('add_decision', { project, fields }),
  editDecision: (project: number, id: number, fields: W.DecisionFields) => call<void>('edit_decision', { project, id, fields }),
  removeDecision: (project: number, id: number) => call<void>('remove_decision', { project, id }),
  releasesView: (project: number) => call<W.ReleasesView>('releases_view', { project }),
  /** Every release not yet live across the portfolio, with clashes, and every freeze. */
  releaseCalendar: () => call<W.ReleaseCalendar>('release_calendar'),
  projectFreezes: (project: number) => call<W.FreezeRow[]>('project_freezes', { project }),
  addRelease: (project: number, fields: W.ReleaseFields) => call<number>('add_release', { project, fields }),
  editRelease: (project: number, id: number, fields: W.ReleaseFields) => call<void>('edit_release', { project, id, fields }),
  setReleaseState: (project: number, id: number, value: string) => call<void>('set_release_state', { project, id, value }),
  removeRelease: (project: number, id: number) => call<void>('remove_release', { project, id }),
  addChecklistItem: (project: number, release: number, fields: W.ChecklistFields) =>
    call<number>('add_checklist_item', { project, release, fields }),
  editChecklistItem: (project: number, id: number, fields: W.ChecklistFields) =>
    call<void>('edit_checklist_item', { project, id, fields }),
  tickChecklistItem: (project: number, id: number, done: boolean) => call<void>('tick_checklist_item', { project, id, done }),
  removeChecklistItem: (project: number, id: number) => call<void>('remove_checklist_item', { project, id }),
  /** Adds a template's items (0: the standard go-live checklist); returns how many. */
  applyChecklistTemplate: (project: number, release: number, template: number, owner: number | null) =>
    call<number>('apply_checklist_template', { project, release, template, owner }),
  saveChecklistTemplate: (project: number, release: number, name: string) =>
    call<number>('save_checklist_template', { project, release, name }),
  addCheckpoint: (project: number, release: number, fields: W.CheckpointFields) =>
    call<number>('add_checkpoint', { project, release, fields }),
  editCheckpoint: (project: number, id: number, fields: W.CheckpointFields) =>
    call<void>('edit_checkpoint', { project, id, fields }),
  removeCheckpoint: (project: number, id: number) => call<void>('remove_checkpoint', { project, id }),
  addWave: (project: number, release: number, fields: W.WaveFields) => call<number>('add_wave', { project, release, fields }),
  removeWave: (project: number, id: number) => call<void>('remove_wave', { project, id }),
  /** Saves releases as iCalendar where the user picks; the path, or null when cancelled. */
  exportReleaseCalendar: (project: number | null) => call<string | null>('export_release_calendar', { project }),
  /** Writes a project as `mspdi`, `csv` or `ics` where the user picks; the path, or null when cancelled. */
  exportProject: (project: number, format: 'mspdi' | 'csv' | 'ics' | 'risks-csv' | 'expenditures-csv') => call<string | null>('export_project', { project, format }),
  closeoutView: (project: number) => call<W.CloseOutView>('closeout_view', { project }),
  /** Lessons learned across the portfolio matching every word. */
  searchLessons: (query: string) => call<W.LessonRow[]>('search_lessons', { query }),
  closeProject: (project: number, fields: W.CloseFields) => call<void>('close_project', { project, fields }),
  reopenProject: (project: number) => call<void>('reopen_project', { project }),
  addLesson: (project: number, fields: W.LessonFields) => call<number>('add_lesson', { project, fields }),
  editLesson: (project: number, id: number, fields: W.LessonFields) => call<void>('edit_lesson', { project, id, fields }),
  removeLesson: (project: number, id: number) => call<void>('remove_lesson', { project, id }),
  riskRegister: (project: number) => call<W.RiskRegister>('risk_register', { project }),
  /** The portfolio's top risks and each project's highest open risk. */
  portfolioRisks: () => call<W.PortfolioRisks>('portfolio_risks'),
  addRisk: (project: number, fields: W.RiskFields) => call<number>('add_risk', { project, fields }),
  /** A changed rating is kept as an assessment dated today. */
  editRisk: (project: number, id: number, fields: W.RiskFields) => call<void>('edit_risk', { project, id, fields }),
  reviewRisk: (project: number, id: number, nextReview: string, note: string) =>
    call<void>('review_risk', { project, id, nextReview, note }),
  removeRisk: (project: number, id: number) => call<void>('remove_risk', { project, id }),
  /** Creates the mitigation as a task of the plan; returns the task's id. */
  addMitigationTask: (project: number, risk: number, name: string) => call<number>('add_mitigation_task', { project, risk, name }),
  linkMitigation: (project: number, risk: number, task: number) => call<void>('link_mitigation', { project, risk, task }),
  unlinkMitigation: (project: number, risk: number, task: number) => call<void>('unlink_mitigation', { project, risk, task }),
  riskToIssue: (project: number, risk: number) => call<number>('risk_to_issue', { project, risk }),
  addIssue: (project: number, fields: W.IssueFields) => call<number>('add_issue', { project, fields }),
  editIssue: (project: number, id: number, fields: W.IssueFields) => call<void>('edit_issue', { project, id, fields }),
  removeIssue: (project: number, id: number) => call<void>('remove_issue', { project, id }),
  workload: (from: string, to: string, by: W.Period) => call<W.Workload>('workload', { from, to, by }),
  /** One person's load, with the tasks behind each period. */
  personWorkload: (member: number, from: string, to: string, by: W.Period) =>
    call<W.LoadPerson>('person_workload', { member, from, to, by }),
  timesheet: (member: number, week: string) => call<W.Timesheet>('timesheet', { member, week }),
  logHours: (log: W.LogHours) => call<void>('log_hours', { log }),
  correctHours: (correction: W.Correction) => call<number>('correct_hours', { correction }),
  reviewWeek: (member: number, week: string, action: W.WeekAction) => call<W.WeekState>('review_week', { member, week, action }),
  progressFromHours: (project: number) => call<number>('progress_from_hours', { project }),
  /** The path written, or null when the user cancelled the dialog. */
  exportTimesheets: (from: string, to: string) => call<string | null>('export_timesheets', { from, to }),
  recentFiles: () => call<W.RecentFile[]>('recent_files'),
  openPortfolio: () => call<boolean>('open_portfolio'),
  newPortfolio: () => call<boolean>('new_portfolio'),
  openRecent: (index: number) => call<boolean>('open_recent', { index }),
  about: () => call<[string, string][]>('about'),
  /** Asks for a plan file; its name, or null when the user cancelled. previewImport then reads it. */
  chooseImport: () => call<string | null>('choose_import'),
  previewImport: (options: W.ImportOptions) => call<W.ImportPreview>('preview_import', { options }),
  importChosen: (options: W.ImportOptions) => call<W.Imported>('import_chosen', { options }),
  cancelImport: () => call<null>('cancel_import'),
  history: () => call<W.HistoryRow[]>('history'),
  listSnapshots: () => call<W.SnapshotRow[]>('list_snapshots'),
  restoreSnapshot: (name: string) => call<W.Restored>('restore_snapshot', { name }),
};

/** Calls `handler` after every committed change, from any view. */
export function onChanged(handler: (c: W.Changed) => void): Promise<UnlistenFn> {
  return listen<W.Changed>('portfolio-changed', (e) => handler(e.payload));
}

/** Calls `handler` with messages the backend sends on its own (a file a
 * second launch asked for could not be opened …). */
export function onNotice(handler: (message: string) => void): Promise<UnlistenFn> {
  return listen<string>('notice', (e) => handler(e.payload));
}
