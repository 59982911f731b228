//! What the file does when the world misbehaves: a full disk, a read-only
//! file or folder, garbage or a truncated file, a newer format, the file
//! deleted while open. Each gives a clear message, loses nothing saved, and
//! the next command works once the cause is gone. One test runs them all
//! and prints how many behaved, so the run shows the figure.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime};
use gantry_core::model::*;
use gantry_store::{Error, ReadOnly, SnapshotReason, Store, snapshot};

/// A portfolio with one project of `tasks` tasks, closed.
fn portfolio(dir: &Path, tasks: usize) -> PathBuf {
    let path = dir.join("plan.gantry");
    let mut store = Store::open(&path).expect("new portfolio");
    let project = common::add_project(&mut store, "Data centre exit");
    store
        .write("Add tasks", |db| {
            for i in 0..tasks {
                gantry_store::insert_task(
                    db,
                    &Task::new(project, None, i as i64 + 1, &format!("Move rack {i} to the cloud"), 480),
                )?;
            }
            Ok(())
        })
        .expect("tasks");
    path
}

/// The task names, in order: what must never be lost.
fn names(store: &Store) -> Vec<String> {
    gantry_store::tasks(store.db(), 1).expect("tasks").into_iter().map(|t| t.name).collect()
}

fn add_task(store: &mut Store, name: &str) -> gantry_store::Result<TaskId> {
    store.write("Add task", |db| gantry_store::insert_task(db, &Task::new(1, None, 1000, name, 480)))
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("moment")
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn disk_full() {
    let dir = tempfile::tempdir().expect("dir");
    let path = portfolio(dir.path(), 10);
    let mut store = Store::open(&path).expect("opens");
    let pages: i64 = store.db().query_row("PRAGMA page_count", [], |r| r.get(0)).expect("pages");
    store.db().pragma_update(None, "max_page_count", pages).expect("limit the file to its size");
    let before = names(&store);
    let long = "x".repeat(8000);
    let err = store
        .write("Add tasks", |db| {
            for i in 0..50 {
                gantry_store::insert_task(db, &Task::new(1, None, 2000 + i, &long, 60))?;
            }
            Ok(())
        })
        .expect_err("the disk is full");
    assert!(matches!(err, Error::DiskFull(_)), "{err:?}");
    assert!(err.to_string().contains("disk") && err.to_string().contains("full"), "{err}");
    assert_eq!(names(&store), before, "nothing of the failed command stayed");
    store.db().pragma_update(None, "max_page_count", 1_000_000).expect("space again");
    add_task(&mut store, "After the disk was freed").expect("the next command works");
    drop(store);
    let store = Store::open(&path).expect("reopens");
    assert_eq!(names(&store).len(), 11);
}

fn read_only_file() {
    let dir = tempfile::tempdir().expect("dir");
    let path = portfolio(dir.path(), 3);
    set_mode(&path, 0o444);
    let before = std::fs::read(&path).expect("bytes");
    let mut store = Store::open(&path).expect("opens for reading");
    assert!(matches!(store.read_only(), Some(ReadOnly::Permissions(m)) if m.contains("read-only")));
    assert_eq!(names(&store).len(), 3, "the plan can be read");
    let err = add_task(&mut store, "Refused").expect_err("a read-only file is not written");
    assert!(matches!(err, Error::ReadOnly(_)) && err.to_string().contains("read-only"), "{err}");
    assert!(std::fs::read(&path).expect("bytes") == before, "not one byte changed");
    set_mode(&path, 0o644);
    add_task(&mut store, "Once writable").expect("the next command works once the file may be written");
    assert!(store.read_only().is_none());
    drop(store);
    assert_eq!(names(&Store::open(&path).expect("reopens")).len(), 4);
}

fn read_only_folder() {
    let dir = tempfile::tempdir().expect("dir");
    let path = portfolio(dir.path(), 3);
    set_mode(dir.path(), 0o555);
    let mut store = Store::open(&path).expect("opens for reading");
    assert!(matches!(store.read_only(), Some(ReadOnly::Permissions(m)) if m.contains("folder")));
    let err = add_task(&mut store, "Refused").expect_err("refused");
    assert!(matches!(err, Error::ReadOnly(_)), "{err}");
    let err = Store::open(dir.path().join("new.gantry")).err().expect("no new file in a read-only folder");
    assert!(matches!(err, Error::ReadOnly(_)) && err.to_string().contains("cannot be created"), "{err}");
    set_mode(dir.path(), 0o755);
    add_task(&mut store, "Once writable").expect("the next command works");
    assert_eq!(names(&store).len(), 4);
}

fn garbage_header() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("plan.gantry");
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&path, &garbage).expect("garbage");
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, Error::NotAPortfolio(_)) && err.to_string().contains("not a Gantry portfolio"), "{err}");
    assert_eq!(std::fs::read(&path).expect("bytes"), garbage, "left exactly as it was");
}

fn truncated_file_then_restore() {
    let dir = tempfile::tempdir().expect("dir");
    let path = portfolio(dir.path(), 400);
    let store = Store::open(&path).expect("opens");
    store.snapshot(SnapshotReason::StartUp, at("2026-11-20 09:00")).expect("snapshot");
    drop(store);
    let whole = std::fs::read(&path).expect("bytes");
    std::fs::write(&path, &whole[..whole.len() / 2]).expect("truncate");
    let cut = std::fs::read(&path).expect("bytes");
    let err = Store::open(&path).err().expect("a truncated file is refused");
    assert!(matches!(err, Error::Damaged { .. }) && err.to_string().contains("damaged"), "{err}");
    assert!(std::fs::read(&path).expect("bytes") == cut, "the damaged file is never written");

    let snapshots = snapshot::list(&path);
    assert_eq!(snapshots.len(), 1);
    let aside = snapshot::restore(&path, &snapshots[0].path, at("2026-11-21 10:00")).expect("restores");
    let aside = aside.expect("the damaged file is kept aside");
    assert!(std::fs::read(&aside).expect("bytes") == cut, "moved aside, not overwritten");
    let store = Store::open(&path).expect("the restored file opens");
    assert_eq!(names(&store).len(), 400, "every task of the snapshot is back");
}

fn newer_format() {
    let dir = tempfile::tempdir().expect("dir");
    let path = portfolio(dir.path(), 3);
    {
        let c = rusqlite::Connection::open(&path).expect("raw");
        c.execute("INSERT INTO schema_migrations VALUES (99, 'future', 'x', '2030-01-01T00:00:00')", [])
            .expect("future format");
    }
    let before = std::fs::read(&path).expect("bytes");
    let mut store = Store::open(&path).expect("opens for reading");
    let Some(ReadOnly::NewerFormat(message)) = store.read_only() else {
        panic!("not read-only: {:?}", store.read_only())
    };
    assert!(message.contains("newer version of Gantry") && message.contains("reading only"), "{message}");
    assert_eq!(names(&store).len(), 3, "the plan is shown");
    let err = add_task(&mut store, "Refused").expect_err("not written");
    assert!(matches!(err, Error::ReadOnly(_)), "{err}");
    assert!(store.undo().is_err(), "undo is a write too");
    drop(store);
    assert!(std::fs::read(&path).expect("bytes") == before, "a newer file is not touched");
}

fn deleted_while_open() {
    let dir = tempfile::tempdir().expect("dir");
    let path = portfolio(dir.path(), 5);
    let mut store = Store::open(&path).expect("opens");
    add_task(&mut store, "Saved before the delete").expect("saved");
    std::fs::remove_file(&path).expect("someone deletes the file");
    add_task(&mut store, "Saved after the delete").expect("the file is written back, then the change");
    assert!(path.exists());
    drop(store);
    let store = Store::open(&path).expect("reopens");
    let names = names(&store);
    assert_eq!(names.len(), 7, "{names:?}");
    assert!(
        names.iter().any(|n| n == "Saved before the delete") && names.iter().any(|n| n == "Saved after the delete")
    );
}

fn folder_deleted_while_open() {
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("plans");
    std::fs::create_dir(&folder).expect("folder");
    let path = portfolio(&folder, 5);
    let mut store = Store::open(&path).expect("opens");
    std::fs::remove_dir_all(&folder).expect("someone deletes the folder");
    let err = add_task(&mut store, "Nowhere to go").expect_err("no folder");
    assert!(matches!(err, Error::Moved(_)) && err.to_string().contains("recreate the folder"), "{err}");
    assert_eq!(names(&store).len(), 5, "the open plan is intact");
    std::fs::create_dir(&folder).expect("the folder is back");
    add_task(&mut store, "Once the folder is back").expect("the next command works");
    drop(store);
    assert_eq!(names(&Store::open(&path).expect("reopens")).len(), 6);
}

#[test]
fn every_fault_gives_a_clear_message_and_loses_nothing() {
    let faults: &[(&str, fn())] = &[
        ("disk full", disk_full),
        ("read-only file", read_only_file),
        ("read-only folder", read_only_folder),
        ("garbage header", garbage_header),
        ("truncated file, restored from a snapshot", truncated_file_then_restore),
        ("newer format", newer_format),
        ("file deleted while open", deleted_while_open),
        ("folder deleted while open", folder_deleted_while_open),
    ];
    for (name, fault) in faults {
        fault();
        println!("fault: {name}: clear message, nothing lost");
    }
    println!("faults: {} of {} behaved", faults.len(), faults.len());
}

#[test]
fn snapshots_are_verified_rotated_and_due_after_twelve_hours() {
    let dir = tempfile::tempdir().expect("dir");
    let path = portfolio(dir.path(), 3);
    let store = Store::open(&path).expect("opens");
    assert!(snapshot::due(&path, at("2026-11-01 08:00")), "none yet");
    store.snapshot(SnapshotReason::StartUp, at("2026-11-01 08:00")).expect("first");
    assert!(!snapshot::due(&path, at("2026-11-01 19:59")));
    assert!(snapshot::due(&path, at("2026-11-01 20:00")));
    // Twice a day for sixty days.
    let mut t = at("2026-11-01 20:00");
    for _ in 0..120 {
        store.snapshot(SnapshotReason::StartUp, t).expect("snapshot");
        t += chrono::Duration::hours(12);
    }
    let kept = snapshot::list(&path);
    let newest = t - chrono::Duration::hours(12);
    assert_eq!(kept[0].taken, newest);
    let days: std::collections::BTreeSet<_> = kept.iter().map(|s| s.taken.date()).collect();
    let weeks: std::collections::BTreeSet<_> = kept.iter().map(|s| s.taken.date().iso_week()).collect();
    assert!(kept.len() <= 3 + 7 + 4, "rotation bounds the count: {}", kept.len());
    for back in 0..7 {
        assert!(days.contains(&(newest.date() - chrono::Duration::days(back))), "day -{back} is kept: {days:?}");
    }
    assert_eq!(weeks.len(), 4, "the newest of each of the last 4 weeks is kept: {days:?}");
    for s in &kept {
        snapshot::verify(&s.path).expect("every snapshot kept is a whole portfolio");
    }
    // Something else in the folder is left alone and not listed.
    std::fs::write(snapshot::folder(&path).join("notes.txt"), "mine").expect("write");
    store.snapshot(SnapshotReason::BeforeImport, t).expect("snapshot");
    assert!(snapshot::folder(&path).join("notes.txt").exists());
    assert_eq!(snapshot::list(&path)[0].reason, SnapshotReason::BeforeImport);
}
