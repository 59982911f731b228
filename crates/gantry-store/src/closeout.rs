//! Closed projects: their record, their lessons, and the guards that keep
//! a closed project read-only.
//!
//! A project is closed while it has a row in `project_closures`. Temporary
//! triggers refuse, inside SQLite, every insert, update or delete that
//! touches a closed project's rows (its tasks, links, risks, budget and all
//! that hangs off them), so no command can change an archive by mistake,
//! whichever path it takes. The record and the lessons stay writable: they
//! are what closing writes. Undo stays exact: closing writes its closure
//! row last, so undoing it reopens the project first.

use gantry_core::closeout::*;
use gantry_core::model::ProjectId;
use rusqlite::{Connection, OptionalExtension, params};

use crate::rows::{Date, DateTime, code, date_text, datetime_text};
use crate::{Error, Result, USER_TABLES};

/// What SQLite says when a change touches a closed project.
pub const CLOSED_MESSAGE: &str =
    "That project is closed and kept read-only as an archive; reopen it (Close-out → Reopen) to change it.";

/// Tables a closed project does not keep read-only: its record, its
/// lessons, and what belongs to the whole portfolio.
const WRITABLE_WHEN_CLOSED: &[&str] = &[
    "projects",
    "project_closures",
    "closure_milestones",
    "lessons",
    "calendars",
    "calendar_working_times",
    "calendar_exceptions",
    "team_members",
    "member_skills",
    "absences",
    "rate_changes",
    "timesheet_weeks",
    "vendors",
    "stakeholders",
    "budget_settings",
    "checklist_templates",
    "checklist_template_items",
];

/// For a table without a project column: the column that names its
/// parent row, and the parent table (which has one).
const PARENTS: &[(&str, &str)] = &[
    ("task_id", "tasks"),
    ("release_id", "releases"),
    ("risk_id", "risks"),
    ("issue_id", "issues"),
    ("line_id", "budget_lines"),
    ("meeting_id", "meetings"),
    ("communication_id", "communications"),
    ("contract_id", "contracts"),
    ("decision_id", "decisions"),
    ("baseline_id", "baselines"),
    ("sprint_id", "sprints"),
    ("column_id", "board_columns"),
];

pub(crate) fn install_guards(conn: &Connection) -> Result<()> {
    let closed = |row: &str| -> Option<String> {
        Some(format!("EXISTS (SELECT 1 FROM main.project_closures c WHERE c.project_id = {row})"))
    };
    let mut sql = String::new();
    let mut trigger = |name: String, when: &str, table: &str, condition: String| {
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS {name} BEFORE {when} ON main.{table} WHEN {condition}
             BEGIN SELECT RAISE(ABORT, '{}'); END;\n",
            CLOSED_MESSAGE.replace('\'', "''")
        ));
    };
    for table in USER_TABLES.iter().filter(|t| !WRITABLE_WHEN_CLOSED.contains(t)) {
        let columns: Vec<String> = {
            let mut stmt = conn.prepare(&format!("PRAGMA main.table_info({table})"))?;
            stmt.query_map([], |r| r.get::<_, String>(1))?.collect::<rusqlite::Result<_>>()?
        };
        let owner = |row: &str| -> Option<String> {
            if columns.iter().any(|c| c == "project_id") {
                return closed(&format!("{row}.project_id"));
            }
            let (column, parent) = PARENTS.iter().find(|(c, _)| columns.iter().any(|x| x == c))?;
            closed(&format!("(SELECT p.project_id FROM main.{parent} p WHERE p.id = {row}.{column})"))
        };
        let (Some(new), Some(old)) = (owner("new"), owner("old")) else { continue };
        trigger(format!("closed_{table}_insert"), "INSERT", table, new.clone());
        trigger(format!("closed_{table}_update"), "UPDATE", table, format!("{old} OR {new}"));
        trigger(format!("closed_{table}_delete"), "DELETE", table, old);
    }
    // The project row itself: its fields, and deleting it. Its place on the
    // dashboard may still change.
    trigger(
        "closed_projects_update".into(),
        "UPDATE OF name, goal, scope, methodology, manager, start_date, status, status_reason, currency, \
         calendar_id, minutes_per_day, minutes_per_week, days_per_month, status_date, wip_policy",
        "projects",
        closed("old.id").unwrap_or_default(),
    );
    trigger("closed_projects_delete".into(), "DELETE", "projects", closed("old.id").unwrap_or_default());
    conn.execute_batch(&sql)?;
    Ok(())
}

// ---------------------------------------------------------------- closure

const CLOSURE_COLUMNS: &str = "project_id, closed_on, unfinished, unfinished_count, baseline, planned_start, \
     planned_finish, actual_start, actual_finish, planned_cost, actual_cost, currency, summary";

fn closure_row(r: &rusqlite::Row) -> rusqlite::Result<Closure> {
    Ok(Closure {
        project_id: r.get(0)?,
        closed_on: r.get::<_, Date>(1)?.0,
        unfinished: code(r, 2, Unfinished::from_code)?,
        unfinished_count: r.get(3)?,
        baseline: r.get(4)?,
        planned_start: r.get::<_, Option<DateTime>>(5)?.map(|t| t.0),
        planned_finish: r.get::<_, Option<DateTime>>(6)?.map(|t| t.0),
        actual_start: r.get::<_, DateTime>(7)?.0,
        actual_finish: r.get::<_, DateTime>(8)?.0,
        planned_cost: r.get(9)?,
        actual_cost: r.get(10)?,
        currency: r.get(11)?,
        summary: r.get(12)?,
        milestones: Vec::new(),
    })
}

/// Every closed project's record, most recently closed first.
pub fn closures(db: &Connection) -> Result<Vec<Closure>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {CLOSURE_COLUMNS} FROM project_closures ORDER BY closed_on DESC, project_id"
    ))?;
    let mut out: Vec<Closure> = stmt.query_map([], closure_row)?.collect::<rusqlite::Result<_>>()?;
    let mut stmt = db.prepare_cached(
        "SELECT name, planned, actual FROM closure_milestones WHERE project_id = ?1 ORDER BY position",
    )?;
    for c in &mut out {
        c.milestones = stmt
            .query_map([c.project_id], |r| {
                Ok(MilestoneSlip {
                    name: r.get(0)?,
                    planned: r.get::<_, Option<DateTime>>(1)?.map(|t| t.0),
                    actual: r.get::<_, Option<DateTime>>(2)?.map(|t| t.0),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(out)
}

/// The record of a closed project; `None` while it is open.
pub fn closure(db: &Connection, project: ProjectId) -> Result<Option<Closure>> {
    Ok(closures(db)?.into_iter().find(|c| c.project_id == project))
}

/// The ids of the closed projects.
pub fn closed_projects(db: &Connection) -> Result<std::collections::HashSet<ProjectId>> {
    let mut stmt = db.prepare_cached("SELECT project_id FROM project_closures")?;
    Ok(stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

pub fn is_closed(db: &Connection, project: ProjectId) -> Result<bool> {
    Ok(db
        .query_row("SELECT 1 FROM project_closures WHERE project_id = ?1", [project], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Writes a project's closure; from then on the project is read-only.
/// Call it last in the closing command.
pub fn save_closure(db: &Connection, c: &Closure) -> Result<()> {
    for (position, m) in c.milestones.iter().enumerate() {
        db.execute(
            "INSERT INTO closure_milestones (project_id, position, name, planned, actual) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![c.project_id, position as i64, m.name, datetime_text(m.planned), datetime_text(m.actual)],
        )?;
    }
    db.execute(
        &format!("INSERT INTO project_closures ({CLOSURE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"),
        params![
            c.project_id,
            date_text(c.closed_on),
            c.unfinished.code(),
            c.unfinished_count,
            c.baseline,
            datetime_text(c.planned_start),
            datetime_text(c.planned_finish),
            datetime_text(Some(c.actual_start)),
            datetime_text(Some(c.actual_finish)),
            c.planned_cost,
            c.actual_cost,
            c.currency,
            c.summary,
        ],
    )?;
    Ok(())
}

/// Reopens a closed project: its record goes, its lessons stay.
pub fn delete_closure(db: &Connection, project: ProjectId) -> Result<()> {
    if db.execute("DELETE FROM project_closures WHERE project_id = ?1", [project])? == 0 {
        return Err(Error::Refused("That project is not closed.".into()));
    }
    db.execute("DELETE FROM closure_milestones WHERE project_id = ?1", [project])?;
    Ok(())
}

// ---------------------------------------------------------------- lessons

const LESSON_COLUMNS: &str = "id, project_id, what, why, next_time, category, who, recorded_on";

fn lesson_row(r: &rusqlite::Row) -> rusqlite::Result<Lesson> {
    Ok(Lesson {
        id: r.get(0)?,
        project_id: r.get(1)?,
        what: r.get(2)?,
        why: r.get(3)?,
        next_time: r.get(4)?,
        category: code(r, 5, LessonCategory::from_code)?,
        who: r.get(6)?,
        recorded_on: r.get::<_, Date>(7)?.0,
    })
}

/// A project's lessons (or the portfolio's), newest first.
pub fn lessons(db: &Connection, project: Option<ProjectId>) -> Result<Vec<Lesson>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {LESSON_COLUMNS} FROM lessons WHERE ?1 IS NULL OR project_id = ?1 ORDER BY recorded_on DESC, id DESC"
    ))?;
    Ok(stmt.query_map([project], lesson_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn lesson(db: &Connection, id: LessonId) -> Result<Lesson> {
    db.query_row(&format!("SELECT {LESSON_COLUMNS} FROM lessons WHERE id = ?1"), [id], lesson_row)
        .optional()?
        .ok_or(Error::NotFound("The lesson"))
}

pub fn save_lesson(db: &Connection, l: &Lesson) -> Result<LessonId> {
    if l.id == 0 {
        db.execute(
            "INSERT INTO lessons (project_id, what, why, next_time, category, who, recorded_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![l.project_id, l.what, l.why, l.next_time, l.category.code(), l.who, date_text(l.recorded_on)],
        )?;
        return Ok(db.last_insert_rowid());
    }
    db.execute(
        "UPDATE lessons SET what = ?2, why = ?3, next_time = ?4, category = ?5, who = ?6 WHERE id = ?1",
        params![l.id, l.what, l.why, l.next_time, l.category.code(), l.who],
    )?;
    Ok(l.id)
}

pub fn delete_lesson(db: &Connection, id: LessonId) -> Result<()> {
    db.execute("DELETE FROM lessons WHERE id = ?1", [id])?;
    Ok(())
}
