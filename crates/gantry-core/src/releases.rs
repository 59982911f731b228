//! Releases and the changeover from an old system to a new one: what a
//! release ships (its scope of tasks, whose progress is its readiness), the
//! environments it has passed, its go-live checklist, the changeover window
//! and the change freeze around it, the go/no-go checkpoints and the
//! rollback plan; and the portfolio's release calendar, which flags two
//! releases in one window and a release inside another project's freeze.

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::{MemberId, ProjectId, TaskId};
use crate::validate::ValidationError;

pub type ReleaseId = i64;
pub type ChecklistItemId = i64;
pub type CheckpointId = i64;
pub type WaveId = i64;

fn fail<T>(field: &'static str, message: impl Into<String>) -> Result<T, ValidationError> {
    Err(ValidationError { field, message: message.into() })
}

/// Declares a code enum: its variants in order with their stored code and label.
macro_rules! coded {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

coded! {
    /// Where a release stands on its way to production.
    ReleaseState {
        Planned => "planned", "Planned";
        Ready => "ready", "Ready";
        Go => "go", "Go";
        Live => "live", "Live";
        RolledBack => "rolled_back", "Rolled back";
    }
}

coded! {
    /// How the old system gives way to the new one.
    Strategy {
        BigBang => "big_bang", "Big bang";
        Phased => "phased", "Phased roll-out";
        ParallelRun => "parallel_run", "Parallel run";
        Pilot => "pilot", "Pilot first";
    }
}

coded! {
    /// The environments a release passes on its way.
    Environment {
        Test => "test", "Test";
        Staging => "staging", "Staging";
        Production => "production", "Production";
    }
}

coded! {
    /// The groups of a go-live checklist.
    ChecklistGroup {
        Technical => "technical", "Technical";
        Data => "data", "Data";
        People => "people", "People";
        Communication => "communication", "Communication";
    }
}

coded! {
    /// The call made at a go/no-go checkpoint.
    Verdict {
        Pending => "pending", "Not decided yet";
        Go => "go", "Go";
        NoGo => "no_go", "No go";
    }
}

/// What to do if the go-live fails: the steps, who runs them, the last
/// moment to decide, and how long putting the old system back takes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rollback {
    pub steps: String,
    pub owner_id: Option<MemberId>,
    pub decide_by: Option<NaiveDateTime>,
    /// How long the rollback takes, in minutes of clock time.
    pub minutes: i64,
}

/// A span of time, both ends included for days, start before end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

impl Window {
    pub fn overlaps(&self, other: &Window) -> bool {
        self.start < other.end && other.start < self.end
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub id: ReleaseId,
    pub project_id: ProjectId,
    pub name: String,
    pub version: String,
    /// The milestone of the plan that is its go-live.
    pub milestone_id: Option<TaskId>,
    pub state: ReleaseState,
    /// The tasks it ships.
    pub scope: Vec<TaskId>,
    /// The environments passed, with the day each was passed.
    pub environments: Vec<(Environment, NaiveDate)>,
    pub strategy: Strategy,
    /// The changeover window.
    pub window: Option<Window>,
    /// The change freeze: first and last day.
    pub freeze: Option<(NaiveDate, NaiveDate)>,
    pub rollback: Rollback,
    pub notes: String,
}

impl Release {
    /// "CRM 2.0 (2.0.0)", or the name alone.
    pub fn title(&self) -> String {
        if self.version.is_empty() { self.name.clone() } else { format!("{} {}", self.name, self.version) }
    }

    pub fn passed(&self, env: Environment) -> Option<NaiveDate> {
        self.environments.iter().find(|(e, _)| *e == env).map(|(_, d)| *d)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistItem {
    pub id: ChecklistItemId,
    pub release_id: ReleaseId,
    pub group: ChecklistGroup,
    pub title: String,
    pub owner_id: MemberId,
    pub due: NaiveDate,
    pub done_on: Option<NaiveDate>,
    pub position: i64,
}

impl ChecklistItem {
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.done_on.is_none() && self.due < today
    }
}

/// A go/no-go checkpoint: when, on what criteria, and the call made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub id: CheckpointId,
    pub release_id: ReleaseId,
    pub title: String,
    pub at: NaiveDateTime,
    /// One criterion per line.
    pub criteria: String,
    pub verdict: Verdict,
    pub decided_by: String,
    pub note: String,
}

/// A wave of a phased roll-out: a site or a group of users, with its days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wave {
    pub id: WaveId,
    pub release_id: ReleaseId,
    pub name: String,
    pub start: NaiveDate,
    pub finish: NaiveDate,
}

/// An item of a checklist template: its group, what, and how many days
/// before the changeover window it is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateItem {
    pub group: ChecklistGroup,
    pub title: String,
    pub days_before: i64,
}

/// The go-live checklist every release may start from.
pub fn standard_checklist() -> Vec<TemplateItem> {
    use ChecklistGroup::*;
    [
        (Technical, "Backups verified and restorable", 3),
        (Technical, "Rollback rehearsed on staging", 5),
        (Data, "Data migration reconciled (counts and totals match)", 2),
        (Technical, "Monitoring and alerting on for the new system", 2),
        (Technical, "Security sign-off", 7),
        (People, "Service desk and support briefed", 3),
        (People, "Users trained", 5),
        (Communication, "Go-live communication sent", 1),
        (Communication, "Change approved by the change advisory board", 7),
    ]
    .into_iter()
    .map(|(group, title, days_before)| TemplateItem { group, title: title.to_owned(), days_before })
    .collect()
}

/// Readiness of a release from its scope: the share of the scope's work
/// done, weighted by duration (a milestone counts as done or not, with the
/// weight of a day). `None` for an empty scope.
pub fn readiness(scope: impl IntoIterator<Item = (i64, u8)>, minutes_per_day: i64) -> Option<u8> {
    let (mut done, mut total) = (0i128, 0i128);
    for (minutes, percent) in scope {
        let weight = if minutes > 0 { minutes } else { minutes_per_day.max(1) } as i128;
        total += weight * 100;
        done += weight * i128::from(percent.min(100));
    }
    // Rounded down, so that 99.6 % is not shown as ready.
    (total > 0).then(|| (done * 100 / total) as u8)
}

/// (done, all) items of a checklist.
pub fn checklist_progress(items: &[ChecklistItem]) -> (usize, usize) {
    (items.iter().filter(|i| i.done_on.is_some()).count(), items.len())
}

/// A changeover window ends after it starts.
pub fn check_window(start: NaiveDateTime, end: NaiveDateTime) -> Result<Window, ValidationError> {
    if end <= start {
        return fail(
            "windowEnd",
            format!("The changeover window ends ({end}) before it starts ({start}); check the two moments."),
        );
    }
    Ok(Window { start, end })
}

/// A freeze ends on or after its first day and leaves some of the plan
/// open to change: a freeze over the whole plan (`plan` = its first and
/// last day) would forbid every change the plan still needs.
pub fn check_freeze(
    first: NaiveDate,
    last: NaiveDate,
    plan: Option<(NaiveDate, NaiveDate)>,
) -> Result<(NaiveDate, NaiveDate), ValidationError> {
    if last < first {
        return fail("freezeEnd", format!("The change freeze ends ({last}) before it starts ({first})."));
    }
    if let Some((start, finish)) = plan
        && first <= start
        && last >= finish
    {
        return fail(
            "freezeStart",
            format!(
                "A freeze from {first} to {last} covers the whole plan ({start} – {finish}), so nothing could \
                 change; freeze the days around the changeover only."
            ),
        );
    }
    Ok((first, last))
}

/// A wave has days in order.
pub fn check_wave(start: NaiveDate, finish: NaiveDate) -> Result<(), ValidationError> {
    if finish < start {
        return fail("waveFinish", format!("The wave ends ({finish}) before it starts ({start})."));
    }
    Ok(())
}

/// The last moment to decide on a rollback comes before the window ends,
/// and leaves the rollback's time to run inside it.
pub fn check_rollback(rollback: &Rollback, window: Option<Window>) -> Result<(), ValidationError> {
    if rollback.minutes < 0 || rollback.minutes > 60 * 24 * 60 {
        return fail("rollbackMinutes", "A rollback takes from a few minutes to a few days; check how long.");
    }
    if let (Some(at), Some(w)) = (rollback.decide_by, window)
        && at + chrono::Duration::minutes(rollback.minutes) > w.end
    {
        return fail(
            "decideBy",
            format!(
                "Deciding at {at} leaves too little of the window (it ends {}) for a rollback of {} minutes; \
                 decide earlier.",
                w.end, rollback.minutes
            ),
        );
    }
    Ok(())
}

/// What the calendar knows of one release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    pub release_id: ReleaseId,
    pub project_id: ProjectId,
    pub title: String,
    /// Its changeover window, or the go-live day of its milestone.
    pub window: Option<Window>,
    pub freeze: Option<(NaiveDate, NaiveDate)>,
}

/// A clash the release calendar flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    /// Two releases change over in windows that overlap.
    SameWindow { release: ReleaseId, other: ReleaseId },
    /// A release changes over inside the freeze of another project's release.
    InFreeze { release: ReleaseId, freeze_of: ReleaseId },
}

/// Every clash, once per pair for windows, once per (release, freeze) for
/// freezes. Releases of the same project do not clash with their own
/// project's freeze (that freeze exists for them).
pub fn clashes(entries: &[CalendarEntry]) -> Vec<Clash> {
    let mut out = Vec::new();
    for (i, a) in entries.iter().enumerate() {
        let Some(wa) = a.window else { continue };
        for b in &entries[i + 1..] {
            if let Some(wb) = b.window
                && wa.overlaps(&wb)
            {
                out.push(Clash::SameWindow { release: a.release_id, other: b.release_id });
            }
        }
        for b in entries {
            if b.project_id == a.project_id {
                continue;
            }
            if let Some((first, last)) = b.freeze
                && wa.start.date() <= last
                && wa.end.date() >= first
            {
                out.push(Clash::InFreeze { release: a.release_id, freeze_of: b.release_id });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap()
    }

    fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
        day(m, d).and_hms_opt(h, 0, 0).unwrap()
    }

    #[test]
    fn readiness_weighs_the_scope_by_duration() {
        // (minutes, % complete) → readiness
        type Scope<'a> = &'a [(i64, u8)];
        let cases: &[(Scope, Option<u8>)] = &[
            (&[], None),
            (&[(480, 100), (480, 0)], Some(50)),
            // five days done of six: 83.3 → 83
            (&[(2400, 100), (480, 0)], Some(83)),
            // a milestone weighs a day
            (&[(480, 100), (0, 0)], Some(50)),
            (&[(480, 100), (0, 100)], Some(100)),
            // 99.9 % stays 99
            (&[(479_520, 100), (480, 0)], Some(99)),
        ];
        for (scope, want) in cases {
            assert_eq!(readiness(scope.iter().copied(), 480), *want, "{scope:?}");
        }
    }

    #[test]
    fn a_window_ending_before_it_starts_is_refused() {
        assert!(check_window(at(3, 6, 18), at(3, 6, 8)).is_err());
        assert!(check_window(at(3, 6, 18), at(3, 6, 18)).is_err());
        let w = check_window(at(3, 5, 18), at(3, 8, 6)).unwrap();
        assert!(w.overlaps(&check_window(at(3, 8, 5), at(3, 9, 6)).unwrap()));
        assert!(!w.overlaps(&check_window(at(3, 8, 6), at(3, 9, 6)).unwrap()), "touching windows do not overlap");
    }

    #[test]
    fn a_freeze_over_the_whole_plan_is_refused() {
        let plan = Some((day(1, 4), day(6, 30)));
        assert!(check_freeze(day(3, 1), day(2, 1), plan).is_err(), "backwards");
        assert!(check_freeze(day(1, 1), day(7, 1), plan).is_err(), "whole plan");
        assert!(check_freeze(day(1, 4), day(6, 30), plan).is_err(), "exactly the plan");
        assert_eq!(check_freeze(day(3, 1), day(3, 12), plan), Ok((day(3, 1), day(3, 12))));
        assert!(check_freeze(day(1, 1), day(7, 1), None).is_ok(), "an empty plan has nothing to cover");
    }

    #[test]
    fn the_rollback_decision_leaves_time_to_roll_back() {
        let w = Some(check_window(at(3, 6, 18), at(3, 8, 6)).unwrap());
        let plan = |h: u32, minutes: i64| Rollback { decide_by: Some(at(3, 8, h)), minutes, ..Rollback::default() };
        assert!(check_rollback(&plan(2, 240), w).is_ok(), "02:00 + 4 h = 06:00, the window's end");
        assert!(check_rollback(&plan(3, 240), w).is_err());
        assert!(check_rollback(&Rollback { minutes: -5, ..Rollback::default() }, None).is_err());
    }

    #[test]
    fn the_calendar_flags_shared_windows_and_other_projects_freezes() {
        let entry = |id, project, window: Option<(NaiveDateTime, NaiveDateTime)>, freeze| CalendarEntry {
            release_id: id,
            project_id: project,
            title: format!("R{id}"),
            window: window.map(|(start, end)| Window { start, end }),
            freeze,
        };
        let entries = [
            entry(1, 1, Some((at(3, 6, 18), at(3, 8, 6))), Some((day(3, 1), day(3, 12)))),
            entry(2, 2, Some((at(3, 7, 20), at(3, 7, 23))), None),
            entry(3, 2, Some((at(4, 10, 8), at(4, 10, 12))), None),
            entry(4, 1, Some((at(3, 10, 8), at(3, 10, 12))), None),
            entry(5, 3, None, None),
        ];
        let found = clashes(&entries);
        assert!(found.contains(&Clash::SameWindow { release: 1, other: 2 }));
        assert!(found.contains(&Clash::InFreeze { release: 2, freeze_of: 1 }));
        assert!(!found.iter().any(|c| matches!(c, Clash::InFreeze { release: 4, .. })), "its own project's freeze");
        assert!(
            !found
                .iter()
                .any(|c| matches!(c, Clash::SameWindow { release: 3, .. } | Clash::InFreeze { release: 3, .. }))
        );
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn the_standard_checklist_covers_what_a_go_live_needs() {
        let items = standard_checklist();
        assert_eq!(items.len(), 9);
        for group in ChecklistGroup::ALL {
            assert!(items.iter().any(|i| i.group == *group), "{group:?}");
        }
        for code in ["planned", "ready", "go", "live", "rolled_back"] {
            assert_eq!(ReleaseState::from_code(code).map(|s| s.code()), Some(code));
        }
        assert_eq!(Strategy::from_code("big bang"), None);
    }
}
