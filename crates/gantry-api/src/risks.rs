//! The risk register and the issue log of each project, and the portfolio's
//! top risks: rated, owned, tied to the tasks they threaten and to the
//! mitigation tasks that answer them, re-assessed over time, sized in money
//! against the budget's contingency reserve, and turned into issues when
//! they occur.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use gantry_core::model::*;
use gantry_core::risks::{self, *};
use gantry_core::{budget, money, validate};
use gantry_report::{ReportIssue, ReportRisk, ReportRisks};
use gantry_store::{Db, RiskTaskRole};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{refused, validation};
use crate::{Portfolio, Result, run_schedule};

/// How many risks the portfolio's and the report's top lists show.
pub const TOP_RISKS: usize = 10;

// ------------------------------------------------------------------- wire

/// A task a risk or issue is tied to, with where the plan has it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaskRef {
    pub id: i64,
    pub name: String,
    /// Scheduled dates (`YYYY-MM-DD`), where they were computed.
    pub start: Option<String>,
    pub finish: Option<String>,
    pub percent_complete: u8,
}

/// One assessment of a risk's history.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentRow {
    pub on: String,
    pub probability: u8,
    pub impact: u8,
    pub score: u8,
    pub residual_probability: u8,
    pub residual_impact: u8,
    pub residual_score: u8,
    pub note: String,
}

/// A risk as the register lists it, with every field.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RiskRow {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    ///
    pub code: String,
    pub title: String,
    pub category: String,
    pub security: bool,
    pub cause: String,
    pub event: String,
    pub effect: String,
    pub probability: u8,
    pub impact: u8,
    pub score: u8,
    /// low, medium, high or critical.
    pub band: String,
    pub residual_probability: Option<u8>,
    pub residual_impact: Option<u8>,
    pub residual_score: u8,
    pub residual_band: String,
    /// In the minor unit of `currency`.
    pub cost_impact: Option<i64>,
    pub chance_percent: Option<u8>,
    pub emv: Option<i64>,
    pub currency: String,
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    pub response: String,
    pub opportunity: bool,
    pub trigger: String,
    pub status: String,
    pub raised: String,
    pub next_review: Option<String>,
    pub review_overdue: bool,
    pub asset: String,
    pub threat: String,
    pub vulnerability: String,
    /// 0 none, 1 low, 2 medium, 3 high.
    pub confidentiality: u8,
    pub integrity: u8,
    pub availability: u8,
    pub reference: String,
    pub threatens: Vec<TaskRef>,
    /// The earliest start and latest finish of the tasks it threatens.
    pub window_start: Option<String>,
    pub window_finish: Option<String>,
    pub mitigations: Vec<TaskRef>,
    /// The mitigation tasks' progress, weighted by their durations.
    pub mitigation_percent: Option<u8>,
    /// Oldest first.
    pub history: Vec<AssessmentRow>,
    /// How much the score rose at the last assessment.
    pub rise: u8,
    /// The issue it became (I-003), when it occurred.
    pub issue: Option<String>,
}

/// An issue as the log lists it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssueRow {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    /// I-001.
    pub code: String,
    pub title: String,
    pub description: String,
    pub severity: String,
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    pub raised: String,
    pub due: Option<String>,
    pub overdue: bool,
    pub status: String,
    pub open: bool,
    pub resolution: String,
    pub escalated_to: String,
    pub risk_id: Option<i64>,
    /// The code of the risk it was.
    pub risk: Option<String>,
    pub tasks: Vec<TaskRef>,
}

/// What an impact rating means for each aspect.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImpactLevel {
    pub level: u8,
    pub cost: String,
    pub time: String,
    pub quality: String,
    pub security: String,
}

/// A person who may own a risk or an issue.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OwnerChoice {
    pub id: i64,
    pub name: String,
}

/// The open threats' expected monetary value beside the budget's
/// contingency reserve.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Contingency {
    pub emv: i64,
    /// Planned on the project's contingency reserve lines; `None` when it has none.
    pub reserve: Option<i64>,
}

/// A project's register, issue log and what the register's screen needs.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RiskRegister {
    pub project_id: i64,
    pub currency: String,
    pub risks: Vec<RiskRow>,
    pub issues: Vec<IssueRow>,
    /// `[probability − 1][impact − 1]`: active risks by inherent rating.
    pub heat: Vec<Vec<u32>>,
    pub residual_heat: Vec<Vec<u32>>,
    pub contingency: Contingency,
    pub categories: Vec<String>,
    pub people: Vec<OwnerChoice>,
    pub probability_scale: Vec<String>,
    pub impact_scale: Vec<ImpactLevel>,
}

/// A project's risks at a glance, for the portfolio page.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectRisks {
    pub project_id: i64,
    /// Its highest open risk.
    pub top: Option<RiskRow>,
    pub open_risks: usize,
    pub overdue_reviews: usize,
    pub open_issues: usize,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PortfolioRisks {
    /// The highest active risks across projects, highest first.
    pub top: Vec<RiskRow>,
    pub projects: Vec<ProjectRisks>,
}

/// A risk as typed. Numbers are the 1–5 ratings; money is typed in major
/// units ("40000"); dates `YYYY-MM-DD` ("" for none).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RiskFields {
    pub title: String,
    pub category: String,
    pub cause: String,
    pub event: String,
    pub effect: String,
    pub probability: i64,
    pub impact: i64,
    pub residual_probability: Option<i64>,
    pub residual_impact: Option<i64>,
    pub cost_impact: String,
    /// "30" or "30 %"; "" when unknown.
    pub chance_percent: String,
    pub owner_id: Option<i64>,
    pub response: String,
    pub trigger: String,
    pub status: String,
    /// "" for today.
    pub raised: String,
    pub next_review: String,
    pub asset: String,
    pub threat: String,
    pub vulnerability: String,
    pub confidentiality: i64,
    pub integrity: i64,
    pub availability: i64,
    pub reference: String,
    /// The tasks of the plan it threatens.
    pub threatens: Vec<i64>,
    /// Why the rating is what it is: kept with the assessment it records.
    pub note: String,
}

/// An issue as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssueFields {
    pub title: String,
    pub description: String,
    pub severity: String,
    pub owner_id: Option<i64>,
    /// "" for today.
    pub raised: String,
    pub due: String,
    pub status: String,
    pub resolution: String,
    pub escalated_to: String,
    pub tasks: Vec<i64>,
}

// --------------------------------------------------------------- reading

/// What the rows of a project's (or every project's) risks are made of.
struct Context {
    projects: HashMap<ProjectId, Project>,
    people: HashMap<MemberId, String>,
    tasks: HashMap<TaskId, TaskRef>,
    risk_tasks: Vec<(RiskId, TaskId, RiskTaskRole)>,
    history: HashMap<RiskId, Vec<Assessment>>,
    issue_of: HashMap<RiskId, String>,
    durations: HashMap<TaskId, i64>,
}

impl Context {
    /// `scheduled`: compute the plan's dates for the tasks (the register
    /// shows them; the portfolio page does not need them).
    fn load(db: &Db, project: Option<ProjectId>, scheduled: bool) -> Result<Context> {
        let projects: HashMap<ProjectId, Project> = gantry_store::projects(db)?
            .into_iter()
            .filter(|p| project.is_none_or(|id| p.id == id))
            .map(|p| (p.id, p))
            .collect();
        let people = gantry_store::team(db)?.into_iter().map(|m| (m.id, m.name)).collect();
        let risk_tasks = gantry_store::risk_tasks(db, project)?;
        let issue_tasks = gantry_store::issue_tasks(db, project)?;
        let wanted: HashSet<TaskId> =
            risk_tasks.iter().map(|(_, t, _)| *t).chain(issue_tasks.iter().map(|(_, t)| *t)).collect();
        let calendars = if scheduled { gantry_store::calendars(db)? } else { Vec::new() };
        let mut tasks = HashMap::new();
        let mut durations = HashMap::new();
        for p in projects.values() {
            let plan = gantry_store::tasks(db, p.id)?;
            if !plan.iter().any(|t| wanted.contains(&t.id)) {
                continue;
            }
            let dates = if scheduled {
                Some(run_schedule(p, &calendars, &plan, &gantry_store::links(db, p.id)?))
            } else {
                None
            };
            for t in plan.iter().filter(|t| wanted.contains(&t.id)) {
                let d = dates.as_ref().and_then(|s| s.get(t.id));
                durations.insert(t.id, t.duration_minutes);
                tasks.insert(
                    t.id,
                    TaskRef {
                        id: t.id,
                        name: t.name.clone(),
                        start: d.map(|d| d.start.date().to_string()),
                        finish: d.map(|d| d.finish.date().to_string()),
                        percent_complete: t.percent_complete,
                    },
                );
            }
        }
        let issues = gantry_store::issues(db, project)?;
        let issue_of = issues.iter().filter_map(|i| Some((i.risk_id?, i.code()))).collect();
        Ok(Context {
            projects,
            people,
            tasks,
            risk_tasks,
            history: gantry_store::assessments(db, project)?,
            issue_of,
            durations,
        })
    }

    fn task_refs(&self, risk: RiskId, role: RiskTaskRole) -> Vec<TaskRef> {
        self.risk_tasks
            .iter()
            .filter(|(r, _, x)| *r == risk && *x == role)
            .filter_map(|(_, t, _)| self.tasks.get(t).cloned())
            .collect()
    }

    fn risk_row(&self, r: &Risk, today: NaiveDate) -> RiskRow {
        let project = self.projects.get(&r.project_id);
        let threatens = self.task_refs(r.id, RiskTaskRole::Threatens);
        let mitigations = self.task_refs(r.id, RiskTaskRole::Mitigates);
        let weight = |t: &TaskRef| self.durations.get(&t.id).copied().unwrap_or(0).max(1);
        let total: i64 = mitigations.iter().map(weight).sum();
        let done: i64 = mitigations.iter().map(|t| weight(t) * i64::from(t.percent_complete)).sum();
        let history = self.history.get(&r.id).map(Vec::as_slice).unwrap_or_default();
        let s = &r.security;
        RiskRow {
            id: r.id,
            project_id: r.project_id,
            project: project.map(|p| p.name.clone()).unwrap_or_default(),
            code: r.code(),
            title: r.title.clone(),
            category: r.category.clone(),
            security: r.is_security(),
            cause: r.cause.clone(),
            event: r.event.clone(),
            effect: r.effect.clone(),
            probability: r.probability,
            impact: r.impact,
            score: r.score(),
            band: Band::of(r.score()).code().into(),
            residual_probability: r.residual_probability,
            residual_impact: r.residual_impact,
            residual_score: r.residual_score(),
            residual_band: Band::of(r.residual_score()).code().into(),
            cost_impact: r.cost_impact,
            chance_percent: r.chance_percent,
            emv: r.emv(),
            currency: project.map(|p| p.currency.clone()).unwrap_or_default(),
            owner_id: r.owner_id,
            owner: r.owner_id.and_then(|id| self.people.get(&id).cloned()),
            response: r.response.code().into(),
            opportunity: r.response.is_opportunity(),
            trigger: r.trigger.clone(),
            status: r.status.code().into(),
            raised: r.raised.to_string(),
            next_review: r.next_review.map(|d| d.to_string()),
            review_overdue: r.review_overdue(today),
            asset: s.asset.clone(),
            threat: s.threat.clone(),
            vulnerability: s.vulnerability.clone(),
            confidentiality: s.confidentiality,
            integrity: s.integrity,
            availability: s.availability,
            reference: s.reference.clone(),
            window_start: threatens.iter().filter_map(|t| t.start.clone()).min(),
            window_finish: threatens.iter().filter_map(|t| t.finish.clone()).max(),
            threatens,
            mitigation_percent: (!mitigations.is_empty()).then(|| u8::try_from(done / total).unwrap_or(100)),
            mitigations,
            history: history
                .iter()
                .map(|a| AssessmentRow {
                    on: a.on.to_string(),
                    probability: a.probability,
                    impact: a.impact,
                    score: a.score(),
                    residual_probability: a.residual_probability,
                    residual_impact: a.residual_impact,
                    residual_score: a.residual_probability * a.residual_impact,
                    note: a.note.clone(),
                })
                .collect(),
            rise: risks::rise(history),
            issue: self.issue_of.get(&r.id).cloned(),
        }
    }

    fn issue_row(
        &self,
        i: &Issue,
        links: &[(IssueId, TaskId)],
        risks: &HashMap<RiskId, String>,
        today: NaiveDate,
    ) -> IssueRow {
        IssueRow {
            id: i.id,
            project_id: i.project_id,
            project: self.projects.get(&i.project_id).map(|p| p.name.clone()).unwrap_or_default(),
            code: i.code(),
            title: i.title.clone(),
            description: i.description.clone(),
            severity: i.severity.code().into(),
            owner_id: i.owner_id,
            owner: i.owner_id.and_then(|id| self.people.get(&id).cloned()),
            raised: i.raised.to_string(),
            due: i.due.map(|d| d.to_string()),
            overdue: i.overdue(today),
            status: i.status.code().into(),
            open: i.status.is_open(),
            resolution: i.resolution.clone(),
            escalated_to: i.escalated_to.clone(),
            risk_id: i.risk_id,
            risk: i.risk_id.and_then(|r| risks.get(&r).cloned()),
            tasks: links.iter().filter(|(x, _)| *x == i.id).filter_map(|(_, t)| self.tasks.get(t).cloned()).collect(),
        }
    }
}

/// Highest score first, then the higher EMV, then the sooner review.
fn by_priority(a: &RiskRow, b: &RiskRow) -> std::cmp::Ordering {
    b.score
        .cmp(&a.score)
        .then(b.emv.unwrap_or(0).cmp(&a.emv.unwrap_or(0)))
        .then(a.next_review.cmp(&b.next_review))
        .then(a.id.cmp(&b.id))
}

fn heat_rows(cells: [[u32; 5]; 5]) -> Vec<Vec<u32>> {
    cells.iter().map(|row| row.to_vec()).collect()
}

/// The sum planned on a project's contingency reserve lines.
fn contingency_reserve(db: &Db, project: ProjectId) -> Result<Option<i64>> {
    let lines: Vec<i64> = gantry_store::budget_lines(db, project)?
        .into_iter()
        .filter(|l| l.category.eq_ignore_ascii_case(budget::CATEGORIES[6]))
        .map(|l| l.id)
        .collect();
    if lines.is_empty() {
        return Ok(None);
    }
    Ok(Some(
        gantry_store::budget_months(db, project)?.iter().filter(|m| lines.contains(&m.line_id)).map(|m| m.amount).sum(),
    ))
}

impl Portfolio {
    /// A project's risk register and issue log as of `today`, highest risks first.
    pub fn risk_register(&self, project: ProjectId, today: NaiveDate) -> Result<RiskRegister> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let cx = Context::load(db, Some(project), true)?;
        let stored = gantry_store::risks(db, Some(project))?;
        let mut rows: Vec<RiskRow> = stored.iter().map(|r| cx.risk_row(r, today)).collect();
        rows.sort_by(by_priority);
        let codes: HashMap<RiskId, String> = stored.iter().map(|r| (r.id, r.code())).collect();
        let links = gantry_store::issue_tasks(db, Some(project))?;
        let issues =
            gantry_store::issues(db, Some(project))?.iter().map(|i| cx.issue_row(i, &links, &codes, today)).collect();
        let mut categories: Vec<String> = CATEGORIES.iter().map(|c| (*c).to_owned()).collect();
        for r in &stored {
            if !categories.iter().any(|c| c.eq_ignore_ascii_case(&r.category)) {
                categories.push(r.category.clone());
            }
        }
        Ok(RiskRegister {
            project_id: p.id,
            currency: p.currency.clone(),
            heat: heat_rows(heat_map(&stored, false)),
            residual_heat: heat_rows(heat_map(&stored, true)),
            contingency: Contingency { emv: risks::contingency(&stored), reserve: contingency_reserve(db, project)? },
            risks: rows,
            issues,
            categories,
            people: crate::stakeholders::people(db)?,
            probability_scale: PROBABILITY_SCALE.iter().map(|s| (*s).to_owned()).collect(),
            impact_scale: IMPACT_SCALE
                .iter()
                .zip(1..)
                .map(|(l, level)| ImpactLevel {
                    level,
                    cost: l[0].into(),
                    time: l[1].into(),
                    quality: l[2].into(),
                    security: l[3].into(),
                })
                .collect(),
        })
    }

    /// Every risk of a project, or of the portfolio, highest first: what
    /// `gantry risks` prints.
    pub fn risk_rows(&self, project: Option<ProjectId>, today: NaiveDate) -> Result<Vec<RiskRow>> {
        let db = self.store.db();
        let cx = Context::load(db, project, true)?;
        let mut rows: Vec<RiskRow> = gantry_store::risks(db, project)?.iter().map(|r| cx.risk_row(r, today)).collect();
        rows.sort_by(by_priority);
        Ok(rows)
    }

    /// Every issue of a project, or of the portfolio: what `gantry issues` prints.
    pub fn issue_rows(&self, project: Option<ProjectId>, today: NaiveDate) -> Result<Vec<IssueRow>> {
        let db = self.store.db();
        let cx = Context::load(db, project, true)?;
        let codes: HashMap<RiskId, String> =
            gantry_store::risks(db, project)?.iter().map(|r| (r.id, r.code())).collect();
        let links = gantry_store::issue_tasks(db, project)?;
        Ok(gantry_store::issues(db, project)?.iter().map(|i| cx.issue_row(i, &links, &codes, today)).collect())
    }

    /// The portfolio's highest risks and each project's highest open risk,
    /// overdue reviews and open issues.
    pub fn portfolio_risks(&self, today: NaiveDate) -> Result<PortfolioRisks> {
        let db = self.store.db();
        let cx = Context::load(db, None, false)?;
        // The active portfolio: a closed project's register is archived with it.
        let closed = gantry_store::closed_projects(db)?;
        let stored = gantry_store::risks(db, None)?;
        let issues = gantry_store::issues(db, None)?;
        let mut active: Vec<RiskRow> = stored
            .iter()
            .filter(|r| r.status.is_active() && !closed.contains(&r.project_id))
            .map(|r| cx.risk_row(r, today))
            .collect();
        active.sort_by(by_priority);
        let mut projects: Vec<ProjectRisks> = cx
            .projects
            .keys()
            .filter(|id| !closed.contains(id))
            .map(|&id| ProjectRisks {
                project_id: id,
                top: active.iter().find(|r| r.project_id == id).cloned(),
                open_risks: active.iter().filter(|r| r.project_id == id).count(),
                overdue_reviews: active.iter().filter(|r| r.project_id == id && r.review_overdue).count(),
                open_issues: issues.iter().filter(|i| i.project_id == id && i.status.is_open()).count(),
            })
            .collect();
        projects.sort_by_key(|p| p.project_id);
        active.truncate(TOP_RISKS);
        Ok(PortfolioRisks { top: active, projects })
    }

    /// A project's risk section of the report: the heat map of its active
    /// risks, the ten highest, its open issues, its exposure.
    pub(crate) fn report_risks(&self, project: ProjectId, today: NaiveDate) -> Result<ReportRisks> {
        let reg = self.risk_register(project, today)?;
        let active: Vec<&RiskRow> =
            reg.risks.iter().filter(|r| r.status == "open" || r.status == "monitoring").collect();
        let mut heat = [[0; 5]; 5];
        for (p, row) in reg.heat.iter().enumerate().take(5) {
            for (i, count) in row.iter().enumerate().take(5) {
                heat[p][i] = *count;
            }
        }
        Ok(ReportRisks {
            currency: reg.currency.clone(),
            heat,
            open_risks: active.len(),
            overdue_reviews: active.iter().filter(|r| r.review_overdue).count(),
            emv: reg.contingency.emv,
            reserve: reg.contingency.reserve,
            top: active
                .iter()
                .take(TOP_RISKS)
                .map(|r| ReportRisk {
                    code: r.code.clone(),
                    title: r.title.clone(),
                    category: r.category.clone(),
                    probability: r.probability,
                    impact: r.impact,
                    residual_score: r.residual_score,
                    owner: r.owner.clone().unwrap_or_default(),
                    response: r.response.clone(),
                    emv: r.emv,
                    next_review: r.next_review.as_deref().and_then(|d| d.parse().ok()),
                    review_overdue: r.review_overdue,
                    rise: r.rise,
                    mitigation_percent: r.mitigation_percent,
                })
                .collect(),
            issues: reg
                .issues
                .iter()
                .filter(|i| i.open)
                .map(|i| ReportIssue {
                    code: i.code.clone(),
                    title: i.title.clone(),
                    severity: i.severity.clone(),
                    owner: i.owner.clone().unwrap_or_default(),
                    due: i.due.as_deref().and_then(|d| d.parse().ok()),
                    overdue: i.overdue,
                    status: i.status.clone(),
                    escalated_to: i.escalated_to.clone(),
                    risk: i.risk.clone(),
                })
                .collect(),
        })
    }

    // ------------------------------------------------------------- changes

    /// Adds a risk to a project's register with the next number, and its
    /// first assessment; returns its id.
    pub fn add_risk(&mut self, project: ProjectId, fields: &RiskFields, today: NaiveDate) -> Result<RiskId> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let risk = risk_from(db, &p, fields, 0, today)?;
        let threatens = plan_tasks(db, p.id, &fields.threatens)?;
        let label = format!("Add risk “{}”", risk.title);
        let note = validate::text("note", "The note", &fields.note)?;
        Ok(self.store.write(&label, |db| {
            let id = gantry_store::insert_risk(db, &risk)?;
            gantry_store::set_risk_tasks(db, id, RiskTaskRole::Threatens, &threatens)?;
            gantry_store::insert_assessment(db, &Assessment::of(&Risk { id, ..risk.clone() }, risk.raised, &note))?;
            Ok(id)
        })?)
    }

    /// Changes a risk; a new rating is kept as an assessment dated `today`.
    pub fn edit_risk(&mut self, id: RiskId, fields: &RiskFields, today: NaiveDate) -> Result<()> {
        let db = self.store.db();
        let before = gantry_store::risk(db, id)?;
        let p = gantry_store::project(db, before.project_id)?;
        let risk = Risk { number: before.number, ..risk_from(db, &p, fields, id, today)? };
        let threatens = plan_tasks(db, p.id, &fields.threatens)?;
        let note = validate::text("note", "The note", &fields.note)?;
        let now = Assessment::of(&risk, today, &note);
        let last = gantry_store::assessments(db, Some(p.id))?.remove(&id).and_then(|mut h| h.pop());
        let reassessed = last.is_none_or(|l| !l.same_rating(&now)) || !note.trim().is_empty();
        let label = format!("Edit risk {} “{}”", risk.code(), risk.title);
        Ok(self.store.write(&label, |db| {
            gantry_store::update_risk(db, &risk)?;
            gantry_store::set_risk_tasks(db, id, RiskTaskRole::Threatens, &threatens)?;
            if reassessed {
                gantry_store::insert_assessment(db, &now)?;
            }
            Ok(())
        })?)
    }

    /// Records a review of a risk: its rating as it stands, dated `today`,
    /// with a note, and the day of the next review.
    pub fn review_risk(&mut self, id: RiskId, next_review: &str, note: &str, today: NaiveDate) -> Result<()> {
        let db = self.store.db();
        let before = gantry_store::risk(db, id)?;
        let next = optional_date("nextReview", next_review)?;
        risks::check_dates(today.max(before.raised), next)?;
        let note = validate::text("note", "The note", note)?;
        let risk = Risk { next_review: next, ..before };
        let label = format!("Review risk {}", risk.code());
        Ok(self.store.write(&label, |db| {
            gantry_store::update_risk(db, &risk)?;
            gantry_store::insert_assessment(db, &Assessment::of(&risk, today, &note))?;
            Ok(())
        })?)
    }

    pub fn remove_risk(&mut self, id: RiskId) -> Result<()> {
        let r = gantry_store::risk(self.store.db(), id)?;
        let label = format!("Remove risk {} “{}”", r.code(), r.title);
        Ok(self.store.write(&label, |db| gantry_store::delete_risk(db, id))?)
    }

    /// Creates a mitigation action as a task of the plan, after the last
    /// task the risk threatens (or at the end), and ties it to the risk.
    pub fn add_mitigation_task(&mut self, risk: RiskId, name: &str) -> Result<TaskId> {
        let db = self.store.db();
        let r = gantry_store::risk(db, risk)?;
        let name = validate::name("name", "The task name", name)?;
        let project = gantry_store::project(db, r.project_id)?;
        let threatened = threatened_tasks(db, &r)?;
        let anchor = gantry_store::tasks(db, r.project_id)?.into_iter().rfind(|t| threatened.contains(&t.id));
        let label = format!("Add mitigation “{name}” for {}", r.code());
        Ok(self.store.write(&label, |db| {
            let (parent, position) = match &anchor {
                Some(a) => {
                    crate::make_room(db, project.id, a.parent_id, a.position + 1)?;
                    (a.parent_id, a.position + 1)
                }
                None => (None, crate::next_position(db, project.id, None)?),
            };
            let task = Task::new(project.id, parent, position, &name, project.durations.minutes_per_day);
            let id = gantry_store::insert_task(db, &task)?;
            gantry_store::link_risk_task(db, risk, id, RiskTaskRole::Mitigates)?;
            Ok(id)
        })?)
    }

    /// Ties a task of the risk's plan to it as a mitigation action.
    pub fn link_mitigation(&mut self, risk: RiskId, task: TaskId) -> Result<()> {
        let db = self.store.db();
        let r = gantry_store::risk(db, risk)?;
        plan_tasks(db, r.project_id, &[task])?;
        Ok(self.store.write(&format!("Tie a mitigation to {}", r.code()), |db| {
            gantry_store::link_risk_task(db, risk, task, RiskTaskRole::Mitigates)
        })?)
    }

    /// Unties a mitigation task from a risk; the task stays in the plan.
    pub fn unlink_mitigation(&mut self, risk: RiskId, task: TaskId) -> Result<()> {
        let r = gantry_store::risk(self.store.db(), risk)?;
        Ok(self.store.write(&format!("Untie a mitigation from {}", r.code()), |db| {
            gantry_store::unlink_risk_task(db, risk, task, RiskTaskRole::Mitigates)
        })?)
    }

    /// The risk occurred: it becomes an issue that keeps the link, with its
    /// owner, its threatened tasks and a severity from its impact.
    pub fn risk_to_issue(&mut self, risk: RiskId, today: NaiveDate) -> Result<IssueId> {
        let db = self.store.db();
        let r = gantry_store::risk(db, risk)?;
        if let Some(i) = gantry_store::issues(db, Some(r.project_id))?.iter().find(|i| i.risk_id == Some(risk)) {
            return Err(refused(format!("{} is already the issue {}.", r.code(), i.code())));
        }
        let tasks = threatened_tasks(db, &r)?;
        let description = [r.event.as_str(), r.effect.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" → ");
        let issue = Issue {
            id: 0,
            project_id: r.project_id,
            number: 0,
            title: r.title.clone(),
            description,
            severity: Severity::of_impact(r.impact),
            owner_id: r.owner_id,
            raised: today.max(r.raised),
            due: None,
            status: IssueStatus::Open,
            resolution: String::new(),
            escalated_to: String::new(),
            risk_id: Some(risk),
        };
        let occurred = Risk { status: RiskStatus::Occurred, ..r.clone() };
        let label = format!("Turn risk {} into an issue", r.code());
        Ok(self.store.write(&label, |db| {
            gantry_store::update_risk(db, &occurred)?;
            let id = gantry_store::insert_issue(db, &issue)?;
            gantry_store::set_issue_tasks(db, id, &tasks)?;
            Ok(id)
        })?)
    }

    /// Adds an issue to a project's log; returns its id.
    pub fn add_issue(&mut self, project: ProjectId, fields: &IssueFields, today: NaiveDate) -> Result<IssueId> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let issue = issue_from(db, p.id, fields, None, today)?;
        let tasks = plan_tasks(db, p.id, &fields.tasks)?;
        Ok(self.store.write(&format!("Add issue “{}”", issue.title), |db| {
            let id = gantry_store::insert_issue(db, &issue)?;
            gantry_store::set_issue_tasks(db, id, &tasks)?;
            Ok(id)
        })?)
    }

    pub fn edit_issue(&mut self, id: IssueId, fields: &IssueFields, today: NaiveDate) -> Result<()> {
        let db = self.store.db();
        let before = gantry_store::issue(db, id)?;
        let issue = issue_from(db, before.project_id, fields, Some(&before), today)?;
        let tasks = plan_tasks(db, before.project_id, &fields.tasks)?;
        Ok(self.store.write(&format!("Edit issue {} “{}”", issue.code(), issue.title), |db| {
            gantry_store::update_issue(db, &issue)?;
            gantry_store::set_issue_tasks(db, id, &tasks)
        })?)
    }

    pub fn remove_issue(&mut self, id: IssueId) -> Result<()> {
        let i = gantry_store::issue(self.store.db(), id)?;
        Ok(self
            .store
            .write(&format!("Remove issue {} “{}”", i.code(), i.title), |db| gantry_store::delete_issue(db, id))?)
    }
}

// ------------------------------------------------------------ validation

fn optional_date(field: &'static str, raw: &str) -> Result<Option<NaiveDate>> {
    Ok(if raw.trim().is_empty() { None } else { Some(validate::date(field, raw)?) })
}

/// The tasks a risk threatens.
fn threatened_tasks(db: &Db, r: &Risk) -> Result<Vec<TaskId>> {
    Ok(gantry_store::risk_tasks(db, Some(r.project_id))?
        .into_iter()
        .filter(|(x, _, role)| *x == r.id && *role == RiskTaskRole::Threatens)
        .map(|(_, t, _)| t)
        .collect())
}

/// The tasks named, checked to be in `project`'s plan.
fn plan_tasks(db: &Db, project: ProjectId, ids: &[TaskId]) -> Result<Vec<TaskId>> {
    let mut out = Vec::new();
    for &id in ids {
        let t = gantry_store::task(db, id)?;
        if t.project_id != project {
            return Err(refused(format!("“{}” is a task of another project.", t.name)));
        }
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

/// The owner, checked to be a current member of the team.
fn owner(db: &Db, id: Option<MemberId>) -> Result<Option<MemberId>> {
    id.map(|id| current_member(db, id)).transpose()
}

/// A person who may own something now: on the team and not retired.
pub(crate) fn current_member(db: &Db, id: MemberId) -> Result<MemberId> {
    match gantry_store::team(db)?.into_iter().find(|m| m.id == id) {
        Some(m) if !m.retired => Ok(id),
        Some(m) => Err(validation("ownerId", &format!("{} has left the team; choose a current member.", m.name))),
        None => Err(validation("ownerId", "The owner is not on the team.")),
    }
}

fn risk_from(db: &Db, p: &Project, f: &RiskFields, id: RiskId, today: NaiveDate) -> Result<Risk> {
    let chance = match f.chance_percent.trim().trim_end_matches('%').trim() {
        "" => None,
        c => Some(
            c.parse::<u8>()
                .ok()
                .filter(|c| *c <= 100)
                .ok_or_else(|| validation("chancePercent", "The chance is a whole percentage from 0 to 100."))?,
        ),
    };
    let cost = match f.cost_impact.trim() {
        "" => None,
        c => Some(budget::amount("costImpact", money::parse("costImpact", c, &p.currency, false)?, &p.currency)?),
    };
    let raised = optional_date("raised", &f.raised)?.unwrap_or(today);
    let next_review = optional_date("nextReview", &f.next_review)?;
    risks::check_dates(raised, next_review)?;
    let risk = Risk {
        id,
        project_id: p.id,
        number: 0,
        title: validate::name("title", "The risk's title", &f.title)?,
        category: validate::name("category", "The category", &f.category)?,
        cause: validate::text("cause", "The cause", &f.cause)?,
        event: validate::text("event", "The event", &f.event)?,
        effect: validate::text("effect", "The effect", &f.effect)?,
        probability: validate::rating("probability", "Probability", f.probability)?,
        impact: validate::rating("impact", "Impact", f.impact)?,
        residual_probability: f
            .residual_probability
            .map(|v| validate::rating("residualProbability", "Residual probability", v))
            .transpose()?,
        residual_impact: f
            .residual_impact
            .map(|v| validate::rating("residualImpact", "Residual impact", v))
            .transpose()?,
        cost_impact: cost,
        chance_percent: chance,
        owner_id: owner(db, f.owner_id)?,
        response: Response::from_code(&f.response).ok_or_else(|| {
            validation("response", "Choose a response: avoid, mitigate, transfer, accept, exploit, enhance or share.")
        })?,
        trigger: validate::text("trigger", "The trigger", &f.trigger)?,
        status: RiskStatus::from_code(if f.status.is_empty() { "open" } else { &f.status })
            .ok_or_else(|| validation("status", "Choose a status: open, monitoring, closed or occurred."))?,
        raised,
        next_review,
        security: Security {
            asset: validate::optional_name("asset", "The asset", &f.asset)?,
            threat: validate::optional_name("threat", "The threat", &f.threat)?,
            vulnerability: validate::optional_name("vulnerability", "The vulnerability", &f.vulnerability)?,
            confidentiality: risks::cia("confidentiality", f.confidentiality)?,
            integrity: risks::cia("integrity", f.integrity)?,
            availability: risks::cia("availability", f.availability)?,
            reference: risks::reference(&f.reference)?,
        },
    };
    risks::check_residual(&risk)?;
    Ok(risk)
}

fn issue_from(db: &Db, project: ProjectId, f: &IssueFields, before: Option<&Issue>, today: NaiveDate) -> Result<Issue> {
    let raised = optional_date("raised", &f.raised)?.or(before.map(|b| b.raised)).unwrap_or(today);
    let due = optional_date("due", &f.due)?;
    risks::check_issue_dates(raised, due)?;
    Ok(Issue {
        id: before.map_or(0, |b| b.id),
        project_id: project,
        number: before.map_or(0, |b| b.number),
        title: validate::name("title", "The issue's title", &f.title)?,
        description: validate::text("description", "The description", &f.description)?,
        severity: Severity::from_code(if f.severity.is_empty() { "medium" } else { &f.severity })
            .ok_or_else(|| validation("severity", "Choose a severity: low, medium, high or critical."))?,
        owner_id: owner(db, f.owner_id)?,
        raised,
        due,
        status: IssueStatus::from_code(if f.status.is_empty() { "open" } else { &f.status })
            .ok_or_else(|| validation("status", "Choose a status: open, in progress, resolved or closed."))?,
        resolution: validate::text("resolution", "The resolution", &f.resolution)?,
        escalated_to: validate::optional_name("escalatedTo", "Escalated to", &f.escalated_to)?,
        risk_id: before.and_then(|b| b.risk_id),
    })
}
