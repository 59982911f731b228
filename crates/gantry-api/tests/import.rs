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
