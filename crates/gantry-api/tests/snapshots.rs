//! Snapshots through the api: taken at start-up when due, listed, and
//! restored by name only — a name that is not one of the list is refused.

use chrono::{NaiveDate, NaiveDateTime};
use gantry_api::Portfolio;
use gantry_api::wire::ErrorCode;

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("moment")
}

#[test]
fn a_restore_brings_back_the_snapshot_and_can_itself_be_taken_back() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("Portfolio.gantry");
    let today = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
    let mut p = Portfolio::create_sample(&path, today).expect("sample");
    let taken = p.snapshot_if_due(at("2026-11-02 08:00")).expect("snapshot").expect("due on first start");
    assert_eq!(taken.reason, "at start-up");
    assert!(p.snapshot_if_due(at("2026-11-02 19:00")).expect("checked").is_none(), "not due within 12 hours");
    let projects = p.projects().expect("projects").len();
    let first = p.projects().expect("projects")[0].id;
    p.delete_project(first).expect("deleted");
    assert_eq!(p.projects().expect("projects").len(), projects - 1);
    drop(p);

    for hostile in ["../Portfolio.gantry", "/etc/passwd", "", "2026-11-02 08-00-00 start-up.gantry/.."] {
        let err = gantry_api::restore(&path, hostile, at("2026-11-02 20:00")).err().expect("refused");
        assert_eq!(gantry_api::wire::ApiError::from(&err).code, ErrorCode::Invalid, "{hostile}: {err}");
    }
    assert!(Portfolio::open(&path).expect("still opens").projects().expect("p").len() == projects - 1);

    let list = gantry_api::snapshots(&path);
    assert_eq!(list.len(), 1);
    let (restored, what) = gantry_api::restore(&path, &list[0].name, at("2026-11-02 20:00")).expect("restored");
    assert_eq!(restored.projects().expect("projects").len(), projects, "the deleted project is back");
    let aside = what.kept_aside.expect("the replaced file is kept");
    assert!(std::path::Path::new(&aside).exists());
    drop(restored);

    // The restore took a snapshot of what it replaced: restoring that one
    // takes the restore back.
    let list = gantry_api::snapshots(&path);
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].reason, "before a restore");
    let (back, _) = gantry_api::restore(&path, &list[0].name, at("2026-11-02 20:05")).expect("restored");
    assert_eq!(back.projects().expect("projects").len(), projects - 1);
}
