//! Meetings with their attendees, agenda and minutes; action items with an
//! owner and a due day, which can become tasks of the plan; the decision
//! log, searchable, with what each decision changed; and the follow-ups
//! overdue across the portfolio for the dashboard.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use gantry_core::meetings::{self, *};
use gantry_core::model::*;
use gantry_core::validate;
use gantry_report::{ReportAction, ReportDecision, ReportDecisions};
use gantry_store::Db;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{refused, validation};
use crate::risks::{OwnerChoice, current_member};
use crate::stakeholders::{CommunicationRow, communication_rows, people, project_names};
use crate::{Portfolio, Result};

/// How far back the report's decisions reach, in days.
pub const RECENT_DECISION_DAYS: i64 = 90;

// ------------------------------------------------------------------- wire

/// Someone asked to a meeting: a person of the team or a stakeholder.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttendeeRow {
    pub member_id: Option<i64>,
    pub stakeholder_id: Option<i64>,
    /// Filled in by the backend; ignored when sent.
    #[serde(default)]
    pub name: String,
    pub present: bool,
}

/// Something a decision or an action is tied to, by id and name.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Named {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionRow {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub meeting_id: Option<i64>,
    pub meeting: Option<String>,
    pub title: String,
    pub owner_id: i64,
    pub owner: String,
    pub due: String,
    pub overdue: bool,
    /// open, done or dropped.
    pub state: String,
    /// The task it became.
    pub task: Option<Named>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionRow {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub meeting_id: Option<i64>,
    pub meeting: Option<String>,
    pub title: String,
    pub rationale: String,
    pub options: String,
    pub decided_by: String,
    pub decided_on: String,
    pub tasks: Vec<Named>,
    /// Risks by code and title ("R-002 SSO misconfiguration …").
    pub risks: Vec<Named>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingRow {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    /// `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub agenda: String,
    pub minutes: String,
    pub attendees: Vec<AttendeeRow>,
    pub actions: Vec<ActionRow>,
    pub decisions: Vec<DecisionRow>,
}

/// A project's meetings, action items and decision log.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingsView {
    pub project_id: i64,
    /// Newest first.
    pub meetings: Vec<MeetingRow>,
    /// Every action item of the project, soonest due first.
    pub actions: Vec<ActionRow>,
    /// The decision log, newest first.
    pub decisions: Vec<DecisionRow>,
    pub people: Vec<OwnerChoice>,
    pub stakeholders: Vec<OwnerChoice>,
    /// The project's risks, to say what a decision changed.
    pub risks: Vec<Named>,
    /// code and label of each kind of meeting.
    pub kinds: Vec<(String, String)>,
}

/// What the dashboard chases across the portfolio.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUps {
    /// Open actions past their day, then those due in the coming week.
    pub overdue_actions: Vec<ActionRow>,
    pub due_actions: Vec<ActionRow>,
    pub overdue_communications: Vec<CommunicationRow>,
}

/// A meeting as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingFields {
    pub kind: String,
    pub title: String,
    /// `YYYY-MM-DDTHH:MM` (or a space for the T).
    pub starts_at: String,
    pub agenda: String,
    pub minutes: String,
    pub attendees: Vec<AttendeeRow>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionFields {
    pub meeting_id: Option<i64>,
    pub title: String,
    pub owner_id: Option<i64>,
    pub due: String,
    /// "" for open.
    pub state: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecisionFields {
    pub meeting_id: Option<i64>,
    pub title: String,
    pub rationale: String,
    pub options: String,
    pub decided_by: String,
    /// "" for the meeting's day, or today.
    pub decided_on: String,
    pub tasks: Vec<i64>,
    pub risks: Vec<i64>,
}

// ---------------------------------------------------------------- reading

/// Names of what meetings, actions and decisions point at.
struct Names {
    projects: HashMap<ProjectId, String>,
    members: HashMap<MemberId, String>,
    stakeholders: HashMap<i64, String>,
    meetings: HashMap<MeetingId, String>,
    tasks: HashMap<TaskId, String>,
    risks: HashMap<i64, String>,
}

impl Names {
    fn load(db: &Db, project: Option<ProjectId>) -> Result<Names> {
        Ok(Names {
            projects: project_names(db)?,
            members: gantry_store::team(db)?.into_iter().map(|m| (m.id, m.name)).collect(),
            stakeholders: gantry_store::stakeholders(db)?.into_iter().map(|s| (s.id, s.name)).collect(),
            meetings: gantry_store::meetings(db, project)?.into_iter().map(|m| (m.id, m.title)).collect(),
            tasks: gantry_store::meeting_task_names(db)?,
            risks: gantry_store::risks(db, project)?
                .into_iter()
                .map(|r| (r.id, format!("{} {}", r.code(), r.title)))
                .collect(),
        })
    }

    fn action(&self, a: &Action, today: NaiveDate) -> ActionRow {
        ActionRow {
            id: a.id,
            project_id: a.project_id,
            project: self.projects.get(&a.project_id).cloned().unwrap_or_default(),
            meeting_id: a.meeting_id,
            meeting: a.meeting_id.and_then(|m| self.meetings.get(&m).cloned()),
            title: a.title.clone(),
            owner_id: a.owner_id,
            owner: self.members.get(&a.owner_id).cloned().unwrap_or_default(),
            due: a.due.to_string(),
            overdue: a.overdue(today),
            state: a.state.code().into(),
            task: a.task_id.and_then(|t| Some(Named { id: t, name: self.tasks.get(&t)?.clone() })),
        }
    }

    fn decision(&self, d: &Decision) -> DecisionRow {
        DecisionRow {
            id: d.id,
            project_id: d.project_id,
            project: self.projects.get(&d.project_id).cloned().unwrap_or_default(),
            meeting_id: d.meeting_id,
            meeting: d.meeting_id.and_then(|m| self.meetings.get(&m).cloned()),
            title: d.title.clone(),
            rationale: d.rationale.clone(),
            options: d.options.clone(),
            decided_by: d.decided_by.clone(),
            decided_on: d.decided_on.to_string(),
            tasks: d.tasks.iter().filter_map(|t| Some(Named { id: *t, name: self.tasks.get(t)?.clone() })).collect(),
            risks: d.risks.iter().filter_map(|r| Some(Named { id: *r, name: self.risks.get(r)?.clone() })).collect(),
        }
    }

    fn meeting(&self, m: &Meeting, actions: &[ActionRow], decisions: &[DecisionRow]) -> MeetingRow {
        MeetingRow {
            id: m.id,
            project_id: m.project_id,
            project: self.projects.get(&m.project_id).cloned().unwrap_or_default(),
            kind: m.kind.code().into(),
            kind_label: m.kind.label().into(),
            title: m.title.clone(),
            starts_at: m.starts_at.format("%Y-%m-%dT%H:%M").to_string(),
            agenda: m.agenda.clone(),
            minutes: m.minutes.clone(),
            attendees: m
                .attendees
                .iter()
                .map(|(who, present)| match who {
                    Attendee::Member(x) => AttendeeRow {
                        member_id: Some(*x),
                        stakeholder_id: None,
                        name: self.members.get(x).cloned().unwrap_or_default(),
                        present: *present,
                    },
                    Attendee::Stakeholder(x) => AttendeeRow {
                        member_id: None,
                        stakeholder_id: Some(*x),
                        name: self.stakeholders.get(x).cloned().unwrap_or_default(),
                        present: *present,
                    },
                })
                .collect(),
            actions: actions.iter().filter(|a| a.meeting_id == Some(m.id)).cloned().collect(),
            decisions: decisions.iter().filter(|d| d.meeting_id == Some(m.id)).cloned().collect(),
        }
    }
}

impl Portfolio {
    /// A project's meetings, action items and decision log as of `today`.
    pub fn meetings_view(&self, project: ProjectId, today: NaiveDate) -> Result<MeetingsView> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let names = Names::load(db, Some(p.id))?;
        let actions: Vec<ActionRow> =
            gantry_store::actions(db, Some(p.id))?.iter().map(|a| names.action(a, today)).collect();
        let decisions: Vec<DecisionRow> =
            gantry_store::decisions(db, Some(p.id))?.iter().map(|d| names.decision(d)).collect();
        let meetings =
            gantry_store::meetings(db, Some(p.id))?.iter().map(|m| names.meeting(m, &actions, &decisions)).collect();
        Ok(MeetingsView {
            project_id: p.id,
            meetings,
            actions,
            decisions,
            people: people(db)?,
            stakeholders: gantry_store::stakeholders(db)?
                .into_iter()
                .map(|s| OwnerChoice { id: s.id, name: s.name })
                .collect(),
            risks: gantry_store::risks(db, Some(p.id))?
                .into_iter()
                .map(|r| Named { id: r.id, name: format!("{} {}", r.code(), r.title) })
                .collect(),
            kinds: MeetingKind::ALL.iter().map(|k| (k.code().to_owned(), k.label().to_owned())).collect(),
        })
    }

    /// Meetings of a project or of the portfolio, with their actions and
    /// decisions: what `gantry meetings` prints.
    pub fn meeting_rows(&self, project: Option<ProjectId>, today: NaiveDate) -> Result<Vec<MeetingRow>> {
        let db = self.store.db();
        let names = Names::load(db, project)?;
        let actions: Vec<ActionRow> =
            gantry_store::actions(db, project)?.iter().map(|a| names.action(a, today)).collect();
        let decisions: Vec<DecisionRow> =
            gantry_store::decisions(db, project)?.iter().map(|d| names.decision(d)).collect();
        Ok(gantry_store::meetings(db, project)?.iter().map(|m| names.meeting(m, &actions, &decisions)).collect())
    }

    /// The decision log of a project or of the portfolio, newest first,
    /// those matching every word of `query`: what `gantry decisions` prints.
    pub fn decision_rows(&self, project: Option<ProjectId>, query: &str) -> Result<Vec<DecisionRow>> {
        let db = self.store.db();
        let names = Names::load(db, project)?;
        Ok(gantry_store::decisions(db, project)?
            .iter()
            .filter(|d| d.matches(query))
            .map(|d| names.decision(d))
            .collect())
    }

    /// Action items of a project or of the portfolio, soonest due first.
    pub fn action_rows(&self, project: Option<ProjectId>, today: NaiveDate) -> Result<Vec<ActionRow>> {
        let db = self.store.db();
        let names = Names::load(db, project)?;
        Ok(gantry_store::actions(db, project)?.iter().map(|a| names.action(a, today)).collect())
    }

    /// The actions and communications the dashboard chases.
    pub fn follow_ups(&self, today: NaiveDate) -> Result<FollowUps> {
        let open: Vec<ActionRow> = self.action_rows(None, today)?.into_iter().filter(|a| a.state == "open").collect();
        let week = (today + chrono::Days::new(7)).to_string();
        let (overdue_actions, rest): (Vec<ActionRow>, Vec<ActionRow>) = open.into_iter().partition(|a| a.overdue);
        Ok(FollowUps {
            overdue_actions,
            due_actions: rest.into_iter().filter(|a| a.due <= week).collect(),
            overdue_communications: communication_rows(self.store.db(), None, today)?
                .into_iter()
                .filter(|c| c.overdue)
                .collect(),
        })
    }

    /// The report's decisions and actions: the decisions of the last
    /// [`RECENT_DECISION_DAYS`] days and the open action items.
    pub(crate) fn report_decisions(&self, project: ProjectId, today: NaiveDate) -> Result<ReportDecisions> {
        let since = today - chrono::Days::new(RECENT_DECISION_DAYS as u64);
        let db = self.store.db();
        let names = Names::load(db, Some(project))?;
        Ok(ReportDecisions {
            decisions: gantry_store::decisions(db, Some(project))?
                .iter()
                .filter(|d| d.decided_on >= since)
                .map(|d| ReportDecision {
                    on: d.decided_on,
                    title: d.title.clone(),
                    rationale: d.rationale.clone(),
                    decided_by: d.decided_by.clone(),
                    meeting: d.meeting_id.and_then(|m| names.meetings.get(&m).cloned()),
                })
                .collect(),
            actions: gantry_store::actions(db, Some(project))?
                .iter()
                .filter(|a| a.state == ActionState::Open)
                .map(|a| ReportAction {
                    title: a.title.clone(),
                    owner: names.members.get(&a.owner_id).cloned().unwrap_or_default(),
                    due: a.due,
                    overdue: a.overdue(today),
                    meeting: a.meeting_id.and_then(|m| names.meetings.get(&m).cloned()),
                })
                .collect(),
            days: RECENT_DECISION_DAYS,
        })
    }

    // ------------------------------------------------------------- changes

    pub fn add_meeting(&mut self, project: ProjectId, fields: &MeetingFields) -> Result<MeetingId> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let m = meeting_from(db, 0, p.id, fields)?;
        let label = format!("Add meeting “{}”", m.title);
        Ok(self.store.write(&label, |db| gantry_store::save_meeting(db, &m))?)
    }

    pub fn edit_meeting(&mut self, id: MeetingId, fields: &MeetingFields) -> Result<()> {
        let db = self.store.db();
        let before = gantry_store::meeting(db, id)?;
        let m = meeting_from(db, id, before.project_id, fields)?;
        if let Some(a) = gantry_store::actions(db, Some(m.project_id))?
            .iter()
            .find(|a| a.meeting_id == Some(id) && a.due < m.starts_at.date())
        {
            return Err(refused(format!(
                "“{}” of this meeting is due {}, before the new date; move it first.",
                a.title, a.due
            )));
        }
        let label = format!("Edit meeting “{}”", m.title);
        Ok(self.store.write(&label, |db| gantry_store::save_meeting(db, &m).map(|_| ()))?)
    }

    /// Removes a meeting; its actions and decisions stay, without it.
    pub fn remove_meeting(&mut self, id: MeetingId) -> Result<()> {
        let m = gantry_store::meeting(self.store.db(), id)?;
        Ok(self.store.write(&format!("Remove meeting “{}”", m.title), |db| gantry_store::delete_meeting(db, id))?)
    }

    pub fn add_action(&mut self, project: ProjectId, fields: &ActionFields) -> Result<ActionId> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let a = action_from(db, 0, p.id, fields, None)?;
        Ok(self.store.write(&format!("Add action “{}”", a.title), |db| gantry_store::save_action(db, &a))?)
    }

    pub fn edit_action(&mut self, id: ActionId, fields: &ActionFields) -> Result<()> {
        let db = self.store.db();
        let before = gantry_store::action(db, id)?;
        let a = action_from(db, id, before.project_id, fields, before.task_id)?;
        Ok(self
            .store
            .write(&format!("Edit action “{}”", a.title), |db| gantry_store::save_action(db, &a).map(|_| ()))?)
    }

    pub fn remove_action(&mut self, id: ActionId) -> Result<()> {
        let a = gantry_store::action(self.store.db(), id)?;
        Ok(self.store.write(&format!("Remove action “{}”", a.title), |db| gantry_store::delete_action(db, id))?)
    }

    /// Turns an action item into a task at the end of the plan, due on the
    /// action's day (a finish-no-later-than constraint) and given to its
    /// owner; the action keeps the link. Returns the task's id.
    pub fn action_to_task(&mut self, id: ActionId) -> Result<TaskId> {
        let db = self.store.db();
        let a = gantry_store::action(db, id)?;
        if let Some(t) = a.task_id {
            let name = gantry_store::task(db, t).map(|t| t.name).unwrap_or_default();
            return Err(refused(format!("“{}” is already the task “{name}”.", a.title)));
        }
        let project = gantry_store::project(db, a.project_id)?;
        let minutes = project.durations.minutes_per_day;
        let finish = a.due.and_time(NaiveTime::from_hms_opt(17, 0, 0).unwrap_or(NaiveTime::MIN));
        let label = format!("Turn action “{}” into a task", a.title);
        Ok(self.store.write(&label, |db| {
            let position = crate::next_position(db, project.id, None)?;
            let task = Task {
                constraint: Constraint { kind: ConstraintKind::Fnlt, date: Some(finish) },
                ..Task::new(project.id, None, position, &a.title, minutes)
            };
            let task_id = gantry_store::insert_task(db, &task)?;
            gantry_store::assign(
                db,
                &Assignment { task_id, member_id: a.owner_id, units_percent: 100, work_minutes: minutes },
            )?;
            gantry_store::save_action(db, &Action { task_id: Some(task_id), ..a.clone() })?;
            Ok(task_id)
        })?)
    }

    pub fn add_decision(
        &mut self,
        project: ProjectId,
        fields: &DecisionFields,
        today: NaiveDate,
    ) -> Result<DecisionId> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let d = decision_from(db, 0, p.id, fields, today)?;
        Ok(self.store.write(&format!("Record decision “{}”", d.title), |db| gantry_store::save_decision(db, &d))?)
    }

    pub fn edit_decision(&mut self, id: DecisionId, fields: &DecisionFields, today: NaiveDate) -> Result<()> {
        let db = self.store.db();
        let before = gantry_store::decision(db, id)?;
        let d = decision_from(db, id, before.project_id, fields, today)?;
        Ok(self
            .store
            .write(&format!("Edit decision “{}”", d.title), |db| gantry_store::save_decision(db, &d).map(|_| ()))?)
    }

    pub fn remove_decision(&mut self, id: DecisionId) -> Result<()> {
        let d = gantry_store::decision(self.store.db(), id)?;
        Ok(self
            .store
            .write(&format!("Remove decision “{}”", d.title), |db| gantry_store::delete_decision(db, id))?)
    }
}

// ------------------------------------------------------------ validation

/// A meeting's start as typed: `YYYY-MM-DDTHH:MM`, a space for the T, or a
/// day alone (09:00).
fn starts_at(raw: &str) -> Result<NaiveDateTime> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(validation("startsAt", "A meeting needs its date and time."));
    }
    if raw.len() == 10 {
        let day = validate::date("startsAt", raw)?;
        return Ok(day.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN)));
    }
    Ok(validate::datetime("startsAt", &raw.replacen(' ', "T", 1))?)
}

fn meeting_in(db: &Db, project: ProjectId, id: Option<MeetingId>) -> Result<Option<Meeting>> {
    let Some(id) = id else { return Ok(None) };
    let m = gantry_store::meeting(db, id)?;
    if m.project_id != project {
        return Err(refused("That meeting is of another project."));
    }
    Ok(Some(m))
}

fn meeting_from(db: &Db, id: MeetingId, project: ProjectId, f: &MeetingFields) -> Result<Meeting> {
    let kind = MeetingKind::from_code(if f.kind.is_empty() { "status" } else { &f.kind })
        .ok_or_else(|| validation("kind", "Choose the kind of meeting."))?;
    let members: Vec<MemberId> = gantry_store::team(db)?.iter().map(|m| m.id).collect();
    let stakeholders: Vec<i64> = gantry_store::stakeholders(db)?.iter().map(|s| s.id).collect();
    let mut attendees = Vec::new();
    for a in &f.attendees {
        let who = match (a.member_id, a.stakeholder_id) {
            (Some(m), None) if members.contains(&m) => Attendee::Member(m),
            (None, Some(s)) if stakeholders.contains(&s) => Attendee::Stakeholder(s),
            (Some(_), None) | (None, Some(_)) => {
                return Err(refused("An attendee is not in this portfolio's team or stakeholder register."));
            }
            _ => return Err(refused("An attendee is a person of the team or a stakeholder.")),
        };
        if !attendees.iter().any(|(x, _)| *x == who) {
            attendees.push((who, a.present));
        }
    }
    Ok(Meeting {
        id,
        project_id: project,
        kind,
        title: if f.title.trim().is_empty() {
            kind.label().to_owned()
        } else {
            validate::name("title", "The meeting's title", &f.title)?
        },
        starts_at: starts_at(&f.starts_at)?,
        agenda: meetings::minutes("agenda", "The agenda", &f.agenda)?,
        minutes: meetings::minutes("minutes", "The minutes", &f.minutes)?,
        attendees,
    })
}

fn action_from(db: &Db, id: ActionId, project: ProjectId, f: &ActionFields, task: Option<TaskId>) -> Result<Action> {
    let meeting = meeting_in(db, project, f.meeting_id)?;
    let owner = f.owner_id.ok_or_else(|| validation("ownerId", "An action item needs an owner from the team."))?;
    let due = if f.due.trim().is_empty() {
        return Err(validation("due", "An action item needs the day it is due."));
    } else {
        validate::date("due", &f.due)?
    };
    meetings::check_action_due(due, meeting.as_ref().map(|m| m.starts_at))?;
    Ok(Action {
        id,
        project_id: project,
        meeting_id: meeting.map(|m| m.id),
        title: validate::name("title", "The action", &f.title)?,
        owner_id: current_member(db, owner)?,
        due,
        state: ActionState::from_code(if f.state.is_empty() { "open" } else { &f.state })
            .ok_or_else(|| validation("state", "Choose a state: open, done or dropped."))?,
        task_id: task,
    })
}

fn decision_from(
    db: &Db,
    id: DecisionId,
    project: ProjectId,
    f: &DecisionFields,
    today: NaiveDate,
) -> Result<Decision> {
    let meeting = meeting_in(db, project, f.meeting_id)?;
    let decided_on = if f.decided_on.trim().is_empty() {
        meeting.as_ref().map_or(today, |m| m.starts_at.date())
    } else {
        validate::date("decidedOn", &f.decided_on)?
    };
    for t in &f.tasks {
        if gantry_store::task(db, *t)?.project_id != project {
            return Err(refused("A task the decision changed is of another project."));
        }
    }
    let risks: Vec<i64> = gantry_store::risks(db, Some(project))?.iter().map(|r| r.id).collect();
    if f.risks.iter().any(|r| !risks.contains(r)) {
        return Err(refused("A risk the decision changed is not in this project's register."));
    }
    Ok(Decision {
        id,
        project_id: project,
        meeting_id: meeting.map(|m| m.id),
        title: validate::name("title", "What was decided", &f.title)?,
        rationale: validate::text("rationale", "Why", &f.rationale)?,
        options: validate::text("options", "The options", &f.options)?,
        decided_by: validate::optional_name("decidedBy", "Who decided", &f.decided_by)?,
        decided_on,
        tasks: f.tasks.clone(),
        risks: f.risks.clone(),
    })
}
