//! Releases, the changeover and close-out, run the way the app runs them on
//! real temporary portfolios: the sample's CRM go-live and closed e-mail
//! migration, a checklist ticked and a go recorded, clashes on the release
//! calendar, the iCalendar export, closing a project into a read-only
//! archive (and reopening it), and every kind of bad input refused without
//! a trace.

mod common;

use common::{open, person, project, today};
use gantry_api::Portfolio;
use gantry_api::wire::*;

fn crm_release(p: &Portfolio) -> ReleaseRow {
    let crm = project(p, "CRM migration");
    p.release_rows(Some(crm), today()).expect("releases").into_iter().next().expect("the CRM go-live")
}

fn fields_of(r: &ReleaseRow) -> ReleaseFields {
    ReleaseFields {
        name: r.name.clone(),
        version: r.version.clone(),
        milestone_id: r.milestone.as_ref().map(|m| m.id),
        create_milestone: false,
        state: r.state.clone(),
        strategy: r.strategy.clone(),
        window_start: r.window_start.clone().unwrap_or_default(),
        window_end: r.window_end.clone().unwrap_or_default(),
        freeze_start: r.freeze_start.clone().unwrap_or_default(),
        freeze_end: r.freeze_end.clone().unwrap_or_default(),
        rollback_steps: r.rollback.steps.clone(),
        rollback_owner_id: r.rollback.owner_id,
        rollback_decide_by: r.rollback.decide_by.clone().unwrap_or_default(),
        rollback_minutes: r.rollback.minutes.to_string(),
        notes: r.notes.clone(),
        scope: r.scope.iter().map(|t| t.id).collect(),
        environments: r.environments.iter().filter_map(|e| Some((e.code.clone(), e.passed_on.clone()?))).collect(),
    }
}

#[test]
fn the_sample_crm_go_live_is_phased_half_ready_and_the_email_migration_is_closed_with_its_lessons() {
    let (_dir, _path, p) = open();
    let r = crm_release(&p);
    assert_eq!(r.strategy, "phased");
    assert_eq!(r.waves.len(), 2, "two waves");
    assert!(r.waves[0].finish < r.waves[1].start);
    assert_eq!((r.checklist_done, r.checklist_total), (4, 10), "the checklist is half done");
    assert!(r.checklist.iter().all(|i| !i.owner.is_empty()), "every item has an owner");
    assert!(r.freeze_start.is_some() && r.window_start.is_some());
    assert!(
        r.freeze_start.as_deref() < r.window_start.as_deref().map(|w| &w[..10]),
        "the freeze begins before the window"
    );
    let readiness = r.readiness.expect("a scope");
    assert!(readiness > 0 && readiness < 100, "in progress: {readiness}");
    assert!(r.checkpoints.iter().any(|c| c.verdict == "no_go"), "the first readiness review said no");
    assert!(r.checkpoints.iter().any(|c| c.verdict == "pending" && c.criteria.lines().count() >= 4));
    assert!(r.rollback.minutes > 0 && !r.rollback.steps.is_empty() && r.rollback.owner_id.is_some());
    assert!(r.blockers.iter().any(|b| b.starts_with("I-001")), "the data cleansing issue blocks it: {:?}", r.blockers);
    assert_eq!(r.milestone.as_ref().map(|m| m.name.as_str()), Some("Go-live: CRM in production"));

    let calendar = p.release_calendar(today()).expect("calendar");
    assert_eq!(calendar.releases.len(), 2, "the CRM go-live and the portal's first release");
    assert!(calendar.releases.windows(2).all(|w| w[0].window_start <= w[1].window_start));
    assert_eq!(calendar.freezes.len(), 1);

    let email = project(&p, "E-mail migration");
    let view = p.closeout_view(email, today()).expect("close-out");
    let c = view.closure.expect("closed");
    assert!(view.preview.is_none() && view.unfinished.is_empty());
    assert!(c.finish_variance_days.expect("a baseline") > 0, "finished late");
    assert!(c.cost_variance.expect("a budget") > 0, "over budget");
    assert!(c.milestones.iter().any(|m| m.slip_days.unwrap_or(0) > 0), "a milestone slipped");
    assert_eq!(view.lessons.len(), 5);
    let found = p.lesson_rows(None, "pilot throughput").expect("search");
    assert_eq!(found.len(), 1);
    assert!(found[0].project_closed);
    assert!(p.lesson_rows(None, "pilot throughput budget").expect("search").is_empty(), "every word must match");
}

#[test]
fn ticking_the_checklist_and_recording_a_go_change_the_release_and_survive_a_restart() {
    let (_dir, path, mut p) = open();
    let r = crm_release(&p);
    let open_items: Vec<_> = r.checklist.iter().filter(|i| i.done_on.is_none()).map(|i| i.id).collect();
    p.tick_checklist_item(open_items[0], true, today()).expect("ticked");
    p.tick_checklist_item(open_items[1], true, today()).expect("ticked");
    let after = crm_release(&p);
    assert_eq!(after.checklist_done, r.checklist_done + 2);
    assert_eq!(
        after.checklist.iter().find(|i| i.id == open_items[0]).and_then(|i| i.done_on.clone()),
        Some(today().to_string())
    );

    let gate = r.checkpoints.iter().find(|c| c.verdict == "pending").expect("the go/no-go meeting");
    let call = CheckpointFields {
        title: gate.title.clone(),
        at: gate.at.clone(),
        criteria: gate.criteria.clone(),
        verdict: "go".into(),
        decided_by: "Steering committee".into(),
        note: "All criteria met".into(),
    };
    p.edit_checkpoint(gate.id, &call).expect("go recorded");
    assert_eq!(crm_release(&p).state, "go", "a go moves the release to go");
    p.undo().expect("undo");
    let undone = crm_release(&p);
    assert_eq!(undone.state, "planned", "one undo step takes back the call and the state");
    assert!(undone.checkpoints.iter().any(|c| c.id == gate.id && c.verdict == "pending"));
    p.redo().expect("redo");
    drop(p);
    let p = Portfolio::open(&path).expect("reopens");
    let r = crm_release(&p);
    assert_eq!((r.state.as_str(), r.checklist_done), ("go", 6));
}

#[test]
fn the_calendar_flags_two_releases_in_one_window_and_a_release_inside_another_project_freeze() {
    let (_dir, _path, mut p) = open();
    let crm = crm_release(&p);
    let network = project(&p, "Office network");
    let start = crm.window_start.clone().expect("window");
    // Four hours into the CRM's window.
    let hour: u32 = start[11..13].parse().expect("hour");
    let fields = ReleaseFields {
        name: "Core switch replacement".into(),
        window_start: format!("{}T{:02}:00", &start[..10], (hour + 1).min(22)),
        window_end: format!("{}T23:00", &start[..10]),
        ..Default::default()
    };
    let id = p.add_release(network, &fields).expect("added");
    let rows = p.release_rows(None, today()).expect("rows");
    let mine = rows.iter().find(|r| r.id == id).expect("mine");
    assert!(mine.clashes.iter().any(|c| c.contains("same window") && c.contains("CRM go-live")), "{:?}", mine.clashes);
    assert!(mine.clashes.iter().any(|c| c.contains("freeze")), "{:?}", mine.clashes);
    let theirs = rows.iter().find(|r| r.id == crm.id).expect("crm");
    assert!(theirs.clashes.iter().any(|c| c.contains("Core switch replacement")), "{:?}", theirs.clashes);
    let calendar = p.release_calendar(today()).expect("calendar");
    assert!(calendar.releases.iter().any(|r| r.release_id == id && r.clashes.len() >= 2));
}

#[test]
fn the_calendar_export_is_valid_icalendar_with_uids_that_stay_the_same() {
    let (_dir, _path, p) = open();
    let stamp = today().and_hms_opt(8, 0, 0).expect("time");
    let first = p.release_ical(None, today(), stamp).expect("ics");
    let second = p.release_ical(None, today(), stamp + chrono::Duration::hours(3)).expect("ics");
    let uids = |ics: &str| ics.lines().filter(|l| l.starts_with("UID:")).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(uids(&first), uids(&second), "a second export updates the same events");
    let r = crm_release(&p);
    // Go-live, window, freeze, two waves, two checkpoints for the CRM; the portal's go-live and window.
    assert_eq!(uids(&first).len(), 7 + 2);
    assert!(first.contains("SUMMARY:Change freeze: CRM go-live 1.0\r\n"));
    let freeze = r.freeze_start.expect("freeze").replace('-', "");
    assert!(first.contains(&format!("DTSTART;VALUE=DATE:{freeze}\r\n")));
    assert!(first.split("\r\n").all(|l| l.len() <= 75), "folded at 75 octets");
    assert_eq!(first.matches("BEGIN:VEVENT").count(), first.matches("END:VEVENT").count());
}

#[test]
fn closing_a_project_archives_it_read_only_until_it_is_reopened() {
    let (_dir, path, mut p) = open();
    let portal = project(&p, "Customer self-service portal");
    let plan = p.plan(portal).expect("plan");
    let task =
        plan.tasks.iter().rev().find(|t| !t.has_children && t.percent_complete == 0).expect("a task not begun").clone();
    let before = common::digest(&p);
    // Unfinished tasks: the dialog must say what happens to them.
    let err = p.close_project(portal, &CloseFields::default(), today()).expect_err("asks").to_string();
    assert!(err.contains("not finished") && err.contains("complete"), "{err}");
    assert_eq!(common::digest(&p), before, "nothing saved");

    let preview = p.closeout_view(portal, today()).expect("view");
    assert!(!preview.unfinished.is_empty() && preview.preview.is_some());
    p.close_project(
        portal,
        &CloseFields { unfinished: "leave".into(), summary: "Stopped after release 1.0".into() },
        today(),
    )
    .expect("closed");
    let closed = common::digest(&p);
    let summary = p.projects().expect("projects").into_iter().find(|s| s.id == portal).expect("still listed");
    assert_eq!(summary.closed_on.as_deref(), Some("2026-11-24"));

    // Every kind of change to the archive is refused with a clear message.
    let refusals: Vec<(&str, gantry_api::Result<()>)> = vec![
        (
            "rename a task",
            p.edit_task(task.id, TaskEdit { name: Some("Renamed".into()), ..Default::default() }).map(|_| ()),
        ),
        ("delete a task", p.delete_task(task.id).map(|_| ())),
        (
            "add a task",
            p.add_task(NewTask { project_id: portal, after: None, name: "More".into(), duration: None }).map(|_| ()),
        ),
        ("edit the project", {
            let f = p.plan(portal).expect("plan").fields;
            p.update_project(portal, ProjectFields { name: "Renamed portal".into(), ..f })
        }),
        ("delete the project", p.delete_project(portal)),
        (
            "add a risk",
            p.add_risk(
                portal,
                &RiskFields {
                    title: "Late".into(),
                    category: "Vendor".into(),
                    response: "mitigate".into(),
                    probability: 2,
                    impact: 2,
                    ..Default::default()
                },
                today(),
            )
            .map(|_| ()),
        ),
        (
            "add a release",
            p.add_release(portal, &ReleaseFields { name: "1.1".into(), ..Default::default() }).map(|_| ()),
        ),
        ("close it again", p.close_project(portal, &CloseFields::default(), today())),
    ];
    for (what, result) in refusals {
        let err = result.expect_err(what).to_string();
        assert!(err.contains("closed"), "{what}: {err}");
        assert_eq!(common::digest(&p), closed, "{what}: nothing saved");
    }
    // Lessons may still be recorded.
    let lesson = LessonFields {
        what: "Payment provider API changed mid-sprint".into(),
        category: "vendors".into(),
        ..Default::default()
    };
    p.add_lesson(portal, &lesson, today()).expect("a lesson after the close");

    drop(p);
    let mut p = Portfolio::open(&path).expect("reopens");
    assert!(p.closeout_view(portal, today()).expect("view").closure.is_some(), "still closed after a restart");
    assert!(p.delete_task(task.id).is_err(), "still read-only after a restart");
    p.reopen_project(portal).expect("reopened");
    p.edit_task(task.id, TaskEdit { name: Some("Renamed after reopening".into()), ..Default::default() })
        .expect("editable");
    assert_eq!(p.lesson_rows(Some(portal), "").expect("lessons").len(), 1, "lessons stay when reopened");
}

#[test]
fn closing_with_complete_marks_the_work_done_and_undo_reopens_exactly() {
    let (_dir, _path, mut p) = open();
    let network = project(&p, "Office network");
    let before = common::digest(&p);
    p.close_project(network, &CloseFields { unfinished: "complete".into(), summary: String::new() }, today())
        .expect("closed");
    let plan = p.plan(network).expect("plan");
    assert!(plan.tasks.iter().filter(|t| !t.has_children).all(|t| t.percent_complete == 100));
    let c = p.closeout_view(network, today()).expect("view").closure.expect("closed");
    assert_eq!(c.unfinished, "completed");
    assert!(c.unfinished_count > 0);
    p.undo().expect("undo");
    assert_eq!(common::digest(&p), before, "one undo step reopens and puts the progress back");
    p.redo().expect("redo");
    assert!(p.closeout_view(network, today()).expect("view").closure.is_some());
}

#[test]
fn bad_releases_and_close_outs_are_refused_with_a_clear_message_and_change_nothing() {
    let (_dir, _path, mut p) = open();
    let r = crm_release(&p);
    let good = fields_of(&r);
    let network = project(&p, "Office network");
    let other_task = p.plan(network).expect("plan").tasks[3].id;
    let before = common::digest(&p);
    type Spoil = Box<dyn Fn(&mut ReleaseFields)>;
    let cases: Vec<(&str, Spoil, &str)> = vec![
        ("window ends before it starts", Box::new(|f| f.window_end = "2026-01-01T08:00".into()), "before it starts"),
        ("window without its end", Box::new(|f| f.window_end = String::new()), "both its start and its end"),
        (
            "a freeze across the whole plan",
            Box::new(|f| {
                f.freeze_start = "2026-01-01".into();
                f.freeze_end = "2027-12-31".into();
            }),
            "whole plan",
        ),
        (
            "a freeze ending before it starts",
            Box::new(|f| {
                f.freeze_start = "2027-01-10".into();
                f.freeze_end = "2027-01-01".into();
            }),
            "before it starts",
        ),
        ("a date that does not exist", Box::new(|f| f.freeze_end = "2027-02-30".into()), "2027-02-30"),
        ("a name of 10,000 characters", Box::new(|f| f.name = "R".repeat(10_000)), "10000 characters"),
        ("an empty name", Box::new(|f| f.name = " ".into()), "empty"),
        ("unknown strategy", Box::new(|f| f.strategy = "yolo".into()), "strategy"),
        ("unknown state", Box::new(|f| f.state = "shipped-ish".into()), "state"),
        ("a scope task of another project", Box::new(move |f| f.scope.push(other_task)), "not in this project"),
        ("a milestone that does not exist", Box::new(|f| f.milestone_id = Some(987_654)), "not in this project"),
        (
            "rollback decided too late",
            Box::new(|f| {
                f.rollback_decide_by = f.window_end.clone();
            }),
            "decide earlier",
        ),
        ("rollback of minus minutes", Box::new(|f| f.rollback_minutes = "-10".into()), "rollback"),
        ("rollback minutes as words", Box::new(|f| f.rollback_minutes = "four hours".into()), "whole minutes"),
        ("rollback owner not on the team", Box::new(|f| f.rollback_owner_id = Some(424_242)), "not on the team"),
        ("unknown environment", Box::new(|f| f.environments.push(("moon".into(), "2026-11-01".into()))), "environment"),
    ];
    for (what, spoil, says) in &cases {
        let mut f = good.clone();
        spoil(&mut f);
        let err = p.edit_release(r.id, &f).expect_err(what).to_string();
        assert!(err.contains(says), "{what}: {err}");
        assert!(err.len() < 300, "{what}: a message, not a dump: {err}");
        assert_eq!(common::digest(&p), before, "{what}: nothing saved");
    }
    let marco = person(&p, "Marco");
    let item = |owner: Option<i64>, due: &str, title: &str| ChecklistFields {
        group: "technical".into(),
        title: title.into(),
        owner_id: owner,
        due: due.into(),
    };
    let refusals: Vec<(&str, gantry_api::Result<i64>, &str)> = vec![
        ("an item without owner", p.add_checklist_item(r.id, &item(None, "2026-12-20", "Smoke test")), "owner"),
        ("an item without a day", p.add_checklist_item(r.id, &item(Some(marco), "", "Smoke test")), "due"),
        (
            "an item in no group",
            p.add_checklist_item(
                r.id,
                &ChecklistFields { group: "vibes".into(), ..item(Some(marco), "2026-12-20", "x") },
            ),
            "group",
        ),
        ("a template without owner", p.apply_checklist_template(r.id, 0, None).map(|n| n as i64), "owner"),
        (
            "a template that does not exist",
            p.apply_checklist_template(r.id, 77, Some(marco)).map(|n| n as i64),
            "not found",
        ),
        (
            "a go without who decided",
            p.add_checkpoint(
                r.id,
                &CheckpointFields {
                    title: "Gate".into(),
                    at: "2027-01-05T10:00".into(),
                    verdict: "go".into(),
                    ..Default::default()
                },
            ),
            "who made the call",
        ),
        (
            "a wave that ends before it starts",
            p.add_wave(
                r.id,
                &WaveFields { name: "Wave 3".into(), start: "2027-02-10".into(), finish: "2027-02-01".into() },
            ),
            "before it starts",
        ),
        ("a lesson without what happened", p.add_lesson(network, &LessonFields::default(), today()), "what happened"),
        (
            "a lesson in no category",
            p.add_lesson(
                network,
                &LessonFields { what: "x".into(), category: "gossip".into(), ..Default::default() },
                today(),
            ),
            "category",
        ),
        ("a release of a project that does not exist", p.add_release(999_999, &good), "not found"),
    ];
    for (what, result, says) in refusals {
        let err = result.expect_err(what).to_string();
        assert!(err.contains(says), "{what}: {err}");
        assert_eq!(common::digest(&p), before, "{what}: nothing saved");
    }
    assert!(p.reopen_project(network).unwrap_err().to_string().contains("not closed"));
    assert_eq!(common::digest(&p), before);
}
