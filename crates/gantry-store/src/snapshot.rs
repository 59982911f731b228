//! Snapshots: verified copies of a portfolio, kept next to it.
//!
//! A snapshot is written with `VACUUM INTO` to a temporary name, checked
//! with `quick_check`, fsynced and only then renamed into place, so a
//! snapshot that exists is a whole, readable portfolio. They live in a
//! hidden folder beside the file (`.NAME.snapshots/`), named by the moment
//! and the reason, and are rotated: the 7 newest days and the 4 newest weeks
//! keep their newest snapshot, and the 3 newest are always kept.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime};
use rusqlite::Connection;

use crate::{APPLICATION_ID, Error, Result};

/// Why a snapshot was taken; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotReason {
    /// The app started and the newest snapshot was older than 12 hours.
    StartUp,
    /// The file was about to be brought to a newer format.
    BeforeUpgrade,
    /// A file was about to be imported into the portfolio.
    BeforeImport,
    /// A snapshot was about to replace the portfolio.
    BeforeRestore,
}

impl SnapshotReason {
    const ALL: [SnapshotReason; 4] = [Self::StartUp, Self::BeforeUpgrade, Self::BeforeImport, Self::BeforeRestore];

    fn slug(self) -> &'static str {
        match self {
            Self::StartUp => "start-up",
            Self::BeforeUpgrade => "before-upgrade",
            Self::BeforeImport => "before-import",
            Self::BeforeRestore => "before-restore",
        }
    }

    /// How the reason reads in a list of snapshots.
    pub fn describe(self) -> &'static str {
        match self {
            Self::StartUp => "at start-up",
            Self::BeforeUpgrade => "before a format upgrade",
            Self::BeforeImport => "before an import",
            Self::BeforeRestore => "before a restore",
        }
    }
}

/// One snapshot on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub path: PathBuf,
    pub taken: NaiveDateTime,
    pub reason: SnapshotReason,
    pub bytes: u64,
}

/// A snapshot is due at start-up when the newest is older than this.
pub const DUE_AFTER_HOURS: i64 = 12;

const STAMP: &str = "%Y-%m-%d %H-%M-%S";
const KEEP_NEWEST: usize = 3;
const KEEP_DAYS: usize = 7;
const KEEP_WEEKS: usize = 4;

/// The folder that holds `portfolio`'s snapshots.
pub fn folder(portfolio: &Path) -> PathBuf {
    let name = portfolio.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    crate::folder_of(portfolio).join(format!(".{name}.snapshots"))
}

/// `portfolio`'s snapshots, newest first. Files in the folder that are not
/// snapshots are ignored.
pub fn list(portfolio: &Path) -> Vec<Snapshot> {
    let Ok(entries) = std::fs::read_dir(folder(portfolio)) else { return Vec::new() };
    let mut found: Vec<Snapshot> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".gantry")?;
            let (stamp, slug) = stem.rsplit_once(' ')?;
            let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
            let reason = SnapshotReason::ALL.into_iter().find(|r| r.slug() == slug)?;
            let bytes = e.metadata().ok()?.len();
            Some(Snapshot { path: e.path(), taken, reason, bytes })
        })
        .collect();
    found.sort_by(|a, b| b.taken.cmp(&a.taken).then_with(|| b.path.cmp(&a.path)));
    found
}

/// Whether a start-up snapshot is due: none yet, or the newest is older
/// than [`DUE_AFTER_HOURS`].
pub fn due(portfolio: &Path, now: NaiveDateTime) -> bool {
    list(portfolio).first().is_none_or(|s| (now - s.taken).num_hours() >= DUE_AFTER_HOURS)
}

/// Writes a verified snapshot of the database behind `conn`, then rotates.
pub(crate) fn take(
    conn: &Connection,
    portfolio: &Path,
    reason: SnapshotReason,
    now: NaiveDateTime,
) -> Result<Snapshot> {
    let dir = folder(portfolio);
    std::fs::create_dir_all(&dir)?;
    let name = format!("{} {}.gantry", now.format(STAMP), reason.slug());
    let target = dir.join(&name);
    write_copy(conn, &dir.join(format!(".{name}.tmp")), &target)?;
    rotate(portfolio);
    let bytes = std::fs::metadata(&target)?.len();
    Ok(Snapshot { path: target, taken: now, reason, bytes })
}

/// Takes a snapshot of the portfolio at `portfolio` through a connection of
/// its own, for reading only and checked as every open is, so it can run
/// beside the app's connection, on another thread, while the user goes on
/// working.
pub fn take_of(portfolio: &Path, reason: SnapshotReason, now: NaiveDateTime) -> Result<Snapshot> {
    take(&crate::connect(portfolio, false)?, portfolio, reason, now)
}

/// Writes the database behind `conn` to `target` whole or not at all:
/// `VACUUM INTO` the temporary `tmp` beside it, [`verify`], fsync, rename,
/// fsync of the folder. On failure `tmp` is removed and `target` untouched.
pub(crate) fn write_copy(conn: &Connection, tmp: &Path, target: &Path) -> Result<()> {
    let _ = std::fs::remove_file(tmp);
    let written = (|| {
        conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy().as_ref()])?;
        verify(tmp)?;
        std::fs::File::open(tmp)?.sync_all()?;
        std::fs::rename(tmp, target)?;
        sync_folder(crate::folder_of(target))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(tmp);
    }
    written
}

/// Checks, reading only, that `file` is a whole Gantry portfolio (as
/// every open does) and not a new, empty one.
pub fn verify(file: &Path) -> Result<()> {
    let conn = crate::connect(file, false)?;
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotAPortfolio(file.to_path_buf()));
    }
    Ok(())
}

/// Deletes the snapshots the rotation no longer keeps.
fn rotate(portfolio: &Path) {
    let all = list(portfolio);
    let mut keep = vec![false; all.len()];
    for k in keep.iter_mut().take(KEEP_NEWEST) {
        *k = true;
    }
    let mut mark_newest_per = |period: &dyn Fn(&Snapshot) -> (i32, u32), count: usize| {
        let mut seen: Vec<(i32, u32)> = Vec::new();
        for (i, s) in all.iter().enumerate() {
            let p = period(s);
            if !seen.contains(&p) {
                if seen.len() == count {
                    break;
                }
                seen.push(p);
                keep[i] = true;
            }
        }
    };
    mark_newest_per(&|s| (s.taken.year(), s.taken.ordinal()), KEEP_DAYS);
    mark_newest_per(&|s| (s.taken.iso_week().year(), s.taken.iso_week().week()), KEEP_WEEKS);
    for (s, kept) in all.iter().zip(keep) {
        if !kept {
            let _ = std::fs::remove_file(&s.path);
        }
    }
}

/// Puts `snapshot` in place of the portfolio at `portfolio`, which must not
/// be open. The file it replaces is kept beside it as
/// `NAME.replaced-STAMP` (with its journal files), never deleted.
pub fn restore(portfolio: &Path, snapshot: &Path, now: NaiveDateTime) -> Result<Option<PathBuf>> {
    verify(snapshot)?;
    let dir = crate::folder_of(portfolio).to_path_buf();
    let name = portfolio.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.restoring"));
    let copied = (|| {
        std::fs::copy(snapshot, &tmp)?;
        std::fs::File::open(&tmp)?.sync_all()?;
        Ok::<_, Error>(())
    })();
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let aside = if portfolio.exists() {
        let aside = dir.join(format!("{name}.replaced-{}", now.format(STAMP).to_string().replace(' ', "_")));
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let from = PathBuf::from(format!("{}{suffix}", portfolio.display()));
            if from.exists() {
                std::fs::rename(&from, format!("{}{suffix}", aside.display()))?;
            }
        }
        Some(aside)
    } else {
        None
    };
    std::fs::rename(&tmp, portfolio)?;
    sync_folder(&dir)?;
    Ok(aside)
}

/// Makes a rename in `dir` durable.
pub(crate) fn sync_folder(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
