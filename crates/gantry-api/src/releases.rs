//! Releases and the changeover: a release's scope and readiness, the
//! environments passed, its go-live checklist (from the standard template
//! or one people kept), the changeover window, freeze and waves, the
//! go/no-go checkpoints and the rollback plan; the portfolio's release
//! calendar with its clashes; and the freezes the Gantt and board show.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use gantry_core::model::*;
use gantry_core::releases::{self, *};
use gantry_core::risks::{RiskStatus, Severity};
use gantry_core::validate;
use gantry_report::{ReportChecklistItem, ReportCheckpoint, ReportRelease};
use gantry_store::Db;
use gantry_store::RiskTaskRole;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{refused, validation};
use crate::meetings::Named;
use crate::risks::{OwnerChoice, current_member};
use crate::stakeholders::{people, project_names};
use crate::{Portfolio, Result, run_schedule, wire_datetime};

// ------------------------------------------------------------------- wire

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScopeTask {
    pub id: i64,
    pub name: String,
    pub percent_complete: u8,
    pub finish: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentRow {
    pub code: String,
    pub label: String,
    /// The day it was passed, if it was.
    pub passed_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistRow {
    pub id: i64,
    pub group: String,
    pub group_label: String,
    pub title: String,
    pub owner_id: i64,
    pub owner: String,
    pub due: String,
    pub done_on: Option<String>,
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckpointRow {
    pub id: i64,
    pub title: String,
    /// `YYYY-MM-DDTHH:MM`.
    pub at: String,
    pub criteria: String,
    pub verdict: String,
    pub verdict_label: String,
    pub decided_by: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaveRow {
    pub id: i64,
    pub name: String,
    pub start: String,
    pub finish: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RollbackRow {
    pub steps: String,
    pub owner_id: Option<i64>,
    pub owner: String,
    /// `YYYY-MM-DDTHH:MM`, the last moment to decide.
    pub decide_by: Option<String>,
    pub minutes: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReleaseRow {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub name: String,
    pub version: String,
    pub title: String,
    pub milestone: Option<Named>,
    /// When the milestone is scheduled.
    pub go_live: Option<String>,
    pub state: String,
    pub state_label: String,
    pub strategy: String,
    pub strategy_label: String,
    /// `YYYY-MM-DDTHH:MM`.
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    pub freeze_start: Option<String>,
    pub freeze_end: Option<String>,
    pub rollback: RollbackRow,
    pub notes: String,
    pub scope: Vec<ScopeTask>,
    /// The scope's work done, in per cent; null for an empty scope.
    pub readiness: Option<u8>,
    pub environments: Vec<EnvironmentRow>,
    pub checklist: Vec<ChecklistRow>,
    pub checklist_done: usize,
    pub checklist_total: usize,
    pub checkpoints: Vec<CheckpointRow>,
    pub waves: Vec<WaveRow>,
    /// Open high risks threatening the scope and open issues on it.
    pub blockers: Vec<String>,
    /// Clashes with other releases' windows and freezes.
    pub clashes: Vec<String>,
}

/// A project's releases and what their forms choose from.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReleasesView {
    pub project_id: i64,
    pub closed: bool,
    pub releases: Vec<ReleaseRow>,
    pub people: Vec<OwnerChoice>,
    /// The plan's tasks (not summaries), for the scope.
    pub tasks: Vec<Named>,
    pub milestones: Vec<Named>,
    /// Kept checklist templates by id and name; the standard one is id 0.
    pub templates: Vec<OwnerChoice>,
    pub states: Vec<(String, String)>,
    pub strategies: Vec<(String, String)>,
    pub groups: Vec<(String, String)>,
    pub verdicts: Vec<(String, String)>,
}

/// A change freeze as the Gantt and the board show it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FreezeRow {
    pub release_id: i64,
    pub project_id: i64,
    pub project: String,
    pub release: String,
    pub start: String,
    pub finish: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarRow {
    pub release_id: i64,
    pub project_id: i64,
    pub project: String,
    pub title: String,
    pub state_label: String,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    pub go_live: Option<String>,
    pub readiness: Option<u8>,
    pub checklist_done: usize,
    pub checklist_total: usize,
    pub blockers: usize,
    pub clashes: Vec<String>,
}

/// The portfolio's upcoming releases, soonest first, and every freeze.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReleaseCalendar {
    pub releases: Vec<CalendarRow>,
    pub freezes: Vec<FreezeRow>,
}

/// A release as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReleaseFields {
    pub name: String,
    pub version: String,
    pub milestone_id: Option<i64>,
    /// Create a go-live milestone at the window's start.
    #[serde(default)]
    pub create_milestone: bool,
    /// "" for planned.
    pub state: String,
    pub strategy: String,
    pub window_start: String,
    pub window_end: String,
    pub freeze_start: String,
    pub freeze_end: String,
    pub rollback_steps: String,
    pub rollback_owner_id: Option<i64>,
    pub rollback_decide_by: String,
    /// Whole minutes, "" for none.
    pub rollback_minutes: String,
    pub notes: String,
    pub scope: Vec<i64>,
    /// (environment code, day passed).
    pub environments: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistFields {
    pub group: String,
    pub title: String,
    pub owner_id: Option<i64>,
    pub due: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckpointFields {
    pub title: String,
    pub at: String,
    pub criteria: String,
    /// "" for pending.
    pub verdict: String,
    pub decided_by: String,
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaveFields {
    pub name: String,
    pub start: String,
    pub finish: String,
}

fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Vec<(String, String)> {
    all.iter().map(|x| (code(*x).to_owned(), label(*x).to_owned())).collect()
}

fn minute_text(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

// ---------------------------------------------------------------- reading

/// What a release row is made from, loaded once for a read.
struct Context {
    projects: HashMap<ProjectId, String>,
    members: HashMap<MemberId, String>,
    /// Task id → (name, duration, % complete, scheduled finish, minutes per day).
    tasks: HashMap<TaskId, (String, i64, u8, NaiveDateTime, i64)>,
    /// Task → open high or critical risks threatening it, by code and title.
    threats: HashMap<TaskId, Vec<String>>,
    /// Task → open issues on it.
    issues: HashMap<TaskId, Vec<String>>,
    entries: Vec<CalendarEntry>,
    titles: HashMap<ReleaseId, (String, String)>,
}

impl Context {
    fn load(db: &Db, project: Option<ProjectId>) -> Result<Context> {
        let projects = project_names(db)?;
        let calendars = gantry_store::calendars(db)?;
        let mut tasks = HashMap::new();
        for p in gantry_store::projects(db)? {
            if project.is_some_and(|x| x != p.id) {
                continue;
            }
            let plan = gantry_store::tasks(db, p.id)?;
            let s = run_schedule(&p, &calendars, &plan, &gantry_store::links(db, p.id)?);
            for (t, d) in plan.iter().zip(&s.tasks) {
                tasks.insert(
                    t.id,
                    (t.name.clone(), t.duration_minutes, t.percent_complete, d.finish, p.durations.minutes_per_day),
                );
            }
        }
        let risks: HashMap<i64, _> = gantry_store::risks(db, project)?.into_iter().map(|r| (r.id, r)).collect();
        let mut threats: HashMap<TaskId, Vec<String>> = HashMap::new();
        for (risk, task, role) in gantry_store::risk_tasks(db, project)? {
            let Some(r) = risks.get(&risk) else { continue };
            if role == RiskTaskRole::Threatens
                && matches!(r.status, RiskStatus::Open | RiskStatus::Monitoring)
                && r.residual_score() >= 10
            {
                threats.entry(task).or_default().push(format!("{} {}", r.code(), r.title));
            }
        }
        let open_issues: HashMap<i64, _> = gantry_store::issues(db, project)?
            .into_iter()
            .filter(|i| i.status.is_open() && matches!(i.severity, Severity::High | Severity::Critical))
            .map(|i| (i.id, format!("{} {}", i.code(), i.title)))
            .collect();
        let mut issues: HashMap<TaskId, Vec<String>> = HashMap::new();
        for (issue, task) in gantry_store::issue_tasks(db, project)? {
            if let Some(text) = open_issues.get(&issue) {
                issues.entry(task).or_default().push(text.clone());
            }
        }
        // The calendar's clashes are portfolio-wide, whatever is read.
        let all = gantry_store::releases(db, None)?;
        let entries = all
            .iter()
            .filter(|r| !matches!(r.state, ReleaseState::Live | ReleaseState::RolledBack))
            .map(|r| CalendarEntry {
                release_id: r.id,
                project_id: r.project_id,
                title: r.title(),
                window: r.window,
                freeze: r.freeze,
            })
            .collect();
        let titles =
            all.iter().map(|r| (r.id, (r.title(), projects.get(&r.project_id).cloned().unwrap_or_default()))).collect();
        Ok(Context {
            projects,
            members: gantry_store::team(db)?.into_iter().map(|m| (m.id, m.name)).collect(),
            tasks,
            threats,
            issues,
            entries,
            titles,
        })
    }

    fn clashes(&self, release: ReleaseId) -> Vec<String> {
        let name = |id: &ReleaseId| self.titles.get(id).map(|(t, p)| format!("{t} ({p})")).unwrap_or_default();
        releases::clashes(&self.entries)
            .iter()
            .filter_map(|c| match c {
                Clash::SameWindow { release: a, other: b } if *a == release || *b == release => {
                    let other = if *a == release { b } else { a };
                    Some(format!("Changes over in the same window as {}", name(other)))
                }
                Clash::InFreeze { release: a, freeze_of } if *a == release => {
                    Some(format!("Inside the change freeze of {}", name(freeze_of)))
                }
                Clash::InFreeze { release: a, freeze_of } if *freeze_of == release => {
                    Some(format!("{} changes over inside this freeze", name(a)))
                }
                _ => None,
            })
            .collect()
    }

    fn blockers(&self, r: &Release) -> Vec<String> {
        let mut seen = HashSet::new();
        r.scope
            .iter()
            .chain(r.milestone_id.iter())
            .flat_map(|t| self.threats.get(t).into_iter().chain(self.issues.get(t)).flatten())
            .filter(|b| seen.insert((*b).clone()))
            .cloned()
            .collect()
    }

    fn readiness(&self, r: &Release) -> Option<u8> {
        let minutes_per_day = r.scope.iter().find_map(|t| self.tasks.get(t)).map(|t| t.4).unwrap_or(480);
        releases::readiness(r.scope.iter().filter_map(|t| self.tasks.get(t)).map(|t| (t.1, t.2)), minutes_per_day)
    }

    fn row(&self, db: &Db, r: &Release, today: NaiveDate) -> Result<ReleaseRow> {
        let items = gantry_store::checklist(db, r.id)?;
        let (done, total) = checklist_progress(&items);
        let member = |id: &MemberId| self.members.get(id).cloned().unwrap_or_default();
        let milestone = r
            .milestone_id
            .and_then(|m| self.tasks.get(&m).map(|t| (Named { id: m, name: t.0.clone() }, wire_datetime(t.3))));
        Ok(ReleaseRow {
            id: r.id,
            project_id: r.project_id,
            project: self.projects.get(&r.project_id).cloned().unwrap_or_default(),
            name: r.name.clone(),
            version: r.version.clone(),
            title: r.title(),
            go_live: milestone.as_ref().map(|m| m.1.clone()),
            milestone: milestone.map(|m| m.0),
            state: r.state.code().into(),
            state_label: r.state.label().into(),
            strategy: r.strategy.code().into(),
            strategy_label: r.strategy.label().into(),
            window_start: r.window.map(|w| minute_text(w.start)),
            window_end: r.window.map(|w| minute_text(w.end)),
            freeze_start: r.freeze.map(|f| f.0.to_string()),
            freeze_end: r.freeze.map(|f| f.1.to_string()),
            rollback: RollbackRow {
                steps: r.rollback.steps.clone(),
                owner_id: r.rollback.owner_id,
                owner: r.rollback.owner_id.as_ref().map(member).unwrap_or_default(),
                decide_by: r.rollback.decide_by.map(minute_text),
                minutes: r.rollback.minutes,
            },
            notes: r.notes.clone(),
            scope: r
                .scope
                .iter()
                .filter_map(|t| {
                    let (name, _, percent, finish, _) = self.tasks.get(t)?;
                    Some(ScopeTask {
                        id: *t,
                        name: name.clone(),
                        percent_complete: *percent,
                        finish: wire_datetime(*finish),
                    })
                })
                .collect(),
            readiness: self.readiness(r),
            environments: Environment::ALL
                .iter()
                .map(|e| EnvironmentRow {
                    code: e.code().into(),
                    label: e.label().into(),
                    passed_on: r.passed(*e).map(|d| d.to_string()),
                })
                .collect(),
            checklist: items
                .iter()
                .map(|i| ChecklistRow {
                    id: i.id,
                    group: i.group.code().into(),
                    group_label: i.group.label().into(),
                    title: i.title.clone(),
                    owner_id: i.owner_id,
                    owner: member(&i.owner_id),
                    due: i.due.to_string(),
                    done_on: i.done_on.map(|d| d.to_string()),
                    overdue: i.overdue(today),
                })
                .collect(),
            checklist_done: done,
            checklist_total: total,
            checkpoints: gantry_store::checkpoints(db, r.id)?
                .into_iter()
                .map(|c| CheckpointRow {
                    id: c.id,
                    title: c.title,
                    at: minute_text(c.at),
                    criteria: c.criteria,
                    verdict: c.verdict.code().into(),
                    verdict_label: c.verdict.label().into(),
                    decided_by: c.decided_by,
                    note: c.note,
                })
                .collect(),
            waves: gantry_store::waves(db, r.id)?
                .into_iter()
                .map(|w| WaveRow { id: w.id, name: w.name, start: w.start.to_string(), finish: w.finish.to_string() })
                .collect(),
            blockers: self.blockers(r),
            clashes: self.clashes(r.id),
        })
    }
}

impl Portfolio {
    /// A project's releases with everything the release view shows.
    pub fn releases_view(&self, project: ProjectId, today: NaiveDate) -> Result<ReleasesView> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let tasks = gantry_store::tasks(db, p.id)?;
        let parents: HashSet<TaskId> = tasks.iter().filter_map(|t| t.parent_id).collect();
        let mut templates = vec![OwnerChoice { id: 0, name: "Standard go-live checklist".into() }];
        templates
            .extend(gantry_store::checklist_templates(db)?.into_iter().map(|(id, name, _)| OwnerChoice { id, name }));
        Ok(ReleasesView {
            project_id: p.id,
            closed: gantry_store::is_closed(db, p.id)?,
            releases: self.release_rows(Some(p.id), today)?,
            people: people(db)?,
            milestones: tasks
                .iter()
                .filter(|t| t.kind == TaskKind::Milestone)
                .map(|t| Named { id: t.id, name: t.name.clone() })
                .collect(),
            tasks: tasks
                .iter()
                .filter(|t| !parents.contains(&t.id))
                .map(|t| Named { id: t.id, name: t.name.clone() })
                .collect(),
            templates,
            states: codes(ReleaseState::ALL, ReleaseState::code, ReleaseState::label),
            strategies: codes(Strategy::ALL, Strategy::code, Strategy::label),
            groups: codes(ChecklistGroup::ALL, ChecklistGroup::code, ChecklistGroup::label),
            verdicts: codes(Verdict::ALL, Verdict::code, Verdict::label),
        })
    }

    /// Releases of a project or of the portfolio, with their checklists and
    /// readiness: what `gantry releases` prints.
    pub fn release_rows(&self, project: Option<ProjectId>, today: NaiveDate) -> Result<Vec<ReleaseRow>> {
        let db = self.store.db();
        let context = Context::load(db, project)?;
        gantry_store::releases(db, project)?.iter().map(|r| context.row(db, r, today)).collect()
    }

    /// Every release not yet live or rolled back, soonest first, with the
    /// portfolio's freezes.
    pub fn release_calendar(&self, today: NaiveDate) -> Result<ReleaseCalendar> {
        let rows = self.release_rows(None, today)?;
        let closed = gantry_store::closed_projects(self.store.db())?;
        let mut releases: Vec<CalendarRow> = rows
            .iter()
            .filter(|r| !matches!(r.state.as_str(), "live" | "rolled_back") && !closed.contains(&r.project_id))
            .map(|r| CalendarRow {
                release_id: r.id,
                project_id: r.project_id,
                project: r.project.clone(),
                title: r.title.clone(),
                state_label: r.state_label.clone(),
                window_start: r.window_start.clone(),
                window_end: r.window_end.clone(),
                go_live: r.go_live.clone(),
                readiness: r.readiness,
                checklist_done: r.checklist_done,
                checklist_total: r.checklist_total,
                blockers: r.blockers.len(),
                clashes: r.clashes.clone(),
            })
            .collect();
        releases.sort_by(|a, b| {
            let when = |r: &CalendarRow| r.window_start.clone().or(r.go_live.clone()).unwrap_or_else(|| "~".into());
            when(a).cmp(&when(b))
        });
        Ok(ReleaseCalendar { releases, freezes: self.freezes(None)? })
    }

    /// The change freezes of a project's releases (or the portfolio's).
    pub fn freezes(&self, project: Option<ProjectId>) -> Result<Vec<FreezeRow>> {
        let db = self.store.db();
        let projects = project_names(db)?;
        Ok(gantry_store::releases(db, project)?
            .into_iter()
            .filter_map(|r| {
                let (start, finish) = r.freeze?;
                Some(FreezeRow {
                    release_id: r.id,
                    project_id: r.project_id,
                    project: projects.get(&r.project_id).cloned().unwrap_or_default(),
                    release: r.title(),
                    start: start.to_string(),
                    finish: finish.to_string(),
                })
            })
            .collect())
    }

    /// The report's release readiness pages: the releases not yet live.
    pub(crate) fn report_releases(&self, project: ProjectId, today: NaiveDate) -> Result<Vec<ReportRelease>> {
        Ok(self
            .release_rows(Some(project), today)?
            .into_iter()
            .filter(|r| !matches!(r.state.as_str(), "live" | "rolled_back"))
            .map(|r| ReportRelease {
                title: r.title,
                state: r.state_label,
                strategy: r.strategy_label,
                go_live: r.go_live,
                window: r.window_start.zip(r.window_end),
                freeze: r.freeze_start.zip(r.freeze_end),
                readiness: r.readiness,
                checklist: r
                    .checklist
                    .into_iter()
                    .map(|i| ReportChecklistItem {
                        group: i.group_label,
                        title: i.title,
                        owner: i.owner,
                        due: i.due,
                        done: i.done_on.is_some(),
                        overdue: i.overdue,
                    })
                    .collect(),
                checkpoints: r
                    .checkpoints
                    .into_iter()
                    .map(|c| ReportCheckpoint {
                        title: c.title,
                        at: c.at,
                        criteria: c.criteria,
                        verdict: c.verdict_label,
                        decided_by: c.decided_by,
                    })
                    .collect(),
                rollback_steps: r.rollback.steps,
                rollback_owner: r.rollback.owner,
                rollback_decide_by: r.rollback.decide_by,
                rollback_minutes: r.rollback.minutes,
                waves: r.waves.into_iter().map(|w| (w.name, w.start, w.finish)).collect(),
                blockers: r.blockers,
                clashes: r.clashes,
            })
            .collect())
    }

    /// The releases of a project (or of the portfolio) as iCalendar: each
    /// go-live, changeover window, freeze, wave and go/no-go checkpoint an
    /// event with a UID that stays the same from one export to the next.
    pub fn release_ical(&self, project: Option<ProjectId>, today: NaiveDate, stamp: NaiveDateTime) -> Result<String> {
        Ok(gantry_interop::ical::calendar("Gantry releases", &self.release_events(project, today)?, stamp))
    }

    /// The calendar events of releases: go-lives, windows, freezes, waves
    /// and go/no-go checkpoints.
    pub(crate) fn release_events(
        &self,
        project: Option<ProjectId>,
        today: NaiveDate,
    ) -> Result<Vec<gantry_interop::ical::Event>> {
        use gantry_interop::ical::{Event, When};
        let rows = self.release_rows(project, today)?;
        let moment = |s: &str| validate::datetime("at", s).ok();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let mut events = Vec::new();
        for r in &rows {
            let tentative = matches!(r.state.as_str(), "planned" | "ready");
            let about = format!("{} · {} · {}", r.project, r.state_label, r.strategy_label);
            if let Some(at) = r.go_live.as_deref().and_then(moment) {
                events.push(Event {
                    uid: self.uid("golive", r.id),
                    summary: format!("Go-live: {}", r.title),
                    description: about.clone(),
                    when: When::Moments(at, at),
                    tentative,
                });
            }
            if let (Some(s), Some(e)) =
                (r.window_start.as_deref().and_then(moment), r.window_end.as_deref().and_then(moment))
            {
                events.push(Event {
                    uid: self.uid("window", r.id),
                    summary: format!("Changeover: {}", r.title),
                    description: format!(
                        "{about}\nRollback: decide by {}",
                        r.rollback.decide_by.clone().unwrap_or_default()
                    ),
                    when: When::Moments(s, e),
                    tentative,
                });
            }
            if let (Some(s), Some(e)) = (r.freeze_start.as_deref().and_then(day), r.freeze_end.as_deref().and_then(day))
            {
                events.push(Event {
                    uid: self.uid("freeze", r.id),
                    summary: format!("Change freeze: {}", r.title),
                    description: about.clone(),
                    when: When::Days(s, e),
                    tentative,
                });
            }
            for w in &r.waves {
                if let (Some(s), Some(e)) = (day(&w.start), day(&w.finish)) {
                    events.push(Event {
                        uid: self.uid("wave", w.id),
                        summary: format!("{}: {}", r.title, w.name),
                        description: about.clone(),
                        when: When::Days(s, e),
                        tentative,
                    });
                }
            }
            for c in &r.checkpoints {
                if let Some(at) = moment(&c.at) {
                    events.push(Event {
                        uid: self.uid("gonogo", c.id),
                        summary: format!("Go/no-go: {} ({})", r.title, c.title),
                        description: format!("{}\n{}", c.verdict_label, c.criteria),
                        when: When::Moments(at, at + chrono::Duration::hours(1)),
                        tentative: c.verdict == "pending",
                    });
                }
            }
        }
        Ok(events)
    }

    // ------------------------------------------------------------- changes

    /// Adds a release; with `create_milestone`, its go-live milestone is
    /// added to the plan at the window's start in the same step.
    pub fn add_release(&mut self, project: ProjectId, fields: &ReleaseFields) -> Result<ReleaseId> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let r = release_from(db, &p, 0, fields)?;
        let milestone = if fields.create_milestone {
            let Some(w) = r.window else {
                return Err(validation(
                    "windowStart",
                    "Give the changeover window to create the go-live milestone at its start, or choose a milestone.",
                ));
            };
            Some(w.start)
        } else {
            None
        };
        let label = format!("Add release “{}”", r.title());
        Ok(self.store.write(&label, |db| {
            let mut r = r.clone();
            if let Some(at) = milestone {
                let position = crate::next_position(db, p.id, None)?;
                let task = Task {
                    constraint: Constraint { kind: ConstraintKind::Snet, date: Some(at) },
                    ..Task::new(p.id, None, position, &format!("Go-live {}", r.title()), 0)
                };
                r.milestone_id = Some(gantry_store::insert_task(db, &task)?);
            }
            gantry_store::save_release(db, &r)
        })?)
    }

    pub fn edit_release(&mut self, id: ReleaseId, fields: &ReleaseFields) -> Result<()> {
        let db = self.store.db();
        let before = gantry_store::release(db, id)?;
        let p = gantry_store::project(db, before.project_id)?;
        let r = release_from(db, &p, id, fields)?;
        let label = format!("Edit release “{}”", r.title());
        Ok(self.store.write(&label, |db| gantry_store::save_release(db, &r).map(|_| ()))?)
    }

    /// Moves a release on (planned → ready → go → live, or rolled back).
    pub fn set_release_state(&mut self, id: ReleaseId, state: &str) -> Result<()> {
        let db = self.store.db();
        let r = gantry_store::release(db, id)?;
        let state = ReleaseState::from_code(state).ok_or_else(|| validation("state", "Choose the release's state."))?;
        let label = format!("{} “{}”", state.label(), r.title());
        Ok(self
            .store
            .write(&label, |db| gantry_store::save_release(db, &Release { state, ..r.clone() }).map(|_| ()))?)
    }

    pub fn remove_release(&mut self, id: ReleaseId) -> Result<()> {
        let r = gantry_store::release(self.store.db(), id)?;
        Ok(self
            .store
            .write(&format!("Remove release “{}”", r.title()), |db| gantry_store::delete_release(db, id))?)
    }

    pub fn add_checklist_item(&mut self, release: ReleaseId, fields: &ChecklistFields) -> Result<ChecklistItemId> {
        let db = self.store.db();
        let r = gantry_store::release(db, release)?;
        let item = checklist_from(db, 0, r.id, fields, None)?;
        Ok(self.store.write(&format!("Add “{}” to the checklist", item.title), |db| {
            gantry_store::save_checklist_item(db, &item)
        })?)
    }

    pub fn edit_checklist_item(&mut self, id: ChecklistItemId, fields: &ChecklistFields) -> Result<()> {
        let db = self.store.db();
        let before = gantry_store::checklist_item(db, id)?;
        let item = checklist_from(db, id, before.release_id, fields, before.done_on)?;
        Ok(self.store.write(&format!("Edit checklist item “{}”", item.title), |db| {
            gantry_store::save_checklist_item(db, &item).map(|_| ())
        })?)
    }

    /// Ticks a checklist item done today, or opens it again.
    pub fn tick_checklist_item(&mut self, id: ChecklistItemId, done: bool, today: NaiveDate) -> Result<()> {
        let before = gantry_store::checklist_item(self.store.db(), id)?;
        let item = ChecklistItem { done_on: done.then_some(before.done_on.unwrap_or(today)), ..before };
        let label = format!("{} “{}”", if done { "Tick" } else { "Untick" }, item.title);
        Ok(self.store.write(&label, |db| gantry_store::save_checklist_item(db, &item).map(|_| ()))?)
    }

    pub fn remove_checklist_item(&mut self, id: ChecklistItemId) -> Result<()> {
        let item = gantry_store::checklist_item(self.store.db(), id)?;
        Ok(self.store.write(&format!("Remove checklist item “{}”", item.title), |db| {
            gantry_store::delete_checklist_item(db, id)
        })?)
    }

    /// Adds a template's items to a release's checklist, each owned by
    /// `owner` and due its days before the changeover window (template 0 is
    /// the standard go-live checklist). Items already there by title are
    /// skipped. Returns how many were added.
    pub fn apply_checklist_template(&mut self, release: ReleaseId, template: i64, owner: Option<i64>) -> Result<usize> {
        let db = self.store.db();
        let r = gantry_store::release(db, release)?;
        let owner = current_member(
            db,
            owner.ok_or_else(|| validation("ownerId", "Every checklist item needs an owner; choose who owns them."))?,
        )?;
        let Some(window) = r.window else {
            return Err(validation("windowStart", "Set the changeover window first: the items fall due before it."));
        };
        let (name, items) = if template == 0 {
            ("Standard go-live checklist".to_owned(), standard_checklist())
        } else {
            let (_, name, items) = gantry_store::checklist_templates(db)?
                .into_iter()
                .find(|(id, _, _)| *id == template)
                .ok_or(gantry_store::Error::NotFound("The checklist template"))?;
            (name, items)
        };
        let have: HashSet<String> = gantry_store::checklist(db, r.id)?.into_iter().map(|i| i.title).collect();
        let new: Vec<ChecklistItem> = items
            .into_iter()
            .filter(|i| !have.contains(&i.title))
            .map(|i| ChecklistItem {
                id: 0,
                release_id: r.id,
                group: i.group,
                title: i.title,
                owner_id: owner,
                due: window.start.date() - chrono::Days::new(i.days_before.clamp(0, 3650) as u64),
                done_on: None,
                position: 0,
            })
            .collect();
        let label = format!("Add “{name}” to {}", r.title());
        self.store.write(&label, |db| {
            for i in &new {
                gantry_store::save_checklist_item(db, i)?;
            }
            Ok(())
        })?;
        Ok(new.len())
    }

    /// Keeps a release's checklist as a template for the next release.
    pub fn save_checklist_template(&mut self, release: ReleaseId, name: &str) -> Result<i64> {
        let db = self.store.db();
        let name = validate::name("name", "The template's name", name)?;
        let r = gantry_store::release(db, release)?;
        let items = gantry_store::checklist(db, r.id)?;
        if items.is_empty() {
            return Err(refused("The checklist is empty; add items before keeping it as a template."));
        }
        let start = r.window.map(|w| w.start.date());
        let template: Vec<TemplateItem> = items
            .into_iter()
            .map(|i| TemplateItem {
                group: i.group,
                title: i.title,
                days_before: start.map(|s| (s - i.due).num_days().max(0)).unwrap_or(0),
            })
            .collect();
        Ok(self.store.write(&format!("Keep checklist template “{name}”"), |db| {
            gantry_store::save_checklist_template(db, &name, &template)
        })?)
    }

    pub fn add_checkpoint(&mut self, release: ReleaseId, fields: &CheckpointFields) -> Result<CheckpointId> {
        let r = gantry_store::release(self.store.db(), release)?;
        let c = checkpoint_from(0, r.id, fields)?;
        Ok(self.store.write(&format!("Add go/no-go “{}”", c.title), |db| gantry_store::save_checkpoint(db, &c))?)
    }

    /// Edits a checkpoint, or records its call: a go moves a planned or
    /// ready release to go.
    pub fn edit_checkpoint(&mut self, id: CheckpointId, fields: &CheckpointFields) -> Result<()> {
        let db = self.store.db();
        let before = gantry_store::checkpoint(db, id)?;
        let c = checkpoint_from(id, before.release_id, fields)?;
        let r = gantry_store::release(db, c.release_id)?;
        let label = if c.verdict != before.verdict && c.verdict != Verdict::Pending {
            format!("Record {} for {}", c.verdict.label().to_lowercase(), r.title())
        } else {
            format!("Edit go/no-go “{}”", c.title)
        };
        Ok(self.store.write(&label, |db| {
            gantry_store::save_checkpoint(db, &c)?;
            if c.verdict == Verdict::Go && matches!(r.state, ReleaseState::Planned | ReleaseState::Ready) {
                gantry_store::save_release(db, &Release { state: ReleaseState::Go, ..r.clone() })?;
            }
            Ok(())
        })?)
    }

    pub fn remove_checkpoint(&mut self, id: CheckpointId) -> Result<()> {
        let c = gantry_store::checkpoint(self.store.db(), id)?;
        Ok(self
            .store
            .write(&format!("Remove go/no-go “{}”", c.title), |db| gantry_store::delete_checkpoint(db, id))?)
    }

    pub fn add_wave(&mut self, release: ReleaseId, fields: &WaveFields) -> Result<WaveId> {
        let r = gantry_store::release(self.store.db(), release)?;
        let w = wave_from(0, r.id, fields)?;
        Ok(self.store.write(&format!("Add wave “{}”", w.name), |db| gantry_store::save_wave(db, &w))?)
    }

    pub fn edit_wave(&mut self, id: WaveId, fields: &WaveFields) -> Result<()> {
        let release = gantry_store::wave_release(self.store.db(), id)?;
        let w = wave_from(id, release, fields)?;
        Ok(self
            .store
            .write(&format!("Edit wave “{}”", w.name), |db| gantry_store::save_wave(db, &w).map(|_| ()))?)
    }

    pub fn remove_wave(&mut self, id: WaveId) -> Result<()> {
        gantry_store::wave_release(self.store.db(), id)?;
        Ok(self.store.write("Remove wave", |db| gantry_store::delete_wave(db, id))?)
    }
}

// ------------------------------------------------------------ validation

/// A moment as typed: `YYYY-MM-DDTHH:MM`, a space for the T; "" is none.
fn moment(field: &'static str, raw: &str) -> Result<Option<NaiveDateTime>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    Ok(Some(validate::datetime(field, &raw.replacen(' ', "T", 1))?))
}

fn day(field: &'static str, raw: &str) -> Result<Option<NaiveDate>> {
    let raw = raw.trim();
    if raw.is_empty() { Ok(None) } else { Ok(Some(validate::date(field, raw)?)) }
}

fn release_from(db: &Db, p: &Project, id: ReleaseId, f: &ReleaseFields) -> Result<Release> {
    let name = validate::name("name", "The release's name", &f.name)?;
    let version = validate::optional_name("version", "The version", &f.version)?;
    let state = match f.state.as_str() {
        "" => ReleaseState::Planned,
        s => ReleaseState::from_code(s).ok_or_else(|| validation("state", "Choose the release's state."))?,
    };
    let strategy = match f.strategy.as_str() {
        "" => Strategy::BigBang,
        s => Strategy::from_code(s).ok_or_else(|| validation("strategy", "Choose a changeover strategy."))?,
    };
    let window = match (moment("windowStart", &f.window_start)?, moment("windowEnd", &f.window_end)?) {
        (None, None) => None,
        (Some(s), Some(e)) => Some(check_window(s, e)?),
        _ => return Err(validation("windowEnd", "A changeover window needs both its start and its end.")),
    };
    let tasks = gantry_store::tasks(db, p.id)?;
    let ids: HashSet<TaskId> = tasks.iter().map(|t| t.id).collect();
    let freeze = match (day("freezeStart", &f.freeze_start)?, day("freezeEnd", &f.freeze_end)?) {
        (None, None) => None,
        (Some(s), Some(e)) => {
            let s_plan = run_schedule(p, &gantry_store::calendars(db)?, &tasks, &gantry_store::links(db, p.id)?);
            let span = (!tasks.is_empty()).then(|| (s_plan.start.date(), s_plan.finish.date()));
            Some(check_freeze(s, e, span)?)
        }
        _ => return Err(validation("freezeEnd", "A change freeze needs its first and its last day.")),
    };
    if let Some(m) = f.milestone_id
        && !ids.contains(&m)
    {
        return Err(validation("milestoneId", "The milestone is not in this project's plan."));
    }
    let mut scope: Vec<TaskId> = Vec::new();
    for t in &f.scope {
        if !ids.contains(t) {
            return Err(validation("scope", "A task of the scope is not in this project's plan."));
        }
        if !scope.contains(t) {
            scope.push(*t);
        }
    }
    let mut environments = Vec::new();
    for (code, passed) in &f.environments {
        let env = Environment::from_code(code).ok_or_else(|| validation("environments", "Unknown environment."))?;
        if let Some(d) = day("environments", passed)? {
            environments.retain(|(e, _)| *e != env);
            environments.push((env, d));
        }
    }
    environments.sort();
    let rollback = Rollback {
        steps: validate::text("rollbackSteps", "The rollback steps", &f.rollback_steps)?,
        owner_id: f.rollback_owner_id.map(|o| current_member(db, o)).transpose()?,
        decide_by: moment("rollbackDecideBy", &f.rollback_decide_by)?,
        minutes: match f.rollback_minutes.trim() {
            "" => 0,
            m => m
                .parse::<i64>()
                .map_err(|_| validation("rollbackMinutes", "How long the rollback takes, in whole minutes."))?,
        },
    };
    check_rollback(&rollback, window)?;
    Ok(Release {
        id,
        project_id: p.id,
        name,
        version,
        milestone_id: f.milestone_id,
        state,
        scope,
        environments,
        strategy,
        window,
        freeze,
        rollback,
        notes: validate::text("notes", "The notes", &f.notes)?,
    })
}

fn checklist_from(
    db: &Db,
    id: ChecklistItemId,
    release: ReleaseId,
    f: &ChecklistFields,
    done_on: Option<NaiveDate>,
) -> Result<ChecklistItem> {
    let group = ChecklistGroup::from_code(if f.group.is_empty() { "technical" } else { &f.group })
        .ok_or_else(|| validation("group", "Choose the item's group."))?;
    let title = validate::name("title", "The checklist item", &f.title)?;
    let owner = f.owner_id.ok_or_else(|| validation("ownerId", "Every checklist item needs an owner."))?;
    Ok(ChecklistItem {
        id,
        release_id: release,
        group,
        title,
        owner_id: current_member(db, owner)?,
        due: day("due", &f.due)?.ok_or_else(|| validation("due", "Give the day the item is due."))?,
        done_on,
        position: 0,
    })
}

fn checkpoint_from(id: CheckpointId, release: ReleaseId, f: &CheckpointFields) -> Result<Checkpoint> {
    let verdict = match f.verdict.as_str() {
        "" => Verdict::Pending,
        v => Verdict::from_code(v).ok_or_else(|| validation("verdict", "Choose go, no go or not decided."))?,
    };
    let decided_by = validate::optional_name("decidedBy", "Who decided", &f.decided_by)?;
    if verdict != Verdict::Pending && decided_by.is_empty() {
        return Err(validation("decidedBy", "Say who made the call."));
    }
    Ok(Checkpoint {
        id,
        release_id: release,
        title: validate::name("title", "The checkpoint's name", &f.title)?,
        at: moment("at", &f.at)?.ok_or_else(|| validation("at", "Give the checkpoint's date and time."))?,
        criteria: validate::text("criteria", "The criteria", &f.criteria)?,
        verdict,
        decided_by,
        note: validate::text("note", "The note", &f.note)?,
    })
}

fn wave_from(id: WaveId, release: ReleaseId, f: &WaveFields) -> Result<Wave> {
    let start = day("start", &f.start)?.ok_or_else(|| validation("start", "Give the wave's first day."))?;
    let finish = day("finish", &f.finish)?.ok_or_else(|| validation("finish", "Give the wave's last day."))?;
    check_wave(start, finish)?;
    Ok(Wave { id, release_id: release, name: validate::name("name", "The wave's name", &f.name)?, start, finish })
}
