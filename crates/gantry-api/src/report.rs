//! Reports: a project (or the whole portfolio) as `gantry_report` needs it,
//! the options a user picks, and the PDF written where they chose.

use std::collections::HashMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use gantry_core::model::*;
use gantry_core::{units, validate};
use gantry_report::{BaselineSummary, Options, Pdf, ProjectReport, ReportLink, ReportPerson, ReportTask};

use crate::error::refused;
use crate::wire::{ReportOptions, ReportWritten};
use crate::{
    Portfolio, Result, exception_days, newest_baseline, project_calendar, weighted_percent, work_week,
    working_days_between,
};

/// Reads a date and time as the wire carries it.
fn wire_moment(s: &str) -> Result<NaiveDateTime> {
    Ok(validate::datetime("date", s)?)
}

impl ReportOptions {
    /// The options as the report crate takes them, with the dates checked.
    pub fn parse(&self) -> Result<Options> {
        let day = |field: &'static str, raw: &str| -> Result<Option<NaiveDate>> {
            if raw.trim().is_empty() { Ok(None) } else { Ok(Some(validate::date(field, raw)?)) }
        };
        let options = Options {
            sections: self.sections.clone(),
            paper: self.paper,
            orientation: self.orientation,
            chart_layout: self.chart_layout,
            from: day("from", &self.from)?,
            to: day("to", &self.to)?,
        };
        options.check()?;
        Ok(options)
    }
}

impl Portfolio {
    /// A project as its report shows it, measured against `baseline` (the
    /// newest baseline when `None`). `today` stands in for a status date
    /// the project does not have.
    pub fn project_report(
        &self,
        id: ProjectId,
        baseline: Option<BaselineId>,
        today: NaiveDate,
    ) -> Result<ProjectReport> {
        let plan = self.plan(id)?;
        let db = self.store.db();
        let project = gantry_store::project(db, id)?;
        let calendars = gantry_store::calendars(db)?;
        let calendar = project_calendar(&project, &calendars);
        let variance = |a: NaiveDateTime, b: NaiveDateTime| working_days_between(&calendar, a, b, project.durations);

        let baselines = gantry_store::baselines(db, id)?;
        let chosen = match baseline {
            Some(b) => Some(
                baselines.into_iter().find(|x| x.id == b).ok_or_else(|| refused("That baseline no longer exists."))?,
            ),
            None => newest_baseline(baselines),
        };
        let base_dates: HashMap<TaskId, (NaiveDateTime, NaiveDateTime)> = match &chosen {
            Some(b) => {
                gantry_store::baseline_tasks(db, b.id)?.into_iter().map(|t| (t.task_id, (t.start, t.finish))).collect()
            }
            None => HashMap::new(),
        };

        let start = wire_moment(&plan.start)?;
        let finish = wire_moment(&plan.finish)?;
        let mut tasks = Vec::with_capacity(plan.tasks.len());
        for t in &plan.tasks {
            let (s, f) = (wire_moment(&t.start)?, wire_moment(&t.finish)?);
            let base = base_dates.get(&t.id).copied();
            let open = t.kind != TaskKind::Summary && t.percent_complete < 100;
            tasks.push(ReportTask {
                outline: t.outline.clone(),
                name: t.name.clone(),
                depth: t.depth,
                kind: t.kind,
                start: s,
                finish: f,
                duration: t.duration.clone(),
                percent_complete: t.percent_complete,
                total_slack: if open {
                    units::format_duration(t.total_slack_minutes.max(0), project.durations)
                } else {
                    String::new()
                },
                critical: t.critical,
                assignees: t.assignees.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", "),
                baseline: base,
                finish_variance_days: base.map(|(_, bf)| variance(bf, f)),
                pauses: t
                    .segments
                    .windows(2)
                    .map(|w| Ok((wire_moment(&w[0].finish)?, wire_moment(&w[1].start)?)))
                    .collect::<Result<_>>()?,
                deadline: t.deadline.as_deref().map(wire_moment).transpose()?,
            });
        }
        let index: HashMap<TaskId, usize> = plan.tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
        let links = plan
            .links
            .iter()
            .filter_map(|l| {
                Some(ReportLink {
                    predecessor: *index.get(&l.predecessor)?,
                    successor: *index.get(&l.successor)?,
                    kind: l.kind,
                })
            })
            .collect();
        let baseline = match chosen {
            Some(b) => {
                let base_finish = base_dates.values().map(|d| d.1).max();
                base_finish.map(|bf| BaselineSummary {
                    name: b.name,
                    saved_at: b.saved_at,
                    finish: bf,
                    finish_variance_days: variance(bf, finish),
                })
            }
            None => None,
        };
        let status_date = project.status_date.unwrap_or(today);
        let (team, team_weeks) = team_load(db, id, status_date)?;
        Ok(ProjectReport {
            budget: self.report_budget(id, today)?,
            risks: Some(self.report_risks(id, today)?),
            decisions: Some(self.report_decisions(id, today)?),
            releases: self.report_releases(id, today)?,
            closure: self.report_closure(id)?,
            team,
            team_weeks,
            name: plan.fields.name.clone(),
            manager: plan.fields.manager.clone(),
            goal: plan.fields.goal.clone(),
            status: plan.fields.status,
            status_reason: plan.fields.status_reason.clone(),
            status_date,
            start,
            finish,
            percent_complete: weighted_percent(
                plan.tasks.iter().filter(|t| !t.has_children).map(|t| (t.duration_minutes, t.percent_complete)),
            ),
            baseline,
            tasks,
            links,
            work_week: work_week(&calendar),
            exceptions: exception_days(&calendar, start.date(), finish.date()),
            diagnostics: plan.diagnostics.clone(),
        })
    }

    /// The PDF report of one project.
    pub fn report_pdf(&self, id: ProjectId, options: &ReportOptions, now: NaiveDateTime) -> Result<Pdf> {
        self.report_job(Some(id), options, now)?.render()
    }

    /// The portfolio report: an overview and each project's summary page.
    pub fn portfolio_pdf(&self, options: &ReportOptions, now: NaiveDateTime) -> Result<Pdf> {
        self.report_job(None, options, now)?.render()
    }

    /// Everything a report needs, read from the portfolio: the report of
    /// project `id`, or of the whole portfolio when `None`. Reading is
    /// quick; [`ReportJob::render`], the slow part, needs no portfolio, so
    /// the app runs it without holding the file.
    pub fn report_job(&self, id: Option<ProjectId>, options: &ReportOptions, now: NaiveDateTime) -> Result<ReportJob> {
        let parsed = options.parse()?;
        let what = match id {
            Some(id) => What::Project(Box::new(self.project_report(id, options.baseline_id, now.date())?)),
            // The active portfolio: closed projects are archived.
            None => {
                let closed = gantry_store::closed_projects(self.store.db())?;
                What::Portfolio(
                    self.info()?.name,
                    gantry_store::projects(self.store.db())?
                        .into_iter()
                        .filter(|p| !closed.contains(&p.id))
                        .map(|p| self.project_report(p.id, None, now.date()))
                        .collect::<Result<Vec<_>>>()?,
                )
            }
        };
        Ok(ReportJob { what, options: parsed, now })
    }

    /// A file name to suggest for a report: the project (or portfolio) and
    /// the day, without characters file systems refuse.
    pub fn report_file_name(&self, id: Option<ProjectId>, now: NaiveDateTime) -> Result<String> {
        let subject = match id {
            Some(id) => gantry_store::project(self.store.db(), id)?.name,
            None => format!("{} portfolio", self.info()?.name),
        };
        let clean: String = subject
            .chars()
            .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '-' } else { c })
            .take(80)
            .collect();
        Ok(format!("{} status {}.pdf", clean.trim(), now.format("%Y-%m-%d")))
    }

    /// The id of the project named `name`, for the CLI.
    pub fn project_named(&self, name: &str) -> Result<ProjectId> {
        let projects = gantry_store::projects(self.store.db())?;
        match projects.iter().find(|p| p.name == name) {
            Some(p) => Ok(p.id),
            None => {
                let names: Vec<&str> = projects.iter().map(|p| p.name.as_str()).collect();
                Err(refused(format!("No project is named “{name}”; the portfolio has: {}.", names.join(", "))))
            }
        }
    }
}

/// A report read from the portfolio, ready to lay out.
pub struct ReportJob {
    what: What,
    options: Options,
    now: NaiveDateTime,
}

enum What {
    Project(Box<ProjectReport>),
    Portfolio(String, Vec<ProjectReport>),
}

impl ReportJob {
    /// Lays the report out and makes the PDF.
    pub fn render(&self) -> Result<Pdf> {
        Ok(match &self.what {
            What::Project(r) => gantry_report::project_pdf(r, &self.options, self.now)?,
            What::Portfolio(name, reports) => gantry_report::portfolio_pdf(name, reports, &self.options, self.now)?,
        })
    }
}

/// Writes a finished report where the user chose, whole or not at all.
pub fn save_report(path: &Path, pdf: &Pdf) -> Result<ReportWritten> {
    gantry_report::write_atomic(path, &pdf.bytes)?;
    Ok(ReportWritten { path: path.display().to_string(), pages: pdf.pages, bytes: pdf.bytes.len() })
}

/// How many weeks the team section looks ahead.
const TEAM_WEEKS: u64 = 6;

/// The people on a project's tasks with their hours on it, and their load
/// across the portfolio in the weeks from `from`'s Monday.
fn team_load(
    db: &gantry_store::Db,
    project: ProjectId,
    from: NaiveDate,
) -> Result<(Vec<ReportPerson>, Vec<NaiveDate>)> {
    use gantry_core::team::Period;
    let mut planned: HashMap<MemberId, i64> = HashMap::new();
    for a in gantry_store::assignments(db, project)? {
        *planned.entry(a.member_id).or_insert(0) += a.work_minutes;
    }
    let mut logged: HashMap<MemberId, i64> = HashMap::new();
    for (_, member, minutes) in gantry_store::actual_work(db, project)? {
        *logged.entry(member).or_insert(0) += minutes;
    }
    let monday = Period::Week.start_of(from);
    let last = monday + chrono::Days::new(7 * TEAM_WEEKS - 1);
    let load = crate::team::workload(db, monday, last, Period::Week)?;
    let weeks = load.bounds.iter().take(TEAM_WEEKS as usize).filter_map(|d| d.parse().ok()).collect();
    let people = load
        .people
        .into_iter()
        .filter(|p| planned.contains_key(&p.id) || logged.contains_key(&p.id))
        .map(|p| ReportPerson {
            planned_here: planned.get(&p.id).copied().unwrap_or(0),
            logged_here: logged.get(&p.id).copied().unwrap_or(0),
            weeks: p.periods.iter().map(|w| (w.planned_minutes, w.available_minutes)).collect(),
            name: p.name,
            role: p.role,
        })
        .collect();
    Ok((people, weeks))
}
