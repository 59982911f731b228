//! The stakeholder register's rows, with each one's role per project, and
//! the communication plan with its audience and what was sent.

use std::collections::HashMap;

use gantry_core::model::ProjectId;
use gantry_core::stakeholders::*;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::rows::{Date, date_text};
use crate::{Error, Result};

// ----------------------------------------------------------- stakeholders

const STAKEHOLDER_COLUMNS: &str = "id, name, organisation, title, contact, influence, interest, attitude,
    current_engagement, desired_engagement, needs, channel";

fn stakeholder_row(r: &Row) -> rusqlite::Result<Stakeholder> {
    let current: String = r.get(8)?;
    let desired: String = r.get(9)?;
    Ok(Stakeholder {
        id: r.get(0)?,
        name: r.get(1)?,
        organisation: r.get(2)?,
        title: r.get(3)?,
        contact: r.get(4)?,
        influence: r.get(5)?,
        interest: r.get(6)?,
        attitude: r.get(7)?,
        current: Engagement::from_code(&current).unwrap_or_default(),
        desired: Engagement::from_code(&desired).unwrap_or_default(),
        needs: r.get(10)?,
        channel: r.get(11)?,
    })
}

/// Every stakeholder of the portfolio, by name.
pub fn stakeholders(db: &Connection) -> Result<Vec<Stakeholder>> {
    let mut stmt = db.prepare_cached(&format!("SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders ORDER BY name, id"))?;
    Ok(stmt.query_map([], stakeholder_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn stakeholder(db: &Connection, id: StakeholderId) -> Result<Stakeholder> {
    db.query_row(&format!("SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id = ?1"), [id], stakeholder_row)
        .optional()?
        .ok_or(Error::NotFound("The stakeholder"))
}

pub fn insert_stakeholder(db: &Connection, s: &Stakeholder) -> Result<StakeholderId> {
    db.execute(
        "INSERT INTO stakeholders (name, influence, interest) VALUES (?1, ?2, ?3)",
        params![s.name, s.influence, s.interest],
    )?;
    let id = db.last_insert_rowid();
    update_stakeholder(db, &Stakeholder { id, ..s.clone() })?;
    Ok(id)
}

pub fn update_stakeholder(db: &Connection, s: &Stakeholder) -> Result<()> {
    db.execute(
        "UPDATE stakeholders SET name = ?2, organisation = ?3, title = ?4, contact = ?5, influence = ?6,
            interest = ?7, attitude = ?8, current_engagement = ?9, desired_engagement = ?10, needs = ?11,
            channel = ?12
         WHERE id = ?1",
        params![
            s.id,
            s.name,
            s.organisation,
            s.title,
            s.contact,
            s.influence,
            s.interest,
            s.attitude,
            s.current.code(),
            s.desired.code(),
            s.needs,
            s.channel
        ],
    )?;
    Ok(())
}

pub fn delete_stakeholder(db: &Connection, id: StakeholderId) -> Result<()> {
    db.execute("DELETE FROM stakeholders WHERE id = ?1", [id])?;
    Ok(())
}

/// Each stakeholder's role in each project they are part of: `(stakeholder, project, role)`.
pub fn stakeholder_roles(db: &Connection) -> Result<Vec<(StakeholderId, ProjectId, String)>> {
    let mut stmt =
        db.prepare_cached("SELECT stakeholder_id, project_id, role FROM stakeholder_roles ORDER BY project_id")?;
    Ok(stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?)
}

/// Puts a stakeholder on a project with a role, or changes the role.
pub fn set_stakeholder_role(db: &Connection, stakeholder: StakeholderId, project: ProjectId, role: &str) -> Result<()> {
    db.execute(
        "INSERT INTO stakeholder_roles (stakeholder_id, project_id, role) VALUES (?1, ?2, ?3)
         ON CONFLICT(stakeholder_id, project_id) DO UPDATE SET role = excluded.role",
        params![stakeholder, project, role],
    )?;
    Ok(())
}

pub fn remove_stakeholder_role(db: &Connection, stakeholder: StakeholderId, project: ProjectId) -> Result<()> {
    db.execute(
        "DELETE FROM stakeholder_roles WHERE stakeholder_id = ?1 AND project_id = ?2",
        params![stakeholder, project],
    )?;
    Ok(())
}

// --------------------------------------------------------- communications

/// A project's communication plan (or the portfolio's), soonest due first.
pub fn communications(db: &Connection, project: Option<ProjectId>) -> Result<Vec<Communication>> {
    let mut audience: HashMap<CommunicationId, Vec<StakeholderId>> = HashMap::new();
    {
        let mut stmt = db.prepare_cached(
            "SELECT communication_id, stakeholder_id FROM communication_audience ORDER BY communication_id, stakeholder_id",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
            let (c, s) = row?;
            audience.entry(c).or_default().push(s);
        }
    }
    let mut stmt = db.prepare_cached(
        "SELECT id, project_id, what, channel, frequency, owner_id, next_due FROM communications
         WHERE ?1 IS NULL OR project_id = ?1 ORDER BY next_due IS NULL, next_due, id",
    )?;
    let rows = stmt.query_map([project], |r| {
        let frequency: String = r.get(4)?;
        Ok(Communication {
            id: r.get(0)?,
            project_id: r.get(1)?,
            what: r.get(2)?,
            channel: r.get(3)?,
            frequency: Frequency::from_code(&frequency).unwrap_or_default(),
            owner_id: r.get(5)?,
            next_due: r.get::<_, Option<Date>>(6)?.map(|d| d.0),
            audience: Vec::new(),
        })
    })?;
    let mut out: Vec<Communication> = rows.collect::<rusqlite::Result<_>>()?;
    for c in &mut out {
        c.audience = audience.remove(&c.id).unwrap_or_default();
    }
    Ok(out)
}

pub fn communication(db: &Connection, id: CommunicationId) -> Result<Communication> {
    let project: ProjectId = db
        .query_row("SELECT project_id FROM communications WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound("The communication"))?;
    communications(db, Some(project))?.into_iter().find(|c| c.id == id).ok_or(Error::NotFound("The communication"))
}

/// Inserts or (with an id) rewrites a line of the plan with its audience.
pub fn save_communication(db: &Connection, c: &Communication) -> Result<CommunicationId> {
    let id = if c.id == 0 {
        db.execute(
            "INSERT INTO communications (project_id, what, frequency) VALUES (?1, ?2, ?3)",
            params![c.project_id, c.what, c.frequency.code()],
        )?;
        db.last_insert_rowid()
    } else {
        c.id
    };
    db.execute(
        "UPDATE communications SET what = ?2, channel = ?3, frequency = ?4, owner_id = ?5, next_due = ?6 WHERE id = ?1",
        params![id, c.what, c.channel, c.frequency.code(), c.owner_id, c.next_due.map(date_text)],
    )?;
    db.execute("DELETE FROM communication_audience WHERE communication_id = ?1", [id])?;
    for s in &c.audience {
        db.execute(
            "INSERT OR IGNORE INTO communication_audience (communication_id, stakeholder_id) VALUES (?1, ?2)",
            params![id, s],
        )?;
    }
    Ok(id)
}

pub fn delete_communication(db: &Connection, id: CommunicationId) -> Result<()> {
    db.execute("DELETE FROM communications WHERE id = ?1", [id])?;
    Ok(())
}

/// What went out of a communication: `(day, to whom)`, newest first.
pub fn communication_sends(db: &Connection, id: CommunicationId) -> Result<Vec<(chrono::NaiveDate, String)>> {
    let mut stmt = db.prepare_cached(
        "SELECT sent_on, sent_to FROM communication_sends WHERE communication_id = ?1 ORDER BY sent_on DESC, id DESC",
    )?;
    Ok(stmt.query_map([id], |r| Ok((r.get::<_, Date>(0)?.0, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_communication_send(db: &Connection, id: CommunicationId, on: chrono::NaiveDate, to: &str) -> Result<()> {
    db.execute(
        "INSERT INTO communication_sends (communication_id, sent_on, sent_to) VALUES (?1, ?2, ?3)",
        params![id, date_text(on), to],
    )?;
    Ok(())
}
