//! The risk section: the 5 × 5 heat map of the open risks, the exposure in
//! money beside the contingency reserve, the ten highest risks with owner
//! and response, and the open issues: a page a steering committee reads in
//! a minute.

use chrono::NaiveDate;
use serde::Serialize;

use crate::budget::whole;
use crate::document::{Figure, short_day};
use crate::measure::Measure;

/// A project's risks as its report shows them. Amounts are in the minor
/// unit of `currency`.
#[derive(Debug, Clone, Default)]
pub struct ReportRisks {
    pub currency: String,
    /// Active risks by inherent rating: `[probability − 1][impact − 1]`.
    pub heat: [[u32; 5]; 5],
    pub open_risks: usize,
    pub overdue_reviews: usize,
    /// The open threats' expected monetary value, and what the budget's
    /// contingency reserve lines plan (when it has any).
    pub emv: i64,
    pub reserve: Option<i64>,
    /// The highest active risks, highest first.
    pub top: Vec<ReportRisk>,
    /// Issues still open, in the log's order.
    pub issues: Vec<ReportIssue>,
}

#[derive(Debug, Clone)]
pub struct ReportRisk {
    pub code: String,
    pub title: String,
    pub category: String,
    pub probability: u8,
    pub impact: u8,
    pub residual_score: u8,
    pub owner: String,
    pub response: String,
    pub emv: Option<i64>,
    pub next_review: Option<NaiveDate>,
    pub review_overdue: bool,
    /// How much the score rose at the last assessment.
    pub rise: u8,
    pub mitigation_percent: Option<u8>,
}

#[derive(Debug, Clone)]
pub struct ReportIssue {
    pub code: String,
    pub title: String,
    pub severity: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub overdue: bool,
    pub status: String,
    pub escalated_to: String,
    /// The risk it was.
    pub risk: Option<String>,
}

// ----------------------------------------------------------- the document

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RisksPart {
    pub title: String,
    pub note: String,
    /// Rows from probability 5 down to 1; each cell its count and band.
    pub heat: Vec<Vec<(u32, &'static str)>>,
    pub figures: Vec<Figure>,
    pub risks: Vec<RiskLine>,
    pub issues: Vec<IssueLine>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RiskLine {
    pub code: String,
    pub title: String,
    pub category: String,
    pub rating: String,
    pub score: u8,
    pub band: &'static str,
    pub residual: u8,
    pub residual_band: &'static str,
    pub owner: String,
    pub response: String,
    pub emv: String,
    pub review: String,
    pub overdue: bool,
    pub rise: String,
    pub mitigation: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct IssueLine {
    pub code: String,
    pub title: String,
    pub severity: String,
    pub severe: bool,
    pub owner: String,
    pub due: String,
    pub overdue: bool,
    pub status: String,
    pub escalated: String,
}

/// How long a title may run in the tables, in characters.
const TITLE_CHARS: usize = 70;

fn band(score: u8) -> &'static str {
    gantry_core::risks::Band::of(score).code()
}

pub(crate) fn part(name: &str, r: &ReportRisks) -> RisksPart {
    let cur = r.currency.as_str();
    let figures = vec![
        Figure { label: "Open risks", value: r.open_risks.to_string(), note: "open or monitored".into(), tone: "" },
        Figure {
            label: "Reviews overdue",
            value: r.overdue_reviews.to_string(),
            note: "next review date passed".into(),
            tone: if r.overdue_reviews > 0 { "bad" } else { "good" },
        },
        Figure {
            label: "Threats' EMV",
            value: whole(r.emv, cur),
            note: "Σ cost impact × chance of open threats".into(),
            tone: match r.reserve {
                Some(reserve) if r.emv > reserve => "bad",
                Some(_) => "good",
                None => "",
            },
        },
        Figure {
            label: "Contingency reserve",
            value: r.reserve.map_or("—".to_owned(), |v| whole(v, cur)),
            note: if r.reserve.is_some() {
                "planned on the budget's reserve lines".into()
            } else {
                "no reserve line in the budget".into()
            },
            tone: "",
        },
        Figure {
            label: "Open issues",
            value: r.issues.len().to_string(),
            note: format!("{} overdue", r.issues.iter().filter(|i| i.overdue).count()),
            tone: if r.issues.iter().any(|i| i.overdue) { "warn" } else { "" },
        },
    ];
    RisksPart {
        title: format!("{name} · Risks and issues"),
        note: if r.open_risks == 0 && r.issues.is_empty() {
            "No open risks or issues in the register.".into()
        } else {
            format!("The {} highest of {} open risks", r.top.len(), r.open_risks)
        },
        heat: (1..=5u8)
            .rev()
            .map(|p| (1..=5u8).map(|i| (r.heat[usize::from(p - 1)][usize::from(i - 1)], band(p * i))).collect())
            .collect(),
        figures,
        risks: r
            .top
            .iter()
            .map(|x| RiskLine {
                code: x.code.clone(),
                title: Measure::truncate(&x.title, TITLE_CHARS),
                category: x.category.clone(),
                rating: format!("{} × {}", x.probability, x.impact),
                score: x.probability * x.impact,
                band: band(x.probability * x.impact),
                residual: x.residual_score,
                residual_band: band(x.residual_score),
                owner: if x.owner.is_empty() { "—".into() } else { x.owner.clone() },
                response: x.response.clone(),
                emv: x.emv.map_or("—".to_owned(), |e| whole(e, cur)),
                review: x.next_review.map_or("—".to_owned(), short_day),
                overdue: x.review_overdue,
                rise: if x.rise > 0 { format!("▲{}", x.rise) } else { String::new() },
                mitigation: x.mitigation_percent.map_or(String::new(), |p| format!("{p} %")),
            })
            .collect(),
        issues: r
            .issues
            .iter()
            .map(|i| IssueLine {
                code: i.code.clone(),
                title: match &i.risk {
                    Some(risk) => format!("{} (was {risk})", Measure::truncate(&i.title, TITLE_CHARS)),
                    None => Measure::truncate(&i.title, TITLE_CHARS),
                },
                severe: i.severity == "high" || i.severity == "critical",
                severity: i.severity.clone(),
                owner: if i.owner.is_empty() { "—".into() } else { i.owner.clone() },
                due: i.due.map_or("—".to_owned(), short_day),
                overdue: i.overdue,
                status: i.status.replace('_', " "),
                escalated: i.escalated_to.clone(),
            })
            .collect(),
    }
}
