//! `gantry costs`: what a plan costs, task by task, and its earned value.

use std::path::Path;

use gantry_core::cost::EacMethod;
use gantry_interop::costs::{self, PlanCosts};
use serde_json::{Value, json};

/// Prints the costs of an MS Project XML file.
pub fn costs(file: &Path, json: bool) -> Result<(), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    if bytes.starts_with(b"SQLite format 3\0") {
        return Err(format!(
            "{} is a portfolio: Gantry computes the costs of MS Project XML files for now; a portfolio's budget is not built yet.",
            file.display()
        ));
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
