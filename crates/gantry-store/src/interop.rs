//! What imports keep for the next import: each task's key in the tool it
//! came from, and the CSV column mapping last used for a set of headers.

use std::collections::HashMap;

use gantry_core::model::{ProjectId, TaskId};
use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;

/// Keeps `key` as where task `task` came from.
pub fn set_task_key(db: &Connection, task: TaskId, key: &str) -> Result<()> {
    db.execute(
        "INSERT INTO task_keys (task_id, key) VALUES (?1, ?2)
         ON CONFLICT(task_id) DO UPDATE SET key = excluded.key",
        params![task, key],
    )?;
    Ok(())
}

/// The keyed tasks of `project`, by key (as imported, not lower-cased).
pub fn task_keys(db: &Connection, project: ProjectId) -> Result<HashMap<String, TaskId>> {
    let mut stmt = db.prepare_cached(
        "SELECT k.key, k.task_id FROM task_keys k JOIN tasks t ON t.id = k.task_id WHERE t.project_id = ?1",
    )?;
    let rows = stmt.query_map([project], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many of `keys` each project holds, most first: the project an
/// export was imported into before.
pub fn projects_holding_keys(db: &Connection, keys: &[&str]) -> Result<Vec<(ProjectId, i64)>> {
    let mut counts: HashMap<ProjectId, i64> = HashMap::new();
    let mut stmt =
        db.prepare_cached("SELECT t.project_id FROM task_keys k JOIN tasks t ON t.id = k.task_id WHERE k.key = ?1")?;
    for key in keys {
        for p in stmt.query_map([key], |r| r.get::<_, ProjectId>(0))? {
            *counts.entry(p?).or_default() += 1;
        }
    }
    let mut out: Vec<(ProjectId, i64)> = counts.into_iter().collect();
    out.sort_by_key(|&(p, n)| (-n, p));
    Ok(out)
}

/// Keeps `mapping` (the caller's text) for CSV files with `headers`.
pub fn save_csv_mapping(db: &Connection, headers: &str, mapping: &str) -> Result<()> {
    db.execute(
        "INSERT INTO csv_mappings (headers, mapping) VALUES (?1, ?2)
         ON CONFLICT(headers) DO UPDATE SET mapping = excluded.mapping",
        params![headers, mapping],
    )?;
    Ok(())
}

/// The mapping last kept for CSV files with `headers`.
pub fn csv_mapping(db: &Connection, headers: &str) -> Result<Option<String>> {
    Ok(db.query_row("SELECT mapping FROM csv_mappings WHERE headers = ?1", [headers], |r| r.get(0)).optional()?)
}
