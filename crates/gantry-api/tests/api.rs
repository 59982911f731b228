//! Commands run the way the app runs them, on a real temporary portfolio.

mod common;

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
    let (projects, closed): (Vec<_>, Vec<_>) =
        p.projects().expect("projects").into_iter().partition(|s| s.closed_on.is_none());
    assert_eq!(projects.len(), 3, "three projects in flight");
    assert_eq!(closed.len(), 1, "and one closed, archived");
    assert!(
        closed[0].percent_complete == 100.0 && closed[0].finish.as_str() < closed[0].closed_on.as_deref().unwrap_or("")
    );
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
    assert!(team.iter().all(|m| !m.skills.is_empty() && m.standard_rate > 0));
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
fn a_row_lists_its_predecessors_and_a_summary_shows_the_work_weighted_progress_under_it() {
    let (_dir, mut p) = sample();
    let cal = p.calendars().expect("calendars")[0].id;
    let id = p.create_project(fields("Network refresh", cal)).expect("created");
    let mut after = None;
    let mut ids = Vec::new();
    for (name, duration) in [("Refresh", "1d"), ("Survey", "2d"), ("Order", "6d"), ("Install", "1d")] {
        let t = p.add_task(NewTask { project_id: id, after, name: name.into(), duration: Some(duration.into()) });
        ids.push(t.expect("task"));
        after = ids.last().copied();
    }
    let [refresh, survey, order, install] = ids[..] else { unreachable!() };
    p.shift_task(survey, Shift::Indent).expect("indent");
    p.shift_task(order, Shift::Indent).expect("indent");
    p.edit_task(survey, TaskEdit { percent_complete: Some(50), ..Default::default() }).expect("progress");
    p.link_tasks(survey, install, LinkKind::FinishToStart, 0).expect("link");
    p.link_tasks(order, install, LinkKind::StartToStart, 480).expect("link");
    let plan = p.plan(id).expect("plan");
    let row = |id: i64| plan.tasks.iter().find(|t| t.id == id).expect("row");
    assert_eq!(row(install).predecessors, "1.1FS, 1.2SS+1d");
    assert_eq!(row(survey).predecessors, "");
    // Half of two days done out of eight days: 12.5 %, shown as 12.
    assert_eq!(row(refresh).percent_complete, 12);
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
fn an_elapsed_duration_typed_as_3ed_runs_through_the_weekend() {
    let (_dir, mut p) = sample();
    let cal = p.calendars().expect("calendars")[0].id;
    let id = p.create_project(fields("Server burn-in", cal)).expect("created");
    // The project starts on Monday 2027-01-04 at 08:00.
    let a = p.add_task(NewTask { project_id: id, after: None, name: "Order".into(), duration: Some("4d".into()) });
    let a = a.expect("a");
    let b =
        p.add_task(NewTask { project_id: id, after: Some(a), name: "Burn-in".into(), duration: Some("3ed".into()) });
    let b = b.expect("b");
    p.link_tasks(a, b, LinkKind::FinishToStart, 0).expect("link");
    let plan = p.plan(id).expect("plan");
    let burn_in = plan.tasks.iter().find(|t| t.id == b).expect("burn-in");
    assert_eq!(burn_in.duration, "3ed", "the grid shows it as typed");
    assert_eq!(
        (burn_in.start.as_str(), burn_in.finish.as_str()),
        ("2027-01-08T08:00:00", "2027-01-11T08:00:00"),
        "Friday 08:00 and three whole days on, through the weekend"
    );
    // Typed again as working time, it stops at night and at the weekend.
    p.edit_task(b, TaskEdit { duration: Some("3d".into()), ..Default::default() }).expect("working days");
    let plan = p.plan(id).expect("plan");
    let burn_in = plan.tasks.iter().find(|t| t.id == b).expect("burn-in");
    assert_eq!((burn_in.duration.as_str(), burn_in.finish.as_str()), ("3d", "2027-01-12T17:00:00"));
    let refused = p.edit_task(b, TaskEdit { duration: Some("-2ed".into()), ..Default::default() });
    assert!(refused.is_err(), "a negative elapsed duration is refused");

    // An estimate keeps its question mark until a duration is typed plainly.
    p.edit_task(b, TaskEdit { duration: Some("2d?".into()), ..Default::default() }).expect("estimate");
    let shown =
        |p: &Portfolio| p.plan(id).expect("plan").tasks.iter().find(|t| t.id == b).expect("row").duration.clone();
    assert_eq!(shown(&p), "2d?");
    p.edit_task(b, TaskEdit { duration: Some("2d".into()), ..Default::default() }).expect("firm");
    assert_eq!(shown(&p), "2d");
}

#[test]
fn a_task_split_on_the_timeline_pauses_its_work_and_a_leveling_delay_holds_it_back() {
    let (_dir, mut p) = sample();
    let cal = p.calendars().expect("calendars")[0].id;
    let id = p.create_project(fields("Data-centre move", cal)).expect("created");
    // From Monday 2027-01-04 08:00: five days of racking, then cabling.
    let a = p.add_task(NewTask { project_id: id, after: None, name: "Racking".into(), duration: Some("5d".into()) });
    let a = a.expect("a");
    let b = p.add_task(NewTask { project_id: id, after: Some(a), name: "Cabling".into(), duration: Some("2d".into()) });
    let b = b.expect("b");
    p.link_tasks(a, b, LinkKind::FinishToStart, 0).expect("link");
    let row = |p: &Portfolio, t: i64| p.plan(id).expect("plan").tasks.into_iter().find(|r| r.id == t).expect("row");
    assert!(row(&p, a).segments.is_empty(), "a task that does not pause has no stretches");
    let before = snapshot(&p);

    // Split on Tuesday at noon: a working day's pause, the work resumes
    // Wednesday after lunch and ends a day later; cabling follows.
    let moved = p.edit_task(a, TaskEdit { split_at: Some("2027-01-05T12:00".into()), ..Default::default() });
    assert!(moved.expect("split").moved.iter().any(|m| m.id == b), "its successor moved");
    let racking = row(&p, a);
    let stretches: Vec<(&str, &str)> = racking.segments.iter().map(|s| (s.start.as_str(), s.finish.as_str())).collect();
    assert_eq!(
        stretches,
        [("2027-01-04T08:00:00", "2027-01-05T12:00:00"), ("2027-01-06T13:00:00", "2027-01-11T17:00:00")]
    );
    assert_eq!((racking.duration.as_str(), racking.finish.as_str()), ("5d", "2027-01-11T17:00:00"));
    assert_eq!(row(&p, b).start, "2027-01-12T08:00:00");

    // Inside the pause, after the work, or no moment at all: refused, and
    // nothing changes.
    let after_split = snapshot(&p);
    for at in ["2027-01-05T15:00", "2027-01-20T10:00", "2027-13-01T10:00"] {
        let refused = p.edit_task(a, TaskEdit { split_at: Some(at.into()), ..Default::default() });
        assert!(refused.is_err(), "split at {at}");
    }
    assert_eq!(snapshot(&p), after_split);

    // Undo takes the pause out again; redo and a join do too.
    p.undo().expect("undo");
    assert_eq!(snapshot(&p), before);
    p.redo().expect("redo");
    p.edit_task(a, TaskEdit { join: Some(true), ..Default::default() }).expect("joined");
    assert_eq!(snapshot(&p), before);

    // A leveling delay of two elapsed days, typed as MS Project types it,
    // holds cabling back from Monday 08:00 to Wednesday 08:00.
    p.edit_task(b, TaskEdit { leveling_delay: Some("2ed".into()), ..Default::default() }).expect("delay");
    let cabling = row(&p, b);
    assert_eq!((cabling.leveling_delay.as_str(), cabling.start.as_str()), ("2ed", "2027-01-13T08:00:00"));
    let delayed = snapshot(&p);
    for bad in ["soon", "-1d", "999999999d"] {
        let refused = p.edit_task(b, TaskEdit { leveling_delay: Some(bad.into()), ..Default::default() });
        assert!(refused.is_err(), "delay {bad}");
    }
    assert_eq!(snapshot(&p), delayed);
    p.edit_task(b, TaskEdit { leveling_delay: Some(String::new()), ..Default::default() }).expect("no delay");
    assert_eq!(snapshot(&p), before);
}

/// A deadline typed in the task editor: the task stays where it is, its
/// slack and its predecessor's count to the end of that working day, a
/// deadline it cannot meet shows as negative slack on the critical path,
/// bad dates are refused, undo takes it away, and it goes out to MS
/// Project and comes back.
#[test]
fn a_deadline_counts_down_the_slack_of_a_task_and_its_predecessors() {
    let (_dir, mut p) = sample();
    let cal = p.calendars().expect("calendars")[0].id;
    let id = p.create_project(fields("Go-live", cal)).expect("created");
    // From Monday 2027-01-04: tests (2d) then the switch (1d), beside a
    // two-week migration that sets the project finish.
    let add = |p: &mut Portfolio, name: &str, d: &str| {
        p.add_task(NewTask { project_id: id, after: None, name: name.into(), duration: Some(d.into()) }).expect(name)
    };
    let (tests, switch, _migration) =
        (add(&mut p, "Tests", "2d"), add(&mut p, "Switch", "1d"), add(&mut p, "Migration", "10d"));
    p.link_tasks(tests, switch, LinkKind::FinishToStart, 0).expect("link");
    let row = |p: &Portfolio, t: i64| p.plan(id).expect("plan").tasks.into_iter().find(|r| r.id == t).expect("row");
    assert_eq!(row(&p, switch).total_slack_minutes, 7 * 480);
    let before = snapshot(&p);

    // Due Friday 2027-01-08: the end of that working day, two days of slack.
    p.edit_task(switch, TaskEdit { deadline: Some("2027-01-08".into()), ..Default::default() }).expect("deadline");
    let r = row(&p, switch);
    assert_eq!((r.deadline.as_deref(), r.start.as_str()), (Some("2027-01-08T17:00:00"), "2027-01-06T08:00:00"));
    assert_eq!((r.total_slack_minutes, row(&p, tests).total_slack_minutes), (2 * 480, 2 * 480));

    // Due Tuesday: a day late, on the critical path with its predecessor.
    p.edit_task(switch, TaskEdit { deadline: Some("2027-01-05T17:00".into()), ..Default::default() }).expect("earlier");
    let r = row(&p, switch);
    assert!(r.critical && row(&p, tests).critical && r.total_slack_minutes == -480, "{r:?}");
    let due = snapshot(&p);
    for bad in ["soon", "2027-02-30", "10000-01-01"] {
        let refused = p.edit_task(switch, TaskEdit { deadline: Some(bad.into()), ..Default::default() });
        assert!(refused.is_err(), "deadline {bad}");
    }
    assert_eq!(snapshot(&p), due);

    let exported = p.export_mspdi(id).expect("exports");
    let back = gantry_interop::mspdi::read(exported.as_bytes()).expect("reads back");
    let deadline = back.tasks.iter().find(|t| t.name == "Switch").and_then(|t| t.deadline);
    assert_eq!(deadline.map(|d| d.to_string()), Some("2027-01-05 17:00:00".to_owned()), "written as Deadline");

    p.undo().expect("undo");
    p.undo().expect("undo");
    assert_eq!(snapshot(&p), before);
    p.redo().expect("redo");
    p.edit_task(switch, TaskEdit { deadline: Some(String::new()), ..Default::default() }).expect("none");
    assert_eq!(snapshot(&p), before);
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
    // The last phase: nothing logged on it yet, so it can be deleted.
    let phase = before.tasks.iter().rev().find(|t| t.has_children).expect("phase");
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

/// A new project on the standard calendar (Monday 4 January 2027 onwards)
/// with `Design` → `Build` → `Test`, one day each unless given.
fn chain(p: &mut Portfolio, durations: [&str; 3]) -> (i64, [i64; 3]) {
    let cal = p.calendars().expect("calendars")[0].id;
    let id = p.create_project(fields("Chain", cal)).expect("created");
    let mut ids = [0; 3];
    let mut after = None;
    for (i, (name, d)) in ["Design", "Build", "Test"].into_iter().zip(durations).enumerate() {
        ids[i] =
            p.add_task(NewTask { project_id: id, after, name: name.into(), duration: Some(d.into()) }).expect("task");
        after = Some(ids[i]);
    }
    p.link_tasks(ids[0], ids[1], LinkKind::FinishToStart, 0).expect("link");
    p.link_tasks(ids[1], ids[2], LinkKind::FinishToStart, 0).expect("link");
    (id, ids)
}

fn dates(p: &Portfolio, project: i64) -> Vec<(String, String)> {
    p.plan(project).expect("plan").tasks.iter().map(|t| (t.start.clone(), t.finish.clone())).collect()
}

#[test]
fn a_drag_previews_the_ripple_without_saving_and_drops_as_one_undoable_step() {
    let (_dir, mut p) = sample();
    let (project, [design, ..]) = chain(&mut p, ["1d", "2d", "1d"]);
    let before = dates(&p, project);
    let history = p.info().expect("info").undo;
    // Two calendar days later: Monday → Wednesday.
    let two_days = Drag::Move { tasks: vec![design], minutes: 2 * 24 * 60 };
    let preview = p.preview_drag(project, &two_days, None).expect("preview");
    let moved: Vec<&str> = preview.moved.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(moved, vec!["Design", "Build", "Test"], "the successors move with the dragged task");
    assert_eq!(preview.moved[0].start, "2027-01-06T08:00:00");
    assert_eq!(
        (preview.finish_before.as_str(), preview.finish_after.as_str()),
        ("2027-01-07T17:00:00", "2027-01-11T17:00:00")
    );
    assert_eq!(dates(&p, project), before, "a preview writes nothing");
    assert_eq!(p.info().expect("info").undo, history, "a preview is not a step");

    let dropped = p.drag(project, &two_days, None).expect("drop");
    assert_eq!(dropped.finish_after, preview.finish_after, "the drop lands where the preview showed");
    let after = dates(&p, project);
    assert_eq!(after[2].0, "2027-01-11T08:00:00", "Test starts the Monday after");
    assert_eq!(p.info().expect("info").undo.as_deref(), Some("Move “Design”"));
    p.undo().expect("undo");
    assert_eq!(dates(&p, project), before, "one undo puts every task back");
    p.redo().expect("redo");
    assert_eq!(dates(&p, project), after);
}

#[test]
fn a_preview_lists_the_moved_tasks_it_is_asked_about_and_counts_them_all() {
    let (_dir, mut p) = sample();
    let (project, [design, build, test]) = chain(&mut p, ["1d", "2d", "1d"]);
    let other =
        p.add_task(NewTask { project_id: project, after: None, name: "Apart".into(), duration: None }).expect("task");
    let drag = Drag::Move { tasks: vec![design], minutes: 2 * 24 * 60 };
    let all = p.preview_drag(project, &drag, None).expect("preview");
    // The rows on screen, in any order, with a repeat, a task that stays
    // and one that no longer exists.
    let shown = [test, other, 987_654, design, test];
    let some = p.preview_drag(project, &drag, Some(&shown)).expect("preview");
    let names = |r: &Rescheduled| r.moved.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&all), ["Design", "Build", "Test"]);
    assert_eq!(names(&some), ["Design", "Test"], "the moved tasks asked about, in plan order");
    assert_eq!((all.moved_count, some.moved_count), (3, 3), "every moved task is counted");
    assert_eq!(format!("{:?}", some.moved[1]), format!("{:?}", all.moved[2]), "with the same dates");
    assert_eq!(some.finish_after, all.finish_after);
    let dropped = p.drag(project, &drag, Some(&[build])).expect("drop");
    assert_eq!((names(&dropped), dropped.moved_count), (vec!["Build".to_owned()], 3));
}

#[test]
fn each_preview_of_a_drag_starts_from_the_stored_plan() {
    let (dir, mut p) = sample();
    let project = p.projects().expect("projects")[0].id;
    let plan = p.plan(project).expect("plan");
    let leaves: Vec<&TaskRow> = plan.tasks.iter().filter(|t| !t.has_children && t.duration_minutes > 0).collect();
    let (a, b, c) = (leaves[0].id, leaves[leaves.len() / 2].id, leaves[leaves.len() - 1].id);
    let day = 24 * 60;
    // A pointer going right, back, on to another bar, and a resize: the
    // scheduler kept between previews must answer each as if it were the
    // first.
    let drags = [
        Drag::Move { tasks: vec![a], minutes: 3 * day },
        Drag::Move { tasks: vec![a], minutes: 0 },
        Drag::Move { tasks: vec![a], minutes: day },
        Drag::Move { tasks: vec![b], minutes: 2 * day },
        Drag::Move { tasks: vec![a, b], minutes: 10 * day },
        Drag::Resize { task: c, finish: "2027-09-01T00:00:00".into() },
        Drag::Move { tasks: vec![b], minutes: -day },
    ];
    let mut moved_any = false;
    for drag in &drags {
        let kept = p.preview_drag(project, drag, None).expect("preview");
        let fresh = Portfolio::open(dir.path().join("Sample.gantry")).expect("open").preview_drag(project, drag, None);
        assert_eq!(format!("{kept:?}"), format!("{:?}", fresh.expect("preview")), "{drag:?}");
        moved_any |= !kept.moved.is_empty();
    }
    assert!(moved_any, "the drags move something");
    assert_eq!(p.plan(project).expect("plan").tasks.len(), plan.tasks.len());
    assert_eq!(dates(&p, project), plan.tasks.iter().map(|t| (t.start.clone(), t.finish.clone())).collect::<Vec<_>>());
}

#[test]
fn a_move_snaps_to_the_working_calendar_and_a_summary_moves_its_subtasks() {
    let (_dir, mut p) = sample();
    let (project, [design, build, test]) = chain(&mut p, ["1d", "1d", "1d"]);
    // Monday + 5 days is Saturday: the task waits for Monday morning.
    let change =
        p.preview_drag(project, &Drag::Move { tasks: vec![design], minutes: 5 * 24 * 60 }, None).expect("preview");
    assert_eq!(change.moved[0].start, "2027-01-11T08:00:00");
    // A summary carries its subtasks. (A task cannot go under a task it is
    // linked with, so the chain's links go first.)
    for link in p.plan(project).expect("plan").links {
        p.unlink(link.id).expect("unlink");
    }
    p.shift_task(build, Shift::Indent).expect("indent");
    p.shift_task(test, Shift::Indent).expect("indent");
    let summary = design;
    let change = p.drag(project, &Drag::Move { tasks: vec![summary], minutes: 7 * 24 * 60 }, None).expect("drop");
    let names: Vec<&str> = change.moved.iter().map(|m| m.name.as_str()).collect();
    assert!(names.contains(&"Build") && names.contains(&"Test"), "the subtasks moved: {names:?}");
    let plan = p.plan(project).expect("plan");
    assert_eq!(plan.tasks[0].start, "2027-01-11T08:00:00", "the summary follows its subtasks a week later");
}

#[test]
fn several_selected_tasks_move_together() {
    let (_dir, mut p) = sample();
    let (project, [design, build, test]) = chain(&mut p, ["1d", "1d", "1d"]);
    for l in p.plan(project).expect("plan").links {
        p.unlink(l.id).expect("unlink");
    }
    p.drag(project, &Drag::Move { tasks: vec![design, test], minutes: 24 * 60 }, None).expect("drop");
    let d = dates(&p, project);
    assert_eq!(
        (d[0].0.as_str(), d[1].0.as_str(), d[2].0.as_str()),
        ("2027-01-05T08:00:00", "2027-01-04T08:00:00", "2027-01-05T08:00:00")
    );
    assert_eq!(p.info().expect("info").undo.as_deref(), Some("Move 2 tasks"));
    let _ = build;
}

#[test]
fn resizing_a_bar_changes_the_duration_to_the_working_time_up_to_the_new_end() {
    let (_dir, mut p) = sample();
    let (project, [_, build, _]) = chain(&mut p, ["1d", "2d", "1d"]);
    // Build runs Tue 5 – Wed 6 January. Its end dropped at midnight after
    // Friday 8 January makes it four days.
    let change =
        p.drag(project, &Drag::Resize { task: build, finish: "2027-01-09T00:00:00".into() }, None).expect("resize");
    assert_eq!(change.finish_after, "2027-01-11T17:00:00");
    let plan = p.plan(project).expect("plan");
    assert_eq!(plan.tasks[1].duration, "4d");
    // Dropped on Sunday, it ends Friday evening: still four days.
    p.drag(project, &Drag::Resize { task: build, finish: "2027-01-10T12:00:00".into() }, None).expect("resize");
    assert_eq!(p.plan(project).expect("plan").tasks[1].duration, "4d");
}

#[test]
fn bad_drags_are_refused_and_change_nothing() {
    let (_dir, mut p) = sample();
    let (project, [design, build, _]) = chain(&mut p, ["1d", "2d", "1d"]);
    let milestone = p
        .add_task(NewTask { project_id: project, after: None, name: "Go-live".into(), duration: Some("0".into()) })
        .expect("m");
    let other = p.projects().expect("projects")[0].id;
    let before = snapshot(&p);
    let cases = [
        ("before its start", Drag::Resize { task: build, finish: "2027-01-01T00:00:00".into() }),
        ("no such date", Drag::Resize { task: build, finish: "2027-02-30T00:00:00".into() }),
        ("a milestone", Drag::Resize { task: milestone, finish: "2027-01-20T00:00:00".into() }),
        ("beyond a century", Drag::Move { tasks: vec![design], minutes: i64::MAX }),
        ("unknown task", Drag::Move { tasks: vec![987_654], minutes: 60 }),
        ("a task of another project", Drag::Move { tasks: vec![design], minutes: 60 }),
    ];
    for (what, drag) in cases {
        let target = if what == "a task of another project" { other } else { project };
        let preview = p.preview_drag(target, &drag, None);
        let drop = p.drag(target, &drag, None);
        assert!(preview.is_err() && drop.is_err(), "{what} is refused");
        let message = ApiError::from(&drop.unwrap_err()).message;
        assert!(!message.is_empty() && message.len() < 200, "{what}: {message}");
    }
    assert_eq!(snapshot(&p), before, "nothing changed");
}

#[test]
fn links_drawn_on_the_timeline_take_a_type_and_a_lag_as_typed() {
    let (_dir, mut p) = sample();
    let (project, [design, build, test]) = chain(&mut p, ["1d", "1d", "1d"]);
    let id = p
        .add_link(&NewLink { predecessor: design, successor: test, kind: LinkKind::StartToStart, lag: "2d".into() })
        .expect("link");
    let link = p.plan(project).expect("plan").links.into_iter().find(|l| l.id == id).expect("stored");
    assert_eq!((link.kind, link.lag_minutes, link.lag.as_str()), (LinkKind::StartToStart, 960, "+2d"));
    p.edit_link(id, &LinkEdit { kind: LinkKind::FinishToFinish, lag: "-4h".into() }).expect("edit");
    let link = p.plan(project).expect("plan").links.into_iter().find(|l| l.id == id).expect("stored");
    assert_eq!((link.kind, link.lag.as_str()), (LinkKind::FinishToFinish, "-4h"));
    assert!(
        p.add_link(&NewLink {
            predecessor: test,
            successor: design,
            kind: LinkKind::FinishToStart,
            lag: String::new()
        })
        .is_err(),
        "a circle is refused"
    );
    assert!(
        p.add_link(&NewLink {
            predecessor: design,
            successor: build,
            kind: LinkKind::FinishToStart,
            lag: "2 parsecs".into()
        })
        .is_err()
    );
    assert!(p.edit_link(id, &LinkEdit { kind: LinkKind::FinishToStart, lag: "soon".into() }).is_err());
    let link = p.plan(project).expect("plan").links.into_iter().find(|l| l.id == id).expect("stored");
    assert_eq!(link.kind, LinkKind::FinishToFinish, "a refused edit changes nothing");
}

#[test]
fn baselines_keep_the_dates_they_saved_while_the_plan_moves_on() {
    let (_dir, mut p) = sample();
    let (project, [design, build, _]) = chain(&mut p, ["1d", "2d", "1d"]);
    let at = NaiveDate::from_ymd_opt(2027, 1, 2).expect("day").and_hms_opt(9, 30, 0).expect("time");
    let id = p.save_baseline(project, "Approved plan", at).expect("saved");
    p.edit_task(design, TaskEdit { duration: Some("3d".into()), ..Default::default() }).expect("slip");
    let plan = p.plan(project).expect("plan");
    assert_eq!(plan.baselines.len(), 1);
    assert_eq!(
        (plan.baselines[0].name.as_str(), plan.baselines[0].saved_at.as_str()),
        ("Approved plan", "2027-01-02T09:30:00")
    );
    let saved = p.baseline_dates(id).expect("dates");
    let b = saved.iter().find(|d| d.task_id == build).expect("build saved");
    assert_eq!((b.start.as_str(), b.finish.as_str()), ("2027-01-05T08:00:00", "2027-01-06T17:00:00"));
    let now = plan.tasks.iter().find(|t| t.id == build).expect("build");
    assert_eq!(now.start, "2027-01-07T08:00:00", "the plan moved on, the baseline did not");
    assert!(p.save_baseline(project, "  ", at).is_err(), "a baseline needs a name");
    p.delete_baseline(id).expect("deleted");
    assert!(p.plan(project).expect("plan").baselines.is_empty());
    p.undo().expect("undo");
    assert_eq!(p.baseline_dates(id).expect("back").len(), saved.len(), "deleting a baseline can be undone");
}

#[test]
fn the_plan_tells_the_timeline_which_days_are_off() {
    let (_dir, p) = sample();
    let project = p.projects().expect("projects")[0].id;
    let plan = p.plan(project).expect("plan");
    assert_eq!(plan.work_week, vec![true, true, true, true, true, false, false]);
    assert!(
        plan.calendar_days.iter().any(|d| d.date.ends_with("-12-25") && !d.working),
        "Christmas is shaded: {:?}",
        plan.calendar_days
    );
}

// ------------------------------------------------------------------ reports

fn report_now() -> chrono::NaiveDateTime {
    today().and_hms_opt(9, 30, 0).expect("time")
}

#[test]
fn a_project_report_is_a_real_pdf_with_searchable_text_and_embedded_fonts() {
    let (dir, mut p) = sample();
    let crm = p.projects().expect("projects").into_iter().find(|s| s.name.starts_with("CRM")).expect("CRM project");
    let plan = p.plan(crm.id).expect("plan");
    p.save_baseline(crm.id, "Approved plan", report_now()).expect("baseline");
    // Slip the first open task by two days, so the report has a variance to show.
    let open = plan.tasks.iter().find(|t| !t.has_children && t.percent_complete == 0).expect("an open task");
    let longer = units_plus_two_days(&open.duration);
    p.edit_task(open.id, TaskEdit { duration: Some(longer), ..Default::default() }).expect("slip");

    let out = dir.path().join("CRM status.pdf");
    let pdf = p.report_pdf(crm.id, &ReportOptions::default(), report_now()).expect("report");
    let written = gantry_api::save_report(&out, &pdf).expect("saved");
    assert_eq!(written.pages, pdf.pages);

    let info = common::poppler("pdfinfo", &[], &out);
    assert!(info.contains(&format!("Pages:           {}", pdf.pages)), "{info}");
    assert!(info.contains("841.89 x 595.28 pts (A4)"), "A4 landscape by default: {info}");
    assert!(pdf.pages >= 4, "summary, chart, milestones and tasks: {} pages", pdf.pages);

    let text = common::poppler("pdftotext", &["-layout"], &out);
    assert!(text.contains("CRM migration to Dynamics 365"), "the project's name is real text");
    assert!(text.contains("Ana Moreau"), "the manager is named");
    assert!(text.contains("At risk"), "the RAG status is shown");
    for m in plan.tasks.iter().filter(|t| t.kind == TaskKind::Milestone) {
        assert!(text.contains(&m.name), "milestone “{}” is in the report", m.name);
    }
    let now = p.projects().expect("projects").into_iter().find(|s| s.id == crm.id).expect("CRM");
    assert!(text.contains(&format!("{} %", now.percent_complete.round())), "the completion figure is printed");
    assert!(text.contains("Approved plan"), "the baseline is named");
    assert!(text.contains("d late"), "the slip shows as a variance against the baseline");
    assert!(text.contains("Gantt chart") && text.contains("Critical path"), "the chart and its legend");

    let fonts = common::poppler("pdffonts", &[], &out);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "the report uses fonts: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols.len() >= 5 && cols[cols.len() - 5] == "yes", "every font is embedded: {row}");
    }
}

#[test]
fn the_same_plan_gives_the_same_pdf_byte_for_byte() {
    // The report's fonts are Debian's files and its only clock is the time
    // it is told: two exports of one plan at one moment are the same file,
    // as they are on any machine with the font packages installed.
    let (_dir, p) = sample();
    let crm = p.projects().expect("projects").into_iter().find(|s| s.name.starts_with("CRM")).expect("CRM project");
    let first = p.report_pdf(crm.id, &ReportOptions::default(), report_now()).expect("report");
    let second = p.report_pdf(crm.id, &ReportOptions::default(), report_now()).expect("report");
    assert!(first.bytes == second.bytes, "two exports of one plan differ");
    let later =
        p.report_pdf(crm.id, &ReportOptions::default(), report_now() + chrono::Duration::hours(1)).expect("report");
    assert!(later.bytes != first.bytes, "the report prints when it was made");
}

/// "5d" → "7d"; the sample's durations are whole days.
fn units_plus_two_days(duration: &str) -> String {
    let days: i64 = duration.trim_end_matches('d').parse().expect("a duration in days");
    format!("{}d", days + 2)
}

#[test]
fn chinese_arabic_and_accented_names_print_as_text_and_long_names_do_not_break_the_layout() {
    let (dir, mut p) = sample();
    let portal = p.projects().expect("projects").into_iter().find(|s| s.name.contains("portal")).expect("portal");
    let plan = p.plan(portal.id).expect("plan");
    let leaves: Vec<&TaskRow> = plan.tasks.iter().filter(|t| !t.has_children).collect();
    let names = [
        "数据迁移到新平台",
        "ترحيل قاعدة البيانات",
        "Übergabe an den Betrieb – Größenprüfung",
        &"Très long nom ".repeat(17),
    ];
    for (t, name) in leaves.iter().zip(names) {
        p.edit_task(t.id, TaskEdit { name: Some(name.to_string()), ..Default::default() }).expect("renamed");
    }
    let out = dir.path().join("portal.pdf");
    let options = ReportOptions { paper: Paper::Letter, orientation: Orientation::Portrait, ..Default::default() };
    let pdf = p.report_pdf(portal.id, &options, report_now()).expect("report");
    gantry_api::save_report(&out, &pdf).expect("saved");
    assert!(common::poppler("pdfinfo", &[], &out).contains("612 x 792 pts (letter)"), "Letter portrait as chosen");
    let text = common::poppler("pdftotext", &[], &out);
    assert!(text.contains("数据迁移到新平台"), "Chinese prints as text");
    assert!(text.contains("Größenprüfung"), "accents print as text");
    // Arabic is laid out right to left; the extracted words are there in some order.
    for word in ["ترحيل", "قاعدة", "البيانات"] {
        assert!(text.contains(word), "Arabic word {word} prints as text");
    }
    assert!(text.contains('…'), "the longest name a task may have is cut to fit the chart");
    assert!(pdf.pages < 20, "a long name does not run over pages: {} pages", pdf.pages);
    let fonts = common::poppler("pdffonts", &[], &out);
    assert!(fonts.contains("DroidSansFallback"), "the CJK fallback font is embedded: {fonts}");
}

#[test]
fn report_choices_pick_the_sections_the_paper_and_the_chart_range() {
    let (dir, p) = sample();
    let net = p.projects().expect("projects").into_iter().find(|s| s.name.contains("network")).expect("network");
    let out = dir.path().join("chart.pdf");
    let chart_only = ReportOptions {
        sections: vec![Section::Gantt],
        paper: Paper::A3,
        orientation: Orientation::Landscape,
        chart_layout: ChartLayout::Tiled,
        ..Default::default()
    };
    let pdf = p.report_pdf(net.id, &chart_only, report_now()).expect("chart");
    gantry_api::save_report(&out, &pdf).expect("saved");
    assert!(common::poppler("pdfinfo", &[], &out).contains("1190.55 x 841.89 pts (A3)"));
    let text = common::poppler("pdftotext", &[], &out);
    assert!(text.contains("Gantt chart"));
    assert!(!text.contains("PROJECT STATUS REPORT") && !text.contains("Milestones"), "chart only: no other section");

    let plan = p.plan(net.id).expect("plan");
    let first = &plan.tasks.iter().find(|t| !t.has_children).expect("a task").start[..10];
    let narrow =
        ReportOptions { sections: vec![Section::Gantt], from: first.into(), to: first.into(), ..Default::default() };
    let pdf = p.report_pdf(net.id, &narrow, report_now()).expect("one day");
    gantry_api::save_report(&out, &pdf).expect("saved");
    let text = common::poppler("pdftotext", &[], &out);
    let last = plan.tasks.iter().rev().find(|t| !t.has_children).expect("a task");
    assert!(!text.contains(&last.name), "a task outside the chosen days is left out of the chart");
}

#[test]
fn bad_report_choices_are_refused_and_a_failed_export_leaves_the_old_file_alone() {
    let (dir, p) = sample();
    let id = p.projects().expect("projects")[0].id;
    let out = dir.path().join("report.pdf");
    std::fs::write(&out, b"the report from last week").expect("old file");
    let bad = [
        ReportOptions { sections: vec![], ..Default::default() },
        ReportOptions { from: "2027-02-30".into(), ..Default::default() },
        ReportOptions { from: "2027-03-10".into(), to: "2027-03-01".into(), ..Default::default() },
        ReportOptions { from: "10000-01-01".into(), ..Default::default() },
        ReportOptions { baseline_id: Some(999_999), ..Default::default() },
    ];
    for options in bad {
        let e = p.report_pdf(id, &options, report_now()).expect_err("refused");
        assert!(!e.to_string().is_empty() && e.to_string().len() < 300, "a clear message: {e}");
    }
    assert_eq!(std::fs::read(&out).expect("still there"), b"the report from last week");

    let pdf = p.report_pdf(id, &ReportOptions::default(), report_now()).expect("report");
    let missing = dir.path().join("no such folder").join("report.pdf");
    let e = gantry_api::save_report(&missing, &pdf).expect_err("no folder");
    assert!(e.to_string().contains("could not be saved"), "{e}");
    let left: Vec<_> =
        std::fs::read_dir(dir.path()).expect("dir").filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert!(left.iter().all(|n| !n.to_string_lossy().contains(".tmp")), "no temporary file is left: {left:?}");

    gantry_api::save_report(&out, &pdf).expect("replaced");
    assert!(std::fs::read(&out).expect("new").starts_with(b"%PDF-"), "the old file is replaced whole");
}

#[test]
fn the_portfolio_report_has_an_overview_and_a_summary_page_per_project() {
    let (dir, p) = sample();
    let out = dir.path().join("portfolio.pdf");
    let pdf = p.portfolio_pdf(&ReportOptions::default(), report_now()).expect("report");
    gantry_api::save_report(&out, &pdf).expect("saved");
    let (projects, closed): (Vec<_>, Vec<_>) =
        p.projects().expect("projects").into_iter().partition(|s| s.closed_on.is_none());
    assert!(pdf.pages > projects.len(), "an overview, then a page or more per project");
    let text = common::poppler("pdftotext", &[], &out);
    assert!(text.contains("portfolio status"));
    for s in &projects {
        assert!(text.matches(&s.name).count() >= 2, "{} is in the overview and has its own page", s.name);
    }
    for s in &closed {
        assert!(!text.contains(&s.name), "{} is closed, archived off the portfolio report", s.name);
    }
}

#[test]
fn the_outline_cannot_put_a_task_under_a_task_it_is_linked_with() {
    let (_dir, mut p) = sample();
    let id = p.projects().expect("projects")[0].id;
    let add = |p: &mut Portfolio, name: &str| {
        p.add_task(NewTask { project_id: id, after: None, name: name.into(), duration: None }).expect("task")
    };
    let design = add(&mut p, "Design");
    let build = add(&mut p, "Build");
    let test = add(&mut p, "Test");
    p.link_tasks(design, build, LinkKind::FinishToStart, 0).expect("link");
    p.link_tasks(test, design, LinkKind::StartToStart, 0).expect("link");
    let before = snapshot(&p);
    // Build would go under Design, the task it waits for: a summary that
    // waits for its own subtask has no schedule.
    let e = p.shift_task(build, Shift::Indent).expect_err("refused");
    assert!(e.to_string().contains("Remove the link first"), "{e}");
    // Test would get Design (which waits for it) under it by moving.
    let e = p.reparent_task(design, Some(test)).expect_err("refused");
    assert!(e.to_string().contains("linked with"), "{e}");
    assert_eq!(snapshot(&p), before, "a refused move changes nothing");
    assert!(p.plan(id).expect("plan").diagnostics.iter().all(|d| !d.contains("circle")));
}

#[test]
fn the_team_section_names_each_person_with_their_hours_and_marks_who_is_overbooked() {
    let (dir, p) = sample();
    let crm = p.projects().expect("projects").into_iter().find(|s| s.name.starts_with("CRM")).expect("CRM project");
    let options = ReportOptions { sections: vec![Section::Team], ..ReportOptions::default() };
    let out = dir.path().join("CRM team.pdf");
    let report = p.project_report(crm.id, None, today()).expect("report data");
    let sofia = report.team.iter().find(|x| x.name == "Sofia Lindqvist").expect("Sofia works on the CRM");
    assert!(sofia.planned_here > 0 && sofia.logged_here > 0, "her planned and logged hours here");
    let overbooked = report.team.iter().filter(|x| x.weeks.iter().any(|(planned, has)| planned > has)).count();
    let pdf = p.report_pdf(crm.id, &options, report_now()).expect("report");
    gantry_api::save_report(&out, &pdf).expect("saved");
    let text = common::poppler("pdftotext", &["-layout"], &out);
    for person in &report.team {
        assert!(text.contains(&person.name), "{} is listed", person.name);
    }
    let note = match overbooked {
        0 => "Nobody is booked beyond their time".to_owned(),
        1 => "1 person is booked beyond their time".to_owned(),
        n => format!("{n} people are booked beyond their time"),
    };
    assert!(text.contains(&note), "the section says how many are over-allocated: {note}\n{text}");
}
