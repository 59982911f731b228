//! Gantry's commands. The Tauri shell and the `gantry` CLI both call these,
//! so everything the app can do is testable without a window.
//!
//! Each command validates its input with `gantry_core::validate`, then runs
//! as one store transaction: it either happens completely, with an undo
//! step, or not at all. Dates on the wire are local `YYYY-MM-DDTHH:MM:SS`.

pub mod bindings;
mod board;
mod budget;
mod closeout;
mod csv_import;
mod error;
mod export;
mod gantt;
mod import;
mod meetings;
pub mod recent;
mod releases;
mod report;
mod risks;
pub mod sample;
mod snapshots;
mod stakeholders;
mod table;
mod team;
pub mod wire;

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use gantry_core::calendar::WorkCalendar;
use gantry_core::model::*;
use gantry_core::schedule::{self, Schedule, ScheduleInput, Scheduler, TaskDates};
use gantry_core::{split, units, validate, wbs};
use gantry_store::{Db, Store};

pub use error::{Error, Result};
use error::{refused, validation};
pub use export::ExportFormat;
pub use import::{MAX_IMPORT_TASKS, read_import_file};
pub use report::{ReportJob, save_report};
pub use snapshots::{restore, snapshot_if_due, snapshots};
use wire::*;

/// An open portfolio file.
pub struct Portfolio {
    store: Store,
    /// The last project read for a drag, while the file is unchanged.
    loaded: Option<gantt::Loaded>,
}

const WIRE_DATETIME: &str = "%Y-%m-%dT%H:%M:%S";

/// A moment as the wire carries it. A plan of ten thousand tasks sends
/// forty thousand of these, so the four-digit years that every real plan
/// has are written directly rather than through a format string.
pub fn wire_datetime(t: NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    let year = t.year();
    // A leap second reads as :60, which only the format string writes.
    if !(0..=9999).contains(&year) || t.nanosecond() >= 1_000_000_000 {
        return t.format(WIRE_DATETIME).to_string();
    }
    format!("{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}", t.month(), t.day(), t.hour(), t.minute(), t.second())
}

/// Initials for avatars: first letters of the first and last word.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = words.first().and_then(|w| w.chars().next());
    let last = if words.len() > 1 { words.last().and_then(|w| w.chars().next()) } else { None };
    first.into_iter().chain(last).flat_map(char::to_uppercase).collect()
}

impl Portfolio {
    /// Opens (or creates, if no file is there) a portfolio.
    pub fn open(path: impl AsRef<Path>) -> Result<Portfolio> {
        Ok(Portfolio { store: Store::open(path)?, loaded: None })
    }

    /// Creates the sample portfolio in a new file. Refuses to touch an
    /// existing file.
    pub fn create_sample(path: impl AsRef<Path>, today: NaiveDate) -> Result<Portfolio> {
        let path = path.as_ref();
        if path.exists() {
            return Err(refused(format!("{} already exists; choose a new file for the sample.", path.display())));
        }
        let mut portfolio = Portfolio::open(path)?;
        sample::create(&mut portfolio.store, today)?;
        portfolio.store.forget_history()?;
        Ok(portfolio)
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// The file's name and what undo and redo would do.
    pub fn info(&self) -> Result<PortfolioInfo> {
        let history = self.store.history(200)?;
        let undo = history.iter().find(|h| !h.undone).map(|h| h.label.clone());
        let redo = history.iter().rev().find(|h| h.undone).map(|h| h.label.clone());
        let path = self.path();
        Ok(PortfolioInfo {
            path: path.display().to_string(),
            name: path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            undo,
            redo,
            read_only: self.store.read_only().map(|r| r.message().to_owned()),
        })
    }

    /// The recent commands, newest first: the history panel.
    pub fn history(&self, limit: usize) -> Result<Vec<HistoryRow>> {
        Ok(self
            .store
            .history(limit)?
            .into_iter()
            .map(|h| HistoryRow { label: h.label, at: h.at, undone: h.undone })
            .collect())
    }

    // ---------------------------------------------------------- projects

    /// The portfolio home: every project with its scheduled dates.
    pub fn projects(&self) -> Result<Vec<ProjectSummary>> {
        let db = self.store.db();
        let counts: HashMap<ProjectId, i64> = gantry_store::task_counts(db)?.into_iter().collect();
        let calendars = gantry_store::calendars(db)?;
        let closed: HashMap<ProjectId, NaiveDate> =
            gantry_store::closures(db)?.into_iter().map(|c| (c.project_id, c.closed_on)).collect();
        gantry_store::projects(db)?
            .into_iter()
            .map(|p| {
                let tasks = gantry_store::tasks(db, p.id)?;
                let links = gantry_store::links(db, p.id)?;
                let s = run_schedule(&p, &calendars, &tasks, &links);
                let baseline = match newest_baseline(gantry_store::baselines(db, p.id)?) {
                    Some(b) => gantry_store::baseline_tasks(db, b.id)?
                        .into_iter()
                        .map(|t| t.finish)
                        .max()
                        .map(|finish| (b.name, finish)),
                    None => None,
                };
                let finish_variance_days = baseline.as_ref().map(|(_, base)| {
                    working_days_between(&project_calendar(&p, &calendars), *base, s.finish, p.durations)
                });
                let next_milestone = tasks
                    .iter()
                    .zip(&s.tasks)
                    .filter(|(t, d)| t.kind == TaskKind::Milestone && !d.summary && t.percent_complete < 100)
                    .min_by_key(|(_, d)| d.finish)
                    .map(|(t, d)| (t.name.clone(), wire_datetime(d.finish)));
                let percent_complete = weighted_percent(
                    tasks
                        .iter()
                        .zip(&s.tasks)
                        .filter(|(_, d)| !d.summary)
                        .map(|(t, _)| (t.duration_minutes, t.percent_complete)),
                );
                Ok(ProjectSummary {
                    id: p.id,
                    manager: p.manager,
                    methodology: p.methodology,
                    start: wire_datetime(s.start),
                    finish: wire_datetime(s.finish),
                    status: p.status,
                    status_reason: p.status_reason,
                    task_count: counts.get(&p.id).copied().unwrap_or(0),
                    percent_complete,
                    critical_count: s.tasks.iter().filter(|d| d.critical && !d.summary).count() as i64,
                    finish_variance_days,
                    baseline_name: baseline.map(|(name, _)| name),
                    next_milestone,
                    closed_on: closed.get(&p.id).map(|d| d.to_string()),
                    name: p.name,
                })
            })
            .collect()
    }

    /// The calendars a project may use.
    pub fn calendars(&self) -> Result<Vec<CalendarChoice>> {
        Ok(gantry_store::calendars(self.store.db())?
            .into_iter()
            // People's own calendars are theirs, not the company's.
            .filter(|c| c.id > 0)
            .map(|c| CalendarChoice {
                id: c.id,
                exceptions: c
                    .exceptions
                    .iter()
                    .map(|e| {
                        let when = if e.start == e.finish {
                            e.start.format("%Y-%m-%d").to_string()
                        } else {
                            format!("{} – {}", e.start.format("%Y-%m-%d"), e.finish.format("%Y-%m-%d"))
                        };
                        format!("{}: {when}{}", e.name, if e.yearly { ", every year" } else { "" })
                    })
                    .collect(),
                name: c.name,
            })
            .collect())
    }

    /// Adds a project; returns its id.
    pub fn create_project(&mut self, fields: ProjectFields) -> Result<ProjectId> {
        let project = checked_project(self.store.db(), 0, &fields)?;
        let label = format!("Create project “{}”", project.name);
        Ok(self.store.write(&label, |db| gantry_store::insert_project(db, &project))?)
    }

    /// Changes the project sheet.
    pub fn update_project(&mut self, id: ProjectId, fields: ProjectFields) -> Result<()> {
        let project = checked_project(self.store.db(), id, &fields)?;
        let before = gantry_store::project(self.store.db(), id)?;
        let label = if before.name != project.name {
            format!("Rename project “{}” to “{}”", before.name, project.name)
        } else {
            format!("Edit project “{}”", project.name)
        };
        let mut project = project;
        project.durations = before.durations;
        Ok(self.store.write(&label, |db| gantry_store::update_project(db, &project))?)
    }

    /// Removes a project and all its tasks (undoable).
    pub fn delete_project(&mut self, id: ProjectId) -> Result<()> {
        let p = gantry_store::project(self.store.db(), id)?;
        Ok(self.store.write(&format!("Delete project “{}”", p.name), |db| gantry_store::delete_project(db, id))?)
    }

    // -------------------------------------------------------------- plan

    /// A project with its WBS in outline order and the scheduled dates.
    pub fn plan(&self, id: ProjectId) -> Result<ProjectPlan> {
        let db = self.store.db();
        let project = gantry_store::project(db, id)?;
        let calendars = gantry_store::calendars(db)?;
        let tasks = gantry_store::tasks(db, id)?;
        let links = gantry_store::links(db, id)?;
        let s = run_schedule(&project, &calendars, &tasks, &links);

        let by_id: HashMap<TaskId, usize> = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
        let rows = wbs::outline(&nodes(&tasks));
        // By task index from here on.
        let mut outline_of = vec!["?"; tasks.len()];
        for r in &rows {
            if let Some(&i) = by_id.get(&r.id) {
                outline_of[i] = r.outline.as_str();
            }
        }
        let mut preds = vec![String::new(); tasks.len()];
        for l in &links {
            let Some(&to) = by_id.get(&l.successor) else { continue };
            let text = &mut preds[to];
            if !text.is_empty() {
                text.push_str(", ");
            }
            text.push_str(by_id.get(&l.predecessor).map_or("?", |&i| outline_of[i]));
            text.extend(l.kind.code().chars().map(|c| c.to_ascii_uppercase()));
            text.push_str(&gantt::lag_text(l, project.durations));
        }
        let mut people = assignees(db, id)?;
        let mut labels = task_labels(db, id)?;
        // Work and logged hours, each task's, then added up the outline.
        let mut hours = vec![(0_i64, 0_i64); tasks.len()];
        for (task, list) in &people {
            if let Some(&i) = by_id.get(task) {
                hours[i].0 = list.iter().map(|a| a.work_minutes).sum();
            }
        }
        for (task, _, minutes) in gantry_store::actual_work(db, id)? {
            if let Some(&i) = by_id.get(&task) {
                hours[i].1 += minutes;
            }
        }
        // Summaries show the work-weighted progress of the tasks under them.
        let mut rollup = vec![(0.0, 0.0); tasks.len()];
        for r in rows.iter().rev() {
            let Some(&i) = by_id.get(&r.id) else { continue };
            let t = &tasks[i];
            if !r.has_children {
                let work = t.duration_minutes.max(1) as f64;
                rollup[i] = (work, work * f64::from(t.percent_complete) / 100.0);
            }
            if let Some(&p) = t.parent_id.and_then(|p| by_id.get(&p)) {
                rollup[p].0 += rollup[i].0;
                rollup[p].1 += rollup[i].1;
                hours[p].0 += hours[i].0;
                hours[p].1 += hours[i].1;
            }
        }
        let task_rows = rows
            .iter()
            .filter_map(|r| {
                let i = *by_id.get(&r.id)?;
                let t = &tasks[i];
                let d = &s.tasks[i];
                let duration = if d.summary {
                    working_minutes(&project, &calendars, t, d.start, d.finish)
                } else {
                    t.duration_minutes
                };
                Some(TaskRow {
                    id: t.id,
                    parent_id: t.parent_id,
                    depth: r.depth as u32,
                    outline: r.outline.clone(),
                    name: t.name.clone(),
                    notes: t.notes.clone(),
                    kind: if r.has_children { TaskKind::Summary } else { t.kind },
                    duration_minutes: duration,
                    duration: {
                        let text =
                            units::format_task_duration(duration, t.duration_elapsed && !d.summary, project.durations);
                        // An estimate shows as MS Project shows it: "5d?".
                        if t.estimated && !d.summary { text + "?" } else { text }
                    },
                    start: wire_datetime(d.start),
                    finish: wire_datetime(d.finish),
                    percent_complete: match rollup[i] {
                        (work, done) if r.has_children && work > 0.0 => (done / work * 100.0).floor() as u8,
                        _ => t.percent_complete,
                    },
                    board_status: t.board_status,
                    priority: t.priority,
                    constraint_kind: t.constraint.kind,
                    constraint_date: t.constraint.date.map(wire_datetime),
                    total_slack_minutes: d.total_slack,
                    critical: d.critical,
                    has_children: r.has_children,
                    predecessors: std::mem::take(&mut preds[i]),
                    assignees: people.remove(&t.id).unwrap_or_default(),
                    work_minutes: hours[i].0,
                    actual_work_minutes: hours[i].1,
                    actual_start: t.actual_start.map(wire_datetime),
                    actual_finish: t.actual_finish.map(wire_datetime),
                    labels: labels.remove(&t.id).unwrap_or_default(),
                    leveling_delay: match t.leveling_delay {
                        Delay { minutes: 0, .. } => String::new(),
                        Delay { minutes, elapsed } => units::format_task_duration(minutes, elapsed, project.durations),
                    },
                    segments: if t.pauses() > 0 && !r.has_children {
                        split::work_segments(t, d.start, d.finish, &task_calendar(&project, &calendars, t))
                            .into_iter()
                            .map(|(start, finish)| Segment {
                                start: wire_datetime(start),
                                finish: wire_datetime(finish),
                            })
                            .collect()
                    } else {
                        Vec::new()
                    },
                    calendar_id: t.calendar_id,
                    ignores_people_calendars: t.ignores_people_calendars,
                    deadline: t.deadline.map(wire_datetime),
                })
            })
            .collect();
        let calendar = project_calendar(&project, &calendars);
        let calendar_name = calendar.name.clone();
        let calendar_days = exception_days(&calendar, s.start.date(), s.finish.date())
            .into_iter()
            .map(|(d, working)| CalendarDay { date: d.format("%Y-%m-%d").to_string(), working })
            .collect();
        Ok(ProjectPlan {
            id,
            fields: fields_of(&project),
            calendar_name,
            start: wire_datetime(s.start),
            finish: wire_datetime(s.finish),
            tasks: task_rows,
            links: links
                .iter()
                .map(|l| LinkRow {
                    id: l.id,
                    predecessor: l.predecessor,
                    successor: l.successor,
                    kind: l.kind,
                    lag_minutes: l.lag_minutes,
                    lag: gantt::lag_text(l, project.durations),
                })
                .collect(),
            diagnostics: s.diagnostics.into_iter().map(|d| d.message).collect(),
            work_week: work_week(&calendar).to_vec(),
            calendar_days,
            baselines: gantry_store::baselines(db, id)?
                .into_iter()
                .map(|b| BaselineInfo { id: b.id, name: b.name, saved_at: wire_datetime(b.saved_at) })
                .collect(),
        })
    }

    /// Adds a task after `after` (as its sibling) or at the end of the plan.
    pub fn add_task(&mut self, new: NewTask) -> Result<TaskId> {
        let name = validate::name("name", "The task name", &new.name)?;
        let project = gantry_store::project(self.store.db(), new.project_id)?;
        let (minutes, elapsed) = match &new.duration {
            Some(text) => units::parse_task_duration(text, project.durations)?,
            None => (project.durations.minutes_per_day, false),
        };
        let anchor = match new.after {
            Some(id) => {
                let t = gantry_store::task(self.store.db(), id)?;
                if t.project_id != project.id {
                    return Err(refused("That task belongs to another project."));
                }
                Some(t)
            }
            None => None,
        };
        let label = format!("Add task “{name}”");
        Ok(self.store.write(&label, |db| {
            let (parent, position) = match &anchor {
                Some(a) => {
                    make_room(db, project.id, a.parent_id, a.position + 1)?;
                    (a.parent_id, a.position + 1)
                }
                None => (None, next_position(db, project.id, None)?),
            };
            let estimated = new.duration.as_deref().is_some_and(units::is_estimate);
            let task = Task {
                duration_elapsed: elapsed,
                estimated,
                ..Task::new(project.id, parent, position, &name, minutes)
            };
            gantry_store::insert_task(db, &task)
        })?)
    }

    /// Changes the fields of one task that `edit` names, and says what the
    /// change moved.
    pub fn edit_task(&mut self, id: TaskId, edit: TaskEdit) -> Result<Rescheduled> {
        let db = self.store.db();
        let before = gantry_store::task(db, id)?;
        let project = gantry_store::project(db, before.project_id)?;
        let calendars = gantry_store::calendars(db)?;
        let tasks = gantry_store::tasks(db, project.id)?;
        let links = gantry_store::links(db, project.id)?;
        // The project's tasks with this one as edited so far.
        let with_edit =
            |t: &Task| -> Vec<Task> { tasks.iter().map(|x| if x.id == id { t.clone() } else { x.clone() }).collect() };
        let cal = task_calendar(&project, &calendars, &before);
        let mut t = before.clone();
        let mut what = Vec::new();
        if let Some(name) = &edit.name {
            t.name = validate::name("name", "The task name", name)?;
            what.push("rename");
        }
        if let Some(notes) = &edit.notes {
            t.notes = validate::text("notes", "The notes", notes)?;
            what.push("notes");
        }
        if let Some(text) = &edit.duration {
            (t.duration_minutes, t.duration_elapsed) = units::parse_task_duration(text, project.durations)?;
            // A duration typed is no longer an estimate, unless typed as one.
            t.estimated = units::is_estimate(text);
            t.kind = if t.kind == TaskKind::Summary {
                TaskKind::Summary
            } else if t.duration_minutes == 0 {
                TaskKind::Milestone
            } else {
                TaskKind::Task
            };
            what.push("duration");
        }
        if let Some(milestone) = edit.milestone {
            if milestone {
                t.kind = TaskKind::Milestone;
                t.duration_minutes = 0;
            } else if t.kind == TaskKind::Milestone {
                t.kind = TaskKind::Task;
                t.duration_minutes = t.duration_minutes.max(project.durations.minutes_per_day);
            }
            what.push("type");
        }
        if let Some(start) = &edit.start {
            let day = validate::date("start", start)?;
            let at = cal.next_start(day.and_time(NaiveTime::MIN));
            t.constraint = Constraint { kind: ConstraintKind::Snet, date: Some(at) };
            what.push("start");
        }
        if let Some(finish) = &edit.finish {
            let day = validate::date("finish", finish)?;
            // The finish is measured from where the task starts, with the
            // new start if one came in the same edit.
            let s = run_schedule(&project, &calendars, &with_edit(&t), &links);
            let start = s.get(id).map(|d| d.start).unwrap_or(t.constraint.date.unwrap_or_default());
            let end_of_day = day.succ_opt().unwrap_or(day).and_time(NaiveTime::MIN);
            let finish_at = if t.duration_elapsed { end_of_day } else { cal.previous_finish(end_of_day) };
            let minutes = if t.duration_elapsed {
                (finish_at - start).num_minutes()
            } else {
                cal.working_minutes_between(start, finish_at)
            };
            if finish_at < start || minutes < 0 {
                return Err(Error::Store(gantry_store::Error::Invalid(validate::ValidationError {
                    field: "finish",
                    message: format!(
                        "The finish {day} is before the task starts ({}).",
                        start.format("%Y-%m-%d %H:%M")
                    ),
                })));
            }
            t.duration_minutes = validate::duration("finish", minutes)?;
            t.estimated = false;
            if t.kind != TaskKind::Summary {
                t.kind = if minutes == 0 { TaskKind::Milestone } else { TaskKind::Task };
            }
            what.push("finish");
        }
        if let Some(p) = edit.percent_complete {
            t.percent_complete = validate::percent("percentComplete", p)?;
            if t.percent_complete == 100 {
                t.board_status = BoardStatus::Done;
            } else if t.percent_complete > 0 && matches!(t.board_status, BoardStatus::Backlog | BoardStatus::Todo) {
                t.board_status = BoardStatus::InProgress;
            }
            what.push("progress");
        }
        if let Some(priority) = edit.priority {
            t.priority = priority;
            what.push("priority");
        }
        if let Some(status) = edit.board_status {
            t.board_status = status;
            what.push("status");
        }
        let labels = match &edit.labels {
            Some(raw) => {
                let new = board::checked_labels(raw)?;
                let old: Vec<String> = gantry_store::labels(db, project.id)?
                    .into_iter()
                    .filter(|(k, _)| *k == id)
                    .map(|(_, l)| l)
                    .collect();
                (new != old).then_some(new)
            }
            None => None,
        };
        if labels.is_some() {
            what.push("labels");
        }
        if let Some(text) = &edit.leveling_delay {
            t.leveling_delay = match text.trim() {
                "" => Delay::NONE,
                typed => {
                    let (minutes, elapsed) = units::parse_task_duration(typed, project.durations)
                        .map_err(|e| validation("levelingDelay", &e.message))?;
                    Delay { minutes: validate::duration("levelingDelay", minutes)?, elapsed }
                }
            };
            what.push("leveling delay");
        }
        if let Some(calendar) = edit.calendar {
            t.calendar_id = match calendar {
                0 => None,
                id if id > 0 && calendars.iter().any(|c| c.id == id) => Some(id),
                _ => return Err(validation("calendar", "That calendar is not one of the portfolio's.")),
            };
            what.push("calendar");
        }
        if let Some(text) = &edit.deadline {
            t.deadline = match text.trim() {
                "" => None,
                day if day.len() == 10 => {
                    // A day alone: the end of its working time.
                    Some(cal.day_end(validate::date("deadline", day)?))
                }
                moment => Some(validate::datetime("deadline", moment)?),
            };
            what.push("deadline");
        }
        if let Some(ignores) = edit.ignores_people_calendars {
            t.ignores_people_calendars = ignores;
            what.push("calendars");
        }
        if edit.join == Some(true) && !t.splits.is_empty() {
            t.splits.clear();
            what.push("pauses");
        }
        if let Some(at) = &edit.split_at {
            let at = validate::datetime("splitAt", at)?;
            let s = run_schedule(&project, &calendars, &with_edit(&t), &links);
            let d = s.get(id).ok_or(gantry_store::Error::NotFound("The task"))?;
            t.splits =
                split::split_at(&t, d.start, d.finish, &cal, at, project.durations.minutes_per_day).map_err(|why| {
                    validation(
                        "splitAt",
                        &match why {
                            split::SplitRefused::NoWork => format!("“{}” has no work to pause.", t.name),
                            split::SplitRefused::NotWorking => format!(
                                "“{}” is not at work at {}; split it inside a stretch of its work.",
                                t.name,
                                at.format("%Y-%m-%d %H:%M")
                            ),
                        },
                    )
                })?;
            validate::splits("splitAt", t.duration_minutes, &t.splits)?;
            what.push("split");
        }
        t.settle_edit(&before);
        let was = run_schedule(&project, &calendars, &tasks, &links);
        if t == before && labels.is_none() {
            return Ok(rescheduled(&tasks, &was, &was));
        }
        let label = match what.as_slice() {
            ["rename"] => format!("Rename “{}” to “{}”", before.name, t.name),
            [one] => format!("Change {one} of “{}”", t.name),
            _ => format!("Edit “{}”", t.name),
        };
        let edited = with_edit(&t);
        self.store.write(&label, |db| {
            if t != before {
                gantry_store::update_task(db, &t)?;
            }
            if t.duration_minutes != before.duration_minutes {
                Portfolio::restaff_duration(db, &t)?;
            }
            match &labels {
                Some(labels) => gantry_store::set_labels(db, id, labels),
                None => Ok(()),
            }
        })?;
        // Another calendar of its own changes the time it shares with its
        // people's: read anew as the store works it out.
        let (edited, calendars) = if t.shares_its_calendar() == before.shares_its_calendar() {
            (edited, calendars)
        } else {
            let db = self.store.db();
            (gantry_store::tasks(db, project.id)?, gantry_store::calendars(db)?)
        };
        let now = run_schedule(&project, &calendars, &edited, &links);
        Ok(rescheduled(&edited, &was, &now))
    }

    /// Moves a task up or down among its siblings, or in or out a level.
    pub fn shift_task(&mut self, id: TaskId, shift: Shift) -> Result<()> {
        let t = gantry_store::task(self.store.db(), id)?;
        let label = match shift {
            Shift::Up => format!("Move “{}” up", t.name),
            Shift::Down => format!("Move “{}” down", t.name),
            Shift::Indent => format!("Indent “{}”", t.name),
            Shift::Outdent => format!("Outdent “{}”", t.name),
        };
        let day = gantry_store::project(self.store.db(), t.project_id)?.durations.minutes_per_day;
        Ok(self.store.write(&label, |db| {
            let siblings = siblings(db, t.project_id, t.parent_id)?;
            let at = siblings.iter().position(|s| s.id == id).ok_or(gantry_store::Error::NotFound("The task"))?;
            match shift {
                Shift::Up | Shift::Down => {
                    let other = match shift {
                        Shift::Up => at.checked_sub(1).and_then(|i| siblings.get(i)),
                        _ => siblings.get(at + 1),
                    };
                    let Some(other) = other else {
                        return Err(gantry_store::Error::Refused(format!(
                            "“{}” is already the {} of its level.",
                            t.name,
                            if matches!(shift, Shift::Up) { "first" } else { "last" }
                        )));
                    };
                    gantry_store::place_task(db, t.id, t.parent_id, other.position)?;
                    gantry_store::place_task(db, other.id, other.parent_id, t.position)?;
                }
                Shift::Indent => {
                    let Some(above) = at.checked_sub(1).and_then(|i| siblings.get(i)) else {
                        return Err(gantry_store::Error::Refused(format!(
                            "“{}” has no task above it on its level to go under.",
                            t.name
                        )));
                    };
                    let position = next_position(db, t.project_id, Some(above.id))?;
                    gantry_store::place_task(db, t.id, Some(above.id), position)?;
                    sync_summary(db, Some(above.id), day)?;
                    refuse_links_across_the_outline(db, t.project_id, &t.name)?;
                }
                Shift::Outdent => {
                    let Some(parent_id) = t.parent_id else {
                        return Err(gantry_store::Error::Refused(format!("“{}” is already at the top level.", t.name)));
                    };
                    let parent = gantry_store::task(db, parent_id)?;
                    make_room(db, t.project_id, parent.parent_id, parent.position + 1)?;
                    gantry_store::place_task(db, t.id, parent.parent_id, parent.position + 1)?;
                    sync_summary(db, Some(parent_id), day)?;
                    refuse_links_across_the_outline(db, t.project_id, &t.name)?;
                }
            }
            Ok(())
        })?)
    }

    /// Puts a task under another (or at the top level), as its last child.
    pub fn reparent_task(&mut self, id: TaskId, parent: Option<TaskId>) -> Result<()> {
        let db = self.store.db();
        let t = gantry_store::task(db, id)?;
        let tasks = gantry_store::tasks(db, t.project_id)?;
        if let Some(p) = parent {
            let Some(target) = tasks.iter().find(|x| x.id == p) else {
                return Err(refused("The new parent is not a task of this project."));
            };
            if wbs::would_be_own_ancestor(&nodes(&tasks), id, p) {
                return Err(refused(format!(
                    "“{}” cannot go under “{}”: a task cannot be its own ancestor.",
                    t.name, target.name
                )));
            }
        }
        let day = gantry_store::project(db, t.project_id)?.durations.minutes_per_day;
        Ok(self.store.write(&format!("Move “{}”", t.name), |db| {
            let position = next_position(db, t.project_id, parent)?;
            gantry_store::place_task(db, id, parent, position)?;
            sync_summary(db, t.parent_id, day)?;
            sync_summary(db, parent, day)?;
            refuse_links_across_the_outline(db, t.project_id, &t.name)
        })?)
    }

    /// Deletes a task with its subtasks, links and assignments (undoable).
    pub fn delete_task(&mut self, id: TaskId) -> Result<Deleted> {
        let db = self.store.db();
        let t = gantry_store::task(db, id)?;
        let tasks = gantry_store::tasks(db, t.project_id)?;
        let links = gantry_store::links(db, t.project_id)?;
        let mut doomed = vec![id];
        let mut i = 0;
        while i < doomed.len() {
            let parent = doomed[i];
            doomed.extend(tasks.iter().filter(|x| x.parent_id == Some(parent)).map(|x| x.id));
            i += 1;
        }
        let link_count =
            links.iter().filter(|l| doomed.contains(&l.predecessor) || doomed.contains(&l.successor)).count() as i64;
        let label = match doomed.len() {
            1 => format!("Delete “{}”", t.name),
            n => format!("Delete “{}” and {} subtasks", t.name, n - 1),
        };
        let logged = gantry_store::logged_under(db, id)?;
        if logged > 0 {
            return Err(refused(format!(
                "“{}” has {} of hours logged in timesheets, which deleting it would lose. Mark it done instead.",
                t.name,
                gantry_core::units::format_hours(logged)
            )));
        }
        let day = gantry_store::project(db, t.project_id)?.durations.minutes_per_day;
        self.store.write(&label, |db| {
            gantry_store::delete_task(db, id)?;
            sync_summary(db, t.parent_id, day)
        })?;
        Ok(Deleted { tasks: doomed.len() as i64, links: link_count, label })
    }

    /// Adds a dependency, refusing self-links, duplicates and cycles.
    pub fn link_tasks(&mut self, predecessor: TaskId, successor: TaskId, kind: LinkKind, lag: i64) -> Result<LinkId> {
        let db = self.store.db();
        let p = gantry_store::task(db, predecessor)?;
        let s = gantry_store::task(db, successor)?;
        let lag = validate::lag("lag", lag)?;
        if p.project_id != s.project_id {
            return Err(refused("Tasks of different projects cannot be linked."));
        }
        if p.id == s.id {
            return Err(refused(format!("“{}” cannot depend on itself.", p.name)));
        }
        let tasks = gantry_store::tasks(db, p.project_id)?;
        let mut links = gantry_store::links(db, p.project_id)?;
        if links.iter().any(|l| l.predecessor == p.id && l.successor == s.id) {
            return Err(refused(format!("“{}” already depends on “{}”.", s.name, p.name)));
        }
        let link = Link { id: 0, predecessor, successor, kind, lag_minutes: lag, lag_elapsed: false };
        links.push(link);
        if let Some(cycle) = schedule::find_cycle(&tasks, &links) {
            return Err(Error::Cycle {
                message: format!("This link would make a circle: {}.", circle(&tasks, &cycle)),
            });
        }
        let label = format!("Link “{}” → “{}”", p.name, s.name);
        Ok(self.store.write(&label, |db| gantry_store::insert_link(db, p.project_id, &link))?)
    }

    /// Removes a dependency.
    pub fn unlink(&mut self, link: LinkId) -> Result<()> {
        Ok(self.store.write("Remove link", |db| gantry_store::delete_link(db, link))?)
    }

    /// Reverts the last change; returns what was undone.
    pub fn undo(&mut self) -> Result<Option<String>> {
        Ok(self.store.undo()?)
    }

    /// Re-applies the last undone change.
    pub fn redo(&mut self) -> Result<Option<String>> {
        Ok(self.store.redo()?)
    }

    /// Reschedules a project of the portfolio, named as on the home page.
    pub fn schedule_report(&self, project_name: &str) -> Result<ScheduleReport> {
        let db = self.store.db();
        let project = gantry_store::project(db, self.project_named(project_name)?)?;
        let calendars = gantry_store::calendars(db)?;
        let tasks = gantry_store::tasks(db, project.id)?;
        let links = gantry_store::links(db, project.id)?;
        let s = run_schedule(&project, &calendars, &tasks, &links);
        let team: HashMap<MemberId, String> = gantry_store::team(db)?.into_iter().map(|m| (m.id, m.name)).collect();
        let people = gantry_store::assignments(db, project.id)?
            .into_iter()
            .filter_map(|a| Some((a.task_id, team.get(&a.member_id)?.clone())))
            .collect::<Vec<_>>();
        Ok(report(&project.name, &tasks, &links, &people, &s))
    }

    /// Creates, in a new file, the sample portfolio plus one generated
    /// project of `tasks` tasks and about `links` links: the fixed plans
    /// benchmarks open. Returns the portfolio and the project's id.
    pub fn create_generated(
        path: impl AsRef<Path>,
        tasks: usize,
        links: usize,
        today: NaiveDate,
    ) -> Result<(Portfolio, ProjectId)> {
        let mut portfolio = Portfolio::create_sample(path, today)?;
        let id = sample::add_generated(&mut portfolio.store, tasks, links, today)?;
        portfolio.store.forget_history()?;
        Ok((portfolio, id))
    }

    /// Creates, in a new file, the sample plus a generated project of
    /// `assignments` tasks (and half as many links again) whose leaf tasks
    /// `people` generated people work on in turn: the fixed team the
    /// workload benchmark opens.
    pub fn create_staffed(
        path: impl AsRef<Path>,
        people: usize,
        assignments: usize,
        today: NaiveDate,
    ) -> Result<Portfolio> {
        let (mut portfolio, id) = Portfolio::create_generated(path, assignments * 11 / 10, assignments * 3 / 2, today)?;
        sample::add_generated_team(&mut portfolio.store, id, people, assignments)?;
        portfolio.store.forget_history()?;
        Ok(portfolio)
    }

    /// Direct access for tests and tools that check invariants.
    pub fn store(&self) -> &Store {
        &self.store
    }
}

/// The days from a quarter before `start` to two years after `finish`
/// whose working time differs from their weekday's, each with whether it is
/// worked: for the timeline's shading and the report's. Bounded, whatever
/// the dates.
pub(crate) fn exception_days(calendar: &WorkCalendar, start: NaiveDate, finish: NaiveDate) -> Vec<(NaiveDate, bool)> {
    let from = start.checked_sub_days(chrono::Days::new(92)).unwrap_or(start);
    let last = from.checked_add_days(chrono::Days::new(20 * 366)).map_or(finish, |cap| finish.min(cap));
    let to = last.checked_add_days(chrono::Days::new(2 * 366)).unwrap_or(last);
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter_map(|d| {
            let usual = !calendar.weekdays[d.weekday().num_days_from_monday() as usize].is_empty();
            let working = calendar.is_working_day(d);
            (working != usual).then_some((d, working))
        })
        .collect()
}

/// Each task's assignees, as the views show them.
pub(crate) fn assignees(db: &Db, project: ProjectId) -> gantry_store::Result<HashMap<TaskId, Vec<AssigneeRef>>> {
    let team: HashMap<MemberId, TeamMember> = gantry_store::team(db)?.into_iter().map(|m| (m.id, m)).collect();
    let mut people: HashMap<TaskId, Vec<AssigneeRef>> = HashMap::new();
    for a in gantry_store::assignments(db, project)? {
        if let Some(m) = team.get(&a.member_id) {
            people.entry(a.task_id).or_default().push(AssigneeRef {
                member_id: m.id,
                name: m.name.clone(),
                initials: initials(&m.name),
                units_percent: a.units_percent,
                work_minutes: a.work_minutes,
            });
        }
    }
    Ok(people)
}

/// Each task's labels, sorted.
pub(crate) fn task_labels(db: &Db, project: ProjectId) -> gantry_store::Result<HashMap<TaskId, Vec<String>>> {
    let mut labels: HashMap<TaskId, Vec<String>> = HashMap::new();
    for (task, label) in gantry_store::labels(db, project)? {
        labels.entry(task).or_default().push(label);
    }
    Ok(labels)
}

/// Which weekdays, Monday first, the calendar works.
pub(crate) fn work_week(calendar: &WorkCalendar) -> [bool; 7] {
    std::array::from_fn(|d| !calendar.weekdays[d].is_empty())
}

/// The baseline a project is measured against unless another is chosen:
/// the newest.
pub(crate) fn newest_baseline(baselines: Vec<Baseline>) -> Option<Baseline> {
    baselines.into_iter().max_by_key(|b| (b.saved_at, b.id))
}

/// Work-weighted completion, 0–100 to a tenth, of tasks given as their
/// duration in minutes and percent complete.
pub(crate) fn weighted_percent(tasks: impl IntoIterator<Item = (i64, u8)>) -> f64 {
    let (mut work, mut done) = (0.0, 0.0);
    for (minutes, percent) in tasks {
        let weight = minutes.max(1) as f64;
        work += weight;
        done += weight * f64::from(percent) / 100.0;
    }
    if work > 0.0 { (done / work * 1000.0).round() / 10.0 } else { 0.0 }
}

fn nodes(tasks: &[Task]) -> Vec<wbs::Node> {
    tasks.iter().map(|t| wbs::Node { id: t.id, parent: t.parent_id, position: t.position }).collect()
}

pub(crate) fn project_calendar<'a>(
    project: &Project,
    calendars: &'a [WorkCalendar],
) -> std::borrow::Cow<'a, WorkCalendar> {
    match calendars.iter().find(|c| c.id == project.calendar_id) {
        Some(c) => std::borrow::Cow::Borrowed(c),
        None => std::borrow::Cow::Owned(WorkCalendar::standard(0, "Standard")),
    }
}

pub(crate) fn task_calendar<'a>(
    project: &Project,
    calendars: &'a [WorkCalendar],
    t: &Task,
) -> std::borrow::Cow<'a, WorkCalendar> {
    match t.scheduling_calendar().and_then(|id| calendars.iter().find(|c| c.id == id)) {
        Some(c) => std::borrow::Cow::Borrowed(c),
        None => project_calendar(project, calendars),
    }
}

/// Refuses (and so rolls back) a change of the outline that left a task
/// under a task it is linked with: a summary cannot wait for its own
/// subtask, nor a subtask for its summary, so such a plan has no schedule.
fn refuse_links_across_the_outline(db: &Db, project: ProjectId, moved: &str) -> gantry_store::Result<()> {
    let tasks = gantry_store::tasks(db, project)?;
    let links = gantry_store::links(db, project)?;
    match schedule::find_cycle(&tasks, &links) {
        None => Ok(()),
        Some(cycle) => {
            let names: Vec<&str> =
                cycle.iter().filter_map(|id| tasks.iter().find(|t| t.id == *id)).map(|t| t.name.as_str()).collect();
            Err(gantry_store::Error::Refused(format!(
                "“{moved}” cannot go there: it would be in the same branch of the outline as a task it is linked with ({}). \
                 Remove the link first.",
                names.join(" → ")
            )))
        }
    }
}

/// Working days from `a` to `b` on `calendar`, to a tenth; negative when
/// `b` is earlier.
pub(crate) fn working_days_between(
    calendar: &WorkCalendar,
    a: NaiveDateTime,
    b: NaiveDateTime,
    durations: DurationSettings,
) -> f64 {
    let minutes = if b >= a { calendar.working_minutes_between(a, b) } else { -calendar.working_minutes_between(b, a) };
    (minutes as f64 / durations.minutes_per_day.max(1) as f64 * 10.0).round() / 10.0
}

fn working_minutes(project: &Project, calendars: &[WorkCalendar], t: &Task, a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    task_calendar(project, calendars, t).working_minutes_between(a, b)
}

/// Reschedules an MS Project XML file with Gantry's engine.
pub fn schedule_mspdi(bytes: &[u8]) -> Result<ScheduleReport> {
    schedule_plan(gantry_interop::mspdi::read(bytes)?)
}

/// Schedules a GanttProject file with Gantry's engine, its end dates as
/// GanttProject computes them.
pub fn schedule_gan(bytes: &[u8]) -> Result<ScheduleReport> {
    schedule_plan(gantry_interop::gan::read(bytes)?)
}

fn schedule_plan(plan: gantry_interop::mspdi::Plan) -> Result<ScheduleReport> {
    let s = gantry_interop::mspdi::schedule(&plan);
    let names: HashMap<MemberId, &str> = plan.people.iter().map(|m| (m.id, m.name.as_str())).collect();
    let people: Vec<(TaskId, String)> =
        plan.assignments.iter().filter_map(|a| Some((a.task_id, names.get(&a.member_id)?.to_string()))).collect();
    let mut r = report(&plan.name, &plan.tasks, &plan.links, &people, &s);
    r.diagnostics.splice(0..0, plan.warnings);
    Ok(r)
}

/// What moved between two schedules of the same tasks.
fn rescheduled(tasks: &[Task], was: &Schedule, now: &Schedule) -> Rescheduled {
    let names: HashMap<TaskId, &str> = tasks.iter().map(|t| (t.id, t.name.as_str())).collect();
    let moved: Vec<MovedTask> = now
        .moved_since(was)
        .into_iter()
        .map(|d| moved_task(d, names.get(&d.id).copied().unwrap_or_default()))
        .collect();
    Rescheduled {
        moved_count: moved.len(),
        moved,
        finish_before: wire_datetime(was.finish),
        finish_after: wire_datetime(now.finish),
    }
}

/// A task's new dates, for a list of what moved.
pub(crate) fn moved_task(d: &TaskDates, name: &str) -> MovedTask {
    MovedTask { id: d.id, name: name.to_owned(), start: wire_datetime(d.start), finish: wire_datetime(d.finish) }
}

/// The report of a schedule, tasks in input order.
fn report(name: &str, tasks: &[Task], links: &[Link], people: &[(TaskId, String)], s: &Schedule) -> ScheduleReport {
    let mut predecessors: HashMap<TaskId, Vec<PredecessorRef>> = HashMap::new();
    for l in links {
        predecessors.entry(l.successor).or_default().push(PredecessorRef {
            uid: l.predecessor,
            kind: l.kind.abbreviation().into(),
            lag_minutes: l.lag_minutes,
        });
    }
    let mut resources: HashMap<TaskId, Vec<String>> = HashMap::new();
    for (task, who) in people {
        resources.entry(*task).or_default().push(who.clone());
    }
    ScheduleReport {
        project: name.to_owned(),
        start: wire_datetime(s.start),
        finish: wire_datetime(s.finish),
        tasks: tasks
            .iter()
            .zip(&s.tasks)
            .map(|(t, d)| ScheduledTask {
                uid: t.id,
                parent_uid: t.parent_id,
                name: t.name.clone(),
                duration_minutes: if d.summary { 0 } else { t.duration_minutes },
                predecessors: predecessors.remove(&t.id).unwrap_or_default(),
                resources: resources.remove(&t.id).unwrap_or_default(),
                summary: d.summary,
                milestone: !d.summary && (t.kind == TaskKind::Milestone || t.duration_minutes == 0),
                start: wire_datetime(d.start),
                finish: wire_datetime(d.finish),
                early_start: wire_datetime(d.early_start),
                early_finish: wire_datetime(d.early_finish),
                late_start: wire_datetime(d.late_start),
                late_finish: wire_datetime(d.late_finish),
                total_slack_minutes: d.total_slack,
                free_slack_minutes: d.free_slack,
                critical: d.critical,
            })
            .collect(),
        diagnostics: s.diagnostics.iter().map(|d| d.message.clone()).collect(),
    }
}

/// A cycle as its task names in order, back to the first: "A → B → A".
pub(crate) fn circle(tasks: &[Task], cycle: &[TaskId]) -> String {
    let names: Vec<&str> =
        cycle.iter().filter_map(|id| tasks.iter().find(|t| t.id == *id)).map(|t| t.name.as_str()).collect();
    format!("{} → {}", names.join(" → "), names.first().copied().unwrap_or_default())
}

/// Schedules a project from its stored inputs.
pub fn run_schedule(project: &Project, calendars: &[WorkCalendar], tasks: &[Task], links: &[Link]) -> Schedule {
    let calendar = project_calendar(project, calendars);
    schedule::schedule(&schedule_input(project, &calendar, calendars, tasks, links))
}

/// A project scheduled and kept, so that changes to it reschedule only
/// what they reach.
pub(crate) fn kept_schedule(
    project: &Project,
    calendars: &[WorkCalendar],
    tasks: &[Task],
    links: &[Link],
) -> Scheduler<'static> {
    let calendar = project_calendar(project, calendars);
    Scheduler::owning(&schedule_input(project, &calendar, calendars, tasks, links))
}

fn schedule_input<'a>(
    project: &Project,
    calendar: &'a WorkCalendar,
    calendars: &'a [WorkCalendar],
    tasks: &'a [Task],
    links: &'a [Link],
) -> ScheduleInput<'a> {
    ScheduleInput {
        project_start: project.start.and_time(NaiveTime::MIN),
        calendar,
        calendars,
        tasks,
        links,
        // Progress is known to the end of the status day.
        status_date: project.status_date.and_then(|d| d.succ_opt()).map(|d| d.and_time(NaiveTime::MIN)),
    }
}

fn fields_of(p: &Project) -> ProjectFields {
    ProjectFields {
        name: p.name.clone(),
        goal: p.goal.clone(),
        scope: p.scope.clone(),
        methodology: p.methodology,
        manager: p.manager.clone(),
        start: p.start.format("%Y-%m-%d").to_string(),
        status: p.status,
        status_reason: p.status_reason.clone(),
        currency: p.currency.clone(),
        calendar_id: p.calendar_id,
        status_date: p.status_date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
    }
}

/// Validates the project sheet into a project.
fn checked_project(db: &Db, id: ProjectId, f: &ProjectFields) -> Result<Project> {
    gantry_store::calendar(db, f.calendar_id).map_err(|_| {
        Error::Store(gantry_store::Error::Invalid(validate::ValidationError {
            field: "calendarId",
            message: "Choose one of the portfolio's calendars.".into(),
        }))
    })?;
    Ok(Project {
        id,
        name: validate::name("name", "The project name", &f.name)?,
        goal: validate::text("goal", "The goal", &f.goal)?,
        scope: validate::text("scope", "The scope", &f.scope)?,
        methodology: f.methodology,
        manager: validate::optional_name("manager", "The manager's name", &f.manager)?,
        start: validate::date("start", &f.start)?,
        status: f.status,
        status_reason: validate::text("statusReason", "The status reason", &f.status_reason)?,
        currency: validate::currency("currency", &f.currency)?,
        calendar_id: f.calendar_id,
        durations: DurationSettings::default(),
        status_date: match f.status_date.trim() {
            "" => None,
            day => Some(validate::date("statusDate", day)?),
        },
    })
}

/// The children of `parent` in order.
fn siblings(db: &Db, project: ProjectId, parent: Option<TaskId>) -> gantry_store::Result<Vec<Task>> {
    let mut list: Vec<Task> = gantry_store::tasks(db, project)?.into_iter().filter(|t| t.parent_id == parent).collect();
    list.sort_by_key(|t| (t.position, t.id));
    Ok(list)
}

pub(crate) fn next_position(db: &Db, project: ProjectId, parent: Option<TaskId>) -> gantry_store::Result<i64> {
    Ok(db.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM tasks WHERE project_id = ?1 AND parent_id IS ?2",
        (project, parent),
        |r| r.get(0),
    )?)
}

/// Shifts the siblings at or after `position` down by one.
pub(crate) fn make_room(
    db: &Db,
    project: ProjectId,
    parent: Option<TaskId>,
    position: i64,
) -> gantry_store::Result<()> {
    db.execute(
        "UPDATE tasks SET position = position + 1 WHERE project_id = ?1 AND parent_id IS ?2 AND position >= ?3",
        (project, parent, position),
    )?;
    Ok(())
}

/// Keeps a task's kind in step with whether it has subtasks: a parent is a
/// summary; a former parent becomes a task of at least a day again.
fn sync_summary(db: &Db, task: Option<TaskId>, day_minutes: i64) -> gantry_store::Result<()> {
    let Some(id) = task else { return Ok(()) };
    let children: i64 = db.query_row("SELECT count(*) FROM tasks WHERE parent_id = ?1", [id], |r| r.get(0))?;
    let mut t = gantry_store::task(db, id)?;
    if children > 0 && t.kind != TaskKind::Summary {
        t.kind = TaskKind::Summary;
        gantry_store::update_task(db, &t)?;
    } else if children == 0 && t.kind == TaskKind::Summary {
        t.kind = TaskKind::Task;
        t.duration_minutes = t.duration_minutes.max(day_minutes);
        gantry_store::update_task(db, &t)?;
    }
    Ok(())
}

/// The SQLite library's version, for the About dialog.
pub fn sqlite_version() -> &'static str {
    gantry_store::sqlite_version()
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;

    #[test]
    fn a_wire_moment_reads_as_its_format_in_any_year_and_on_a_leap_second() {
        let times = [(0, 0, 0, 0), (8, 5, 9, 0), (17, 0, 0, 0), (23, 59, 59, 1_500_000_000)];
        for year in [-10_000, -1, 0, 9, 999, 1900, 2027, 9999, 10_000, 262_000] {
            for (h, m, s, nano) in times {
                let day = NaiveDate::from_ymd_opt(year, 12, 31).expect("day");
                let time = NaiveTime::from_hms_nano_opt(h, m, s, nano).expect("time");
                let t = day.and_time(time);
                assert_eq!(wire_datetime(t), t.format(WIRE_DATETIME).to_string(), "{t:?}");
            }
        }
    }
}
