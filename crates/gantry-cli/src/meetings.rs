//! `gantry stakeholders`, `gantry meetings` and `gantry decisions`: the
//! stakeholder register with the grid's quadrant and engagement gap, the
//! meetings with their actions and decisions, and the decision log.

use std::path::Path;

use crate::{json, open, project};

fn cut(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// Prints the stakeholders: a table, or every field as JSON.
pub fn stakeholders(db: &Path, name: Option<&str>, as_json: bool) -> Result<(), String> {
    let p = open(db)?;
    let rows = p.stakeholder_rows(project(&p, name)?).map_err(|e| e.to_string())?;
    if as_json {
        return json(serde_json::to_string_pretty(&rows));
    }
    println!(
        "{:<26} {:<26} {:>3} {:>3}  {:<15} {:<11} {:<11} ROLES",
        "NAME", "ORGANISATION", "INF", "INT", "GRID", "NOW", "WANTED"
    );
    for s in rows {
        let roles =
            s.roles.iter().map(|r| format!("{} ({})", r.role, cut(&r.project, 20))).collect::<Vec<_>>().join("; ");
        println!(
            "{:<26} {:<26} {:>3} {:>3}  {:<15} {:<11} {:<11} {}",
            cut(&s.name, 26),
            cut(&s.organisation, 26),
            s.influence,
            s.interest,
            s.quadrant.replace('_', " "),
            s.current,
            s.desired,
            roles
        );
    }
    Ok(())
}

/// Prints the meetings with their actions and decisions.
pub fn meetings(db: &Path, name: Option<&str>, as_json: bool) -> Result<(), String> {
    let p = open(db)?;
    let rows = p.meeting_rows(project(&p, name)?, chrono::Local::now().date_naive()).map_err(|e| e.to_string())?;
    if as_json {
        return json(serde_json::to_string_pretty(&rows));
    }
    for m in rows {
        let present = m.attendees.iter().filter(|a| a.present).count();
        println!(
            "{}  {}  {} ({})  {present} of {} present",
            m.starts_at.replace('T', " "),
            m.kind_label,
            m.title,
            cut(&m.project, 30),
            m.attendees.len()
        );
        for d in &m.decisions {
            println!("    decided: {}", d.title);
        }
        for a in &m.actions {
            println!(
                "    action:  {} · {} · due {}{}",
                a.title,
                a.owner,
                a.due,
                if a.overdue { " OVERDUE" } else { "" }
            );
        }
    }
    Ok(())
}

/// Prints the decision log, those matching every word of `search`.
pub fn decisions(db: &Path, name: Option<&str>, search: &str, as_json: bool) -> Result<(), String> {
    let p = open(db)?;
    let rows = p.decision_rows(project(&p, name)?, search).map_err(|e| e.to_string())?;
    if as_json {
        return json(serde_json::to_string_pretty(&rows));
    }
    println!("{:<10} {:<60} {:<28} PROJECT", "DATE", "DECISION", "DECIDED BY");
    for d in rows {
        println!("{:<10} {:<60} {:<28} {}", d.decided_on, cut(&d.title, 60), cut(&d.decided_by, 28), d.project);
    }
    Ok(())
}
