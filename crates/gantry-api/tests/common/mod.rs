//! What the api tests share: the sample portfolio made once and copied per
//! case, the MS Project fixtures, and, for the tests that drive a portfolio
//! at random, a seeded dice, a digest of the user's data and one random
//! real command.

#![allow(dead_code)]

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use chrono::NaiveDate;
use gantry_api::Portfolio;
use gantry_api::wire::*;
use gantry_core::model::{LinkKind, SprintState};

/// The day the sample is made for: its "today".
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

/// A fresh copy of the sample, open, with its folder and path.
pub fn open() -> (tempfile::TempDir, PathBuf, Portfolio) {
    let (dir, path) = sample_copy();
    let p = Portfolio::open(&path).expect("opens");
    (dir, path, p)
}

/// The sample portfolio, made once per test binary and closed.
pub fn sample() -> &'static Path {
    static SAMPLE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = SAMPLE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("sample.gantry");
        drop(Portfolio::create_sample(&path, today()).expect("sample"));
        (dir, path)
    });
    path
}

/// A fresh copy of the sample in a folder of its own, which lives as long
/// as the returned guard.
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("plan.gantry");
    std::fs::copy(sample(), &path).expect("copy");
    (dir, path)
}

/// The id of the project whose name starts with `prefix`.
pub fn project(p: &Portfolio, prefix: &str) -> i64 {
    p.projects().expect("projects").into_iter().find(|s| s.name.starts_with(prefix)).expect("project").id
}

/// The id of the person whose name starts with `first`.
pub fn person(p: &Portfolio, first: &str) -> i64 {
    p.team().expect("team").into_iter().find(|m| m.name.starts_with(first)).expect("person").id
}

/// The MS Project files in `../shared/fixtures/mspdi`, sorted.
pub fn mspdi_fixtures() -> Vec<PathBuf> {
    fixtures("mspdi")
}

/// The `.xml` files of a folder of `../shared/fixtures`, sorted.
pub fn fixtures(folder: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures").join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "xml")).collect()
        })
        .unwrap_or_default();
    files.sort();
    assert!(!files.is_empty(), "the shared fixtures sit beside the repository: {}", dir.display());
    files
}

/// A small deterministic random source (xorshift64*), enough to pick commands.
pub struct Dice(pub u64);

impl Dice {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The user's data (not the undo log), hashed: two portfolios with the same
/// digest hold the same projects, tasks, links, team and baselines.
pub fn digest(p: &Portfolio) -> u64 {
    let db = p.store().db();
    let mut h = DefaultHasher::new();
    for table in gantry_store::USER_TABLES {
        table.hash(&mut h);
        let mut stmt = db.prepare(&format!("SELECT * FROM {table} ORDER BY rowid")).expect("a user table");
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).expect("rows");
        while let Some(row) = rows.next().expect("row") {
            for c in 0..columns {
                format!("{:?}", row.get_ref(c).expect("value")).hash(&mut h);
            }
        }
    }
    h.finish()
}

/// A person of the team, at random.
fn someone(p: &Portfolio, dice: &mut Dice) -> i64 {
    let team = p.team().expect("team");
    team[dice.below(team.len())].id
}

/// One random command on the portfolio, as the app would send it; `Ok(kind)`
/// when it was applied, `Err` when the api refused it (which changes nothing).
/// Undo and redo are among the commands when `with_history` is set.
pub fn random_command(
    p: &mut Portfolio,
    projects: &[i64],
    dice: &mut Dice,
    broken: bool,
    with_history: bool,
) -> (&'static str, Result<(), String>) {
    let project = projects[dice.below(projects.len())];
    let plan = p.plan(project).expect("plan");
    let tasks: Vec<i64> = plan.tasks.iter().map(|t| t.id).collect();
    let any = |dice: &mut Dice| tasks[dice.below(tasks.len())];
    let e = |r: gantry_api::Result<()>| r.map_err(|e| e.to_string());
    let closed = p
        .store()
        .db()
        .query_row("SELECT count(*) FROM project_closures WHERE project_id = ?1", [project], |r| r.get::<_, i64>(0))
        .expect("closures")
        > 0;
    if broken && !closed && dice.below(3) == 0 {
        // One user action written as three separate statements, without a
        // transaction: exactly what the store must never do.
        let db = p.store().db();
        for i in 0..3 {
            db.execute(
                "INSERT INTO tasks (project_id, parent_id, position, name, kind, duration_minutes) VALUES (?1, NULL, 1000 + ?2, 'half a command', 'task', 480)",
                [project, i],
            )
            .expect("raw insert");
            std::thread::sleep(Duration::from_millis(2));
        }
        return ("broken", Ok(()));
    }
    match dice.below(if with_history { 24 } else { 22 }) {
        0 | 1 => {
            let new = NewTask {
                project_id: project,
                after: Some(any(dice)),
                name: format!("Task {}", dice.next() % 1000),
                duration: Some(format!("{}d", 1 + dice.below(5))),
            };
            ("add", p.add_task(new).map(|_| ()).map_err(|e| e.to_string()))
        }
        2 | 3 => {
            let edit = match dice.below(7) {
                0 => TaskEdit { duration: Some(format!("{}h", 1 + dice.below(40))), ..Default::default() },
                1 => TaskEdit { percent_complete: Some(dice.below(101) as i64), ..Default::default() },
                // Splits somewhere in the sample's two years (refused where the
                // task does not work), joins, leveling delays.
                2 => {
                    let (year, month) = (2026 + dice.below(2), 1 + dice.below(12));
                    let at = format!("{year}-{month:02}-{:02}T{:02}:00", 1 + dice.below(28), 8 + dice.below(9));
                    TaskEdit { split_at: Some(at), ..Default::default() }
                }
                3 => TaskEdit {
                    join: Some(true),
                    leveling_delay: Some(format!("{}ed", dice.below(3))),
                    ..Default::default()
                },
                // A calendar of its own (or the project's, 0), heeding its
                // people's or not.
                4 => {
                    let ids: Vec<i64> = p.calendars().expect("calendars").iter().map(|c| c.id).collect();
                    TaskEdit {
                        calendar: Some(if dice.below(3) == 0 { 0 } else { ids[dice.below(ids.len())] }),
                        ignores_people_calendars: Some(dice.below(2) == 0),
                        ..Default::default()
                    }
                }
                // A deadline somewhere in the sample's two years, or none.
                5 => {
                    let (year, month) = (2026 + dice.below(2), 1 + dice.below(12));
                    let day = if dice.below(4) == 0 {
                        String::new()
                    } else {
                        format!("{year}-{month:02}-{:02}", 1 + dice.below(28))
                    };
                    TaskEdit { deadline: Some(day), ..Default::default() }
                }
                _ => TaskEdit { name: Some(format!("Renamed {}", dice.next() % 1000)), ..Default::default() },
            };
            ("edit", p.edit_task(any(dice), edit).map(|_| ()).map_err(|e| e.to_string()))
        }
        4 => {
            let shift = [Shift::Up, Shift::Down, Shift::Indent, Shift::Outdent][dice.below(4)];
            ("shift", e(p.shift_task(any(dice), shift)))
        }
        5 => ("delete", p.delete_task(any(dice)).map(|_| ()).map_err(|e| e.to_string())),
        6 => {
            let kind = LinkKind::ALL[dice.below(4)];
            (
                "link",
                p.link_tasks(any(dice), any(dice), kind, (dice.below(5) as i64 - 2) * 60)
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
            )
        }
        7 => match plan.links.get(dice.below(plan.links.len().max(1))) {
            Some(l) => ("unlink", e(p.unlink(l.id))),
            None => ("unlink", Err("no link".into())),
        },
        8 => {
            let drag = Drag::Move { tasks: vec![any(dice)], minutes: (dice.below(11) as i64 - 5) * 1440 };
            ("drag", p.drag(project, &drag, None).map(|_| ()).map_err(|e| e.to_string()))
        }
        9 => {
            let at = NaiveDate::from_ymd_opt(2026, 11, 24).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("date");
            ("baseline", p.save_baseline(project, "Checkpoint", at).map(|_| ()).map_err(|e| e.to_string()))
        }
        10 => {
            let board = p.board(project, NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")).expect("board");
            let column = board.columns[dice.below(board.columns.len())].id;
            let there: Vec<i64> = board.cards.iter().filter(|c| c.column_id == column).map(|c| c.task_id).collect();
            let before = there.get(dice.below(there.len() + 1)).copied();
            let at = NaiveDate::from_ymd_opt(2026, 11, 24).and_then(|d| d.and_hms_opt(11, 0, 0)).expect("date");
            (
                "card",
                p.move_card(any(dice), &CardDrop { column_id: column, before }, at)
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
            )
        }
        11 => {
            let board = p.board(project, NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")).expect("board");
            let sprint = board.sprints.get(dice.below(board.sprints.len() + 1)).map(|s| s.id);
            ("plan", e(p.plan_task(any(dice), sprint)))
        }
        12 => {
            let board = p.board(project, NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")).expect("board");
            match board.sprints.iter().find(|s| s.state != SprintState::Closed) {
                Some(s) if s.state == SprintState::Active => ("close", e(p.close_sprint(s.id, CarryOver::NextSprint))),
                Some(s) => ("start", e(p.start_sprint(s.id))),
                None => {
                    let fields = SprintFields {
                        name: "Sprint".into(),
                        goal: String::new(),
                        start: "2026-11-23".into(),
                        finish: "2026-12-04".into(),
                    };
                    ("sprint", p.create_sprint(project, &fields).map(|_| ()).map_err(|e| e.to_string()))
                }
            }
        }
        13 => {
            let m = someone(p, dice);
            let day = NaiveDate::from_ymd_opt(2026, 11, 2 + dice.below(28) as u32).expect("a November day");
            let log = LogHours {
                member_id: m,
                task_id: any(dice),
                day: day.to_string(),
                hours: format!("{}", dice.below(10)),
            };
            ("hours", e(p.log_hours(&log)))
        }
        14 => {
            let m = someone(p, dice);
            let edit = match dice.below(3) {
                0 => StaffEdit::Assign { member_id: m, units: 25 * (1 + dice.below(4)) as i64 },
                1 => StaffEdit::Unassign { member_id: m },
                _ => StaffEdit::Work { work: format!("{}h", 1 + dice.below(80)) },
            };
            ("staff", p.staff_task(any(dice), &edit).map(|_| ()).map_err(|e| e.to_string()))
        }
        15 => {
            let m = someone(p, dice);
            let from = NaiveDate::from_ymd_opt(2026, 12, 1 + dice.below(20) as u32).expect("a December day");
            let away = NewAbsence {
                member_id: m,
                from: from.to_string(),
                to: (from + chrono::Days::new(dice.below(5) as u64)).to_string(),
                reason: "Vacation".into(),
            };
            if dice.below(3) == 0 {
                let raise = NewRateChange {
                    member_id: m,
                    from: from.to_string(),
                    standard_rate: format!("{}.{:02}", 50 + dice.below(100), dice.below(100)),
                    overtime_rate: String::new(),
                    cost_per_use: String::new(),
                };
                return ("rate", p.add_rate_change(&raise).map(|_| ()).map_err(|e| e.to_string()));
            }
            ("absence", p.add_absence(&away).map(|_| ()).map_err(|e| e.to_string()))
        }
        16 => {
            let spent = NewExpenditure {
                project_id: project,
                line_id: None,
                vendor: ["", "Contoso Cloud Solutions", "New Vendor Ltd"][dice.below(3)].into(),
                date: "2026-11-20".into(),
                amount: format!("{}.{:02}", dice.below(5000), dice.below(100)),
                currency: String::new(),
                invoice: format!("INV-{}", dice.next() % 1000),
                state: ["committed", "invoiced", "paid"][dice.below(3)].into(),
                note: String::new(),
            };
            ("spend", p.add_expenditure(&spent).map(|_| ()).map_err(|e| e.to_string()))
        }
        17 => {
            if dice.below(2) == 0 {
                let line = LineFields {
                    category: "Hardware".into(),
                    name: format!("Line {}", dice.next() % 100),
                    note: String::new(),
                };
                ("line", p.add_budget_line(project, &line).map(|_| ()).map_err(|e| e.to_string()))
            } else if dice.below(4) > 0 {
                // One word: the crash test reads the kind from a line of words.
                let accrual = ["start", "prorated", "end"][dice.below(3)];
                ("fixed-cost", e(p.set_fixed_cost(any(dice), &format!("{}", dice.below(20000)), accrual)))
            } else {
                let eac = ["cpi", "atypical", "cpi_spi"][dice.below(3)];
                let warn = 800 + dice.below(200);
                let bad = warn - dice.below(100);
                let (warn, bad) = (format!("0.{warn:03}"), format!("0.{bad:03}"));
                ("settings", e(p.set_budget_settings(eac, &warn, &bad, ["percent", "physical"][dice.below(2)])))
            }
        }
        18 => {
            let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
            let risks = p.risk_rows(Some(project), today).expect("risks");
            match (dice.below(4), risks.first()) {
                (0, Some(_)) => {
                    let r = &risks[dice.below(risks.len())];
                    (
                        "mitigation",
                        p.add_mitigation_task(r.id, &format!("Mitigation {}", dice.next() % 100))
                            .map(|_| ())
                            .map_err(|e| e.to_string()),
                    )
                }
                (1, Some(_)) => {
                    let r = &risks[dice.below(risks.len())];
                    ("risk-issue", p.risk_to_issue(r.id, today).map(|_| ()).map_err(|e| e.to_string()))
                }
                (2, Some(_)) => {
                    let r = &risks[dice.below(risks.len())];
                    let note = format!("Review {}", dice.next() % 100);
                    ("risk-review", e(p.review_risk(r.id, "2026-12-15", &note, today)))
                }
                _ => {
                    let fields = RiskFields {
                        title: format!("Risk {}", dice.next() % 1000),
                        category: ["Security", "Vendor", "Schedule"][dice.below(3)].into(),
                        probability: 1 + dice.below(6) as i64,
                        impact: 1 + dice.below(5) as i64,
                        cost_impact: format!("{}", dice.below(100_000)),
                        chance_percent: format!("{}", dice.below(101)),
                        response: "mitigate".into(),
                        threatens: vec![any(dice)],
                        ..Default::default()
                    };
                    ("risk", p.add_risk(project, &fields, today).map(|_| ()).map_err(|e| e.to_string()))
                }
            }
        }
        19 => {
            let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
            let meetings = p.meeting_rows(Some(project), today).expect("meetings");
            let owner = someone(p, dice);
            match (dice.below(4), meetings.first()) {
                (0, _) => {
                    let fields = MeetingFields {
                        kind: ["status", "steering_committee", "vendor"][dice.below(3)].into(),
                        title: format!("Meeting {}", dice.next() % 100),
                        starts_at: format!("2026-11-{:02}T10:00", 1 + dice.below(30)),
                        minutes: "Minutes".into(),
                        attendees: vec![AttendeeRow {
                            member_id: Some(owner),
                            stakeholder_id: None,
                            name: String::new(),
                            present: true,
                        }],
                        ..Default::default()
                    };
                    ("meeting", p.add_meeting(project, &fields).map(|_| ()).map_err(|e| e.to_string()))
                }
                (1, Some(m)) => {
                    let fields = ActionFields {
                        meeting_id: Some(m.id),
                        title: format!("Action {}", dice.next() % 100),
                        owner_id: Some(owner),
                        due: format!("2026-12-{:02}", 1 + dice.below(28)),
                        state: String::new(),
                    };
                    ("action", p.add_action(project, &fields).map(|_| ()).map_err(|e| e.to_string()))
                }
                (2, _) => {
                    let actions = p.action_rows(Some(project), today).expect("actions");
                    match actions.get(dice.below(actions.len().max(1))) {
                        Some(a) => ("action-task", p.action_to_task(a.id).map(|_| ()).map_err(|e| e.to_string())),
                        None => ("action-task", Err("no action".into())),
                    }
                }
                _ => {
                    let fields = StakeholderFields {
                        name: format!("Stakeholder {}", dice.next() % 1000),
                        influence: dice.below(7) as i64,
                        interest: 1 + dice.below(5) as i64,
                        ..Default::default()
                    };
                    (
                        "stakeholder",
                        p.add_stakeholder(&fields, Some((project, "Consulted"))).map(|_| ()).map_err(|e| e.to_string()),
                    )
                }
            }
        }
        20 => {
            let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
            let releases = p.release_rows(Some(project), today).expect("releases");
            match (dice.below(5), releases.first()) {
                (0, Some(r)) if !r.checklist.is_empty() => {
                    let item = &r.checklist[dice.below(r.checklist.len())];
                    ("tick", e(p.tick_checklist_item(item.id, item.done_on.is_none(), today)))
                }
                (1, Some(r)) => {
                    let fields = CheckpointFields {
                        title: format!("Checkpoint {}", dice.next() % 100),
                        at: format!("2027-01-{:02}T14:00", 1 + dice.below(28)),
                        criteria: "Backups verified".into(),
                        verdict: ["", "go", "no_go"][dice.below(3)].into(),
                        decided_by: if dice.below(4) == 0 { String::new() } else { "Steering committee".into() },
                        note: String::new(),
                    };
                    ("checkpoint", p.add_checkpoint(r.id, &fields).map(|_| ()).map_err(|e| e.to_string()))
                }
                (2, _) => {
                    let start = 1 + dice.below(27);
                    let fields = ReleaseFields {
                        name: format!("Release {}", dice.next() % 100),
                        window_start: format!("2027-02-{start:02}T18:00"),
                        window_end: format!("2027-02-{:02}T06:00", start + dice.below(2)),
                        scope: vec![any(dice)],
                        ..Default::default()
                    };
                    ("release", p.add_release(project, &fields).map(|_| ()).map_err(|e| e.to_string()))
                }
                (3, _) => {
                    let fields = LessonFields {
                        what: format!("Lesson {}", dice.next() % 100),
                        category: ["planning", "vendors", "nonsense"][dice.below(3)].into(),
                        ..Default::default()
                    };
                    ("lesson", p.add_lesson(project, &fields, today).map(|_| ()).map_err(|e| e.to_string()))
                }
                _ if closed => ("reopen", e(p.reopen_project(project))),
                _ => {
                    let fields = CloseFields {
                        unfinished: ["", "complete", "leave"][dice.below(3)].into(),
                        summary: String::new(),
                    };
                    ("close", e(p.close_project(project, &fields, today)))
                }
            }
        }
        21 => {
            // A Jira export imported, then again with its issues moved on:
            // the second time updates the project the first made (task
            // keys, the kept column mapping), and a circle is refused.
            let status = ["To Do", "In Progress", "Done"][dice.below(3)];
            let extra = 3 + dice.below(3);
            let blocked = if dice.below(5) == 0 { "J-2" } else { "" };
            let csv = format!(
                "Summary,Issue key,Status,Original estimate,Blocked by\nMigrate data,J-1,{status},28800,{blocked}\nTest the load,J-2,To Do,14400,J-1\nIssue {extra},J-{extra},To Do,3600,J-1\n"
            );
            let now = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date").and_hms_opt(9, 0, 0).expect("time");
            ("import csv", p.import_file(csv.as_bytes(), "jira.csv", now).map(|_| ()).map_err(|e| e.to_string()))
        }
        22 => ("undo", p.undo().map(|_| ()).map_err(|e| e.to_string())),
        _ => ("redo", p.redo().map(|_| ()).map_err(|e| e.to_string())),
    }
}

/// What a poppler tool (`pdftotext`, `pdfinfo`, `pdffonts`) says of a PDF.
pub fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed to check reports (Debian's poppler-utils): {e}"));
    assert!(out.status.success(), "{tool} could not read {}: {}", pdf.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}
