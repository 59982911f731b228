//! The stakeholder register (people kept once for the portfolio, with a
//! role per project), the power/interest grid and the engagement gaps, and
//! each project's communication plan with what was sent to whom.

use std::collections::HashMap;

use chrono::NaiveDate;
use gantry_core::model::*;
use gantry_core::stakeholders::*;
use gantry_core::{budget, validate};
use gantry_store::Db;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{refused, validation};
use crate::risks::OwnerChoice;
use crate::{Portfolio, Result, run_schedule};

// ------------------------------------------------------------------- wire

/// A stakeholder's role in one project.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoleRow {
    pub project_id: i64,
    pub project: String,
    pub role: String,
}

/// A stakeholder with every field, where the grid puts them and their gap.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StakeholderRow {
    pub id: i64,
    pub name: String,
    pub organisation: String,
    pub title: String,
    pub contact: String,
    pub influence: u8,
    pub interest: u8,
    /// manage_closely, keep_satisfied, keep_informed or monitor.
    pub quadrant: String,
    pub attitude: String,
    /// unaware, resistant, neutral, supportive or leading.
    pub current: String,
    pub desired: String,
    /// Steps from the current engagement to the desired one; positive to raise it.
    pub gap: i8,
    pub needs: String,
    pub channel: String,
    pub roles: Vec<RoleRow>,
    /// Their role in the project asked about, when it was.
    pub role: Option<String>,
}

/// A stakeholder as typed; ratings 1–5, engagements by code.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StakeholderFields {
    pub name: String,
    pub organisation: String,
    pub title: String,
    pub contact: String,
    pub influence: i64,
    pub interest: i64,
    pub attitude: String,
    pub current: String,
    pub desired: String,
    pub needs: String,
    pub channel: String,
}

/// One line of the communication plan.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommunicationRow {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub what: String,
    pub channel: String,
    /// weekly, fortnightly, monthly or milestone.
    pub frequency: String,
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    pub next_due: Option<String>,
    pub overdue: bool,
    pub audience: Vec<OwnerChoice>,
    /// The last time it went out, and to whom.
    pub last_sent: Option<String>,
    pub sent_to: String,
}

/// A line of the communication plan as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommunicationFields {
    pub what: String,
    pub channel: String,
    pub frequency: String,
    pub owner_id: Option<i64>,
    /// `YYYY-MM-DD`; "" for the next milestone (milestone frequency) or today.
    pub next_due: String,
    pub audience: Vec<i64>,
}

/// A project's stakeholders and communication plan.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StakeholderView {
    pub project_id: i64,
    /// Those with a role in the project.
    pub stakeholders: Vec<StakeholderRow>,
    /// The portfolio's other stakeholders, who can be given a role here.
    pub others: Vec<OwnerChoice>,
    pub communications: Vec<CommunicationRow>,
    pub people: Vec<OwnerChoice>,
}

// ---------------------------------------------------------------- reading

fn stakeholder_row(
    s: &Stakeholder,
    roles: &[(StakeholderId, ProjectId, String)],
    projects: &HashMap<ProjectId, String>,
    project: Option<ProjectId>,
) -> StakeholderRow {
    let mine: Vec<RoleRow> = roles
        .iter()
        .filter(|(x, _, _)| *x == s.id)
        .map(|(_, p, role)| RoleRow {
            project_id: *p,
            project: projects.get(p).cloned().unwrap_or_default(),
            role: role.clone(),
        })
        .collect();
    StakeholderRow {
        id: s.id,
        name: s.name.clone(),
        organisation: s.organisation.clone(),
        title: s.title.clone(),
        contact: s.contact.clone(),
        influence: s.influence,
        interest: s.interest,
        quadrant: s.quadrant().code().into(),
        attitude: s.attitude.clone(),
        current: s.current.code().into(),
        desired: s.desired.code().into(),
        gap: s.gap(),
        needs: s.needs.clone(),
        channel: s.channel.clone(),
        role: project.and_then(|p| mine.iter().find(|r| r.project_id == p).map(|r| r.role.clone())),
        roles: mine,
    }
}

pub(crate) fn project_names(db: &Db) -> Result<HashMap<ProjectId, String>> {
    Ok(gantry_store::projects(db)?.into_iter().map(|p| (p.id, p.name)).collect())
}

pub(crate) fn people(db: &Db) -> Result<Vec<OwnerChoice>> {
    Ok(gantry_store::team(db)?
        .into_iter()
        .filter(|m| !m.retired)
        .map(|m| OwnerChoice { id: m.id, name: m.name })
        .collect())
}

pub(crate) fn communication_rows(
    db: &Db,
    project: Option<ProjectId>,
    today: NaiveDate,
) -> Result<Vec<CommunicationRow>> {
    let projects = project_names(db)?;
    let names: HashMap<i64, String> = gantry_store::stakeholders(db)?.into_iter().map(|s| (s.id, s.name)).collect();
    let members: HashMap<MemberId, String> = gantry_store::team(db)?.into_iter().map(|m| (m.id, m.name)).collect();
    let mut rows = Vec::new();
    for c in gantry_store::communications(db, project)? {
        let last = gantry_store::communication_sends(db, c.id)?.into_iter().next();
        rows.push(CommunicationRow {
            id: c.id,
            project_id: c.project_id,
            project: projects.get(&c.project_id).cloned().unwrap_or_default(),
            what: c.what.clone(),
            channel: c.channel.clone(),
            frequency: c.frequency.code().into(),
            owner_id: c.owner_id,
            owner: c.owner_id.and_then(|o| members.get(&o).cloned()),
            next_due: c.next_due.map(|d| d.to_string()),
            overdue: c.overdue(today),
            audience: c
                .audience
                .iter()
                .filter_map(|s| Some(OwnerChoice { id: *s, name: names.get(s)?.clone() }))
                .collect(),
            last_sent: last.as_ref().map(|(d, _)| d.to_string()),
            sent_to: last.map(|(_, to)| to).unwrap_or_default(),
        });
    }
    Ok(rows)
}

/// The days of a project's milestones still to come, as scheduled.
pub(crate) fn milestone_days(db: &Db, project: ProjectId) -> Result<Vec<NaiveDate>> {
    let p = gantry_store::project(db, project)?;
    let tasks = gantry_store::tasks(db, project)?;
    let s = run_schedule(&p, &gantry_store::calendars(db)?, &tasks, &gantry_store::links(db, project)?);
    Ok(tasks
        .iter()
        .filter(|t| t.kind == TaskKind::Milestone && t.percent_complete < 100)
        .filter_map(|t| s.get(t.id).map(|d| d.finish.date()))
        .collect())
}

impl Portfolio {
    /// Every stakeholder of the portfolio, or those with a role in a
    /// project: what `gantry stakeholders` prints.
    pub fn stakeholder_rows(&self, project: Option<ProjectId>) -> Result<Vec<StakeholderRow>> {
        let db = self.store.db();
        let roles = gantry_store::stakeholder_roles(db)?;
        let projects = project_names(db)?;
        Ok(gantry_store::stakeholders(db)?
            .iter()
            .filter(|s| project.is_none_or(|p| roles.iter().any(|(x, y, _)| *x == s.id && *y == p)))
            .map(|s| stakeholder_row(s, &roles, &projects, project))
            .collect())
    }

    /// A project's stakeholders and communication plan as of `today`.
    pub fn stakeholder_view(&self, project: ProjectId, today: NaiveDate) -> Result<StakeholderView> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let stakeholders = self.stakeholder_rows(Some(p.id))?;
        let others = gantry_store::stakeholders(db)?
            .into_iter()
            .filter(|s| !stakeholders.iter().any(|x| x.id == s.id))
            .map(|s| OwnerChoice { id: s.id, name: s.name })
            .collect();
        Ok(StakeholderView {
            project_id: p.id,
            stakeholders,
            others,
            communications: communication_rows(db, Some(p.id), today)?,
            people: people(db)?,
        })
    }

    // ------------------------------------------------------------- changes

    /// Adds a stakeholder to the register, with a role in `project` when
    /// given; returns their id.
    pub fn add_stakeholder(&mut self, fields: &StakeholderFields, project: Option<(ProjectId, &str)>) -> Result<i64> {
        let s = stakeholder_from(0, fields)?;
        let role = match project {
            Some((p, role)) => Some((gantry_store::project(self.store.db(), p)?.id, role_text(role)?)),
            None => None,
        };
        Ok(self.store.write(&format!("Add stakeholder “{}”", s.name), |db| {
            let id = gantry_store::insert_stakeholder(db, &s)?;
            if let Some((p, role)) = &role {
                gantry_store::set_stakeholder_role(db, id, *p, role)?;
            }
            Ok(id)
        })?)
    }

    pub fn edit_stakeholder(&mut self, id: i64, fields: &StakeholderFields) -> Result<()> {
        gantry_store::stakeholder(self.store.db(), id)?;
        let s = stakeholder_from(id, fields)?;
        Ok(self
            .store
            .write(&format!("Edit stakeholder “{}”", s.name), |db| gantry_store::update_stakeholder(db, &s))?)
    }

    /// Re-assesses a stakeholder's influence and interest (a drag on the grid).
    pub fn rate_stakeholder(&mut self, id: i64, influence: i64, interest: i64) -> Result<()> {
        let before = gantry_store::stakeholder(self.store.db(), id)?;
        let s = Stakeholder {
            influence: validate::rating("influence", "Influence", influence)?,
            interest: validate::rating("interest", "Interest", interest)?,
            ..before
        };
        let label = format!("Re-assess “{}”: influence {}, interest {}", s.name, s.influence, s.interest);
        Ok(self.store.write(&label, |db| gantry_store::update_stakeholder(db, &s))?)
    }

    /// Gives a stakeholder a role in a project, or changes it.
    pub fn set_stakeholder_role(&mut self, id: i64, project: ProjectId, role: &str) -> Result<()> {
        let db = self.store.db();
        let s = gantry_store::stakeholder(db, id)?;
        let p = gantry_store::project(db, project)?;
        let role = role_text(role)?;
        let label = format!("“{}” in “{}”", s.name, p.name);
        Ok(self.store.write(&label, |db| gantry_store::set_stakeholder_role(db, s.id, p.id, &role))?)
    }

    /// Takes a stakeholder off a project; they stay in the register.
    pub fn remove_stakeholder_role(&mut self, id: i64, project: ProjectId) -> Result<()> {
        let s = gantry_store::stakeholder(self.store.db(), id)?;
        let label = format!("Take “{}” off a project", s.name);
        Ok(self.store.write(&label, |db| gantry_store::remove_stakeholder_role(db, id, project))?)
    }

    /// Removes a stakeholder from the register. Refused while a meeting's
    /// attendance names them; decisions keep their maker by name.
    pub fn remove_stakeholder(&mut self, id: i64) -> Result<()> {
        let db = self.store.db();
        let s = gantry_store::stakeholder(db, id)?;
        let attended = gantry_store::meetings(db, None)?
            .iter()
            .filter(|m| m.attendees.iter().any(|(a, _)| *a == gantry_core::meetings::Attendee::Stakeholder(id)))
            .count();
        if attended > 0 {
            return Err(refused(format!(
                "{} is on the attendance of {attended} meeting{}; take them off the project instead, so the minutes stay whole.",
                s.name,
                if attended == 1 { "" } else { "s" }
            )));
        }
        Ok(self
            .store
            .write(&format!("Remove stakeholder “{}”", s.name), |db| gantry_store::delete_stakeholder(db, id))?)
    }

    /// Adds a line to a project's communication plan; returns its id.
    pub fn add_communication(
        &mut self,
        project: ProjectId,
        fields: &CommunicationFields,
        today: NaiveDate,
    ) -> Result<i64> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let c = communication_from(db, 0, p.id, fields, today)?;
        Ok(self.store.write(&format!("Plan “{}”", c.what), |db| gantry_store::save_communication(db, &c))?)
    }

    pub fn edit_communication(&mut self, id: i64, fields: &CommunicationFields, today: NaiveDate) -> Result<()> {
        let db = self.store.db();
        let before = gantry_store::communication(db, id)?;
        let c = communication_from(db, id, before.project_id, fields, today)?;
        Ok(self
            .store
            .write(&format!("Edit “{}”", c.what), |db| gantry_store::save_communication(db, &c).map(|_| ()))?)
    }

    pub fn remove_communication(&mut self, id: i64) -> Result<()> {
        let c = gantry_store::communication(self.store.db(), id)?;
        Ok(self.store.write(&format!("Remove “{}” from the plan", c.what), |db| {
            gantry_store::delete_communication(db, id)
        })?)
    }

    /// Records that a communication went out `today` to its audience, and
    /// sets when it is due next by its frequency.
    pub fn mark_communication_sent(&mut self, id: i64, today: NaiveDate) -> Result<()> {
        let db = self.store.db();
        let c = gantry_store::communication(db, id)?;
        let names: HashMap<i64, String> = gantry_store::stakeholders(db)?.into_iter().map(|s| (s.id, s.name)).collect();
        let to = c.audience.iter().filter_map(|s| names.get(s).cloned()).collect::<Vec<_>>().join(", ");
        let next = c.frequency.next_after(today, &milestone_days(db, c.project_id)?);
        let after = Communication { next_due: next, ..c.clone() };
        Ok(self.store.write(&format!("Mark “{}” sent", c.what), |db| {
            gantry_store::insert_communication_send(db, id, today, &to)?;
            gantry_store::save_communication(db, &after).map(|_| ())
        })?)
    }
}

// ------------------------------------------------------------ validation

fn role_text(role: &str) -> Result<String> {
    Ok(validate::optional_name("role", "The role", role)?)
}

fn engagement(field: &'static str, code: &str, default: Engagement) -> Result<Engagement> {
    if code.trim().is_empty() {
        return Ok(default);
    }
    Engagement::from_code(code)
        .ok_or_else(|| validation(field, "Choose an engagement: unaware, resistant, neutral, supportive or leading."))
}

fn stakeholder_from(id: i64, f: &StakeholderFields) -> Result<Stakeholder> {
    Ok(Stakeholder {
        id,
        name: validate::name("name", "The stakeholder's name", &f.name)?,
        organisation: validate::optional_name("organisation", "The organisation", &f.organisation)?,
        title: validate::optional_name("title", "The title", &f.title)?,
        contact: validate::optional_name("contact", "The contact", &f.contact)?,
        influence: validate::rating("influence", "Influence", f.influence)?,
        interest: validate::rating("interest", "Interest", f.interest)?,
        attitude: validate::optional_name("attitude", "The attitude", &f.attitude)?,
        current: engagement("current", &f.current, Engagement::Neutral)?,
        desired: engagement("desired", &f.desired, Engagement::Supportive)?,
        needs: budget::note("needs", &f.needs)?,
        channel: validate::optional_name("channel", "The channel", &f.channel)?,
    })
}

fn communication_from(
    db: &Db,
    id: i64,
    project: ProjectId,
    f: &CommunicationFields,
    today: NaiveDate,
) -> Result<Communication> {
    let frequency =
        Frequency::from_code(if f.frequency.is_empty() { "weekly" } else { &f.frequency }).ok_or_else(|| {
            validation("frequency", "Choose a frequency: weekly, fortnightly, monthly or at each milestone.")
        })?;
    let next_due = if f.next_due.trim().is_empty() {
        match frequency {
            Frequency::Milestone => {
                Frequency::Milestone.next_after(today.pred_opt().unwrap_or(today), &milestone_days(db, project)?)
            }
            _ => Some(today),
        }
    } else {
        Some(validate::date("nextDue", &f.next_due)?)
    };
    let known: Vec<i64> = gantry_store::stakeholders(db)?.iter().map(|s| s.id).collect();
    if let Some(x) = f.audience.iter().find(|x| !known.contains(x)) {
        return Err(refused(format!(
            "The audience names a stakeholder ({x}) who is not in this portfolio's register."
        )));
    }
    let owner = match f.owner_id {
        Some(o) => Some(crate::risks::current_member(db, o)?),
        None => None,
    };
    Ok(Communication {
        id,
        project_id: project,
        what: validate::name("what", "What goes out", &f.what)?,
        channel: validate::optional_name("channel", "The channel", &f.channel)?,
        frequency,
        owner_id: owner,
        next_due,
        audience: f.audience.clone(),
    })
}
