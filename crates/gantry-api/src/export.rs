//! Plans out of Gantry: a project as MS Project XML (which Gantry, MS
//! Project, ProjectLibre and MPXJ read back), its tasks as CSV for
//! spreadsheets, and its dates (milestones, releases, meetings) as
//! iCalendar. Each is text; the caller writes it whole or not at all.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use gantry_core::model::*;
use gantry_interop::ical::{self, Event, When};
use gantry_interop::mspdi_write::{self, Export};

use crate::error::refused;
use crate::team::csv_row;
use crate::{Portfolio, Result, run_schedule};

/// What a project can be exported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    MsProjectXml,
    /// The tasks, a row each.
    Csv,
    ICalendar,
    /// The risk register, a row a risk.
    RisksCsv,
    /// What was committed and spent, a row an expenditure.
    ExpendituresCsv,
}

impl ExportFormat {
    pub fn from_code(code: &str) -> Option<ExportFormat> {
        match code {
            "mspdi" | "xml" => Some(ExportFormat::MsProjectXml),
            "csv" => Some(ExportFormat::Csv),
            "ics" | "ical" => Some(ExportFormat::ICalendar),
            "risks-csv" => Some(ExportFormat::RisksCsv),
            "expenditures-csv" => Some(ExportFormat::ExpendituresCsv),
            _ => None,
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::MsProjectXml => "xml",
            ExportFormat::Csv | ExportFormat::RisksCsv | ExportFormat::ExpendituresCsv => "csv",
            ExportFormat::ICalendar => "ics",
        }
    }
}

impl Portfolio {
    /// A project as the file `format` asks for, as of `today`, stamped `now`
    /// (UTC) where the format keeps when it was made.
    pub fn export_project(
        &self,
        project: ProjectId,
        format: ExportFormat,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<String> {
        match format {
            ExportFormat::MsProjectXml => self.export_mspdi(project),
            ExportFormat::Csv => self.export_tasks_csv(project),
            ExportFormat::ICalendar => self.export_ical(project, today, now),
            ExportFormat::RisksCsv => self.export_risks_csv(project, today),
            ExportFormat::ExpendituresCsv => self.export_expenditures_csv(project, today),
        }
    }

    /// A project's risk register as CSV, highest score first.
    pub fn export_risks_csv(&self, project: ProjectId, today: NaiveDate) -> Result<String> {
        let mut rows = vec![
            [
                "Code",
                "Title",
                "Category",
                "Probability",
                "Impact",
                "Score",
                "Band",
                "Residual score",
                "EMV",
                "Currency",
                "Owner",
                "Response",
                "Status",
                "Raised",
                "Next review",
                "Cause",
                "Event",
                "Effect",
            ]
            .map(str::to_owned)
            .to_vec(),
        ];
        for r in self.risk_rows(Some(project), today)? {
            rows.push(vec![
                r.code,
                r.title,
                r.category,
                r.probability.to_string(),
                r.impact.to_string(),
                r.score.to_string(),
                r.band,
                r.residual_score.to_string(),
                r.emv.map(|v| gantry_core::money::plain(v, &r.currency)).unwrap_or_default(),
                r.currency,
                r.owner.unwrap_or_default(),
                r.response,
                r.status,
                r.raised,
                r.next_review.unwrap_or_default(),
                r.cause,
                r.event,
                r.effect,
            ]);
        }
        Ok(csv(&rows))
    }

    /// A project's expenditures as CSV, amounts as plain decimals in the
    /// project's currency.
    pub fn export_expenditures_csv(&self, project: ProjectId, today: NaiveDate) -> Result<String> {
        let view = self.budget(project, today)?;
        let currency = gantry_store::project(self.store.db(), project)?.currency;
        let mut rows = vec![
            ["Date", "Amount", "Currency", "Budget line", "Vendor", "Invoice", "State", "Note"]
                .map(str::to_owned)
                .to_vec(),
        ];
        for e in view.expenditures {
            rows.push(vec![
                e.date,
                gantry_core::money::plain(e.amount, &currency),
                currency.clone(),
                e.line.unwrap_or_default(),
                e.vendor.unwrap_or_default(),
                e.invoice,
                e.state,
                e.note,
            ]);
        }
        Ok(csv(&rows))
    }

    /// A project as MS Project XML: its tasks in outline order with the
    /// dates Gantry computed, links, the calendars it uses, its people and
    /// their assignments.
    pub fn export_mspdi(&self, project: ProjectId) -> Result<String> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let plan = self.plan(project)?;
        let stored: HashMap<TaskId, Task> = gantry_store::tasks(db, p.id)?.into_iter().map(|t| (t.id, t)).collect();
        let tasks: Vec<Task> = plan.tasks.iter().filter_map(|row| stored.get(&row.id).cloned()).collect();
        let links = gantry_store::links(db, p.id)?;
        let calendars = gantry_store::calendars(db)?;
        let s = run_schedule(&p, &calendars, &tasks, &links);
        let dates: HashMap<TaskId, (NaiveDateTime, NaiveDateTime)> =
            tasks.iter().zip(&s.tasks).map(|(t, d)| (t.id, (d.start, d.finish))).collect();
        let assignments = gantry_store::assignments(db, p.id)?;
        let staffed: HashSet<MemberId> = assignments.iter().map(|a| a.member_id).collect();
        let mut people: Vec<TeamMember> =
            gantry_store::team(db)?.into_iter().filter(|m| staffed.contains(&m.id)).collect();
        // In the order they joined: a reader that numbers them as they come
        // picks the same person's calendar for a task done by several.
        people.sort_by_key(|m| m.id);
        let used: HashSet<CalendarId> = std::iter::once(p.calendar_id)
            .chain(tasks.iter().filter_map(|t| t.calendar_id))
            .chain(people.iter().filter_map(|m| m.calendar_id))
            .collect();
        // A person with absences works on their own calendar: their
        // company calendar with the absences as days off, as MS Project
        // keeps a resource calendar.
        let absences = gantry_store::absences(db)?;
        let mut next_id = calendars.iter().map(|c| c.id).max().unwrap_or(0) + 1;
        let mut personal = Vec::new();
        for m in &mut people {
            if !absences.iter().any(|a| a.member_id == m.id) {
                continue;
            }
            let base_id = m.calendar_id.unwrap_or(p.calendar_id);
            let Some(base) = calendars.iter().find(|c| c.id == base_id) else { continue };
            let mut own = gantry_core::team::personal_calendar(m, base, &absences);
            own.id = next_id;
            next_id += 1;
            m.calendar_id = Some(own.id);
            personal.push(own);
        }
        let mut calendars: Vec<_> = calendars.into_iter().filter(|c| used.contains(&c.id)).collect();
        calendars.extend(personal);
        let mut rate_changes: HashMap<MemberId, Vec<RateChange>> = HashMap::new();
        for c in gantry_store::rate_changes(db)? {
            rate_changes.entry(c.member_id).or_default().push(c);
        }
        let fixed_costs: HashMap<TaskId, (i64, gantry_core::cost::Accrual)> =
            gantry_store::fixed_costs(db, p.id)?.into_iter().map(|(id, c)| (id, (c.amount, c.accrual))).collect();
        // The newest baseline is MS Project's baseline 0.
        let mut kept = gantry_store::baselines(db, p.id)?;
        kept.sort_by_key(|b| std::cmp::Reverse((b.saved_at, b.id)));
        let mut baselines = Vec::new();
        for b in kept.iter().take(11) {
            let money = gantry_store::baseline_costs(db, b.id)?;
            let tasks: HashMap<TaskId, mspdi_write::BaselineOut> = gantry_store::baseline_tasks(db, b.id)?
                .into_iter()
                .map(|t| {
                    let (cost, work) = money.get(&t.task_id).map_or((None, None), |&(c, w)| (Some(c), Some(w)));
                    let out = mspdi_write::BaselineOut {
                        start: t.start,
                        finish: t.finish,
                        duration_minutes: t.duration_minutes,
                        cost,
                        work,
                    };
                    (t.task_id, out)
                })
                .collect();
            baselines.push(tasks);
        }
        if calendars.is_empty() {
            return Err(refused("The project's calendar is missing; the file could not be written."));
        }
        Ok(mspdi_write::write(&Export {
            name: &p.name,
            manager: &p.manager,
            start: s.start,
            finish: s.finish,
            status_date: p.status_date.map(|d| d.and_hms_opt(17, 0, 0).unwrap_or_default()),
            settings: p.durations,
            currency: &p.currency,
            currency_digits: gantry_core::money::minor_digits(&p.currency),
            calendar_id: p.calendar_id,
            calendars: &calendars,
            tasks: &tasks,
            dates: &dates,
            links: &links,
            people: &people,
            assignments: &assignments,
            fixed_costs: &fixed_costs,
            baselines: &baselines,
            rate_changes: &rate_changes,
        }))
    }

    /// A project's tasks as CSV, one row a task in outline order, for a
    /// spreadsheet: a cell a spreadsheet would run as a formula is defused.
    pub fn export_tasks_csv(&self, project: ProjectId) -> Result<String> {
        let plan = self.plan(project)?;
        let outline: HashMap<i64, &str> = plan.tasks.iter().map(|t| (t.id, t.outline.as_str())).collect();
        let mut rows = vec![
            [
                "Outline",
                "Name",
                "Kind",
                "Start",
                "Finish",
                "Duration",
                "Percent complete",
                "Predecessors",
                "Assigned to",
                "Critical",
                "Notes",
            ]
            .map(str::to_owned)
            .to_vec(),
        ];
        for t in &plan.tasks {
            let predecessors: Vec<String> = plan
                .links
                .iter()
                .filter(|l| l.successor == t.id)
                .filter_map(|l| {
                    let kind = l.kind.abbreviation();
                    let lag = if l.lag_minutes == 0 {
                        String::new()
                    } else if l.lag_minutes > 0 {
                        format!("+{}", l.lag)
                    } else {
                        l.lag.clone()
                    };
                    Some(format!("{}{kind}{lag}", outline.get(&l.predecessor)?))
                })
                .collect();
            let kind = match (t.has_children, t.kind) {
                (true, _) | (_, TaskKind::Summary) => "summary",
                (_, TaskKind::Milestone) => "milestone",
                _ => "task",
            };
            rows.push(vec![
                t.outline.clone(),
                t.name.clone(),
                kind.to_owned(),
                t.start.replace('T', " "),
                t.finish.replace('T', " "),
                t.duration.clone(),
                t.percent_complete.to_string(),
                predecessors.join(";"),
                t.assignees.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(";"),
                if t.critical { "yes" } else { "no" }.to_owned(),
                t.notes.clone(),
            ]);
        }
        Ok(csv(&rows))
    }

    /// A project's dates as iCalendar: its milestones, its releases (go-live,
    /// window, freeze, waves, go/no-go) and its meetings, each with a UID
    /// that stays the same from one export to the next.
    pub fn export_ical(&self, project: ProjectId, today: NaiveDate, now: NaiveDateTime) -> Result<String> {
        let p = gantry_store::project(self.store.db(), project)?;
        let plan = self.plan(project)?;
        let mut events = Vec::new();
        for t in plan.tasks.iter().filter(|t| t.kind == TaskKind::Milestone && !t.has_children) {
            let Ok(at) = gantry_core::validate::datetime("finish", &t.finish) else { continue };
            events.push(Event {
                uid: self.uid("milestone", t.id),
                summary: format!("{} ({})", t.name, p.name),
                description: format!("Milestone {} of {}", t.outline, p.name),
                when: When::Moments(at, at),
                tentative: t.percent_complete < 100,
            });
        }
        events.extend(self.release_events(Some(project), today)?);
        for m in self.meeting_rows(Some(project), today)? {
            let Ok(at) = gantry_core::validate::datetime("startsAt", &m.starts_at) else { continue };
            events.push(Event {
                uid: self.uid("meeting", m.id),
                summary: format!("{}: {}", m.kind_label, m.title),
                description: m.agenda.clone(),
                when: When::Moments(at, at + chrono::Duration::hours(1)),
                tentative: false,
            });
        }
        Ok(ical::calendar(&p.name, &events, now))
    }

    /// A UID for an exported event: what it is, its id and the portfolio's
    /// file, so that it stays the same from one export to the next.
    pub(crate) fn uid(&self, kind: &str, id: i64) -> String {
        let file = self.path().file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        format!("{kind}-{id}.{}@gantry", file.replace(|c: char| !c.is_ascii_alphanumeric(), "-"))
    }
}

/// Rows as CSV, CRLF line ends, each cell defused against formulas.
fn csv(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        out.push_str(&csv_row(row));
        out.push_str("\r\n");
    }
    out
}
