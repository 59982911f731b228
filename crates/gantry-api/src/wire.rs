//! The types that cross to the frontend, in camelCase. `bindings.ts` in
//! `ui/src/lib/ipc/` is generated from them (see [`crate::bindings`]).

use gantry_core::model::*;
/// Named by commands that take it alone.
pub use gantry_core::model::{TaskType, WeekState, WipPolicy};
pub use gantry_report::{ChartLayout, Orientation, Paper, Section};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::budget::{
    BudgetSettings, BudgetView, BurnMonth, ContractRow, CostReport, CsvMapping, CurvePoint, EacChoice, ExpenditureRow,
    LineFields, LineRow, LineTotals, MonthAmount, NewContract, NewCostResource, NewExpenditure, NewPayment, PaymentRow,
    ProjectMoney, ProjectValue, ResourceRow, TaskCostRow, TaskMoney, UseRow, VendorRow,
};
pub use crate::closeout::{CloseFields, CloseOutView, ClosureRow, LessonFields, LessonRow, SlipRow};
pub use crate::csv_import::{ColumnChoice, CsvColumns, CsvPreview, FieldChoice};
pub use crate::import::{DateDifference, ImportOptions, ImportPreview, PlanFormat};
pub use crate::meetings::{
    ActionFields, ActionRow, AttendeeRow, DecisionFields, DecisionRow, FollowUps, MeetingFields, MeetingRow,
    MeetingsView, Named,
};
pub use crate::releases::{
    CalendarRow, ChecklistFields, ChecklistRow, CheckpointFields, CheckpointRow, EnvironmentRow, FreezeRow,
    ReleaseCalendar, ReleaseFields, ReleaseRow, ReleasesView, RollbackRow, ScopeTask, WaveFields, WaveRow,
};
pub use crate::risks::{
    AssessmentRow, Contingency, ImpactLevel, IssueFields, IssueRow, OwnerChoice, PortfolioRisks, ProjectRisks,
    RiskFields, RiskRegister, RiskRow, TaskRef,
};
pub use crate::stakeholders::{
    CommunicationFields, CommunicationRow, RoleRow, StakeholderFields, StakeholderRow, StakeholderView,
};
pub use crate::team::{
    AbsenceRow, AssignmentRow, Candidate, Correction, LoadPeriod, LoadPerson, LoadTask, LogHours, NewAbsence,
    NewRateChange, Person, PersonFields, RateChangeRow, SkillLevel, StaffEdit, TaskStaffing, Timesheet,
    TimesheetExport, TimesheetRow, WeekAction, Workload,
};
pub use gantry_core::team::Period;

/// Why a command failed; `code` is for the UI to branch on, `message` for
/// people.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// The input field that was wrong, when one was.
    pub field: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Invalid,
    NotFound,
    Cycle,
    NotAPortfolio,
    NewerFormat,
    Damaged,
    NoPortfolio,
    Storage,
    ReadOnly,
    DiskFull,
}

/// The open portfolio file.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioInfo {
    pub path: String,
    pub name: String,
    pub undo: Option<String>,
    pub redo: Option<String>,
    /// Why the portfolio is open for reading only; absent when it can be changed.
    pub read_only: Option<String>,
}

/// A row of the portfolio home.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectSummary {
    pub id: i64,
    pub name: String,
    pub manager: String,
    pub methodology: Methodology,
    /// `YYYY-MM-DDTHH:MM:SS`, computed by the scheduler.
    pub start: String,
    pub finish: String,
    pub status: ProjectStatus,
    pub status_reason: String,
    pub task_count: i64,
    /// Work-weighted completion, 0–100.
    pub percent_complete: f64,
    pub critical_count: i64,
    /// Forecast finish minus the newest baseline's, in working days
    /// (positive: late); `None` without a baseline.
    pub finish_variance_days: Option<f64>,
    pub baseline_name: Option<String>,
    /// The first milestone not yet reached: name and `YYYY-MM-DDTHH:MM:SS`.
    pub next_milestone: Option<(String, String)>,
    /// The day it was closed; a closed project is archived read-only.
    pub closed_on: Option<String>,
}

/// Everything on the project sheet.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectFields {
    pub name: String,
    pub goal: String,
    pub scope: String,
    pub methodology: Methodology,
    pub manager: String,
    /// `YYYY-MM-DD`.
    pub start: String,
    pub status: ProjectStatus,
    pub status_reason: String,
    pub currency: String,
    pub calendar_id: i64,
    /// `YYYY-MM-DD`, or empty: the day progress was last reported for.
    pub status_date: String,
}

/// A calendar to choose on the project sheet.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarChoice {
    pub id: i64,
    pub name: String,
    /// Holidays and other exceptions, for display.
    pub exceptions: Vec<String>,
}

/// A row of the task table, in outline order, with its computed dates.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaskRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub depth: u32,
    pub outline: String,
    pub name: String,
    pub notes: String,
    pub kind: TaskKind,
    pub duration_minutes: i64,
    pub duration: String,
    pub start: String,
    pub finish: String,
    pub percent_complete: u8,
    pub board_status: BoardStatus,
    pub priority: Priority,
    pub constraint_kind: ConstraintKind,
    pub constraint_date: Option<String>,
    pub total_slack_minutes: i64,
    pub critical: bool,
    pub has_children: bool,
    /// Outline numbers of predecessors with type and lag, e.g. "1.2FS+2d".
    pub predecessors: String,
    pub assignees: Vec<AssigneeRef>,
    /// Minutes of work its people are to do, and have logged; a summary's
    /// are its subtasks' together.
    pub work_minutes: i64,
    pub actual_work_minutes: i64,
    /// When work really started and finished, `YYYY-MM-DDTHH:MM:SS`.
    pub actual_start: Option<String>,
    pub actual_finish: Option<String>,
    pub labels: Vec<String>,
    /// How long leveling holds it back, as typed ("2d", "3ed"); empty for
    /// none.
    pub leveling_delay: String,
    /// The stretches of its work when it pauses (a split task), in order;
    /// empty when it runs without a break.
    pub segments: Vec<Segment>,
    /// Its own calendar, when not the project's.
    pub calendar_id: Option<i64>,
    /// Its own calendar alone places its work, not its people's too.
    pub ignores_people_calendars: bool,
    /// When it should be done by, `YYYY-MM-DDTHH:MM:SS`; its late finish is
    /// no later.
    pub deadline: Option<String>,
}

/// A stretch of a split task's work, `YYYY-MM-DDTHH:MM:SS` both.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    pub start: String,
    pub finish: String,
}

crate::table::positional!(TaskRow {
    id,
    parent_id,
    depth,
    outline,
    name,
    notes,
    kind,
    duration_minutes,
    duration,
    start,
    finish,
    percent_complete,
    board_status,
    priority,
    constraint_kind,
    constraint_date,
    total_slack_minutes,
    critical,
    has_children,
    predecessors,
    assignees,
    work_minutes,
    actual_work_minutes,
    actual_start,
    actual_finish,
    labels,
    leveling_delay,
    segments,
    calendar_id,
    ignores_people_calendars,
    deadline,
});

/// A team member on a task.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssigneeRef {
    pub member_id: i64,
    pub name: String,
    pub initials: String,
    pub units_percent: u16,
    /// Minutes of work the task asks of them.
    pub work_minutes: i64,
}

/// A dependency, for views that draw them.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkRow {
    pub id: i64,
    pub predecessor: i64,
    pub successor: i64,
    pub kind: LinkKind,
    pub lag_minutes: i64,
    /// The lag as the plan shows it ("+2d", "-4h", "+1ed"), empty for none.
    pub lag: String,
}

crate::table::positional!(LinkRow { id, predecessor, successor, kind, lag_minutes, lag });

/// A new dependency drawn between two tasks.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewLink {
    pub predecessor: i64,
    pub successor: i64,
    pub kind: LinkKind,
    /// As typed: "2d", "-4h"; empty for none.
    pub lag: String,
}

/// A dependency's new type and lag.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkEdit {
    pub kind: LinkKind,
    pub lag: String,
}

/// A day whose working time differs from its weekday's, for shading.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub working: bool,
}

/// A saved baseline of a project.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BaselineInfo {
    pub id: i64,
    pub name: String,
    pub saved_at: String,
}

/// One task's dates in a baseline.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BaselineDates {
    pub task_id: i64,
    pub start: String,
    pub finish: String,
}

/// A change made by dragging on the timeline; previewed while the pointer
/// moves, committed as one undoable step when it is released.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Drag {
    /// Moves tasks (and everything under a summary among them) by a span of
    /// calendar time; each lands on the next working moment of its calendar.
    Move { tasks: Vec<i64>, minutes: i64 },
    /// Gives a task a new finish (`YYYY-MM-DDTHH:MM:SS`), changing its
    /// duration; the finish snaps back to the last working moment.
    Resize { task: i64, finish: String },
}

/// A project with its scheduled WBS.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectPlan {
    pub id: i64,
    pub fields: ProjectFields,
    pub calendar_name: String,
    pub start: String,
    pub finish: String,
    /// Sent as a `Table`: the field names once, then each row's values.
    #[serde(serialize_with = "crate::table::rows")]
    #[ts(type = "Table")]
    pub tasks: Vec<TaskRow>,
    /// Sent as a `Table`: the field names once, then each row's values.
    #[serde(serialize_with = "crate::table::rows")]
    #[ts(type = "Table")]
    pub links: Vec<LinkRow>,
    pub diagnostics: Vec<String>,
    /// The project calendar's working weekdays, Monday first.
    pub work_week: Vec<bool>,
    /// Days around the plan whose working time differs from the week's.
    pub calendar_days: Vec<CalendarDay>,
    pub baselines: Vec<BaselineInfo>,
}

/// A new task: placed after `after` as its sibling, or at the end.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewTask {
    pub project_id: i64,
    pub after: Option<i64>,
    pub name: String,
    /// Defaults to one day.
    pub duration: Option<String>,
}

/// A change to one task; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaskEdit {
    #[ts(optional)]
    pub name: Option<String>,
    #[ts(optional)]
    pub notes: Option<String>,
    /// As typed: "5d", "4h", "2w" …
    #[ts(optional)]
    pub duration: Option<String>,
    /// `YYYY-MM-DD`: the task starts no earlier than this day.
    #[ts(optional)]
    pub start: Option<String>,
    /// `YYYY-MM-DD`: the duration changes so the task ends this day.
    #[ts(optional)]
    pub finish: Option<String>,
    #[ts(optional)]
    pub percent_complete: Option<i64>,
    #[ts(optional)]
    pub milestone: Option<bool>,
    #[ts(optional)]
    pub priority: Option<Priority>,
    #[ts(optional)]
    pub board_status: Option<BoardStatus>,
    /// Replaces the task's labels.
    #[ts(optional)]
    pub labels: Option<Vec<String>>,
    /// As typed, like a duration ("2d", "3ed"); empty for none.
    #[ts(optional)]
    pub leveling_delay: Option<String>,
    /// `YYYY-MM-DDTHH:MM[:SS]`: the work pauses there for one working day
    /// (the task is split), moving its finish out.
    #[ts(optional)]
    pub split_at: Option<String>,
    /// Takes every pause out: the work runs without a break again.
    #[ts(optional)]
    pub join: Option<bool>,
    /// The id of a calendar of the portfolio for the task's own, or 0 for
    /// the project's.
    #[ts(optional)]
    pub calendar: Option<i64>,
    /// Its own calendar alone places its work, not its people's too.
    #[ts(optional)]
    pub ignores_people_calendars: Option<bool>,
    /// `YYYY-MM-DD` (the end of that working day) or `YYYY-MM-DDTHH:MM`:
    /// when it should be done by; empty for none.
    #[ts(optional)]
    pub deadline: Option<String>,
}

/// Where a task moves among its siblings.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Shift {
    Up,
    Down,
    Indent,
    Outdent,
}

/// What a delete removed.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Deleted {
    pub tasks: i64,
    pub links: i64,
    pub label: String,
}

/// A portfolio file opened lately.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecentFile {
    pub path: String,
    pub name: String,
}

/// A verified copy of the portfolio, to restore from.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotRow {
    /// The snapshot's file name: what the UI names when it asks to restore.
    pub name: String,
    pub taken: String,
    /// Why it was taken ("at start-up", "before a format upgrade" …).
    pub reason: String,
    pub bytes: u64,
}

/// One command in the portfolio's history, newest first.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryRow {
    pub label: String,
    pub at: String,
    /// Undone, so redo would apply it again.
    pub undone: bool,
}

/// What an import brought in.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Imported {
    pub project_id: i64,
    pub name: String,
    pub tasks: i64,
    pub links: i64,
    /// People who joined the portfolio's team (those already on it by
    /// name are not counted, and keep their details).
    pub people: i64,
    /// Assignments of people to the imported tasks.
    pub assignments: i64,
    /// Tasks an earlier import made that this one brought up to date
    /// (found by their key); `tasks` counts the new ones.
    pub updated: i64,
    /// The import brought a project an earlier import made up to date,
    /// rather than adding a new one.
    pub existing: bool,
    /// What was read approximately, changed or left out.
    pub warnings: Vec<String>,
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    /// Where the file the snapshot replaced was kept, if there was one.
    pub kept_aside: Option<String>,
}

/// What a change touched, sent to every view after COMMIT.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Changed {
    /// The project that changed; none when the whole portfolio may have.
    pub project_id: Option<i64>,
    pub label: String,
}

/// A rescheduled plan, as `gantry schedule --json` prints it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleReport {
    pub project: String,
    pub start: String,
    pub finish: String,
    pub tasks: Vec<ScheduledTask>,
    pub diagnostics: Vec<String>,
}

/// One task's computed dates; `uid` is the file's own task UID (or the
/// task's id in a portfolio).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScheduledTask {
    pub uid: i64,
    /// The summary it sits under; null at the top.
    pub parent_uid: Option<i64>,
    pub name: String,
    /// Its duration in working minutes (0 for a summary).
    pub duration_minutes: i64,
    pub predecessors: Vec<PredecessorRef>,
    /// The names of the people assigned.
    pub resources: Vec<String>,
    pub summary: bool,
    pub milestone: bool,
    pub start: String,
    pub finish: String,
    pub early_start: String,
    pub early_finish: String,
    pub late_start: String,
    pub late_finish: String,
    pub total_slack_minutes: i64,
    pub free_slack_minutes: i64,
    pub critical: bool,
}

/// A task's predecessor as another tool's reading of the plan names it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PredecessorRef {
    pub uid: i64,
    /// FS, SS, FF or SF.
    #[serde(rename = "type")]
    pub kind: String,
    pub lag_minutes: i64,
}

/// What an edit did to the schedule, for the status line.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Rescheduled {
    /// The tasks whose start or finish moved, with their new dates: all of
    /// them, or those a drag's preview asked about.
    pub moved: Vec<MovedTask>,
    /// How many tasks moved in all.
    pub moved_count: usize,
    pub finish_before: String,
    pub finish_after: String,
}

/// A task the scheduler moved.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MovedTask {
    pub id: i64,
    pub name: String,
    pub start: String,
    pub finish: String,
}

/// What a user chose to print; the dialog remembers it per project.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportOptions {
    /// In any order; they print summary, chart, milestones, tasks.
    pub sections: Vec<Section>,
    pub paper: Paper,
    pub orientation: Orientation,
    pub chart_layout: ChartLayout,
    /// The chart's first day, `YYYY-MM-DD`; empty for the project's start.
    pub from: String,
    /// The chart's last day, `YYYY-MM-DD`; empty for the project's finish.
    pub to: String,
    /// The baseline to measure against; the newest when `None`.
    pub baseline_id: Option<i64>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        let o = gantry_report::Options::default();
        ReportOptions {
            sections: o.sections,
            paper: o.paper,
            orientation: o.orientation,
            chart_layout: o.chart_layout,
            from: String::new(),
            to: String::new(),
            baseline_id: None,
        }
    }
}

/// A report that was saved.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportWritten {
    pub path: String,
    pub pages: usize,
    pub bytes: usize,
}

/// A project's board and sprints: its workflow, every card in column order,
/// and each sprint with its figures and burndown.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectBoard {
    pub project_id: i64,
    pub wip_policy: WipPolicy,
    pub columns: Vec<ColumnRow>,
    /// Every card, grouped by column left to right, each column in its order.
    pub cards: Vec<Card>,
    pub sprints: Vec<SprintRow>,
    /// Every label the project's tasks carry, sorted.
    pub labels: Vec<String>,
    /// The people assigned to the project's tasks, by name.
    pub people: Vec<AssigneeRef>,
}

/// A board column.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnRow {
    pub id: i64,
    pub name: String,
    pub stage: BoardStatus,
    pub wip_limit: Option<u32>,
}

/// A task as a card.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub task_id: i64,
    pub column_id: i64,
    pub outline: String,
    pub name: String,
    /// The summary task it belongs to.
    pub epic_id: Option<i64>,
    pub epic: Option<String>,
    pub assignees: Vec<AssigneeRef>,
    /// The scheduled finish, `YYYY-MM-DDTHH:MM:SS`.
    pub due: String,
    pub priority: Priority,
    pub percent_complete: u8,
    pub critical: bool,
    /// Why the card is late, when it is.
    pub late: Option<String>,
    pub labels: Vec<String>,
    pub sprint_id: Option<i64>,
    /// The estimate: working minutes times the assignees' units.
    pub work_minutes: i64,
}

/// A sprint with its figures, all in minutes of work.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SprintRow {
    pub id: i64,
    pub name: String,
    pub goal: String,
    /// `YYYY-MM-DD`.
    pub start: String,
    pub finish: String,
    pub state: SprintState,
    /// The work planned into it (when closed: as it stood at the close).
    pub committed_minutes: i64,
    /// The work of its finished tasks.
    pub completed_minutes: i64,
    /// Work left unfinished when it closed.
    pub carried_minutes: i64,
    /// What the project's team can do in its working days, by their capacity.
    pub capacity_minutes: i64,
    pub burndown: Vec<BurnPoint>,
}

/// The end of one working day of a sprint (the first point is its start).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BurnPoint {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub ideal_minutes: i64,
    /// Work not yet finished; `None` for days still to come.
    pub remaining_minutes: Option<i64>,
}

/// Where a card is dropped: a column, before a card of it or at its end.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardDrop {
    pub column_id: i64,
    #[ts(optional)]
    pub before: Option<i64>,
}

/// What a drop did besides moving the card.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardMoved {
    /// A WIP limit the drop broke, under the warn policy.
    pub warning: Option<String>,
}

/// A column as the user sets it up.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnFields {
    pub name: String,
    pub stage: BoardStatus,
    /// Empty for no limit.
    pub wip_limit: Option<i64>,
}

/// A sprint as the user plans it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SprintFields {
    pub name: String,
    pub goal: String,
    /// `YYYY-MM-DD`.
    pub start: String,
    pub finish: String,
}

/// Where a closing sprint's unfinished tasks go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CarryOver {
    Backlog,
    NextSprint,
}
