//! The budget and earned-value section: the figures a steering committee
//! reads with the formula of each, the S-curve placed in points, the
//! variance by budget line with its corrective action, and the contracts
//! whose notice day is near.

use chrono::{Datelike, Months, NaiveDate};
use gantry_core::money;
use serde::Serialize;

use crate::document::{Figure, short_day};
use crate::measure::Measure;
use crate::{PageSize, chart};

/// A project's money as its report shows it. Amounts are in the minor unit
/// of `currency`; ratios are `None` where they would divide by zero.
#[derive(Debug, Clone, Default)]
pub struct ReportBudget {
    pub currency: String,
    /// The baseline earned value is measured against.
    pub baseline: Option<String>,
    pub value: ValueFigures,
    /// How EAC is computed, as people write it ("EAC = BAC ÷ CPI").
    pub eac_formula: String,
    /// The finish the baseline planned and the one Earned Schedule forecasts.
    pub baseline_finish: Option<NaiveDate>,
    pub forecast_finish: Option<NaiveDate>,
    /// Week by week: cumulative planned value, and earned value and actual
    /// cost up to the status date.
    pub curve: Vec<CurveWeek>,
    pub lines: Vec<LineFigures>,
    pub total: LineFigures,
    pub contracts: Vec<ReportContract>,
    pub thresholds: Thresholds,
}

/// Earned value at the status date, with Earned Schedule.
#[derive(Debug, Clone, Copy, Default)]
pub struct ValueFigures {
    pub bac: i64,
    pub pv: i64,
    pub ev: i64,
    pub ac: i64,
    pub sv: i64,
    pub cv: i64,
    pub spi: Option<f64>,
    pub cpi: Option<f64>,
    pub eac: Option<i64>,
    pub etc: Option<i64>,
    pub vac: Option<i64>,
    pub tcpi: Option<f64>,
    /// Earned Schedule in weeks from the baseline's start, and its index.
    pub es: Option<f64>,
    pub spi_t: Option<f64>,
}

/// Where CPI and SPI turn amber and red.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub warn_below: f64,
    pub bad_below: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { warn_below: 0.95, bad_below: 0.9 }
    }
}

impl Thresholds {
    /// The tone of an index: "good", "warn", "bad", or "" when undefined.
    pub fn tone(&self, index: Option<f64>) -> &'static str {
        match index {
            None => "",
            Some(i) if i < self.bad_below => "bad",
            Some(i) if i < self.warn_below => "warn",
            Some(_) => "good",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct CurveWeek {
    pub date: NaiveDate,
    pub pv: i64,
    pub ev: Option<i64>,
    pub ac: Option<i64>,
}

/// A budget line's figures, or their total.
#[derive(Debug, Clone, Default)]
pub struct LineFigures {
    pub category: String,
    pub name: String,
    /// The corrective action, when the line is off its plan.
    pub note: String,
    pub planned: i64,
    pub committed: i64,
    pub actual: i64,
    pub forecast: i64,
    /// Planned minus forecast: negative is over budget.
    pub variance: i64,
}

#[derive(Debug, Clone)]
pub struct ReportContract {
    pub vendor: String,
    pub title: String,
    pub value: i64,
    pub end: NaiveDate,
    pub notice_by: NaiveDate,
    pub renewal: Option<NaiveDate>,
    pub up_for_renewal: bool,
    /// Its payment milestones: amount, due day (when known) and whether paid.
    pub payments: Vec<(i64, Option<NaiveDate>, bool)>,
}

// ----------------------------------------------------------- the document

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BudgetPart {
    pub title: String,
    pub note: String,
    pub figures: Vec<Figure>,
    pub curve: Option<Curve>,
    pub lines: Vec<LineRow>,
    pub total: Option<LineRow>,
    pub contracts: Vec<ContractRow>,
}

/// The S-curve, every point in points from the chart's top left.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Curve {
    pub width: f64,
    pub height: f64,
    /// The plot's left edge (after the amounts) and bottom (above the months).
    pub left: f64,
    pub bottom: f64,
    pub pv: Vec<(f64, f64)>,
    pub ev: Vec<(f64, f64)>,
    pub ac: Vec<(f64, f64)>,
    /// From the last actual cost to the estimate at completion.
    pub forecast: Vec<(f64, f64)>,
    pub status: Option<f64>,
    pub baseline_finish: Option<f64>,
    pub amounts: Vec<(f64, String)>,
    pub months: Vec<(f64, String)>,
    pub legend: Vec<(&'static str, String)>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LineRow {
    pub category: String,
    pub name: String,
    pub planned: String,
    pub committed: String,
    pub actual: String,
    pub forecast: String,
    pub variance: String,
    pub over: bool,
    pub note: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ContractRow {
    pub vendor: String,
    pub title: String,
    pub value: String,
    pub end: String,
    pub notice_by: String,
    pub renewal: String,
    pub due: bool,
    /// "1 of 2 paid · next 12,000 on 20 Jan 2027"; empty without payments.
    pub payments: String,
}

const CURVE_HEIGHT: f64 = 190.0;
const AMOUNT_BAND: f64 = 52.0;
const MONTH_BAND: f64 = 14.0;

/// The budget section of project `name`, on pages of `size`.
pub(crate) fn part(name: &str, b: &ReportBudget, status: NaiveDate, size: PageSize) -> BudgetPart {
    let cur = b.currency.as_str();
    let v = &b.value;
    let t = &b.thresholds;
    let ratio = |r: Option<f64>| r.map_or("—".to_owned(), |r| format!("{r:.2}"));
    let amount = |a: Option<i64>| a.map_or("—".to_owned(), |a| whole(a, cur));
    let figures = vec![
        fig("Budget at completion", whole(v.bac, cur), "BAC: the baseline's cost", ""),
        fig("Planned value", whole(v.pv, cur), "PV: baseline cost due by the status date", ""),
        fig("Earned value", whole(v.ev, cur), "EV: baseline cost of the work done", ""),
        fig("Actual cost", whole(v.ac, cur), "AC: hours logged at their rates, and fixed costs", ""),
        fig("Cost performance", ratio(v.cpi), "CPI = EV ÷ AC", t.tone(v.cpi)),
        fig("Schedule performance", ratio(v.spi), "SPI = EV ÷ PV", t.tone(v.spi)),
        fig("Cost variance", whole(v.cv, cur), "CV = EV − AC", sign_tone(v.cv)),
        fig("Schedule variance", whole(v.sv, cur), "SV = EV − PV", sign_tone(v.sv)),
        fig("Estimate at completion", amount(v.eac), &b.eac_formula, ""),
        fig("Variance at completion", amount(v.vac), "VAC = BAC − EAC", v.vac.map_or("", sign_tone)),
        fig("To-complete index", ratio(v.tcpi), "TCPI = (BAC − EV) ÷ (BAC − AC)", ""),
        fig(
            "Earned schedule",
            v.es.map_or("—".to_owned(), |w| format!("{w:.1} wk")),
            &format!("SPI(t) = ES ÷ AT: {}", ratio(v.spi_t)),
            t.tone(v.spi_t),
        ),
        fig(
            "Forecast finish",
            b.forecast_finish.map_or("—".to_owned(), short_day),
            &match b.baseline_finish {
                Some(d) => format!("IEAC(t); baseline finish {}", short_day(d)),
                None => "IEAC(t) = planned duration ÷ SPI(t)".to_owned(),
            },
            match (b.forecast_finish, b.baseline_finish) {
                (Some(f), Some(p)) if f > p => "bad",
                (Some(_), Some(_)) => "good",
                _ => "",
            },
        ),
    ];
    let row = |l: &LineFigures| LineRow {
        category: Measure::truncate(&l.category, 40),
        name: Measure::truncate(&l.name, 80),
        planned: whole(l.planned, cur),
        committed: whole(l.committed, cur),
        actual: whole(l.actual, cur),
        forecast: whole(l.forecast, cur),
        variance: whole(l.variance, cur),
        over: l.variance < 0,
        note: Measure::truncate(&l.note, 400),
    };
    let note = match &b.baseline {
        Some(base) => format!("Against baseline “{base}” · amounts in {cur} · status date {}", short_day(status)),
        None => format!("No baseline saved: earned value needs one · amounts in {cur}"),
    };
    BudgetPart {
        title: format!("{name} · Budget and earned value"),
        note,
        figures,
        curve: curve(b, size),
        lines: b.lines.iter().map(row).collect(),
        total: (!b.lines.is_empty()).then(|| row(&b.total)),
        contracts: b
            .contracts
            .iter()
            .map(|k| ContractRow {
                vendor: Measure::truncate(&k.vendor, 60),
                title: Measure::truncate(&k.title, 120),
                value: whole(k.value, cur),
                end: short_day(k.end),
                notice_by: short_day(k.notice_by),
                renewal: k.renewal.map_or("—".to_owned(), short_day),
                due: k.up_for_renewal,
                payments: payments_text(&k.payments, cur),
            })
            .collect(),
    }
}

/// The section of a project with neither budget lines nor a baseline.
pub(crate) fn empty(name: &str) -> BudgetPart {
    BudgetPart {
        title: format!("{name} · Budget and earned value"),
        note: "This project has no budget lines and no baseline yet: plan a budget in the Budget tab, \
               and save a baseline to measure earned value against."
            .to_owned(),
        figures: Vec::new(),
        curve: None,
        lines: Vec::new(),
        total: None,
        contracts: Vec::new(),
    }
}

/// How a contract's payments stand, in a few words.
fn payments_text(payments: &[(i64, Option<NaiveDate>, bool)], currency: &str) -> String {
    if payments.is_empty() {
        return String::new();
    }
    let paid = payments.iter().filter(|p| p.2).count();
    let next = payments.iter().filter(|p| !p.2).min_by_key(|p| p.1.unwrap_or(NaiveDate::MAX));
    let mut text = format!("{paid} of {} paid", payments.len());
    if let Some((amount, due, _)) = next {
        text.push_str(&format!(" · next {}", whole(*amount, currency)));
        if let Some(d) = due {
            text.push_str(&format!(" on {}", short_day(*d)));
        }
    }
    text
}

fn fig(label: &'static str, value: String, note: &str, tone: &'static str) -> Figure {
    Figure { label, value, note: note.to_owned(), tone }
}

fn sign_tone(v: i64) -> &'static str {
    if v < 0 { "bad" } else { "good" }
}

/// An amount rounded to whole units of its currency, half away from zero,
/// with thousands grouped: "412,500".
pub(crate) fn whole(minor: i64, currency: &str) -> String {
    let scale = 10_i64.pow(money::minor_digits(currency));
    money::format(money::round_div(minor, 1, scale) * scale, currency).split('.').next().unwrap_or_default().to_owned()
}

/// An axis amount: "0", "250k", "1.2M".
fn short(minor: i64, currency: &str) -> String {
    let major = minor as f64 / 10_f64.powi(money::minor_digits(currency) as i32);
    match major.abs() {
        m if m >= 1e6 => format!("{:.1}M", major / 1e6).replace(".0M", "M"),
        m if m >= 1e3 => format!("{:.0}k", major / 1e3),
        _ => format!("{major:.0}"),
    }
}

/// The S-curve laid out across the page's width.
fn curve(b: &ReportBudget, size: PageSize) -> Option<Curve> {
    let first = b.curve.first()?;
    let width = size.width - 2.0 * chart::MARGIN_X;
    let height = CURVE_HEIGHT;
    let begin = first.date - chrono::Duration::days(7);
    let mut end = b.curve.last().map_or(first.date, |w| w.date);
    for d in [b.forecast_finish, b.baseline_finish].into_iter().flatten() {
        end = end.max(d);
    }
    let span = (end - begin).num_days().max(1) as f64;
    let top = b
        .curve
        .iter()
        .map(|w| w.pv.max(w.ev.unwrap_or(0)).max(w.ac.unwrap_or(0)))
        .chain(b.value.eac)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let (left, bottom) = (AMOUNT_BAND, height - MONTH_BAND);
    let x = |d: NaiveDate| left + (d - begin).num_days() as f64 / span * (width - left - 6.0);
    let y = |v: i64| bottom - (v as f64 / top).clamp(0.0, 1.05) * (bottom - 8.0);
    let origin = (x(begin), y(0));
    let line = |pick: &dyn Fn(&CurveWeek) -> Option<i64>| -> Vec<(f64, f64)> {
        std::iter::once(origin).chain(b.curve.iter().filter_map(|w| pick(w).map(|v| (x(w.date), y(v))))).collect()
    };
    let last_actual = b.curve.iter().rev().find_map(|w| w.ac.map(|ac| (w.date, ac)));
    let forecast = match (last_actual, b.value.eac, b.forecast_finish) {
        (Some((d, ac)), Some(eac), Some(f)) if f > d => vec![(x(d), y(ac)), (x(f), y(eac))],
        _ => Vec::new(),
    };
    let mut months = Vec::new();
    let step = match span / 30.4 {
        m if m <= 14.0 => 1,
        m if m <= 36.0 => 3,
        _ => 12,
    };
    let mut m = begin.with_day(1).and_then(|d| d.checked_add_months(Months::new(1)));
    while let Some(d) = m.filter(|d| *d <= end) {
        if d.month0() % step == 0 {
            let label = if d.month() == 1 || months.is_empty() { d.format("%b %Y") } else { d.format("%b") };
            months.push((x(d), label.to_string()));
        }
        m = d.checked_add_months(Months::new(1));
    }
    let cur = b.currency.as_str();
    Some(Curve {
        width,
        height,
        left,
        bottom,
        pv: line(&|w| Some(w.pv)),
        ev: line(&|w| w.ev),
        ac: line(&|w| w.ac),
        forecast,
        status: last_actual.map(|(d, _)| x(d)),
        baseline_finish: b.baseline_finish.map(x),
        amounts: [0.0, 0.25, 0.5, 0.75, 1.0]
            .iter()
            .map(|f| {
                let v = (top * f).round() as i64;
                (y(v), short(v, cur))
            })
            .collect(),
        months,
        legend: vec![
            ("pv", "Planned value (baseline)".to_owned()),
            ("ev", "Earned value".to_owned()),
            ("ac", "Actual cost".to_owned()),
            ("forecast", format!("Forecast to {}", b.value.eac.map_or("—".to_owned(), |e| whole(e, cur)))),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_print_in_whole_units_rounded_half_away_from_zero() {
        assert_eq!(whole(41_250_050, "EUR"), "412,501");
        assert_eq!(whole(41_250_049, "EUR"), "412,500");
        assert_eq!(whole(-150, "EUR"), "-2");
        assert_eq!(whole(1_234_567, "JPY"), "1,234,567");
        assert_eq!(short(120_000_000, "EUR"), "1.2M");
        assert_eq!(short(25_000_000, "EUR"), "250k");
    }

    #[test]
    fn indices_below_the_thresholds_turn_amber_then_red() {
        let t = Thresholds { warn_below: 0.95, bad_below: 0.85 };
        assert_eq!(t.tone(Some(1.0)), "good");
        assert_eq!(t.tone(Some(0.9)), "warn");
        assert_eq!(t.tone(Some(0.84)), "bad");
        assert_eq!(t.tone(None), "");
    }

    #[test]
    fn the_curve_rises_left_to_right_and_the_forecast_ends_at_the_estimate() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2027, 3, d).expect("day");
        let b = ReportBudget {
            currency: "EUR".into(),
            value: ValueFigures { bac: 1000, eac: Some(1500), ..Default::default() },
            forecast_finish: Some(day(29)),
            baseline_finish: Some(day(22)),
            curve: vec![
                CurveWeek { date: day(8), pv: 250, ev: Some(200), ac: Some(300) },
                CurveWeek { date: day(15), pv: 600, ev: None, ac: None },
                CurveWeek { date: day(22), pv: 1000, ev: None, ac: None },
            ],
            ..Default::default()
        };
        let c = curve(&b, PageSize::of(crate::Paper::A4, crate::Orientation::Landscape)).expect("a curve");
        assert_eq!(c.pv.len(), 4, "the origin and three weeks");
        assert!(c.pv.windows(2).all(|w| w[1].0 > w[0].0 && w[1].1 <= w[0].1), "PV climbs (y grows downward)");
        assert_eq!(c.ac.len(), 2, "actual cost stops at the status date");
        let (from, to) = (c.forecast[0], c.forecast[1]);
        assert_eq!(from, c.ac[1], "the forecast starts at the last actual cost");
        assert!(to.0 > c.baseline_finish.expect("baseline finish") && to.1 < c.pv[3].1, "it ends later and higher");
    }
}
