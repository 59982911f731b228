//! `gantry risks` and `gantry issues`: a project's (or the portfolio's) risk
//! register, highest first, and issue log.

use std::path::Path;

use crate::{open, project};
use gantry_core::money;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Prints the risks: a table, or every field as JSON.
pub fn risks(db: &Path, name: Option<&str>, json: bool) -> Result<(), String> {
    let p = open(db)?;
    let rows = p.risk_rows(project(&p, name)?, today()).map_err(|e| e.to_string())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?);
        return Ok(());
    }
    let whole = name.is_none();
    if whole {
        print!("{:<24} ", "PROJECT");
    }
    println!(
        "{:<6} {:<44} {:<12} {:>3} {:>3} {:>5} {:>14}  {:<18} {:<10} REVIEW",
        "ID", "RISK", "CATEGORY", "P", "I", "SCORE", "EMV", "OWNER", "STATUS"
    );
    for r in rows {
        let title: String = r.title.chars().take(44).collect();
        let category: String = r.category.chars().take(12).collect();
        let emv =
            r.emv.map(|e| format!("{} {}", money::format(e, &r.currency), r.currency)).unwrap_or_else(|| "–".into());
        let review = match (&r.next_review, r.review_overdue) {
            (Some(d), true) => format!("{d} overdue"),
            (Some(d), false) => d.clone(),
            (None, _) => "–".into(),
        };
        if whole {
            print!("{:<24} ", r.project.chars().take(24).collect::<String>());
        }
        println!(
            "{:<6} {:<44} {:<12} {:>3} {:>3} {:>5} {:>14}  {:<18} {:<10} {}",
            r.code,
            title,
            category,
            r.probability,
            r.impact,
            r.score,
            emv,
            r.owner.as_deref().unwrap_or("–"),
            r.status,
            review
        );
    }
    Ok(())
}

/// Prints the issues: a table, or every field as JSON.
pub fn issues(db: &Path, name: Option<&str>, json: bool) -> Result<(), String> {
    let p = open(db)?;
    let rows = p.issue_rows(project(&p, name)?, today()).map_err(|e| e.to_string())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?);
        return Ok(());
    }
    let whole = name.is_none();
    if whole {
        print!("{:<24} ", "PROJECT");
    }
    println!("{:<6} {:<44} {:<9} {:<18} {:<12} {:<11} FROM", "ID", "ISSUE", "SEVERITY", "OWNER", "STATUS", "DUE");
    for i in rows {
        let title: String = i.title.chars().take(44).collect();
        let due = match (&i.due, i.overdue) {
            (Some(d), true) => format!("{d}!"),
            (Some(d), false) => d.clone(),
            (None, _) => "–".into(),
        };
        if whole {
            print!("{:<24} ", i.project.chars().take(24).collect::<String>());
        }
        println!(
            "{:<6} {:<44} {:<9} {:<18} {:<12} {:<11} {}",
            i.code,
            title,
            i.severity,
            i.owner.as_deref().unwrap_or("–"),
            i.status,
            due,
            i.risk.as_deref().unwrap_or("")
        );
    }
    Ok(())
}
