//! The decisions and actions section: what was decided lately, why and by
//! whom, and the action items still open, those past their day first.

use chrono::NaiveDate;
use serde::Serialize;

use crate::document::short_day;
use crate::measure::Measure;

/// A project's recent decisions and open action items.
#[derive(Debug, Clone, Default)]
pub struct ReportDecisions {
    /// Newest first.
    pub decisions: Vec<ReportDecision>,
    /// Soonest due first.
    pub actions: Vec<ReportAction>,
    /// How far back `decisions` reach, in days.
    pub days: i64,
}

#[derive(Debug, Clone)]
pub struct ReportDecision {
    pub on: NaiveDate,
    pub title: String,
    pub rationale: String,
    pub decided_by: String,
    /// The meeting it was taken in.
    pub meeting: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ReportAction {
    pub title: String,
    pub owner: String,
    pub due: NaiveDate,
    pub overdue: bool,
    pub meeting: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DecisionsPart {
    pub title: String,
    pub note: String,
    pub decisions: Vec<DecisionLine>,
    pub actions: Vec<ActionLine>,
    pub overdue: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DecisionLine {
    pub on: String,
    pub title: String,
    pub rationale: String,
    pub by: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ActionLine {
    pub title: String,
    pub owner: String,
    pub due: String,
    pub overdue: bool,
    pub meeting: String,
}

/// How much of a rationale the table prints, in characters.
const RATIONALE_CHARS: usize = 220;

pub(crate) fn part(name: &str, d: &ReportDecisions) -> DecisionsPart {
    let overdue = d.actions.iter().filter(|a| a.overdue).count();
    DecisionsPart {
        title: format!("{name} · Decisions and actions"),
        note: format!(
            "{} decision{} in the last {} days · {} open action{}, {overdue} overdue",
            d.decisions.len(),
            if d.decisions.len() == 1 { "" } else { "s" },
            d.days,
            d.actions.len(),
            if d.actions.len() == 1 { "" } else { "s" },
        ),
        decisions: d
            .decisions
            .iter()
            .map(|x| DecisionLine {
                on: short_day(x.on),
                title: Measure::truncate(&x.title, 120),
                rationale: Measure::truncate(&x.rationale.replace('\n', " "), RATIONALE_CHARS),
                by: match &x.meeting {
                    Some(m) if !x.decided_by.is_empty() => format!("{} · {m}", x.decided_by),
                    Some(m) => m.clone(),
                    None => x.decided_by.clone(),
                },
            })
            .collect(),
        actions: d
            .actions
            .iter()
            .map(|a| ActionLine {
                title: Measure::truncate(&a.title, 120),
                owner: a.owner.clone(),
                due: short_day(a.due),
                overdue: a.overdue,
                meeting: a.meeting.clone().unwrap_or_default(),
            })
            .collect(),
        overdue,
    }
}
