//! The portfolio file: one SQLite database with the `.gantry` extension.
//!
//! Invariants:
//! - a file that is not a Gantry portfolio is refused and never written to;
//! - the connection runs in WAL mode with `synchronous=FULL` and foreign keys
//!   on, so an edit is durable once COMMIT returns;
//! - every user command is one `BEGIN IMMEDIATE` transaction ([`Store::write`]),
//!   which also records how to revert it in the undo log: a failed command
//!   leaves the file exactly as it was;
//! - migrations are append-only and applied in one transaction; a file from a
//!   newer Gantry is refused rather than damaged.

pub mod board;
mod migrations;
pub mod rows;
mod undo;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use board::*;
pub use rows::*;
pub use rusqlite::Connection as Db;
pub use undo::{HistoryEntry, USER_TABLES};

/// The number SQLite's `application_id` carries in every Gantry file ("GANT").
pub const APPLICATION_ID: i32 = 0x4741_4E54;

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{} is not a Gantry portfolio; Gantry will not open or change it.", .0.display())]
    NotAPortfolio(PathBuf),
    #[error("{} was saved by a newer version of Gantry (format {found}; this version knows up to {known}). Update Gantry to open it.", .path.display())]
    NewerFormat { path: PathBuf, found: i64, known: i64 },
    #[error("{} is damaged ({detail}). Gantry has not changed it.", .path.display())]
    Damaged { path: PathBuf, detail: String },
    #[error("{0}")]
    Invalid(#[from] gantry_core::ValidationError),
    #[error("{0} not found; it may have been deleted.")]
    NotFound(&'static str),
    #[error("{0}")]
    Refused(String),
    #[error("The portfolio file could not be written: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("The portfolio file could not be read: {0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

/// An open portfolio.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the portfolio at `path`, creating an empty one if no file is
    /// there. Refuses files that are not Gantry portfolios.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        check_header(&path)?;
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let app_id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| Error::Damaged { path: path.clone(), detail: e.to_string() })?;
        if app_id != APPLICATION_ID {
            let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            if app_id != 0 || objects > 0 {
                return Err(Error::NotAPortfolio(path));
            }
        }
        let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(Error::Damaged { path, detail: check });
        }
        // Everything above only read the file; nothing below may run on a
        // file that is refused.
        migrations::verify(&conn, &path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let mut store = Store { conn, path };
        migrations::apply(&mut store.conn)?;
        undo::install_triggers(&store.conn)?;
        Ok(store)
    }

    /// Where the portfolio lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for reads.
    pub fn db(&self) -> &Connection {
        &self.conn
    }

    /// Runs one user command as one `BEGIN IMMEDIATE` transaction, recording
    /// how to revert it under `label`. When `command` fails, nothing changes.
    pub fn write<T>(&mut self, label: &str, command: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        undo::begin_step(&tx, label)?;
        let out = command(&tx)?;
        undo::end_step(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Reverts the most recent command; returns its label, or `None` when
    /// there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let label = undo::replay(&tx, undo::Direction::Undo)?;
        tx.commit()?;
        Ok(label)
    }

    /// Re-applies the most recently undone command.
    pub fn redo(&mut self) -> Result<Option<String>> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let label = undo::replay(&tx, undo::Direction::Redo)?;
        tx.commit()?;
        Ok(label)
    }

    /// Forgets the undo history, for a file's first content (the sample),
    /// which undo should not take away again.
    pub fn forget_history(&mut self) -> Result<()> {
        self.conn.execute("DELETE FROM undo_steps", [])?;
        Ok(())
    }

    /// Recent commands, newest first, with whether each can be undone or redone.
    pub fn history(&self, limit: usize) -> Result<Vec<HistoryEntry>> {
        undo::history(&self.conn, limit)
    }
}

/// A file that exists and is not empty must start like an SQLite database;
/// anything else is refused before SQLite touches it.
fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..])? {
            0 => break,
            n => read += n,
        }
    }
    if read == 0 || &header[..read] == b"SQLite format 3\0" {
        Ok(())
    } else {
        Err(Error::NotAPortfolio(path.to_path_buf()))
    }
}

/// The SQLite library's version, for the About dialog.
pub fn sqlite_version() -> &'static str {
    rusqlite::version()
}
