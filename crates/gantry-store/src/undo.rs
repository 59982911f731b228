//! Undo and redo as recorded inverse statements.
//!
//! Temporary triggers on every user table write, for each row a command
//! inserts, updates or deletes, the statement that reverts it into
//! `undo_entries`, inside the command's own transaction. Undoing a step runs
//! its statements newest first while the triggers record their inverses,
//! which become the step's redo. The log lives in the file, so history
//! survives a restart; the triggers are temporary, so other programs that
//! open the file are not affected by them.

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;

/// The tables whose changes are user edits: what undo records, and what
/// a check that nothing was lost compares.
pub const USER_TABLES: &[&str] = &[
    "calendars",
    "calendar_working_times",
    "calendar_exceptions",
    "projects",
    "tasks",
    "links",
    "team_members",
    "assignments",
    "baselines",
    "baseline_tasks",
    "board_columns",
    "board_cards",
    "task_labels",
    "sprints",
    "sprint_tasks",
    "member_skills",
    "absences",
    "task_skills",
    "time_entries",
    "timesheet_weeks",
    "task_costs",
    "baseline_costs",
    "budget_lines",
    "budget_months",
    "vendors",
    "contracts",
    "expenditures",
    "budget_settings",
    "rate_changes",
    "cost_resources",
    "resource_uses",
    "contract_payments",
    "task_physical_progress",
    "risks",
    "risk_assessments",
    "risk_tasks",
    "issues",
    "issue_tasks",
    "stakeholders",
    "stakeholder_roles",
    "communications",
    "communication_audience",
    "communication_sends",
    "meetings",
    "meeting_attendees",
    "action_items",
    "decisions",
    "decision_tasks",
    "decision_risks",
    "releases",
    "release_tasks",
    "release_environments",
    "checklist_items",
    "go_no_go",
    "release_waves",
    "checklist_templates",
    "checklist_template_items",
    "project_closures",
    "closure_milestones",
    "lessons",
    "task_keys",
    "csv_mappings",
];

/// How many steps of history a portfolio keeps.
const KEEP_STEPS: i64 = 1000;

/// One command in the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub id: i64,
    pub label: String,
    pub at: String,
    pub undone: bool,
}

pub(crate) fn install_triggers(conn: &Connection) -> Result<()> {
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS undo_recording (step_id INTEGER NOT NULL)")?;
    let mut sql = String::new();
    for table in USER_TABLES {
        let columns: Vec<String> = {
            let mut stmt = conn.prepare(&format!("PRAGMA main.table_info({table})"))?;
            stmt.query_map([], |r| r.get::<_, String>(1))?.collect::<rusqlite::Result<_>>()?
        };
        let names = columns.join(", ");
        let old_values = columns.iter().map(|c| format!("quote(old.{c})")).collect::<Vec<_>>().join(" || ', ' || ");
        let assignments =
            columns.iter().map(|c| format!("'{c} = ' || quote(old.{c})")).collect::<Vec<_>>().join(" || ', ' || ");
        let record = |body: &str| {
            format!(
                "INSERT INTO main.undo_entries (step_id, sql) SELECT step_id, {body} FROM temp.undo_recording LIMIT 1;"
            )
        };
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_insert AFTER INSERT ON main.{table}
               WHEN EXISTS (SELECT 1 FROM temp.undo_recording)
             BEGIN {} END;
             CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_update AFTER UPDATE ON main.{table}
               WHEN EXISTS (SELECT 1 FROM temp.undo_recording)
             BEGIN {} END;
             CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_delete AFTER DELETE ON main.{table}
               WHEN EXISTS (SELECT 1 FROM temp.undo_recording)
             BEGIN {} END;",
            record(&format!("'DELETE FROM main.{table} WHERE rowid = ' || new.rowid")),
            record(&format!("'UPDATE main.{table} SET ' || {assignments} || ' WHERE rowid = ' || old.rowid")),
            record(&format!(
                "'INSERT INTO main.{table} (rowid, {names}) VALUES (' || old.rowid || ', ' || {old_values} || ')'"
            )),
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Opens a new step: clears the redo side and starts recording.
pub(crate) fn begin_step(conn: &Connection, label: &str) -> Result<()> {
    conn.execute("DELETE FROM undo_steps WHERE undone = 1", [])?;
    conn.execute("INSERT INTO undo_steps (label, at, undone) VALUES (?1, ?2, 0)", params![label, now()])?;
    let step = conn.last_insert_rowid();
    conn.execute("INSERT INTO temp.undo_recording (step_id) VALUES (?1)", [step])?;
    Ok(())
}

/// Stops recording; drops the step if the command changed nothing, and old
/// steps beyond the history's length.
pub(crate) fn end_step(conn: &Connection) -> Result<()> {
    let step: i64 = conn.query_row("SELECT step_id FROM temp.undo_recording", [], |r| r.get(0))?;
    conn.execute("DELETE FROM temp.undo_recording", [])?;
    let entries: i64 = conn.query_row("SELECT count(*) FROM undo_entries WHERE step_id = ?1", [step], |r| r.get(0))?;
    if entries == 0 {
        conn.execute("DELETE FROM undo_steps WHERE id = ?1", [step])?;
    }
    conn.execute("DELETE FROM undo_steps WHERE id <= (SELECT max(id) FROM undo_steps) - ?1", [KEEP_STEPS])?;
    Ok(())
}

pub(crate) enum Direction {
    Undo,
    Redo,
}

/// Runs the newest undoable (or oldest redoable) step's statements in reverse
/// and records their inverses in its place.
pub(crate) fn replay(conn: &Connection, direction: Direction) -> Result<Option<String>> {
    let query = match direction {
        Direction::Undo => "SELECT id, label FROM undo_steps WHERE undone = 0 ORDER BY id DESC LIMIT 1",
        Direction::Redo => "SELECT id, label FROM undo_steps WHERE undone = 1 ORDER BY id ASC LIMIT 1",
    };
    let Some((step, label)) =
        conn.query_row(query, [], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).optional()?
    else {
        return Ok(None);
    };
    let statements: Vec<String> = {
        let mut stmt = conn.prepare("SELECT sql FROM undo_entries WHERE step_id = ?1 ORDER BY id DESC")?;
        stmt.query_map([step], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    conn.execute("DELETE FROM undo_entries WHERE step_id = ?1", [step])?;
    // Rows come back in reverse order of their removal, so a child may
    // return before its parent; the keys are checked at COMMIT instead.
    conn.pragma_update(None, "defer_foreign_keys", true)?;
    conn.execute("INSERT INTO temp.undo_recording (step_id) VALUES (?1)", [step])?;
    for sql in &statements {
        conn.execute_batch(sql)?;
    }
    conn.execute("DELETE FROM temp.undo_recording", [])?;
    let undone = matches!(direction, Direction::Undo);
    conn.execute("UPDATE undo_steps SET undone = ?1, at = ?2 WHERE id = ?3", params![undone, now(), step])?;
    Ok(Some(label))
}

pub(crate) fn history(conn: &Connection, limit: usize) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare("SELECT id, label, at, undone FROM undo_steps ORDER BY id DESC LIMIT ?1")?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(HistoryEntry { id: r.get(0)?, label: r.get(1)?, at: r.get(2)?, undone: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn now() -> String {
    chrono::Local::now().naive_local().format("%Y-%m-%dT%H:%M:%S").to_string()
}
