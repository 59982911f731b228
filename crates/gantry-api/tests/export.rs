//! Plans out of Gantry: every MS Project fixture imported, exported as MS
//! Project XML and imported again is the same plan, field for field, with
//! the same dates; the sample's projects too. CSV exports defuse formulas;
//! the iCalendar export keeps its UIDs.

mod common;

use std::collections::HashMap;

use gantry_api::{ExportFormat, Portfolio};
use gantry_core::model::*;

fn now() -> chrono::NaiveDateTime {
    common::today().and_hms_opt(9, 0, 0).expect("time")
}

/// A task's inputs and dates, by its outline number.
#[derive(Debug, PartialEq)]
struct TaskShape {
    outline: String,
    name: String,
    kind: TaskKind,
    minutes: i64,
    constraint: String,
    percent: u8,
    actual: String,
    manual: bool,
    estimated: bool,
    elapsed: bool,
    /// Its pauses and leveling delay.
    splits: String,
    delay: String,
    notes: String,
    start: String,
    finish: String,
}

/// A task in a baseline: outline, start, finish, duration, cost and work.
type BaselineRow = (String, String, String, i64, Option<(i64, i64)>);

/// Everything a plan is, keyed by outline so two imports compare.
#[derive(Debug, PartialEq)]
struct Shape {
    tasks: Vec<TaskShape>,
    links: Vec<(String, String, LinkKind, i64, bool)>,
    people: Vec<(String, i64, i64, i64, u16)>,
    work: Vec<(String, String, u16, i64)>,
    /// Each task's fixed cost and accrual.
    fixed: Vec<(String, i64, String)>,
    /// The newest baseline: each task's dates, duration, cost and work.
    baseline: Vec<BaselineRow>,
    /// The people's rates from a day on.
    rates: Vec<(String, String, i64, i64, i64)>,
}

fn shape(p: &Portfolio, project: i64) -> Shape {
    let db = p.store().db();
    let plan = p.plan(project).expect("plan");
    let stored: HashMap<i64, Task> =
        gantry_store::tasks(db, project).expect("tasks").into_iter().map(|t| (t.id, t)).collect();
    let outline: HashMap<i64, String> = plan.tasks.iter().map(|t| (t.id, t.outline.clone())).collect();
    let tasks = plan
        .tasks
        .iter()
        .map(|row| {
            let t = &stored[&row.id];
            TaskShape {
                outline: row.outline.clone(),
                name: t.name.clone(),
                kind: t.kind,
                minutes: t.duration_minutes,
                constraint: format!("{:?} {:?}", t.constraint.kind, t.constraint.date),
                percent: t.percent_complete,
                actual: format!("{:?} {:?}", t.actual_start, t.actual_finish),
                manual: t.manual,
                estimated: t.estimated,
                elapsed: t.duration_elapsed,
                splits: gantry_core::Split::list_text(&t.splits),
                delay: format!("{:?}", t.leveling_delay),
                notes: t.notes.clone(),
                start: row.start.clone(),
                finish: row.finish.clone(),
            }
        })
        .collect();
    let mut links: Vec<_> = gantry_store::links(db, project)
        .expect("links")
        .into_iter()
        .map(|l| (outline[&l.predecessor].clone(), outline[&l.successor].clone(), l.kind, l.lag_minutes, l.lag_elapsed))
        .collect();
    links.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let assignments = gantry_store::assignments(db, project).expect("assignments");
    let team: HashMap<i64, TeamMember> = gantry_store::team(db).expect("team").into_iter().map(|m| (m.id, m)).collect();
    let mut people: Vec<_> = assignments
        .iter()
        .map(|a| &team[&a.member_id])
        .map(|m| (m.name.clone(), m.standard_rate, m.overtime_rate, m.cost_per_use, m.capacity_percent))
        .collect();
    people.sort();
    people.dedup();
    let mut work: Vec<_> = assignments
        .iter()
        .map(|a| (outline[&a.task_id].clone(), team[&a.member_id].name.clone(), a.units_percent, a.work_minutes))
        .collect();
    work.sort();
    let mut fixed: Vec<_> = gantry_store::fixed_costs(db, project)
        .expect("fixed costs")
        .into_iter()
        .map(|(id, c)| (outline[&id].clone(), c.amount, format!("{:?}", c.accrual)))
        .collect();
    fixed.sort();
    let newest =
        gantry_store::baselines(db, project).expect("baselines").into_iter().max_by_key(|b| (b.saved_at, b.id));
    let mut baseline: Vec<_> = match newest {
        Some(b) => {
            let money = gantry_store::baseline_costs(db, b.id).expect("baseline costs");
            gantry_store::baseline_tasks(db, b.id)
                .expect("baseline")
                .into_iter()
                .map(|t| {
                    let shown = (t.start.to_string(), t.finish.to_string());
                    (outline[&t.task_id].clone(), shown.0, shown.1, t.duration_minutes, money.get(&t.task_id).copied())
                })
                .collect()
        }
        None => Vec::new(),
    };
    baseline.sort();
    let staffed: std::collections::HashSet<i64> = assignments.iter().map(|a| a.member_id).collect();
    let mut rates: Vec<_> = gantry_store::rate_changes(db)
        .expect("rates")
        .into_iter()
        .filter(|r| staffed.contains(&r.member_id))
        .map(|r| {
            (team[&r.member_id].name.clone(), r.from.to_string(), r.standard_rate, r.overtime_rate, r.cost_per_use)
        })
        .collect();
    rates.sort();
    Shape { tasks, links, people, work, fixed, baseline, rates }
}

/// Exports `project` as MS Project XML and imports it again as a new project.
fn round_trip(p: &mut Portfolio, project: i64) -> i64 {
    let xml = p.export_project(project, ExportFormat::MsProjectXml, common::today(), now()).expect("exported");
    let imported = p.import_mspdi(xml.as_bytes(), "exported.xml", now()).expect("the export imports");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    imported.project_id
}

#[test]
fn every_ms_project_fixture_comes_back_the_same_after_an_export() {
    let dir = tempfile::tempdir().expect("dir");
    let mut p = Portfolio::open(dir.path().join("trip.gantry")).expect("portfolio");
    let mut checked = 0;
    let files: Vec<_> = common::fixtures("mspdi").into_iter().chain(common::fixtures("mpp-as-mspdi")).collect();
    for file in &files {
        let bytes = std::fs::read(file).expect("fixture");
        let Ok(first) = p.import_mspdi(&bytes, "fixture.xml", now()) else { continue };
        let second = round_trip(&mut p, first.project_id);
        let (a, b) = (shape(&p, first.project_id), shape(&p, second));
        if let Some((x, y)) = a.tasks.iter().zip(&b.tasks).find(|(x, y)| x != y) {
            panic!("{}: {x:?}\n  became {y:?}", file.display());
        }
        assert_eq!(a, b, "{}", file.display());
        checked += 1;
    }
    println!("{checked} of {} MS Project files came back the same", files.len());
    assert!(checked >= files.len() * 9 / 10, "only {checked} of {} fixtures imported", files.len());
}

#[test]
fn the_sample_projects_come_back_the_same_in_another_portfolio_after_an_export() {
    let (dir, _path, p) = common::open();
    // Into a portfolio of its own, where nobody knows the team yet: the
    // people's absences travel as their calendars.
    let mut q = Portfolio::open(dir.path().join("elsewhere.gantry")).expect("portfolio");
    for name in ["CRM migration", "Office network", "Customer self-service portal"] {
        let project = common::project(&p, name);
        let xml = p.export_project(project, ExportFormat::MsProjectXml, common::today(), now()).expect("exported");
        let again = q.import_mspdi(xml.as_bytes(), "exported.xml", now()).expect("imports");
        assert!(again.warnings.is_empty(), "{:?}", again.warnings);
        let (a, b) = (shape(&p, project), shape(&q, again.project_id));
        assert_eq!(a.tasks, b.tasks, "{name}: tasks, their inputs and their dates");
        assert_eq!(a.links, b.links, "{name}");
        assert_eq!(a.work, b.work, "{name}: who works how much on what");
    }
}

#[test]
fn the_csv_export_has_a_row_a_task_and_defuses_formulas() {
    let (_dir, _path, mut p) = common::open();
    let crm = common::project(&p, "CRM migration");
    let plan = p.plan(crm).expect("plan");
    let first = plan.tasks.iter().find(|t| !t.has_children).expect("a task").id;
    p.edit_task(
        first,
        gantry_api::wire::TaskEdit { name: Some("=HYPERLINK(\"http://x\")".into()), ..Default::default() },
    )
    .expect("renamed");
    let csv = p.export_project(crm, ExportFormat::Csv, common::today(), now()).expect("csv");
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), plan.tasks.len() + 1, "a header and a row a task");
    assert!(lines[0].starts_with("Outline,Name,Kind,Start,Finish"));
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "the formula is text: {}", &csv[..400.min(csv.len())]);
    assert!(lines.iter().any(|l| l.contains("FS")), "predecessors with their type");
}

#[test]
fn risks_and_expenditures_export_as_csv_with_plain_amounts() {
    let (_dir, _path, p) = common::open();
    let crm = common::project(&p, "CRM migration");
    let risks = p.export_project(crm, ExportFormat::RisksCsv, common::today(), now()).expect("risks");
    let lines: Vec<&str> = risks.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("Code,Title,Category,Probability,Impact,Score"));
    let register = p.risk_rows(Some(crm), common::today()).expect("risks");
    assert_eq!(lines.len(), register.len() + 1, "a row a risk");
    assert!(lines[1].starts_with(&format!("{},", register[0].code)), "highest first: {}", lines[1]);
    let spent = p.export_project(crm, ExportFormat::ExpendituresCsv, common::today(), now()).expect("spent");
    let view = p.budget(crm, common::today()).expect("budget");
    let rows: Vec<&str> = spent.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), view.expenditures.len() + 1);
    let first = &view.expenditures[0];
    let amount = format!("{}.{:02}", first.amount / 100, first.amount % 100);
    assert!(rows[1].starts_with(&format!("{},{amount},EUR,", first.date)), "{} vs {amount}", rows[1]);
}

#[test]
fn the_project_calendar_export_keeps_its_uids() {
    let (_dir, _path, p) = common::open();
    let crm = common::project(&p, "CRM migration");
    let a = p.export_project(crm, ExportFormat::ICalendar, common::today(), now()).expect("ics");
    let b = p
        .export_project(crm, ExportFormat::ICalendar, common::today(), now() + chrono::Duration::days(1))
        .expect("ics");
    let uids = |s: &str| s.lines().filter(|l| l.starts_with("UID:")).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(uids(&a), uids(&b));
    let milestones = p.plan(crm).expect("plan").tasks.iter().filter(|t| t.kind == TaskKind::Milestone).count();
    assert!(uids(&a).iter().filter(|u| u.starts_with("UID:milestone-")).count() == milestones);
    assert!(uids(&a).iter().any(|u| u.starts_with("UID:meeting-")));
    assert!(uids(&a).iter().any(|u| u.starts_with("UID:freeze-")));
}

#[test]
fn rate_tables_come_in_as_rate_changes_and_go_out_again() {
    // mpp12costratetable.mpp.xml: rate table A of "Resource Three" goes
    // from 5 to 1,200 an hour on 15 June 2009. Put on a task, the person
    // goes out with the project, and the change with them.
    let file = common::fixtures("mpp-as-mspdi").into_iter().find(|f| f.ends_with("mpp12costratetable.mpp.xml"));
    let bytes = std::fs::read(file.expect("the fixture")).expect("fixture");
    let dir = tempfile::tempdir().expect("dir");
    let rates = |p: &Portfolio| -> Vec<(String, String, i64, i64, i64)> {
        let db = p.store().db();
        let team: HashMap<i64, String> =
            gantry_store::team(db).expect("team").into_iter().map(|m| (m.id, m.name)).collect();
        let mut out: Vec<_> = gantry_store::rate_changes(db)
            .expect("rates")
            .into_iter()
            .map(|r| (team[&r.member_id].clone(), r.from.to_string(), r.standard_rate, r.overtime_rate, r.cost_per_use))
            .collect();
        out.sort();
        out
    };
    let mut p = Portfolio::open(dir.path().join("a.gantry")).expect("portfolio");
    let first = p.import_mspdi(&bytes, "rates.xml", now()).expect("imports");
    let came = rates(&p);
    assert_eq!(came, [("Resource Three".to_owned(), "2009-06-15".to_owned(), 120_000, 2_500, 3_000)]);
    let three = p.team().expect("team").into_iter().find(|m| m.name == "Resource Three").expect("person").id;
    let new = gantry_api::wire::NewTask {
        project_id: first.project_id,
        after: None,
        name: "Costed work".into(),
        duration: Some("5d".into()),
    };
    let task = p.add_task(new).expect("a task");
    p.staff_task(task, &gantry_api::wire::StaffEdit::Assign { member_id: three, units: 100 }).expect("staffed");
    let xml = p.export_project(first.project_id, ExportFormat::MsProjectXml, common::today(), now()).expect("exports");
    let mut q = Portfolio::open(dir.path().join("b.gantry")).expect("portfolio");
    q.import_mspdi(xml.as_bytes(), "again.xml", now()).expect("imports");
    assert_eq!(rates(&q), came, "the same rates from the same days");
}
