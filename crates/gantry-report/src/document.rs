//! What a report says, page by page, as the data the typst template draws:
//! every figure computed and every text formatted and fitted here.

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime};
use gantry_core::model::{ProjectStatus, TaskKind};
use serde::Serialize;

use crate::budget::{self, BudgetPart};
use crate::chart::{self, ChartPage};
use crate::measure::Measure;
use crate::meetings::{self, DecisionsPart};
use crate::releases::{self, CloseOutPart, ReleasePart};
use crate::risks::{self, RisksPart};
use crate::{Error, Options, PageSize, ProjectReport, Result, Section};

/// The longest name a table cell prints; longer ones are cut with "…".
const CELL_CHARS: usize = 160;

/// The most rows (chart and task table together) one report prints: about
/// 700 pages, laid out in under a minute here. A bigger plan is reported a
/// date range or a section at a time.
pub(crate) const MAX_ROWS: usize = 25_000;

/// The whole document handed to the template.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Document {
    pub title: String,
    pub author: String,
    pub footer: String,
    pub page: Page,
    pub parts: Vec<Part>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Page {
    pub width: f64,
    pub height: f64,
    pub margin: [f64; 3],
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Part {
    Overview(Overview),
    Summary(Box<Summary>),
    Chart { title: String, pages: Vec<ChartPage> },
    Milestones { title: String, baseline: String, rows: Vec<MilestoneRow> },
    Tasks { title: String, rows: Vec<TaskRow> },
    Team { title: String, note: String, weeks: Vec<String>, rows: Vec<TeamRow> },
    Budget(Box<BudgetPart>),
    Risks(Box<RisksPart>),
    Decisions(Box<DecisionsPart>),
    Release(Box<ReleasePart>),
    CloseOut(Box<CloseOutPart>),
}

/// A person's row of the team section.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TeamRow {
    pub name: String,
    pub role: String,
    pub planned: String,
    pub logged: String,
    /// Each week: "planned / available" hours, and whether it is too much.
    pub weeks: Vec<(String, bool)>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Summary {
    pub project: String,
    pub manager: String,
    pub goal: String,
    pub status_date: String,
    pub rag: &'static str,
    pub rag_label: &'static str,
    pub reason: String,
    pub figures: Vec<Figure>,
    pub percent: f64,
    pub milestones: Vec<MilestoneRow>,
    pub phases: Vec<PhaseRow>,
    pub baseline: String,
    pub diagnostics: Vec<String>,
}

/// A top-level part of the WBS, for the summary page.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PhaseRow {
    pub name: String,
    pub start: String,
    pub finish: String,
    pub percent: f64,
    pub variance: String,
    pub tone: &'static str,
    pub critical: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct Figure {
    pub label: &'static str,
    pub value: String,
    pub note: String,
    /// "good", "warn", "bad" or "" for a figure that is only information.
    pub tone: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MilestoneRow {
    pub outline: String,
    pub name: String,
    pub baseline: String,
    pub forecast: String,
    pub variance: String,
    pub tone: &'static str,
    pub status: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TaskRow {
    pub outline: String,
    pub name: String,
    pub depth: u32,
    pub summary: bool,
    pub critical: bool,
    pub start: String,
    pub finish: String,
    pub duration: String,
    pub done: String,
    pub slack: String,
    pub who: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Overview {
    pub title: String,
    pub date: String,
    pub counts: Vec<(String, &'static str)>,
    pub rows: Vec<OverviewRow>,
    pub timeline: Timeline,
}

/// Every project on one time line, as fractions of its width.
#[derive(Debug, Serialize)]
pub(crate) struct Timeline {
    /// Month (or quarter, or year) boundaries with their labels.
    pub ticks: Vec<(f64, String)>,
    pub today: Option<f64>,
    pub bars: Vec<TimelineBar>,
}

#[derive(Debug, Serialize)]
pub(crate) struct TimelineBar {
    pub name: String,
    pub rag: &'static str,
    pub x: f64,
    pub w: f64,
    /// How far the work is done, as a share of the bar.
    pub done: f64,
    /// The baseline finish, when there is one.
    pub baseline: Option<f64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OverviewRow {
    pub name: String,
    pub manager: String,
    pub rag: &'static str,
    pub rag_label: &'static str,
    pub percent: f64,
    pub finish: String,
    pub variance: String,
    pub tone: &'static str,
    pub critical: usize,
    pub reason: String,
}

fn page_of(options: &Options) -> (Page, PageSize) {
    let size = PageSize::of(options.paper, options.orientation);
    (
        Page {
            width: size.width,
            height: size.height,
            margin: [chart::MARGIN_X, chart::MARGIN_TOP, chart::MARGIN_BOTTOM],
        },
        size,
    )
}

/// The project report with the sections `options` names, in their order.
pub(crate) fn project(
    report: &ProjectReport,
    options: &Options,
    generated: NaiveDateTime,
    measure: &Measure,
) -> Result<Document> {
    options.check()?;
    let (page, size) = page_of(options);
    let range = chart_range(report, options)?;
    let mut sections = options.sections.clone();
    if report.closure.is_some() {
        sections.push(Section::CloseOut);
    }
    sections.sort();
    sections.dedup();
    let (begin, end) = chart::bounds(range);
    let rows: usize = sections
        .iter()
        .map(|s| match s {
            Section::Gantt => report.tasks.iter().filter(|t| chart::touches(t, begin, end)).count(),
            Section::Tasks => report.tasks.len(),
            _ => 0,
        })
        .sum();
    if rows > MAX_ROWS {
        return Err(Error::Invalid(format!(
            "This report would print {rows} rows of tasks; at most {MAX_ROWS} fit in one report. \
             Choose a shorter date range for the chart, or leave out the task table."
        )));
    }
    let parts = sections
        .into_iter()
        .flat_map(|s| match s {
            Section::Summary => vec![Part::Summary(Box::new(summary(report)))],
            Section::Gantt => vec![Part::Chart {
                title: format!("{} · Gantt chart", report.name),
                pages: chart::pages(report, range, options.chart_layout, size, measure),
            }],
            Section::Milestones => vec![Part::Milestones {
                title: format!("{} · Milestones", report.name),
                baseline: baseline_note(report),
                rows: milestones(report, usize::MAX),
            }],
            Section::Tasks => vec![Part::Tasks { title: format!("{} · Tasks", report.name), rows: tasks(report) }],
            Section::Team => vec![team(report)],
            Section::Budget => vec![Part::Budget(Box::new(match &report.budget {
                Some(b) => budget::part(&report.name, b, report.status_date, size),
                None => budget::empty(&report.name),
            }))],
            Section::Risks => vec![Part::Risks(Box::new(match &report.risks {
                Some(r) => risks::part(&report.name, r),
                None => risks::part(&report.name, &risks::ReportRisks::default()),
            }))],
            Section::Decisions => vec![Part::Decisions(Box::new(match &report.decisions {
                Some(d) => meetings::part(&report.name, d),
                None => meetings::part(&report.name, &meetings::ReportDecisions::default()),
            }))],
            Section::Releases if report.closure.is_some() && report.releases.is_empty() => Vec::new(),
            Section::Releases => releases::release_parts(&report.name, &report.releases)
                .into_iter()
                .map(|p| Part::Release(Box::new(p)))
                .collect(),
            Section::CloseOut => vec![Part::CloseOut(Box::new(releases::closeout_part(
                &report.name,
                &report.closure.clone().unwrap_or_default(),
            )))],
        })
        .collect();
    Ok(Document {
        title: format!("{} — status report", report.name),
        author: report.manager.clone(),
        footer: format!(
            "{} · status date {} · made {}",
            report.name,
            day(report.status_date),
            generated.format("%-d %b %Y %H:%M")
        ),
        page,
        parts,
    })
}

/// The portfolio report: an overview, then each project's summary page.
pub(crate) fn portfolio(
    name: &str,
    reports: &[ProjectReport],
    options: &Options,
    generated: NaiveDateTime,
    measure: &Measure,
) -> Result<Document> {
    if reports.is_empty() {
        return Err(Error::Invalid("This portfolio has no projects to report on.".into()));
    }
    let (page, _) = page_of(options);
    let count = |s: ProjectStatus| reports.iter().filter(|r| r.status == s).count();
    let overview = Overview {
        title: format!("{name} · portfolio status"),
        date: day(generated.date()),
        counts: [ProjectStatus::OnTrack, ProjectStatus::AtRisk, ProjectStatus::OffTrack]
            .into_iter()
            .map(|s| (format!("{} {}", count(s), s.label().to_lowercase()), rag(s).0))
            .collect(),
        rows: reports
            .iter()
            .map(|r| {
                let (variance, tone) = variance(r.baseline.as_ref().map(|b| b.finish_variance_days));
                OverviewRow {
                    name: Measure::truncate(&r.name, CELL_CHARS),
                    manager: Measure::truncate(&r.manager, CELL_CHARS),
                    rag: rag(r.status).0,
                    rag_label: rag(r.status).1,
                    percent: r.percent_complete,
                    finish: day(r.finish.date()),
                    variance,
                    tone,
                    critical: r
                        .tasks
                        .iter()
                        .filter(|t| t.critical && t.kind != TaskKind::Summary && t.percent_complete < 100)
                        .count(),
                    reason: Measure::truncate(&r.status_reason, 400),
                }
            })
            .collect(),
        timeline: timeline(reports, generated.date(), measure),
    };
    let mut parts = vec![Part::Overview(overview)];
    parts.extend(reports.iter().map(|r| Part::Summary(Box::new(summary(r)))));
    Ok(Document {
        title: format!("{name} — portfolio report"),
        author: String::new(),
        footer: format!("{name} · portfolio report · made {}", generated.format("%-d %b %Y %H:%M")),
        page,
        parts,
    })
}

/// The portfolio's projects side by side in time, with month, quarter or
/// year ticks depending on the span.
fn timeline(reports: &[ProjectReport], today: NaiveDate, measure: &Measure) -> Timeline {
    let first = reports.iter().map(|r| r.start.date()).min().unwrap_or(today);
    let last = reports
        .iter()
        .flat_map(|r| std::iter::once(r.finish.date()).chain(r.baseline.as_ref().map(|b| b.finish.date())))
        .max()
        .unwrap_or(today);
    let begin = first.with_day(1).unwrap_or(first);
    let end = last.checked_add_months(Months::new(1)).and_then(|d| d.with_day(1)).unwrap_or(last);
    let span = (end - begin).num_days().max(1) as f64;
    let at = |d: NaiveDate| ((d - begin).num_days() as f64 / span).clamp(0.0, 1.0);
    let months = (span / 30.4).ceil() as u32;
    let step = match months {
        0..=14 => 1,
        15..=36 => 3,
        _ => 12,
    };
    let mut ticks = Vec::new();
    let mut d = if step == 12 { NaiveDate::from_ymd_opt(begin.year(), 1, 1).unwrap_or(begin) } else { begin };
    while d < end && ticks.len() < 200 {
        let label = match step {
            1 if d.month() == 1 || ticks.is_empty() => d.format("%b %Y").to_string(),
            1 => d.format("%b").to_string(),
            3 => format!("Q{} {}", d.month0() / 3 + 1, d.year()),
            _ => d.format("%Y").to_string(),
        };
        if step != 3 || d.month0() % 3 == 0 {
            ticks.push((at(d), label));
        }
        d = d.checked_add_months(Months::new(if step == 3 { 1 } else { step })).unwrap_or(end);
    }
    Timeline {
        ticks,
        today: (today >= begin && today <= end).then(|| at(today)),
        bars: reports
            .iter()
            .map(|r| {
                let (x0, x1) = (at(r.start.date()), at(r.finish.date()));
                TimelineBar {
                    // The template gives names 150 pt, less a gap, at 8 pt bold.
                    name: measure.elide(&r.name, 8.0, true, 142.0),
                    rag: rag(r.status).0,
                    x: x0,
                    w: (x1 - x0).max(0.004),
                    done: (r.percent_complete / 100.0).clamp(0.0, 1.0),
                    baseline: r.baseline.as_ref().map(|b| at(b.finish.date())),
                }
            })
            .collect(),
    }
}

/// The chart's days: the chosen ones, else the project's own.
fn chart_range(report: &ProjectReport, options: &Options) -> Result<(NaiveDate, NaiveDate)> {
    let from = options.from.unwrap_or(report.start.date());
    let to = options.to.unwrap_or_else(|| report.finish.date().max(from));
    // Checked again: a chosen last day may fall before the project's start.
    if to < from {
        return Err(range_error(from, to));
    }
    if (to - from).num_days() > 366 * 20 {
        return Err(Error::Invalid("The chart can show at most 20 years; choose a shorter date range.".into()));
    }
    Ok((from, to))
}

/// The refusal of a chart whose last day is before its first.
pub(crate) fn range_error(from: NaiveDate, to: NaiveDate) -> Error {
    Error::Invalid(format!("The chart's last day ({}) is before its first ({}).", day(to), day(from)))
}

fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

fn rag(s: ProjectStatus) -> (&'static str, &'static str) {
    match s {
        ProjectStatus::OnTrack => ("green", "On track"),
        ProjectStatus::AtRisk => ("amber", "At risk"),
        ProjectStatus::OffTrack => ("red", "Off track"),
    }
}

/// A variance in working days as people read it, with its tone.
fn variance(days: Option<f64>) -> (String, &'static str) {
    match days {
        None => ("—".into(), ""),
        Some(d) if d.abs() < 0.05 => ("on time".into(), "good"),
        Some(d) => {
            let text = format!("{:+.1} d", d).replace(".0 d", " d");
            (
                if d > 0.0 { format!("{text} late") } else { format!("{} early", text.trim_start_matches('-')) },
                if d > 0.0 { "bad" } else { "good" },
            )
        }
    }
}

fn baseline_note(r: &ProjectReport) -> String {
    match &r.baseline {
        Some(b) => format!("Compared with baseline “{}”, saved {}.", b.name, b.saved_at.format("%-d %b %Y")),
        None => "No baseline saved yet: save one in the Gantt view to track variance.".into(),
    }
}

fn is_late(t: &crate::ReportTask, status: NaiveDate) -> bool {
    t.kind != TaskKind::Summary && t.percent_complete < 100 && t.finish.date() < status
}

fn summary(r: &ProjectReport) -> Summary {
    let leaves: Vec<_> = r.tasks.iter().filter(|t| t.kind != TaskKind::Summary).collect();
    let done = leaves.iter().filter(|t| t.percent_complete >= 100).count();
    let late = leaves.iter().filter(|t| is_late(t, r.status_date)).count();
    let critical = leaves.iter().filter(|t| t.critical && t.percent_complete < 100).count();
    let (var_text, var_tone) = variance(r.baseline.as_ref().map(|b| b.finish_variance_days));
    let mut figures = vec![
        Figure {
            label: "Forecast finish",
            value: day(r.finish.date()),
            note: format!("started {}", day(r.start.date())),
            tone: "",
        },
        Figure {
            label: "Against baseline",
            value: var_text,
            note: match &r.baseline {
                Some(b) => format!("baseline finish {}", day(b.finish.date())),
                None => "no baseline saved".into(),
            },
            tone: var_tone,
        },
        Figure {
            label: "Complete",
            value: format!("{:.0} %", r.percent_complete),
            note: format!("{done} of {} tasks done", leaves.len()),
            tone: "",
        },
        Figure {
            label: "Late tasks",
            value: late.to_string(),
            note: "due by the status date, not done".into(),
            tone: if late == 0 { "good" } else { "bad" },
        },
        Figure {
            label: "Critical open tasks",
            value: critical.to_string(),
            note: "any delay moves the finish".into(),
            tone: if critical == 0 { "" } else { "warn" },
        },
    ];
    if !r.diagnostics.is_empty() {
        figures.push(Figure {
            label: "Schedule warnings",
            value: r.diagnostics.len().to_string(),
            note: "constraints the plan cannot meet".into(),
            tone: "bad",
        });
    }
    let (rag, rag_label) = rag(r.status);
    Summary {
        project: Measure::truncate(&r.name, CELL_CHARS),
        manager: Measure::truncate(&r.manager, CELL_CHARS),
        goal: Measure::truncate(&r.goal, 1200),
        status_date: day(r.status_date),
        rag,
        rag_label,
        reason: Measure::truncate(&r.status_reason, 600),
        figures,
        percent: r.percent_complete.clamp(0.0, 100.0),
        milestones: milestones(r, 5),
        phases: r
            .tasks
            .iter()
            .filter(|t| t.depth == 0 && t.kind == TaskKind::Summary)
            .take(12)
            .map(|t| {
                let (variance, tone) = variance(t.finish_variance_days);
                PhaseRow {
                    name: Measure::truncate(&t.name, 80),
                    start: short_day(t.start.date()),
                    finish: short_day(t.finish.date()),
                    percent: f64::from(t.percent_complete),
                    variance,
                    tone,
                    critical: t.critical,
                }
            })
            .collect(),
        baseline: baseline_note(r),
        diagnostics: r.diagnostics.iter().take(5).map(|d| Measure::truncate(d, 300)).collect(),
    }
}

/// Milestones in date order: all of them, or the next `limit` still open.
fn milestones(r: &ProjectReport, limit: usize) -> Vec<MilestoneRow> {
    let mut list: Vec<_> = r.tasks.iter().filter(|t| t.kind == TaskKind::Milestone).collect();
    list.sort_by_key(|t| t.finish);
    if limit != usize::MAX {
        list.retain(|t| t.percent_complete < 100);
        list.truncate(limit);
    }
    list.into_iter()
        .map(|t| {
            let (variance, tone) = variance(t.finish_variance_days);
            let status = if t.percent_complete >= 100 {
                "done"
            } else if is_late(t, r.status_date) {
                "late"
            } else if t.critical {
                "critical"
            } else {
                "open"
            };
            MilestoneRow {
                outline: t.outline.clone(),
                name: Measure::truncate(&t.name, CELL_CHARS),
                baseline: t.baseline.map(|(_, f)| day(f.date())).unwrap_or_else(|| "—".into()),
                forecast: day(t.finish.date()),
                variance,
                tone,
                status,
            }
        })
        .collect()
}

fn tasks(r: &ProjectReport) -> Vec<TaskRow> {
    r.tasks
        .iter()
        .map(|t| {
            // A task that ends at midnight ends on the day before.
            let last_day = if t.finish.time() == chrono::NaiveTime::MIN && t.finish > t.start {
                (t.finish - Duration::minutes(1)).date()
            } else {
                t.finish.date()
            };
            TaskRow {
                outline: t.outline.clone(),
                name: Measure::truncate(&t.name, CELL_CHARS),
                depth: t.depth.min(12),
                summary: t.kind == TaskKind::Summary,
                critical: t.critical && t.kind != TaskKind::Summary,
                start: short_day(t.start.date()),
                finish: short_day(last_day),
                duration: t.duration.clone(),
                done: format!("{} %", t.percent_complete),
                slack: t.total_slack.clone(),
                who: Measure::truncate(&t.assignees, CELL_CHARS),
            }
        })
        .collect()
}

/// The team section: each person on the project, their hours here, and
/// their load across the portfolio week by week, too much in red.
fn team(r: &ProjectReport) -> Part {
    let hours = |m: i64| if m == 0 { "–".to_owned() } else { format!("{} h", (m as f64 / 60.0).round()) };
    let over = r.team.iter().filter(|p| p.weeks.iter().any(|(planned, available)| planned > available)).count();
    Part::Team {
        title: format!("{} · Team", r.name),
        note: match over {
            0 => "Nobody is booked beyond their time in these weeks.".to_owned(),
            1 => "1 person is booked beyond their time (in red).".to_owned(),
            n => format!("{n} people are booked beyond their time (in red)."),
        },
        weeks: r.team_weeks.iter().map(|d| d.format("%-d %b").to_string()).collect(),
        rows: r
            .team
            .iter()
            .map(|p| TeamRow {
                name: Measure::truncate(&p.name, CELL_CHARS),
                role: Measure::truncate(&p.role, CELL_CHARS),
                planned: hours(p.planned_here),
                logged: hours(p.logged_here),
                weeks: p
                    .weeks
                    .iter()
                    .map(|&(planned, available)| {
                        (
                            format!("{}/{}", (planned as f64 / 60.0).round(), (available as f64 / 60.0).round()),
                            planned > available,
                        )
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub(crate) fn short_day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::variance;

    #[test]
    fn variances_read_as_late_early_or_on_time() {
        let check = |days: Option<f64>, text: &str, tone: &str| {
            let (t, k) = variance(days);
            assert_eq!((t.as_str(), k), (text, tone), "{days:?}");
        };
        check(None, "—", "");
        check(Some(0.0), "on time", "good");
        check(Some(3.0), "+3 d late", "bad");
        check(Some(-2.5), "2.5 d early", "good");
        check(Some(0.5), "+0.5 d late", "bad");
    }
}
