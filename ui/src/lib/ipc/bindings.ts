// Generated from crates/gantry-api/src/wire.rs by `UPDATE_BINDINGS=1 cargo test -p gantry-api`.
// Do not edit by hand.

export type Table = { fields: string[], rows: unknown[][] };

export type ApiError = { code: ErrorCode, message: string, 
/**
 * The input field that was wrong, when one was.
 */
field: string | null, };

export type ErrorCode = "invalid" | "not_found" | "cycle" | "not_a_portfolio" | "newer_format" | "damaged" | "no_portfolio" | "storage" | "read_only" | "disk_full";

export type PortfolioInfo = { path: string, name: string, undo: string | null, redo: string | null, 
/**
 * Why the portfolio is open for reading only; absent when it can be changed.
 */
readOnly: string | null, };

export type ProjectSummary = { id: number, name: string, manager: string, methodology: Methodology, 
/**
 * `YYYY-MM-DDTHH:MM:SS`, computed by the scheduler.
 */
start: string, finish: string, status: ProjectStatus, statusReason: string, taskCount: number, 
/**
 * Work-weighted completion, 0–100.
 */
percentComplete: number, criticalCount: number, 
/**
 * Forecast finish minus the newest baseline's, in working days
 * (positive: late); `None` without a baseline.
 */
finishVarianceDays: number | null, baselineName: string | null, 
/**
 * The first milestone not yet reached: name and `YYYY-MM-DDTHH:MM:SS`.
 */
nextMilestone: [string, string] | null, 
/**
 * The day it was closed; a closed project is archived read-only.
 */
closedOn: string | null, };

export type ProjectFields = { name: string, goal: string, scope: string, methodology: Methodology, manager: string, 
/**
 * `YYYY-MM-DD`.
 */
start: string, status: ProjectStatus, statusReason: string, currency: string, calendarId: number, 
/**
 * `YYYY-MM-DD`, or empty: the day progress was last reported for.
 */
statusDate: string, };

export type CalendarChoice = { id: number, name: string, 
/**
 * Holidays and other exceptions, for display.
 */
exceptions: Array<string>, };

export type TaskRow = { id: number, parentId: number | null, depth: number, outline: string, name: string, notes: string, kind: TaskKind, durationMinutes: number, duration: string, start: string, finish: string, percentComplete: number, boardStatus: BoardStatus, priority: Priority, constraintKind: ConstraintKind, constraintDate: string | null, totalSlackMinutes: number, critical: boolean, hasChildren: boolean, 
/**
 * Outline numbers of predecessors with type and lag, e.g. "1.2FS+2d".
 */
predecessors: string, assignees: Array<AssigneeRef>, 
/**
 * Minutes of work its people are to do, and have logged; a summary's
 * are its subtasks' together.
 */
workMinutes: number, actualWorkMinutes: number, 
/**
 * When work really started and finished, `YYYY-MM-DDTHH:MM:SS`.
 */
actualStart: string | null, actualFinish: string | null, labels: Array<string>, 
/**
 * How long leveling holds it back, as typed ("2d", "3ed"); empty for
 * none.
 */
levelingDelay: string, 
/**
 * The stretches of its work when it pauses (a split task), in order;
 * empty when it runs without a break.
 */
segments: Array<Segment>, 
/**
 * Its own calendar, when not the project's.
 */
calendarId: number | null, 
/**
 * Its own calendar alone places its work, not its people's too.
 */
ignoresPeopleCalendars: boolean, 
/**
 * When it should be done by, `YYYY-MM-DDTHH:MM:SS`; its late finish is
 * no later.
 */
deadline: string | null, };

export type AssigneeRef = { memberId: number, name: string, initials: string, unitsPercent: number, 
/**
 * Minutes of work the task asks of them.
 */
workMinutes: number, };

export type Segment = { start: string, finish: string, };

export type LinkRow = { id: number, predecessor: number, successor: number, kind: LinkKind, lagMinutes: number, 
/**
 * The lag as the plan shows it ("+2d", "-4h", "+1ed"), empty for none.
 */
lag: string, };

export type NewLink = { predecessor: number, successor: number, kind: LinkKind, 
/**
 * As typed: "2d", "-4h"; empty for none.
 */
lag: string, };

export type LinkEdit = { kind: LinkKind, lag: string, };

export type CalendarDay = { 
/**
 * `YYYY-MM-DD`.
 */
date: string, working: boolean, };

export type BaselineInfo = { id: number, name: string, savedAt: string, };

export type BaselineDates = { taskId: number, start: string, finish: string, };

export type Drag = { "kind": "move", tasks: Array<number>, minutes: number, } | { "kind": "resize", task: number, finish: string, };

export type ProjectPlan = { id: number, fields: ProjectFields, calendarName: string, start: string, finish: string, 
/**
 * Sent as a `Table`: the field names once, then each row's values.
 */
tasks: Table, 
/**
 * Sent as a `Table`: the field names once, then each row's values.
 */
links: Table, diagnostics: Array<string>, 
/**
 * The project calendar's working weekdays, Monday first.
 */
workWeek: Array<boolean>, 
/**
 * Days around the plan whose working time differs from the week's.
 */
calendarDays: Array<CalendarDay>, baselines: Array<BaselineInfo>, };

export type NewTask = { projectId: number, after: number | null, name: string, 
/**
 * Defaults to one day.
 */
duration: string | null, };

export type TaskEdit = { name?: string, notes?: string, 
/**
 * As typed: "5d", "4h", "2w" …
 */
duration?: string, 
/**
 * `YYYY-MM-DD`: the task starts no earlier than this day.
 */
start?: string, 
/**
 * `YYYY-MM-DD`: the duration changes so the task ends this day.
 */
finish?: string, percentComplete?: number, milestone?: boolean, priority?: Priority, boardStatus?: BoardStatus, 
/**
 * Replaces the task's labels.
 */
labels?: Array<string>, 
/**
 * As typed, like a duration ("2d", "3ed"); empty for none.
 */
levelingDelay?: string, 
/**
 * `YYYY-MM-DDTHH:MM[:SS]`: the work pauses there for one working day
 * (the task is split), moving its finish out.
 */
splitAt?: string, 
/**
 * Takes every pause out: the work runs without a break again.
 */
join?: boolean, 
/**
 * The id of a calendar of the portfolio for the task's own, or 0 for
 * the project's.
 */
calendar?: number, 
/**
 * Its own calendar alone places its work, not its people's too.
 */
ignoresPeopleCalendars?: boolean, 
/**
 * `YYYY-MM-DD` (the end of that working day) or `YYYY-MM-DDTHH:MM`:
 * when it should be done by; empty for none.
 */
deadline?: string, };

export type Shift = "up" | "down" | "indent" | "outdent";

export type Deleted = { tasks: number, links: number, label: string, };

export type BudgetView = { currency: string, statusDate: string, baseline: string | null, lines: Array<LineRow>, total: LineTotals, burn: Array<BurnMonth>, value: ProjectValue, curve: Array<CurvePoint>, 
/**
 * The baseline's finish and the finish Earned Schedule forecasts.
 */
baselineFinish: string | null, forecastFinish: string | null, contracts: Array<ContractRow>, expenditures: Array<ExpenditureRow>, vendors: Array<VendorRow>, categories: Array<string>, 
/**
 * The EAC formula in use and the thresholds of the indices' colours.
 */
settings: BudgetSettings, 
/**
 * The WBS with each task's cost, in outline order.
 */
tasks: Array<TaskMoney>, 
/**
 * Materials and cost resources, with what each task uses.
 */
resources: Array<ResourceRow>, };

export type BudgetSettings = { 
/**
 * The EAC formula's code: "cpi", "atypical" or "cpi_spi".
 */
eacMethod: string, 
/**
 * Where CPI and SPI turn amber and red.
 */
warnBelow: number, badBelow: number, 
/**
 * Where earned value comes from: "percent" (% complete) or "physical"
 * (physical % complete).
 */
earnedFrom: string, 
/**
 * Each formula a user can pick, with how it reads.
 */
methods: Array<EacChoice>, };

export type EacChoice = { code: string, formula: string, };

export type ProjectMoney = { projectId: number, currency: string, 
/**
 * The budget lines' planned total, what is spent, and the forecast.
 */
planned: number, actual: number, forecast: number, value: ProjectValue, };

export type TaskMoney = { id: number, name: string, depth: number, summary: boolean, 
/**
 * Its people's work at their rates plus its fixed cost (a summary's
 * roll up), and what of it is spent.
 */
cost: number, actualCost: number, fixedCost: number, 
/**
 * "start", "prorated" or "end".
 */
accrual: string, percentComplete: number, 
/**
 * Physical % complete, when someone set it.
 */
physicalPercent: number | null, };

export type ResourceRow = { id: number, name: string, 
/**
 * "material" or "cost".
 */
kind: string, unit: string, unitPrice: number, accrual: string, uses: Array<UseRow>, 
/**
 * What all its uses cost.
 */
cost: number, };

export type UseRow = { taskId: number, task: string, 
/**
 * Thousandths of a unit, for a material.
 */
quantityMilli: number, 
/**
 * The amount, for a cost resource.
 */
amount: number, cost: number, };

export type NewCostResource = { projectId: number, name: string, 
/**
 * "material" or "cost".
 */
kind: string, unit: string, unitPrice: string, accrual: string, };

export type PaymentRow = { id: number, title: string, amount: number, 
/**
 * When it falls due: its own date, or its milestone's scheduled finish.
 */
due: string | null, 
/**
 * The milestone it is tied to.
 */
taskId: number | null, milestone: string | null, paid: boolean, 
/**
 * Due by the status date and not paid.
 */
overdue: boolean, };

export type NewPayment = { contractId: number, title: string, amount: string, due: string, taskId: number | null, };

export type BurnMonth = { month: string, planned: number, actual: number, };

export type ContractRow = { id: number, vendor: string, project: string, title: string, value: number, start: string, end: string, renewal: string | null, 
/**
 * The last day to give notice.
 */
noticeBy: string, status: string, upForRenewal: boolean, line: string | null, payments: Array<PaymentRow>, };

export type CostReport = { currency: string, statusDate: string | null, tasks: Array<TaskCostRow>, project: ProjectValue, };

export type CsvMapping = { date: number, amount: number, vendor: number | null, invoice: number | null, state: number | null, note: number | null, 
/**
 * Whether the first row names the columns.
 */
header: boolean, 
/**
 * The line every row is booked on.
 */
lineId: number | null, };

export type CurvePoint = { date: string, pv: number, ev: number | null, ac: number | null, };

export type ExpenditureRow = { id: number, date: string, amount: number, line: string | null, vendor: string | null, invoice: string, state: string, note: string, };

export type LineFields = { category: string, name: string, note: string, };

export type LineRow = { id: number, category: string, name: string, note: string, planned: number, committed: number, actual: number, forecast: number, variance: number, 
/**
 * The planned amount of each month, `YYYY-MM` → amount.
 */
months: Array<MonthAmount>, };

export type LineTotals = { planned: number, committed: number, actual: number, forecast: number, variance: number, };

export type MonthAmount = { month: string, amount: number, };

export type NewContract = { projectId: number, vendor: string, title: string, value: string, start: string, end: string, renewal: string, noticeDays: number, lineId: number | null, deliverables: string, };

export type NewExpenditure = { projectId: number, lineId: number | null, vendor: string, date: string, amount: string, currency: string, invoice: string, state: string, note: string, };

export type ProjectValue = { bac: number, pv: number, ev: number, ac: number, sv: number, cv: number, spi: number | null, cpi: number | null, eac: number | null, etc: number | null, vac: number | null, tcpi: number | null, 
/**
 * Earned Schedule, its schedule variance and index, and the forecast
 * duration, in weeks from the baseline's start.
 */
es: number | null, spit: number | null, ieact: number | null, };

export type TaskCostRow = { uid: number, name: string, work: number, actualWork: number, baselineWork: number, cost: number, actualCost: number, remainingCost: number, fixedCost: number, baselineCost: number, bcws: number, bcwp: number, acwp: number, };

export type VendorRow = { id: number, name: string, contact: string, supplies: string, };

export type StakeholderView = { projectId: number, 
/**
 * Those with a role in the project.
 */
stakeholders: Array<StakeholderRow>, 
/**
 * The portfolio's other stakeholders, who can be given a role here.
 */
others: Array<OwnerChoice>, communications: Array<CommunicationRow>, people: Array<OwnerChoice>, };

export type StakeholderRow = { id: number, name: string, organisation: string, title: string, contact: string, influence: number, interest: number, 
/**
 * manage_closely, keep_satisfied, keep_informed or monitor.
 */
quadrant: string, attitude: string, 
/**
 * unaware, resistant, neutral, supportive or leading.
 */
current: string, desired: string, 
/**
 * Steps from the current engagement to the desired one; positive to raise it.
 */
gap: number, needs: string, channel: string, roles: Array<RoleRow>, 
/**
 * Their role in the project asked about, when it was.
 */
role: string | null, };

export type RoleRow = { projectId: number, project: string, role: string, };

export type StakeholderFields = { name: string, organisation: string, title: string, contact: string, influence: number, interest: number, attitude: string, current: string, desired: string, needs: string, channel: string, };

export type CommunicationRow = { id: number, projectId: number, project: string, what: string, channel: string, 
/**
 * weekly, fortnightly, monthly or milestone.
 */
frequency: string, ownerId: number | null, owner: string | null, nextDue: string | null, overdue: boolean, audience: Array<OwnerChoice>, 
/**
 * The last time it went out, and to whom.
 */
lastSent: string | null, sentTo: string, };

export type CommunicationFields = { what: string, channel: string, frequency: string, ownerId: number | null, 
/**
 * `YYYY-MM-DD`; "" for the next milestone (milestone frequency) or today.
 */
nextDue: string, audience: Array<number>, };

export type MeetingsView = { projectId: number, 
/**
 * Newest first.
 */
meetings: Array<MeetingRow>, 
/**
 * Every action item of the project, soonest due first.
 */
actions: Array<ActionRow>, 
/**
 * The decision log, newest first.
 */
decisions: Array<DecisionRow>, people: Array<OwnerChoice>, stakeholders: Array<OwnerChoice>, 
/**
 * The project's risks, to say what a decision changed.
 */
risks: Array<Named>, 
/**
 * code and label of each kind of meeting.
 */
kinds: Array<[string, string]>, };

export type MeetingRow = { id: number, projectId: number, project: string, kind: string, kindLabel: string, title: string, 
/**
 * `YYYY-MM-DDTHH:MM`.
 */
startsAt: string, agenda: string, minutes: string, attendees: Array<AttendeeRow>, actions: Array<ActionRow>, decisions: Array<DecisionRow>, };

export type AttendeeRow = { memberId: number | null, stakeholderId: number | null, 
/**
 * Filled in by the backend; ignored when sent.
 */
name: string, present: boolean, };

export type ActionRow = { id: number, projectId: number, project: string, meetingId: number | null, meeting: string | null, title: string, ownerId: number, owner: string, due: string, overdue: boolean, 
/**
 * open, done or dropped.
 */
state: string, 
/**
 * The task it became.
 */
task: Named | null, };

export type DecisionRow = { id: number, projectId: number, project: string, meetingId: number | null, meeting: string | null, title: string, rationale: string, options: string, decidedBy: string, decidedOn: string, tasks: Array<Named>, 
/**
 * Risks by code and title ("R-002 SSO misconfiguration …").
 */
risks: Array<Named>, };

export type Named = { id: number, name: string, };

export type FollowUps = { 
/**
 * Open actions past their day, then those due in the coming week.
 */
overdueActions: Array<ActionRow>, dueActions: Array<ActionRow>, overdueCommunications: Array<CommunicationRow>, };

export type MeetingFields = { kind: string, title: string, 
/**
 * `YYYY-MM-DDTHH:MM` (or a space for the T).
 */
startsAt: string, agenda: string, minutes: string, attendees: Array<AttendeeRow>, };

export type ActionFields = { meetingId: number | null, title: string, ownerId: number | null, due: string, 
/**
 * "" for open.
 */
state: string, };

export type DecisionFields = { meetingId: number | null, title: string, rationale: string, options: string, decidedBy: string, 
/**
 * "" for the meeting's day, or today.
 */
decidedOn: string, tasks: Array<number>, risks: Array<number>, };

export type CloseFields = { 
/**
 * What to do with unfinished tasks: "complete" or "leave"; "" when
 * every task is finished.
 */
unfinished: string, summary: string, };

export type CloseOutView = { projectId: number, project: string, 
/**
 * The record, once closed.
 */
closure: ClosureRow | null, 
/**
 * What closing today would record, while it is open.
 */
preview: ClosureRow | null, 
/**
 * The tasks not finished, by name, which closing must say what to do with.
 */
unfinished: Array<string>, lessons: Array<LessonRow>, categories: Array<[string, string]>, };

export type ClosureRow = { closedOn: string | null, baseline: string, plannedStart: string | null, plannedFinish: string | null, actualStart: string, actualFinish: string, finishVarianceDays: number | null, currency: string, 
/**
 * Minor units.
 */
plannedCost: number | null, actualCost: number, costVariance: number | null, 
/**
 * Formatted with the currency.
 */
plannedCostText: string | null, actualCostText: string, costVarianceText: string | null, 
/**
 * none, completed or left.
 */
unfinished: string, unfinishedCount: number, summary: string, milestones: Array<SlipRow>, };

export type LessonFields = { what: string, why: string, nextTime: string, category: string, who: string, };

export type LessonRow = { id: number, projectId: number, project: string, projectClosed: boolean, what: string, why: string, nextTime: string, category: string, categoryLabel: string, who: string, recordedOn: string, };

export type SlipRow = { name: string, planned: string | null, 
/**
 * Null for a milestone never reached.
 */
actual: string | null, slipDays: number | null, };

export type CalendarRow = { releaseId: number, projectId: number, project: string, title: string, stateLabel: string, windowStart: string | null, windowEnd: string | null, goLive: string | null, readiness: number | null, checklistDone: number, checklistTotal: number, blockers: number, clashes: Array<string>, };

export type ChecklistFields = { group: string, title: string, ownerId: number | null, due: string, };

export type ChecklistRow = { id: number, group: string, groupLabel: string, title: string, ownerId: number, owner: string, due: string, doneOn: string | null, overdue: boolean, };

export type CheckpointFields = { title: string, at: string, criteria: string, 
/**
 * "" for pending.
 */
verdict: string, decidedBy: string, note: string, };

export type CheckpointRow = { id: number, title: string, 
/**
 * `YYYY-MM-DDTHH:MM`.
 */
at: string, criteria: string, verdict: string, verdictLabel: string, decidedBy: string, note: string, };

export type EnvironmentRow = { code: string, label: string, 
/**
 * The day it was passed, if it was.
 */
passedOn: string | null, };

export type FreezeRow = { releaseId: number, projectId: number, project: string, release: string, start: string, finish: string, };

export type ReleaseCalendar = { releases: Array<CalendarRow>, freezes: Array<FreezeRow>, };

export type ReleaseFields = { name: string, version: string, milestoneId: number | null, 
/**
 * Create a go-live milestone at the window's start.
 */
createMilestone: boolean, 
/**
 * "" for planned.
 */
state: string, strategy: string, windowStart: string, windowEnd: string, freezeStart: string, freezeEnd: string, rollbackSteps: string, rollbackOwnerId: number | null, rollbackDecideBy: string, 
/**
 * Whole minutes, "" for none.
 */
rollbackMinutes: string, notes: string, scope: Array<number>, 
/**
 * (environment code, day passed).
 */
environments: Array<[string, string]>, };

export type ReleaseRow = { id: number, projectId: number, project: string, name: string, version: string, title: string, milestone: Named | null, 
/**
 * When the milestone is scheduled.
 */
goLive: string | null, state: string, stateLabel: string, strategy: string, strategyLabel: string, 
/**
 * `YYYY-MM-DDTHH:MM`.
 */
windowStart: string | null, windowEnd: string | null, freezeStart: string | null, freezeEnd: string | null, rollback: RollbackRow, notes: string, scope: Array<ScopeTask>, 
/**
 * The scope's work done, in per cent; null for an empty scope.
 */
readiness: number | null, environments: Array<EnvironmentRow>, checklist: Array<ChecklistRow>, checklistDone: number, checklistTotal: number, checkpoints: Array<CheckpointRow>, waves: Array<WaveRow>, 
/**
 * Open high risks threatening the scope and open issues on it.
 */
blockers: Array<string>, 
/**
 * Clashes with other releases' windows and freezes.
 */
clashes: Array<string>, };

export type ReleasesView = { projectId: number, closed: boolean, releases: Array<ReleaseRow>, people: Array<OwnerChoice>, 
/**
 * The plan's tasks (not summaries), for the scope.
 */
tasks: Array<Named>, milestones: Array<Named>, 
/**
 * Kept checklist templates by id and name; the standard one is id 0.
 */
templates: Array<OwnerChoice>, states: Array<[string, string]>, strategies: Array<[string, string]>, groups: Array<[string, string]>, verdicts: Array<[string, string]>, };

export type ImportOptions = { 
/**
 * Keep the dates the file gives: a task Gantry's engine would place
 * elsewhere is scheduled by hand, held where the file has it. Else
 * Gantry reschedules the plan.
 */
keepDates: boolean, 
/**
 * For a CSV file, its columns; none for the mapping kept from the last
 * file with the same headers, or else the one its headers suggest.
 */
csv: CsvColumns | null, };

export type ImportPreview = { fileName: string, 
/**
 * "MS Project XML", "GanttProject" or "CSV".
 */
format: string, name: string, tasks: number, links: number, people: number, calendars: number, warnings: Array<string>, 
/**
 * Tasks whose dates Gantry's engine computes differently from the file.
 */
differences: Array<DateDifference>, 
/**
 * The project an earlier import of the same keys made, which this one
 * updates instead of adding a second copy.
 */
updates: string | null, 
/**
 * How many of the file's tasks that project holds already.
 */
matched: number, 
/**
 * Why the file cannot be imported as it is read now (a CSV file
 * whose columns are not chosen yet); none when it can.
 */
problem: string | null, 
/**
 * For a CSV file: its columns and how they are read.
 */
csv: CsvPreview | null, };

export type DateDifference = { task: string, fileStart: string, fileFinish: string, gantryStart: string, gantryFinish: string, 
/**
 * Why, when it is known; empty otherwise.
 */
why: string, };

export type CsvColumns = { 
/**
 * Each field with the header of the column that holds it.
 */
fields: Array<ColumnChoice>, 
/**
 * A date format (`%d/%m/%Y` …); empty for the one detected.
 */
dateFormat: string, 
/**
 * "seconds", "minutes", "hours" or "days": numbers in the duration
 * column without a unit of their own.
 */
durationUnit: string, 
/**
 * ",", ";", "\t" or "|"; empty for the one detected.
 */
separator: string, };

export type ColumnChoice = { 
/**
 * A field's code: "key", "name", "parent", "start" …
 */
field: string, 
/**
 * The header of its column.
 */
column: string, };

export type CsvPreview = { encoding: string, separator: string, headers: Array<string>, 
/**
 * The first rows, as the file has them.
 */
rows: Array<Array<string>>, rowCount: number, 
/**
 * The mapping used: the one given, kept from last time, or guessed.
 */
columns: CsvColumns, 
/**
 * The mapping is the one kept from the last file with these headers.
 */
kept: boolean, 
/**
 * The date formats every date of the file fits, best first.
 */
dateFormats: Array<string>, dateFormat: string, fields: Array<FieldChoice>, units: Array<string>, };

export type FieldChoice = { code: string, label: string, };

export type RollbackRow = { steps: string, ownerId: number | null, owner: string, 
/**
 * `YYYY-MM-DDTHH:MM`, the last moment to decide.
 */
decideBy: string | null, minutes: number, };

export type ScopeTask = { id: number, name: string, percentComplete: number, finish: string, };

export type WaveFields = { name: string, start: string, finish: string, };

export type WaveRow = { id: number, name: string, start: string, finish: string, };

export type RiskRegister = { projectId: number, currency: string, risks: Array<RiskRow>, issues: Array<IssueRow>, 
/**
 * `[probability − 1][impact − 1]`: active risks by inherent rating.
 */
heat: Array<Array<number>>, residualHeat: Array<Array<number>>, contingency: Contingency, categories: Array<string>, people: Array<OwnerChoice>, probabilityScale: Array<string>, impactScale: Array<ImpactLevel>, };

export type RiskRow = { id: number, projectId: number, project: string, 
/**
 *
 */
code: string, title: string, category: string, security: boolean, cause: string, event: string, effect: string, probability: number, impact: number, score: number, 
/**
 * low, medium, high or critical.
 */
band: string, residualProbability: number | null, residualImpact: number | null, residualScore: number, residualBand: string, 
/**
 * In the minor unit of `currency`.
 */
costImpact: number | null, chancePercent: number | null, emv: number | null, currency: string, ownerId: number | null, owner: string | null, response: string, opportunity: boolean, trigger: string, status: string, raised: string, nextReview: string | null, reviewOverdue: boolean, asset: string, threat: string, vulnerability: string, 
/**
 * 0 none, 1 low, 2 medium, 3 high.
 */
confidentiality: number, integrity: number, availability: number, reference: string, threatens: Array<TaskRef>, 
/**
 * The earliest start and latest finish of the tasks it threatens.
 */
windowStart: string | null, windowFinish: string | null, mitigations: Array<TaskRef>, 
/**
 * The mitigation tasks' progress, weighted by their durations.
 */
mitigationPercent: number | null, 
/**
 * Oldest first.
 */
history: Array<AssessmentRow>, 
/**
 * How much the score rose at the last assessment.
 */
rise: number, 
/**
 * The issue it became (I-003), when it occurred.
 */
issue: string | null, };

export type IssueRow = { id: number, projectId: number, project: string, 
/**
 * I-001.
 */
code: string, title: string, description: string, severity: string, ownerId: number | null, owner: string | null, raised: string, due: string | null, overdue: boolean, status: string, open: boolean, resolution: string, escalatedTo: string, riskId: number | null, 
/**
 * The code of the risk it was.
 */
risk: string | null, tasks: Array<TaskRef>, };

export type TaskRef = { id: number, name: string, 
/**
 * Scheduled dates (`YYYY-MM-DD`), where they were computed.
 */
start: string | null, finish: string | null, percentComplete: number, };

export type AssessmentRow = { on: string, probability: number, impact: number, score: number, residualProbability: number, residualImpact: number, residualScore: number, note: string, };

export type ImpactLevel = { level: number, cost: string, time: string, quality: string, security: string, };

export type OwnerChoice = { id: number, name: string, };

export type Contingency = { emv: number, 
/**
 * Planned on the project's contingency reserve lines; `None` when it has none.
 */
reserve: number | null, };

export type PortfolioRisks = { 
/**
 * The highest active risks across projects, highest first.
 */
top: Array<RiskRow>, projects: Array<ProjectRisks>, };

export type ProjectRisks = { projectId: number, 
/**
 * Its highest open risk.
 */
top: RiskRow | null, openRisks: number, overdueReviews: number, openIssues: number, };

export type RiskFields = { title: string, category: string, cause: string, event: string, effect: string, probability: number, impact: number, residualProbability: number | null, residualImpact: number | null, costImpact: string, 
/**
 * "30" or "30 %"; "" when unknown.
 */
chancePercent: string, ownerId: number | null, response: string, trigger: string, status: string, 
/**
 * "" for today.
 */
raised: string, nextReview: string, asset: string, threat: string, vulnerability: string, confidentiality: number, integrity: number, availability: number, reference: string, 
/**
 * The tasks of the plan it threatens.
 */
threatens: Array<number>, 
/**
 * Why the rating is what it is: kept with the assessment it records.
 */
note: string, };

export type IssueFields = { title: string, description: string, severity: string, ownerId: number | null, 
/**
 * "" for today.
 */
raised: string, due: string, status: string, resolution: string, escalatedTo: string, tasks: Array<number>, };

export type Person = { id: number, name: string, initials: string, role: string, email: string, skills: Array<SkillLevel>, 
/**
 * Per hour, in the minor unit of `currency`.
 */
standardRate: number, overtimeRate: number, costPerUse: number, currency: string, 
/**
 * Maximum units: the share of their calendar's working time they can
 * give, in percent.
 */
maxUnits: number, calendarId: number | null, calendarName: string, retired: boolean, absences: Array<AbsenceRow>, 
/**
 * Their rates from later days on, oldest first.
 */
rateChanges: Array<RateChangeRow>, 
/**
 * Tasks they are on, in every project.
 */
assignments: number, 
/**
 * Minutes of work planned for them, and logged by them.
 */
workMinutes: number, actualMinutes: number, };

export type PersonFields = { name: string, role: string, email: string, skills: Array<SkillLevel>, standardRate: string, overtimeRate: string, costPerUse: string, maxUnits: number, calendarId: number | null, };

export type SkillLevel = { name: string, level: number, };

export type AbsenceRow = { id: number, 
/**
 * First day away, `YYYY-MM-DD`.
 */
from: string, 
/**
 * Last day away, included.
 */
to: string, reason: string, };

export type RateChangeRow = { id: number, 
/**
 * `YYYY-MM-DD`: the first day the rates hold.
 */
from: string, standardRate: number, overtimeRate: number, costPerUse: number, };

export type NewRateChange = { memberId: number, from: string, standardRate: string, overtimeRate: string, costPerUse: string, };

export type NewAbsence = { memberId: number, from: string, to: string, reason: string, };

export type AssignmentRow = { memberId: number, name: string, initials: string, unitsPercent: number, workMinutes: number, actualMinutes: number, retired: boolean, };

export type TaskStaffing = { taskId: number, taskType: TaskType, effortDriven: boolean, durationMinutes: number, workMinutes: number, actualMinutes: number, assignments: Array<AssignmentRow>, skills: Array<SkillLevel>, };

export type StaffEdit = { "kind": "assign", memberId: number, units: number, } | { "kind": "unassign", memberId: number, } | { "kind": "replace", memberId: number, by: number, } | { "kind": "units", memberId: number, units: number, } | { "kind": "work", work: string, } | { "kind": "taskType", taskType: TaskType, } | { "kind": "effortDriven", effortDriven: boolean, } | { "kind": "skills", skills: Array<SkillLevel>, };

export type Candidate = { memberId: number, name: string, role: string, 
/**
 * Their lowest level among the skills the task needs (none listed: 0).
 */
level: number, skills: Array<SkillLevel>, 
/**
 * Working minutes they have in the task's dates, by their capacity,
 * and what is left after the work already planned for them there.
 */
availableMinutes: number, freeMinutes: number, onTask: boolean, };

export type Workload = { from: string, to: string, by: Period, 
/**
 * The first day of each period, and the day after the last.
 */
bounds: Array<string>, people: Array<LoadPerson>, 
/**
 * Tasks whose people are over-allocated while they run.
 */
overallocatedTasks: Array<number>, };

export type LoadPerson = { id: number, name: string, initials: string, role: string, skills: Array<string>, 
/**
 * The projects they have work in during these dates.
 */
projects: Array<string>, maxUnits: number, 
/**
 * The most units they are booked at any working moment.
 */
peakUnits: number, overallocated: boolean, periods: Array<LoadPeriod>, };

export type LoadPeriod = { 
/**
 * The period's first day.
 */
start: string, availableMinutes: number, plannedMinutes: number, actualMinutes: number, overallocated: boolean, tasks: Array<LoadTask>, };

export type LoadTask = { taskId: number, name: string, project: string, projectId: number, plannedMinutes: number, };

export type Period = "day" | "week" | "month";

export type Timesheet = { memberId: number, name: string, monday: string, state: WeekState, 
/**
 * The seven days, `YYYY-MM-DD`.
 */
days: Array<string>, rows: Array<TimesheetRow>, 
/**
 * The person's available minutes each day.
 */
available: Array<number>, };

export type TimesheetRow = { taskId: number, name: string, project: string, 
/**
 * Minutes logged each day, Monday first, corrections included.
 */
minutes: Array<number>, 
/**
 * The corrections among them, each day.
 */
corrections: Array<number>, 
/**
 * Minutes planned for the person on the task this week.
 */
plannedMinutes: number, };

export type LogHours = { memberId: number, taskId: number, day: string, 
/**
 * As typed: "7.5", "7:30", "" for none.
 */
hours: string, };

export type Correction = { memberId: number, taskId: number, day: string, 
/**
 * Hours to add, negative to take away.
 */
hours: string, note: string, };

export type WeekAction = "submit" | "approve" | "reopen";

export type WeekState = "open" | "submitted" | "approved";

export type TaskType = "fixed_units" | "fixed_work" | "fixed_duration";

export type RecentFile = { path: string, name: string, };

export type SnapshotRow = { 
/**
 * The snapshot's file name: what the UI names when it asks to restore.
 */
name: string, taken: string, 
/**
 * Why it was taken ("at start-up", "before a format upgrade" …).
 */
reason: string, bytes: number, };

export type HistoryRow = { label: string, at: string, 
/**
 * Undone, so redo would apply it again.
 */
undone: boolean, };

export type Restored = { 
/**
 * Where the file the snapshot replaced was kept, if there was one.
 */
keptAside: string | null, };

export type Imported = { projectId: number, name: string, tasks: number, links: number, 
/**
 * People who joined the portfolio's team (those already on it by
 * name are not counted, and keep their details).
 */
people: number, 
/**
 * Assignments of people to the imported tasks.
 */
assignments: number, 
/**
 * Tasks an earlier import made that this one brought up to date
 * (found by their key); `tasks` counts the new ones.
 */
updated: number, 
/**
 * The import brought a project an earlier import made up to date,
 * rather than adding a new one.
 */
existing: boolean, 
/**
 * What was read approximately, changed or left out.
 */
warnings: Array<string>, };

export type Changed = { 
/**
 * The project that changed; none when the whole portfolio may have.
 */
projectId: number | null, label: string, };

export type ScheduleReport = { project: string, start: string, finish: string, tasks: Array<ScheduledTask>, diagnostics: Array<string>, };

export type ScheduledTask = { uid: number, 
/**
 * The summary it sits under; null at the top.
 */
parentUid: number | null, name: string, 
/**
 * Its duration in working minutes (0 for a summary).
 */
durationMinutes: number, predecessors: Array<PredecessorRef>, 
/**
 * The names of the people assigned.
 */
resources: Array<string>, summary: boolean, milestone: boolean, start: string, finish: string, earlyStart: string, earlyFinish: string, lateStart: string, lateFinish: string, totalSlackMinutes: number, freeSlackMinutes: number, critical: boolean, };

export type PredecessorRef = { uid: number, 
/**
 * FS, SS, FF or SF.
 */
type: string, lagMinutes: number, };

export type Rescheduled = { 
/**
 * The tasks whose start or finish moved, with their new dates: all of
 * them, or those a drag's preview asked about.
 */
moved: Array<MovedTask>, 
/**
 * How many tasks moved in all.
 */
movedCount: number, finishBefore: string, finishAfter: string, };

export type MovedTask = { id: number, name: string, start: string, finish: string, };

export type ReportOptions = { 
/**
 * In any order; they print summary, chart, milestones, tasks.
 */
sections: Array<Section>, paper: Paper, orientation: Orientation, chartLayout: ChartLayout, 
/**
 * The chart's first day, `YYYY-MM-DD`; empty for the project's start.
 */
from: string, 
/**
 * The chart's last day, `YYYY-MM-DD`; empty for the project's finish.
 */
to: string, 
/**
 * The baseline to measure against; the newest when `None`.
 */
baselineId: number | null, };

export type ReportWritten = { path: string, pages: number, bytes: number, };

export type Section = "summary" | "close_out" | "gantt" | "milestones" | "budget" | "risks" | "decisions" | "releases" | "team" | "tasks";

export type Paper = "a4" | "letter" | "a3";

export type Orientation = "portrait" | "landscape";

export type ChartLayout = "fit_width" | "tiled";

export type ProjectBoard = { projectId: number, wipPolicy: WipPolicy, columns: Array<ColumnRow>, 
/**
 * Every card, grouped by column left to right, each column in its order.
 */
cards: Array<Card>, sprints: Array<SprintRow>, 
/**
 * Every label the project's tasks carry, sorted.
 */
labels: Array<string>, 
/**
 * The people assigned to the project's tasks, by name.
 */
people: Array<AssigneeRef>, };

export type ColumnRow = { id: number, name: string, stage: BoardStatus, wipLimit: number | null, };

export type Card = { taskId: number, columnId: number, outline: string, name: string, 
/**
 * The summary task it belongs to.
 */
epicId: number | null, epic: string | null, assignees: Array<AssigneeRef>, 
/**
 * The scheduled finish, `YYYY-MM-DDTHH:MM:SS`.
 */
due: string, priority: Priority, percentComplete: number, critical: boolean, 
/**
 * Why the card is late, when it is.
 */
late: string | null, labels: Array<string>, sprintId: number | null, 
/**
 * The estimate: working minutes times the assignees' units.
 */
workMinutes: number, };

export type SprintRow = { id: number, name: string, goal: string, 
/**
 * `YYYY-MM-DD`.
 */
start: string, finish: string, state: SprintState, 
/**
 * The work planned into it (when closed: as it stood at the close).
 */
committedMinutes: number, 
/**
 * The work of its finished tasks.
 */
completedMinutes: number, 
/**
 * Work left unfinished when it closed.
 */
carriedMinutes: number, 
/**
 * What the project's team can do in its working days, by their capacity.
 */
capacityMinutes: number, burndown: Array<BurnPoint>, };

export type BurnPoint = { 
/**
 * `YYYY-MM-DD`.
 */
date: string, idealMinutes: number, 
/**
 * Work not yet finished; `None` for days still to come.
 */
remainingMinutes: number | null, };

export type CardDrop = { columnId: number, before?: number, };

export type CardMoved = { 
/**
 * A WIP limit the drop broke, under the warn policy.
 */
warning: string | null, };

export type ColumnFields = { name: string, stage: BoardStatus, 
/**
 * Empty for no limit.
 */
wipLimit: number | null, };

export type SprintFields = { name: string, goal: string, 
/**
 * `YYYY-MM-DD`.
 */
start: string, finish: string, };

export type CarryOver = "backlog" | "next_sprint";

export type WipPolicy = "warn" | "refuse";

export type SprintState = "planned" | "active" | "closed";

export type Methodology = "waterfall" | "scrum" | "kanban" | "hybrid";

export type ProjectStatus = "on_track" | "at_risk" | "off_track";

export type TaskKind = "task" | "summary" | "milestone";

export type ConstraintKind = "asap" | "alap" | "snet" | "snlt" | "fnet" | "fnlt" | "mso" | "mfo";

export type BoardStatus = "backlog" | "todo" | "in_progress" | "review" | "done";

export type Priority = "low" | "medium" | "high" | "urgent";

export type LinkKind = "fs" | "ss" | "ff" | "sf";
