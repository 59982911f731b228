//! `gantry import`: a plan file (MS Project XML, GanttProject, CSV) into a
//! portfolio, or with `--preview`, what it would bring in.

use std::path::Path;

use gantry_api::Portfolio;
use gantry_api::wire::{ColumnChoice, CsvColumns, ImportOptions};

use crate::json;

/// The CSV columns given as `FIELD=COLUMN` options.
pub fn columns(
    map: &[String],
    date_format: Option<String>,
    duration_unit: Option<String>,
    separator: Option<String>,
) -> Result<CsvColumns, String> {
    let fields = map
        .iter()
        .map(|m| {
            let (field, column) = m
                .split_once('=')
                .ok_or_else(|| format!("--map {m}: write the field and the column as FIELD=COLUMN."))?;
            Ok(ColumnChoice { field: field.trim().to_lowercase(), column: column.trim().to_owned() })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(CsvColumns {
        fields,
        date_format: date_format.unwrap_or_default(),
        duration_unit: duration_unit.unwrap_or_default(),
        separator: separator.unwrap_or_default(),
    })
}

/// Imports `file` into the portfolio `db` (created if missing), or only
/// shows what it would bring in.
pub fn import(file: &Path, db: &Path, options: &ImportOptions, preview: bool, as_json: bool) -> Result<(), String> {
    let bytes = gantry_api::read_import_file(file).map_err(|e| e.to_string())?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut p = Portfolio::open(db).map_err(|e| e.to_string())?;
    let now = chrono::Local::now().naive_local();
    if preview {
        let seen = p.preview_import(&bytes, &name, options, now.date()).map_err(|e| e.to_string())?;
        if as_json {
            return json(serde_json::to_string_pretty(&seen));
        }
        println!(
            "{} ({}): {} tasks, {} links, {} people, {} calendars.",
            seen.name, seen.format, seen.tasks, seen.links, seen.people, seen.calendars
        );
        if let Some(problem) = &seen.problem {
            println!("Not ready to import: {problem}");
        }
        if let Some(target) = &seen.updates {
            println!("Updates “{target}”, which holds {} of its tasks.", seen.matched);
        }
        if let Some(csv) = &seen.csv {
            println!("{} rows, {}, separated by {:?}.", csv.row_count, csv.encoding, csv.separator);
            for c in &csv.columns.fields {
                println!("  {:<13} ← {}", c.field, c.column);
            }
            println!("  dates as {}", if csv.date_format.is_empty() { "—" } else { &csv.date_format });
        }
        for d in &seen.differences {
            println!(
                "  differs: {}  file {} → {}  Gantry {} → {}  {}",
                d.task, d.file_start, d.file_finish, d.gantry_start, d.gantry_finish, d.why
            );
        }
        for w in &seen.warnings {
            println!("  note: {w}");
        }
        return Ok(());
    }
    let done = p.import_with(&bytes, &name, options, now).map_err(|e| e.to_string())?;
    if as_json {
        let out = serde_json::json!({
            "project": done.name,
            "tasks": done.tasks,
            "links": done.links,
            "people": done.people,
            "warnings": done.warnings,
        });
        return json(serde_json::to_string_pretty(&out));
    }
    if done.existing {
        println!(
            "Updated “{}”: {} tasks changed, {} new, {} new links, {} people joined.",
            done.name, done.updated, done.tasks, done.links, done.people
        );
    } else {
        println!("Imported “{}”: {} tasks, {} links, {} people.", done.name, done.tasks, done.links, done.people);
    }
    for w in &done.warnings {
        println!("  note: {w}");
    }
    Ok(())
}
