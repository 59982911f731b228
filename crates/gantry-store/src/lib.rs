//! The portfolio file: one SQLite database with the `.gantry` extension.
//!
//! Invariants:
//! - a file that is not a Gantry portfolio is refused and never written to;
//! - the connection runs in WAL mode with `synchronous=FULL` and foreign keys
//!   on, so an edit is durable once COMMIT returns;
//! - every user command is one `BEGIN IMMEDIATE` transaction ([`Store::write`]),
//!   which also records how to revert it in the undo log: a failed command
//!   leaves the file exactly as it was;
//! - migrations are append-only and applied in one transaction, after a
//!   snapshot; a file from a newer Gantry, or one the user may not write, is
//!   opened for reading only;
//! - a damaged file is refused and never written;
//! - a full disk, a read-only file or a file deleted while open gives a
//!   clear error and loses nothing: a deleted file is written back from the
//!   open connection before the next change.

pub mod board;
pub mod budget;
pub mod closeout;
pub mod interop;
pub mod meetings;
mod migrations;
pub mod releases;
pub mod risks;
pub mod rows;
pub mod snapshot;
pub mod stakeholders;
pub mod team;
mod undo;

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use board::*;
pub use budget::*;
pub use closeout::*;
pub use interop::*;
pub use meetings::*;
pub use releases::*;
pub use risks::*;
pub use rows::*;
pub use rusqlite::Connection as Db;
pub use snapshot::{Snapshot, SnapshotReason};
pub use stakeholders::*;
pub use team::*;
pub use undo::{HistoryEntry, USER_TABLES};

/// The number SQLite's `application_id` carries in every Gantry file ("GANT").
pub const APPLICATION_ID: i32 = 0x4741_4E54;

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{} is not a Gantry portfolio; Gantry will not open or change it.", .0.display())]
    NotAPortfolio(PathBuf),
    #[error("{} was saved by a newer version of Gantry (format {found}; this version knows up to {known}). Update Gantry to change it.", .path.display())]
    NewerFormat { path: PathBuf, found: i64, known: i64 },
    #[error("{} is damaged ({detail}). Gantry has not changed it.", .path.display())]
    Damaged { path: PathBuf, detail: String },
    #[error("{0}")]
    Invalid(#[from] gantry_core::ValidationError),
    #[error("{0} not found; it may have been deleted.")]
    NotFound(&'static str),
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    ReadOnly(String),
    #[error("The disk holding {} is full, so the change was not saved. Everything saved before is intact; free some space and try again.", .0.display())]
    DiskFull(PathBuf),
    #[error("{0}")]
    Moved(String),
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
    /// Why the file is open for reading only, if it is.
    read_only: Option<ReadOnly>,
    /// The file the connection holds, to notice it being deleted or replaced.
    identity: Option<FileIdentity>,
    /// How many times the connection was replaced (see [`Store::state`]).
    reconnects: u64,
}

/// Why a portfolio is open for reading only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// The file or its folder may not be written (permissions); writing
    /// resumes once they allow it.
    Permissions(String),
    /// A newer Gantry saved it; this version only shows it.
    NewerFormat(String),
}

impl ReadOnly {
    pub fn message(&self) -> &str {
        match self {
            ReadOnly::Permissions(m) | ReadOnly::NewerFormat(m) => m,
        }
    }
}

type FileIdentity = (u64, u64);

impl Store {
    /// Opens the portfolio at `path`, creating an empty one if no file is
    /// there. Refuses files that are not Gantry portfolios and damaged ones;
    /// opens a file it may not change (permissions, a newer format) for
    /// reading only, with [`Store::read_only`] saying why. Before an older
    /// format is upgraded, a snapshot is taken.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        check_header(&path)?;
        if !path.exists() && read_only_folder(&path) {
            return Err(Error::ReadOnly(format!(
                "A new portfolio cannot be created at {}: the folder {} is read-only.",
                path.display(),
                folder_of(&path).display()
            )));
        }
        let read_only = unwritable(&path).map(ReadOnly::Permissions);
        let conn = connect(&path, read_only.is_none())?;
        // Everything until the format is known only reads the file.
        match migrations::verify(&conn, &path) {
            Err(newer @ Error::NewerFormat { .. }) => {
                drop(conn);
                let read_only = Some(ReadOnly::NewerFormat(format!("{newer} It is open for reading only.")));
                let conn = connect(&path, false)?;
                return Ok(Store { identity: identity(&path), conn, path, read_only, reconnects: 0 });
            }
            other => other?,
        }
        if read_only.is_some() {
            conn.pragma_update(None, "foreign_keys", true)?;
            return Ok(Store { identity: identity(&path), conn, path, read_only, reconnects: 0 });
        }
        if migrations::upgrade_pending(&conn)? {
            snapshot::take(&conn, &path, SnapshotReason::BeforeUpgrade, now())?;
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let mut store = Store { identity: identity(&path), conn, path, read_only: None, reconnects: 0 };
        migrations::apply(&mut store.conn)?;
        undo::install_triggers(&store.conn)?;
        closeout::install_guards(&store.conn)?;
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

    /// Why the portfolio is open for reading only; `None` when it can be changed.
    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    /// Runs one user command as one `BEGIN IMMEDIATE` transaction, recording
    /// how to revert it under `label`. When `command` fails, nothing changes.
    pub fn write<T>(&mut self, label: &str, command: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.ready_to_write()?;
        let path = self.path.clone();
        let out = (|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            undo::begin_step(&tx, label)?;
            let out = command(&tx)?;
            undo::end_step(&tx)?;
            tx.commit()?;
            Ok(out)
        })();
        out.map_err(|e| explain(e, &path))
    }

    /// Reverts the most recent command; returns its label, or `None` when
    /// there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>> {
        self.replay(undo::Direction::Undo)
    }

    /// Re-applies the most recently undone command.
    pub fn redo(&mut self) -> Result<Option<String>> {
        self.replay(undo::Direction::Redo)
    }

    fn replay(&mut self, direction: undo::Direction) -> Result<Option<String>> {
        self.ready_to_write()?;
        let path = self.path.clone();
        let out = (|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let label = undo::replay(&tx, direction)?;
            tx.commit()?;
            Ok(label)
        })();
        out.map_err(|e| explain(e, &path))
    }

    /// Forgets the undo history, for a file's first content (the sample),
    /// which undo should not take away again.
    pub fn forget_history(&mut self) -> Result<()> {
        self.ready_to_write()?;
        self.conn.execute("DELETE FROM undo_steps", [])?;
        Ok(())
    }

    /// Recent commands, newest first, with whether each can be undone or redone.
    pub fn history(&self, limit: usize) -> Result<Vec<HistoryEntry>> {
        if self.read_only.is_some() && !migrations::table_exists(&self.conn, "undo_steps")? {
            return Ok(Vec::new());
        }
        undo::history(&self.conn, limit)
    }

    /// Takes a verified snapshot of the portfolio now.
    pub fn snapshot(&self, reason: SnapshotReason, now: NaiveDateTime) -> Result<Snapshot> {
        snapshot::take(&self.conn, &self.path, reason, now)
    }

    /// Before a change: the file must be writable and still be the file
    /// that was opened. A file whose permissions now allow writing is
    /// reopened; a file deleted while open is written back from the open
    /// connection (which still holds every saved edit) before the change.
    fn ready_to_write(&mut self) -> Result<()> {
        match &self.read_only {
            Some(ReadOnly::NewerFormat(m)) => return Err(Error::ReadOnly(m.clone())),
            Some(ReadOnly::Permissions(_)) => match unwritable(&self.path) {
                Some(m) => return Err(Error::ReadOnly(m)),
                None => return self.reconnect(),
            },
            None => {}
        }
        let now_there = identity(&self.path);
        if now_there == self.identity {
            return Ok(());
        }
        let shown = self.path.display().to_string();
        if now_there.is_some() {
            return Err(Error::Moved(format!(
                "{shown} was replaced by another file while Gantry had it open. Nothing was changed; open it again to go on."
            )));
        }
        let folder = folder_of(&self.path).to_path_buf();
        if !folder.is_dir() {
            return Err(Error::Moved(format!(
                "{shown} was deleted or moved, with its folder, while Gantry had it open. Nothing was changed, and Gantry still holds every saved edit: recreate the folder and try again."
            )));
        }
        // Write the open database back under its name, then reconnect to it.
        let name = self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        snapshot::write_copy(&self.conn, &folder.join(format!(".{name}.recovering")), &self.path)
            .map_err(|e| explain(e, &self.path))?;
        // The old connection holds the deleted file's journal under the
        // same names; once it is closed they are stale, and would be read
        // into the new file.
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        drop(old);
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
        self.reconnect()
    }

    fn reconnect(&mut self) -> Result<()> {
        let reconnects = self.reconnects + 1;
        *self = Store::open(&self.path)?;
        self.reconnects = reconnects;
        Ok(())
    }

    /// Changes whenever the file may have changed through this store: a
    /// cache of something read is valid while this stays the same.
    pub fn state(&self) -> (u64, u64) {
        (self.reconnects, self.conn.total_changes())
    }
}

fn now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// A connection to `path`, for writing (creating the file if needed) or
/// for reading only.
fn connect(path: &Path, write: bool) -> Result<Connection> {
    let flags = if write {
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
    } else {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // A portfolio may come from anyone: its schema may not call functions
    // with side effects, and nothing may write the schema or the file's
    // pages behind SQLite's back.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    let damaged = |e: rusqlite::Error| Error::Damaged { path: path.to_path_buf(), detail: e.to_string() };
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(damaged)?;
    if app_id != APPLICATION_ID {
        let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(damaged)?;
        if app_id != 0 || objects > 0 {
            return Err(Error::NotAPortfolio(path.to_path_buf()));
        }
    }
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(damaged)?;
    if check != "ok" {
        return Err(Error::Damaged { path: path.to_path_buf(), detail: check });
    }
    Ok(conn)
}

/// Why `path` may not be written, judged by its permissions and its
/// folder's (the folder holds the journal files), or `None`.
fn unwritable(path: &Path) -> Option<String> {
    let shown = path.display();
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Some(format!(
            "{shown} is read-only, so Gantry opened it for reading only. Allow writing to the file to change it."
        ));
    }
    if read_only_folder(path) {
        return Some(format!(
            "The folder {} is read-only, so Gantry opened {shown} for reading only. Allow writing to the folder to change it.",
            folder_of(path).display()
        ));
    }
    None
}

/// Whether the folder holding `path` may not be written (permission bits).
fn read_only_folder(path: &Path) -> bool {
    std::fs::metadata(folder_of(path)).is_ok_and(|m| m.permissions().readonly())
}

/// The folder holding `path`: "." for a bare file name.
pub(crate) fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

#[cfg(unix)]
fn identity(path: &Path) -> Option<FileIdentity> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<FileIdentity> {
    std::fs::metadata(path).ok().map(|_| (0, 0))
}

/// Turns SQLite's codes for a full disk or a file it may not write into
/// messages a user can act on.
fn explain(e: Error, path: &Path) -> Error {
    use rusqlite::ErrorCode as C;
    match e {
        Error::Sqlite(rusqlite::Error::SqliteFailure(f, _)) if f.code == C::DiskFull => {
            Error::DiskFull(path.to_path_buf())
        }
        Error::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, C::ReadOnly | C::PermissionDenied | C::CannotOpen) =>
        {
            Error::ReadOnly(format!(
                "{} could not be written ({}), so the change was not saved. Everything saved before is intact.",
                path.display(),
                f
            ))
        }
        Error::Io(io) if io.raw_os_error() == Some(28) => Error::DiskFull(path.to_path_buf()),
        // A guard trigger refused the change (a closed project).
        Error::Sqlite(rusqlite::Error::SqliteFailure(f, Some(message)))
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER =>
        {
            Error::Refused(message)
        }
        other => other,
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
