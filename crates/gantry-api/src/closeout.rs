//! Closing a project: the record of its final dates and costs against the
//! baseline, what happens to unfinished tasks (the user says), the archive
//! that keeps it read-only until it is reopened, and the lessons learned,
//! searchable across the portfolio when planning the next project.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use gantry_core::closeout::*;
use gantry_core::model::*;
use gantry_core::{money, validate};
use gantry_report::{ReportClosure, ReportSlip};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use gantry_store::Db;

use crate::error::{refused, validation};
use crate::stakeholders::project_names;
use crate::{Portfolio, Result, newest_baseline, run_schedule, wire_datetime};

// ------------------------------------------------------------------- wire

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SlipRow {
    pub name: String,
    pub planned: Option<String>,
    /// Null for a milestone never reached.
    pub actual: Option<String>,
    pub slip_days: Option<i64>,
}

/// A closed project's record, or what closing it now would record.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClosureRow {
    pub closed_on: Option<String>,
    pub baseline: String,
    pub planned_start: Option<String>,
    pub planned_finish: Option<String>,
    pub actual_start: String,
    pub actual_finish: String,
    pub finish_variance_days: Option<i64>,
    pub currency: String,
    /// Minor units.
    pub planned_cost: Option<i64>,
    pub actual_cost: i64,
    pub cost_variance: Option<i64>,
    /// Formatted with the currency.
    pub planned_cost_text: Option<String>,
    pub actual_cost_text: String,
    pub cost_variance_text: Option<String>,
    /// none, completed or left.
    pub unfinished: String,
    pub unfinished_count: i64,
    pub summary: String,
    pub milestones: Vec<SlipRow>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LessonRow {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub project_closed: bool,
    pub what: String,
    pub why: String,
    pub next_time: String,
    pub category: String,
    pub category_label: String,
    pub who: String,
    pub recorded_on: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CloseOutView {
    pub project_id: i64,
    pub project: String,
    /// The record, once closed.
    pub closure: Option<ClosureRow>,
    /// What closing today would record, while it is open.
    pub preview: Option<ClosureRow>,
    /// The tasks not finished, by name, which closing must say what to do with.
    pub unfinished: Vec<String>,
    pub lessons: Vec<LessonRow>,
    pub categories: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CloseFields {
    /// What to do with unfinished tasks: "complete" or "leave"; "" when
    /// every task is finished.
    pub unfinished: String,
    pub summary: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LessonFields {
    pub what: String,
    pub why: String,
    pub next_time: String,
    pub category: String,
    pub who: String,
}

fn closure_row(c: &Closure) -> ClosureRow {
    let money = |v: i64| format!("{} {}", money::format(v, &c.currency), c.currency);
    ClosureRow {
        closed_on: Some(c.closed_on.to_string()),
        baseline: c.baseline.clone(),
        planned_start: c.planned_start.map(wire_datetime),
        planned_finish: c.planned_finish.map(wire_datetime),
        actual_start: wire_datetime(c.actual_start),
        actual_finish: wire_datetime(c.actual_finish),
        finish_variance_days: c.finish_variance_days(),
        currency: c.currency.clone(),
        planned_cost: c.planned_cost,
        actual_cost: c.actual_cost,
        cost_variance: c.cost_variance(),
        planned_cost_text: c.planned_cost.map(money),
        actual_cost_text: money(c.actual_cost),
        cost_variance_text: c.cost_variance().map(|v| format!("{}{}", if v > 0 { "+" } else { "" }, money(v))),
        unfinished: c.unfinished.code().into(),
        unfinished_count: c.unfinished_count,
        summary: c.summary.clone(),
        milestones: c
            .milestones
            .iter()
            .map(|m| SlipRow {
                name: m.name.clone(),
                planned: m.planned.map(wire_datetime),
                actual: m.actual.map(wire_datetime),
                slip_days: m.slip_days(),
            })
            .collect(),
    }
}

fn unfinished_words(c: &Closure) -> String {
    match c.unfinished {
        Unfinished::None => String::new(),
        Unfinished::Completed => format!("{} unfinished tasks were marked complete at the close.", c.unfinished_count),
        Unfinished::Left => format!("{} tasks were left unfinished: work not delivered.", c.unfinished_count),
    }
}

/// The record a project would have if it were closed `today`, and its
/// unfinished tasks by name.
pub(crate) fn closing_record(db: &Db, project: ProjectId, today: NaiveDate) -> Result<(Closure, Vec<Task>)> {
    let p = gantry_store::project(db, project)?;
    let tasks = gantry_store::tasks(db, p.id)?;
    let s = run_schedule(&p, &gantry_store::calendars(db)?, &tasks, &gantry_store::links(db, p.id)?);
    let parents: HashSet<TaskId> = tasks.iter().filter_map(|t| t.parent_id).collect();
    let unfinished: Vec<Task> =
        tasks.iter().filter(|t| !parents.contains(&t.id) && t.percent_complete < 100).cloned().collect();
    let baseline = newest_baseline(gantry_store::baselines(db, p.id)?);
    let base: HashMap<TaskId, (NaiveDateTime, NaiveDateTime)> = match &baseline {
        Some(b) => {
            gantry_store::baseline_tasks(db, b.id)?.into_iter().map(|t| (t.task_id, (t.start, t.finish))).collect()
        }
        None => HashMap::new(),
    };
    let status = p.status_date.unwrap_or(today);
    let value = crate::budget::value_at(db, p.id, status)?;
    // A project closed with work still open ends the day it is closed;
    // milestones not reached stay without a date.
    let finished_by = unfinished.is_empty().then_some(s.finish);
    let closing = today.and_time(chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap_or(chrono::NaiveTime::MIN));
    let last_actual = tasks.iter().filter_map(|t| t.actual_finish).max();
    let closure = Closure {
        project_id: p.id,
        closed_on: today,
        unfinished: if unfinished.is_empty() { Unfinished::None } else { Unfinished::Left },
        unfinished_count: unfinished.len() as i64,
        baseline: baseline.as_ref().map(|b| b.name.clone()).unwrap_or_default(),
        planned_start: base.values().map(|d| d.0).min(),
        planned_finish: base.values().map(|d| d.1).max(),
        actual_start: s.start,
        actual_finish: finished_by.unwrap_or_else(|| last_actual.map_or(closing, |a| a.max(closing))),
        planned_cost: (baseline.is_some() && value.bac > 0).then_some(value.bac),
        actual_cost: value.ac,
        currency: p.currency.clone(),
        summary: String::new(),
        milestones: tasks
            .iter()
            .zip(&s.tasks)
            .filter(|(t, d)| t.kind == TaskKind::Milestone && !d.summary)
            .map(|(t, d)| MilestoneSlip {
                name: t.name.clone(),
                planned: base.get(&t.id).map(|b| b.1),
                actual: (t.percent_complete == 100).then_some(d.finish),
            })
            .collect(),
    };
    Ok((closure, unfinished))
}

impl Portfolio {
    /// A project's close-out: its record once closed (or what closing would
    /// record) and its lessons.
    pub fn closeout_view(&self, project: ProjectId, today: NaiveDate) -> Result<CloseOutView> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let closure = gantry_store::closure(db, p.id)?;
        let (preview, unfinished) = match &closure {
            Some(_) => (None, Vec::new()),
            None => {
                let (c, open) = closing_record(db, p.id, today)?;
                (Some(closure_row(&c)), open.into_iter().map(|t| t.name).collect())
            }
        };
        Ok(CloseOutView {
            project_id: p.id,
            project: p.name,
            closure: closure.as_ref().map(closure_row),
            preview,
            unfinished,
            lessons: self.lesson_rows(Some(p.id), "")?,
            categories: LessonCategory::ALL.iter().map(|c| (c.code().to_owned(), c.label().to_owned())).collect(),
        })
    }

    /// Lessons of a project or of the portfolio matching every word of
    /// `query`, newest first: what `gantry lessons` prints.
    pub fn lesson_rows(&self, project: Option<ProjectId>, query: &str) -> Result<Vec<LessonRow>> {
        let db = self.store.db();
        let names = project_names(db)?;
        let closed = gantry_store::closed_projects(db)?;
        Ok(gantry_store::lessons(db, project)?
            .into_iter()
            .filter(|l| l.matches(query))
            .map(|l| LessonRow {
                id: l.id,
                project_id: l.project_id,
                project: names.get(&l.project_id).cloned().unwrap_or_default(),
                project_closed: closed.contains(&l.project_id),
                what: l.what,
                why: l.why,
                next_time: l.next_time,
                category: l.category.code().into(),
                category_label: l.category.label().into(),
                who: l.who,
                recorded_on: l.recorded_on.to_string(),
            })
            .collect())
    }

    /// The report's close-out page, for a closed project.
    pub(crate) fn report_closure(&self, project: ProjectId) -> Result<Option<ReportClosure>> {
        let db = self.store.db();
        let Some(c) = gantry_store::closure(db, project)? else { return Ok(None) };
        let row = closure_row(&c);
        Ok(Some(ReportClosure {
            closed_on: Some(c.closed_on),
            baseline: c.baseline.clone(),
            planned_start: c.planned_start,
            planned_finish: c.planned_finish,
            actual_start: Some(c.actual_start),
            actual_finish: Some(c.actual_finish),
            planned_cost: row.planned_cost_text,
            actual_cost: row.actual_cost_text,
            cost_variance: row.cost_variance_text,
            cost_variance_permille: c.cost_variance_permille(),
            finish_variance_days: c.finish_variance_days(),
            unfinished: unfinished_words(&c),
            summary: c.summary.clone(),
            milestones: c
                .milestones
                .iter()
                .map(|m| ReportSlip {
                    name: m.name.clone(),
                    planned: m.planned,
                    actual: m.actual,
                    slip_days: m.slip_days(),
                })
                .collect(),
            lessons: gantry_store::lessons(db, Some(project))?
                .into_iter()
                .map(|l| (l.category.label().to_owned(), l.what, l.why, l.next_time, l.who))
                .collect(),
        }))
    }

    // ------------------------------------------------------------- changes

    /// Closes a project as of `today`: records its final dates and costs
    /// against the newest baseline, does with unfinished tasks what the
    /// user said ("complete" or "leave"; refused with their names when
    /// they did not say), and archives it read-only. One undo step.
    pub fn close_project(&mut self, project: ProjectId, fields: &CloseFields, today: NaiveDate) -> Result<()> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        if gantry_store::is_closed(db, p.id)? {
            return Err(refused(format!("“{}” is already closed.", p.name)));
        }
        let summary = validate::text("summary", "The closing summary", &fields.summary)?;
        let (mut closure, unfinished) = closing_record(db, p.id, today)?;
        closure.summary = summary;
        if !unfinished.is_empty() {
            closure.unfinished = match fields.unfinished.as_str() {
                "complete" => Unfinished::Completed,
                "leave" => Unfinished::Left,
                _ => {
                    let names: Vec<&str> = unfinished.iter().take(5).map(|t| t.name.as_str()).collect();
                    let more = if unfinished.len() > 5 {
                        format!(" and {} more", unfinished.len() - 5)
                    } else {
                        String::new()
                    };
                    return Err(validation(
                        "unfinished",
                        &format!(
                            "{} tasks are not finished ({}{more}); say whether to mark them complete or leave them \
                             unfinished in the record.",
                            unfinished.len(),
                            names.join(", ")
                        ),
                    ));
                }
            };
        }
        let label = format!("Close project “{}”", p.name);
        Ok(self.store.write(&label, |db| {
            if closure.unfinished == Unfinished::Completed {
                // Marked complete at the close: their milestones were reached then.
                for m in &mut closure.milestones {
                    m.actual = m.actual.or(Some(closure.actual_finish));
                }
                for t in &unfinished {
                    gantry_store::update_task(db, &Task { percent_complete: 100, ..t.clone() })?;
                }
            }
            // Last: from here on the project is read-only.
            gantry_store::save_closure(db, &closure)
        })?)
    }

    /// Reopens a closed project; its record goes, its lessons stay.
    pub fn reopen_project(&mut self, project: ProjectId) -> Result<()> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        if !gantry_store::is_closed(db, p.id)? {
            return Err(refused(format!("“{}” is not closed.", p.name)));
        }
        Ok(self
            .store
            .write(&format!("Reopen project “{}”", p.name), |db| gantry_store::delete_closure(db, p.id))?)
    }

    pub fn add_lesson(&mut self, project: ProjectId, fields: &LessonFields, today: NaiveDate) -> Result<LessonId> {
        let p = gantry_store::project(self.store.db(), project)?;
        let l = lesson_from(0, p.id, fields, today)?;
        Ok(self.store.write("Record a lesson learned", |db| gantry_store::save_lesson(db, &l))?)
    }

    pub fn edit_lesson(&mut self, id: LessonId, fields: &LessonFields) -> Result<()> {
        let before = gantry_store::lesson(self.store.db(), id)?;
        let l = lesson_from(id, before.project_id, fields, before.recorded_on)?;
        Ok(self.store.write("Edit a lesson learned", |db| gantry_store::save_lesson(db, &l).map(|_| ()))?)
    }

    pub fn remove_lesson(&mut self, id: LessonId) -> Result<()> {
        gantry_store::lesson(self.store.db(), id)?;
        Ok(self.store.write("Remove a lesson learned", |db| gantry_store::delete_lesson(db, id))?)
    }
}

fn lesson_from(id: LessonId, project: ProjectId, f: &LessonFields, recorded_on: NaiveDate) -> Result<Lesson> {
    let category = LessonCategory::from_code(if f.category.is_empty() { "planning" } else { &f.category })
        .ok_or_else(|| validation("category", "Choose the lesson's category."))?;
    let what = validate::text("what", "What happened", &f.what)?;
    if what.trim().is_empty() {
        return Err(validation("what", "Say what happened."));
    }
    Ok(Lesson {
        id,
        project_id: project,
        what: what.trim().to_owned(),
        why: validate::text("why", "Why", &f.why)?,
        next_time: validate::text("nextTime", "What to do next time", &f.next_time)?,
        category,
        who: validate::optional_name("who", "Who", &f.who)?,
        recorded_on,
    })
}
