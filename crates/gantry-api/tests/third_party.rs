//! Third-party readers read what Gantry writes: every MS Project XML file
//! Gantry exports (the sample's projects, and every MS Project fixture
//! imported) is read by MPXJ, the library behind most tools' MS Project
//! import, and what it reads is compared with what Gantry holds: tasks and
//! their hierarchy, durations, dates, links with type and lag, people and
//! assignments; MPXJ's reading of GanttProject files is compared with
//! Gantry's import; the iCalendar exports are read by Python's icalendar.
//! Both come from PyPI: `scripts/setup.sh --tests` installs them (with a
//! Java runtime for MPXJ) in a Python of the tests' own.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::process::Command;

use gantry_api::{ExportFormat, Portfolio};
use gantry_core::model::*;

fn now() -> chrono::NaiveDateTime {
    common::today().and_hms_opt(9, 0, 0).expect("time")
}

/// What MPXJ reads from each file, keyed by path.
fn mpxj(paths: &[PathBuf]) -> serde_json::Value {
    read_with("mpxj_read.py", paths)
}

/// What a reader script of `tests/third_party` reads from each file.
fn read_with(script: &str, paths: &[PathBuf]) -> serde_json::Value {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/third_party").join(script);
    // The Python scripts/setup.sh --tests makes for MPXJ, else the
    // machine's.
    let venv = PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache/gantry/python/bin/python3");
    let python = if venv.exists() { venv } else { PathBuf::from("python3") };
    let out = Command::new(python)
        .arg(&script)
        .args(paths)
        .output()
        .expect("python3 runs (scripts/setup.sh --tests installs MPXJ)");
    assert!(
        out.status.success(),
        "the reader could not run; scripts/setup.sh --tests installs it: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the reading as JSON")
}

/// Up to the minute, as MPXJ prints a time.
fn minute(text: &str) -> &str {
    &text[..text.len().min(16)]
}

#[test]
fn mpxj_reads_every_ms_project_file_gantry_writes_as_gantry_holds_it() {
    let dir = tempfile::tempdir().expect("dir");
    let (_sample_dir, _path, mut p) = common::open();
    for (i, file) in common::mspdi_fixtures().into_iter().enumerate() {
        let bytes = std::fs::read(&file).expect("fixture");
        p.import_mspdi(&bytes, &format!("fixture-{i}.xml"), now()).expect("a fixture imports");
    }
    // MS Project's own files of every version, each its own portfolio's
    // worth of odd cases (elapsed durations, splits, manual tasks …).
    for (i, file) in common::fixtures("mpp-as-mspdi").into_iter().enumerate() {
        let bytes = std::fs::read(&file).expect("fixture");
        if p.import_mspdi(&bytes, &format!("mpp-{i}.xml"), now()).is_err() {
            continue; // refused with a reason, tested in import.rs
        }
    }
    let mut written = Vec::new();
    for project in p.projects().expect("projects") {
        let xml = p.export_project(project.id, ExportFormat::MsProjectXml, common::today(), now()).expect("exports");
        let path = dir.path().join(format!("project-{}.xml", project.id));
        std::fs::write(&path, xml).expect("written");
        written.push((project.id, path));
    }
    assert!(written.len() >= 150, "the sample's projects and the fixtures: {}", written.len());
    let read = mpxj(&written.iter().map(|(_, path)| path.clone()).collect::<Vec<_>>());
    let (mut tasks, mut links, mut assignments) = (0, 0, 0);
    for (project, path) in &written {
        let theirs = &read[path.to_string_lossy().as_ref()];
        assert!(theirs.get("error").is_none(), "{}: {}", path.display(), theirs["error"]);
        let plan = p.plan(*project).expect("plan");
        let name = &plan.fields.name;
        let by_uid: HashMap<i64, &serde_json::Value> =
            theirs["tasks"].as_array().expect("tasks").iter().map(|t| (t["uid"].as_i64().expect("uid"), t)).collect();
        assert_eq!(by_uid.len(), plan.tasks.len(), "{name}: every task and no other");
        // A manual task goes out with the start its planner typed, which
        // MS Project shows; Gantry's engine may have placed it elsewhere.
        let typed: HashMap<i64, String> = gantry_store::tasks(p.store().db(), *project)
            .expect("tasks")
            .into_iter()
            .filter_map(|t| match (t.manual, t.constraint.kind, t.constraint.date) {
                (true, ConstraintKind::Mso, Some(d)) => Some((t.id, d.format("%Y-%m-%dT%H:%M").to_string())),
                _ => None,
            })
            .collect();
        for t in &plan.tasks {
            let m = by_uid.get(&t.id).unwrap_or_else(|| panic!("{name}: task {} missing", t.name));
            let shown = format!("{name} / {}", t.name);
            assert_eq!(m["name"], t.name.as_str(), "{shown}");
            assert_eq!(m["parent"].as_i64(), t.parent_id, "{shown}: parent");
            assert_eq!(m["summary"].as_bool(), Some(t.kind == TaskKind::Summary), "{shown}: summary");
            let start = typed.get(&t.id).map_or(minute(&t.start), String::as_str);
            assert_eq!(minute(m["start"].as_str().unwrap_or("")), start, "{shown}: start");
            assert_eq!(minute(m["finish"].as_str().unwrap_or("")), minute(&t.finish), "{shown}: finish");
            if t.kind != TaskKind::Summary {
                assert_eq!(m["durationMinutes"].as_i64(), Some(t.duration_minutes), "{shown}: duration");
            }
        }
        tasks += plan.tasks.len();
        let ours: BTreeSet<(i64, i64, &str, i64)> =
            plan.links.iter().map(|l| (l.predecessor, l.successor, l.kind.abbreviation(), l.lag_minutes)).collect();
        let theirs_links: BTreeSet<(i64, i64, &str, i64)> = theirs["links"]
            .as_array()
            .expect("links")
            .iter()
            .map(|l| {
                (
                    l["predecessor"].as_i64().expect("uid"),
                    l["successor"].as_i64().expect("uid"),
                    l["type"].as_str().expect("type"),
                    l["lagMinutes"].as_i64().expect("lag"),
                )
            })
            .collect();
        assert_eq!(theirs_links, ours, "{name}: links");
        links += ours.len();
        let ours: BTreeSet<(i64, String)> =
            plan.tasks.iter().flat_map(|t| t.assignees.iter().map(|a| (t.id, a.name.clone()))).collect();
        let theirs_assigned: BTreeSet<(i64, String)> = theirs["assignments"]
            .as_array()
            .expect("assignments")
            .iter()
            .map(|a| (a["task"].as_i64().expect("uid"), a["resource"].as_str().expect("name").to_owned()))
            .collect();
        assert_eq!(theirs_assigned, ours, "{name}: assignments");
        assignments += ours.len();
    }
    println!(
        "mpxj: {} files Gantry wrote read by MPXJ as Gantry holds them: {tasks} tasks, {links} links, {assignments} assignments",
        written.len()
    );
}

/// GanttProject files MPXJ reads otherwise than GanttProject computes
/// them, and why; `tests/gan.rs` holds Gantry to GanttProject's dates on
/// each.
const MPXJ_MISREADS: &[(&str, &str)] = &[
    ("task_endDate_task-crossing-recurring-holiday.gan", "MPXJ keeps a holiday without a year to its first year only"),
    (
        "task_endDate_task-crossing-weekends-and-tasks-can-run-on-weekends.gan",
        "MPXJ does not read only-show-weekends, the worked weekends",
    ),
];

#[test]
fn mpxj_reads_ganttproject_files_as_gantry_imports_them() {
    // Every GanttProject fixture, read by MPXJ and imported by Gantry:
    // the same tasks under the same parents, the same working days, the
    // same start and end days. MPXJ reads a .gan file's dates without
    // scheduling its links (and misses those of nested tasks), so a task a
    // link moves is compared on its days only; tests/gan.rs reads links
    // from the files.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/gan");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "gan"))
        .collect();
    files.sort();
    let read = mpxj(&files);
    let (mut compared, mut dated, mut misread) = (0, 0, 0);
    for file in &files {
        let name = file.file_name().expect("name").to_string_lossy().into_owned();
        let theirs = &read[file.to_string_lossy().as_ref()];
        assert!(theirs.get("error").is_none(), "{name}: {}", theirs["error"]);
        let dir = tempfile::tempdir().expect("dir");
        let mut p = Portfolio::open(dir.path().join("gan.gantry")).expect("portfolio");
        let done = p.import_file(&std::fs::read(file).expect("fixture"), "plan.gan", now()).expect("imports");
        let plan = p.plan(done.project_id).expect("plan");
        let names: HashMap<i64, &str> = plan.tasks.iter().map(|t| (t.id, t.name.as_str())).collect();
        let linked: BTreeSet<&str> = plan.links.iter().map(|l| names[&l.successor]).collect();
        let tasks = theirs["tasks"].as_array().expect("tasks");
        let their_names: HashMap<i64, &str> =
            tasks.iter().map(|t| (t["uid"].as_i64().expect("uid"), t["name"].as_str().expect("name"))).collect();
        assert_eq!(tasks.len(), plan.tasks.len(), "{name}: every task");
        let misreads = MPXJ_MISREADS.iter().any(|(f, _)| *f == name);
        let mut differs = false;
        for (t, m) in plan.tasks.iter().zip(tasks) {
            let shown = format!("{name} / {}", t.name);
            assert_eq!(m["name"], t.name.as_str(), "{shown}: in the file's order");
            assert_eq!(m["parent"].as_i64().map(|p| their_names[&p]), t.parent_id.map(|p| names[&p]), "{shown}");
            if t.kind != TaskKind::Summary {
                assert_eq!(m["durationMinutes"].as_i64(), Some(t.duration_minutes), "{shown}: working days");
            }
            if t.kind == TaskKind::Summary || linked.contains(t.name.as_str()) {
                continue;
            }
            let day = |k: &str| m[k].as_str().unwrap_or("").chars().take(10).collect::<String>();
            assert_eq!(day("start"), t.start[..10], "{shown}: start day");
            if misreads {
                differs |= day("finish") != t.finish[..10];
            } else {
                assert_eq!(day("finish"), t.finish[..10], "{shown}: end day");
            }
            dated += 1;
        }
        assert_eq!(differs, misreads, "{name}: MPXJ_MISREADS says whether MPXJ reads its end days otherwise");
        misread += usize::from(misreads);
        compared += plan.tasks.len();
    }
    println!(
        "mpxj: {} GanttProject files, {compared} tasks alike in MPXJ and Gantry ({dated} on their days; {misread} files MPXJ misreads, listed)",
        files.len()
    );
}

#[test]
fn icalendar_reads_every_calendar_gantry_writes() {
    // Each of the sample's projects (milestones, releases, meetings) and
    // the release calendar, read by Python's icalendar: every event Gantry
    // wrote, each with its own UID, a summary and a start.
    let dir = tempfile::tempdir().expect("dir");
    let (_sample_dir, _path, p) = common::open();
    let mut files = Vec::new();
    let mut written = HashMap::new();
    for project in p.projects().expect("projects") {
        let ics = p.export_project(project.id, ExportFormat::ICalendar, common::today(), now()).expect("ics");
        files.push((dir.path().join(format!("project-{}.ics", project.id)), ics));
    }
    files.push((dir.path().join("releases.ics"), p.release_ical(None, common::today(), now()).expect("releases")));
    for (path, text) in &files {
        std::fs::write(path, text).expect("written");
        written.insert(path.clone(), text.matches("BEGIN:VEVENT").count());
    }
    let paths: Vec<PathBuf> = files.iter().map(|(path, _)| path.clone()).collect();
    let read = read_with("ical_read.py", &paths);
    let mut events = 0;
    for path in &paths {
        let theirs = &read[path.to_string_lossy().as_ref()];
        assert!(theirs.get("error").is_none(), "{}: {}", path.display(), theirs["error"]);
        assert_eq!(theirs["version"], "2.0");
        let list = theirs["events"].as_array().expect("events");
        assert_eq!(list.len(), written[path], "{}: every event", path.display());
        let uids: BTreeSet<&str> = list.iter().map(|e| e["uid"].as_str().expect("uid")).collect();
        assert_eq!(uids.len(), list.len(), "{}: a UID each", path.display());
        for e in list {
            assert!(!e["summary"].as_str().unwrap_or("").is_empty(), "{e}");
            assert!(e["start"].is_string(), "{e}");
        }
        events += list.len();
    }
    assert!(events > 20, "the sample's milestones, releases and meetings: {events}");
    println!("icalendar: {} files, {events} events read as Gantry wrote them", paths.len());
}
