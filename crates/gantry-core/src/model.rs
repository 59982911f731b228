//! The domain model: what a portfolio holds.
//!
//! Identifiers are the store's row ids. Durations and lags are in working
//! minutes; how many minutes make a day, week or month is a project setting.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

pub type ProjectId = i64;
pub type TaskId = i64;
pub type LinkId = i64;
pub type CalendarId = i64;
pub type MemberId = i64;
pub type BaselineId = i64;
pub type ColumnId = i64;
pub type SprintId = i64;
pub type AbsenceId = i64;
pub type EntryId = i64;

/// Declares a closed set of values that are stored and sent as short
/// lowercase codes, with the code table written once.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name {
            $(#[serde(rename = $code)] $variant,)+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The code stored in the database and sent on the wire.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// A label for people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Reads a code; `None` for anything unknown.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

code_enum! {
    /// How a project is run.
    Methodology {
        Waterfall => "waterfall", "Waterfall";
        Scrum => "scrum", "Scrum";
        Kanban => "kanban", "Kanban";
        Hybrid => "hybrid", "Hybrid";
    }
}

code_enum! {
    /// The RAG status a project manager reports.
    ProjectStatus {
        OnTrack => "on_track", "On track";
        AtRisk => "at_risk", "At risk";
        OffTrack => "off_track", "Off track";
    }
}

code_enum! {
    /// What a row of the WBS is.
    TaskKind {
        Task => "task", "Task";
        Summary => "summary", "Summary";
        Milestone => "milestone", "Milestone";
    }
}

code_enum! {
    /// Scheduling constraints, as MS Project names them.
    ConstraintKind {
        Asap => "asap", "As soon as possible";
        Alap => "alap", "As late as possible";
        Snet => "snet", "Start no earlier than";
        Snlt => "snlt", "Start no later than";
        Fnet => "fnet", "Finish no earlier than";
        Fnlt => "fnlt", "Finish no later than";
        Mso => "mso", "Must start on";
        Mfo => "mfo", "Must finish on";
    }
}

code_enum! {
    /// Where a task stands on the board.
    BoardStatus {
        Backlog => "backlog", "Backlog";
        Todo => "todo", "To do";
        InProgress => "in_progress", "In progress";
        Review => "review", "Review";
        Done => "done", "Done";
    }
}

code_enum! {
    /// What a board column does when one card more than its WIP limit is
    /// dropped on it.
    WipPolicy {
        Warn => "warn", "Warn";
        Refuse => "refuse", "Refuse";
    }
}

code_enum! {
    /// Where a sprint is in its life.
    SprintState {
        Planned => "planned", "Planned";
        Active => "active", "Active";
        Closed => "closed", "Closed";
    }
}

code_enum! {
    /// What stays fixed when a task's duration, work or people change, as
    /// MS Project's task types.
    TaskType {
        FixedUnits => "fixed_units", "Fixed units";
        FixedWork => "fixed_work", "Fixed work";
        FixedDuration => "fixed_duration", "Fixed duration";
    }
}

code_enum! {
    /// Where a person's week of hours stands.
    WeekState {
        Open => "open", "Open";
        Submitted => "submitted", "Submitted";
        Approved => "approved", "Approved";
    }
}

code_enum! {
    /// How urgent a task is.
    Priority {
        Low => "low", "Low";
        Medium => "medium", "Medium";
        High => "high", "High";
        Urgent => "urgent", "Urgent";
    }
}

code_enum! {
    /// The four dependency types.
    LinkKind {
        FinishToStart => "fs", "Finish-to-start";
        StartToStart => "ss", "Start-to-start";
        FinishToFinish => "ff", "Finish-to-finish";
        StartToFinish => "sf", "Start-to-finish";
    }
}

impl LinkKind {
    /// "FS", "SS", "FF" or "SF", as plans and other tools write it.
    pub fn abbreviation(self) -> &'static str {
        match self {
            LinkKind::FinishToStart => "FS",
            LinkKind::StartToStart => "SS",
            LinkKind::FinishToFinish => "FF",
            LinkKind::StartToFinish => "SF",
        }
    }

    /// Whether the link runs from its predecessor's finish (FS, FF).
    pub fn from_finish(self) -> bool {
        matches!(self, LinkKind::FinishToStart | LinkKind::FinishToFinish)
    }

    /// Whether the link holds its successor's start (FS, SS).
    pub fn to_start(self) -> bool {
        matches!(self, LinkKind::FinishToStart | LinkKind::StartToStart)
    }
}

impl ConstraintKind {
    /// Whether this constraint needs a date.
    pub fn needs_date(self) -> bool {
        !matches!(self, ConstraintKind::Asap | ConstraintKind::Alap)
    }

    /// Whether its date can put the task's start earlier than anything else
    /// would: "start no earlier than", "must start on", "must finish on".
    /// MS Project lets such a date before the project start stand.
    pub fn dates_the_start(self) -> bool {
        matches!(self, ConstraintKind::Snet | ConstraintKind::Mso | ConstraintKind::Mfo)
    }
}

/// A scheduling constraint with its date where it needs one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraint {
    pub kind: ConstraintKind,
    pub date: Option<NaiveDateTime>,
}

impl Constraint {
    pub const ASAP: Constraint = Constraint { kind: ConstraintKind::Asap, date: None };
}

/// How a project turns working minutes into days, weeks and months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DurationSettings {
    pub minutes_per_day: i64,
    pub minutes_per_week: i64,
    pub days_per_month: i64,
}

impl Default for DurationSettings {
    fn default() -> Self {
        DurationSettings { minutes_per_day: 480, minutes_per_week: 2400, days_per_month: 20 }
    }
}

/// A project as its manager describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub id: ProjectId,
    pub name: String,
    pub goal: String,
    pub scope: String,
    pub methodology: Methodology,
    pub manager: String,
    pub start: NaiveDate,
    pub status: ProjectStatus,
    pub status_reason: String,
    pub currency: String,
    pub calendar_id: CalendarId,
    pub durations: DurationSettings,
    /// The day progress was last reported for; work still to do is planned
    /// after it.
    pub status_date: Option<NaiveDate>,
}

/// One row of the WBS.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: TaskId,
    pub project_id: ProjectId,
    pub parent_id: Option<TaskId>,
    /// Order among siblings.
    pub position: i64,
    pub name: String,
    pub notes: String,
    pub kind: TaskKind,
    pub duration_minutes: i64,
    pub constraint: Constraint,
    pub percent_complete: u8,
    pub board_status: BoardStatus,
    pub priority: Priority,
    pub calendar_id: Option<CalendarId>,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_finish: Option<NaiveDateTime>,
    /// Scheduled by hand, as MS Project's manual tasks: it stays where the
    /// planner put it (a must-start-on constraint holds the start).
    pub manual: bool,
    /// Its duration is an estimate (MS Project's "1 day?"). A manual task
    /// whose duration is only an estimate, entered by name alone, is left
    /// off the critical path, as MS Project leaves it.
    pub estimated: bool,
    /// Its duration runs in calendar time, nights, weekends and holidays
    /// included (MS Project's elapsed durations, typed `3ed`), and
    /// `duration_minutes` counts calendar minutes.
    pub duration_elapsed: bool,
    /// What its duration, work and people's units keep when one changes.
    pub task_type: TaskType,
    /// Adding or removing a person shares the same work among them, as MS
    /// Project's effort-driven tasks.
    pub effort_driven: bool,
    /// The calendar of the people who do it, when theirs is not the
    /// project's (their own week or absences); for a task with a calendar
    /// of its own, the time that calendar shares with theirs (see
    /// [`WorkCalendar::for_task_done_on`](crate::calendar::WorkCalendar::for_task_done_on)).
    /// Filled in when the plan is read, never stored with the task. A task
    /// of fixed duration keeps to its own calendar or the project's.
    pub people_calendar: Option<CalendarId>,
    /// Its own calendar alone places its work, whatever its people's
    /// calendars say (MS Project's "scheduling ignores resource
    /// calendars"). Without a calendar of its own it changes nothing.
    pub ignores_people_calendars: bool,
    /// A manual task's finish as the planner typed it. MS Project keeps a
    /// manual task's start and finish as typed, outside working time too
    /// (07:00 stays 07:00), whatever its duration says. None: its start
    /// plus its duration.
    pub manual_finish: Option<NaiveDateTime>,
    /// How long leveling holds the task back after it could start (MS
    /// Project's leveling delay, typed `2ed` or `1d`).
    pub leveling_delay: Delay,
    /// Where its work stops and resumes (MS Project's split task), in the
    /// order they come. Its finish moves out by the pauses.
    pub splits: Vec<Split>,
    /// When it should be done by. It does not move the task, but its late
    /// finish is no later (MS Project's deadline): its slack, and its
    /// predecessors', count to it, and a task finishing after it has
    /// negative slack.
    pub deadline: Option<NaiveDateTime>,
}

/// A pause in a task's work: once `after` minutes of its duration have
/// run, the work stops for `pause` minutes (working minutes, or calendar
/// minutes when its duration is elapsed), then goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    pub after: i64,
    pub pause: i64,
}

impl Split {
    /// Splits as text, `after+pause` each, apart by spaces: "960+480".
    pub fn list_text(splits: &[Split]) -> String {
        splits.iter().map(|s| format!("{}+{}", s.after, s.pause)).collect::<Vec<_>>().join(" ")
    }

    /// Reads what [`Split::list_text`] wrote; None for anything else.
    pub fn parse_list(text: &str) -> Option<Vec<Split>> {
        text.split_whitespace()
            .map(|pair| {
                let (after, pause) = pair.split_once('+')?;
                Some(Split { after: after.parse().ok()?, pause: pause.parse().ok()? })
            })
            .collect()
    }
}

/// A wait before a task may start: working minutes, or calendar minutes
/// when elapsed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delay {
    pub minutes: i64,
    pub elapsed: bool,
}

impl Delay {
    pub const NONE: Delay = Delay { minutes: 0, elapsed: false };
}

impl Task {
    /// A new task to plan as soon as possible: a milestone when it takes no
    /// time, in the backlog, of medium priority.
    pub fn new(project_id: ProjectId, parent_id: Option<TaskId>, position: i64, name: &str, minutes: i64) -> Task {
        Task {
            id: 0,
            project_id,
            parent_id,
            position,
            name: name.to_owned(),
            notes: String::new(),
            kind: if minutes == 0 { TaskKind::Milestone } else { TaskKind::Task },
            duration_minutes: minutes,
            constraint: Constraint::ASAP,
            percent_complete: 0,
            board_status: BoardStatus::Backlog,
            priority: Priority::Medium,
            calendar_id: None,
            actual_start: None,
            actual_finish: None,
            manual: false,
            estimated: false,
            duration_elapsed: false,
            task_type: TaskType::FixedUnits,
            effort_driven: false,
            people_calendar: None,
            ignores_people_calendars: false,
            manual_finish: None,
            leveling_delay: Delay::NONE,
            splits: Vec::new(),
            deadline: None,
        }
    }

    /// The splits that pause its work: those inside its duration, on a
    /// task (a milestone or a summary does no work of its own to pause).
    pub fn splits_in_work(&self) -> impl Iterator<Item = &Split> {
        let duration = if self.kind == TaskKind::Task { self.duration_minutes } else { 0 };
        self.splits.iter().filter(move |s| s.after > 0 && s.after < duration)
    }

    /// The pauses in its work, in minutes.
    pub fn pauses(&self) -> i64 {
        self.splits_in_work().map(|s| s.pause.max(0)).sum()
    }

    /// The calendar it is scheduled on among `calendars` (see
    /// [`Task::scheduling_calendar`]), else `project`'s.
    pub fn calendar_in<'a>(
        &self,
        calendars: &'a [crate::calendar::WorkCalendar],
        project: &'a crate::calendar::WorkCalendar,
    ) -> &'a crate::calendar::WorkCalendar {
        self.scheduling_calendar().and_then(|id| calendars.iter().find(|c| c.id == id)).unwrap_or(project)
    }

    /// The calendar the task is scheduled on, when not the project's: its
    /// people's (the time they share with its own calendar, when it has
    /// one), else its own. Its own alone when it ignores its people's
    /// calendars, when it is manual (its dates are typed) or of fixed
    /// duration.
    pub fn scheduling_calendar(&self) -> Option<CalendarId> {
        let own_alone = self.calendar_id.is_some() && self.ignores_people_calendars;
        let people = if own_alone || self.task_type == TaskType::FixedDuration || self.manual {
            None
        } else {
            self.people_calendar
        };
        people.or(self.calendar_id)
    }

    /// Whether its people's working time places its work together with its
    /// own calendar: it has one and does not ignore theirs.
    pub fn shares_its_calendar(&self) -> Option<CalendarId> {
        self.calendar_id.filter(|_| !self.ignores_people_calendars)
    }

    /// Whether the work is done: reported at 100 % or with an actual finish.
    pub fn is_finished(&self) -> bool {
        self.actual_finish.is_some() || self.percent_complete >= 100
    }

    /// Keeps what an edit left stale in step (`before` is the task as
    /// stored): the finish typed for a manual task is forgotten once the
    /// edit moved its start or changed its duration, so the finish follows
    /// from them again; pauses no longer inside the duration go.
    pub fn settle_edit(&mut self, before: &Task) {
        self.splits = self.splits_in_work().copied().collect();
        if !self.manual
            || self.constraint != before.constraint
            || self.duration_minutes != before.duration_minutes
            || self.duration_elapsed != before.duration_elapsed
        {
            self.manual_finish = None;
        }
    }
}

/// A dependency between two tasks of one project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub id: LinkId,
    pub predecessor: TaskId,
    pub successor: TaskId,
    pub kind: LinkKind,
    /// Working minutes on the successor's calendar; negative is lead time.
    pub lag_minutes: i64,
    /// The lag runs in calendar time (nights and weekends count), as MS
    /// Project's elapsed lags ("2ed").
    pub lag_elapsed: bool,
}

/// A named copy of a project's dates, saved to measure the plan against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    pub id: BaselineId,
    pub project_id: ProjectId,
    pub name: String,
    pub saved_at: NaiveDateTime,
}

/// One task's dates as a baseline saved them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BaselineTask {
    pub task_id: TaskId,
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    pub duration_minutes: i64,
}

/// A skill a person has, at a level from 1 (learning) to 5 (expert).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skill {
    pub name: String,
    pub level: u8,
}

/// A person who can be assigned to tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamMember {
    pub id: MemberId,
    pub name: String,
    pub role: String,
    pub skills: Vec<Skill>,
    pub email: String,
    /// Cost of an hour of work, in the minor unit of the portfolio's currency.
    pub standard_rate: i64,
    /// Cost of an hour of overtime, in the same unit.
    pub overtime_rate: i64,
    /// Cost each time the person is put on a task, in the same unit.
    pub cost_per_use: i64,
    /// The most of their working time they can give, in percent (MS
    /// Project's maximum units): 80 for a four-day week.
    pub capacity_percent: u16,
    /// The company calendar their week follows; `None` for the portfolio's
    /// first calendar.
    pub calendar_id: Option<CalendarId>,
    /// Left the team: kept with their history, offered for no new work.
    pub retired: bool,
}

impl TeamMember {
    /// A person with a name, on the standard calendar, full time, at no cost.
    pub fn new(name: &str) -> TeamMember {
        TeamMember {
            id: 0,
            name: name.to_owned(),
            role: String::new(),
            skills: Vec::new(),
            email: String::new(),
            standard_rate: 0,
            overtime_rate: 0,
            cost_per_use: 0,
            capacity_percent: 100,
            calendar_id: None,
            retired: false,
        }
    }

    /// Their level in `skill` (names compared without case), if they have it.
    pub fn level(&self, skill: &str) -> Option<u8> {
        self.skills.iter().find(|s| s.name.eq_ignore_ascii_case(skill)).map(|s| s.level)
    }
}

/// Days a person does not work: a vacation, training, a sick leave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Absence {
    pub id: AbsenceId,
    pub member_id: MemberId,
    /// The first and last day away, both included.
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub reason: String,
}

/// A person's rates from a day on; the rates on [`TeamMember`] hold before
/// their first change. Minor units, as there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateChange {
    pub id: i64,
    pub member_id: MemberId,
    pub from: NaiveDate,
    pub standard_rate: i64,
    pub overtime_rate: i64,
    pub cost_per_use: i64,
}

/// A team member on a task: the share of their time it takes and the work
/// it asks of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assignment {
    pub task_id: TaskId,
    pub member_id: MemberId,
    pub units_percent: u16,
    /// Working minutes of the person's time the task needs.
    pub work_minutes: i64,
}

/// Hours a person logged on a task on one day. In an approved week entries
/// are never changed: a correction is one more entry, marked as one, whose
/// minutes may be negative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeEntry {
    pub id: EntryId,
    pub member_id: MemberId,
    pub task_id: TaskId,
    pub day: NaiveDate,
    pub minutes: i64,
    pub correction: bool,
    pub note: String,
}

/// A person's week of hours: submitted by them, approved by the manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimesheetWeek {
    pub member_id: MemberId,
    /// The Monday the week starts on.
    pub monday: NaiveDate,
    pub state: WeekState,
}

/// A column of a project's board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardColumn {
    pub id: ColumnId,
    pub project_id: ProjectId,
    pub name: String,
    /// What a card in this column means for its task.
    pub stage: BoardStatus,
    pub position: i64,
    /// The most cards the column should hold; `None` for no limit.
    pub wip_limit: Option<u32>,
}

/// Where a card was put on the board.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardPlace {
    pub task_id: TaskId,
    pub column_id: ColumnId,
    pub rank: f64,
}

/// A time-boxed iteration of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sprint {
    pub id: SprintId,
    pub project_id: ProjectId,
    pub name: String,
    pub goal: String,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub state: SprintState,
    /// Work in minutes, recorded when the sprint closed.
    pub outcome: Option<SprintOutcome>,
}

/// What a closed sprint committed, finished and carried over, in minutes of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SprintOutcome {
    pub committed: i64,
    pub completed: i64,
    pub carried: i64,
}
