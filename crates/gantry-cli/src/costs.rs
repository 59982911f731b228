//! `gantry costs`: what a plan costs, task by task, and its earned value.

use std::path::Path;

use gantry_core::cost::EacMethod;
use gantry_interop::costs::{self, PlanCosts};
use serde_json::{Value, json};

/// Prints the costs of an MS Project XML file, or of a project of a portfolio.
pub fn costs(
    file: &Path,
    project: Option<&str>,
    status: Option<&str>,
    baseline: Option<&str>,
    json: bool,
) -> Result<(), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    if bytes.starts_with(b"SQLite format 3\0") {
        let Some(name) = project else {
            return Err(format!("{} is a portfolio: name the project with --project NAME.", file.display()));
        };
        let status = status
            .map(|s| {
                chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                    .map_err(|_| format!("“{s}” is not a date (YYYY-MM-DD)."))
            })
            .transpose()?;
        let portfolio = gantry_api::Portfolio::open(file).map_err(|e| e.to_string())?;
        let today = chrono::Local::now().date_naive();
        let report = portfolio.cost_report_named(name, status, baseline, today).map_err(|e| e.to_string())?;
        if json {
            println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
        } else {
            let money = |m: i64| gantry_core::money::format(m, &report.currency);
            for t in &report.tasks {
                println!(
                    "{:<44} {:>14} {:>14} {:>14}",
                    t.name.chars().take(44).collect::<String>(),
                    money(t.cost),
                    money(t.actual_cost),
                    money(t.baseline_cost)
                );
            }
            let v = &report.project;
            println!(
                "BAC {}  PV {}  EV {}  AC {}  CPI {}  SPI {}",
                money(v.bac),
                money(v.pv),
                money(v.ev),
                money(v.ac),
                ratio(v.cpi),
                ratio(v.spi)
            );
        }
        return Ok(());
    }
    if project.is_some() || status.is_some() || baseline.is_some() {
        return Err(
            "--project, --status-date and --baseline are for a portfolio; an MS Project file brings its own.".into()
        );
    }
    let (plan, _) = costs::read(&bytes).map_err(|e| e.to_string())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report(&plan)).map_err(|e| e.to_string())?);
    } else {
        let money = |m: i64| gantry_core::money::format(m, &plan.currency);
        println!("{:>6} {:<40} {:>14} {:>14} {:>14}", "uid", "task", "cost", "actual", "baseline");
        for t in &plan.tasks {
            println!(
                "{:>6} {:<40} {:>14} {:>14} {:>14}",
                t.uid,
                t.name.chars().take(40).collect::<String>(),
                money(t.cost),
                money(t.actual_cost),
                money(t.baseline_cost)
            );
        }
    }
    Ok(())
}

fn ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "–".to_owned(), |r| format!("{r:.2}"))
}

/// The JSON `gantry costs --json` prints: money in minor units, work in
/// minutes, ratios as numbers or null where they would divide by zero.
pub fn report(plan: &PlanCosts) -> Value {
    let tasks: Vec<Value> = plan
        .tasks
        .iter()
        .map(|t| {
            json!({
                "uid": t.uid, "name": t.name, "work": t.work, "actualWork": t.actual_work, "baselineWork": t.baseline_work,
                "cost": t.cost, "actualCost": t.actual_cost, "remainingCost": t.remaining_cost, "fixedCost": t.fixed_cost,
                "baselineCost": t.baseline_cost, "bcws": t.bcws, "bcwp": t.bcwp, "acwp": t.acwp,
            })
        })
        .collect();
    let ev = plan.project;
    let p = ev.performance(EacMethod::default());
    json!({
        "currency": plan.currency,
        "statusDate": plan.status_date.map(|d| d.date().to_string()),
        "tasks": tasks,
        "project": {
            "bac": ev.bac, "pv": ev.pv, "ev": ev.ev, "ac": ev.ac, "sv": p.sv, "cv": p.cv, "spi": p.spi, "cpi": p.cpi,
            "eac": p.eac, "etc": p.etc, "vac": p.vac, "tcpi": p.tcpi,
            // Earned Schedule needs the baseline's planned value period by
            // period, which an MS Project file does not carry.
            "es": Value::Null, "spit": Value::Null, "ieact": Value::Null,
        },
    })
}
