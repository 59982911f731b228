//! The release readiness page (a page a release not yet live: readiness,
//! changeover window and freeze, the checklist by group, the go/no-go
//! criteria and the rollback summary) and the close-out report of a closed
//! project (final dates and costs against the baseline, the milestones'
//! slips, the lessons learned).

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::document::short_day;
use crate::measure::Measure;

#[derive(Debug, Clone, Default)]
pub struct ReportRelease {
    pub title: String,
    pub state: String,
    pub strategy: String,
    /// The go-live milestone's scheduled moment, `YYYY-MM-DDTHH:MM:SS`.
    pub go_live: Option<String>,
    /// The changeover window's start and end, `YYYY-MM-DDTHH:MM`.
    pub window: Option<(String, String)>,
    /// The freeze's first and last day.
    pub freeze: Option<(String, String)>,
    pub readiness: Option<u8>,
    pub checklist: Vec<ReportChecklistItem>,
    pub checkpoints: Vec<ReportCheckpoint>,
    pub rollback_steps: String,
    pub rollback_owner: String,
    pub rollback_decide_by: Option<String>,
    pub rollback_minutes: i64,
    /// (name, first day, last day).
    pub waves: Vec<(String, String, String)>,
    pub blockers: Vec<String>,
    pub clashes: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ReportChecklistItem {
    pub group: String,
    pub title: String,
    pub owner: String,
    pub due: String,
    pub done: bool,
    pub overdue: bool,
}

#[derive(Debug, Clone, Default)]
pub struct ReportCheckpoint {
    pub title: String,
    pub at: String,
    pub criteria: String,
    pub verdict: String,
    pub decided_by: String,
}

/// A closed project's record and lessons.
#[derive(Debug, Clone, Default)]
pub struct ReportClosure {
    pub closed_on: Option<NaiveDate>,
    pub baseline: String,
    pub planned_start: Option<NaiveDateTime>,
    pub planned_finish: Option<NaiveDateTime>,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_finish: Option<NaiveDateTime>,
    /// Formatted with the currency.
    pub planned_cost: Option<String>,
    pub actual_cost: String,
    pub cost_variance: Option<String>,
    /// Per mille of the budget, positive an overrun.
    pub cost_variance_permille: Option<i64>,
    pub finish_variance_days: Option<i64>,
    /// What happened to unfinished tasks, in words.
    pub unfinished: String,
    pub summary: String,
    pub milestones: Vec<ReportSlip>,
    /// (category, what, why, next time, who).
    pub lessons: Vec<(String, String, String, String, String)>,
}

/// A milestone's planned and actual finish.
#[derive(Debug, Clone, Default)]
pub struct ReportSlip {
    pub name: String,
    pub planned: Option<NaiveDateTime>,
    /// `None` when the project never reached it.
    pub actual: Option<NaiveDateTime>,
    /// Calendar days late, negative early.
    pub slip_days: Option<i64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReleasePart {
    pub title: String,
    pub note: String,
    pub facts: Vec<(String, String)>,
    pub readiness: Option<u8>,
    pub done: usize,
    pub total: usize,
    pub groups: Vec<(String, Vec<ItemLine>)>,
    pub checkpoints: Vec<CheckpointLine>,
    pub rollback: Vec<(String, String)>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ItemLine {
    pub title: String,
    pub owner: String,
    pub due: String,
    pub done: bool,
    pub overdue: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CheckpointLine {
    pub title: String,
    pub at: String,
    pub criteria: Vec<String>,
    pub verdict: String,
    pub go: Option<bool>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CloseOutPart {
    pub title: String,
    pub note: String,
    /// (what, planned, actual, variance, whether it is bad).
    pub figures: Vec<(String, String, String, String, bool)>,
    pub milestones: Vec<(String, String, String, String, bool)>,
    pub lessons: Vec<(String, String, String, String, String)>,
    pub summary: String,
}

/// "6 Mar 18:00" from `YYYY-MM-DDTHH:MM[:SS]`; the text itself if it is not one.
fn moment(text: &str) -> String {
    let t = text.get(..16).unwrap_or(text);
    NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M")
        .map(|t| format!("{} {}", short_day(t.date()), t.format("%H:%M")))
        .unwrap_or_else(|_| text.to_owned())
}

fn day_text(text: &str) -> String {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map(short_day).unwrap_or_else(|_| text.to_owned())
}

pub(crate) fn release_parts(name: &str, releases: &[ReportRelease]) -> Vec<ReleasePart> {
    if releases.is_empty() {
        return vec![ReleasePart {
            title: format!("{name} · Release readiness"),
            note: "No release planned".into(),
            facts: Vec::new(),
            readiness: None,
            done: 0,
            total: 0,
            groups: Vec::new(),
            checkpoints: Vec::new(),
            rollback: Vec::new(),
            warnings: Vec::new(),
        }];
    }
    releases.iter().map(|r| release_part(name, r)).collect()
}

fn release_part(name: &str, r: &ReportRelease) -> ReleasePart {
    let done = r.checklist.iter().filter(|i| i.done).count();
    let mut facts = vec![("State".to_owned(), r.state.clone()), ("Changeover".to_owned(), r.strategy.clone())];
    if let Some(g) = &r.go_live {
        facts.push(("Go-live milestone".into(), moment(g)));
    }
    if let Some((s, e)) = &r.window {
        facts.push(("Changeover window".into(), format!("{} – {}", moment(s), moment(e))));
    }
    if let Some((s, e)) = &r.freeze {
        facts.push(("Change freeze".into(), format!("{} – {}", day_text(s), day_text(e))));
    }
    for (wave, s, e) in &r.waves {
        facts.push((format!("Wave: {}", Measure::truncate(wave, 40)), format!("{} – {}", day_text(s), day_text(e))));
    }
    let mut groups: Vec<(String, Vec<ItemLine>)> = Vec::new();
    for i in &r.checklist {
        let line = ItemLine {
            title: Measure::truncate(&i.title, 120),
            owner: i.owner.clone(),
            due: day_text(&i.due),
            done: i.done,
            overdue: i.overdue,
        };
        match groups.iter_mut().find(|(g, _)| *g == i.group) {
            Some((_, lines)) => lines.push(line),
            None => groups.push((i.group.clone(), vec![line])),
        }
    }
    let mut rollback = Vec::new();
    if !r.rollback_owner.is_empty() {
        rollback.push(("Owner".to_owned(), r.rollback_owner.clone()));
    }
    if let Some(d) = &r.rollback_decide_by {
        rollback.push(("Decide by".into(), moment(d)));
    }
    if r.rollback_minutes > 0 {
        rollback.push(("Takes".into(), format!("{} h {:02} min", r.rollback_minutes / 60, r.rollback_minutes % 60)));
    }
    if !r.rollback_steps.trim().is_empty() {
        rollback.push(("Steps".into(), Measure::truncate(&r.rollback_steps, 900)));
    }
    ReleasePart {
        title: format!("{name} · Release {}", Measure::truncate(&r.title, 80)),
        note: format!(
            "{} · checklist {done} of {}",
            match r.readiness {
                Some(p) => format!("scope {p} % done"),
                None => "no scope".into(),
            },
            r.checklist.len()
        ),
        facts,
        readiness: r.readiness,
        done,
        total: r.checklist.len(),
        groups,
        checkpoints: r
            .checkpoints
            .iter()
            .map(|c| CheckpointLine {
                title: Measure::truncate(&c.title, 100),
                at: moment(&c.at),
                criteria: c
                    .criteria
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| Measure::truncate(l, 160))
                    .take(12)
                    .collect(),
                verdict: if c.decided_by.is_empty() {
                    c.verdict.clone()
                } else {
                    format!("{} · {}", c.verdict, c.decided_by)
                },
                go: match c.verdict.as_str() {
                    "Go" => Some(true),
                    "No go" => Some(false),
                    _ => None,
                },
            })
            .collect(),
        rollback,
        warnings: r.blockers.iter().chain(&r.clashes).map(|w| Measure::truncate(w, 160)).collect(),
    }
}

pub(crate) fn closeout_part(name: &str, c: &ReportClosure) -> CloseOutPart {
    let when = |t: Option<NaiveDateTime>| t.map(|t| short_day(t.date())).unwrap_or_else(|| "—".into());
    let days = |d: i64| match d {
        0 => "on time".to_owned(),
        d if d > 0 => format!("{d} days late"),
        d => format!("{} days early", -d),
    };
    let figures = vec![
        ("Start".to_owned(), when(c.planned_start), when(c.actual_start), String::new(), false),
        (
            "Finish".to_owned(),
            when(c.planned_finish),
            when(c.actual_finish),
            c.finish_variance_days.map(days).unwrap_or_default(),
            c.finish_variance_days.is_some_and(|d| d > 0),
        ),
        (
            "Cost".to_owned(),
            c.planned_cost.clone().unwrap_or_else(|| "—".into()),
            c.actual_cost.clone(),
            match (&c.cost_variance, c.cost_variance_permille) {
                (Some(v), Some(p)) => format!("{v} ({:+}.{} %)", p / 10, (p % 10).abs()),
                (Some(v), None) => v.clone(),
                _ => String::new(),
            },
            c.cost_variance_permille.is_some_and(|p| p > 0),
        ),
    ];
    CloseOutPart {
        title: format!("{name} · Close-out"),
        note: match c.closed_on {
            Some(d) => format!(
                "closed {}{}",
                short_day(d),
                if c.baseline.is_empty() { String::new() } else { format!(" · against “{}”", c.baseline) }
            ),
            None => "not closed".into(),
        },
        figures,
        milestones: c
            .milestones
            .iter()
            .map(|m| {
                (
                    Measure::truncate(&m.name, 100),
                    when(m.planned),
                    m.actual.map_or_else(|| "not reached".to_owned(), |a| short_day(a.date())),
                    m.slip_days.map(days).unwrap_or_default(),
                    m.slip_days.is_some_and(|d| d > 0),
                )
            })
            .collect(),
        lessons: c
            .lessons
            .iter()
            .map(|(cat, what, why, next, who)| {
                (
                    cat.clone(),
                    Measure::truncate(what, 300),
                    Measure::truncate(why, 300),
                    Measure::truncate(next, 300),
                    who.clone(),
                )
            })
            .collect(),
        summary: [c.unfinished.clone(), Measure::truncate(&c.summary, 1200)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    }
}
