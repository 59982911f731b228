//! The budget: lines with their monthly plan, vendors and contracts,
//! expenditures, a task's fixed cost, and the figures a budget view shows
//! for a line. The checks here are the only way these enter a portfolio.
//!
//! Amounts are integers in the minor unit of the project's currency.

use chrono::{Datelike, NaiveDate};

use crate::cost::{Accrual, EacMethod};
use crate::money;
use crate::validate::{self, ValidationError};

pub type LineId = i64;
pub type VendorId = i64;
pub type ContractId = i64;
pub type ExpenditureId = i64;

/// The categories every project starts with; people add their own.
pub const CATEGORIES: [&str; 8] = [
    "Labour",
    "Hardware",
    "Software licences",
    "Cloud and hosting",
    "Contractors and services",
    "Training",
    "Contingency reserve",
    "Management reserve",
];

/// A line of a project's budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLine {
    pub id: LineId,
    pub project_id: i64,
    pub category: String,
    pub name: String,
    /// The corrective action, when the line is off its plan.
    pub note: String,
    pub position: i64,
}

/// A line's planned amount for a month (`month` is its first day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthPlan {
    pub line_id: LineId,
    pub month: NaiveDate,
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vendor {
    pub id: VendorId,
    pub name: String,
    pub contact: String,
    pub supplies: String,
}

/// Where a contract stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractStatus {
    Draft,
    Active,
    Ended,
    Terminated,
}

impl ContractStatus {
    pub fn code(self) -> &'static str {
        match self {
            ContractStatus::Draft => "draft",
            ContractStatus::Active => "active",
            ContractStatus::Ended => "ended",
            ContractStatus::Terminated => "terminated",
        }
    }

    pub fn from_code(code: &str) -> Option<ContractStatus> {
        Some(match code {
            "draft" => ContractStatus::Draft,
            "active" => ContractStatus::Active,
            "ended" => ContractStatus::Ended,
            "terminated" => ContractStatus::Terminated,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    pub id: ContractId,
    pub vendor_id: VendorId,
    pub project_id: i64,
    pub line_id: Option<LineId>,
    pub title: String,
    pub value: i64,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Days of notice before the end or the renewal.
    pub notice_days: i64,
    pub renewal: Option<NaiveDate>,
    pub status: ContractStatus,
    pub deliverables: String,
}

impl Contract {
    /// The day notice must be given by, to renew or leave: the renewal (or
    /// end) date less the notice.
    pub fn notice_by(&self) -> NaiveDate {
        let due = self.renewal.unwrap_or(self.end);
        due - chrono::Days::new(self.notice_days.max(0) as u64)
    }

    /// Whether the contract is running and its notice day falls within
    /// `days` of `today` (or has passed while it still runs).
    pub fn up_for_renewal(&self, today: NaiveDate, days: i64) -> bool {
        self.status == ContractStatus::Active
            && self.renewal.unwrap_or(self.end) >= today
            && self.notice_by() <= today + chrono::Days::new(days.max(0) as u64)
    }
}

/// Where money spent stands: committed (ordered), invoiced, paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpendState {
    Committed,
    Invoiced,
    Paid,
}

impl SpendState {
    pub fn code(self) -> &'static str {
        match self {
            SpendState::Committed => "committed",
            SpendState::Invoiced => "invoiced",
            SpendState::Paid => "paid",
        }
    }

    pub fn from_code(code: &str) -> Option<SpendState> {
        Some(match code.trim().to_ascii_lowercase().as_str() {
            "committed" | "ordered" => SpendState::Committed,
            "invoiced" => SpendState::Invoiced,
            "paid" => SpendState::Paid,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expenditure {
    pub id: ExpenditureId,
    pub project_id: i64,
    pub line_id: Option<LineId>,
    pub vendor_id: Option<VendorId>,
    pub date: NaiveDate,
    pub amount: i64,
    pub invoice: String,
    pub state: SpendState,
    pub note: String,
}

/// A task's fixed cost and when it accrues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedCost {
    pub task_id: i64,
    pub amount: i64,
    pub accrual: Accrual,
}

pub fn accrual_code(a: Accrual) -> &'static str {
    match a {
        Accrual::Start => "start",
        Accrual::Prorated => "prorated",
        Accrual::End => "end",
    }
}

pub fn accrual_from_code(code: &str) -> Option<Accrual> {
    Some(match code {
        "start" => Accrual::Start,
        "prorated" => Accrual::Prorated,
        "end" => Accrual::End,
        _ => return None,
    })
}

/// What a task uses besides people's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceKind {
    /// Priced per unit, used in quantities: licences per seat, cables per metre.
    Material,
    /// An amount typed on each task that uses it: a cloud bill, travel.
    Cost,
}

impl ResourceKind {
    pub fn code(self) -> &'static str {
        match self {
            ResourceKind::Material => "material",
            ResourceKind::Cost => "cost",
        }
    }

    pub fn from_code(code: &str) -> Option<ResourceKind> {
        match code {
            "material" => Some(ResourceKind::Material),
            "cost" => Some(ResourceKind::Cost),
            _ => None,
        }
    }
}

/// A material or cost resource of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostResource {
    pub id: i64,
    pub project_id: i64,
    pub name: String,
    pub kind: ResourceKind,
    /// What one unit of a material is ("seat", "m").
    pub unit: String,
    /// A material's price per unit; nothing for a cost resource.
    pub unit_price: i64,
    pub accrual: Accrual,
}

/// A task's use of a material (a quantity in thousandths of a unit) or of a
/// cost resource (an amount).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResourceUse {
    pub task_id: i64,
    pub resource_id: i64,
    pub quantity_milli: i64,
    pub amount: i64,
}

/// The most units of a material one task uses.
pub const MAX_QUANTITY_MILLI: i64 = 1_000_000_000_000;

impl ResourceUse {
    /// What the use costs: the quantity at the material's price, or the amount.
    pub fn cost(&self, r: &CostResource) -> crate::cost::Exact {
        use crate::cost::Exact;
        match r.kind {
            ResourceKind::Material => Exact::ratio(i128::from(self.quantity_milli), i128::from(r.unit_price), 1000),
            ResourceKind::Cost => Exact::whole(self.amount),
        }
    }

    /// What of it is spent when the task is `percent` done, by the resource's accrual.
    pub fn actual(&self, r: &CostResource, percent: u8) -> crate::cost::Exact {
        let cost = self.cost(r);
        match r.accrual {
            Accrual::Start if percent > 0 => cost,
            Accrual::End | Accrual::Prorated if percent >= 100 => cost,
            Accrual::Prorated => cost.scale(i64::from(percent), 100),
            _ => crate::cost::Exact::ZERO,
        }
    }
}

/// A quantity typed as people write it ("240", "2.5", "0,75"), in
/// thousandths, never negative.
pub fn quantity(raw: &str) -> Result<i64, ValidationError> {
    let text = raw.trim().replace(',', ".");
    let fail = || ValidationError {
        field: "quantity",
        message: format!("“{}” is not a quantity such as 240 or 2.5.", raw.trim().chars().take(40).collect::<String>()),
    };
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 12
    {
        return Err(fail());
    }
    if frac.len() > 3 {
        return Err(ValidationError { field: "quantity", message: "A quantity has 3 decimal places at most.".into() });
    }
    let w: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| fail())? };
    let f: i64 = format!("{frac:0<3}").parse().map_err(|_| fail())?;
    let q = w * 1000 + f;
    if q > MAX_QUANTITY_MILLI {
        return Err(ValidationError { field: "quantity", message: "That quantity is more than Gantry keeps.".into() });
    }
    Ok(q)
}

/// How the portfolio reads its money: the EAC formula it forecasts with,
/// and where CPI and SPI turn amber and red, in thousandths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub eac: EacMethod,
    pub warn_below_permille: i64,
    pub bad_below_permille: i64,
    /// Earned value from physical % complete instead of % complete.
    pub physical: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { eac: EacMethod::Cpi, warn_below_permille: 950, bad_below_permille: 900, physical: false }
    }
}

/// A contract's payment milestone: due on a day, or when a task of the plan
/// (a milestone) finishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub id: i64,
    pub contract_id: ContractId,
    pub title: String,
    pub amount: i64,
    pub due: Option<NaiveDate>,
    pub task_id: Option<i64>,
    pub paid: bool,
}

/// Thresholds typed as indices ("0.95", "0,9"): each between 0 and 2, the
/// red one not above the amber one; returned in thousandths.
pub fn thresholds(warn: &str, bad: &str) -> Result<(i64, i64), ValidationError> {
    let read = |field: &'static str, raw: &str| -> Result<i64, ValidationError> {
        let text = raw.trim().replace(',', ".");
        let fail = || ValidationError {
            field,
            message: format!("“{}” is not an index between 0 and 2, such as 0.95.", raw.trim()),
        };
        let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
        if whole.is_empty() && frac.is_empty()
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !frac.chars().all(|c| c.is_ascii_digit())
            || whole.len() > 1
            || frac.len() > 3
        {
            return Err(fail());
        }
        let w: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| fail())? };
        let f: i64 = format!("{frac:0<3}").parse().map_err(|_| fail())?;
        let permille = w * 1000 + f;
        if permille > 2000 { Err(fail()) } else { Ok(permille) }
    };
    let (w, b) = (read("warnBelow", warn)?, read("badBelow", bad)?);
    if w == 0 {
        return Err(ValidationError { field: "warnBelow", message: "The amber threshold must be above 0.".into() });
    }
    if b > w {
        return Err(ValidationError {
            field: "badBelow",
            message: format!("The red threshold ({}) must not be above the amber one ({}).", bad.trim(), warn.trim()),
        });
    }
    Ok((w, b))
}

// ------------------------------------------------------------------ checks

/// The largest amount in minor units a currency allows (see [`money::MAX_MAJOR`]).
pub fn max_minor(currency: &str) -> i64 {
    money::MAX_MAJOR * 10_i64.pow(money::minor_digits(currency))
}

/// An amount already in minor units: not negative, not beyond what Gantry keeps.
pub fn amount(field: &'static str, minor: i64, currency: &str) -> Result<i64, ValidationError> {
    if minor < 0 {
        return Err(ValidationError { field, message: "An amount cannot be negative.".into() });
    }
    if minor > max_minor(currency) {
        return Err(ValidationError {
            field,
            message: format!("{} is more than Gantry keeps.", money::format(minor, currency)),
        });
    }
    Ok(minor)
}

/// A budget line's category and name, cleaned.
pub fn line(category: &str, name: &str) -> Result<(String, String), ValidationError> {
    let category = validate::name("category", "The category", category)?;
    let name = if name.trim().is_empty() { category.clone() } else { validate::name("name", "The line's name", name)? };
    Ok((category, name))
}

/// A note (a corrective action, a contact, deliverables): at most 4,000 characters.
pub fn note(field: &'static str, text: &str) -> Result<String, ValidationError> {
    let text = text.trim();
    if text.chars().count() > 4000 {
        return Err(ValidationError { field, message: "That is longer than 4,000 characters.".into() });
    }
    Ok(text.to_owned())
}

/// A month as its first day, from `YYYY-MM` or any day of it.
pub fn month(text: &str) -> Result<NaiveDate, ValidationError> {
    let fail = || ValidationError {
        field: "month",
        message: format!("“{}” is not a month (YYYY-MM).", text.chars().take(20).collect::<String>()),
    };
    let t = text.trim();
    let day = if t.len() == 7 {
        NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d")
    } else {
        NaiveDate::parse_from_str(t, "%Y-%m-%d")
    };
    let day = day.map_err(|_| fail())?;
    if !validate::YEARS.contains(&day.year()) {
        return Err(fail());
    }
    Ok(day.with_day(1).unwrap_or(day))
}

/// A contract's dates: it cannot end before it starts; a renewal falls
/// within them.
pub fn contract_dates(start: NaiveDate, end: NaiveDate, renewal: Option<NaiveDate>) -> Result<(), ValidationError> {
    if end < start {
        return Err(ValidationError {
            field: "end",
            message: format!("The contract ends ({end}) before it starts ({start})."),
        });
    }
    if let Some(r) = renewal.filter(|r| *r < start) {
        return Err(ValidationError {
            field: "renewal",
            message: format!("The renewal ({r}) is before the contract starts ({start})."),
        });
    }
    Ok(())
}

// ----------------------------------------------------------------- figures

/// What a budget view shows for a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineFigures {
    /// The monthly plan, summed.
    pub planned: i64,
    /// Ordered and not invoiced yet.
    pub committed: i64,
    /// Invoiced or paid, plus labour logged for a labour line.
    pub actual: i64,
    /// Forecast at completion: what is spent and committed, plus what the
    /// plan still expects (`remaining`), never less than spent and committed.
    pub forecast: i64,
    /// Planned less forecast: negative when the line will overrun.
    pub variance: i64,
}

/// A line's figures from its plan, its spending, and the plan's cost still
/// to come on it (for a labour line, the remaining labour; for others, what
/// the monthly plan has after the months already spent).
pub fn line_figures(planned: i64, spending: &[(SpendState, i64)], logged: i64, remaining: i64) -> LineFigures {
    let committed = spending.iter().filter(|(s, _)| *s == SpendState::Committed).map(|(_, a)| a).sum();
    let actual = spending.iter().filter(|(s, _)| *s != SpendState::Committed).map(|(_, a)| a).sum::<i64>() + logged;
    let forecast = actual + committed + remaining.max(0);
    LineFigures { planned, committed, actual, forecast, variance: planned - forecast }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn materials_cost_their_quantity_at_their_price_and_accrue_like_fixed_costs() {
        let seat = CostResource {
            id: 1,
            project_id: 1,
            name: "Dynamics 365 licence".into(),
            kind: ResourceKind::Material,
            unit: "seat".into(),
            unit_price: 1_590,
            accrual: Accrual::Start,
        };
        let used = ResourceUse { task_id: 1, resource_id: 1, quantity_milli: quantity("240").unwrap(), amount: 0 };
        assert_eq!(used.cost(&seat).round(), 381_600, "240 seats at 15.90");
        assert_eq!(used.actual(&seat, 0).round(), 0);
        assert_eq!(used.actual(&seat, 1).round(), 381_600, "at start: all of it once begun");
        let half = ResourceUse { quantity_milli: quantity("0,5").unwrap(), ..used };
        assert_eq!(half.cost(&seat).round(), 795);
        let cloud = CostResource { kind: ResourceKind::Cost, accrual: Accrual::Prorated, unit_price: 0, ..seat };
        let bill = ResourceUse { task_id: 1, resource_id: 1, quantity_milli: 0, amount: 120_000 };
        assert_eq!(bill.actual(&cloud, 25).round(), 30_000);
        for bad in ["-1", "abc", "1.2345", "", "9999999999999"] {
            assert!(quantity(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn thresholds_are_indices_in_thousandths_with_red_not_above_amber() {
        assert_eq!(thresholds("0.95", "0,9"), Ok((950, 900)));
        assert_eq!(thresholds("1", ".85"), Ok((1000, 850)));
        assert_eq!(thresholds(" 0.9 ", "0.9"), Ok((900, 900)));
        for (warn, bad, field) in [
            ("0.9", "0.95", "badBelow"),
            ("abc", "0.9", "warnBelow"),
            ("2.5", "0.9", "warnBelow"),
            ("0.9555", "0.9", "warnBelow"),
            ("0", "0", "warnBelow"),
            ("-1", "0.5", "warnBelow"),
            ("0.9", "", "badBelow"),
        ] {
            let e = thresholds(warn, bad).expect_err(warn);
            assert_eq!(e.field, field, "{warn} {bad}: {}", e.message);
        }
    }

    #[test]
    fn amounts_are_never_negative_nor_absurd() {
        assert_eq!(amount("amount", 12_345, "EUR"), Ok(12_345));
        assert!(amount("amount", -1, "EUR").is_err());
        assert!(amount("amount", i64::MAX, "EUR").is_err(), "10^20 is refused");
        assert!(amount("amount", money::MAX_MAJOR * 100, "EUR").is_ok());
        assert!(amount("amount", money::MAX_MAJOR * 100 + 1, "EUR").is_err());
        assert!(amount("amount", money::MAX_MAJOR + 1, "JPY").is_err(), "the yen has no minor unit");
    }

    #[test]
    fn a_contract_cannot_end_before_it_starts_and_warns_ahead_of_its_notice() {
        assert!(contract_dates(d("2027-01-01"), d("2026-12-31"), None).is_err());
        assert!(contract_dates(d("2027-01-01"), d("2027-12-31"), Some(d("2026-06-01"))).is_err());
        let c = Contract {
            id: 1,
            vendor_id: 1,
            project_id: 1,
            line_id: None,
            title: "Licences".into(),
            value: 100,
            start: d("2026-01-01"),
            end: d("2027-12-31"),
            notice_days: 30,
            renewal: Some(d("2027-01-31")),
            status: ContractStatus::Active,
            deliverables: String::new(),
        };
        assert_eq!(c.notice_by(), d("2027-01-01"));
        assert!(c.up_for_renewal(d("2026-12-02"), 60), "notice due within 60 days");
        assert!(!c.up_for_renewal(d("2026-10-01"), 60));
        assert!(!c.up_for_renewal(d("2027-02-01"), 60), "the renewal date has passed");
        assert!(!Contract { status: ContractStatus::Ended, ..c }.up_for_renewal(d("2026-12-02"), 60));
    }

    #[test]
    fn a_lines_forecast_counts_spent_committed_and_what_is_still_planned() {
        let spent = [(SpendState::Paid, 300), (SpendState::Invoiced, 200), (SpendState::Committed, 100)];
        let f = line_figures(1000, &spent, 50, 400);
        assert_eq!((f.committed, f.actual, f.forecast, f.variance), (100, 550, 1050, -50));
        assert_eq!(line_figures(1000, &[], 0, -5).forecast, 0, "nothing still to come is not a refund");
    }

    #[test]
    fn months_are_read_as_their_first_day() {
        assert_eq!(month("2027-03"), Ok(d("2027-03-01")));
        assert_eq!(month("2027-03-17"), Ok(d("2027-03-01")));
        assert!(month("2027-13").is_err());
        assert!(month("march").is_err());
    }
}
