//! The budget: what a project costs (its people's work at their rates, its
//! fixed costs), what is spent, committed and still to come on each budget
//! line, vendors and contracts, and earned value against a baseline with
//! Earned Schedule.
//!
//! Money is an integer in the minor unit of the project's currency; work is
//! minutes; ratios are numbers, `None` where they would divide by zero.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};
use gantry_core::budget::{self, *};
use gantry_core::cost::{self, Accrual, EacMethod, EarnedValue, Exact, Priced, RateTable, Stretch};
use gantry_core::model::*;
use gantry_core::{money, validate};
use gantry_report::ReportBudget;
use gantry_store::Db;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{refused, validation};
use crate::{Portfolio, Result, run_schedule, task_calendar};

/// How far ahead a contract's notice day raises a warning, in days.
pub const RENEWAL_WARNING_DAYS: i64 = 60;

// ------------------------------------------------------------------- wire

/// One task's costs, as `gantry costs` prints them.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaskCostRow {
    pub uid: i64,
    pub name: String,
    pub work: i64,
    pub actual_work: i64,
    pub baseline_work: i64,
    pub cost: i64,
    pub actual_cost: i64,
    pub remaining_cost: i64,
    pub fixed_cost: i64,
    pub baseline_cost: i64,
    pub bcws: i64,
    pub bcwp: i64,
    pub acwp: i64,
}

/// A project's earned value at the status date, with Earned Schedule.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectValue {
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
    /// Earned Schedule, its schedule variance and index, and the forecast
    /// duration, in weeks from the baseline's start.
    pub es: Option<f64>,
    pub spit: Option<f64>,
    pub ieact: Option<f64>,
}

/// What `gantry costs` prints for a project.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CostReport {
    pub currency: String,
    pub status_date: Option<String>,
    pub tasks: Vec<TaskCostRow>,
    pub project: ProjectValue,
}

/// A budget line with its figures.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineRow {
    pub id: i64,
    pub category: String,
    pub name: String,
    pub note: String,
    pub planned: i64,
    pub committed: i64,
    pub actual: i64,
    pub forecast: i64,
    pub variance: i64,
    /// The planned amount of each month, `YYYY-MM` → amount.
    pub months: Vec<MonthAmount>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthAmount {
    pub month: String,
    pub amount: i64,
}

/// A month of the burn chart: planned and actual, cumulative.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BurnMonth {
    pub month: String,
    pub planned: i64,
    pub actual: i64,
}

/// A week of the S-curve: cumulative planned value, and earned value and
/// actual cost up to the status date (null after it).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CurvePoint {
    pub date: String,
    pub pv: i64,
    pub ev: Option<i64>,
    pub ac: Option<i64>,
}

/// A payment milestone of a contract.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaymentRow {
    pub id: i64,
    pub title: String,
    pub amount: i64,
    /// When it falls due: its own date, or its milestone's scheduled finish.
    pub due: Option<String>,
    /// The milestone it is tied to.
    pub task_id: Option<i64>,
    pub milestone: Option<String>,
    pub paid: bool,
    /// Due by the status date and not paid.
    pub overdue: bool,
}

/// A payment milestone as typed: due on a date, or when a task of the plan finishes.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewPayment {
    pub contract_id: i64,
    pub title: String,
    pub amount: String,
    #[serde(default)]
    pub due: String,
    pub task_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContractRow {
    pub id: i64,
    pub vendor: String,
    pub project: String,
    pub title: String,
    pub value: i64,
    pub start: String,
    pub end: String,
    pub renewal: Option<String>,
    /// The last day to give notice.
    pub notice_by: String,
    pub status: String,
    pub up_for_renewal: bool,
    pub line: Option<String>,
    pub payments: Vec<PaymentRow>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExpenditureRow {
    pub id: i64,
    pub date: String,
    pub amount: i64,
    pub line: Option<String>,
    pub vendor: Option<String>,
    pub invoice: String,
    pub state: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VendorRow {
    pub id: i64,
    pub name: String,
    pub contact: String,
    pub supplies: String,
}

/// Everything the budget view shows for a project.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetView {
    pub currency: String,
    pub status_date: String,
    pub baseline: Option<String>,
    pub lines: Vec<LineRow>,
    pub total: LineTotals,
    pub burn: Vec<BurnMonth>,
    pub value: ProjectValue,
    pub curve: Vec<CurvePoint>,
    /// The baseline's finish and the finish Earned Schedule forecasts.
    pub baseline_finish: Option<String>,
    pub forecast_finish: Option<String>,
    pub contracts: Vec<ContractRow>,
    pub expenditures: Vec<ExpenditureRow>,
    pub vendors: Vec<VendorRow>,
    pub categories: Vec<String>,
    /// The EAC formula in use and the thresholds of the indices' colours.
    pub settings: BudgetSettings,
    /// The WBS with each task's cost, in outline order.
    pub tasks: Vec<TaskMoney>,
    /// Materials and cost resources, with what each task uses.
    pub resources: Vec<ResourceRow>,
}

#[derive(Debug, Clone, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineTotals {
    pub planned: i64,
    pub committed: i64,
    pub actual: i64,
    pub forecast: i64,
    pub variance: i64,
}

/// A task's cost in the budget view, with its fixed cost to edit.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaskMoney {
    pub id: i64,
    pub name: String,
    pub depth: u32,
    pub summary: bool,
    /// Its people's work at their rates plus its fixed cost (a summary's
    /// roll up), and what of it is spent.
    pub cost: i64,
    pub actual_cost: i64,
    pub fixed_cost: i64,
    /// "start", "prorated" or "end".
    pub accrual: String,
    pub percent_complete: u8,
    /// Physical % complete, when someone set it.
    pub physical_percent: Option<u8>,
}

/// A material or cost resource of a project, with what its tasks use.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResourceRow {
    pub id: i64,
    pub name: String,
    /// "material" or "cost".
    pub kind: String,
    pub unit: String,
    pub unit_price: i64,
    pub accrual: String,
    pub uses: Vec<UseRow>,
    /// What all its uses cost.
    pub cost: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UseRow {
    pub task_id: i64,
    pub task: String,
    /// Thousandths of a unit, for a material.
    pub quantity_milli: i64,
    /// The amount, for a cost resource.
    pub amount: i64,
    pub cost: i64,
}

/// A material or cost resource as typed: the price per unit in major units.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewCostResource {
    pub project_id: i64,
    pub name: String,
    /// "material" or "cost".
    pub kind: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub unit_price: String,
    pub accrual: String,
}

/// How the portfolio reads its money, as the settings form shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BudgetSettings {
    /// The EAC formula's code: "cpi", "atypical" or "cpi_spi".
    pub eac_method: String,
    /// Where CPI and SPI turn amber and red.
    pub warn_below: f64,
    pub bad_below: f64,
    /// Where earned value comes from: "percent" (% complete) or "physical"
    /// (physical % complete).
    pub earned_from: String,
    /// Each formula a user can pick, with how it reads.
    pub methods: Vec<EacChoice>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EacChoice {
    pub code: String,
    pub formula: String,
}

/// A project's money in a line of the portfolio page.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectMoney {
    pub project_id: i64,
    pub currency: String,
    /// The budget lines' planned total, what is spent, and the forecast.
    pub planned: i64,
    pub actual: i64,
    pub forecast: i64,
    pub value: ProjectValue,
}

/// A budget line as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineFields {
    pub category: String,
    pub name: String,
    #[serde(default)]
    pub note: String,
}

/// An expenditure as typed: the amount in major units ("1 250.00"), and
/// its currency when it names one (it must be the project's).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewExpenditure {
    pub project_id: i64,
    pub line_id: Option<i64>,
    pub vendor: String,
    pub date: String,
    pub amount: String,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub invoice: String,
    pub state: String,
    #[serde(default)]
    pub note: String,
}

/// A contract as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewContract {
    pub project_id: i64,
    pub vendor: String,
    pub title: String,
    pub value: String,
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub renewal: String,
    #[serde(default)]
    pub notice_days: i64,
    pub line_id: Option<i64>,
    #[serde(default)]
    pub deliverables: String,
}

/// Which column of a CSV holds what; columns are counted from 0.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvMapping {
    pub date: usize,
    pub amount: usize,
    pub vendor: Option<usize>,
    pub invoice: Option<usize>,
    pub state: Option<usize>,
    pub note: Option<usize>,
    /// Whether the first row names the columns.
    #[serde(default)]
    pub header: bool,
    /// The line every row is booked on.
    pub line_id: Option<i64>,
}

// ------------------------------------------------------------- the model

/// A project's costs, task by task, as the plan and the hours logged make them.
struct Costed {
    currency: String,
    tasks: Vec<Task>,
    /// In task order.
    rows: Vec<TaskCostRow>,
    /// Labour: the plan's cost of people's work, and what is logged, in total.
    labour: Exact,
    labour_actual: Exact,
    /// Labour cost logged by day.
    labour_by_day: Vec<(NaiveDate, Exact)>,
    /// Each task's baseline start and finish, when the baseline had it.
    baseline_dates: HashMap<TaskId, (NaiveDateTime, NaiveDateTime)>,
    baseline: Option<Baseline>,
    calendar: gantry_core::calendar::WorkCalendar,
    /// Each task's scheduled finish.
    finishes: HashMap<TaskId, NaiveDateTime>,
    physical: HashMap<TaskId, u8>,
}

fn end_of(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN) + chrono::Duration::days(1)
}

/// Costs a project as of `status` against `baseline` (by name; the newest
/// when `None`).
fn costed(db: &Db, project: ProjectId, status: NaiveDate, baseline: Option<&str>) -> Result<Costed> {
    let p = gantry_store::project(db, project)?;
    let calendars = gantry_store::calendars(db)?;
    // In outline order: every roll-up below counts on children after their parent.
    let mut tasks = gantry_store::tasks(db, project)?;
    let place: HashMap<TaskId, usize> =
        gantry_core::wbs::outline(&crate::nodes(&tasks)).iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    tasks.sort_by_key(|t| place.get(&t.id).copied().unwrap_or(usize::MAX));
    let links = gantry_store::links(db, project)?;
    let s = run_schedule(&p, &calendars, &tasks, &links);
    let people: HashMap<MemberId, TeamMember> = gantry_store::team(db)?.into_iter().map(|m| (m.id, m)).collect();
    // Each person's rates over time.
    let changes = gantry_store::rate_changes(db)?;
    let rates: HashMap<MemberId, RateTable> =
        people.values().map(|m| (m.id, gantry_core::team::rate_table(m, &changes))).collect();
    let assignments = gantry_store::assignments(db, project)?;
    let fixed = gantry_store::fixed_costs(db, project)?;
    // Earned value from % complete, or from physical % complete (0 where unset).
    let physical = gantry_store::physical_progress(db, project)?;
    let earned_percent: HashMap<TaskId, i64> = if gantry_store::budget_settings(db)?.physical {
        tasks.iter().map(|t| (t.id, i64::from(physical.get(&t.id).copied().unwrap_or(0)))).collect()
    } else {
        tasks.iter().map(|t| (t.id, i64::from(t.percent_complete))).collect()
    };
    let resources: HashMap<i64, CostResource> =
        gantry_store::cost_resources(db, project)?.into_iter().map(|r| (r.id, r)).collect();
    let mut uses: HashMap<TaskId, Vec<ResourceUse>> = HashMap::new();
    for u in gantry_store::resource_uses(db, project)? {
        uses.entry(u.task_id).or_default().push(u);
    }
    let ids: std::collections::HashSet<TaskId> = tasks.iter().map(|t| t.id).collect();
    // Hours logged on the project's tasks, to the status date, by task and person.
    let entries: Vec<TimeEntry> = gantry_store::time_entries(db, None, NaiveDate::MIN, status)?
        .into_iter()
        .filter(|e| ids.contains(&e.task_id))
        .collect();
    // What each person logged on each task: in all, and day by day.
    let mut logged: HashMap<(TaskId, MemberId), i64> = HashMap::new();
    let mut days: HashMap<(TaskId, MemberId), Vec<Stretch>> = HashMap::new();
    for e in &entries {
        *logged.entry((e.task_id, e.member_id)).or_default() += e.minutes;
        let start = e.day.and_time(NaiveTime::MIN);
        days.entry((e.task_id, e.member_id)).or_default().push(Stretch {
            start,
            finish: end_of(e.day),
            minutes: e.minutes,
        });
    }
    let baselines = gantry_store::baselines(db, project)?;
    let chosen = match baseline {
        Some(name) => Some(
            baselines
                .iter()
                .find(|b| b.name.eq_ignore_ascii_case(name.trim()))
                .cloned()
                .ok_or_else(|| refused(format!("The project has no baseline named “{}”.", name.trim())))?,
        ),
        None => baselines.last().cloned(),
    };
    let (base_costs, base_dates) = match &chosen {
        Some(b) => (
            gantry_store::baseline_costs(db, b.id)?,
            gantry_store::baseline_tasks(db, b.id)?.into_iter().map(|t| (t.task_id, (t.start, t.finish))).collect(),
        ),
        None => (HashMap::new(), HashMap::new()),
    };
    let calendar = crate::project_calendar(&p, &calendars).into_owned();

    let mut by_task: HashMap<TaskId, Vec<&Assignment>> = HashMap::new();
    for a in &assignments {
        by_task.entry(a.task_id).or_default().push(a);
    }
    // Each leaf's own cost: its people's work at their rates, its fixed cost.
    let mut own: HashMap<TaskId, (Exact, Exact, i64, i64)> = HashMap::new();
    let (mut labour, mut labour_actual) = (Exact::ZERO, Exact::ZERO);
    for (t, d) in tasks.iter().zip(&s.tasks) {
        let cal = task_calendar(&p, &calendars, t);
        let mut cost = Exact::ZERO;
        let mut actual = Exact::ZERO;
        let (mut work, mut actual_work) = (0, 0);
        for a in by_task.get(&t.id).into_iter().flatten() {
            let Some(m) = people.get(&a.member_id) else { continue };
            let done = logged.get(&(t.id, m.id)).copied().unwrap_or(0).max(0);
            let Some(rates) = rates.get(&m.id) else { continue };
            let planned = [Stretch { start: d.start, finish: d.finish, minutes: a.work_minutes }];
            // Logged hours are priced at the rate of the day they were worked.
            let logged_stretch: Vec<Stretch> = days
                .get(&(t.id, m.id))
                .map(|v| v.iter().filter(|s| s.minutes > 0).copied().collect())
                .unwrap_or_default();
            // The plan's cost is the assignment's work; the actual, what was
            // logged, beyond the plan too.
            let plan = Priced {
                work: a.work_minutes,
                overtime: 0,
                planned: &planned,
                actual_work: 0,
                actual_split: None,
                done: &[],
                rates,
                uses_permille: i64::from(a.units_percent) * 10,
                accrual: Accrual::Prorated,
                calendar: &cal,
            };
            let planned_cost = cost::assignment_cost(&plan).cost;
            let c = cost::assignment_cost(&Priced {
                work: a.work_minutes.max(done),
                actual_work: done,
                actual_split: None,
                done: &logged_stretch,
                ..plan
            });
            cost = cost.plus(planned_cost);
            actual = actual.plus(c.actual);
            work += a.work_minutes;
            actual_work += done;
        }
        labour = labour.plus(cost);
        labour_actual = labour_actual.plus(actual);
        let f = fixed.get(&t.id).copied();
        let amount = f.map_or(0, |f| f.amount);
        let accrual = f.map_or(Accrual::Prorated, |f| f.accrual);
        cost = cost.plus(Exact::whole(amount));
        actual = actual.plus(cost::fixed_cost_actual(amount, accrual, t.percent_complete));
        // Materials and cost resources, by their accrual.
        for u in uses.get(&t.id).into_iter().flatten() {
            if let Some(r) = resources.get(&u.resource_id) {
                cost = cost.plus(u.cost(r));
                actual = actual.plus(u.actual(r, t.percent_complete));
            }
        }
        own.insert(t.id, (cost, actual, work, actual_work));
    }
    // Labour logged, day by day, for the S-curve and the burn chart.
    let mut by_day: std::collections::BTreeMap<NaiveDate, Exact> = Default::default();
    for e in &entries {
        let rate = rates.get(&e.member_id).map_or(0, |r| r.at(e.day.and_time(NaiveTime::MIN)).standard);
        let v = Exact::ratio(i128::from(e.minutes), i128::from(rate), 60);
        let slot = by_day.entry(e.day).or_insert(Exact::ZERO);
        *slot = slot.plus(v);
    }

    // Summaries roll up their children (children follow their parent).
    let mut rolled = own.clone();
    for t in tasks.iter().rev() {
        let Some(parent) = t.parent_id else { continue };
        let child = rolled.get(&t.id).copied().unwrap_or((Exact::ZERO, Exact::ZERO, 0, 0));
        if let Some(e) = rolled.get_mut(&parent) {
            *e = (e.0.plus(child.0), e.1.plus(child.1), e.2 + child.2, e.3 + child.3);
        }
    }
    let status_end = end_of(status);
    let is_leaf: std::collections::HashSet<TaskId> = {
        let parents: std::collections::HashSet<TaskId> = tasks.iter().filter_map(|t| t.parent_id).collect();
        tasks.iter().filter(|t| !parents.contains(&t.id)).map(|t| t.id).collect()
    };
    let mut rows: Vec<TaskCostRow> = Vec::with_capacity(tasks.len());
    for t in &tasks {
        let (c, a, work, actual_work) = rolled.get(&t.id).copied().unwrap_or((Exact::ZERO, Exact::ZERO, 0, 0));
        let (base_cost, base_work) = base_costs.get(&t.id).copied().unwrap_or((0, 0));
        let planned_share = match base_dates.get(&t.id) {
            Some(&(start, finish)) => share_elapsed(&calendar, start, finish, status_end),
            None => (0, 1),
        };
        rows.push(TaskCostRow {
            uid: t.id,
            name: t.name.clone(),
            work,
            actual_work,
            baseline_work: base_work,
            cost: c.round(),
            actual_cost: a.round(),
            remaining_cost: c.minus(a).round(),
            fixed_cost: fixed.get(&t.id).map_or(0, |f| f.amount),
            baseline_cost: base_cost,
            bcws: if is_leaf.contains(&t.id) {
                Exact::whole(base_cost).scale(planned_share.0, planned_share.1).round()
            } else {
                0
            },
            bcwp: if is_leaf.contains(&t.id) {
                Exact::whole(base_cost).scale(earned_percent.get(&t.id).copied().unwrap_or(0), 100).round()
            } else {
                0
            },
            acwp: a.round(),
        });
    }
    // A summary's BCWS and BCWP are its leaves'.
    let index: HashMap<TaskId, usize> = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    for t in tasks.iter().rev() {
        let Some(parent) = t.parent_id.and_then(|p| index.get(&p).copied()) else { continue };
        let i = index[&t.id];
        let (bcws, bcwp) = (rows[i].bcws, rows[i].bcwp);
        rows[parent].bcws += bcws;
        rows[parent].bcwp += bcwp;
    }
    let finishes = tasks.iter().zip(&s.tasks).map(|(t, d)| (t.id, d.finish)).collect();
    Ok(Costed {
        currency: p.currency.clone(),
        tasks,
        rows,
        labour,
        labour_actual,
        labour_by_day: by_day.into_iter().collect(),
        baseline_dates: base_dates,
        baseline: chosen,
        calendar,
        finishes,
        physical,
    })
}

/// Each task's cost and work now, for a baseline being saved.
pub(crate) fn baseline_cost_rows(db: &Db, project: ProjectId, today: NaiveDate) -> Result<Vec<(TaskId, i64, i64)>> {
    let c = costed(db, project, today, None)?;
    Ok(c.rows.iter().map(|r| (r.uid, r.cost, r.work)).collect())
}

/// A project's earned value at `status` against its newest baseline.
pub(crate) fn value_at(db: &Db, project: ProjectId, status: NaiveDate) -> Result<ProjectValue> {
    let c = costed(db, project, status, None)?;
    Ok(project_value(&c, status, &pv_by_week(&c), gantry_store::budget_settings(db)?.eac))
}

impl Portfolio {
    /// What a project costs, task by task, and its earned value at `status`
    /// against `baseline` (the newest when `None`), as `gantry costs` prints it.
    pub fn cost_report(&self, project: ProjectId, status: NaiveDate, baseline: Option<&str>) -> Result<CostReport> {
        let db = self.store.db();
        let c = costed(db, project, status, baseline)?;
        let value = project_value(&c, status, &pv_by_week(&c), gantry_store::budget_settings(db)?.eac);
        Ok(CostReport { currency: c.currency, status_date: Some(status.to_string()), tasks: c.rows, project: value })
    }

    /// A project's costs by name, for the command line.
    pub fn cost_report_named(
        &self,
        name: &str,
        status: Option<NaiveDate>,
        baseline: Option<&str>,
        today: NaiveDate,
    ) -> Result<CostReport> {
        let id = self.project_named(name)?;
        let p = gantry_store::project(self.store.db(), id)?;
        self.cost_report(id, status.or(p.status_date).unwrap_or(today), baseline)
    }

    /// The budget view of a project as of its status date (or `today`).
    pub fn budget(&self, project: ProjectId, today: NaiveDate) -> Result<BudgetView> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let status = p.status_date.unwrap_or(today);
        let c = costed(db, project, status, None)?;
        let weekly = pv_by_week(&c);
        let settings = gantry_store::budget_settings(db)?;
        let value = project_value(&c, status, &weekly, settings.eac);
        let lines = gantry_store::budget_lines(db, project)?;
        let months = gantry_store::budget_months(db, project)?;
        let spent = gantry_store::expenditures(db, project)?;
        let vendors = gantry_store::vendors(db)?;
        let vendor_name: HashMap<i64, String> = vendors.iter().map(|v| (v.id, v.name.clone())).collect();
        let line_name: HashMap<i64, String> = lines.iter().map(|l| (l.id, l.name.clone())).collect();
        let this_month = status.with_day(1).unwrap_or(status);
        // The plan's labour goes on the first labour line.
        let labour_line = lines.iter().find(|l| l.category.eq_ignore_ascii_case("labour")).map(|l| l.id);
        let mut rows = Vec::new();
        let mut total = LineTotals::default();
        for l in &lines {
            let plan: Vec<&MonthPlan> = months.iter().filter(|m| m.line_id == l.id).collect();
            let planned: i64 = plan.iter().map(|m| m.amount).sum();
            let spending: Vec<(SpendState, i64)> =
                spent.iter().filter(|e| e.line_id == Some(l.id)).map(|e| (e.state, e.amount)).collect();
            let (logged, remaining) = if Some(l.id) == labour_line {
                let logged = c.labour_actual.round();
                (logged, c.labour.minus(c.labour_actual).round().max(0))
            } else {
                // What the plan still expects after this month; money planned
                // for past months and not spent is not carried forward.
                (0, plan.iter().filter(|m| m.month > this_month).map(|m| m.amount).sum())
            };
            let f = budget::line_figures(planned, &spending, logged, remaining);
            total.planned += f.planned;
            total.committed += f.committed;
            total.actual += f.actual;
            total.forecast += f.forecast;
            total.variance += f.variance;
            rows.push(LineRow {
                id: l.id,
                category: l.category.clone(),
                name: l.name.clone(),
                note: l.note.clone(),
                planned: f.planned,
                committed: f.committed,
                actual: f.actual,
                forecast: f.forecast,
                variance: f.variance,
                months: plan
                    .iter()
                    .map(|m| MonthAmount { month: m.month.format("%Y-%m").to_string(), amount: m.amount })
                    .collect(),
            });
        }
        // The burn chart: planned and actual, cumulative, month by month.
        let mut by_month: std::collections::BTreeMap<NaiveDate, (i64, Exact)> = Default::default();
        for m in &months {
            by_month.entry(m.month).or_insert((0, Exact::ZERO)).0 += m.amount;
        }
        for e in spent.iter().filter(|e| e.state != SpendState::Committed && e.date <= status) {
            let slot = by_month.entry(e.date.with_day(1).unwrap_or(e.date)).or_insert((0, Exact::ZERO));
            slot.1 = slot.1.plus(Exact::whole(e.amount));
        }
        if labour_line.is_some() {
            for (day, v) in &c.labour_by_day {
                let slot = by_month.entry(day.with_day(1).unwrap_or(*day)).or_insert((0, Exact::ZERO));
                slot.1 = slot.1.plus(*v);
            }
        }
        let (mut planned, mut actual) = (0, Exact::ZERO);
        let burn = by_month
            .into_iter()
            .map(|(month, (p, a))| {
                planned += p;
                actual = actual.plus(a);
                BurnMonth {
                    month: month.format("%Y-%m").to_string(),
                    planned,
                    actual: if month <= this_month { actual.round() } else { -1 },
                }
            })
            .collect();
        let (curve, baseline_finish) = s_curve(&c, status, &weekly);
        let forecast_finish = match (baseline_start(&c), value.ieact) {
            (Some(start), Some(weeks)) if weeks.is_finite() && weeks < 520.0 => {
                Some((start + chrono::Duration::minutes((weeks * 7.0 * 1440.0).round() as i64)).date().to_string())
            }
            _ => None,
        };
        let payments = gantry_store::payments(db, Some(project))?;
        let contracts = gantry_store::contracts(db, Some(project))?
            .into_iter()
            .map(|k| {
                let mut row = contract_row(&k, &vendor_name, &line_name, &p.name, status);
                row.payments = payments
                    .iter()
                    .filter(|x| x.contract_id == k.id)
                    .map(|x| {
                        let due = x.due.or_else(|| x.task_id.and_then(|t| c.finishes.get(&t)).map(|f| f.date()));
                        PaymentRow {
                            id: x.id,
                            title: x.title.clone(),
                            amount: x.amount,
                            due: due.map(|d| d.to_string()),
                            task_id: x.task_id,
                            milestone: x
                                .task_id
                                .and_then(|t| c.tasks.iter().find(|y| y.id == t))
                                .map(|y| y.name.clone()),
                            paid: x.paid,
                            overdue: !x.paid && due.is_some_and(|d| d <= status),
                        }
                    })
                    .collect();
                row
            })
            .collect();
        Ok(BudgetView {
            currency: c.currency.clone(),
            status_date: status.to_string(),
            baseline: c.baseline.as_ref().map(|b| b.name.clone()),
            lines: rows,
            total,
            burn,
            value,
            curve,
            baseline_finish: baseline_finish.map(|d| d.date().to_string()),
            forecast_finish,
            contracts,
            expenditures: spent
                .iter()
                .map(|e| ExpenditureRow {
                    id: e.id,
                    date: e.date.to_string(),
                    amount: e.amount,
                    line: e.line_id.and_then(|l| line_name.get(&l).cloned()),
                    vendor: e.vendor_id.and_then(|v| vendor_name.get(&v).cloned()),
                    invoice: e.invoice.clone(),
                    state: e.state.code().to_owned(),
                    note: e.note.clone(),
                })
                .collect(),
            vendors: vendors
                .iter()
                .map(|v| VendorRow {
                    id: v.id,
                    name: v.name.clone(),
                    contact: v.contact.clone(),
                    supplies: v.supplies.clone(),
                })
                .collect(),
            categories: {
                let mut all: Vec<String> = CATEGORIES.iter().map(|c| (*c).to_owned()).collect();
                for l in &lines {
                    if !all.iter().any(|c| c.eq_ignore_ascii_case(&l.category)) {
                        all.push(l.category.clone());
                    }
                }
                all
            },
            settings: settings_view(&settings),
            tasks: task_money(&c, &gantry_store::fixed_costs(db, project)?),
            resources: resource_rows(db, project, &c)?,
        })
    }

    /// The budget section of a project's report, when it has budget lines
    /// or a baseline to measure against.
    pub(crate) fn report_budget(&self, project: ProjectId, today: NaiveDate) -> Result<Option<ReportBudget>> {
        let b = self.budget(project, today)?;
        if b.lines.is_empty() && b.baseline.is_none() {
            return Ok(None);
        }
        let settings = gantry_store::budget_settings(self.store.db())?;
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let v = &b.value;
        let figures = |l: &LineRow| gantry_report::LineFigures {
            category: l.category.clone(),
            name: l.name.clone(),
            note: l.note.clone(),
            planned: l.planned,
            committed: l.committed,
            actual: l.actual,
            forecast: l.forecast,
            variance: l.variance,
        };
        let t = &b.total;
        Ok(Some(ReportBudget {
            eac_formula: settings.eac.formula().to_owned(),
            thresholds: gantry_report::Thresholds {
                warn_below: settings.warn_below_permille as f64 / 1000.0,
                bad_below: settings.bad_below_permille as f64 / 1000.0,
            },
            value: gantry_report::ValueFigures {
                bac: v.bac,
                pv: v.pv,
                ev: v.ev,
                ac: v.ac,
                sv: v.sv,
                cv: v.cv,
                spi: v.spi,
                cpi: v.cpi,
                eac: v.eac,
                etc: v.etc,
                vac: v.vac,
                tcpi: v.tcpi,
                es: v.es,
                spi_t: v.spit,
            },
            baseline_finish: b.baseline_finish.as_deref().and_then(day),
            forecast_finish: b.forecast_finish.as_deref().and_then(day),
            curve: b
                .curve
                .iter()
                .filter_map(|w| Some(gantry_report::CurveWeek { date: day(&w.date)?, pv: w.pv, ev: w.ev, ac: w.ac }))
                .collect(),
            lines: b.lines.iter().map(figures).collect(),
            total: gantry_report::LineFigures {
                planned: t.planned,
                committed: t.committed,
                actual: t.actual,
                forecast: t.forecast,
                variance: t.variance,
                ..Default::default()
            },
            contracts: b
                .contracts
                .iter()
                .filter_map(|k| {
                    Some(gantry_report::ReportContract {
                        vendor: k.vendor.clone(),
                        title: k.title.clone(),
                        value: k.value,
                        end: day(&k.end)?,
                        notice_by: day(&k.notice_by)?,
                        renewal: k.renewal.as_deref().and_then(day),
                        up_for_renewal: k.up_for_renewal,
                        payments: k
                            .payments
                            .iter()
                            .map(|x| (x.amount, x.due.as_deref().and_then(day), x.paid))
                            .collect(),
                    })
                })
                .collect(),
            currency: b.currency,
            baseline: b.baseline,
        }))
    }

    /// The portfolio's budget settings.
    pub fn budget_settings(&self) -> Result<BudgetSettings> {
        Ok(settings_view(&gantry_store::budget_settings(self.store.db())?))
    }

    /// Sets the EAC formula (by its code) and the thresholds, typed as
    /// indices ("0.95").
    pub fn set_budget_settings(
        &mut self,
        eac_method: &str,
        warn_below: &str,
        bad_below: &str,
        earned_from: &str,
    ) -> Result<()> {
        let eac = EacMethod::from_code(eac_method.trim())
            .ok_or_else(|| validation("eacMethod", "The estimate at completion is cpi, atypical or cpi_spi."))?;
        let (warn, bad) = budget::thresholds(warn_below, bad_below)?;
        let physical = match earned_from.trim() {
            "percent" | "" => false,
            "physical" => true,
            _ => return Err(validation("earnedFrom", "Earned value comes from percent or physical % complete.")),
        };
        let s = Settings { eac, warn_below_permille: warn, bad_below_permille: bad, physical };
        Ok(self.store.write("Change the budget settings", |db| gantry_store::set_budget_settings(db, &s))?)
    }

    /// Each project's budget, spend, forecast and earned value, for the portfolio page.
    pub fn portfolio_money(&self, today: NaiveDate) -> Result<Vec<ProjectMoney>> {
        gantry_store::projects(self.store.db())?
            .into_iter()
            .map(|p| {
                let b = self.budget(p.id, today)?;
                Ok(ProjectMoney {
                    project_id: p.id,
                    currency: b.currency,
                    planned: b.total.planned,
                    actual: b.total.actual,
                    forecast: b.total.forecast,
                    value: b.value,
                })
            })
            .collect()
    }

    /// Contracts across the portfolio whose notice day is near, for the dashboard.
    pub fn contracts_due(&self, today: NaiveDate) -> Result<Vec<ContractRow>> {
        let db = self.store.db();
        let vendor_name: HashMap<i64, String> =
            gantry_store::vendors(db)?.into_iter().map(|v| (v.id, v.name)).collect();
        let projects: HashMap<i64, String> = gantry_store::projects(db)?.into_iter().map(|p| (p.id, p.name)).collect();
        Ok(gantry_store::contracts(db, None)?
            .into_iter()
            .filter(|k| k.up_for_renewal(today, RENEWAL_WARNING_DAYS))
            .map(|k| {
                contract_row(&k, &vendor_name, &HashMap::new(), projects.get(&k.project_id).map_or("", |s| s), today)
            })
            .collect())
    }

    // ------------------------------------------------------------- changes

    /// Adds a budget line to a project; returns its id.
    pub fn add_budget_line(&mut self, project: ProjectId, fields: &LineFields) -> Result<i64> {
        let p = gantry_store::project(self.store.db(), project)?;
        let (category, name) = budget::line(&fields.category, &fields.name)?;
        let line = BudgetLine {
            id: 0,
            project_id: p.id,
            category,
            name,
            note: budget::note("note", &fields.note)?,
            position: 0,
        };
        let label = format!("Add budget line “{}”", line.name);
        Ok(self.store.write(&label, |db| gantry_store::insert_budget_line(db, &line))?)
    }

    /// Changes a line's category, name or corrective action.
    pub fn edit_budget_line(&mut self, id: i64, fields: &LineFields) -> Result<()> {
        let before = gantry_store::budget_line(self.store.db(), id)?;
        let (category, name) = budget::line(&fields.category, &fields.name)?;
        let line = BudgetLine { category, name, note: budget::note("note", &fields.note)?, ..before };
        let label = format!("Edit budget line “{}”", line.name);
        Ok(self.store.write(&label, |db| gantry_store::update_budget_line(db, &line))?)
    }

    pub fn remove_budget_line(&mut self, id: i64) -> Result<()> {
        let line = gantry_store::budget_line(self.store.db(), id)?;
        Ok(self
            .store
            .write(&format!("Remove budget line “{}”", line.name), |db| gantry_store::delete_budget_line(db, id))?)
    }

    /// Sets a line's planned amount for a month, typed in major units.
    pub fn plan_budget_month(&mut self, line: i64, month: &str, amount: &str) -> Result<()> {
        let db = self.store.db();
        let l = gantry_store::budget_line(db, line)?;
        let currency = gantry_store::project(db, l.project_id)?.currency;
        let month = budget::month(month)?;
        let amount = if amount.trim().is_empty() {
            0
        } else {
            budget::amount("amount", money::parse("amount", amount, &currency, false)?, &currency)?
        };
        let plan = MonthPlan { line_id: l.id, month, amount };
        let label = format!("Plan {} for “{}”", month.format("%B %Y"), l.name);
        Ok(self.store.write(&label, |db| gantry_store::set_budget_month(db, &plan))?)
    }

    /// Sets a task's fixed cost, typed in major units, and when it accrues.
    pub fn set_fixed_cost(&mut self, task: TaskId, amount: &str, accrual: &str) -> Result<()> {
        let db = self.store.db();
        let t = gantry_store::task(db, task)?;
        let currency = gantry_store::project(db, t.project_id)?.currency;
        let amount = if amount.trim().is_empty() {
            0
        } else {
            budget::amount("fixedCost", money::parse("fixedCost", amount, &currency, false)?, &currency)?
        };
        let accrual = budget::accrual_from_code(accrual)
            .ok_or_else(|| validation("accrual", "The accrual is start, prorated or end."))?;
        let c = FixedCost { task_id: t.id, amount, accrual };
        Ok(self
            .store
            .write(&format!("Set the fixed cost of “{}”", t.name), |db| gantry_store::set_fixed_cost(db, &c))?)
    }

    /// Adds a material (priced per unit) or a cost resource to a project; returns its id.
    pub fn add_cost_resource(&mut self, r: &NewCostResource) -> Result<i64> {
        let db = self.store.db();
        let p = gantry_store::project(db, r.project_id)?;
        let kind = ResourceKind::from_code(r.kind.trim())
            .ok_or_else(|| validation("kind", "A resource is a material or a cost."))?;
        let unit_price = match kind {
            ResourceKind::Material if r.unit_price.trim().is_empty() => {
                return Err(validation("unitPrice", "Type the price of one unit of the material."));
            }
            ResourceKind::Material => {
                budget::amount("unitPrice", money::parse("unitPrice", &r.unit_price, &p.currency, false)?, &p.currency)?
            }
            ResourceKind::Cost => 0,
        };
        let accrual = budget::accrual_from_code(r.accrual.trim())
            .ok_or_else(|| validation("accrual", "The accrual is start, prorated or end."))?;
        let c = CostResource {
            id: 0,
            project_id: p.id,
            name: validate::name("name", "The resource's name", &r.name)?,
            kind,
            unit: validate::optional_name("unit", "The unit", &r.unit)?,
            unit_price,
            accrual,
        };
        let label = format!("Add the resource “{}”", c.name);
        Ok(self.store.write(&label, |db| gantry_store::insert_cost_resource(db, &c))?)
    }

    /// Sets what a task uses of a resource: a quantity of a material, or
    /// an amount of a cost resource, typed; empty or 0 takes it off.
    pub fn use_resource(&mut self, task: TaskId, resource: i64, value: &str) -> Result<()> {
        let db = self.store.db();
        let t = gantry_store::task(db, task)?;
        let r = gantry_store::cost_resource(db, resource)?;
        if r.project_id != t.project_id {
            return Err(refused("That resource belongs to another project."));
        }
        let currency = gantry_store::project(db, t.project_id)?.currency;
        let blank = value.trim().is_empty();
        let u = match r.kind {
            ResourceKind::Material => ResourceUse {
                task_id: t.id,
                resource_id: r.id,
                quantity_milli: if blank { 0 } else { budget::quantity(value)? },
                amount: 0,
            },
            ResourceKind::Cost => ResourceUse {
                task_id: t.id,
                resource_id: r.id,
                quantity_milli: 0,
                amount: if blank {
                    0
                } else {
                    budget::amount("amount", money::parse("amount", value, &currency, false)?, &currency)?
                },
            },
        };
        if u.cost(&r).round() > budget::max_minor(&currency) {
            return Err(validation("quantity", "That use costs more than Gantry keeps."));
        }
        let label = format!("Set “{}” on “{}”", r.name, t.name);
        Ok(self.store.write(&label, |db| gantry_store::set_resource_use(db, &u))?)
    }

    /// Adds a payment milestone to a contract, due on a date or when a task
    /// of the contract's project finishes; the payments may not come to
    /// more than the contract's value. Returns its id.
    pub fn add_payment(&mut self, p: &NewPayment) -> Result<i64> {
        let db = self.store.db();
        let k = gantry_store::contract(db, p.contract_id)?;
        let currency = gantry_store::project(db, k.project_id)?.currency;
        let amount = budget::amount("amount", money::parse("amount", &p.amount, &currency, false)?, &currency)?;
        let due = if p.due.trim().is_empty() { None } else { Some(validate::date("due", &p.due)?) };
        if let Some(t) = p.task_id {
            let task = gantry_store::task(db, t)?;
            if task.project_id != k.project_id {
                return Err(refused("That task is in another project than the contract."));
            }
        }
        if due.is_none() && p.task_id.is_none() {
            return Err(validation("due", "A payment falls due on a date or when a milestone is reached."));
        }
        let already: i64 = gantry_store::payments(db, Some(k.project_id))?
            .iter()
            .filter(|x| x.contract_id == k.id)
            .map(|x| x.amount)
            .sum();
        if already + amount > k.value {
            return Err(validation(
                "amount",
                &format!(
                    "The payments would come to {} {currency}, more than the contract's {} {currency}.",
                    money::format(already + amount, &currency),
                    money::format(k.value, &currency)
                ),
            ));
        }
        let payment = Payment {
            id: 0,
            contract_id: k.id,
            title: validate::name("title", "The payment's name", &p.title)?,
            amount,
            due,
            task_id: p.task_id,
            paid: false,
        };
        let label = format!("Add the payment “{}” to “{}”", payment.title, k.title);
        Ok(self.store.write(&label, |db| gantry_store::insert_payment(db, &payment))?)
    }

    /// Marks a payment paid or not.
    pub fn set_payment_paid(&mut self, id: i64, paid: bool) -> Result<()> {
        let label = if paid { "Mark a payment paid" } else { "Mark a payment unpaid" };
        Ok(self.store.write(label, |db| gantry_store::set_payment_paid(db, id, paid))?)
    }

    pub fn remove_payment(&mut self, id: i64) -> Result<()> {
        Ok(self.store.write("Remove a payment", |db| gantry_store::delete_payment(db, id))?)
    }

    /// Sets a task's physical % complete ("" clears it).
    pub fn set_physical_progress(&mut self, task: TaskId, percent: &str) -> Result<()> {
        let t = gantry_store::task(self.store.db(), task)?;
        let value = match percent.trim().trim_end_matches('%').trim() {
            "" => None,
            p => Some(p.parse::<u8>().ok().filter(|p| *p <= 100).ok_or_else(|| {
                validation("physicalPercent", "Physical % complete is a whole number from 0 to 100.")
            })?),
        };
        let label = format!("Set the physical % complete of “{}”", t.name);
        Ok(self.store.write(&label, |db| gantry_store::set_physical_progress(db, t.id, value))?)
    }

    /// Records money committed, invoiced or paid; returns its id.
    pub fn add_expenditure(&mut self, e: &NewExpenditure) -> Result<i64> {
        let db = self.store.db();
        let p = gantry_store::project(db, e.project_id)?;
        let (vendor, row) = self.expenditure_from(&p, e)?;
        let label = format!("Record {} spent", money::format(row.amount, &p.currency));
        Ok(self.store.write(&label, |db| {
            let vendor_id = vendor.as_deref().map(|name| gantry_store::vendor_or_new(db, name)).transpose()?;
            gantry_store::insert_expenditure(db, &Expenditure { vendor_id, ..row })
        })?)
    }

    fn expenditure_from(&self, p: &Project, e: &NewExpenditure) -> Result<(Option<String>, Expenditure)> {
        let currency = e.currency.trim().to_ascii_uppercase();
        if !currency.is_empty() && currency != p.currency {
            return Err(validation(
                "currency",
                &format!("The amount is in {currency}; “{}” keeps its budget in {}.", p.name, p.currency),
            ));
        }
        if let Some(line) = e.line_id {
            let l = gantry_store::budget_line(self.store.db(), line)?;
            if l.project_id != p.id {
                return Err(refused("That budget line belongs to another project."));
            }
        }
        let amount = budget::amount("amount", money::parse("amount", &e.amount, &p.currency, false)?, &p.currency)?;
        let state = SpendState::from_code(&e.state)
            .ok_or_else(|| validation("state", "The state is committed, invoiced or paid."))?;
        let vendor =
            if e.vendor.trim().is_empty() { None } else { Some(validate::name("vendor", "The vendor", &e.vendor)?) };
        Ok((
            vendor,
            Expenditure {
                id: 0,
                project_id: p.id,
                line_id: e.line_id,
                vendor_id: None,
                date: validate::date("date", &e.date)?,
                amount,
                invoice: budget::note("invoice", &e.invoice)?,
                state,
                note: budget::note("note", &e.note)?,
            },
        ))
    }

    pub fn remove_expenditure(&mut self, id: i64) -> Result<()> {
        Ok(self.store.write("Remove an expenditure", |db| gantry_store::delete_expenditure(db, id))?)
    }

    /// Reads expenditures from a bank's or an ERP's CSV export, by
    /// `mapping`; all rows or none: a row that cannot be read is named and
    /// nothing is saved. Returns how many were recorded.
    pub fn import_expenditures(&mut self, project: ProjectId, csv: &str, mapping: &CsvMapping) -> Result<usize> {
        let p = gantry_store::project(self.store.db(), project)?;
        let mut rows = Vec::new();
        for (n, record) in parse_csv(csv).into_iter().enumerate().skip(usize::from(mapping.header)) {
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).map_or(String::new(), |s| s.trim().to_owned());
            let typed = NewExpenditure {
                project_id: project,
                line_id: mapping.line_id,
                vendor: cell(mapping.vendor),
                date: cell(Some(mapping.date)),
                amount: cell(Some(mapping.amount)),
                currency: String::new(),
                invoice: cell(mapping.invoice),
                state: mapping.state.map_or_else(
                    || "paid".to_owned(),
                    |i| record.get(i).map_or("paid".to_owned(), |s| s.trim().to_owned()),
                ),
                note: cell(mapping.note),
            };
            let row = self.expenditure_from(&p, &typed).map_err(|e| refused(format!("Row {}: {e}", n + 1)))?;
            rows.push(row);
        }
        if rows.is_empty() {
            return Err(refused("The file has no rows to import."));
        }
        let count = rows.len();
        let label = format!("Import {count} expenditures");
        self.store.write(&label, |db| {
            for (vendor, row) in &rows {
                let vendor_id = vendor.as_deref().map(|name| gantry_store::vendor_or_new(db, name)).transpose()?;
                gantry_store::insert_expenditure(db, &Expenditure { vendor_id, ..row.clone() })?;
            }
            Ok(())
        })?;
        Ok(count)
    }

    /// Adds a vendor to the portfolio's register; returns its id.
    pub fn add_vendor(&mut self, name: &str, contact: &str, supplies: &str) -> Result<i64> {
        let v = Vendor {
            id: 0,
            name: validate::name("name", "The vendor's name", name)?,
            contact: budget::note("contact", contact)?,
            supplies: budget::note("supplies", supplies)?,
        };
        if gantry_store::vendor_named(self.store.db(), &v.name)?.is_some() {
            return Err(validation("name", &format!("“{}” is already a vendor.", v.name)));
        }
        Ok(self.store.write(&format!("Add vendor “{}”", v.name), |db| gantry_store::insert_vendor(db, &v))?)
    }

    /// Records a contract with a vendor (added to the register when new).
    pub fn add_contract(&mut self, k: &NewContract) -> Result<i64> {
        let db = self.store.db();
        let p = gantry_store::project(db, k.project_id)?;
        let vendor = validate::name("vendor", "The vendor", &k.vendor)?;
        let title = validate::name("title", "The contract's title", &k.title)?;
        let value = budget::amount("value", money::parse("value", &k.value, &p.currency, false)?, &p.currency)?;
        let start = validate::date("start", &k.start)?;
        let end = validate::date("end", &k.end)?;
        let renewal = if k.renewal.trim().is_empty() { None } else { Some(validate::date("renewal", &k.renewal)?) };
        budget::contract_dates(start, end, renewal)?;
        if !(0..=3660).contains(&k.notice_days) {
            return Err(validation("noticeDays", "Notice is 0 to 3,660 days."));
        }
        let contract = Contract {
            id: 0,
            vendor_id: 0,
            project_id: p.id,
            line_id: k.line_id,
            title,
            value,
            start,
            end,
            notice_days: k.notice_days,
            renewal,
            status: ContractStatus::Active,
            deliverables: budget::note("deliverables", &k.deliverables)?,
        };
        let label = format!("Add contract “{}”", contract.title);
        Ok(self.store.write(&label, |db| {
            let vendor_id = gantry_store::vendor_or_new(db, &vendor)?;
            gantry_store::insert_contract(db, &Contract { vendor_id, ..contract.clone() })
        })?)
    }
}

fn contract_row(
    k: &Contract,
    vendors: &HashMap<i64, String>,
    lines: &HashMap<i64, String>,
    project: &str,
    today: NaiveDate,
) -> ContractRow {
    ContractRow {
        id: k.id,
        vendor: vendors.get(&k.vendor_id).cloned().unwrap_or_default(),
        project: project.to_owned(),
        title: k.title.clone(),
        value: k.value,
        start: k.start.to_string(),
        end: k.end.to_string(),
        renewal: k.renewal.map(|d| d.to_string()),
        notice_by: k.notice_by().to_string(),
        status: k.status.code().to_owned(),
        up_for_renewal: k.up_for_renewal(today, RENEWAL_WARNING_DAYS),
        line: k.line_id.and_then(|l| lines.get(&l).cloned()),
        payments: Vec::new(),
    }
}

/// The share of `[start, finish)`'s working time before `at`, as a fraction.
fn share_elapsed(
    cal: &gantry_core::calendar::WorkCalendar,
    start: NaiveDateTime,
    finish: NaiveDateTime,
    at: NaiveDateTime,
) -> (i64, i64) {
    if at <= start {
        return (0, 1);
    }
    if at >= finish {
        return (1, 1);
    }
    let whole = cal.working_minutes_between(start, finish);
    if whole <= 0 {
        return (1, 1);
    }
    (cal.working_minutes_between(start, at).clamp(0, whole), whole)
}

fn baseline_start(c: &Costed) -> Option<NaiveDateTime> {
    c.baseline_dates.values().map(|d| d.0).min()
}

/// The baseline's start and its cumulative planned value at the end of each week from it.
type Weekly = (Option<NaiveDateTime>, Vec<i64>);

/// Cumulative planned value at the end of each week from the baseline's start.
fn pv_by_week(c: &Costed) -> Weekly {
    let Some(start) = baseline_start(c) else { return (None, Vec::new()) };
    let finish = c.baseline_dates.values().map(|d| d.1).max().unwrap_or(start);
    let parents: std::collections::HashSet<TaskId> = c.tasks.iter().filter_map(|t| t.parent_id).collect();
    let weeks = ((finish - start).num_days() / 7 + 1).clamp(1, 520);
    let out = (1..=weeks)
        .map(|k| {
            let at = start + chrono::Duration::days(7 * k);
            c.rows
                .iter()
                .filter(|r| !parents.contains(&r.uid))
                .filter_map(|r| {
                    c.baseline_dates.get(&r.uid).map(|&(s, f)| (r.baseline_cost, share_elapsed(&c.calendar, s, f, at)))
                })
                .fold(Exact::ZERO, |sum, (cost, (n, d))| sum.plus(Exact::whole(cost).scale(n, d)))
                .round()
        })
        .collect();
    (Some(start), out)
}

/// A project's materials and cost resources with their uses.
fn resource_rows(db: &Db, project: ProjectId, c: &Costed) -> Result<Vec<ResourceRow>> {
    let names: HashMap<TaskId, &str> = c.tasks.iter().map(|t| (t.id, t.name.as_str())).collect();
    let uses = gantry_store::resource_uses(db, project)?;
    Ok(gantry_store::cost_resources(db, project)?
        .into_iter()
        .map(|r| {
            let rows: Vec<UseRow> = uses
                .iter()
                .filter(|u| u.resource_id == r.id)
                .map(|u| UseRow {
                    task_id: u.task_id,
                    task: names.get(&u.task_id).map_or(String::new(), |n| (*n).to_owned()),
                    quantity_milli: u.quantity_milli,
                    amount: u.amount,
                    cost: u.cost(&r).round(),
                })
                .collect();
            let total = uses.iter().filter(|u| u.resource_id == r.id).fold(Exact::ZERO, |s, u| s.plus(u.cost(&r)));
            ResourceRow {
                id: r.id,
                kind: r.kind.code().to_owned(),
                unit: r.unit.clone(),
                unit_price: r.unit_price,
                accrual: budget::accrual_code(r.accrual).to_owned(),
                uses: rows,
                cost: total.round(),
                name: r.name,
            }
        })
        .collect())
}

/// Each task's cost, indented as the WBS is.
fn task_money(c: &Costed, fixed: &HashMap<TaskId, FixedCost>) -> Vec<TaskMoney> {
    let parents: std::collections::HashSet<TaskId> = c.tasks.iter().filter_map(|t| t.parent_id).collect();
    let mut depth: HashMap<TaskId, u32> = HashMap::new();
    c.tasks
        .iter()
        .zip(&c.rows)
        .map(|(t, r)| {
            let d = t.parent_id.and_then(|p| depth.get(&p)).map_or(0, |d| d + 1);
            depth.insert(t.id, d);
            let f = fixed.get(&t.id);
            TaskMoney {
                id: t.id,
                name: t.name.clone(),
                depth: d,
                summary: parents.contains(&t.id),
                cost: r.cost,
                actual_cost: r.actual_cost,
                fixed_cost: f.map_or(0, |f| f.amount),
                accrual: budget::accrual_code(f.map_or(Accrual::Prorated, |f| f.accrual)).to_owned(),
                percent_complete: t.percent_complete,
                physical_percent: c.physical.get(&t.id).copied(),
            }
        })
        .collect()
}

fn settings_view(s: &Settings) -> BudgetSettings {
    BudgetSettings {
        eac_method: s.eac.code().to_owned(),
        warn_below: s.warn_below_permille as f64 / 1000.0,
        bad_below: s.bad_below_permille as f64 / 1000.0,
        earned_from: if s.physical { "physical" } else { "percent" }.to_owned(),
        methods: EacMethod::ALL
            .iter()
            .map(|m| EacChoice { code: m.code().to_owned(), formula: m.formula().to_owned() })
            .collect(),
    }
}

fn project_value(c: &Costed, status: NaiveDate, weekly: &Weekly, method: EacMethod) -> ProjectValue {
    let parents: std::collections::HashSet<TaskId> = c.tasks.iter().filter_map(|t| t.parent_id).collect();
    let leaves = c.rows.iter().filter(|r| !parents.contains(&r.uid));
    let (mut bac, mut pv, mut ev, mut ac) = (0, 0, 0, 0);
    for r in leaves {
        bac += r.baseline_cost;
        pv += r.bcws;
        ev += r.bcwp;
        ac += r.acwp;
    }
    let value = EarnedValue { bac, pv, ev, ac };
    let p = value.performance(method);
    let (start, curve) = (weekly.0, &weekly.1);
    let es = start.filter(|_| bac > 0).map(|start| {
        let at = (end_of(status) - start).num_minutes() as f64 / (7.0 * 1440.0);
        // The planned duration: the baseline's start to its finish, in weeks.
        let finish = c.baseline_dates.values().map(|d| d.1).max().unwrap_or(start);
        let pd = (finish - start).num_minutes() as f64 / (7.0 * 1440.0);
        cost::earned_schedule(curve, ev, at.max(0.0), pd)
    });
    ProjectValue {
        bac,
        pv,
        ev,
        ac,
        sv: p.sv,
        cv: p.cv,
        spi: p.spi,
        cpi: p.cpi,
        eac: p.eac,
        etc: p.etc,
        vac: p.vac,
        tcpi: p.tcpi,
        es: es.map(|e| e.es),
        spit: es.and_then(|e| e.spi_t),
        ieact: es.and_then(|e| e.ieac_t),
    }
}

/// The S-curve week by week: planned value over the baseline, and earned
/// value and actual cost up to the status date. A task earns its value as
/// its hours were logged (or evenly from its start, without hours).
fn s_curve(c: &Costed, status: NaiveDate, weekly: &Weekly) -> (Vec<CurvePoint>, Option<NaiveDateTime>) {
    let (start, pv) = (weekly.0, &weekly.1);
    let Some(start) = start else { return (Vec::new(), None) };
    let finish = c.baseline_dates.values().map(|d| d.1).max();
    let status_end = end_of(status);
    let parents: std::collections::HashSet<TaskId> = c.tasks.iter().filter_map(|t| t.parent_id).collect();
    let fixed_actual: i64 =
        c.rows.iter().filter(|r| !parents.contains(&r.uid)).map(|r| r.acwp).sum::<i64>() - c.labour_actual.round();
    let total_labour: Exact = c.labour_by_day.iter().fold(Exact::ZERO, |s, (_, v)| s.plus(*v));
    let ev_now: i64 = c.rows.iter().filter(|r| !parents.contains(&r.uid)).map(|r| r.bcwp).sum();
    let points = pv
        .iter()
        .enumerate()
        .map(|(k, &pv)| {
            let at = start + chrono::Duration::days(7 * (k as i64 + 1));
            let (ev, ac) = if at.date() <= status + Days::new(6) {
                let at = at.min(status_end);
                let labour =
                    c.labour_by_day.iter().filter(|(d, _)| end_of(*d) <= at).fold(Exact::ZERO, |s, (_, v)| s.plus(*v));
                // What was spent and earned by then, as a share of what is by the status date.
                let spent = if total_labour.is_zero() { Exact::ZERO } else { labour };
                let share = share_elapsed(&c.calendar, start, status_end, at);
                let ac = spent.round() + fixed_actual * share.0 / share.1.max(1);
                let ev = ev_now * share.0 / share.1.max(1);
                (Some(ev), Some(ac))
            } else {
                (None, None)
            };
            CurvePoint { date: at.date().to_string(), pv, ev, ac }
        })
        .collect();
    (points, finish)
}

/// The cells of a CSV text: commas, quotes doubled inside quoted cells,
/// any line ending; a semicolon file (as European spreadsheets write) is
/// read by semicolons.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let first = text.lines().next().unwrap_or("");
    let sep = if first.matches(';').count() > first.matches(',').count() { ';' } else { ',' };
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => row.push(std::mem::take(&mut cell)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            c => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_keep_quoted_commas_and_semicolon_files_are_read_too() {
        let rows = parse_csv("date,amount,vendor\r\n2027-01-05,\"1,250.00\",\"Contoso \"\"EU\"\"\"\n");
        assert_eq!(rows[1], vec!["2027-01-05", "1,250.00", "Contoso \"EU\""]);
        let rows = parse_csv("Datum;Betrag\n05.01.2027;1.250,00\n");
        assert_eq!(rows[1], vec!["05.01.2027", "1.250,00"]);
    }
}
