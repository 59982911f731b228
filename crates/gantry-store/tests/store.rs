//! The portfolio file on real temporary SQLite databases.

mod common;

use chrono::NaiveDate;
use gantry_core::calendar::WorkCalendar;
use gantry_core::model::*;
use gantry_store::{Error, Store};

fn new_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path().join("plan.gantry")).expect("new portfolio opens");
    (dir, store)
}

fn sample_project(store: &mut Store) -> ProjectId {
    common::add_project(store, "CRM migration")
}

fn new_task(project: ProjectId, parent: Option<TaskId>, position: i64, name: &str) -> Task {
    Task::new(project, parent, position, name, 480)
}

/// Everything a user could see, as text, to compare states.
fn dump(store: &Store) -> String {
    let db = store.db();
    let mut out = String::new();
    for table in ["projects", "tasks", "links", "calendars", "calendar_working_times", "team_members", "assignments"] {
        let mut stmt = db.prepare(&format!("SELECT * FROM {table} ORDER BY rowid")).expect("select");
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut line = String::new();
                for i in 0..columns {
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push_str(&format!("{v:?}|"));
                }
                Ok(line)
            })
            .expect("rows");
        for row in rows {
            out.push_str(table);
            out.push(':');
            out.push_str(&row.expect("row"));
            out.push('\n');
        }
    }
    out
}

#[test]
fn a_new_file_is_migrated_and_marked_as_a_portfolio() {
    let (dir, store) = new_store();
    let db = store.db();
    let app: i32 = db.query_row("PRAGMA application_id", [], |r| r.get(0)).expect("app id");
    assert_eq!(app, gantry_store::APPLICATION_ID);
    let mode: String = db.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal", "WAL keeps the file consistent after a crash");
    let sync: i64 = db.query_row("PRAGMA synchronous", [], |r| r.get(0)).expect("sync");
    assert_eq!(sync, 2, "synchronous=FULL makes COMMIT durable");
    let fk: bool = db.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).expect("fk");
    assert!(fk);
    drop(store);
    Store::open(dir.path().join("plan.gantry")).expect("reopens without migrating again");
}

#[test]
fn a_file_that_is_not_a_portfolio_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("dir");
    let text = dir.path().join("notes.gantry");
    std::fs::write(&text, "this is a text file, not a plan").expect("write");
    assert!(matches!(Store::open(&text), Err(Error::NotAPortfolio(_))));
    assert_eq!(std::fs::read(&text).expect("read"), b"this is a text file, not a plan");

    let other = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).expect("other db");
        c.execute_batch(
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);",
        )
        .expect("other schema");
    }
    let before = std::fs::read(&other).expect("read");
    let err = Store::open(&other).err().expect("another program's database is refused");
    assert!(err.to_string().contains("not a Gantry portfolio"), "{err}");
    assert_eq!(std::fs::read(&other).expect("read"), before, "not one byte changed");
}

#[test]
fn a_failed_command_changes_nothing() {
    let (_dir, mut store) = new_store();
    let project = sample_project(&mut store);
    let before = dump(&store);
    let result: gantry_store::Result<()> = store.write("Half a command", |db| {
        gantry_store::insert_task(db, &new_task(project, None, 1, "Written, then rolled back"))?;
        Err(Error::Refused("the second half failed".into()))
    });
    assert!(result.is_err());
    assert_eq!(dump(&store), before);
    assert!(store.history(10).expect("history").iter().all(|h| h.label != "Half a command"));
}

#[test]
fn undo_and_redo_restore_deleted_subtrees_with_their_links() {
    let (dir, mut store) = new_store();
    let project = sample_project(&mut store);
    let (phase, _, c) = store
        .write("Add tasks", |db| {
            let phase = gantry_store::insert_task(db, &new_task(project, None, 1, "Phase"))?;
            let a = gantry_store::insert_task(db, &new_task(project, Some(phase), 1, "A"))?;
            let c = gantry_store::insert_task(db, &new_task(project, None, 2, "C"))?;
            let link = Link {
                id: 0,
                predecessor: a,
                successor: c,
                kind: LinkKind::FinishToStart,
                lag_minutes: 0,
                lag_elapsed: false,
            };
            gantry_store::insert_link(db, project, &link)?;
            Ok((phase, a, c))
        })
        .expect("tasks added");
    let full = dump(&store);
    store.write("Delete Phase", |db| gantry_store::delete_task(db, phase)).expect("deleted");
    let deleted = dump(&store);
    assert_eq!(gantry_store::tasks(store.db(), project).expect("tasks").len(), 1, "the subtree went");
    assert!(gantry_store::links(store.db(), project).expect("links").is_empty(), "its link went too");

    assert_eq!(store.undo().expect("undo"), Some("Delete Phase".into()));
    assert_eq!(dump(&store), full, "undo brings back the subtree and the link");

    // History survives a restart.
    drop(store);
    let mut store = Store::open(dir.path().join("plan.gantry")).expect("reopen");
    assert_eq!(store.redo().expect("redo"), Some("Delete Phase".into()));
    assert_eq!(dump(&store), deleted);
    store.undo().expect("undo again");
    store.undo().expect("undo the add");
    assert!(gantry_store::tasks(store.db(), project).expect("tasks").is_empty());
    store.redo().expect("redo the add");
    assert_eq!(dump(&store), full);
    let fk: i64 = store.db().query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).expect("fk");
    assert_eq!(fk, 0);
    let _ = c;
}

#[test]
fn a_new_command_clears_what_could_be_redone() {
    let (_dir, mut store) = new_store();
    let project = sample_project(&mut store);
    store.write("Add A", |db| gantry_store::insert_task(db, &new_task(project, None, 1, "A"))).expect("A");
    store.undo().expect("undo");
    store.write("Add B", |db| gantry_store::insert_task(db, &new_task(project, None, 1, "B"))).expect("B");
    assert_eq!(store.redo().expect("redo"), None);
    let names: Vec<String> =
        gantry_store::tasks(store.db(), project).expect("tasks").into_iter().map(|t| t.name).collect();
    assert_eq!(names, vec!["B".to_string()]);
}

/// A manual task's typed finish, a leveling delay and the pauses of a split
/// task are kept, and an undo of the edit brings the task back without
/// them.
#[test]
fn a_split_delayed_manual_task_round_trips_and_its_edit_undoes() {
    let (_dir, mut store) = new_store();
    let project = sample_project(&mut store);
    let plain = new_task(project, None, 1, "Cut-over");
    let id = store.write("Add", |db| gantry_store::insert_task(db, &plain)).expect("added");
    let mut edited = gantry_store::task(store.db(), id).expect("read");
    let before = edited.clone();
    edited.manual = true;
    edited.manual_finish = chrono::NaiveDate::from_ymd_opt(2027, 3, 19).and_then(|d| d.and_hms_opt(16, 0, 0));
    edited.leveling_delay = gantry_core::Delay { minutes: 2880, elapsed: true };
    edited.duration_minutes = 2400;
    edited.splits = vec![gantry_core::Split { after: 720, pause: 480 }, gantry_core::Split { after: 1920, pause: 960 }];
    store.write("Edit", |db| gantry_store::update_task(db, &edited)).expect("edited");
    assert_eq!(gantry_store::task(store.db(), id).expect("read"), edited);
    store.undo().expect("undo");
    assert_eq!(gantry_store::task(store.db(), id).expect("read"), before);
    store.redo().expect("redo");
    assert_eq!(gantry_store::task(store.db(), id).expect("read").splits, edited.splits);
}

#[test]
fn calendars_round_trip_with_exceptions() {
    let (_dir, mut store) = new_store();
    let mut cal = WorkCalendar::standard(0, "Germany");
    cal.exceptions.push(gantry_core::CalendarException {
        name: "Unity Day".into(),
        start: NaiveDate::from_ymd_opt(2020, 10, 3).expect("date"),
        finish: NaiveDate::from_ymd_opt(2020, 10, 3).expect("date"),
        yearly: true,
        working: vec![],
    });
    let id = store.write("Add calendar", |db| gantry_store::insert_calendar(db, &cal)).expect("stored");
    let back = gantry_store::calendar(store.db(), id).expect("read");
    assert_eq!(back.weekdays, cal.weekdays);
    assert_eq!(back.exceptions, cal.exceptions);
}

/// The fingerprint this build records for its first migration, read from a
/// file it made.
fn first_fingerprint() -> String {
    let (_dir, store) = new_store();
    store.db().query_row("SELECT fingerprint FROM schema_migrations WHERE version = 1", [], |r| r.get(0)).expect("row")
}

/// A portfolio as the first release wrote it, with one project and task.
fn first_format_file(path: &std::path::Path, print: &str) {
    let first = include_str!("../migrations/0001_portfolio.sql");
    let c = rusqlite::Connection::open(path).expect("file");
    c.execute_batch(first).expect("format 1");
    c.execute_batch(&format!(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, fingerprint TEXT NOT NULL, applied_at TEXT NOT NULL);
         INSERT INTO schema_migrations VALUES (1, 'portfolio', '{print}', '2026-01-01T00:00:00');
         PRAGMA application_id = {};
         INSERT INTO calendars (id, name) VALUES (1, 'Standard');
         INSERT INTO projects (id, name, methodology, start_date, status, calendar_id) VALUES (1, 'ERP upgrade', 'waterfall', '2027-01-04', 'on_track', 1);
         INSERT INTO tasks (id, project_id, position, name, kind, duration_minutes) VALUES (1, 1, 1, 'Blueprint', 'task', 960);",
        gantry_store::APPLICATION_ID
    ))
    .expect("data");
}

#[test]
fn a_portfolio_from_the_first_format_upgrades_in_place_and_keeps_its_data() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.gantry");
    first_format_file(&path, &first_fingerprint());
    let store = Store::open(&path).expect("upgrades");
    let tasks = gantry_store::tasks(store.db(), 1).expect("tasks");
    assert_eq!(tasks.len(), 1);
    assert_eq!((tasks[0].name.as_str(), tasks[0].duration_minutes, tasks[0].manual), ("Blueprint", 960, false));
    assert_eq!(gantry_store::project(store.db(), 1).expect("project").status_date, None);
    let steps: i64 = store.db().query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0)).expect("count");
    assert!(steps >= 4, "every later migration was applied");
    let snapshots = gantry_store::snapshot::list(&path);
    assert_eq!(snapshots.len(), 1, "a snapshot was taken before the upgrade");
    assert_eq!(snapshots[0].reason, gantry_store::SnapshotReason::BeforeUpgrade);
    let before = rusqlite::Connection::open(&snapshots[0].path).expect("snapshot opens");
    let format: i64 = before.query_row("SELECT max(version) FROM schema_migrations", [], |r| r.get(0)).expect("v");
    assert_eq!(format, 1, "the snapshot holds the file as it was before the upgrade");
}

#[test]
fn a_portfolio_whose_applied_migration_differs_from_this_build_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("tampered.gantry");
    first_format_file(&path, "0000000000000000");
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, Error::Damaged { .. }), "{err}");
    assert!(std::fs::read(&path).expect("read") == before, "the refused file is left exactly as it was");
}
