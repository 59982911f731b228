//! `gantry team`, `gantry workload` and `gantry timesheets`: the team, who
//! is overloaded when across every project, and the hours logged.

use std::path::{Path, PathBuf};

use crate::open;
use chrono::NaiveDate;
use clap::Subcommand;
use gantry_api::wire::Period;
use gantry_core::{money, units};

#[derive(Subcommand)]
pub enum TimesheetsCommand {
    /// Write the hours logged in a period as CSV, one line an entry.
    Export {
        /// The portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// The first day (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// The last day (YYYY-MM-DD), included.
        #[arg(long)]
        to: String,
        /// Where to write the CSV file.
        #[arg(short, long)]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum PeriodArg {
    Day,
    Week,
    Month,
}

fn date(raw: &str) -> Result<NaiveDate, String> {
    gantry_core::validate::date("date", raw).map_err(|e| e.to_string())
}

/// Prints the team: a table, or every field as JSON.
pub fn team(db: &Path, json: bool) -> Result<(), String> {
    let people = open(db)?.team().map_err(|e| e.to_string())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&people).map_err(|e| e.to_string())?);
        return Ok(());
    }
    println!("{:<24} {:<24} {:>5} {:>12}  {:<40} AWAY", "NAME", "ROLE", "UNITS", "RATE/H", "SKILLS");
    for p in people {
        let skills = p.skills.iter().map(|s| format!("{} {}", s.name, s.level)).collect::<Vec<_>>().join(", ");
        println!(
            "{:<24} {:<24} {:>4}% {:>12}  {:<40} {}{}",
            p.name,
            p.role,
            p.max_units,
            format!("{} {}", money::format(p.standard_rate, &p.currency), p.currency),
            skills.chars().take(40).collect::<String>(),
            p.absences.iter().map(|a| format!("{}–{}", a.from, a.to)).collect::<Vec<_>>().join(" "),
            if p.retired { " (retired)" } else { "" }
        );
    }
    Ok(())
}

/// Prints everyone's workload by period across every project.
pub fn workload(db: &Path, from: Option<String>, to: Option<String>, by: PeriodArg, json: bool) -> Result<(), String> {
    let today = chrono::Local::now().date_naive();
    let from = from.as_deref().map(date).transpose()?.unwrap_or(today);
    let to = to.as_deref().map(date).transpose()?.unwrap_or(from + chrono::Days::new(8 * 7 - 1));
    let by = match by {
        PeriodArg::Day => Period::Day,
        PeriodArg::Week => Period::Week,
        PeriodArg::Month => Period::Month,
    };
    let load = open(db)?.workload(from, to, by).map_err(|e| e.to_string())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&load).map_err(|e| e.to_string())?);
        return Ok(());
    }
    print!("{:<24}", "PERSON");
    for b in &load.bounds[..load.bounds.len() - 1] {
        print!(" {:>11}", &b[5..]);
    }
    println!();
    for p in &load.people {
        print!("{:<24}", p.name.chars().take(24).collect::<String>());
        for period in &p.periods {
            let cell = format!(
                "{}/{}{}",
                period.planned_minutes / 60,
                period.available_minutes / 60,
                if period.overallocated { "!" } else { "" }
            );
            print!(" {cell:>11}");
        }
        println!();
    }
    println!("Planned/available hours; ! marks more work than time.");
    Ok(())
}

/// Writes a period's timesheets as CSV.
pub fn export(db: &Path, from: &str, to: &str, output: &Path) -> Result<(), String> {
    let export = open(db)?.timesheets_csv(from, to).map_err(|e| e.to_string())?;
    gantry_api::recent::write_atomically(output, export.csv.as_bytes())
        .map_err(|e| format!("{}: {e}", output.display()))?;
    println!("Wrote {} ({} entries, {}).", output.display(), export.entries, units::format_hours(export.minutes));
    Ok(())
}
