use chrono::NaiveDateTime;
use proptest::prelude::*;

use super::*;
use crate::model::{Constraint, Delay, Split, TaskType};

const DAY: i64 = 480;

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test date")
}

fn task(id: TaskId, name: &str, minutes: i64) -> Task {
    Task { id, ..Task::new(1, None, id, name, minutes) }
}

fn child(mut t: Task, parent: TaskId) -> Task {
    t.parent_id = Some(parent);
    t
}

fn link(p: TaskId, s: TaskId, kind: LinkKind, lag: i64) -> Link {
    Link { id: p * 1000 + s, predecessor: p, successor: s, kind, lag_minutes: lag, lag_elapsed: false }
}

fn run(tasks: &[Task], links: &[Link]) -> Schedule {
    let cal = WorkCalendar::standard(1, "Standard");
    // 2027-03-15 is a Monday.
    schedule(&ScheduleInput {
        project_start: t("2027-03-15 00:00"),
        calendar: &cal,
        calendars: &[],
        tasks,
        links,
        status_date: None,
    })
}

/// Checks start and finish of the named tasks.
fn check(tasks: &[Task], links: &[Link], expected: &[(TaskId, &str, &str)]) -> Schedule {
    let s = run(tasks, links);
    for &(id, start, finish) in expected {
        let d = s.get(id).expect("task scheduled");
        assert_eq!((d.start, d.finish), (t(start), t(finish)), "dates of task {id}");
    }
    s
}

#[test]
fn finish_to_start_chains_run_back_to_back() {
    check(
        &[task(1, "Design", 2 * DAY), task(2, "Build", DAY)],
        &[link(1, 2, LinkKind::FinishToStart, 0)],
        &[(1, "2027-03-15 08:00", "2027-03-16 17:00"), (2, "2027-03-17 08:00", "2027-03-17 17:00")],
    );
}

#[test]
fn each_link_type_with_lag_and_lead() {
    let tasks = [task(1, "A", 2 * DAY), task(2, "B", DAY)];
    let cases = [
        (LinkKind::FinishToStart, DAY, "2027-03-18 08:00", "2027-03-18 17:00"),
        (LinkKind::FinishToStart, -DAY, "2027-03-16 08:00", "2027-03-16 17:00"),
        (LinkKind::FinishToStart, 240, "2027-03-17 13:00", "2027-03-18 12:00"),
        (LinkKind::StartToStart, DAY, "2027-03-16 08:00", "2027-03-16 17:00"),
        (LinkKind::StartToStart, 0, "2027-03-15 08:00", "2027-03-15 17:00"),
        (LinkKind::FinishToFinish, 0, "2027-03-16 08:00", "2027-03-16 17:00"),
        (LinkKind::FinishToFinish, DAY, "2027-03-17 08:00", "2027-03-17 17:00"),
        (LinkKind::StartToFinish, 2 * DAY, "2027-03-16 08:00", "2027-03-16 17:00"),
    ];
    for (kind, lag, start, finish) in cases {
        let s = run(&tasks, &[link(1, 2, kind, lag)]);
        let b = s.get(2).expect("B");
        assert_eq!((b.start, b.finish), (t(start), t(finish)), "{kind:?} lag {lag}");
    }
}

#[test]
fn an_elapsed_lag_counts_nights_and_weekends() {
    // A finishes Friday 17:00; two elapsed days later is Sunday 17:00, so B
    // starts Monday 08:00. Two working days later would be Wednesday.
    let mut l = link(1, 2, LinkKind::FinishToStart, 2 * 1440);
    l.lag_elapsed = true;
    let mut a = task(1, "Pour concrete", DAY);
    a.constraint = Constraint { kind: ConstraintKind::Snet, date: Some(t("2027-03-19 08:00")) };
    check(&[a, task(2, "Build on it", DAY)], &[l], &[(2, "2027-03-22 08:00", "2027-03-22 17:00")]);
}

#[test]
fn a_change_reports_every_task_it_moved() {
    let tasks = [task(1, "Design", DAY), task(2, "Build", DAY), task(3, "Aside", DAY)];
    let links = [link(1, 2, LinkKind::FinishToStart, 0)];
    let before = run(&tasks, &links);
    let mut longer = tasks.clone();
    longer[0].duration_minutes = 2 * DAY;
    let after = run(&longer, &links);
    let moved: Vec<TaskId> = after.moved_since(&before).iter().map(|d| d.id).collect();
    assert_eq!(moved, vec![1, 2], "the task and its successor, not the one aside");
    assert!(after.finish > before.finish);
}

#[test]
fn a_kept_scheduler_moves_what_a_change_reaches_and_refuses_a_new_parent() {
    let tasks = [task(1, "Design", DAY), task(2, "Build", DAY), task(3, "Aside", DAY)];
    let links = [link(1, 2, LinkKind::FinishToStart, 0)];
    let cal = WorkCalendar::standard(1, "Standard");
    let input = ScheduleInput {
        project_start: t("2027-03-15 00:00"),
        calendar: &cal,
        calendars: &[],
        tasks: &tasks,
        links: &links,
        status_date: None,
    };
    let mut kept = Scheduler::new(&input);
    let mut longer = tasks[0].clone();
    longer.duration_minutes = 2 * DAY;
    let aside = kept.dates()[2];
    // The task and its successor move; the task aside keeps its dates and
    // gains the day of slack the later finish gives it.
    assert_eq!(kept.reschedule(vec![longer.clone()]), Ok(vec![0, 1, 2]));
    assert_eq!(kept.dates()[1].start, t("2027-03-17 08:00"));
    assert_eq!(kept.finish(), t("2027-03-17 17:00"));
    assert_eq!((kept.dates()[2].start, kept.dates()[2].total_slack), (aside.start, aside.total_slack + DAY));

    let before = kept.schedule();
    let mut adopted = tasks[2].clone();
    adopted.parent_id = Some(1);
    longer.duration_minutes = 3 * DAY;
    assert_eq!(kept.reschedule(vec![longer, adopted]), Err(NetworkChanged { task: 3 }));
    assert_eq!(kept.reschedule(vec![task(9, "Unknown", DAY)]), Err(NetworkChanged { task: 9 }));
    assert_eq!(kept.schedule(), before, "a refused change changes nothing");
    assert_eq!(kept.tasks()[0].duration_minutes, 2 * DAY);
}

#[test]
fn a_milestone_after_a_task_sits_at_its_finish() {
    check(
        &[task(1, "Cut-over", DAY), task(2, "Go-live", 0)],
        &[link(1, 2, LinkKind::FinishToStart, 0)],
        &[(2, "2027-03-15 17:00", "2027-03-15 17:00")],
    );
}

#[test]
fn the_longest_chain_is_critical_and_the_other_has_slack() {
    let s = check(
        &[task(1, "Long", 3 * DAY), task(2, "Short", DAY), task(3, "End", DAY)],
        &[link(1, 3, LinkKind::FinishToStart, 0), link(2, 3, LinkKind::FinishToStart, 0)],
        &[(3, "2027-03-18 08:00", "2027-03-18 17:00")],
    );
    let short = s.get(2).expect("short");
    assert!(s.get(1).expect("long").critical && s.get(3).expect("end").critical);
    assert!(!short.critical);
    assert_eq!(short.total_slack, 2 * DAY);
    assert_eq!(short.free_slack, 2 * DAY);
    assert_eq!(short.late_start, t("2027-03-17 08:00"));
    assert_eq!(s.finish, t("2027-03-18 17:00"));
}

#[test]
fn summaries_roll_up_and_links_into_them_hold_back_their_tasks() {
    let s = check(
        &[
            task(1, "Prepare", 2 * DAY),
            task(2, "Phase", 0),
            child(task(3, "Step 1", DAY), 2),
            child(task(4, "Step 2", 3 * DAY), 2),
        ],
        &[link(1, 2, LinkKind::FinishToStart, 0)],
        &[
            (3, "2027-03-17 08:00", "2027-03-17 17:00"),
            (4, "2027-03-17 08:00", "2027-03-19 17:00"),
            (2, "2027-03-17 08:00", "2027-03-19 17:00"),
        ],
    );
    assert!(s.get(2).expect("phase").summary);
    assert!(s.get(2).expect("phase").critical, "it holds a critical task");
}

#[test]
fn a_summary_as_predecessor_waits_for_all_its_tasks() {
    check(
        &[task(1, "Phase", 0), child(task(2, "A", DAY), 1), child(task(3, "B", 2 * DAY), 1), task(4, "Next", DAY)],
        &[link(1, 4, LinkKind::FinishToStart, 0)],
        &[(4, "2027-03-17 08:00", "2027-03-17 17:00")],
    );
}

#[test]
fn a_cycle_is_named_in_order_and_dates_stay_defined() {
    let tasks = [task(1, "Build", DAY), task(2, "Test", DAY), task(3, "Fix", DAY)];
    let links = [
        link(1, 2, LinkKind::FinishToStart, 0),
        link(2, 3, LinkKind::FinishToStart, 0),
        link(3, 1, LinkKind::FinishToStart, 0),
    ];
    let s = run(&tasks, &links);
    let cycle = s.cycle.clone().expect("cycle found");
    assert_eq!(cycle.len(), 3);
    assert!(s.diagnostics[0].message.contains("→"), "{}", s.diagnostics[0].message);
    assert_eq!(s.tasks.len(), 3);
    assert_eq!(find_cycle(&tasks, &links).map(|c| c.len()), Some(3));
    assert_eq!(find_cycle(&tasks, &links[..2]), None);
}

#[test]
fn a_link_from_a_summary_to_its_own_task_is_a_cycle() {
    let tasks = [task(1, "Phase", 0), child(task(2, "Inside", DAY), 1)];
    assert!(find_cycle(&tasks, &[link(1, 2, LinkKind::FinishToStart, 0)]).is_some());
}

#[test]
fn constraints_move_tasks_or_explain_why_they_cannot() {
    let mut snet = task(1, "Install", DAY);
    snet.constraint = Constraint { kind: ConstraintKind::Snet, date: Some(t("2027-03-17 00:00")) };
    check(&[snet], &[], &[(1, "2027-03-17 08:00", "2027-03-17 17:00")]);

    let mut mso = task(2, "Audit", DAY);
    mso.constraint = Constraint { kind: ConstraintKind::Mso, date: Some(t("2027-03-16 08:00")) };
    let s = check(
        &[task(1, "Prep", 3 * DAY), mso],
        &[link(1, 2, LinkKind::FinishToStart, 0)],
        &[(2, "2027-03-16 08:00", "2027-03-16 17:00")],
    );
    assert_eq!(s.diagnostics.len(), 1);
    assert!(s.diagnostics[0].message.contains("Audit"), "names the task");
    assert!(s.diagnostics[0].message.contains("its predecessors put it at 2027-03-18 08:00"), "says why");

    // A date before the project start stands, as in MS Project: the project
    // start holds only tasks without a date, so there is nothing to report.
    let mut early = task(3, "Kick-off", DAY);
    early.constraint = Constraint { kind: ConstraintKind::Mso, date: Some(t("2027-03-01 08:00")) };
    let s = check(&[early.clone()], &[], &[(3, "2027-03-01 08:00", "2027-03-01 17:00")]);
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
    assert_eq!(s.start, t("2027-03-01 08:00"), "the project starts with it");
    // Under a summary that a link holds, the summary is the reason.
    let s =
        run(&[task(5, "Prep", DAY), task(4, "Phase", 0), child(early, 4)], &[link(5, 4, LinkKind::FinishToStart, 0)]);
    assert!(s.diagnostics[0].message.contains("its summary task puts it at"), "{:?}", s.diagnostics);

    let mut alap = task(2, "Buffer", DAY);
    alap.constraint = Constraint { kind: ConstraintKind::Alap, date: None };
    check(&[task(1, "Main", 3 * DAY), alap], &[], &[(2, "2027-03-17 08:00", "2027-03-17 17:00")]);
}

/// "Start no earlier than" a date before the project start: MS Project
/// starts the task on its date, before the project start, and so do its
/// successors and its summary; a task without one still waits for the
/// project start. Each case is the file it comes from, the task's
/// constraint date, and MS Project's start and finish for it.
#[test]
fn a_start_no_earlier_than_before_the_project_start_stands() {
    let cases = [
        // mpp-as-mspdi/assignment-text-project2007-mpp9.mpp.xml: project
        // start 2018-10-18 08:00, "Task 1" 80 h SNET 2016-01-04 08:00.
        ("2016-01-04 08:00", 10 * DAY, "2016-01-04 08:00", "2016-01-15 17:00"),
        // A date on a Saturday starts on the Monday after.
        ("2027-03-06 10:00", DAY, "2027-03-08 08:00", "2027-03-08 17:00"),
    ];
    for (date, minutes, start, finish) in cases {
        let mut early = task(1, "Legacy audit", minutes);
        early.constraint = Constraint { kind: ConstraintKind::Snet, date: Some(t(date)) };
        let s = check(&[early.clone()], &[], &[(1, start, finish)]);
        assert!(s.diagnostics.is_empty(), "nothing to say: {:?}", s.diagnostics);
        assert_eq!(s.start, t(start), "the project starts with its earliest task, as MS Project's summary does");

        // Under a summary that only the project start holds, with a
        // successor and a task without a date beside it.
        let s = check(
            &[task(10, "Phase", 0), child(early, 10), child(task(2, "Report", DAY), 10), task(3, "Next", DAY)],
            &[link(1, 3, LinkKind::FinishToStart, 0)],
            &[(1, start, finish), (2, "2027-03-15 08:00", "2027-03-15 17:00"), (10, start, "2027-03-15 17:00")],
        );
        assert!(s.get(3).expect("Next").start > t(finish), "a successor follows it");
    }

    // A summary held by a link keeps holding its subtasks.
    let mut early = task(1, "Legacy audit", DAY);
    early.constraint = Constraint { kind: ConstraintKind::Snet, date: Some(t("2027-03-01 08:00")) };
    check(
        &[task(5, "Prep", 2 * DAY), task(10, "Phase", 0), child(early, 10)],
        &[link(5, 10, LinkKind::FinishToStart, 0)],
        &[(1, "2027-03-17 08:00", "2027-03-17 17:00")],
    );
}

/// A manual task whose duration is only an estimate ("1 day?", entered by
/// name alone) is left off the critical path although nothing can slip, as
/// MS Project leaves it; a manual task with a typed duration, and an
/// automatic task with an estimate, are critical. From
/// mpp-as-mspdi/task-flags-project2019-mpp14.mpp.xml: "Flag1", manual,
/// estimated, 8 h, total slack 0, not critical.
#[test]
fn an_estimated_manual_task_is_off_the_critical_path() {
    let cases = [(true, true, false), (true, false, true), (false, true, true), (false, false, true)];
    for (manual, estimated, critical) in cases {
        let mut flag = task(1, "Flag1", DAY);
        (flag.manual, flag.estimated) = (manual, estimated);
        let s = run(&[flag], &[]);
        let d = s.get(1).expect("Flag1");
        assert_eq!(d.total_slack, 0, "nothing can slip");
        assert_eq!(d.critical, critical, "manual {manual}, estimated {estimated}");
    }
}

/// An elapsed duration runs in calendar time, nights and weekends
/// included, and its slack is counted in calendar minutes; the working
/// tasks beside it finish by the last working moment before the project
/// finish it sets. From mpp-as-mspdi/DurationTest9.mpp.xml (project start
/// Monday 2006-03-13 08:00): each task's duration, whether elapsed, and MS
/// Project's start, finish, late start, late finish and total slack.
#[test]
fn an_elapsed_duration_runs_in_calendar_time() {
    let cases = [
        // "Task 5el", 720 elapsed hours: it sets the project finish.
        (43_200, true, "2006-03-13 08:00", "2006-04-12 08:00", "2006-03-13 08:00", "2006-04-12 08:00", 0),
        // "Task 1el", one elapsed minute.
        (1, true, "2006-03-13 08:00", "2006-03-13 08:01", "2006-04-12 07:59", "2006-04-12 08:00", 43_199),
        // "Task 3el", 24 elapsed hours: to the next morning.
        (1440, true, "2006-03-13 08:00", "2006-03-14 08:00", "2006-04-11 08:00", "2006-04-12 08:00", 41_760),
        // "Task 5", 160 working hours, and "Task 1", one working minute.
        (9600, false, "2006-03-13 08:00", "2006-04-07 17:00", "2006-03-15 08:00", "2006-04-11 17:00", 960),
        (1, false, "2006-03-13 08:00", "2006-03-13 08:01", "2006-04-11 16:59", "2006-04-11 17:00", 10_559),
    ];
    let tasks: Vec<Task> = cases
        .iter()
        .enumerate()
        .map(|(n, &(minutes, elapsed, ..))| Task { duration_elapsed: elapsed, ..task(n as i64 + 1, "T", minutes) })
        .collect();
    let cal = WorkCalendar::standard(1, "Standard");
    let s = schedule(&ScheduleInput {
        project_start: t("2006-03-13 08:00"),
        calendar: &cal,
        calendars: &[],
        tasks: &tasks,
        links: &[],
        status_date: None,
    });
    for (n, &(minutes, elapsed, start, finish, late_start, late_finish, slack)) in cases.iter().enumerate() {
        let d = s.get(n as i64 + 1).expect("scheduled");
        let what = format!("{minutes} minutes, elapsed {elapsed}");
        assert_eq!((d.start, d.finish), (t(start), t(finish)), "{what}");
        assert_eq!((d.late_start, d.late_finish), (t(late_start), t(late_finish)), "{what}");
        assert_eq!(d.total_slack, slack, "{what}");
    }
    assert_eq!(s.finish, t("2006-04-12 08:00"));
}

/// A manual task keeps the start and finish typed, outside working time
/// too (07:00 stays 07:00); its late finish is the project finish as it
/// stands, its late start that less its duration but never before it
/// starts, and its total slack its finish's. From
/// mpp-as-mspdi/mpp14timephasedsegmentsmanual.mpp.xml (project start
/// Monday 2011-02-07 08:00, every task manual from 07:00, none linked):
/// each task's duration and typed finish, and MS Project's late start,
/// total slack and critical flag; the late finish is 2012-07-20 16:00 for
/// all of them.
#[test]
fn a_manual_task_keeps_the_times_typed() {
    let cases = [
        // "Task One", 40 h to Friday 16:00.
        (2400, "2011-02-11 16:00", "2012-07-13 16:00", 180_000, false),
        // "Task Nine", 133 h 20 min to 13:20.
        (8000, "2011-03-01 13:20", "2012-06-28 09:40", 174_400, false),
        // "Task Nineteen", 1,520 h.
        (91_200, "2011-10-28 16:00", "2011-10-28 16:00", 91_200, false),
        // "Task Twenty", 3,040 h: it sets the project finish, and its late
        // start stays where it starts.
        (182_400, "2012-07-20 16:00", "2011-02-07 07:00", 0, true),
    ];
    let typed_start = t("2011-02-07 07:00");
    let tasks: Vec<Task> = cases
        .iter()
        .enumerate()
        .map(|(n, &(minutes, finish, ..))| {
            let mut m = task(n as i64 + 1, "Manual", minutes);
            m.manual = true;
            m.constraint = Constraint { kind: ConstraintKind::Mso, date: Some(typed_start) };
            m.manual_finish = Some(t(finish));
            m
        })
        .collect();
    let cal = WorkCalendar::standard(1, "Standard");
    let s = schedule(&ScheduleInput {
        project_start: t("2011-02-07 08:00"),
        calendar: &cal,
        calendars: &[],
        tasks: &tasks,
        links: &[],
        status_date: None,
    });
    for (n, &(minutes, finish, late_start, slack, critical)) in cases.iter().enumerate() {
        let d = s.get(n as i64 + 1).expect("scheduled");
        let what = format!("{minutes} minutes to {finish}");
        assert_eq!((d.start, d.finish), (typed_start, t(finish)), "{what}");
        assert_eq!((d.late_start, d.late_finish), (t(late_start), t("2012-07-20 16:00")), "{what}");
        assert_eq!((d.total_slack, d.critical), (slack, critical), "{what}");
    }
    assert_eq!((s.start, s.finish), (typed_start, t("2012-07-20 16:00")));
}

/// A typed finish is forgotten once the duration or the start changes, so
/// the finish follows them again.
#[test]
fn a_typed_finish_gives_way_to_a_new_duration() {
    let mut m = task(1, "Manual", DAY);
    m.manual = true;
    m.constraint = Constraint { kind: ConstraintKind::Mso, date: Some(t("2027-03-15 07:00")) };
    m.manual_finish = Some(t("2027-03-15 16:00"));
    let before = m.clone();
    let mut renamed = Task { name: "Renamed".into(), ..m.clone() };
    renamed.settle_edit(&before);
    assert_eq!(renamed.manual_finish, before.manual_finish);
    let mut longer = Task { duration_minutes: 2 * DAY, ..m };
    longer.settle_edit(&before);
    assert_eq!(longer.manual_finish, None);
    check(&[longer], &[], &[(1, "2027-03-15 07:00", "2027-03-16 17:00")]);
}

/// A leveling delay holds a task back from where its links and the
/// project start would let it begin: working time for a delay typed in
/// days, calendar time for one typed in elapsed days, from the early
/// start (a start that falls in the weekend waits for Monday morning), and
/// its successors follow. A
/// "must start on" date pins the task, delay or not. No fixture carries a
/// leveling delay; these are MS Project's rules for LevelingDelay and its
/// LevelingDelayFormat (elapsed formats count the calendar).
#[test]
fn a_leveling_delay_holds_a_task_back() {
    let delayed = |id, minutes, elapsed| Task { leveling_delay: Delay { minutes, elapsed }, ..task(id, "T", DAY) };
    // Two working days: Monday becomes Wednesday; its successor Thursday.
    check(
        &[delayed(1, 2 * DAY, false), task(2, "Next", DAY)],
        &[link(1, 2, LinkKind::FinishToStart, 0)],
        &[(1, "2027-03-17 08:00", "2027-03-17 17:00"), (2, "2027-03-18 08:00", "2027-03-18 17:00")],
    );
    // Two elapsed days from Monday 08:00: Wednesday 08:00.
    check(&[delayed(1, 2 * 1440, true)], &[], &[(1, "2027-03-17 08:00", "2027-03-17 17:00")]);
    // The delay runs from the early start: after a task ending Wednesday
    // 17:00, two elapsed days from Thursday 08:00 end on Saturday, and the
    // work starts on Monday; after one ending Friday, one elapsed day from
    // Monday 08:00 starts it on Tuesday.
    check(
        &[task(1, "Days", 3 * DAY), delayed(2, 2 * 1440, true)],
        &[link(1, 2, LinkKind::FinishToStart, 0)],
        &[(2, "2027-03-22 08:00", "2027-03-22 17:00")],
    );
    check(
        &[task(1, "Week", 5 * DAY), delayed(2, 1440, true)],
        &[link(1, 2, LinkKind::FinishToStart, 0)],
        &[(2, "2027-03-23 08:00", "2027-03-23 17:00")],
    );
    // Pinned by a date, the delay does not move it.
    let pinned = Task {
        constraint: Constraint { kind: ConstraintKind::Mso, date: Some(t("2027-03-16 08:00")) },
        ..delayed(1, 3 * DAY, false)
    };
    check(&[pinned], &[], &[(1, "2027-03-16 08:00", "2027-03-16 17:00")]);
    // The delay spends slack: the delayed task of a pair of equal parallel
    // tasks sets the finish and is critical, the other is not.
    let s = run(&[delayed(1, DAY, false), task(2, "Beside", DAY)], &[]);
    let (a, b) = (s.get(1).expect("delayed"), s.get(2).expect("beside"));
    assert!(a.critical && !b.critical);
    assert_eq!(b.total_slack, DAY);
}

/// A split task's pauses move its finish out, and its late start back, by
/// their working time; its successors follow its last stretch of work.
/// From mspdi/mspdisplittask.xml (project start Thursday 2006-09-21
/// 08:00): "Split Task 1", 80 h paused after 32 h for three days, and
/// "Split Task 2", 120 h paused after 24 h for two days and after 64 h
/// for three, with MS Project's dates, late start and total slack.
#[test]
fn a_split_task_finishes_later_by_its_pauses() {
    let one = Task { splits: vec![Split { after: 1920, pause: 1440 }], ..task(1, "Split Task 1", 4800) };
    let two = Task {
        splits: vec![Split { after: 1440, pause: 960 }, Split { after: 3840, pause: 1440 }],
        ..task(2, "Split Task 2", 7200)
    };
    let cal = WorkCalendar::standard(1, "Standard");
    let tasks = [one.clone(), two];
    let s = schedule(&ScheduleInput {
        project_start: t("2006-09-21 08:00"),
        calendar: &cal,
        calendars: &[],
        tasks: &tasks,
        links: &[],
        status_date: None,
    });
    let cases = [
        (1, "2006-10-09 17:00", "2006-10-02 08:00", 3360, false),
        (2, "2006-10-18 17:00", "2006-09-21 08:00", 0, true),
    ];
    for (id, finish, late_start, slack, critical) in cases {
        let d = s.get(id).expect("scheduled");
        assert_eq!((d.start, d.finish), (t("2006-09-21 08:00"), t(finish)), "task {id}");
        assert_eq!((d.late_start, d.late_finish), (t(late_start), t("2006-10-18 17:00")), "task {id}");
        assert_eq!((d.total_slack, d.critical), (slack, critical), "task {id}");
    }
    // Its successor starts after the last stretch (here from Monday
    // 2027-03-15: ten days of work and three of pause).
    check(
        &[one, task(3, "After", DAY)],
        &[link(1, 3, LinkKind::FinishToStart, 0)],
        &[(1, "2027-03-15 08:00", "2027-03-31 17:00"), (3, "2027-04-01 08:00", "2027-04-01 17:00")],
    );
}

/// A summary linked from a task that ends before lunch starts at 12:00,
/// and so does a milestone under it, while its other subtasks start after
/// lunch. From mpp-as-mspdi/projectlibre-samples-Microsoft-Office-
/// Project-2003-deployment.mpp.xml: "Planning" follows "Envisioning",
/// which ends Thursday 2003-09-25 12:00; MS Project starts "Planning" and
/// its milestone "Business analysis completed" at 12:00.
#[test]
fn a_milestone_under_a_summary_sits_where_the_link_into_the_summary_ends() {
    // The standard calendar works 08:00–12:00 and 13:00–17:00.
    let cal = WorkCalendar::standard(1, "Standard");
    let tasks = [
        task(1, "Envisioning", 4 * 60 + 4 * 480),
        task(10, "Planning", 0),
        child(task(11, "Business analysis completed", 0), 10),
        child(task(12, "Plan the configuration", 480), 10),
    ];
    let s = schedule(&ScheduleInput {
        project_start: t("2027-03-15 08:00"),
        calendar: &cal,
        calendars: &[],
        tasks: &tasks,
        links: &[link(1, 10, LinkKind::FinishToStart, 0)],
        status_date: None,
    });
    let at = |id| s.get(id).map(|d| (d.start, d.finish)).expect("scheduled");
    assert_eq!(at(1).1, t("2027-03-19 12:00"), "Envisioning ends before lunch on Friday");
    assert_eq!(at(11), (t("2027-03-19 12:00"), t("2027-03-19 12:00")), "the milestone sits at 12:00");
    assert_eq!(at(12), (t("2027-03-19 13:00"), t("2027-03-22 12:00")), "work starts after lunch");
    assert_eq!(at(10).0, t("2027-03-19 12:00"), "the summary starts with its milestone");
}

#[test]
fn finished_work_is_not_critical() {
    let mut done = task(1, "Done", DAY);
    done.percent_complete = 100;
    done.actual_start = Some(t("2027-03-15 08:00"));
    done.actual_finish = Some(t("2027-03-15 17:00"));
    let s = run(&[done, task(2, "Next", DAY)], &[link(1, 2, LinkKind::FinishToStart, 0)]);
    assert!(!s.get(1).expect("done").critical);
    assert!(s.get(2).expect("next").critical);
}

#[test]
fn remaining_work_resumes_after_the_status_date() {
    let cal = WorkCalendar::standard(1, "Standard");
    // Started Monday, half of four days done, reported on Thursday evening:
    // two days remain from Friday, so it ends the next Monday, not Thursday.
    let mut late = task(1, "Data migration", 4 * DAY);
    late.actual_start = Some(t("2027-03-15 08:00"));
    late.percent_complete = 50;
    let tasks = [late, task(2, "Not started", DAY), task(3, "Next", DAY)];
    let links = [link(1, 3, LinkKind::FinishToStart, 0)];
    let s = schedule(&ScheduleInput {
        project_start: t("2027-03-15 00:00"),
        calendar: &cal,
        calendars: &[],
        tasks: &tasks,
        links: &links,
        status_date: Some(t("2027-03-18 17:00")),
    });
    let d = |id| s.get(id).expect("scheduled");
    assert_eq!((d(1).start, d(1).finish), (t("2027-03-15 08:00"), t("2027-03-22 17:00")), "actual start kept");
    assert_eq!(d(2).start, t("2027-03-19 08:00"), "unstarted work is not planned in the past");
    assert_eq!(d(3).start, t("2027-03-23 08:00"));
}

#[test]
fn actual_start_is_kept() {
    let mut started = task(2, "Started early", DAY);
    started.actual_start = Some(t("2027-03-15 08:00"));
    check(
        &[task(1, "Pred", 2 * DAY), started],
        &[link(1, 2, LinkKind::FinishToStart, 0)],
        &[(2, "2027-03-15 08:00", "2027-03-15 17:00")],
    );
}

#[test]
fn a_calendar_that_works_a_few_hours_a_year_is_followed_for_years() {
    // The server room can only be shut down on New Year's Day, 10:00–14:00.
    let project = WorkCalendar::standard(1, "Standard");
    let mut window = WorkCalendar::standard(2, "Maintenance window");
    window.weekdays = Default::default();
    window.exceptions.push(crate::calendar::CalendarException {
        name: "New Year's Day".into(),
        start: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).expect("date"),
        finish: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).expect("date"),
        yearly: true,
        working: vec![crate::calendar::WorkingTime::hm(10, 0, 14, 0)],
    });
    let mut move_servers = task(2, "Move the servers", 300);
    move_servers.calendar_id = Some(2);
    let tasks = [task(1, "Prepare", DAY), move_servers];
    let links = [link(1, 2, LinkKind::FinishToStart, 0)];
    let s = schedule(&ScheduleInput {
        project_start: t("2027-03-15 00:00"),
        calendar: &project,
        calendars: &[project.clone(), window],
        tasks: &tasks,
        links: &links,
        status_date: None,
    });
    let d = s.get(2).expect("scheduled");
    // Four hours on 1 January 2028, the last hour on 1 January 2029.
    assert_eq!((d.start, d.finish), (t("2028-01-01 10:00"), t("2029-01-01 11:00")));
    assert_eq!(s.finish, t("2029-01-01 11:00"));
}

/// A task with a calendar of its own is worked when its calendar and its
/// people's both work, unless it ignores its people's calendars (MS
/// Project's IgnoreResourceCalendar). The case: a two-day cut-over on the
/// "24 Hours" calendar, done by someone on the office week who is off on
/// Easter Monday 2027-03-29, starting Friday 2027-03-26. On the time both
/// share it runs Friday and Tuesday, office hours; ignoring its person's
/// calendar it runs Friday 08:00 to Saturday 00:00, round the clock. A
/// fixed-duration task keeps to its own calendar too. No fixture carries a
/// staffed task on a calendar of its own that heeds its people's (the
/// eight task calendars of the fixtures are on unstaffed tasks, or ignore
/// their people's: mpp*timephasedsegments "Task Eight"), so this is MS
/// Project's documented rule rather than a file's answer.
#[test]
fn a_task_calendar_is_worked_only_when_its_people_work_too() {
    use crate::calendar::{CalendarException, WorkingTime};
    let office = WorkCalendar::standard(1, "Standard");
    let round_the_clock = WorkCalendar {
        id: 2,
        name: "24 Hours".into(),
        weekdays: std::array::from_fn(|_| vec![WorkingTime::hm(0, 0, 24, 0)]),
        exceptions: Vec::new(),
    };
    let mut person = WorkCalendar { id: -7, ..office.clone() };
    person.exceptions.push(CalendarException {
        name: "Easter Monday".into(),
        start: chrono::NaiveDate::from_ymd_opt(2027, 3, 29).expect("date"),
        finish: chrono::NaiveDate::from_ymd_opt(2027, 3, 29).expect("date"),
        yearly: false,
        working: Vec::new(),
    });
    let shared = round_the_clock.for_task_done_on(&person);
    let calendars = [office.clone(), round_the_clock.clone(), person.clone(), shared.clone()];
    let cut_over = |ignores: bool, task_type: TaskType| Task {
        calendar_id: Some(2),
        people_calendar: Some(shared.id),
        ignores_people_calendars: ignores,
        task_type,
        constraint: Constraint { kind: ConstraintKind::Snet, date: Some(t("2027-03-26 08:00")) },
        ..task(1, "Cut over", 2 * DAY)
    };
    for (ignores, task_type, start, finish) in [
        (false, TaskType::FixedUnits, "2027-03-26 08:00", "2027-03-30 17:00"),
        (true, TaskType::FixedUnits, "2027-03-26 08:00", "2027-03-27 00:00"),
        (false, TaskType::FixedDuration, "2027-03-26 08:00", "2027-03-27 00:00"),
    ] {
        let tasks = [cut_over(ignores, task_type)];
        let s = schedule(&ScheduleInput {
            project_start: t("2027-03-15 00:00"),
            calendar: &office,
            calendars: &calendars,
            tasks: &tasks,
            links: &[],
            status_date: None,
        });
        let d = s.get(1).expect("scheduled");
        assert_eq!((d.start, d.finish), (t(start), t(finish)), "ignoring its people's: {ignores}, {task_type:?}");
    }
}

/// A deadline does not move a task, but its late finish is no later, so
/// its slack and its predecessors' count to it (MS Project's Deadline: "if
/// you enter a deadline that falls before the end of the task's total
/// slack, total slack is recalculated using the deadline"). A task that
/// finishes after its deadline has negative slack and is critical; a
/// deadline later than the late finish changes nothing; a task as late as
/// possible finishes on it. No fixture carries a deadline.
#[test]
fn a_deadline_bounds_the_late_finish_without_moving_the_task() {
    // Spec (2d) → Build (3d), beside a 10-day chain that sets the finish
    // (Monday 2027-03-15 to Friday 2027-03-26).
    let deadline = |at: &str| Task { deadline: Some(t(at)), ..task(2, "Build", 3 * DAY) };
    let plan = |build: Task| {
        run(&[task(1, "Spec", 2 * DAY), build, task(3, "Long", 10 * DAY)], &[link(1, 2, LinkKind::FinishToStart, 0)])
    };
    let free = plan(task(2, "Build", 3 * DAY));
    assert_eq!(free.get(2).expect("build").total_slack, 5 * DAY);

    // Due Tuesday 2027-03-23 17:00: two days of slack left, Spec's too.
    let s = plan(deadline("2027-03-23 17:00"));
    let build = s.get(2).expect("build");
    assert_eq!((build.start, build.finish), (t("2027-03-17 08:00"), t("2027-03-19 17:00")), "not moved");
    assert_eq!((build.late_finish, build.total_slack), (t("2027-03-23 17:00"), 2 * DAY));
    assert_eq!(s.get(1).expect("spec").total_slack, 2 * DAY, "its predecessor's slack counts to it");
    assert_eq!(s.finish, t("2027-03-26 17:00"));

    // Due Thursday 2027-03-18 17:00, a day before it can finish: one day
    // of negative slack, critical with its predecessor.
    let s = plan(deadline("2027-03-18 17:00"));
    let build = s.get(2).expect("build");
    assert_eq!((build.finish, build.total_slack, build.critical), (t("2027-03-19 17:00"), -DAY, true));
    assert!(s.get(1).expect("spec").critical);

    // Later than the project finish: nothing changes.
    let s = plan(deadline("2027-04-30 17:00"));
    assert_eq!(s.get(2).expect("build").total_slack, 5 * DAY);

    // As late as possible, it finishes on its deadline.
    let alap =
        Task { constraint: Constraint { kind: ConstraintKind::Alap, date: None }, ..deadline("2027-03-24 17:00") };
    let s = plan(alap);
    assert_eq!(s.get(2).expect("build").finish, t("2027-03-24 17:00"));
}

/// Random acyclic networks: links only go from lower to higher ids.
fn network() -> impl Strategy<Value = (Vec<Task>, Vec<Link>)> {
    (2usize..30)
        .prop_flat_map(|n| {
            let durations = proptest::collection::vec(0i64..5 * DAY, n);
            let links = proptest::collection::vec((0..n, 0..n, 0usize..4, -DAY..DAY), 0..n * 2);
            (durations, links)
        })
        .prop_map(|(durations, raw)| {
            let tasks: Vec<Task> =
                durations.iter().enumerate().map(|(i, &d)| task(i as i64 + 1, &format!("T{i}"), d)).collect();
            let mut links: Vec<Link> = Vec::new();
            for (a, b, k, lag) in raw {
                let (p, s) = (a.min(b) as i64 + 1, a.max(b) as i64 + 1);
                if p != s && !links.iter().any(|l| l.predecessor == p && l.successor == s) {
                    links.push(link(p, s, LinkKind::ALL[k], lag));
                }
            }
            (tasks, links)
        })
}

proptest! {
    #[test]
    fn early_dates_never_pass_late_dates((tasks, links) in network()) {
        let s = run(&tasks, &links);
        prop_assert!(s.cycle.is_none());
        for d in &s.tasks {
            prop_assert!(d.early_start <= d.late_start, "{d:?}");
            prop_assert!(d.early_finish <= d.late_finish, "{d:?}");
            prop_assert!(d.total_slack >= 0, "nothing is constrained: {d:?}");
            prop_assert!(d.free_slack <= d.total_slack);
            prop_assert!(d.finish <= s.finish);
        }
        prop_assert!(s.tasks.iter().any(|d| d.critical), "some task drives the finish");
        let driving = s.tasks.iter().filter(|d| d.early_finish == s.finish);
        for d in driving {
            prop_assert!(d.critical, "a task that ends at the finish is critical: {d:?}");
        }
    }

    #[test]
    fn every_critical_task_lies_on_a_critical_chain_to_the_finish((tasks, links) in network()) {
        let s = run(&tasks, &links);
        for d in s.tasks.iter().filter(|d| d.critical) {
            // Either it ends the project, or a critical successor carries the
            // chain on; the network is finite and acyclic, so the chain ends
            // at the finish.
            let ends_project = d.early_finish == s.finish;
            let carried = links
                .iter()
                .filter(|l| l.predecessor == d.id)
                .any(|l| s.get(l.successor).is_some_and(|next| next.critical && next.total_slack <= d.total_slack));
            prop_assert!(ends_project || carried, "{d:?} is critical but leads nowhere critical");
        }
    }

    #[test]
    fn rescheduling_changes_nothing((tasks, links) in network()) {
        prop_assert_eq!(run(&tasks, &links), run(&tasks, &links));
    }
}

mod positions {
    //! Plain tasks are scheduled on working positions, the others in
    //! calendar steps; the two ways must give the same schedule on any plan.

    use chrono::{Duration, NaiveDate};
    use proptest::prelude::*;

    use super::super::*;
    use super::{link, t, task};
    use crate::calendar::{CalendarException, WorkingTime};
    use crate::model::{Constraint, Delay, Split};

    /// Schedules with plain tasks on working positions, or every task in
    /// calendar steps.
    fn run(input: &ScheduleInput, by_positions: bool) -> Schedule {
        Scheduler::build(input, Cow::Borrowed(input.tasks), by_positions).into_schedule()
    }

    /// The standard week, a week with a short Saturday and a long Wednesday,
    /// a week without work, or every hour of every day; with exceptions
    /// (holidays, yearly ones, short working days).
    fn calendar(id: i64) -> impl Strategy<Value = WorkCalendar> {
        let exception = (-30i64..400, 0i64..10, any::<bool>(), any::<bool>());
        (0u8..10, prop::collection::vec(exception, 0..4)).prop_map(move |(week, exceptions)| {
            let mut c = WorkCalendar::standard(id, "Calendar");
            // Mostly the two working weeks; a week without work is slow to
            // schedule on (every step searches the calendar's 30 years).
            let week = match week {
                0..=3 => 0,
                4..=6 => 1,
                7 => 2,
                _ => 3,
            };
            match week {
                1 => {
                    c.weekdays[5] = vec![WorkingTime::hm(9, 0, 13, 0)];
                    c.weekdays[2] = vec![WorkingTime::hm(6, 0, 22, 30)];
                }
                2 => c.weekdays = Default::default(),
                3 => c.weekdays = std::array::from_fn(|_| vec![WorkingTime::hm(0, 0, 24, 0)]),
                _ => {}
            }
            let base = NaiveDate::from_ymd_opt(2027, 1, 1).expect("date");
            for (start, length, yearly, working) in exceptions {
                // A week without work gets no working exceptions: its work
                // would be a few hours a year, which only stretches the test.
                let working = if working && week != 2 { vec![WorkingTime::hm(10, 0, 14, 0)] } else { vec![] };
                c.exceptions.push(CalendarException {
                    name: "Exception".into(),
                    start: base + Duration::days(start),
                    finish: base + Duration::days(start + length),
                    yearly,
                    working,
                });
            }
            c
        })
    }

    fn at(minutes: u64) -> NaiveDateTime {
        t("2027-03-15 00:00") + Duration::minutes(minutes as i64)
    }

    /// Numbers below a bound, drawn from `seed` (xorshift): a plan's many
    /// choices from one generated value, so a failing case shrinks to it.
    fn numbers(seed: u64) -> impl FnMut(u64) -> u64 {
        let mut state = seed | 1;
        move |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below.max(1)
        }
    }

    /// Tasks with subtasks, milestones, task calendars, dated constraints,
    /// progress, and links of every type with leads, lags and elapsed lags.
    fn plan() -> impl Strategy<Value = (Vec<Task>, Vec<Link>)> {
        (2usize..30, any::<u64>()).prop_map(|(n, seed)| {
            let mut next = numbers(seed);
            let mut tasks = Vec::new();
            for i in 0..n as i64 {
                let id = i + 1;
                let minutes = if next(5) == 0 { 0 } else { next(5 * 480) as i64 + 1 };
                let mut task = task(id, &format!("T{id}"), minutes);
                if i > 0 && next(3) == 0 {
                    task.parent_id = Some(next(i as u64) as i64 + 1);
                }
                if next(4) == 0 {
                    task.calendar_id = Some(next(4) as i64 + 1);
                }
                if next(4) == 0 {
                    let kind = ConstraintKind::ALL[next(ConstraintKind::ALL.len() as u64) as usize];
                    task.constraint = Constraint { kind, date: Some(at(next(60_000)) - Duration::days(7)) };
                }
                if next(8) == 0 {
                    task.actual_start = Some(at(next(20_000)));
                    task.percent_complete = next(101) as u8;
                }
                if next(16) == 0 {
                    task.actual_finish = Some(at(next(30_000)));
                }
                if next(10) == 0 {
                    task.percent_complete = 100;
                }
                // Elapsed durations, and manual tasks whose duration is an
                // estimate.
                task.duration_elapsed = next(8) == 0;
                (task.manual, task.estimated) = (next(10) == 0, next(2) == 0);
                // A manual task's typed finish (before its start too, which
                // the scheduler must not take), and leveling delays.
                if task.manual && next(2) == 0 {
                    task.manual_finish = Some(at(next(60_000)) - Duration::days(7));
                }
                if next(8) == 0 {
                    task.leveling_delay = Delay { minutes: next(3 * 480) as i64, elapsed: next(3) == 0 };
                }
                // Split tasks, their pauses inside the work or (left over
                // from a shorter duration) past it.
                if next(8) == 0 && minutes > 1 {
                    let after = next(minutes as u64 + 100) as i64 + 1;
                    task.splits = vec![Split { after, pause: next(3 * 480) as i64 + 1 }];
                }
                // Deadlines, met or missed.
                if next(8) == 0 {
                    task.deadline = Some(at(next(60_000)));
                }
                tasks.push(task);
            }
            let mut links = Vec::new();
            for _ in 0..next(3 * n as u64) {
                let (a, b) = (next(n as u64) as i64 + 1, next(n as u64) as i64 + 1);
                if a != b {
                    let lag = if next(3) == 0 { next(2000) as i64 - 1000 } else { 0 };
                    let mut l = link(a.min(b), a.max(b), LinkKind::ALL[next(4) as usize], lag);
                    l.lag_elapsed = next(6) == 0;
                    links.push(l);
                }
            }
            (tasks, links)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        #[test]
        fn working_positions_agree_with_calendar_steps(
            (tasks, links) in plan(),
            calendars in (calendar(1), calendar(2), calendar(3), calendar(4)),
            status in prop::option::of(0u64..40_000),
            start in 0u64..3000,
        ) {
            let calendars = [calendars.0, calendars.1, calendars.2, calendars.3];
            let input = ScheduleInput {
                project_start: at(start),
                calendar: &calendars[0],
                calendars: &calendars,
                tasks: &tasks,
                links: &links,
                status_date: status.map(at),
            };
            prop_assert_eq!(run(&input, true), run(&input, false));
        }

        /// A kept scheduler given changes one after another agrees with
        /// scheduling each changed plan anew, and names exactly the tasks
        /// whose dates changed.
        #[test]
        fn a_change_rescheduled_in_place_agrees_with_a_fresh_schedule(
            (tasks, links) in plan(),
            calendars in (calendar(1), calendar(2), calendar(3), calendar(4)),
            status in prop::option::of(0u64..40_000),
            changes in prop::collection::vec(any::<u64>(), 1..6),
        ) {
            let calendars = [calendars.0, calendars.1, calendars.2, calendars.3];
            let on = |tasks| ScheduleInput {
                project_start: at(0),
                calendar: &calendars[0],
                calendars: &calendars,
                tasks,
                links: &links,
                status_date: status.map(at),
            };
            let mut kept = Scheduler::owning(&on(&tasks));
            let mut plan = tasks.clone();
            for seed in changes {
                let changed = changed(&plan, seed);
                let before = kept.dates().to_vec();
                let moved = kept.reschedule(changed.clone()).expect("the network is unchanged");
                for t in changed {
                    let i = plan.iter().position(|p| p.id == t.id).expect("a task of the plan");
                    plan[i] = t;
                }
                let fresh = schedule(&ScheduleInput { tasks: &plan, ..on(&[]) });
                prop_assert_eq!(kept.tasks(), &plan[..]);
                prop_assert_eq!(kept.schedule(), fresh);
                let differ: Vec<usize> = (0..plan.len()).filter(|&i| before[i] != kept.dates()[i]).collect();
                prop_assert_eq!(moved, differ);
            }
        }
    }

    /// One to three tasks of `plan` with new inputs, as an edit or a drag
    /// makes: a duration, a milestone or not, a constraint, progress.
    fn changed(plan: &[Task], seed: u64) -> Vec<Task> {
        let mut next = numbers(seed);
        let mut out: Vec<Task> = Vec::new();
        for _ in 0..=next(3) {
            let mut t = plan[next(plan.len() as u64) as usize].clone();
            if out.iter().any(|o| o.id == t.id) {
                continue;
            }
            match next(8) {
                0 => t.duration_minutes = next(5 * 480) as i64,
                1 => {
                    t.kind = if t.kind == TaskKind::Milestone { TaskKind::Task } else { TaskKind::Milestone };
                }
                2 => {
                    let kind = ConstraintKind::ALL[next(ConstraintKind::ALL.len() as u64) as usize];
                    t.constraint = Constraint { kind, date: Some(at(next(60_000))) };
                }
                3 => t.constraint = Constraint::ASAP,
                6 => {
                    t.leveling_delay = Delay { minutes: next(2000) as i64, elapsed: next(2) == 0 };
                    t.splits =
                        if next(2) == 0 { vec![Split { after: 60, pause: next(960) as i64 + 1 }] } else { vec![] };
                }
                7 => {
                    t.manual_finish = if next(2) == 0 { Some(at(next(60_000))) } else { None };
                    t.deadline = if next(2) == 0 { Some(at(next(60_000))) } else { None };
                }
                4 => {
                    t.actual_start = if next(2) == 0 { Some(at(next(20_000))) } else { None };
                    t.percent_complete = next(101) as u8;
                }
                _ => t.duration_minutes += next(2000) as i64 - 1000,
            }
            out.push(t);
        }
        out
    }
}
