//! Commands run the way the app runs them, on a real temporary portfolio.

use chrono::NaiveDate;
use gantry_api::wire::*;
use gantry_api::{Portfolio, bindings};
use gantry_core::model::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn sample() -> (tempfile::TempDir, Portfolio) {
    let dir = tempfile::tempdir().expect("dir");
    let p = Portfolio::create_sample(dir.path().join("Sample.gantry"), today()).expect("sample");
    (dir, p)
}

fn fields(name: &str, calendar_id: i64) -> ProjectFields {
    ProjectFields {
        name: name.into(),
        goal: "Move e-mail to the cloud".into(),
        scope: String::new(),
        methodology: Methodology::Hybrid,
        manager: "Ana Moreau".into(),
        start: "2027-01-04".into(),
        status: ProjectStatus::OnTrack,
        status_reason: String::new(),
        currency: "EUR".into(),
        calendar_id,
        status_date: String::new(),
    }
}

/// Everything a user could see of the portfolio, to prove nothing changed.
fn snapshot(p: &Portfolio) -> String {
    let mut out = format!("{:?}", p.projects().expect("projects"));
    for s in p.projects().expect("projects") {
        out.push_str(&format!("{:?}", p.plan(s.id).expect("plan").tasks));
    }
    out
}

#[test]
fn the_bindings_for_the_frontend_are_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/ipc/bindings.ts");
    let fresh = bindings::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write bindings");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == fresh, "ui/src/lib/ipc/bindings.ts is stale: run UPDATE_BINDINGS=1 cargo test -p gantry-api");
}

#[test]
fn the_sample_portfolio_is_a_real_it_department() {
    let (_dir, p) = sample();
    let projects = p.projects().expect("projects");
    assert_eq!(projects.len(), 3);
    for s in &projects {
        assert!((40..=120).contains(&s.task_count), "{} has {} tasks", s.name, s.task_count);
        assert!(s.finish > s.start);
        assert!(s.critical_count > 0, "{} has a critical path", s.name);
        assert!(s.percent_complete > 0.0 && s.percent_complete < 100.0, "{} is in flight", s.name);
        let plan = p.plan(s.id).expect("plan");
        assert!(plan.diagnostics.is_empty(), "{}: {:?}", s.name, plan.diagnostics);
        assert!(plan.tasks.iter().any(|t| t.kind == TaskKind::Milestone));
        assert!(plan.tasks.iter().any(|t| t.has_children));
        assert!(plan.links.len() >= 30, "{} is a network, not a list", s.name);
        assert!(plan.tasks.iter().any(|t| !t.assignees.is_empty()));
        let done_phase = plan.tasks.iter().find(|t| t.has_children && t.percent_complete == 100);
        assert!(done_phase.is_some(), "{}: a finished phase rolls up to 100 %", s.name);
        assert!(plan.tasks.iter().filter(|t| t.percent_complete == 100).all(|t| !t.critical || t.has_children));
    }
    let statuses: std::collections::HashSet<_> = projects.iter().map(|s| s.status).collect();
    assert_eq!(statuses.len(), 3, "one project of each RAG colour");
    let team = p.team().expect("team");
    assert!((6..=10).contains(&team.len()), "a team of 6–10 people");
    assert!(team.iter().all(|m| !m.skills.is_empty() && m.cost_rate > 0.0));
    let calendars = p.calendars().expect("calendars");
    assert!(calendars[0].exceptions.iter().any(|e| e.contains("Christmas")));
    assert_eq!(p.info().expect("info").undo, None, "undo must not take the sample away again");
}

#[test]
fn tasks_are_added_indented_and_survive_reopening() {
    let (dir, mut p) = sample();
    let cal = p.calendars().expect("calendars")[0].id;
    let id = p.create_project(fields("E-mail migration", cal)).expect("created");
    let a = p
        .add_task(NewTask { project_id: id, after: None, name: "Plan".into(), duration: Some("2d".into()) })
        .expect("a");
    let b = p.add_task(NewTask { project_id: id, after: Some(a), name: "Pilot".into(), duration: None }).expect("b");
    let c = p
        .add_task(NewTask { project_id: id, after: Some(b), name: "Roll-out".into(), duration: Some("1w".into()) })
        .expect("c");
    p.shift_task(b, Shift::Indent).expect("indent");
    p.link_tasks(b, c, LinkKind::FinishToStart, 0).expect("link");
    drop(p);

    let p = Portfolio::open(dir.path().join("Sample.gantry")).expect("reopen");
    let plan = p.plan(id).expect("plan");
    let rows: Vec<(&str, u32, &str)> =
        plan.tasks.iter().map(|t| (t.name.as_str(), t.depth, t.outline.as_str())).collect();
    assert_eq!(rows, vec![("Plan", 0, "1"), ("Pilot", 1, "1.1"), ("Roll-out", 0, "2")]);
    assert_eq!(plan.tasks[0].kind, TaskKind::Summary, "a task with subtasks is a summary");
    assert_eq!(plan.tasks[2].predecessors, "1.1FS");
    // 2027-01-04 is a Monday: Pilot takes Monday, Roll-out the next five days.
    assert_eq!(plan.tasks[1].start, "2027-01-04T08:00:00");
    assert_eq!(plan.tasks[2].start, "2027-01-05T08:00:00");
    assert_eq!(plan.tasks[2].finish, "2027-01-11T17:00:00");
    let _ = a;
}

#[test]
fn editing_durations_and_dates_reschedules_successors() {
    let (_dir, mut p) = sample();
    let cal = p.calendars().expect("calendars")[0].id;
    let id = p.create_project(fields("Backup renewal", cal)).expect("created");
    let a = p.add_task(NewTask { project_id: id, after: None, name: "Order".into(), duration: None }).expect("a");
    let b = p.add_task(NewTask { project_id: id, after: Some(a), name: "Install".into(), duration: None }).expect("b");
    p.link_tasks(a, b, LinkKind::FinishToStart, 0).expect("link");
    let change = p.edit_task(a, TaskEdit { duration: Some("3d".into()), ..Default::default() }).expect("duration");
    let moved: Vec<&str> = change.moved.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(moved, vec!["Order", "Install"], "the edited task and its successor moved");
    assert_eq!(
        (change.finish_before.as_str(), change.finish_after.as_str()),
        ("2027-01-05T17:00:00", "2027-01-07T17:00:00")
    );
    let plan = p.plan(id).expect("plan");
    assert_eq!(plan.tasks[1].start, "2027-01-07T08:00:00");
    p.edit_task(a, TaskEdit { start: Some("2027-01-11".into()), ..Default::default() }).expect("start");
    p.edit_task(a, TaskEdit { finish: Some("2027-01-15".into()), ..Default::default() }).expect("finish");
    let plan = p.plan(id).expect("plan");
    assert_eq!(
        (plan.tasks[0].start.as_str(), plan.tasks[0].finish.as_str()),
        ("2027-01-11T08:00:00", "2027-01-15T17:00:00")
    );
    assert_eq!(plan.tasks[0].duration, "5d");
    assert_eq!(plan.tasks[1].start, "2027-01-18T08:00:00");
}

#[test]
fn a_status_date_keeps_unfinished_work_out_of_the_past() {
    let (_dir, mut p) = sample();
    let cal = p.calendars().expect("calendars")[0].id;
    let id = p.create_project(fields("Late start", cal)).expect("created");
    p.add_task(NewTask { project_id: id, after: None, name: "Order".into(), duration: Some("2d".into()) })
        .expect("task");
    assert_eq!(p.plan(id).expect("plan").tasks[0].start, "2027-01-04T08:00:00");
    // Progress reported on Friday 8 January: nothing started, so the task
    // cannot start before Monday 11 January.
    p.update_project(id, ProjectFields { status_date: "2027-01-08".into(), ..fields("Late start", cal) })
        .expect("saved");
    let plan = p.plan(id).expect("plan");
    assert_eq!(plan.fields.status_date, "2027-01-08");
    assert_eq!(plan.tasks[0].start, "2027-01-11T08:00:00");
}

#[test]
fn bad_input_is_refused_with_a_message_and_changes_nothing() {
    let (_dir, mut p) = sample();
    let project = p.projects().expect("projects")[0].id;
    let plan = p.plan(project).expect("plan");
    let phase = plan.tasks.iter().find(|t| t.has_children).expect("phase").id;
    let child = plan.tasks.iter().find(|t| t.parent_id == Some(phase)).expect("child").id;
    let before = snapshot(&p);
    let cal = p.calendars().expect("calendars")[0].id;

    let cases: Vec<(&str, gantry_api::Result<()>)> = vec![
        ("empty name", p.edit_task(child, TaskEdit { name: Some("   ".into()), ..Default::default() }).map(|_| ())),
        (
            "huge name",
            p.edit_task(child, TaskEdit { name: Some("x".repeat(10_000)), ..Default::default() }).map(|_| ()),
        ),
        (
            "no such date",
            p.edit_task(child, TaskEdit { start: Some("2027-02-30".into()), ..Default::default() }).map(|_| ()),
        ),
        (
            "negative duration",
            p.edit_task(child, TaskEdit { duration: Some("-3d".into()), ..Default::default() }).map(|_| ()),
        ),
        (
            "finish before start",
            p.edit_task(child, TaskEdit { finish: Some("1990-01-01".into()), ..Default::default() }).map(|_| ()),
        ),
        ("percent", p.edit_task(child, TaskEdit { percent_complete: Some(140), ..Default::default() }).map(|_| ())),
        ("own ancestor", p.reparent_task(phase, Some(child))),
        ("self link", p.link_tasks(child, child, LinkKind::FinishToStart, 0).map(|_| ())),
        ("empty project name", p.create_project(fields("", cal)).map(|_| ())),
        (
            "bad project date",
            p.create_project(ProjectFields { start: "2027-13-01".into(), ..fields("X", cal) }).map(|_| ()),
        ),
        ("bad currency", p.create_project(ProjectFields { currency: "euros".into(), ..fields("X", cal) }).map(|_| ())),
        (
            "bad status date",
            p.create_project(ProjectFields { status_date: "2027-02-30".into(), ..fields("X", cal) }).map(|_| ()),
        ),
        (
            "empty task name",
            p.add_task(NewTask { project_id: project, after: None, name: "".into(), duration: None }).map(|_| ()),
        ),
    ];
    for (what, result) in cases {
        let err = result.expect_err(what);
        let wire = ApiError::from(&err);
        assert!(!wire.message.is_empty(), "{what} has a message");
        assert!(wire.message.len() < 300, "{what}: the message stays readable: {}", wire.message);
    }
    assert_eq!(snapshot(&p), before, "nothing changed");
}

#[test]
fn a_link_that_closes_a_circle_is_refused_with_the_circle_named() {
    let (_dir, mut p) = sample();
    let cal = p.calendars().expect("calendars")[0].id;
    let id = p.create_project(fields("Circle", cal)).expect("created");
    let a = p.add_task(NewTask { project_id: id, after: None, name: "Build".into(), duration: None }).expect("a");
    let b = p.add_task(NewTask { project_id: id, after: Some(a), name: "Test".into(), duration: None }).expect("b");
    let c = p.add_task(NewTask { project_id: id, after: Some(b), name: "Fix".into(), duration: None }).expect("c");
    p.link_tasks(a, b, LinkKind::FinishToStart, 0).expect("a→b");
    p.link_tasks(b, c, LinkKind::FinishToStart, 0).expect("b→c");
    let err = p.link_tasks(c, a, LinkKind::FinishToStart, 0).expect_err("circle");
    let wire = ApiError::from(&err);
    assert_eq!(wire.code, ErrorCode::Cycle);
    for name in ["Build", "Test", "Fix"] {
        assert!(wire.message.contains(name), "{}", wire.message);
    }
}

#[test]
fn deleting_a_subtree_is_one_undoable_step() {
    let (_dir, mut p) = sample();
    let project = p.projects().expect("projects")[0].id;
    let before = p.plan(project).expect("plan");
    let phase = before.tasks.iter().find(|t| t.has_children).expect("phase");
    let deleted = p.delete_task(phase.id).expect("deleted");
    assert!(deleted.tasks > 1);
    assert!(deleted.label.contains("subtasks"));
    assert_eq!(p.plan(project).expect("plan").tasks.len(), before.tasks.len() - deleted.tasks as usize);
    assert_eq!(p.info().expect("info").undo.as_deref(), Some(deleted.label.as_str()));
    p.undo().expect("undo");
    let after = p.plan(project).expect("plan");
    assert_eq!(format!("{:?}", after.tasks), format!("{:?}", before.tasks));
    assert_eq!(after.links.len(), before.links.len());
    p.redo().expect("redo");
    assert_eq!(p.plan(project).expect("plan").tasks.len(), before.tasks.len() - deleted.tasks as usize);
}

#[test]
fn moving_tasks_keeps_the_outline_consistent() {
    let (_dir, mut p) = sample();
    let cal = p.calendars().expect("calendars")[0].id;
    let id = p.create_project(fields("Order", cal)).expect("created");
    let a = p.add_task(NewTask { project_id: id, after: None, name: "A".into(), duration: None }).expect("a");
    let b = p.add_task(NewTask { project_id: id, after: Some(a), name: "B".into(), duration: None }).expect("b");
    let c = p.add_task(NewTask { project_id: id, after: Some(b), name: "C".into(), duration: None }).expect("c");
    let names = |p: &Portfolio| {
        p.plan(id).expect("plan").tasks.iter().map(|t| format!("{}{}", t.outline, t.name)).collect::<Vec<_>>().join(" ")
    };
    p.shift_task(c, Shift::Up).expect("up");
    assert_eq!(names(&p), "1A 2C 3B");
    assert!(p.shift_task(a, Shift::Up).is_err(), "already first");
    assert!(p.shift_task(a, Shift::Indent).is_err(), "nothing above");
    p.shift_task(c, Shift::Indent).expect("indent");
    p.shift_task(b, Shift::Indent).expect("indent");
    assert_eq!(names(&p), "1A 1.1C 1.2B");
    p.shift_task(c, Shift::Outdent).expect("outdent");
    assert_eq!(names(&p), "1A 1.1B 2C");
    p.shift_task(b, Shift::Outdent).expect("outdent");
    assert_eq!(names(&p), "1A 2B 3C");
    let plan = p.plan(id).expect("plan");
    assert_eq!(plan.tasks[0].kind, TaskKind::Task, "a former summary is a task again");
    assert_eq!(plan.tasks[0].duration, "1d");
}

#[test]
fn recent_files_are_remembered_newest_first() {
    let dir = tempfile::tempdir().expect("dir");
    let list = dir.path().join("config/recent.json");
    gantry_api::recent::remember(&list, std::path::Path::new("/plans/a.gantry")).expect("a");
    gantry_api::recent::remember(&list, std::path::Path::new("/plans/b.gantry")).expect("b");
    let files = gantry_api::recent::remember(&list, std::path::Path::new("/plans/a.gantry")).expect("a again");
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, vec!["a", "b"]);
    assert_eq!(gantry_api::recent::load(&list).len(), 2);
}
