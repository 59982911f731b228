//! Gantry's PDF reports for senior management: the project report (summary
//! page, Gantt chart, milestone and task tables), the chart alone, and the
//! portfolio report (an overview, then one summary page a project).
//!
//! The caller hands over a [`ProjectReport`]: a project already scheduled,
//! with its figures. This crate decides everything about the page in Rust
//! (which rows go on which page, where every bar, arrow and tick lands, how
//! long names are shortened to fit) and gives the result as JSON to a fixed
//! typst template, which only draws. Typst lays out text and tables and
//! writes the PDF; no user text is ever evaluated as typst markup.
//!
//! Invariants: the fonts are Debian's (`fonts.rs`), read from the system and
//! embedded in every PDF, so a report looks the same wherever it is opened,
//! and a missing font is an error, never empty boxes; a report is built in
//! memory and written with [`write_atomic`], so a failed export leaves no
//! half file.

mod budget;
mod chart;
mod document;
mod fonts;
mod measure;
mod meetings;
mod releases;
mod risks;
mod world;

use std::io::Write;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use gantry_core::model::{LinkKind, ProjectStatus, TaskKind};
use serde::{Deserialize, Serialize};

pub use budget::{CurveWeek, LineFigures, ReportBudget, ReportContract, Thresholds, ValueFigures};
pub use measure::Measure;
pub use meetings::{ReportAction, ReportDecision, ReportDecisions};
pub use releases::{ReportChecklistItem, ReportCheckpoint, ReportClosure, ReportRelease, ReportSlip};
pub use risks::{ReportIssue, ReportRisk, ReportRisks};

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Invalid(String),
    #[error("The report could not be laid out: {0}")]
    Layout(String),
    /// A report font is missing or unreadable; the message names it.
    #[error("{0}")]
    Font(String),
    #[error("The report could not be saved to {path}: {reason}")]
    Write { path: String, reason: String },
}

pub type Result<T> = std::result::Result<T, Error>;

/// A project, scheduled, with everything a report says about it.
#[derive(Debug, Clone)]
pub struct ProjectReport {
    pub name: String,
    pub manager: String,
    pub goal: String,
    pub status: ProjectStatus,
    pub status_reason: String,
    /// The day progress is measured at: the project's status date, else today.
    pub status_date: NaiveDate,
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    /// Work-weighted completion, 0–100.
    pub percent_complete: f64,
    pub baseline: Option<BaselineSummary>,
    /// The WBS in outline order.
    pub tasks: Vec<ReportTask>,
    pub links: Vec<ReportLink>,
    /// The project calendar's working weekdays, Monday first.
    pub work_week: [bool; 7],
    /// Days whose working time differs from their weekday's: `true` when
    /// such a day is worked.
    pub exceptions: Vec<(NaiveDate, bool)>,
    /// What the scheduler could not do as asked, in its own words.
    pub diagnostics: Vec<String>,
    /// The people who work on the project, with their load across the
    /// portfolio in the weeks from the status date.
    pub team: Vec<ReportPerson>,
    /// The first day of each week of `ReportPerson::weeks`.
    pub team_weeks: Vec<NaiveDate>,
    /// The budget and earned value, when the project has a budget or a
    /// baseline to measure against.
    pub budget: Option<ReportBudget>,
    /// The risk register and issue log; `None` prints an empty section.
    pub risks: Option<ReportRisks>,
    /// Recent decisions and open action items.
    pub decisions: Option<ReportDecisions>,
    /// The releases not yet live, a readiness page each.
    pub releases: Vec<ReportRelease>,
    /// A closed project's record and lessons.
    pub closure: Option<ReportClosure>,
}

/// A person on the project, for the team section.
#[derive(Debug, Clone)]
pub struct ReportPerson {
    pub name: String,
    pub role: String,
    /// Minutes of work planned for them on this project, and logged on it.
    pub planned_here: i64,
    pub logged_here: i64,
    /// Each week: minutes planned across every project and minutes they have.
    pub weeks: Vec<(i64, i64)>,
}

/// The baseline a report measures against.
#[derive(Debug, Clone)]
pub struct BaselineSummary {
    pub name: String,
    pub saved_at: NaiveDateTime,
    pub finish: NaiveDateTime,
    /// Forecast finish minus baseline finish, in working days of the
    /// project calendar (positive: late).
    pub finish_variance_days: f64,
}

/// One row of the WBS.
#[derive(Debug, Clone)]
pub struct ReportTask {
    /// "1.2.3".
    pub outline: String,
    pub name: String,
    pub depth: u32,
    pub kind: TaskKind,
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    /// As the grid shows it, e.g. "5d".
    pub duration: String,
    pub percent_complete: u8,
    /// As the grid shows it, e.g. "2d"; empty when it has none to show.
    pub total_slack: String,
    pub critical: bool,
    /// Names, comma separated.
    pub assignees: String,
    /// Start and finish in the baseline, if the task was in it.
    pub baseline: Option<(NaiveDateTime, NaiveDateTime)>,
    /// Finish minus baseline finish in working days (positive: late).
    pub finish_variance_days: Option<f64>,
    /// The pauses in its work (a split task), each from the end of one
    /// stretch to the start of the next.
    pub pauses: Vec<(NaiveDateTime, NaiveDateTime)>,
    /// When it should be done by.
    pub deadline: Option<NaiveDateTime>,
}

/// A dependency between two rows, by their place in [`ProjectReport::tasks`].
#[derive(Debug, Clone, Copy)]
pub struct ReportLink {
    pub predecessor: usize,
    pub successor: usize,
    pub kind: LinkKind,
}

/// What the user chose to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub sections: Vec<Section>,
    pub paper: Paper,
    pub orientation: Orientation,
    pub chart_layout: ChartLayout,
    /// The chart's first and last day; the project's own when `None`.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sections: vec![
                Section::Summary,
                Section::Gantt,
                Section::Milestones,
                Section::Budget,
                Section::Risks,
                Section::Decisions,
                Section::Releases,
                Section::Team,
                Section::Tasks,
            ],
            paper: Paper::A4,
            orientation: Orientation::Landscape,
            chart_layout: ChartLayout::FitWidth,
            from: None,
            to: None,
        }
    }
}

impl Options {
    /// Why these choices cannot make a report: no section, or a chart that
    /// ends before it starts.
    pub fn check(&self) -> Result<()> {
        if self.sections.is_empty() {
            return Err(Error::Invalid("Choose at least one section to print.".into()));
        }
        match (self.from, self.to) {
            (Some(from), Some(to)) if to < from => Err(document::range_error(from, to)),
            _ => Ok(()),
        }
    }
}

/// A part of the project report, in the order they print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Status, key figures, next milestones.
    Summary,
    /// A closed project's final dates and costs against the baseline, and
    /// its lessons learned; always in a closed project's report.
    CloseOut,
    /// The Gantt chart as vector graphics.
    Gantt,
    /// Milestones against the baseline.
    Milestones,
    /// Earned value, the S-curve, the budget lines and contracts.
    Budget,
    /// The risk heat map, the ten highest risks and the open issues.
    Risks,
    /// Recent decisions and open action items.
    Decisions,
    /// A readiness page for each release not yet live.
    Releases,
    /// Who works on the project, their hours, and who is over-allocated.
    Team,
    /// Every task with its dates.
    Tasks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    A4,
    Letter,
    A3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// How the chart meets the paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ChartLayout {
    /// The whole date range across one page width.
    FitWidth,
    /// A readable scale, the range cut into pages side by side, each
    /// repeating the task names.
    Tiled,
}

/// Width and height of a page in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    pub width: f64,
    pub height: f64,
}

impl PageSize {
    pub fn of(paper: Paper, orientation: Orientation) -> PageSize {
        let (short, long) = match paper {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
            Paper::A3 => (841.89, 1190.55),
        };
        match orientation {
            Orientation::Portrait => PageSize { width: short, height: long },
            Orientation::Landscape => PageSize { width: long, height: short },
        }
    }
}

/// A finished PDF.
#[derive(Debug)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// The project report with the chosen sections.
pub fn project_pdf(report: &ProjectReport, options: &Options, generated: NaiveDateTime) -> Result<Pdf> {
    let doc = document::project(report, options, generated, &Measure::new()?)?;
    world::render(&doc)
}

/// The portfolio report: an overview of every project, then each one's
/// summary page.
pub fn portfolio_pdf(
    portfolio: &str,
    reports: &[ProjectReport],
    options: &Options,
    generated: NaiveDateTime,
) -> Result<Pdf> {
    let doc = document::portfolio(portfolio, reports, options, generated, &Measure::new()?)?;
    world::render(&doc)
}

/// Writes `bytes` to `path` so that the file is either the old one or the
/// whole new one: a temporary file beside it, flushed to disk, renamed over.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |e: std::io::Error| Error::Write { path: path.display().to_string(), reason: e.to_string() };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new().prefix(".gantry-report-").suffix(".tmp").tempfile_in(dir).map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    // On failure the temporary file is dropped, which deletes it.
    temp.persist(path).map_err(|e| fail(e.error))?;
    // The rename itself is durable once the folder is.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
