//! Append-only schema migrations.
//!
//! Each migration's text is fingerprinted when applied; opening a file whose
//! applied migrations differ from the ones compiled in is refused, since it
//! means a migration was edited after release.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior, params};

use crate::{APPLICATION_ID, Error, Result};

/// The migrations, in order. Never edit one that has shipped: add another.
const MIGRATIONS: &[(&str, &str)] = &[
    ("portfolio", include_str!("../migrations/0001_portfolio.sql")),
    ("manual tasks", include_str!("../migrations/0002_manual_tasks.sql")),
    ("elapsed lags", include_str!("../migrations/0003_elapsed_lags.sql")),
    ("status date", include_str!("../migrations/0004_status_date.sql")),
    ("baselines", include_str!("../migrations/0005_baselines.sql")),
    ("board and sprints", include_str!("../migrations/0006_board.sql")),
    ("estimated and elapsed durations", include_str!("../migrations/0007_task_durations.sql")),
    ("team, absences and timesheets", include_str!("../migrations/0008_team.sql")),
    ("budget, vendors and expenditures", include_str!("../migrations/0009_budget.sql")),
    ("budget settings", include_str!("../migrations/0010_budget_settings.sql")),
    ("rate changes", include_str!("../migrations/0011_rate_changes.sql")),
    ("materials and cost resources", include_str!("../migrations/0012_cost_resources.sql")),
    ("payments and physical progress", include_str!("../migrations/0013_payments_and_physical_progress.sql")),
    ("risks and issues", include_str!("../migrations/0014_risks.sql")),
    (
        "stakeholders, communications, meetings and decisions",
        include_str!("../migrations/0015_stakeholders_and_meetings.sql"),
    ),
    ("releases, changeover and close-out", include_str!("../migrations/0016_releases_and_closeout.sql")),
    ("import keys and CSV mappings", include_str!("../migrations/0017_import_keys.sql")),
    ("manual finish and leveling delay", include_str!("../migrations/0018_manual_finish_and_leveling_delay.sql")),
    ("split tasks", include_str!("../migrations/0019_splits.sql")),
    ("tasks ignoring their people's calendars", include_str!("../migrations/0020_people_calendars.sql")),
    ("deadlines", include_str!("../migrations/0021_deadlines.sql")),
];

/// The newest format this build knows.
pub const FORMAT: i64 = MIGRATIONS.len() as i64;

/// FNV-1a: a stable fingerprint of a migration's text.
fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Checks, without writing, that the file's applied migrations are ones this
/// build knows, unedited. A file from a newer Gantry or with an edited
/// migration is refused before anything touches it.
pub fn verify(conn: &Connection, path: &Path) -> Result<()> {
    if !table_exists(conn, "schema_migrations")? {
        return Ok(());
    }
    let applied: Vec<(i64, String)> = {
        let mut stmt = conn.prepare("SELECT version, fingerprint FROM schema_migrations ORDER BY version")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    if let Some(&(found, _)) = applied.last()
        && found > FORMAT
    {
        return Err(Error::NewerFormat { path: path.to_path_buf(), found, known: FORMAT });
    }
    for (version, print) in &applied {
        let index = usize::try_from(*version - 1).unwrap_or(usize::MAX);
        match MIGRATIONS.get(index) {
            Some((_, sql)) if fingerprint(sql) == *print => {}
            _ => {
                return Err(Error::Damaged {
                    path: path.to_path_buf(),
                    detail: format!("its format step {version} does not match this version of Gantry"),
                });
            }
        }
    }
    Ok(())
}

/// Whether the file has a table named `name`.
pub(crate) fn table_exists(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1", [name], |r| r.get(0))?)
}

/// How many migrations the file has applied; `None` for a new, empty file.
fn applied(conn: &Connection) -> Result<Option<i64>> {
    if !table_exists(conn, "schema_migrations")? {
        return Ok(None);
    }
    Ok(Some(conn.query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))?))
}

/// Whether the file holds an older format that [`apply`] would upgrade
/// (a new, empty file has nothing to upgrade).
pub fn upgrade_pending(conn: &Connection) -> Result<bool> {
    Ok(applied(conn)?.is_some_and(|n| n < FORMAT))
}

/// Brings the file to [`FORMAT`] in one transaction; [`verify`] came first.
pub fn apply(conn: &mut Connection) -> Result<()> {
    // A file already at this format is not written to at all: opening a
    // portfolio and closing it again leaves it byte for byte as it was.
    let marked: (i32, i64) =
        conn.query_row("SELECT * FROM pragma_application_id, pragma_user_version", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if marked == (APPLICATION_ID, FORMAT) && applied(conn)? == Some(FORMAT) {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )",
    )?;
    let applied: i64 = tx.query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))?;
    let applied = usize::try_from(applied).unwrap_or(0);
    let now = chrono::Local::now().naive_local().format("%Y-%m-%dT%H:%M:%S").to_string();
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(applied) {
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, fingerprint, applied_at) VALUES (?1, ?2, ?3, ?4)",
            params![index as i64 + 1, name, fingerprint(sql), now],
        )?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", FORMAT)?;
    tx.commit()?;
    Ok(())
}
