//! GanttProject files in: every fixture of `../shared/fixtures/gan` imports,
//! end dates come out as GanttProject computes them (start plus working
//! days on its week and holidays), links keep their type and lag, people
//! their rate, allocations and vacations; a refused file changes nothing.

mod common;

use gantry_api::Portfolio;
use gantry_core::model::*;

fn now() -> chrono::NaiveDateTime {
    common::today().and_hms_opt(9, 0, 0).expect("time")
}

fn fixture(name: &str) -> Vec<u8> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/gan");
    std::fs::read(dir.join(name)).expect("fixture")
}

fn import(name: &str) -> (tempfile::TempDir, Portfolio, gantry_api::wire::Imported) {
    let dir = tempfile::tempdir().expect("dir");
    let mut p = Portfolio::open(dir.path().join("gan.gantry")).expect("portfolio");
    let done = p.import_file(&fixture(name), name, now()).expect("imports");
    (dir, p, done)
}

/// (name, start, finish) of every task, in outline order.
fn dates(p: &Portfolio, project: i64) -> Vec<(String, String, String)> {
    p.plan(project).expect("plan").tasks.into_iter().map(|t| (t.name, t.start, t.finish)).collect()
}

#[test]
fn every_ganttproject_fixture_imports() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/gan");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "gan"))
        .collect();
    files.sort();
    assert!(files.len() >= 30);
    for file in files {
        let name = file.file_name().expect("name").to_string_lossy().into_owned();
        let (_dir, p, done) = import(&name);
        let plan = p.plan(done.project_id).expect("plan");
        assert!(plan.diagnostics.is_empty(), "{name}: {:?}", plan.diagnostics);
    }
}

#[test]
fn end_dates_are_start_plus_working_days_on_the_files_calendar() {
    // (file, the task's finish): two days from the start.
    let cases = [
        // Tue 2 Jan 2024 with a one-off holiday on Wed 3: Tue and Thu.
        ("task_endDate_task-crossing-one-off-holiday.gan", "2024-01-04T17:00:00"),
        // The same holiday recurring every 3 January.
        ("task_endDate_task-crossing-recurring-holiday.gan", "2024-01-04T17:00:00"),
        // Fri 29 Dec 2023, weekends off: Fri and Mon.
        ("task_endDate_task-crossing-weekends-and-no-tasks-can-run-on-weekends.gan", "2024-01-01T17:00:00"),
        // Weekends worked: Fri and Sat.
        ("task_endDate_task-crossing-weekends-and-tasks-can-run-on-weekends.gan", "2023-12-30T17:00:00"),
    ];
    for (file, finish) in cases {
        let (_dir, p, done) = import(file);
        let d = dates(&p, done.project_id);
        assert_eq!(d[0].2, finish, "{file}: {d:?}");
    }
    let (_dir, p, done) = import("task_milestone-task.gan");
    let plan = p.plan(done.project_id).expect("plan");
    assert_eq!(plan.tasks[0].kind, TaskKind::Milestone);
}

#[test]
fn links_hierarchy_people_and_notes_come_in() {
    let (_dir, p, done) = import("task_task-with-dependencies.gan");
    let plan = p.plan(done.project_id).expect("plan");
    let name = |id: i64| plan.tasks.iter().find(|t| t.id == id).map(|t| t.name.clone()).unwrap_or_default();
    let mut links: Vec<_> =
        plan.links.iter().map(|l| (name(l.predecessor), name(l.successor), l.kind, l.lag_minutes)).collect();
    links.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        links,
        [
            ("task A".into(), "task B".into(), LinkKind::StartToStart, 0),
            ("task B".into(), "task C".into(), LinkKind::FinishToStart, 0),
            ("task C".into(), "task D".into(), LinkKind::FinishToFinish, -480),
            ("task D".into(), "task E".into(), LinkKind::StartToFinish, 0),
        ]
    );
    let d = dates(&p, done.project_id);
    assert_eq!(d[0], ("task A".into(), "2024-01-04T08:00:00".into(), "2024-01-05T17:00:00".into()));
    assert_eq!(d[2].1, "2024-01-05T08:00:00", "task C starts on its day, after B");

    let (_dir, p, done) = import("task_task-with-expanded-subtasks.gan");
    let plan = p.plan(done.project_id).expect("plan");
    let outline: Vec<(String, String)> = plan.tasks.iter().map(|t| (t.outline.clone(), t.name.clone())).collect();
    assert!(outline.contains(&("1.2.1".into(), "task Ab1".into())), "{outline:?}");

    let (_dir, p, done) = import("allocation_task-with-basic-assignee.gan");
    let plan = p.plan(done.project_id).expect("plan");
    assert_eq!(plan.tasks[0].assignees.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["John Doe"]);

    // A vacation makes the person's own calendar, with the days off.
    let (_dir, p, _) = import("vacation_resource-with-vacation.gan");
    let john = p.team().expect("team").into_iter().find(|m| m.name == "John Doe").expect("John");
    assert!(john.calendar_id.is_some(), "John has his own calendar for his vacation");

    let (_dir, p, done) = import("task_task-with-notes.gan");
    let plan = p.plan(done.project_id).expect("plan");
    assert!(plan.tasks[0].notes.starts_with("This is the first sentence."));
}

#[test]
fn baselines_come_with_their_ends_computed_on_the_files_calendar() {
    // (file, baseline, the first task's baseline finish): two working days
    // from its start day, across a holiday or a weekend as the file has them.
    let cases = [
        ("baseline_basic-baseline.gan", None),
        ("baseline_endDate_task-in-baseline-crossing-one-off-holiday.gan", Some("2024-01-04T17:00:00")),
        ("baseline_endDate_task-in-baseline-crossing-recurring-holiday.gan", Some("2024-01-04T17:00:00")),
        (
            "baseline_endDate_task-in-baseline-crossing-weekends-and-no-tasks-can-run-on-weekends.gan",
            Some("2024-01-01T17:00:00"),
        ),
        (
            "baseline_endDate_task-in-baseline-crossing-weekends-and-tasks-can-run-on-weekends.gan",
            Some("2023-12-30T17:00:00"),
        ),
    ];
    for (file, finish) in cases {
        let (_dir, p, done) = import(file);
        assert!(done.warnings.iter().all(|w| !w.contains("baseline")), "{file}: {:?}", done.warnings);
        let plan = p.plan(done.project_id).expect("plan");
        assert_eq!(plan.baselines.len(), 1, "{file}");
        let dates = p.baseline_dates(plan.baselines[0].id).expect("dates");
        assert!(!dates.is_empty(), "{file}");
        if let Some(finish) = finish {
            assert_eq!(dates[0].finish, finish, "{file}");
        }
    }
}

#[test]
fn a_broken_or_hostile_gan_file_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut p = Portfolio::open(dir.path().join("gan.gantry")).expect("portfolio");
    let before = common::digest(&p);
    let cases: [(&str, &[u8]); 4] = [
        ("truncated", b"<?xml version=\"1.0\"?><project name=\"x\"><tasks><task id=\"0\" name=\"a\""),
        ("an entity", b"<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY e \"x\">]><project><tasks/></project>"),
        ("negative", b"<project name=\"x\"><tasks><task id=\"0\" name=\"a\" start=\"2024-01-02\" duration=\"-3\"/></tasks></project>"),
        ("twice", b"<project name=\"x\"><tasks><task id=\"0\" name=\"a\"/><task id=\"0\" name=\"b\"/></tasks></project>"),
    ];
    for (what, bytes) in cases {
        let err = p.import_file(bytes, "plan.gan", now()).expect_err(what).to_string();
        assert!(err.len() < 300, "{what}: {err}");
        assert_eq!(common::digest(&p), before, "{what}: nothing saved");
    }
}

#[test]
fn people_keep_their_ganttproject_role() {
    // allocation_task-with-basic-assignee.gan: John Doe is `Default:1`,
    // GanttProject's own "project manager".
    let (_dir, p, _) = import("allocation_task-with-basic-assignee.gan");
    let team = p.team().expect("team");
    let john = team.iter().find(|m| m.name == "John Doe").expect("John Doe");
    assert_eq!(john.role, "Project manager");
}
