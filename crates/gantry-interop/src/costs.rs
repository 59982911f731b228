//! The costs of an MS Project XML plan, computed by Gantry from what the
//! file says the plan is (work, rates and rate tables, overtime, cost per
//! use, accrual, material and cost resources, fixed costs, progress,
//! baselines), beside the costs MS Project stored, for comparison.
//!
//! MSPDI writes costs in hundredths of the currency's major unit whatever
//! the currency, rates in major units per hour (or per unit of a material),
//! and the work of a material in hours that are its units.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use gantry_core::calendar::WorkCalendar;
use gantry_core::cost::{self, Accrual, EarnedValue, Exact, Priced, Rate, RateTable, Stretch};
use gantry_core::model::TaskId;

use crate::Result;
use crate::mspdi::{date_time, duration_minutes, duration_seconds};
use crate::xml::{self, Element};

/// One task's costs, in minor units, and work, in minutes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskCosts {
    pub uid: TaskId,
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

/// A plan's costs: each task's, and the project's earned value.
#[derive(Debug, Clone)]
pub struct PlanCosts {
    pub currency: String,
    pub status_date: Option<NaiveDateTime>,
    pub tasks: Vec<TaskCosts>,
    pub project: EarnedValue,
    /// When each task's fixed cost accrues, by task UID.
    pub accruals: HashMap<TaskId, Accrual>,
    /// Baseline 0 as the file saved it, by task UID: start, finish and
    /// duration in minutes (its cost and work are in `tasks`).
    pub baseline: HashMap<TaskId, (NaiveDateTime, NaiveDateTime, i64)>,
    /// The materials and cost resources, and what each task uses of them.
    pub resources: Vec<FileResource>,
    pub uses: Vec<ResourceUse>,
    /// Each work resource's rates that change on a date (its rate table
    /// A after the first row), by resource UID, earliest first.
    pub rate_changes: HashMap<i64, Vec<gantry_core::cost::Rate>>,
}

/// A material or cost resource of the file: its UID is `id`, its price per
/// unit (a material's standard rate) in minor units.
pub type FileResource = gantry_core::budget::CostResource;
pub use gantry_core::budget::ResourceUse;

/// What MS Project stored for a task, where it stored it.
pub type Stored = HashMap<TaskId, HashMap<&'static str, i64>>;

/// The fields compared with MS Project's, as `gantry costs` names them.
pub const FIELDS: [&str; 11] = [
    "work",
    "actualWork",
    "baselineWork",
    "cost",
    "actualCost",
    "remainingCost",
    "fixedCost",
    "baselineCost",
    "bcws",
    "bcwp",
    "acwp",
];

impl TaskCosts {
    /// A field by its name in `gantry costs`.
    pub fn field(&self, name: &str) -> i64 {
        match name {
            "work" => self.work,
            "actualWork" => self.actual_work,
            "baselineWork" => self.baseline_work,
            "cost" => self.cost,
            "actualCost" => self.actual_cost,
            "remainingCost" => self.remaining_cost,
            "fixedCost" => self.fixed_cost,
            "baselineCost" => self.baseline_cost,
            "bcws" => self.bcws,
            "bcwp" => self.bcwp,
            "acwp" => self.acwp,
            _ => 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Work,
    Material,
    Cost,
}

struct Resource {
    name: String,
    unit: String,
    /// The standard rate as the file has it: -1 when it is no amount.
    price: i64,
    kind: Kind,
    tables: Vec<RateTable>,
    accrual: Accrual,
    calendar: Option<i64>,
}

/// Reads an MSPDI document's costs as Gantry computes them, and as MS
/// Project stored them.
pub fn read(bytes: &[u8]) -> Result<(PlanCosts, Stored)> {
    let plan = crate::mspdi::read(bytes)?;
    let root = xml::parse(bytes)?;
    let currency = root.text_of("CurrencyCode").unwrap_or("EUR").trim().to_ascii_uppercase();
    let digits = gantry_core::money::minor_digits(&currency);
    // Hundredths of a major unit, as MSPDI writes costs, to minor units.
    let minor = |text: Option<&str>| -> i64 { crate::mspdi::hundredths(text, digits) };
    let calendars: HashMap<i64, &WorkCalendar> = plan.calendars.iter().map(|c| (c.id, c)).collect();
    let resources = read_resources(root.child("Resources"), &currency);
    let measured = plan.status_date.is_some() || date_time(root.text_of("CurrentDate")).is_some();

    let mut stored: Stored = HashMap::new();
    let mut own: HashMap<TaskId, TaskCosts> = HashMap::new();
    let mut progress: HashMap<TaskId, (u8, Accrual)> = HashMap::new();
    let mut baseline_dates = HashMap::new();
    for t in root.child("Tasks").map(|t| t.all("Task").collect::<Vec<_>>()).unwrap_or_default() {
        let Some(uid) = t.text_of("UID").and_then(|u| u.trim().parse::<i64>().ok()) else { continue };
        let baseline = t.all("Baseline").find(|b| b.text_of("Number").map(str::trim) == Some("0"));
        let mut s = HashMap::new();
        for (field, tag) in [
            ("cost", "Cost"),
            ("actualCost", "ActualCost"),
            ("remainingCost", "RemainingCost"),
            ("fixedCost", "FixedCost"),
            ("bcws", "BCWS"),
            ("bcwp", "BCWP"),
            ("acwp", "ACWP"),
        ] {
            if t.text_of(tag).is_some() {
                s.insert(field, minor(t.text_of(tag)));
            }
        }
        for (field, tag) in [("work", "Work"), ("actualWork", "ActualWork")] {
            if let Some(m) = t.text_of(tag).and_then(duration_minutes) {
                s.insert(field, m);
            }
        }
        if let Some(b) = baseline
            && let (Some(start), Some(finish)) = (date_time(b.text_of("Start")), date_time(b.text_of("Finish")))
            && start <= finish
        {
            let duration = b.text_of("Duration").and_then(duration_minutes).unwrap_or(0).max(0);
            baseline_dates.insert(uid, (start, finish, duration));
        }
        if let Some(b) = baseline {
            if b.text_of("Cost").is_some() {
                s.insert("baselineCost", minor(b.text_of("Cost")));
            }
            if let Some(m) = b.text_of("Work").and_then(duration_minutes) {
                s.insert("baselineWork", m);
            }
        }
        stored.insert(uid, s);
        let percent =
            t.text_of("PercentComplete").and_then(|p| p.trim().parse::<i64>().ok()).unwrap_or(0).clamp(0, 100) as u8;
        let accrual = accrual(t.text_of("FixedCostAccrual"));
        progress.insert(uid, (percent, accrual));
        own.insert(
            uid,
            TaskCosts {
                uid,
                name: t.text_of("Name").unwrap_or_default().to_owned(),
                fixed_cost: minor(t.text_of("FixedCost")),
                baseline_cost: baseline.map_or(0, |b| minor(b.text_of("Cost"))),
                baseline_work: baseline.and_then(|b| b.text_of("Work")).and_then(duration_minutes).unwrap_or(0),
                ..TaskCosts::default()
            },
        );
    }

    // Each assignment's cost, work and actuals on its task.
    let mut uses = Vec::new();
    let mut exact: HashMap<TaskId, (Exact, Exact)> = HashMap::new();
    for a in root.child("Assignments").map(|l| l.all("Assignment").collect::<Vec<_>>()).unwrap_or_default() {
        let Some(task) = a.text_of("TaskUID").and_then(|u| u.trim().parse::<i64>().ok()) else { continue };
        let Some(res) =
            a.text_of("ResourceUID").and_then(|u| u.trim().parse::<i64>().ok()).and_then(|r| resources.get(&r))
        else {
            continue;
        };
        let Some(t) = own.get_mut(&task) else { continue };
        let work = a.text_of("Work").and_then(duration_minutes).unwrap_or(0);
        let actual_work = a.text_of("ActualWork").and_then(duration_minutes).unwrap_or(0);
        let entry = exact.entry(task).or_insert((Exact::ZERO, Exact::ZERO));
        if res.kind == Kind::Work {
            t.work += work;
            t.actual_work += actual_work;
        }
        if res.kind == Kind::Material {
            // A material's work is its units, in hours.
            uses.push(ResourceUse {
                task_id: task,
                resource_id: a.text_of("ResourceUID").and_then(|u| u.trim().parse().ok()).unwrap_or(0),
                quantity_milli: (i128::from(work.max(0)) * 1000 / 60).min(i128::from(i64::MAX)) as i64,
                amount: 0,
            });
        }
        if res.kind == Kind::Cost {
            // A cost resource's amount is typed on the assignment.
            let cost = minor(a.text_of("Cost"));
            uses.push(ResourceUse {
                task_id: task,
                resource_id: a.text_of("ResourceUID").and_then(|u| u.trim().parse().ok()).unwrap_or(0),
                quantity_milli: 0,
                amount: cost,
            });
            let actual = minor(a.text_of("ActualCost"));
            *entry = (entry.0.plus(Exact::whole(cost)), entry.1.plus(Exact::whole(actual)));
            continue;
        }
        let (Some(start), Some(finish)) = (date_time(a.text_of("Start")), date_time(a.text_of("Finish"))) else {
            continue;
        };
        let calendar = res.calendar.and_then(|c| calendars.get(&c).copied()).unwrap_or(&plan.calendar);
        let (mut planned, mut done) = (Vec::new(), Vec::new());
        for d in a.all("TimephasedData") {
            let (Some(s), Some(f)) = (date_time(d.text_of("Start")), date_time(d.text_of("Finish"))) else { continue };
            let minutes = d.text_of("Value").and_then(duration_minutes).unwrap_or(0);
            match d.text_of("Type").map(str::trim) {
                Some("1") => planned.push(Stretch { start: s, finish: f, minutes }),
                Some("2") => {
                    planned.push(Stretch { start: s, finish: f, minutes });
                    done.push(Stretch { start: s, finish: f, minutes });
                }
                _ => {}
            }
        }
        if planned.iter().all(|s| s.minutes == 0) {
            planned = vec![Stretch { start, finish, minutes: work }];
        }
        if done.iter().all(|s| s.minutes == 0) {
            done = vec![cost::done_stretch(calendar, start, finish, work, actual_work)];
        }
        let table = a.text_of("CostRateTable").and_then(|c| c.trim().parse::<usize>().ok()).unwrap_or(0);
        let rates = res.tables.get(table).or(res.tables.first()).cloned().unwrap_or_default();
        let units = a
            .text_of("Units")
            .and_then(|u| u.trim().parse::<f64>().ok())
            .filter(|u| u.is_finite() && *u >= 0.0)
            .map_or(1000, |u| (u * 1000.0).round().min(1e9) as i64);
        let overtime = a.text_of("OvertimeWork").and_then(duration_minutes).unwrap_or(0).clamp(0, work.max(0));
        let c = cost::assignment_cost(&Priced {
            work,
            overtime,
            planned: &planned,
            actual_work,
            actual_split: a.text_of("ActualOvertimeWork").and_then(duration_seconds).map(|overtime| {
                let done = a.text_of("ActualWork").and_then(duration_seconds).unwrap_or(0);
                [done - overtime.min(done), overtime.min(done)]
            }),
            done: &done,
            rates: &rates,
            uses_permille: if res.kind == Kind::Work { units } else { 1000 },
            accrual: res.accrual,
            calendar,
        });
        *entry = (entry.0.plus(c.cost), entry.1.plus(c.actual));
    }

    // Leaves, then summaries bottom up (children follow their parent in the file).
    let order: Vec<_> = plan.tasks.iter().map(|t| (t.id, t.parent_id)).collect();
    let mut rolled: HashMap<TaskId, (Exact, Exact)> = HashMap::new();
    for (id, _) in &order {
        let (percent, accrual) = progress.get(id).copied().unwrap_or((0, Accrual::Prorated));
        let fixed = own.get(id).map_or(0, |t| t.fixed_cost);
        let (c, a) = exact.get(id).copied().unwrap_or((Exact::ZERO, Exact::ZERO));
        rolled.insert(*id, (c.plus(Exact::whole(fixed)), a.plus(cost::fixed_cost_actual(fixed, accrual, percent))));
    }
    for (id, parent) in order.iter().rev() {
        let Some(p) = parent else { continue };
        let child = rolled.get(id).copied().unwrap_or((Exact::ZERO, Exact::ZERO));
        let (work, actual_work) = own.get(id).map_or((0, 0), |t| (t.work, t.actual_work));
        if let Some(entry) = rolled.get_mut(p) {
            *entry = (entry.0.plus(child.0), entry.1.plus(child.1));
        }
        if let Some(t) = own.get_mut(p) {
            t.work += work;
            t.actual_work += actual_work;
        }
    }
    let mut tasks = Vec::new();
    for (id, _) in &order {
        let Some(mut t) = own.remove(id) else { continue };
        let (c, a) = rolled.get(id).copied().unwrap_or((Exact::ZERO, Exact::ZERO));
        t.cost = c.round();
        t.actual_cost = a.round();
        t.remaining_cost = c.minus(a).round();
        let percent = progress.get(id).map_or(0, |p| p.0);
        t.bcwp = Exact::whole(t.baseline_cost).scale(i64::from(percent), 100).round();
        // MS Project measures at the status date, or without one at the
        // current date; the actual cost is all done by then.
        t.acwp = if measured { t.actual_cost } else { 0 };
        t.bcws = 0;
        tasks.push(t);
    }
    let top: Vec<&TaskCosts> = plan
        .tasks
        .iter()
        .filter(|t| t.parent_id.is_none())
        .filter_map(|t| tasks.iter().find(|c| c.uid == t.id))
        .collect();
    let project = EarnedValue {
        bac: top.iter().map(|t| t.baseline_cost).sum(),
        pv: top.iter().map(|t| t.bcws).sum(),
        ev: top.iter().map(|t| t.bcwp).sum(),
        ac: top.iter().map(|t| t.actual_cost).sum(),
    };
    let accruals = progress.iter().map(|(id, (_, a))| (*id, *a)).collect();
    let mut file_resources: Vec<FileResource> = resources
        .iter()
        .filter(|(_, r)| r.kind != Kind::Work && !r.name.is_empty())
        .map(|(&uid, r)| FileResource {
            id: uid,
            project_id: 0,
            name: r.name.clone(),
            kind: if r.kind == Kind::Material {
                gantry_core::budget::ResourceKind::Material
            } else {
                gantry_core::budget::ResourceKind::Cost
            },
            unit: r.unit.clone(),
            // The importer decides what a price that is no amount becomes.
            unit_price: if r.kind == Kind::Material { r.price } else { 0 },
            accrual: r.accrual,
        })
        .collect();
    file_resources.sort_by_key(|r| r.id);
    let rate_changes = resources
        .iter()
        .filter(|(_, r)| r.kind == Kind::Work)
        .filter_map(|(&uid, r)| {
            // The first row is the rate the resource starts with.
            let dated: Vec<_> = r.tables.first()?.rates().iter().skip(1).copied().collect();
            (!dated.is_empty()).then_some((uid, dated))
        })
        .collect();
    Ok((
        PlanCosts {
            currency,
            status_date: plan.status_date,
            tasks,
            project,
            accruals,
            baseline: baseline_dates,
            resources: file_resources,
            uses,
            rate_changes,
        },
        stored,
    ))
}

fn read_resources(list: Option<&Element>, currency: &str) -> HashMap<i64, Resource> {
    let mut out = HashMap::new();
    for r in list.map(|l| l.all("Resource").collect::<Vec<_>>()).unwrap_or_default() {
        let Some(uid) = r.text_of("UID").and_then(|u| u.trim().parse::<i64>().ok()) else { continue };
        let kind = match r.text_of("Type").map(str::trim) {
            Some("0") if r.text_of("IsCostResource") == Some("1") => Kind::Cost,
            Some("0") => Kind::Material,
            Some("2") => Kind::Cost,
            _ => Kind::Work,
        };
        let rate = |tag: &str, e: &Element| crate::mspdi::amount(e.text_of(tag), currency).max(0);
        // A cost per use is a cost: in hundredths, not major units like a rate.
        let per_use = |e: &Element| {
            crate::mspdi::hundredths(e.text_of("CostPerUse"), gantry_core::money::minor_digits(currency)).max(0)
        };
        let mut tables: Vec<Vec<Rate>> = vec![Vec::new(); 5];
        for x in r.child("Rates").map(|l| l.all("Rate").collect::<Vec<_>>()).unwrap_or_default() {
            let table = x.text_of("RateTable").and_then(|t| t.trim().parse::<usize>().ok()).unwrap_or(0).min(4);
            let from = date_time(x.text_of("RatesFrom")).unwrap_or(NaiveDateTime::MIN);
            tables[table].push(Rate {
                from,
                standard: rate("StandardRate", x),
                overtime: rate("OvertimeRate", x),
                per_use: per_use(x),
            });
        }
        let flat = RateTable::flat(rate("StandardRate", r), rate("OvertimeRate", r), per_use(r));
        let tables = tables.into_iter().map(|t| if t.is_empty() { flat.clone() } else { RateTable::new(t) }).collect();
        out.insert(
            uid,
            Resource {
                name: r.text_of("Name").unwrap_or_default().trim().to_owned(),
                unit: r.text_of("MaterialLabel").unwrap_or_default().trim().to_owned(),
                price: crate::mspdi::amount(r.text_of("StandardRate"), currency),
                kind,
                tables,
                accrual: accrual(r.text_of("AccrueAt")),
                calendar: r.text_of("CalendarUID").and_then(|c| c.trim().parse::<i64>().ok()),
            },
        );
    }
    out
}

/// MSPDI's accrual codes: 1 start, 2 end, 3 prorated.
fn accrual(text: Option<&str>) -> Accrual {
    match text.map(str::trim) {
        Some("1") => Accrual::Start,
        Some("2") => Accrual::End,
        _ => Accrual::Prorated,
    }
}
