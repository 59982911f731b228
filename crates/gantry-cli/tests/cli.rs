//! The built `gantry` binary, run as a user runs it.

use std::process::Command;

fn gantry(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gantry")).args(args).output().expect("gantry runs")
}

#[test]
fn version_names_the_release() {
    let out = gantry(&["--version"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("gantry {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn sample_then_projects_prints_every_project_as_json() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("Portfolio.gantry");
    let db = db.to_str().expect("utf-8 path");
    assert!(gantry(&["sample", "--db", db]).status.success());
    let out = gantry(&["projects", "--db", db, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let projects: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let list = projects.as_array().expect("an array");
    assert_eq!(list.len(), 3);
    for p in list {
        for key in ["name", "manager", "start", "finish", "status", "taskCount"] {
            assert!(p.get(key).is_some(), "{key} in {p}");
        }
        assert!(p["taskCount"].as_i64().expect("count") >= 40);
    }
    let again = gantry(&["sample", "--db", db]);
    assert!(!again.status.success(), "an existing file is never overwritten");
}

#[test]
fn a_file_that_is_not_a_portfolio_fails_with_one_line_on_stderr() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("notes.gantry");
    std::fs::write(&path, b"not a plan").expect("write");
    let out = gantry(&["projects", "--db", path.to_str().expect("path"), "--json"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a Gantry portfolio"), "{err}");
    assert_eq!(err.trim().lines().count(), 1);
    assert_eq!(std::fs::read(&path).expect("read"), b"not a plan");
    let missing = gantry(&["projects", "--db", "/nonexistent/x.gantry"]);
    assert!(!missing.status.success());
}
