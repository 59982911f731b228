//! Snapshots of the portfolio file and restoring one: what the app offers
//! when a file is damaged, and under File → Restore from snapshot.

use std::path::Path;

use chrono::NaiveDateTime;
use gantry_store::snapshot;
use gantry_store::{Snapshot, SnapshotReason};

use crate::error::refused;
use crate::wire::{Restored, SnapshotRow};
use crate::{Portfolio, Result, wire_datetime};

/// The snapshots of the portfolio at `portfolio`, newest first. Works
/// whether or not the portfolio opens, so a damaged file can be restored.
pub fn snapshots(portfolio: &Path) -> Vec<SnapshotRow> {
    snapshot::list(portfolio).iter().map(row).collect()
}

fn row(s: &Snapshot) -> SnapshotRow {
    SnapshotRow {
        name: s.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        taken: wire_datetime(s.taken),
        reason: s.reason.describe().to_owned(),
        bytes: s.bytes,
    }
}

/// Puts the snapshot named `name` (one of [`snapshots`]) in place of the
/// portfolio at `portfolio` and opens it. The portfolio must not be open.
/// A portfolio that still opens is first snapshotted itself, so a restore
/// can be taken back; the file replaced is kept beside it in any case.
pub fn restore(portfolio: &Path, name: &str, now: NaiveDateTime) -> Result<(Portfolio, Restored)> {
    let chosen = snapshot::list(portfolio)
        .into_iter()
        .find(|s| s.path.file_name().is_some_and(|n| n == name))
        .ok_or_else(|| refused(format!("There is no snapshot “{name}” of {}.", portfolio.display())))?;
    if portfolio.exists()
        && let Ok(current) = Portfolio::open(portfolio)
        && current.store.read_only().is_none()
    {
        current.store.snapshot(SnapshotReason::BeforeRestore, now)?;
    }
    let aside = snapshot::restore(portfolio, &chosen.path, now)?;
    let opened = Portfolio::open(portfolio)?;
    Ok((opened, Restored { kept_aside: aside.map(|p| p.display().to_string()) }))
}

/// Takes the start-up snapshot of the portfolio at `portfolio` when the
/// newest is older than 12 hours, through a connection of its own, so the
/// app can run it on another thread. Returns the one taken.
pub fn snapshot_if_due(portfolio: &Path, now: NaiveDateTime) -> Result<Option<SnapshotRow>> {
    if !snapshot::due(portfolio, now) {
        return Ok(None);
    }
    Ok(Some(row(&snapshot::take_of(portfolio, SnapshotReason::StartUp, now)?)))
}

impl Portfolio {
    /// Takes the start-up snapshot when the newest is older than 12 hours
    /// and the portfolio may be changed. Returns the one taken.
    pub fn snapshot_if_due(&self, now: NaiveDateTime) -> Result<Option<SnapshotRow>> {
        if self.store.read_only().is_some() {
            return Ok(None);
        }
        snapshot_if_due(self.path(), now)
    }
}
