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
