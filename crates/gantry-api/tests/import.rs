//! Importing real MS Project files: every task comes in, and once in the
//! portfolio it is scheduled to exactly the dates Gantry's engine gives the
//! file itself (`gantry schedule FILE`), so nothing is lost on the way in.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use gantry_api::{Portfolio, wire_datetime};
use gantry_interop::mspdi;

#[test]
fn every_fixture_imports_with_the_dates_its_file_schedules_to() {
    let files = common::mspdi_fixtures();
    let work = tempfile::tempdir().expect("dir");
    let mut p =
        Portfolio::create_sample(work.path().join("p.gantry"), NaiveDate::from_ymd_opt(2026, 11, 24).expect("d"))
            .expect("sample");
    let now = NaiveDateTime::parse_from_str("2026-11-24 10:00", "%Y-%m-%d %H:%M").expect("now");
    let mut compared = 0;
    let mut differences = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).expect("fixture");
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let plan = mspdi::read(&bytes).expect("a real file reads");
        let direct = mspdi::schedule(&plan);
        let imported = p.import_mspdi(&bytes, &name, now).expect("a real file imports");
        assert_eq!(imported.tasks as usize, plan.tasks.len(), "{name}: every task comes in");
        let rows = p.plan(imported.project_id).expect("plan").tasks;
        assert_eq!(rows.len(), plan.tasks.len());
        for (row, (task, dates)) in rows.iter().zip(plan.tasks.iter().zip(&direct.tasks)) {
            assert_eq!(row.name.trim(), task.name.trim(), "{name}: the same order");
            let want = (wire_datetime(dates.start), wire_datetime(dates.finish));
            if (row.start.clone(), row.finish.clone()) != want {
                differences.push(format!(
                    "{name} “{}”: {} – {} in the portfolio, {} – {} from the file",
                    task.name, row.start, row.finish, want.0, want.1
                ));
            }
            compared += 1;
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {compared} tasks moved on import:\n{}",
        differences.len(),
        differences.join("\n")
    );
    println!("import: {} MS Project files, {compared} tasks, every date as the file schedules", files.len());
}

#[test]
fn the_people_of_a_file_join_the_team_once_with_their_assignments() {
    let (_dir, path) = common::sample_copy();
    let mut p = Portfolio::open(&path).expect("opens");
    let team_before = p.team().expect("team").len();
    let now = NaiveDateTime::parse_from_str("2026-11-24 10:00", "%Y-%m-%d %H:%M").expect("now");
    let file = common::mspdi_fixtures()
        .into_iter()
        .find(|f| f.ends_with("sample.xml"))
        .expect("the 2003 sample, whose tasks have two people at 50 % and 75 %");
    let bytes = std::fs::read(&file).expect("fixture");

    let first = p.import_mspdi(&bytes, "sample.xml", now).expect("imports");
    assert_eq!((first.people, first.assignments), (2, 2), "two work resources, each on “Second Task”");
    let team = p.team().expect("team");
    assert_eq!(team.len(), team_before + 2);
    let first_resource = team.iter().find(|m| m.name == "First Resource").expect("joined the team");
    assert_eq!(
        (first_resource.standard_rate, first_resource.max_units),
        (1000, 100),
        "rate per hour in cents, max units"
    );
    let plan = p.plan(first.project_id).expect("plan");
    let second = plan.tasks.iter().find(|t| t.name == "Second Task").expect("task");
    let on_it: Vec<(&str, u16)> = second.assignees.iter().map(|a| (a.name.as_str(), a.units_percent)).collect();
    assert_eq!(on_it, [("First Resource", 50), ("Second Resource", 75)], "who works on it, and how much");

    // The same team's next plan finds them on the team already.
    let again = p.import_mspdi(&bytes, "sample.xml", now).expect("imports again");
    assert_eq!((again.people, again.assignments), (0, 2), "nobody is listed twice");
    assert_eq!(p.team().expect("team").len(), team_before + 2);

    // Each import is one undo step, people included.
    p.undo().expect("undo the second");
    p.undo().expect("undo the first");
    assert_eq!(p.team().expect("team").len(), team_before, "undo takes the people back out");
}

/// A task on a calendar of its own is worked when its people work too,
/// once in the portfolio as in the file: a two-day cut-over on the "24
/// Hours" calendar, done by someone on the office week off on Easter
/// Monday, runs Friday and Tuesday in office hours. Told to ignore its
/// people's calendars, it runs round the clock from Friday 08:00; undone,
/// it waits for them again; the flag goes out to MS Project and back.
#[test]
fn a_task_on_a_calendar_of_its_own_works_when_its_people_do() {
    let (_dir, _path, mut p) = common::open();
    let now = NaiveDateTime::parse_from_str("2027-03-01 10:00", "%Y-%m-%d %H:%M").expect("now");
    let day = |n: i64, working: bool| {
        let times = "<WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>\
             <WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes>";
        format!(
            "<WeekDay><DayType>{n}</DayType><DayWorking>{}</DayWorking>{}</WeekDay>",
            u8::from(working),
            if working { times } else { "" }
        )
    };
    let office: String = (1..=7).map(|n| day(n, (2..=6).contains(&n))).collect();
    let round_the_clock: String = (1..=7)
        .map(|n| format!("<WeekDay><DayType>{n}</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>00:00:00</FromTime><ToTime>00:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>"))
        .collect();
    let file = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Title>Data centre move</Title><StartDate>2027-03-15T08:00:00</StartDate><CalendarUID>1</CalendarUID>
  <MinutesPerDay>480</MinutesPerDay><MinutesPerWeek>2400</MinutesPerWeek>
  <Calendars>
    <Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>{office}</WeekDays></Calendar>
    <Calendar><UID>2</UID><Name>24 Hours</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>{round_the_clock}</WeekDays></Calendar>
    <Calendar><UID>3</UID><Name>Ana</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>1</BaseCalendarUID>
      <Exceptions><Exception><EnteredByOccurrences>0</EnteredByOccurrences><TimePeriod><FromDate>2027-03-29T00:00:00</FromDate><ToDate>2027-03-29T23:59:00</ToDate></TimePeriod><Name>Easter Monday</Name><Type>1</Type><DayWorking>0</DayWorking></Exception></Exceptions>
    </Calendar>
  </Calendars>
  <Tasks>
    <Task><UID>1</UID><ID>1</ID><Name>Cut over</Name><Duration>PT16H0M0S</Duration><ConstraintType>4</ConstraintType>
      <ConstraintDate>2027-03-26T08:00:00</ConstraintDate><CalendarUID>2</CalendarUID><IgnoreResourceCalendar>0</IgnoreResourceCalendar>
      <OutlineLevel>1</OutlineLevel></Task>
  </Tasks>
  <Resources><Resource><UID>1</UID><ID>1</ID><Name>Ana Ruiz</Name><Type>1</Type><CalendarUID>3</CalendarUID></Resource></Resources>
  <Assignments><Assignment><UID>1</UID><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units></Assignment></Assignments>
</Project>"#
    );
    let plan = mspdi::read(file.as_bytes()).expect("reads");
    let direct = mspdi::schedule(&plan);
    let dates =
        |s: &gantry_core::schedule::Schedule| s.get(1).map(|d| (wire_datetime(d.start), wire_datetime(d.finish)));
    let on_shared_time = ("2027-03-26T08:00:00".to_owned(), "2027-03-30T17:00:00".to_owned());
    assert_eq!(dates(&direct), Some(on_shared_time.clone()), "read from the file");

    let imported = p.import_mspdi(file.as_bytes(), "move.xml", now).expect("imports");
    let names: Vec<String> = p.calendars().expect("calendars").into_iter().map(|c| c.name).collect();
    assert!(
        names.iter().any(|n| n == "24 Hours") && !names.iter().any(|n| n.contains('∩')),
        "the file's calendars are kept, not the time they share: {names:?}"
    );
    let project = imported.project_id;
    let cut_over = |p: &Portfolio| p.plan(project).expect("plan").tasks.remove(0);
    let row = cut_over(&p);
    assert_eq!((row.start.clone(), row.finish.clone()), on_shared_time.clone(), "in the portfolio");
    assert!(row.calendar_id.is_some() && !row.ignores_people_calendars);

    let edit = gantry_api::wire::TaskEdit { ignores_people_calendars: Some(true), ..Default::default() };
    let moved = p.edit_task(row.id, edit).expect("ignores");
    assert!(!moved.moved.is_empty(), "the change says it moved the task");
    let row = cut_over(&p);
    assert_eq!((row.start.as_str(), row.finish.as_str()), ("2027-03-26T08:00:00", "2027-03-27T00:00:00"));
    let exported = p.export_mspdi(imported.project_id).expect("exports");
    let back = mspdi::read(exported.as_bytes()).expect("reads back");
    assert!(back.tasks[0].ignores_people_calendars, "written as IgnoreResourceCalendar");

    p.undo().expect("undo");
    let row = cut_over(&p);
    assert_eq!((row.start, row.finish), on_shared_time, "waits for its person again");

    // Back on the project's calendar, the task is worked as the office week.
    let edit = gantry_api::wire::TaskEdit { calendar: Some(0), ..Default::default() };
    p.edit_task(row.id, edit).expect("the project's calendar");
    let row = cut_over(&p);
    assert_eq!((row.calendar_id, row.finish.as_str()), (None, "2027-03-30T17:00:00"));
    let refused = p.edit_task(row.id, gantry_api::wire::TaskEdit { calendar: Some(-4), ..Default::default() });
    assert!(refused.is_err(), "a person's calendar is not a task's to take");
}
