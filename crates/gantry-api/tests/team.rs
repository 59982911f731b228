//! The team, run the way the app runs it, on real temporary portfolios:
//! people, absences, assignments with work, the workload across projects
//! and timesheets, with every kind of bad input refused without a trace.

mod common;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};
use gantry_api::Portfolio;
use gantry_api::wire::*;
use gantry_core::model::TaskType;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn open() -> (tempfile::TempDir, Portfolio) {
    let (dir, path) = common::sample_copy();
    let p = Portfolio::open(&path).expect("opens");
    (dir, p)
}

fn member(p: &Portfolio, name: &str) -> Person {
    p.team().expect("team").into_iter().find(|m| m.name == name).expect("person")
}

fn project(p: &Portfolio, prefix: &str) -> ProjectPlan {
    let id = p.projects().expect("projects").into_iter().find(|s| s.name.starts_with(prefix)).expect("project").id;
    p.plan(id).expect("plan")
}

fn task<'a>(plan: &'a ProjectPlan, name: &str) -> &'a TaskRow {
    plan.tasks.iter().find(|t| t.name == name).expect("task")
}

fn fields(name: &str) -> PersonFields {
    PersonFields {
        name: name.into(),
        role: "DBA".into(),
        email: "dba@example.org".into(),
        skills: vec![SkillLevel { name: "PostgreSQL".into(), level: 4 }],
        standard_rate: "92.50".into(),
        overtime_rate: "120".into(),
        cost_per_use: String::new(),
        max_units: 80,
        calendar_id: None,
    }
}

/// A new task of `days` working days in the CRM project, nobody on it.
fn new_task(p: &mut Portfolio, days: i64) -> (i64, i64) {
    let plan = project(p, "CRM");
    let id = p
        .add_task(NewTask {
            project_id: plan.id,
            after: plan.tasks.last().map(|t| t.id),
            name: "Tune the database".into(),
            duration: Some(format!("{days}d")),
        })
        .expect("add");
    (plan.id, id)
}

#[test]
fn bad_team_input_is_refused_and_changes_nothing() {
    let (_dir, mut p) = open();
    let (_, t) = new_task(&mut p, 5);
    let ana = member(&p, "Ana Moreau").id;
    p.staff_task(t, &StaffEdit::Assign { member_id: ana, units: 100 }).expect("assign");
    // An approved week of Ana's, with hours.
    let monday = today() - Days::new(u64::from(today().weekday().num_days_from_monday())) - Days::new(15 * 7);
    p.log_hours(&LogHours { member_id: ana, task_id: t, day: monday.to_string(), hours: "4".into() }).expect("log");
    p.review_week(ana, &monday.to_string(), WeekAction::Submit).expect("submit");
    p.review_week(ana, &monday.to_string(), WeekAction::Approve).expect("approve");
    let before = common::digest(&p);
    let level9 = PersonFields { skills: vec![SkillLevel { name: "SQL".into(), level: 9 }], ..fields("Dee") };
    let cases: Vec<(&str, gantry_api::Result<()>, &str)> = vec![
        ("units of 0 %", p.staff_task(t, &StaffEdit::Units { member_id: ana, units: 0 }).map(drop), "between 1 %"),
        (
            "units of 100,000 %",
            p.staff_task(t, &StaffEdit::Assign { member_id: 2, units: 100_000 }).map(drop),
            "between 1 %",
        ),
        (
            "a negative day",
            p.log_hours(&LogHours { member_id: ana, task_id: t, day: today().to_string(), hours: "-2".into() }),
            "negative",
        ),
        (
            "a 25-hour day",
            p.log_hours(&LogHours { member_id: ana, task_id: t, day: today().to_string(), hours: "25".into() }),
            "24 hours",
        ),
        (
            "hours in an approved week",
            p.log_hours(&LogHours {
                member_id: ana,
                task_id: t,
                day: (monday + Days::new(1)).to_string(),
                hours: "2".into(),
            }),
            "approved and locked",
        ),
        (
            "an absence ending before it starts",
            p.add_absence(&NewAbsence {
                member_id: ana,
                from: "2027-03-10".into(),
                to: "2027-03-01".into(),
                reason: "Vacation".into(),
            })
            .map(drop),
            "before it starts",
        ),
        (
            "a date that does not exist",
            p.add_absence(&NewAbsence {
                member_id: ana,
                from: "2027-02-29".into(),
                to: "2027-03-01".into(),
                reason: "Vacation".into(),
            })
            .map(drop),
            "",
        ),
        (
            "a rate below zero",
            p.add_person(&PersonFields { standard_rate: "-5".into(), ..fields("Dee") }).map(drop),
            "negative",
        ),
        ("a skill level of 9", p.add_person(&level9).map(drop), "1 to 5"),
        ("a name of 10,000 characters", p.add_person(&fields(&"x".repeat(10_000))).map(drop), "characters"),
        (
            "a timesheet row for a deleted task",
            p.log_hours(&LogHours { member_id: ana, task_id: 999_999, day: today().to_string(), hours: "1".into() }),
            "task",
        ),
        (
            "a correction of an open week",
            p.correct_hours(&Correction {
                member_id: ana,
                task_id: t,
                day: today().to_string(),
                hours: "1".into(),
                note: "Forgot".into(),
            })
            .map(drop),
            "approved week",
        ),
        (
            "approving a week never submitted",
            p.review_week(ana, &today().to_string(), WeekAction::Approve).map(drop),
            "not submitted",
        ),
        ("deleting a task with hours", p.delete_task(t).map(drop), "hours logged"),
        (
            "work on a summary",
            {
                let summary = project(&p, "CRM").tasks.iter().find(|x| x.has_children).expect("a summary").id;
                p.staff_task(summary, &StaffEdit::Assign { member_id: ana, units: 100 }).map(drop)
            },
            "summary",
        ),
    ];
    for (what, result, says) in cases {
        let e = result.expect_err(what);
        assert!(e.to_string().contains(says), "{what}: {e}");
        assert_eq!(common::digest(&p), before, "{what} changed nothing");
    }
}

#[test]
fn work_follows_duration_units_and_people_by_task_type() {
    let (_dir, mut p) = open();
    let (_, t) = new_task(&mut p, 5);
    let (ana, ben) = (member(&p, "Ana Moreau").id, member(&p, "Kwame Mensah").id);
    let s = p.staff_task(t, &StaffEdit::Assign { member_id: ana, units: 50 }).expect("assign");
    assert_eq!(s.work_minutes, 5 * 480 / 2, "fixed units: work = duration × units");
    p.edit_task(t, TaskEdit { duration: Some("10d".into()), ..Default::default() }).expect("longer");
    assert_eq!(p.staffing(t).expect("staffing").work_minutes, 10 * 480 / 2, "the work follows the duration");
    p.staff_task(t, &StaffEdit::EffortDriven { effort_driven: true }).expect("effort-driven");
    let s = p.staff_task(t, &StaffEdit::Assign { member_id: ben, units: 50 }).expect("a second person");
    assert_eq!((s.duration_minutes, s.work_minutes), (5 * 480, 10 * 480 / 2), "effort-driven: the same work, shared");
    p.staff_task(t, &StaffEdit::TaskType { task_type: TaskType::FixedDuration }).expect("fixed duration");
    let s = p.staff_task(t, &StaffEdit::Work { work: "80h".into() }).expect("more work");
    assert_eq!(s.duration_minutes, 5 * 480, "a fixed duration stays");
    assert_eq!(s.assignments.iter().map(|a| a.units_percent).collect::<Vec<_>>(), vec![100, 100], "the units give way");
    let row = project(&p, "CRM").tasks.into_iter().find(|x| x.id == t).expect("row");
    assert_eq!(row.duration_minutes, 5 * 480);
    // Each change was one undo step.
    p.undo().expect("undo");
    assert_eq!(p.staffing(t).expect("staffing").work_minutes, 10 * 480 / 2);
}

#[test]
fn an_absence_makes_fixed_units_work_take_longer_but_not_a_fixed_duration() {
    let (_dir, mut p) = open();
    let (_, t) = new_task(&mut p, 5);
    let lena = member(&p, "Yuki Tanaka").id;
    p.staff_task(t, &StaffEdit::Assign { member_id: lena, units: 100 }).expect("assign");
    let before = project(&p, "CRM");
    let row = task(&before, "Tune the database");
    let start = NaiveDate::parse_from_str(&row.start[..10], "%Y-%m-%d").expect("start");
    let finish = row.finish.clone();
    // Away three working days from the task's second day.
    let mut away = start + Days::new(1);
    while away.weekday().num_days_from_monday() >= 3 {
        away = away + Days::new(1);
    }
    let id = p
        .add_absence(&NewAbsence {
            member_id: lena,
            from: away.to_string(),
            to: (away + Days::new(2)).to_string(),
            reason: "Training".into(),
        })
        .expect("absence");
    let after = project(&p, "CRM");
    assert!(task(&after, "Tune the database").finish > finish, "her absence pushes the work out");
    p.staff_task(t, &StaffEdit::TaskType { task_type: TaskType::FixedDuration }).expect("fixed duration");
    assert_eq!(task(&project(&p, "CRM"), "Tune the database").finish, finish, "a fixed duration keeps its dates");
    p.remove_absence(id).expect("remove");
}

#[test]
fn the_samples_conflict_shows_in_the_next_six_weeks_whatever_day_it_is_made() {
    for day in 0..8 {
        let made = NaiveDate::from_ymd_opt(2026, 11, 26).expect("date") + Days::new(day * 3);
        let dir = tempfile::tempdir().expect("dir");
        let p = Portfolio::create_sample(dir.path().join("s.gantry"), made).expect("sample");
        let load = p.workload(made, made + Days::new(48), Period::Week).expect("workload");
        let red: Vec<&str> = load.people.iter().filter(|x| x.overallocated).map(|x| x.name.as_str()).collect();
        assert_eq!(red, ["Sofia Lindqvist"], "the sample made on {made}");
    }
}

/// A week someone is over their time in: its first day, planned and
/// available minutes.
type RedWeek = (String, i64, i64);

/// Who is over their time in the 120 days from `from`, and in which weeks.
fn overallocated_weeks(p: &Portfolio, from: NaiveDate) -> Vec<(String, Vec<RedWeek>)> {
    let load = p.workload(from, from + Days::new(120), Period::Week).expect("workload");
    load.people
        .iter()
        .filter(|x| x.overallocated)
        .map(|x| {
            let weeks = x.periods.iter().filter(|w| w.overallocated);
            (x.name.clone(), weeks.map(|w| (w.start.clone(), w.planned_minutes, w.available_minutes)).collect())
        })
        .collect()
}

/// The team story of the end-to-end tests, on samples made over four
/// months: the clash is one that handing the task to a free colleague ends.
#[test]
fn giving_the_samples_clash_to_ana_clears_it_whatever_day_the_sample_is_made() {
    for day in 0..40 {
        let made = NaiveDate::from_ymd_opt(2026, 11, 26).expect("date") + Days::new(day * 3);
        let dir = tempfile::tempdir().expect("dir");
        let mut p = Portfolio::create_sample(dir.path().join("s.gantry"), made).expect("sample");
        let sofia = member(&p, "Sofia Lindqvist");
        let clash = task(&project(&p, "Customer"), "Load customer accounts from the new CRM").id;
        let ana = member(&p, "Ana Moreau");
        p.staff_task(clash, &StaffEdit::Replace { member_id: sofia.id, by: ana.id }).expect("reassign");
        let over = overallocated_weeks(&p, made);
        assert!(over.is_empty(), "the sample made on {made}: {over:?}");
    }
}

#[test]
fn the_workload_counts_every_project_against_each_persons_own_time() {
    let (_dir, mut p) = open();
    let sofia = member(&p, "Sofia Lindqvist");
    let load = p.workload(today(), today() + Days::new(120), Period::Week).expect("workload");
    let person = load.people.iter().find(|x| x.id == sofia.id).expect("Sofia");
    assert!(person.overallocated, "the sample books Sofia on two projects at once");
    let red = person.periods.iter().find(|x| x.overallocated).expect("a red week");
    let projects: std::collections::BTreeSet<&str> = red.tasks.iter().map(|t| t.project.as_str()).collect();
    assert!(projects.len() >= 2, "the red week has work from two projects: {projects:?}");
    assert!(load.overallocated_tasks.iter().any(|id| red.tasks.iter().any(|t| t.task_id == *id)));
    // A week holds her calendar's working time times her capacity: 40 h a
    // full week, less for absences and holidays, never a flat figure.
    assert!(person.periods.iter().all(|x| x.available_minutes <= 40 * 60));
    let marco = load.people.iter().find(|x| x.name == "Marco Rossi").expect("Marco");
    assert!(marco.periods.iter().all(|x| x.available_minutes <= 32 * 60), "80 % of a 40-hour week");
    // Giving the portal task to a colleague with the skill it needs clears it.
    let portal = project(&p, "Customer");
    let clash = task(&portal, "Load customer accounts from the new CRM").id;
    let who = p.find_people(clash).expect("candidates");
    assert!(who.iter().all(|c| c.level >= 3), "only people with Dynamics 365 at level 3 or more: {who:?}");
    assert_eq!(who.first().map(|c| c.name.as_str()), Some("Lena Schmidt"), "the best level first");
    let ana = who.iter().find(|c| c.name == "Ana Moreau").expect("Ana knows Dynamics 365 too, and has time");
    p.staff_task(clash, &StaffEdit::Replace { member_id: sofia.id, by: ana.member_id }).expect("reassign");
    let over = overallocated_weeks(&p, today());
    assert!(over.is_empty(), "nobody is over-allocated any more: {over:?}");
}

#[test]
fn a_split_tasks_work_is_planned_in_its_stretches_and_not_in_its_pause() {
    let (_dir, mut p) = open();
    let (plan, t) = new_task(&mut p, 5);
    let kwame = member(&p, "Kwame Mensah").id;
    p.staff_task(t, &StaffEdit::Assign { member_id: kwame, units: 100 }).expect("assign");
    let row = |p: &Portfolio| p.plan(plan).expect("plan").tasks.into_iter().find(|r| r.id == t).expect("row");
    let start = NaiveDateTime::parse_from_str(&row(&p).start, "%Y-%m-%dT%H:%M:%S").expect("start");
    // After its first day of work, a working day's pause.
    let next_morning = (start.date() + Days::new(1)).and_hms_opt(8, 0, 0).expect("08:00");
    p.edit_task(
        t,
        TaskEdit { split_at: Some(next_morning.format("%Y-%m-%dT%H:%M").to_string()), ..Default::default() },
    )
    .expect("split");
    let split = row(&p);
    assert_eq!(split.segments.len(), 2, "{:?}", split.segments);
    let day = |text: &str| NaiveDate::parse_from_str(&text[..10], "%Y-%m-%d").expect("date");
    let (paused_from, resumed) = (day(&split.segments[0].finish), day(&split.segments[1].start));
    let load = p.workload(start.date(), day(&split.finish) + Days::new(1), Period::Day).expect("workload");
    let kwame = load.people.iter().find(|x| x.id == kwame).expect("Kwame");
    let on_task = |w: &LoadPeriod| w.tasks.iter().filter(|x| x.task_id == t).map(|x| x.planned_minutes).sum::<i64>();
    let paused: Vec<i64> = kwame
        .periods
        .iter()
        .filter(|w| (paused_from + Days::new(1)..resumed).contains(&day(&w.start)) && w.available_minutes > 0)
        .map(on_task)
        .collect();
    assert!(!paused.is_empty(), "a working day in the pause, from {paused_from} to {resumed}");
    assert!(paused.iter().all(|&m| m == 0), "nothing planned in the pause: {paused:?}");
    let staffing = p.staffing(t).expect("staffing");
    assert_eq!(kwame.periods.iter().map(on_task).sum::<i64>(), staffing.work_minutes, "all its work, in its stretches");
}

#[test]
fn a_week_of_hours_is_submitted_approved_locked_and_corrected_in_the_open() {
    let (_dir, mut p) = open();
    let (_, t) = new_task(&mut p, 5);
    let kwame = member(&p, "Kwame Mensah").id;
    p.staff_task(t, &StaffEdit::Assign { member_id: kwame, units: 100 }).expect("assign");
    let day = today() + Days::new(14);
    p.log_hours(&LogHours { member_id: kwame, task_id: t, day: day.to_string(), hours: "7:30".into() }).expect("log");
    let sheet = p.timesheet(kwame, &day.to_string()).expect("sheet");
    let row = sheet.rows.iter().find(|r| r.task_id == t).expect("the task's row");
    assert_eq!(row.minutes.iter().sum::<i64>(), 450);
    assert_eq!(p.staffing(t).expect("staffing").actual_minutes, 450, "logged hours are the task's actual work");
    p.review_week(kwame, &day.to_string(), WeekAction::Submit).expect("submit");
    assert!(p.log_hours(&LogHours { member_id: kwame, task_id: t, day: day.to_string(), hours: "8".into() }).is_err());
    p.review_week(kwame, &day.to_string(), WeekAction::Approve).expect("approve");
    p.correct_hours(&Correction {
        member_id: kwame,
        task_id: t,
        day: day.to_string(),
        hours: "-1.5".into(),
        note: "=HYPERLINK(\"x\") booked twice".into(),
    })
    .expect("a correction");
    assert_eq!(p.staffing(t).expect("staffing").actual_minutes, 360);
    let plan = project(&p, "CRM");
    let row = plan.tasks.iter().find(|x| x.id == t).expect("the task's row");
    assert_eq!((row.work_minutes, row.actual_work_minutes), (5 * 480, 360), "the grid's work and actual work");
    if let Some(parent) = row.parent_id.and_then(|id| plan.tasks.iter().find(|x| x.id == id)) {
        assert!(parent.actual_work_minutes >= 360, "actual work rolls up to the summary");
        assert!(parent.work_minutes >= 5 * 480);
    }
    let sheet = p.timesheet(kwame, &day.to_string()).expect("sheet");
    let row = sheet.rows.iter().find(|r| r.task_id == t).expect("row");
    assert_eq!(row.corrections.iter().sum::<i64>(), -90, "the correction is visible as one");
    let export = p.timesheets_csv(&day.to_string(), &day.to_string()).expect("csv");
    assert_eq!((export.entries, export.minutes), (2, 360), "the entry and its correction");
    let csv = export.csv;
    let lines: Vec<&str> = csv.lines().filter(|l| l.contains("Tune the database")).collect();
    assert_eq!(lines.len(), 2, "the entry and its correction: {csv}");
    assert!(lines.iter().any(|l| l.contains(",7.50,no,approved,")), "{csv}");
    assert!(lines.iter().any(|l| l.contains(",-1.50,yes,approved,\"'=HYPERLINK")), "a formula is defused: {csv}");
}
