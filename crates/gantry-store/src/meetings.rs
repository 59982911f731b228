//! Meetings with their attendees, action items, and decisions with the
//! tasks and risks they changed.

use std::collections::HashMap;

use gantry_core::meetings::*;
use gantry_core::model::{ProjectId, TaskId};
use rusqlite::{Connection, OptionalExtension, params};

use crate::rows::{Date, date_text};
use crate::{Error, Result};

fn datetime_text(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn parse_datetime(text: &str) -> rusqlite::Result<chrono::NaiveDateTime> {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

// --------------------------------------------------------------- meetings

/// A project's meetings (or the portfolio's), newest first, with their attendees.
pub fn meetings(db: &Connection, project: Option<ProjectId>) -> Result<Vec<Meeting>> {
    let mut attendees: HashMap<MeetingId, Vec<(Attendee, bool)>> = HashMap::new();
    {
        let mut stmt = db.prepare_cached(
            "SELECT meeting_id, member_id, stakeholder_id, present FROM meeting_attendees ORDER BY meeting_id, rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            let member: Option<i64> = r.get(1)?;
            let stakeholder: Option<i64> = r.get(2)?;
            let who = match member {
                Some(m) => Attendee::Member(m),
                None => Attendee::Stakeholder(stakeholder.unwrap_or_default()),
            };
            Ok((r.get::<_, MeetingId>(0)?, who, r.get::<_, bool>(3)?))
        })?;
        for row in rows {
            let (m, who, present) = row?;
            attendees.entry(m).or_default().push((who, present));
        }
    }
    let mut stmt = db.prepare_cached(
        "SELECT id, project_id, kind, title, starts_at, agenda, minutes FROM meetings
         WHERE ?1 IS NULL OR project_id = ?1 ORDER BY starts_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([project], |r| {
        let kind: String = r.get(2)?;
        Ok(Meeting {
            id: r.get(0)?,
            project_id: r.get(1)?,
            kind: MeetingKind::from_code(&kind).unwrap_or_default(),
            title: r.get(3)?,
            starts_at: parse_datetime(&r.get::<_, String>(4)?)?,
            agenda: r.get(5)?,
            minutes: r.get(6)?,
            attendees: Vec::new(),
        })
    })?;
    let mut out: Vec<Meeting> = rows.collect::<rusqlite::Result<_>>()?;
    for m in &mut out {
        m.attendees = attendees.remove(&m.id).unwrap_or_default();
    }
    Ok(out)
}

pub fn meeting(db: &Connection, id: MeetingId) -> Result<Meeting> {
    let project: ProjectId = db
        .query_row("SELECT project_id FROM meetings WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound("The meeting"))?;
    meetings(db, Some(project))?.into_iter().find(|m| m.id == id).ok_or(Error::NotFound("The meeting"))
}

/// Inserts or (with an id) rewrites a meeting with its attendees.
pub fn save_meeting(db: &Connection, m: &Meeting) -> Result<MeetingId> {
    let id = if m.id == 0 {
        db.execute(
            "INSERT INTO meetings (project_id, kind, title, starts_at) VALUES (?1, ?2, ?3, ?4)",
            params![m.project_id, m.kind.code(), m.title, datetime_text(m.starts_at)],
        )?;
        db.last_insert_rowid()
    } else {
        m.id
    };
    db.execute(
        "UPDATE meetings SET kind = ?2, title = ?3, starts_at = ?4, agenda = ?5, minutes = ?6 WHERE id = ?1",
        params![id, m.kind.code(), m.title, datetime_text(m.starts_at), m.agenda, m.minutes],
    )?;
    db.execute("DELETE FROM meeting_attendees WHERE meeting_id = ?1", [id])?;
    for (who, present) in &m.attendees {
        let (member, stakeholder) = match who {
            Attendee::Member(x) => (Some(*x), None),
            Attendee::Stakeholder(x) => (None, Some(*x)),
        };
        db.execute(
            "INSERT OR IGNORE INTO meeting_attendees (meeting_id, member_id, stakeholder_id, present) VALUES (?1, ?2, ?3, ?4)",
            params![id, member, stakeholder, present],
        )?;
    }
    Ok(id)
}

pub fn delete_meeting(db: &Connection, id: MeetingId) -> Result<()> {
    db.execute("DELETE FROM meetings WHERE id = ?1", [id])?;
    Ok(())
}

// ---------------------------------------------------------------- actions

const ACTION_COLUMNS: &str = "id, project_id, meeting_id, title, owner_id, due_on, state, task_id";

fn action_row(r: &rusqlite::Row) -> rusqlite::Result<Action> {
    let state: String = r.get(6)?;
    Ok(Action {
        id: r.get(0)?,
        project_id: r.get(1)?,
        meeting_id: r.get(2)?,
        title: r.get(3)?,
        owner_id: r.get(4)?,
        due: r.get::<_, Date>(5)?.0,
        state: ActionState::from_code(&state).unwrap_or_default(),
        task_id: r.get(7)?,
    })
}

/// A project's action items (or the portfolio's), soonest due first.
pub fn actions(db: &Connection, project: Option<ProjectId>) -> Result<Vec<Action>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {ACTION_COLUMNS} FROM action_items WHERE ?1 IS NULL OR project_id = ?1 ORDER BY due_on, id"
    ))?;
    Ok(stmt.query_map([project], action_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn action(db: &Connection, id: ActionId) -> Result<Action> {
    db.query_row(&format!("SELECT {ACTION_COLUMNS} FROM action_items WHERE id = ?1"), [id], action_row)
        .optional()?
        .ok_or(Error::NotFound("The action item"))
}

/// Inserts or (with an id) rewrites an action item.
pub fn save_action(db: &Connection, a: &Action) -> Result<ActionId> {
    let id = if a.id == 0 {
        db.execute(
            "INSERT INTO action_items (project_id, title, owner_id, due_on) VALUES (?1, ?2, ?3, ?4)",
            params![a.project_id, a.title, a.owner_id, date_text(a.due)],
        )?;
        db.last_insert_rowid()
    } else {
        a.id
    };
    db.execute(
        "UPDATE action_items SET meeting_id = ?2, title = ?3, owner_id = ?4, due_on = ?5, state = ?6, task_id = ?7
         WHERE id = ?1",
        params![id, a.meeting_id, a.title, a.owner_id, date_text(a.due), a.state.code(), a.task_id],
    )?;
    Ok(id)
}

pub fn delete_action(db: &Connection, id: ActionId) -> Result<()> {
    db.execute("DELETE FROM action_items WHERE id = ?1", [id])?;
    Ok(())
}

/// The names of the tasks action items became and decisions changed, by
/// id: all a list of them needs of the plans.
pub fn meeting_task_names(db: &Connection) -> Result<HashMap<TaskId, String>> {
    let mut stmt = db.prepare_cached(
        "SELECT id, name FROM tasks WHERE id IN (SELECT task_id FROM action_items UNION SELECT task_id FROM decision_tasks)",
    )?;
    Ok(stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
}

// -------------------------------------------------------------- decisions

/// A project's decisions (or the portfolio's), newest first, with the tasks
/// and risks they changed.
pub fn decisions(db: &Connection, project: Option<ProjectId>) -> Result<Vec<Decision>> {
    let mut tasks: HashMap<DecisionId, Vec<i64>> = HashMap::new();
    let mut risks: HashMap<DecisionId, Vec<i64>> = HashMap::new();
    for (table, column, into) in [("decision_tasks", "task_id", &mut tasks), ("decision_risks", "risk_id", &mut risks)]
    {
        let mut stmt =
            db.prepare_cached(&format!("SELECT decision_id, {column} FROM {table} ORDER BY decision_id, {column}"))?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (d, x) = row?;
            into.entry(d).or_default().push(x);
        }
    }
    let mut stmt = db.prepare_cached(
        "SELECT id, project_id, meeting_id, title, rationale, options, decided_by, decided_on FROM decisions
         WHERE ?1 IS NULL OR project_id = ?1 ORDER BY decided_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([project], |r| {
        Ok(Decision {
            id: r.get(0)?,
            project_id: r.get(1)?,
            meeting_id: r.get(2)?,
            title: r.get(3)?,
            rationale: r.get(4)?,
            options: r.get(5)?,
            decided_by: r.get(6)?,
            decided_on: r.get::<_, Date>(7)?.0,
            tasks: Vec::new(),
            risks: Vec::new(),
        })
    })?;
    let mut out: Vec<Decision> = rows.collect::<rusqlite::Result<_>>()?;
    for d in &mut out {
        d.tasks = tasks.remove(&d.id).unwrap_or_default();
        d.risks = risks.remove(&d.id).unwrap_or_default();
    }
    Ok(out)
}

pub fn decision(db: &Connection, id: DecisionId) -> Result<Decision> {
    let project: ProjectId = db
        .query_row("SELECT project_id FROM decisions WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound("The decision"))?;
    decisions(db, Some(project))?.into_iter().find(|d| d.id == id).ok_or(Error::NotFound("The decision"))
}

/// Inserts or (with an id) rewrites a decision with its tasks and risks.
pub fn save_decision(db: &Connection, d: &Decision) -> Result<DecisionId> {
    let id = if d.id == 0 {
        db.execute(
            "INSERT INTO decisions (project_id, title, decided_on) VALUES (?1, ?2, ?3)",
            params![d.project_id, d.title, date_text(d.decided_on)],
        )?;
        db.last_insert_rowid()
    } else {
        d.id
    };
    db.execute(
        "UPDATE decisions SET meeting_id = ?2, title = ?3, rationale = ?4, options = ?5, decided_by = ?6,
            decided_on = ?7 WHERE id = ?1",
        params![id, d.meeting_id, d.title, d.rationale, d.options, d.decided_by, date_text(d.decided_on)],
    )?;
    db.execute("DELETE FROM decision_tasks WHERE decision_id = ?1", [id])?;
    db.execute("DELETE FROM decision_risks WHERE decision_id = ?1", [id])?;
    for t in &d.tasks {
        db.execute("INSERT OR IGNORE INTO decision_tasks (decision_id, task_id) VALUES (?1, ?2)", params![id, t])?;
    }
    for r in &d.risks {
        db.execute("INSERT OR IGNORE INTO decision_risks (decision_id, risk_id) VALUES (?1, ?2)", params![id, r])?;
    }
    Ok(id)
}

pub fn delete_decision(db: &Connection, id: DecisionId) -> Result<()> {
    db.execute("DELETE FROM decisions WHERE id = ?1", [id])?;
    Ok(())
}
