//! The risk register's and the issue log's rows: risks with their
//! assessments and the tasks they threaten or that mitigate them, issues
//! with their tasks.

use std::collections::HashMap;

use gantry_core::model::{ProjectId, TaskId};
use gantry_core::risks::*;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::rows::{Date, date_text};
use crate::{Error, Result};

// ------------------------------------------------------------------ risks

const RISK_COLUMNS: &str = "id, project_id, number, title, category, cause, event, effect, probability, impact,
    residual_probability, residual_impact, cost_impact, chance_percent, owner_id, response, trigger_text, status,
    raised_on, next_review, asset, threat, vulnerability, confidentiality, integrity, availability, reference";

fn risk_row(r: &Row) -> rusqlite::Result<Risk> {
    let response: String = r.get(15)?;
    let status: String = r.get(17)?;
    Ok(Risk {
        id: r.get(0)?,
        project_id: r.get(1)?,
        number: r.get(2)?,
        title: r.get(3)?,
        category: r.get(4)?,
        cause: r.get(5)?,
        event: r.get(6)?,
        effect: r.get(7)?,
        probability: r.get(8)?,
        impact: r.get(9)?,
        residual_probability: r.get(10)?,
        residual_impact: r.get(11)?,
        cost_impact: r.get(12)?,
        chance_percent: r.get(13)?,
        owner_id: r.get(14)?,
        response: Response::from_code(&response).unwrap_or_default(),
        trigger: r.get(16)?,
        status: RiskStatus::from_code(&status).unwrap_or_default(),
        raised: r.get::<_, Date>(18)?.0,
        next_review: r.get::<_, Option<Date>>(19)?.map(|d| d.0),
        security: Security {
            asset: r.get(20)?,
            threat: r.get(21)?,
            vulnerability: r.get(22)?,
            confidentiality: r.get(23)?,
            integrity: r.get(24)?,
            availability: r.get(25)?,
            reference: r.get(26)?,
        },
    })
}

/// Every risk, or a project's, by number.
pub fn risks(db: &Connection, project: Option<ProjectId>) -> Result<Vec<Risk>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {RISK_COLUMNS} FROM risks WHERE ?1 IS NULL OR project_id = ?1 ORDER BY project_id, number"
    ))?;
    Ok(stmt.query_map([project], risk_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn risk(db: &Connection, id: RiskId) -> Result<Risk> {
    db.query_row(&format!("SELECT {RISK_COLUMNS} FROM risks WHERE id = ?1"), [id], risk_row)
        .optional()?
        .ok_or(Error::NotFound("The risk"))
}

/// Inserts a risk with the project's next number; returns its id. `number`
/// is ignored.
pub fn insert_risk(db: &Connection, r: &Risk) -> Result<RiskId> {
    let number: i64 =
        db.query_row("SELECT COALESCE(MAX(number), 0) + 1 FROM risks WHERE project_id = ?1", [r.project_id], |x| {
            x.get(0)
        })?;
    db.execute(
        "INSERT INTO risks (project_id, number, title, category, probability, impact, raised_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![r.project_id, number, r.title, r.category, r.probability, r.impact, date_text(r.raised)],
    )?;
    let id = db.last_insert_rowid();
    update_risk(db, &Risk { id, number, ..r.clone() })?;
    Ok(id)
}

/// Writes every field of a risk but its project and number.
pub fn update_risk(db: &Connection, r: &Risk) -> Result<()> {
    let s = &r.security;
    db.execute(
        "UPDATE risks SET title = ?2, category = ?3, cause = ?4, event = ?5, effect = ?6, probability = ?7,
            impact = ?8, residual_probability = ?9, residual_impact = ?10, cost_impact = ?11, chance_percent = ?12,
            owner_id = ?13, response = ?14, trigger_text = ?15, status = ?16, raised_on = ?17, next_review = ?18,
            asset = ?19, threat = ?20, vulnerability = ?21, confidentiality = ?22, integrity = ?23,
            availability = ?24, reference = ?25
         WHERE id = ?1",
        params![
            r.id,
            r.title,
            r.category,
            r.cause,
            r.event,
            r.effect,
            r.probability,
            r.impact,
            r.residual_probability,
            r.residual_impact,
            r.cost_impact,
            r.chance_percent,
            r.owner_id,
            r.response.code(),
            r.trigger,
            r.status.code(),
            date_text(r.raised),
            r.next_review.map(date_text),
            s.asset,
            s.threat,
            s.vulnerability,
            s.confidentiality,
            s.integrity,
            s.availability,
            s.reference,
        ],
    )?;
    Ok(())
}

pub fn delete_risk(db: &Connection, id: RiskId) -> Result<()> {
    db.execute("DELETE FROM risks WHERE id = ?1", [id])?;
    Ok(())
}

// ------------------------------------------------------------ assessments

/// Every assessment of a project's risks (or of all), by risk, oldest first.
pub fn assessments(db: &Connection, project: Option<ProjectId>) -> Result<HashMap<RiskId, Vec<Assessment>>> {
    let mut stmt = db.prepare_cached(
        "SELECT a.id, a.risk_id, a.assessed_on, a.probability, a.impact, a.residual_probability, a.residual_impact, a.note
         FROM risk_assessments a JOIN risks r ON r.id = a.risk_id
         WHERE ?1 IS NULL OR r.project_id = ?1 ORDER BY a.risk_id, a.assessed_on, a.id",
    )?;
    let rows = stmt.query_map([project], |r| {
        Ok(Assessment {
            id: r.get(0)?,
            risk_id: r.get(1)?,
            on: r.get::<_, Date>(2)?.0,
            probability: r.get(3)?,
            impact: r.get(4)?,
            residual_probability: r.get(5)?,
            residual_impact: r.get(6)?,
            note: r.get(7)?,
        })
    })?;
    let mut by_risk: HashMap<RiskId, Vec<Assessment>> = HashMap::new();
    for a in rows {
        let a = a?;
        by_risk.entry(a.risk_id).or_default().push(a);
    }
    Ok(by_risk)
}

pub fn insert_assessment(db: &Connection, a: &Assessment) -> Result<i64> {
    db.execute(
        "INSERT INTO risk_assessments (risk_id, assessed_on, probability, impact, residual_probability, residual_impact, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            a.risk_id,
            date_text(a.on),
            a.probability,
            a.impact,
            a.residual_probability,
            a.residual_impact,
            a.note
        ],
    )?;
    Ok(db.last_insert_rowid())
}

// ------------------------------------------------------------ their tasks

/// A risk's link to a task of its plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskTaskRole {
    /// The risk's dates come from the tasks it threatens.
    Threatens,
    /// A mitigation action.
    Mitigates,
}

impl RiskTaskRole {
    fn code(self) -> &'static str {
        match self {
            RiskTaskRole::Threatens => "threatens",
            RiskTaskRole::Mitigates => "mitigates",
        }
    }
}

/// The tasks each risk of a project (or of all) threatens and is mitigated
/// by: `(risk, task, role)`.
pub fn risk_tasks(db: &Connection, project: Option<ProjectId>) -> Result<Vec<(RiskId, TaskId, RiskTaskRole)>> {
    let mut stmt = db.prepare_cached(
        "SELECT l.risk_id, l.task_id, l.role FROM risk_tasks l JOIN risks r ON r.id = l.risk_id
         WHERE ?1 IS NULL OR r.project_id = ?1 ORDER BY l.risk_id, l.role, l.task_id",
    )?;
    let rows = stmt.query_map([project], |r| {
        let role: String = r.get(2)?;
        Ok((r.get(0)?, r.get(1)?, if role == "mitigates" { RiskTaskRole::Mitigates } else { RiskTaskRole::Threatens }))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces the tasks a risk has in `role`.
pub fn set_risk_tasks(db: &Connection, risk: RiskId, role: RiskTaskRole, tasks: &[TaskId]) -> Result<()> {
    db.execute("DELETE FROM risk_tasks WHERE risk_id = ?1 AND role = ?2", params![risk, role.code()])?;
    for t in tasks {
        link_risk_task(db, risk, *t, role)?;
    }
    Ok(())
}

pub fn link_risk_task(db: &Connection, risk: RiskId, task: TaskId, role: RiskTaskRole) -> Result<()> {
    db.execute(
        "INSERT OR IGNORE INTO risk_tasks (risk_id, task_id, role) VALUES (?1, ?2, ?3)",
        params![risk, task, role.code()],
    )?;
    Ok(())
}

pub fn unlink_risk_task(db: &Connection, risk: RiskId, task: TaskId, role: RiskTaskRole) -> Result<()> {
    db.execute(
        "DELETE FROM risk_tasks WHERE risk_id = ?1 AND task_id = ?2 AND role = ?3",
        params![risk, task, role.code()],
    )?;
    Ok(())
}

// ----------------------------------------------------------------- issues

const ISSUE_COLUMNS: &str = "id, project_id, number, title, description, severity, owner_id, raised_on, due_on, status,
    resolution, escalated_to, risk_id";

fn issue_row(r: &Row) -> rusqlite::Result<Issue> {
    let severity: String = r.get(5)?;
    let status: String = r.get(9)?;
    Ok(Issue {
        id: r.get(0)?,
        project_id: r.get(1)?,
        number: r.get(2)?,
        title: r.get(3)?,
        description: r.get(4)?,
        severity: Severity::from_code(&severity).unwrap_or_default(),
        owner_id: r.get(6)?,
        raised: r.get::<_, Date>(7)?.0,
        due: r.get::<_, Option<Date>>(8)?.map(|d| d.0),
        status: IssueStatus::from_code(&status).unwrap_or_default(),
        resolution: r.get(10)?,
        escalated_to: r.get(11)?,
        risk_id: r.get(12)?,
    })
}

/// Every issue, or a project's, by number.
pub fn issues(db: &Connection, project: Option<ProjectId>) -> Result<Vec<Issue>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {ISSUE_COLUMNS} FROM issues WHERE ?1 IS NULL OR project_id = ?1 ORDER BY project_id, number"
    ))?;
    Ok(stmt.query_map([project], issue_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn issue(db: &Connection, id: IssueId) -> Result<Issue> {
    db.query_row(&format!("SELECT {ISSUE_COLUMNS} FROM issues WHERE id = ?1"), [id], issue_row)
        .optional()?
        .ok_or(Error::NotFound("The issue"))
}

/// Inserts an issue with the project's next number; returns its id.
pub fn insert_issue(db: &Connection, i: &Issue) -> Result<IssueId> {
    let number: i64 =
        db.query_row("SELECT COALESCE(MAX(number), 0) + 1 FROM issues WHERE project_id = ?1", [i.project_id], |x| {
            x.get(0)
        })?;
    db.execute(
        "INSERT INTO issues (project_id, number, title, raised_on) VALUES (?1, ?2, ?3, ?4)",
        params![i.project_id, number, i.title, date_text(i.raised)],
    )?;
    let id = db.last_insert_rowid();
    update_issue(db, &Issue { id, number, ..i.clone() })?;
    Ok(id)
}

pub fn update_issue(db: &Connection, i: &Issue) -> Result<()> {
    db.execute(
        "UPDATE issues SET title = ?2, description = ?3, severity = ?4, owner_id = ?5, raised_on = ?6, due_on = ?7,
            status = ?8, resolution = ?9, escalated_to = ?10, risk_id = ?11
         WHERE id = ?1",
        params![
            i.id,
            i.title,
            i.description,
            i.severity.code(),
            i.owner_id,
            date_text(i.raised),
            i.due.map(date_text),
            i.status.code(),
            i.resolution,
            i.escalated_to,
            i.risk_id,
        ],
    )?;
    Ok(())
}

pub fn delete_issue(db: &Connection, id: IssueId) -> Result<()> {
    db.execute("DELETE FROM issues WHERE id = ?1", [id])?;
    Ok(())
}

/// The tasks each issue of a project (or of all) is linked to.
pub fn issue_tasks(db: &Connection, project: Option<ProjectId>) -> Result<Vec<(IssueId, TaskId)>> {
    let mut stmt = db.prepare_cached(
        "SELECT l.issue_id, l.task_id FROM issue_tasks l JOIN issues i ON i.id = l.issue_id
         WHERE ?1 IS NULL OR i.project_id = ?1 ORDER BY l.issue_id, l.task_id",
    )?;
    Ok(stmt.query_map([project], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
}

pub fn set_issue_tasks(db: &Connection, issue: IssueId, tasks: &[TaskId]) -> Result<()> {
    db.execute("DELETE FROM issue_tasks WHERE issue_id = ?1", [issue])?;
    for t in tasks {
        db.execute("INSERT OR IGNORE INTO issue_tasks (issue_id, task_id) VALUES (?1, ?2)", params![issue, t])?;
    }
    Ok(())
}
