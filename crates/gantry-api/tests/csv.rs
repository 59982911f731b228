//! CSV files in: a Jira export in any encoding comes in whole (hierarchy,
//! keys, links, people, labels), a second import of the same issues
//! updates what the first made, a mapping chosen is kept for the next file
//! with the same headers, the preview writes nothing, and a file refused
//! changes nothing.

mod common;

use gantry_api::Portfolio;
use gantry_api::wire::{ColumnChoice, CsvColumns, ImportOptions, TaskRow};
use gantry_core::model::*;

fn now() -> chrono::NaiveDateTime {
    common::today().and_hms_opt(9, 0, 0).expect("time")
}

fn data(name: &str) -> Vec<u8> {
    std::fs::read(std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)).expect("data")
}

fn empty() -> (tempfile::TempDir, Portfolio) {
    let dir = tempfile::tempdir().expect("dir");
    let p = Portfolio::open(dir.path().join("csv.gantry")).expect("portfolio");
    (dir, p)
}

fn tasks(p: &Portfolio, project: i64) -> Vec<TaskRow> {
    p.plan(project).expect("plan").tasks
}

fn named<'a>(rows: &'a [TaskRow], name: &str) -> &'a TaskRow {
    rows.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no task {name}"))
}

#[test]
fn a_jira_export_comes_in_whole_in_any_encoding() {
    let utf8 = data("jira-crm.csv");
    let text = String::from_utf8(utf8.clone()).expect("utf-8");
    let encodings: Vec<(&str, Vec<u8>)> = vec![
        ("UTF-8", utf8.clone()),
        ("UTF-8 with BOM", [&[0xEF, 0xBB, 0xBF][..], &utf8].concat()),
        ("UTF-16LE", [vec![0xFF, 0xFE], text.encode_utf16().flat_map(u16::to_le_bytes).collect()].concat()),
        ("Windows-1252 with CRLF", data("jira-crm-1252.csv")),
    ];
    for (encoding, bytes) in encodings {
        let (_dir, mut p) = empty();
        let seen = p.preview_import(&bytes, "jira-crm.csv", &ImportOptions::default(), common::today()).expect("seen");
        assert_eq!(seen.csv.as_ref().expect("csv").encoding, encoding.split(" with CRLF").next().unwrap());
        let done = p.import_file(&bytes, "jira-crm.csv", now()).expect("imports");
        assert!(done.warnings.is_empty(), "{encoding}: {:?}", done.warnings);
        assert_eq!((done.name.as_str(), done.tasks, done.links, done.people), ("jira-crm", 6, 4, 3), "{encoding}");
        let rows = tasks(&p, done.project_id);
        let epic = named(&rows, "CRM data migration");
        assert_eq!(epic.kind, TaskKind::Summary);
        let map = named(&rows, "Map legacy fields to the new schema");
        assert_eq!(map.parent_id, Some(epic.id), "{encoding}");
        assert_eq!(map.start, "2027-01-04T08:00:00");
        assert_eq!(map.duration_minutes, 4 * 480, "115,200 seconds of estimate");
        assert_eq!((map.board_status, map.percent_complete), (BoardStatus::Done, 100));
        assert_eq!(map.labels, ["data", "migration"]);
        assert_eq!(map.notes, "Field list agreed with sales ops.\nOwner: Ana.\nSprint: CRM Sprint 1\nType: Story");
        let check = named(&rows, "Check row counts");
        let review = named(&rows, "Übernahme der Altdaten prüfen");
        assert_eq!(check.parent_id, Some(review.id), "a sub-task under its story, found by the issue id");
        assert_eq!(review.priority, Priority::Urgent);
        let scripts = named(&rows, "Write the extraction scripts");
        assert_eq!(scripts.notes.lines().next(), Some("=HYPERLINK(\"http://example.invalid\")"), "kept as text");
        assert_eq!(scripts.start, "2027-01-08T08:00:00", "blocked by CRM-2, which ends on Thursday");
        let go_live = named(&rows, "Go-live on the new CRM");
        assert_eq!(go_live.kind, TaskKind::Milestone);
        assert_eq!(go_live.predecessors.split(',').count(), 2, "{}", go_live.predecessors);
        assert_eq!(go_live.constraint_kind, ConstraintKind::Fnlt, "the due date");
        let team: Vec<String> = p.team().expect("team").into_iter().map(|m| m.name).collect();
        for who in ["Ana Costa", "Jonas Weber", "Marco Rossi"] {
            assert!(team.iter().any(|n| n == who), "{who} in {team:?}");
        }
    }
}

#[test]
fn the_preview_writes_nothing_and_names_the_tasks_whose_dates_differ() {
    let (_dir, _path, p) = common::open();
    let before = common::digest(&p);
    let seen = p
        .preview_import(&data("jira-crm.csv"), "jira-crm.csv", &ImportOptions::default(), common::today())
        .expect("seen");
    assert_eq!(common::digest(&p), before);
    assert_eq!((seen.format.as_str(), seen.tasks, seen.links, seen.people), ("CSV", 6, 4, 3));
    assert_eq!(seen.problem, None);
    let csv = seen.csv.expect("csv");
    assert_eq!(csv.row_count, 6);
    assert!(csv.columns.fields.contains(&ColumnChoice { field: "key".into(), column: "Issue key".into() }));
    assert_eq!(csv.columns.duration_unit, "seconds");
    // Jira's estimate (4 days) does not fill the start-to-due window (5).
    let d = seen.differences.iter().find(|d| d.task == "Map legacy fields to the new schema").expect("differs");
    assert_eq!(
        (d.file_finish.to_string(), d.gantry_finish.to_string()),
        ("2027-01-08 17:00:00".into(), "2027-01-07 17:00:00".into())
    );
    assert!(d.why.contains("not the working time from its start to its finish"), "{}", d.why);
}

#[test]
fn keeping_the_files_dates_holds_each_task_where_the_file_has_it() {
    let (_dir, mut p) = empty();
    let keep = ImportOptions { keep_dates: true, csv: None };
    let seen = p.preview_import(&data("jira-crm.csv"), "jira-crm.csv", &keep, common::today()).expect("seen");
    assert!(!seen.differences.is_empty(), "the preview shows what Gantry would compute");
    let done = p.import_with(&data("jira-crm.csv"), "jira-crm.csv", &keep, now()).expect("imports");
    let rows = tasks(&p, done.project_id);
    let map = named(&rows, "Map legacy fields to the new schema");
    assert_eq!((map.start.as_str(), map.finish.as_str()), ("2027-01-04T08:00:00", "2027-01-08T17:00:00"));
    // The same file rescheduled: Gantry's four days.
    let again = p.import_file(&data("jira-crm.csv"), "other.csv", now());
    assert!(again.expect("imports").existing, "the same keys update the project the first import made");
}

#[test]
fn a_second_import_of_the_same_issues_updates_the_project_and_undoes_in_one_step() {
    let (_dir, mut p) = empty();
    let first = p.import_file(&data("jira-crm.csv"), "jira-crm.csv", now()).expect("imports");
    let after_first = common::digest(&p);
    let text = String::from_utf8(data("jira-crm.csv"))
        .expect("text")
        .replace(
            "Write the extraction scripts,CRM-3,10102,Story,In Progress",
            "Write the extraction scripts,CRM-3,10102,Story,Done",
        )
        .replace("Übernahme der Altdaten prüfen", "Check the migrated data")
        + "Train the sales team,CRM-7,10106,Story,To Do,CRM,Medium,Lena Fischer,Marco Rossi,20/Nov/26 11:00 AM,,training,,,28800,,CRM Sprint 2,,,CRM-6,,\n";
    let seen =
        p.preview_import(text.as_bytes(), "export.csv", &ImportOptions::default(), common::today()).expect("seen");
    assert_eq!((seen.updates.as_deref(), seen.matched), (Some("jira-crm"), 6));
    let done = p.import_file(text.as_bytes(), "export.csv", now()).expect("updates");
    assert!(done.existing);
    assert_eq!((done.project_id, done.tasks, done.updated, done.links, done.people), (first.project_id, 1, 2, 1, 1));
    assert_eq!(p.projects().expect("projects").len(), 1, "no second copy");
    let rows = tasks(&p, first.project_id);
    assert_eq!(rows.len(), 7);
    assert_eq!(named(&rows, "Write the extraction scripts").percent_complete, 100);
    let renamed = named(&rows, "Check the migrated data");
    assert_eq!(named(&rows, "Check row counts").parent_id, Some(renamed.id));
    let train = named(&rows, "Train the sales team");
    assert!(train.start >= named(&rows, "Go-live on the new CRM").finish, "after the go-live that blocks it");
    // Nothing new the second time.
    let before = common::digest(&p);
    let same = p.import_file(text.as_bytes(), "export.csv", now()).expect("updates");
    assert_eq!((same.tasks, same.updated, same.links), (0, 0, 0));
    assert!(same.warnings.iter().any(|w| w.contains("already up to date")), "{:?}", same.warnings);
    p.undo().expect("undo");
    assert_eq!(common::digest(&p), before);
    p.undo().expect("undo");
    assert_eq!(common::digest(&p), after_first, "the update is one undo step");
}

#[test]
fn a_mapping_chosen_by_hand_is_kept_for_the_next_file_with_those_headers() {
    let (_dir, mut p) = empty();
    let first = "Vorgang;Anfang;Ende;Verantwortlich\nAnforderungen aufnehmen;04.01.2027;08.01.2027;Eva Braun\nSystem konfigurieren;11.01.2027;22.01.2027;Jan Holm\n";
    let seen =
        p.preview_import(first.as_bytes(), "plan.csv", &ImportOptions::default(), common::today()).expect("seen");
    assert!(seen.problem.as_deref().is_some_and(|m| m.contains("name")), "{:?}", seen.problem);
    assert_eq!(seen.csv.as_ref().expect("csv").headers, ["Vorgang", "Anfang", "Ende", "Verantwortlich"]);
    let e = p.import_file(first.as_bytes(), "plan.csv", now()).expect_err("no name column");
    assert!(e.to_string().contains("no column is mapped to the task's name"), "{e}");
    let columns = CsvColumns {
        fields: [("name", "Vorgang"), ("start", "Anfang"), ("finish", "Ende"), ("assignee", "Verantwortlich")]
            .into_iter()
            .map(|(field, column)| ColumnChoice { field: field.into(), column: column.into() })
            .collect(),
        ..CsvColumns::default()
    };
    let chosen = ImportOptions { keep_dates: false, csv: Some(columns.clone()) };
    let done = p.import_with(first.as_bytes(), "plan.csv", &chosen, now()).expect("imports");
    let rows = tasks(&p, done.project_id);
    assert_eq!(named(&rows, "System konfigurieren").finish, "2027-01-22T17:00:00");
    let second = "Vorgang;Anfang;Ende;Verantwortlich\nSchulung;25.01.2027;26.01.2027;Eva Braun\n";
    let seen =
        p.preview_import(second.as_bytes(), "next.csv", &ImportOptions::default(), common::today()).expect("seen");
    let csv = seen.csv.expect("csv");
    assert!(csv.kept, "the mapping of the last file with these headers");
    assert_eq!(csv.columns.fields, columns.fields);
    assert_eq!(csv.date_format, "%d.%m.%Y");
    let done = p.import_file(second.as_bytes(), "next.csv", now()).expect("imports with the kept mapping");
    assert_eq!(named(&tasks(&p, done.project_id), "Schulung").start, "2027-01-25T08:00:00");
}

#[test]
fn a_refused_csv_file_changes_nothing() {
    let (_dir, _path, mut p) = common::open();
    let wide = format!("{}\nx\n", ",".repeat(1_000_000));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("a million columns", wide.into_bytes(), "columns"),
        ("empty", Vec::new(), "empty"),
        ("binary", vec![0, 1, 2, 0, 0, 0, 255, 254, 0, 0], "binary"),
        ("header only", b"Summary,Issue key\n".to_vec(), "no rows"),
        ("a key twice", b"Summary,Issue key\nA,K-1\nB,K-1\n".to_vec(), "both have the key"),
        ("a circle of links", b"Summary,Issue key,Blocked by\nA,K-1,K-2\nB,K-2,K-1\n".to_vec(), "circle"),
    ];
    let before = common::digest(&p);
    for (what, bytes, says) in cases {
        let e = p.import_file(&bytes, "bad.csv", now()).expect_err(what).to_string();
        assert!(e.contains(says), "{what}: {e}");
        assert_eq!(common::digest(&p), before, "{what}");
    }
    let mapped = ImportOptions {
        keep_dates: false,
        csv: Some(CsvColumns {
            fields: vec![ColumnChoice { field: "name".into(), column: "Nowhere".into() }],
            ..CsvColumns::default()
        }),
    };
    let e = p.import_with(b"Summary\nA\n", "bad.csv", &mapped, now()).expect_err("no such column").to_string();
    assert!(e.contains("no column “Nowhere”"), "{e}");
    // A circle through links an earlier import made: K-1 blocks K-2, and
    // now K-2 is said to block K-1.
    p.import_file(b"Summary,Issue key,Blocked by\nA,K-1,\nB,K-2,K-1\n", "jira.csv", now()).expect("imports");
    let before = common::digest(&p);
    let e = p.import_file(b"Summary,Issue key,Blocked by\nA,K-1,K-2\n", "jira.csv", now()).expect_err("circle");
    assert!(e.to_string().contains("circle"), "{e}");
    assert_eq!(common::digest(&p), before);
}
