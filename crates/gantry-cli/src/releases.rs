//! `gantry releases` and `gantry lessons`: the releases with their
//! readiness, checklists and changeover (and, with `--ics`, the same as an
//! iCalendar file), and the lessons learned across the portfolio.

use std::path::Path;

use crate::{json, open, project};

/// Prints the releases: a summary each, or every field as JSON.
pub fn releases(db: &Path, name: Option<&str>, as_json: bool, ics: Option<&Path>) -> Result<(), String> {
    let p = open(db)?;
    let today = chrono::Local::now().date_naive();
    let scope = project(&p, name)?;
    let rows = p.release_rows(scope, today).map_err(|e| e.to_string())?;
    if let Some(path) = ics {
        let text = p.release_ical(scope, today, chrono::Utc::now().naive_utc()).map_err(|e| e.to_string())?;
        gantry_api::recent::write_atomically(path, text.as_bytes()).map_err(|e| e.to_string())?;
    }
    if as_json {
        return json(serde_json::to_string_pretty(&rows));
    }
    for r in rows {
        println!(
            "{}  ({})  {} · {} · readiness {} · checklist {}/{}",
            r.title,
            r.project,
            r.state_label,
            r.strategy_label,
            r.readiness.map(|p| format!("{p} %")).unwrap_or_else(|| "—".into()),
            r.checklist_done,
            r.checklist_total
        );
        if let (Some(s), Some(e)) = (&r.window_start, &r.window_end) {
            println!("    window  {} – {}", s.replace('T', " "), e.replace('T', " "));
        }
        if let (Some(s), Some(e)) = (&r.freeze_start, &r.freeze_end) {
            println!("    freeze  {s} – {e}");
        }
        for c in &r.checkpoints {
            println!("    go/no-go {}  {}  {}", c.at.replace('T', " "), c.title, c.verdict_label);
        }
        for b in r.blockers.iter().chain(&r.clashes) {
            println!("    ! {b}");
        }
    }
    Ok(())
}

/// Prints the lessons learned matching every word of `search`.
pub fn lessons(db: &Path, name: Option<&str>, search: &str, as_json: bool) -> Result<(), String> {
    let p = open(db)?;
    let rows = p.lesson_rows(project(&p, name)?, search).map_err(|e| e.to_string())?;
    if as_json {
        return json(serde_json::to_string_pretty(&rows));
    }
    for l in rows {
        println!(
            "{}  {}  [{}]{}",
            l.recorded_on,
            l.project,
            l.category_label,
            if l.project_closed { " (closed)" } else { "" }
        );
        println!("    what:      {}", l.what);
        if !l.why.is_empty() {
            println!("    why:       {}", l.why);
        }
        if !l.next_time.is_empty() {
            println!("    next time: {}", l.next_time);
        }
    }
    Ok(())
}
