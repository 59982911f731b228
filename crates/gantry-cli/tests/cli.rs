//! The built `gantry` binary, run as a user runs it.

use std::process::Command;

fn gantry(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gantry")).args(args).output().expect("gantry runs")
}

#[test]
fn version_names_the_release() {
    let out = gantry(&["--version"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("gantry {}", env!("CARGO_PKG_VERSION")));
}

/// A new sample portfolio made by `gantry sample`, and its path.
fn sample_portfolio() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("Portfolio.gantry").to_str().expect("utf-8 path").to_owned();
    assert!(gantry(&["sample", "--db", &db]).status.success());
    (dir, db)
}

#[test]
fn sample_then_projects_prints_every_project_as_json() {
    let (_dir, db) = sample_portfolio();
    let db = db.as_str();
    let out = gantry(&["projects", "--db", db, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let projects: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let list = projects.as_array().expect("an array");
    assert_eq!(list.len(), 4);
    for p in list {
        for key in ["name", "manager", "start", "finish", "status", "taskCount", "closedOn"] {
            assert!(p.get(key).is_some(), "{key} in {p}");
        }
    }
    let (closed, active): (Vec<_>, Vec<_>) = list.iter().partition(|p| p["closedOn"].is_string());
    assert_eq!(closed.len(), 1, "the e-mail migration is closed");
    assert!(active.iter().all(|p| p["taskCount"].as_i64().expect("count") >= 40));
    let again = gantry(&["sample", "--db", db]);
    assert!(!again.status.success(), "an existing file is never overwritten");
}

#[test]
fn a_file_that_is_not_a_portfolio_fails_with_one_line_on_stderr() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("notes.gantry");
    std::fs::write(&path, b"not a plan").expect("write");
    let out = gantry(&["projects", "--db", path.to_str().expect("path"), "--json"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a Gantry portfolio"), "{err}");
    assert_eq!(err.trim().lines().count(), 1);
    assert_eq!(std::fs::read(&path).expect("read"), b"not a plan");
    let missing = gantry(&["projects", "--db", "/nonexistent/x.gantry"]);
    assert!(!missing.status.success());
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/mspdi").join(name);
    assert!(path.exists(), "{} is missing: the shared fixtures sit beside the repository", path.display());
    path.to_str().expect("utf-8").to_owned()
}

#[test]
fn schedule_prints_the_rescheduled_ms_project_file_as_json() {
    let out = gantry(&["schedule", &fixture("task-links-project2010-mspdi.xml"), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for key in ["project", "start", "finish", "tasks", "diagnostics"] {
        assert!(report.get(key).is_some(), "{key}");
    }
    let tasks = report["tasks"].as_array().expect("tasks");
    assert!(!tasks.is_empty());
    for key in [
        "uid",
        "name",
        "summary",
        "milestone",
        "start",
        "finish",
        "earlyStart",
        "earlyFinish",
        "lateStart",
        "lateFinish",
        "totalSlackMinutes",
        "freeSlackMinutes",
        "critical",
    ] {
        assert!(tasks[0].get(key).is_some(), "{key} in {}", tasks[0]);
    }
    let start = report["start"].as_str().expect("start");
    assert_eq!(start.len(), "2014-10-17T08:00:00".len(), "local YYYY-MM-DDTHH:MM:SS: {start}");
}

#[test]
fn schedule_refuses_what_it_cannot_read_in_one_line() {
    let dir = tempfile::tempdir().expect("dir");
    let broken = dir.path().join("broken.xml");
    std::fs::write(&broken, "<Project><Tasks><Task>").expect("write");
    let bomb = dir.path().join("bomb.xml");
    std::fs::write(&bomb, r#"<!DOCTYPE p [<!ENTITY a "aaaa">]><Project>&a;</Project>"#).expect("write");
    for file in [&broken, &bomb] {
        let out = gantry(&["schedule", file.to_str().expect("path"), "--json"]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn schedule_reads_a_project_of_a_portfolio() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("P.gantry");
    let db = db.to_str().expect("path");
    assert!(gantry(&["sample", "--db", db]).status.success());
    let out = gantry(&["schedule", db, "--project", "Office network refresh", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["project"], "Office network refresh");
    assert!(report["tasks"].as_array().expect("tasks").iter().any(|t| t["critical"] == true));
    let missing = gantry(&["schedule", db, "--project", "Nope", "--json"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("Office network refresh"), "lists the projects");
}

#[test]
fn report_writes_the_pdf_of_a_project_or_of_the_portfolio_and_refuses_bad_choices_in_one_line() {
    let (dir, db) = sample_portfolio();
    let db = db.as_str();
    let pdf = dir.path().join("network.pdf");
    let out = gantry(&[
        "report",
        "--db",
        db,
        "--project",
        "Office network refresh",
        "-o",
        pdf.to_str().expect("utf-8 path"),
        "--sections",
        "gantt,summary",
        "--paper",
        "a3",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Wrote "), "says where it wrote");
    let bytes = std::fs::read(&pdf).expect("the PDF is there");
    assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 10_000);

    let whole = dir.path().join("portfolio.pdf");
    let out = gantry(&["report", "--db", db, "--portfolio", "-o", whole.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(&whole).expect("portfolio PDF").starts_with(b"%PDF-"));

    let bad = dir.path().join("bad.pdf");
    let bad = bad.to_str().expect("utf-8 path");
    let network = ["report", "--db", db, "--project", "Office network refresh", "-o", bad];
    for args in [
        vec!["report", "--db", db, "--project", "Nope", "-o", bad],
        [&network[..], &["--from", "2027-02-30"]].concat(),
        [&network[..], &["--from", "2027-03-02", "--to", "2027-03-01"]].concat(),
    ] {
        let out = gantry(&args);
        assert!(!out.status.success(), "{args:?} is refused");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    }
    assert!(!std::path::Path::new(bad).exists(), "a refused report writes nothing");
}

#[test]
fn completions_and_manual_pages_come_from_the_command_itself() {
    let bash = gantry(&["completions", "bash"]);
    assert!(bash.status.success());
    let bash = String::from_utf8_lossy(&bash.stdout);
    assert!(bash.contains("_gantry()") && bash.contains("--sections"), "bash completes every option: {bash}");
    let zsh = gantry(&["completions", "zsh"]);
    assert!(String::from_utf8_lossy(&zsh.stdout).starts_with("#compdef gantry"));
    let fish = gantry(&["completions", "fish"]);
    assert!(String::from_utf8_lossy(&fish.stdout).contains("complete -c gantry"));
    assert!(!gantry(&["completions", "tcsh"]).status.success(), "an unknown shell is refused");

    let dir = tempfile::tempdir().expect("dir");
    let out = gantry(&["manpages", dir.path().to_str().expect("path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(dir.path().join("gantry.1")).expect("gantry(1)");
    assert!(page.starts_with(".ie") || page.contains(".TH gantry 1"), "a roff page: {page}");
    assert!(page.contains("gantry\\-report(1)"), "it points at the subcommands' pages: {page}");
    let report = std::fs::read_to_string(dir.path().join("gantry-report.1")).expect("gantry-report(1)");
    assert!(report.contains("\\-\\-orientation"), "each subcommand's page has its options: {report}");
    assert!(!dir.path().join("gantry-manpages.1").exists(), "the packaging helper stays hidden");
}

#[test]
fn team_workload_and_timesheets_print_every_field_and_write_csv() {
    let (dir, db) = sample_portfolio();
    let db = db.as_str();
    let out = gantry(&["team", "--db", db, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let team: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let people = team.as_array().expect("an array");
    assert_eq!(people.len(), 10);
    for p in people {
        for key in [
            "id",
            "name",
            "role",
            "email",
            "skills",
            "standardRate",
            "overtimeRate",
            "costPerUse",
            "maxUnits",
            "calendarId",
            "retired",
        ] {
            assert!(p.get(key).is_some(), "{key} in {p}");
        }
        let away = p["absences"].as_array().expect("absences");
        assert!(!away.is_empty(), "every sample person has absences");
        for a in away {
            assert!(a["from"].as_str().expect("from") <= a["to"].as_str().expect("to"));
            assert!(!a["reason"].as_str().expect("reason").is_empty());
        }
        assert!(p["standardRate"].as_i64().expect("an integer in cents") > 1000);
    }

    let today = chrono::Local::now().date_naive();
    let (from, to) = (today.to_string(), (today + chrono::Days::new(120)).to_string());
    let out = gantry(&["workload", "--db", db, "--from", &from, "--to", &to, "--by", "week", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let load: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let people = load["people"].as_array().expect("people");
    let mut red = 0;
    for p in people {
        assert!(p["id"].is_i64() && p["name"].is_string());
        for period in p["periods"].as_array().expect("periods") {
            for key in ["start", "availableMinutes", "plannedMinutes", "actualMinutes", "overallocated"] {
                assert!(period.get(key).is_some(), "{key} in {period}");
            }
            let over = period["overallocated"].as_bool().expect("bool");
            assert_eq!(over, period["plannedMinutes"].as_i64() > period["availableMinutes"].as_i64());
            if over {
                red += 1;
                for t in period["tasks"].as_array().expect("tasks") {
                    for key in ["taskId", "name", "project", "plannedMinutes"] {
                        assert!(t.get(key).is_some(), "{key} in {t}");
                    }
                }
            }
        }
    }
    assert!(red > 0, "the sample's booking conflict shows");
    let bad = gantry(&["workload", "--db", db, "--from", "2027-02-30", "--json"]);
    assert!(!bad.status.success(), "a date that does not exist is refused");

    let csv = dir.path().join("hours.csv");
    let month_ago = (today - chrono::Days::new(35)).to_string();
    let out = gantry(&[
        "timesheets",
        "export",
        "--db",
        db,
        "--from",
        &month_ago,
        "--to",
        &from,
        "-o",
        csv.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&csv).expect("the CSV");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("person,email,week,day,project,task,hours,correction,state,note"));
    assert!(lines.filter(|l| l.contains(",approved,")).count() > 50, "four weeks of approved hours");
}

#[test]
fn costs_print_every_task_and_the_projects_earned_value_in_minor_units() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/mpp-as-mspdi/timephased-multi-rate.mpp.xml");
    let out = gantry(&["costs", file.to_str().expect("utf-8"), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["currency"], "GBP", "the file's currency");
    assert!(report["statusDate"].is_null());
    let tasks = report["tasks"].as_array().expect("tasks");
    let keys = [
        "uid",
        "name",
        "work",
        "actualWork",
        "baselineWork",
        "cost",
        "actualCost",
        "remainingCost",
        "fixedCost",
        "baselineCost",
        "bcws",
        "bcwp",
        "acwp",
    ];
    for t in tasks {
        let mut have: Vec<&str> = t.as_object().expect("task").keys().map(String::as_str).collect();
        have.sort_unstable();
        let mut want = keys.to_vec();
        want.sort_unstable();
        assert_eq!(have, want);
    }
    // 16 h with 2 h of overtime across a rate change: 173.43 in MS Project.
    let five = tasks.iter().find(|t| t["name"] == "Task 5").expect("Task 5");
    assert_eq!(five["cost"], 17343);
    assert_eq!(five["work"], 960);
    let project = report["project"].as_object().expect("project");
    for key in ["bac", "pv", "ev", "ac", "sv", "cv", "spi", "cpi", "eac", "etc", "vac", "tcpi", "es", "spit", "ieact"] {
        assert!(project.contains_key(key), "{key}");
    }
    assert!(project["cpi"].is_null(), "no actual cost yet: no division by zero");

    let dir = tempfile::tempdir().expect("dir");
    let broken = dir.path().join("broken.xml");
    std::fs::write(&broken, "<Project><Tasks><Task>").expect("write");
    let out = gantry(&["costs", broken.to_str().expect("path"), "--json"]);
    assert!(!out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim().lines().count(), 1);
}

#[test]
fn risks_and_issues_print_every_field_and_refuse_an_unknown_project() {
    let (_dir, db) = sample_portfolio();
    let out = gantry(&["risks", "--db", &db, "--project", "CRM migration to Dynamics 365", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let risks: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let risks = risks.as_array().expect("risks");
    assert!(!risks.is_empty());
    let scores: Vec<i64> = risks.iter().map(|r| r["score"].as_i64().expect("score")).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "highest first: {scores:?}");
    let security = risks.iter().find(|r| r["security"] == true).expect("a security risk");
    for key in [
        "code",
        "title",
        "category",
        "cause",
        "event",
        "effect",
        "probability",
        "impact",
        "residualProbability",
        "residualImpact",
        "costImpact",
        "chancePercent",
        "emv",
        "owner",
        "response",
        "trigger",
        "status",
        "raised",
        "nextReview",
        "reviewOverdue",
        "asset",
        "threat",
        "vulnerability",
        "confidentiality",
        "integrity",
        "availability",
        "reference",
        "threatens",
        "mitigations",
        "history",
    ] {
        assert!(security.get(key).is_some(), "{key}");
    }
    assert_eq!(
        security["emv"].as_i64(),
        Some(security["costImpact"].as_i64().expect("cost") * security["chancePercent"].as_i64().expect("%") / 100)
    );
    let out = gantry(&["issues", "--db", &db, "--json"]);
    assert!(out.status.success());
    let issues: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(issues.as_array().expect("issues").iter().any(|i| i["risk"].is_string()), "the issue a risk became");
    let table = gantry(&["risks", "--db", &db]);
    assert!(String::from_utf8_lossy(&table.stdout).contains("Personal data exposed"));
    let out = gantry(&["risks", "--db", &db, "--project", "Nope", "--json"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn stakeholders_meetings_and_decisions_print_every_field() {
    let (_dir, db) = sample_portfolio();
    let crm = "CRM migration to Dynamics 365";
    let out = gantry(&["stakeholders", "--db", &db, "--project", crm, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let people: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let sponsor = people.as_array().expect("array").iter().find(|s| s["role"] == "Sponsor").expect("a sponsor");
    for key in [
        "name",
        "organisation",
        "title",
        "contact",
        "influence",
        "interest",
        "quadrant",
        "attitude",
        "current",
        "desired",
        "gap",
        "needs",
        "channel",
        "roles",
    ] {
        assert!(sponsor.get(key).is_some(), "{key}");
    }
    let out = gantry(&["meetings", "--db", &db, "--project", crm, "--json"]);
    assert!(out.status.success());
    let meetings: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let sc = meetings
        .as_array()
        .expect("array")
        .iter()
        .find(|m| m["kind"] == "steering_committee")
        .expect("a steering committee");
    assert!(!sc["attendees"].as_array().expect("attendees").is_empty());
    assert!(!sc["decisions"].as_array().expect("decisions").is_empty());
    assert!(sc["actions"].as_array().expect("actions").iter().any(|a| a["overdue"] == true));
    let out = gantry(&["decisions", "--db", &db, "--search", "waves", "--json"]);
    assert!(out.status.success());
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(log.as_array().expect("array").len(), 1);
    assert!(log[0]["rationale"].as_str().expect("why").contains("year-end"));
    let out = gantry(&["meetings", "--db", "nowhere.gantry"]);
    assert!(!out.status.success());
}

#[test]
fn export_writes_ms_project_xml_that_schedule_reads_and_csv_and_ics() {
    let (dir, db) = sample_portfolio();
    let xml = dir.path().join("crm.xml");
    let xml = xml.to_str().expect("path");
    let out =
        gantry(&["export", "--db", &db, "--project", "CRM migration to Dynamics 365", "--format", "mspdi", "-o", xml]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let scheduled = gantry(&["schedule", xml, "--json"]);
    assert!(scheduled.status.success(), "{}", String::from_utf8_lossy(&scheduled.stderr));
    let report: serde_json::Value = serde_json::from_slice(&scheduled.stdout).expect("JSON");
    let tasks = report["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.len(), 48, "every task of the plan");
    let dry = tasks.iter().find(|t| t["name"] == "Migration dry-run 1").expect("dry-run 1");
    assert!(dry["parentUid"].is_i64(), "under its phase: {dry}");
    assert_eq!(dry["durationMinutes"], 3 * 480);
    assert_eq!(dry["predecessors"][0]["type"], "FS");
    assert!(dry["resources"].as_array().expect("people").iter().any(|r| r == "Sofia Lindqvist"), "{dry}");
    assert!(tasks[0]["parentUid"].is_null(), "a phase at the top");
    for (format, starts) in [("csv", "Outline,Name"), ("ics", "BEGIN:VCALENDAR")] {
        let path = dir.path().join(format!("crm.{format}"));
        let path = path.to_str().expect("path");
        let out = gantry(&[
            "export",
            "--db",
            &db,
            "--project",
            "CRM migration to Dynamics 365",
            "--format",
            format,
            "-o",
            path,
        ]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(std::fs::read_to_string(path).expect("written").starts_with(starts), "{format}");
    }
    let refused =
        gantry(&["export", "--db", &db, "--project", "No such project", "--format", "csv", "-o", "/tmp/x.csv"]);
    assert!(!refused.status.success());
}

#[test]
fn import_maps_a_csv_file_previews_it_and_updates_what_it_made() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("p.gantry");
    let db = db.to_str().expect("path");
    let csv = dir.path().join("plan.csv");
    std::fs::write(&csv, "Vorgang;Ende;Schlüssel\nKonzept;08.01.2027;K-1\nUmsetzung;22.01.2027;K-2\n").expect("csv");
    let csv = csv.to_str().expect("path");
    let maps = ["--map", "name=Vorgang", "--map", "finish=Ende", "--map", "key=Schlüssel"];
    let args = |extra: &[&'static str]| -> Vec<String> {
        ["import", csv, "--db", db].iter().chain(maps.iter()).chain(extra).map(|s| s.to_string()).collect()
    };
    let run = |a: Vec<String>| gantry(&a.iter().map(String::as_str).collect::<Vec<_>>());

    let preview = run(args(&["--preview", "--json"]));
    assert!(preview.status.success(), "{}", String::from_utf8_lossy(&preview.stderr));
    let seen: serde_json::Value = serde_json::from_slice(&preview.stdout).expect("json");
    assert_eq!((seen["format"].as_str(), seen["tasks"].as_i64()), (Some("CSV"), Some(2)));
    assert_eq!(seen["csv"]["dateFormat"], "%d.%m.%Y");
    let out = run(args(&["--json"]));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let done: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let keys: Vec<&str> = done.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(keys, ["links", "people", "project", "tasks", "warnings"]);
    assert_eq!((done["project"].as_str(), done["tasks"].as_i64()), (Some("plan"), Some(2)));
    // The same keys again: the project is updated, not copied.
    let again = run(args(&[]));
    assert!(String::from_utf8_lossy(&again.stdout).contains("already up to date"));
    let projects = gantry(&["projects", "--db", db, "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&projects.stdout).expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(1));

    let bad = gantry(&["import", csv, "--db", db, "--map", "name"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("FIELD=COLUMN"));
}

#[test]
fn a_reader_that_stops_reading_ends_the_output_quietly() {
    // `gantry schedule FILE --json | head -1`: the pipe closes while gantry
    // still writes; it stops with a broken pipe's status, and no panic.
    let mut child = Command::new(env!("CARGO_BIN_EXE_gantry"))
        .args(["schedule", &fixture("assignment-assignments-project2010-mspdi.xml"), "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("gantry runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("gantry ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(141), "{stderr}");
}
