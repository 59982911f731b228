//! The board and sprints, run the way the app runs them, on real temporary
//! portfolios.

use chrono::{NaiveDate, NaiveDateTime};
use gantry_api::Portfolio;
use gantry_api::wire::*;
use gantry_core::model::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 30, 0).expect("time")
}

fn sample() -> (tempfile::TempDir, Portfolio) {
    let dir = tempfile::tempdir().expect("dir");
    let p = Portfolio::create_sample(dir.path().join("Sample.gantry"), today()).expect("sample");
    (dir, p)
}

fn project_named(p: &Portfolio, prefix: &str) -> i64 {
    p.projects().expect("projects").into_iter().find(|s| s.name.starts_with(prefix)).expect("project").id
}

/// Every row of every user table, to prove a refusal changed nothing.
fn dump(p: &Portfolio) -> String {
    let db = p.store().db();
    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    let mut out = String::new();
    for table in tables {
        let mut stmt = db.prepare(&format!("SELECT * FROM {table} ORDER BY rowid")).expect("select");
        let n = stmt.column_count();
        let rows: Vec<String> = stmt
            .query_map([], |r| {
                (0..n).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}"))).collect()
            })
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("values");
        for row in rows {
            out.push_str(&format!("{table}: {row}\n"));
        }
    }
    out
}

fn column(board: &ProjectBoard, stage: BoardStatus) -> i64 {
    board.columns.iter().find(|c| c.stage == stage).expect("a column of the stage").id
}

fn cards_in(board: &ProjectBoard, column: i64) -> Vec<i64> {
    board.cards.iter().filter(|c| c.column_id == column).map(|c| c.task_id).collect()
}

fn row(p: &Portfolio, project: i64, task: i64) -> TaskRow {
    p.plan(project).expect("plan").tasks.into_iter().find(|t| t.id == task).expect("task row")
}

/// A project on the standard calendar with `n` one-day tasks in one phase.
fn small_project(p: &mut Portfolio, n: usize) -> (i64, Vec<i64>) {
    let calendar = p.calendars().expect("calendars")[0].id;
    let project = p
        .create_project(ProjectFields {
            name: "Intranet search".into(),
            goal: String::new(),
            scope: String::new(),
            methodology: Methodology::Scrum,
            manager: "Priya Raman".into(),
            start: "2026-11-23".into(),
            status: ProjectStatus::OnTrack,
            status_reason: String::new(),
            currency: "EUR".into(),
            calendar_id: calendar,
            status_date: String::new(),
        })
        .expect("project");
    let tasks = (0..n)
        .map(|i| {
            p.add_task(NewTask {
                project_id: project,
                name: format!("Story {}", i + 1),
                duration: Some("1d".into()),
                after: None,
            })
            .expect("task")
        })
        .collect();
    (project, tasks)
}

fn sprint_fields(name: &str, start: &str, finish: &str) -> SprintFields {
    SprintFields {
        name: name.into(),
        goal: "Search finds people and documents".into(),
        start: start.into(),
        finish: finish.into(),
    }
}

#[test]
fn the_sample_portal_runs_in_sprints_with_a_sensible_burndown() {
    let (_dir, p) = sample();
    let portal = project_named(&p, "Customer self-service portal");
    let board = p.board(portal, today()).expect("board");
    let names: Vec<&str> = board.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Backlog", "To do", "In progress", "Review", "Done"]);
    let in_progress = board.columns.iter().find(|c| c.stage == BoardStatus::InProgress).expect("in progress");
    assert_eq!(in_progress.wip_limit, Some(3));
    assert!(board.labels.contains(&"security".to_owned()), "{:?}", board.labels);
    assert!(!board.people.is_empty());

    let closed: Vec<&SprintRow> = board.sprints.iter().filter(|s| s.state == SprintState::Closed).collect();
    let active: Vec<&SprintRow> = board.sprints.iter().filter(|s| s.state == SprintState::Active).collect();
    assert!(!closed.is_empty(), "sprints before today are closed");
    assert_eq!(active.len(), 1, "one sprint runs today");
    assert!(board.sprints.iter().any(|s| s.state == SprintState::Planned));
    for s in &closed {
        assert!(s.committed_minutes > 0 && s.completed_minutes == s.committed_minutes, "{s:?}");
    }
    let sprint = active[0];
    assert!(sprint.start.as_str() <= "2026-11-24" && "2026-11-24" <= sprint.finish.as_str(), "{sprint:?}");
    assert!(sprint.capacity_minutes > sprint.committed_minutes / 2, "the team can do the sprint's work: {sprint:?}");
    for b in &sprint.burndown {
        println!("{} ideal {:>5} remaining {:?}", b.date, b.ideal_minutes, b.remaining_minutes);
    }
    let first = &sprint.burndown[0];
    assert_eq!(first.ideal_minutes, sprint.committed_minutes);
    assert_eq!(sprint.burndown.last().map(|b| b.ideal_minutes), Some(0));
    let known: Vec<i64> = sprint.burndown.iter().map_while(|b| b.remaining_minutes).collect();
    assert!(known.len() >= 2, "days already worked have a remaining figure");
    assert!(known.windows(2).all(|w| w[1] <= w[0]), "remaining work never grows: {known:?}");
    assert!(known.last() < known.first(), "work was finished in the sprint: {known:?}");
    assert!(sprint.burndown.iter().skip(known.len()).all(|b| b.remaining_minutes.is_none()), "the future is unknown");

    // The cards of the sprint are on the board; summaries and milestones are not.
    let plan = p.plan(portal).expect("plan");
    for c in &board.cards {
        let t = plan.tasks.iter().find(|t| t.id == c.task_id).expect("task");
        assert!(!t.has_children && t.kind == TaskKind::Task, "{} is not a card", t.name);
        let stage = board.columns.iter().find(|col| col.id == c.column_id).expect("column").stage;
        assert_eq!(stage, t.board_status, "{} sits in its status's column", t.name);
    }
    let backlog: Vec<&Card> =
        board.cards.iter().filter(|c| c.sprint_id.is_none() && c.percent_complete < 100).collect();
    assert!(backlog.iter().any(|c| c.name == "External penetration test"), "release work waits in the backlog");
    let payments = board.cards.iter().find(|c| c.name.starts_with("Online payments")).expect("payments card");
    assert!(payments.late.as_deref().is_some_and(|l| l.contains("behind the baseline")), "{payments:?}");
}

#[test]
fn a_card_moved_on_the_board_changes_the_task_the_gantt_shows() {
    let (dir, mut p) = sample();
    let path = dir.path().join("Sample.gantry");
    let (project, tasks) = small_project(&mut p, 3);
    let board = p.board(project, today()).expect("board");
    assert_eq!(cards_in(&board, column(&board, BoardStatus::Backlog)), tasks, "new tasks wait in the backlog");

    let doing = column(&board, BoardStatus::InProgress);
    let moved = p.move_card(tasks[1], &CardDrop { column_id: doing, before: None }, now()).expect("move");
    assert_eq!(moved.warning, None);
    let t = row(&p, project, tasks[1]);
    assert_eq!(t.board_status, BoardStatus::InProgress);
    assert_eq!(t.actual_start.as_deref(), Some("2026-11-24T10:30:00"), "moving to in progress starts the task");

    let done = column(&board, BoardStatus::Done);
    let later = now() + chrono::Duration::hours(5);
    p.move_card(tasks[1], &CardDrop { column_id: done, before: None }, later).expect("done");
    let t = row(&p, project, tasks[1]);
    assert_eq!((t.percent_complete, t.board_status), (100, BoardStatus::Done));
    assert_eq!(t.actual_start.as_deref(), Some("2026-11-24T10:30:00"), "the start stays");
    assert_eq!(t.actual_finish.as_deref(), Some("2026-11-24T15:30:00"));

    // Straight from the backlog to done: started when it was planned to.
    p.move_card(tasks[0], &CardDrop { column_id: done, before: None }, later).expect("done");
    let t = row(&p, project, tasks[0]);
    assert_eq!((t.percent_complete, t.actual_start.as_deref()), (100, Some(t.start.as_str())));

    // Reopened into to do: not started, not finished.
    let todo = column(&board, BoardStatus::Todo);
    p.move_card(tasks[0], &CardDrop { column_id: todo, before: None }, later).expect("reopen");
    let t = row(&p, project, tasks[0]);
    assert_eq!((t.percent_complete, t.actual_start, t.actual_finish), (0, None, None));

    // Each move is one undoable step, and the file keeps them.
    assert_eq!(p.undo().expect("undo").as_deref(), Some("Move “Story 1” to “To do”"));
    assert_eq!(row(&p, project, tasks[0]).percent_complete, 100);
    drop(p);
    let p = Portfolio::open(&path).expect("reopen");
    let board = p.board(project, today()).expect("board");
    assert_eq!(cards_in(&board, done), [tasks[1], tasks[0]], "done in the order they were dropped");

    // The Gantt's progress moves the card the other way.
    let mut p = p;
    p.edit_task(tasks[2], TaskEdit { percent_complete: Some(40), ..Default::default() }).expect("progress");
    let board = p.board(project, today()).expect("board");
    assert_eq!(cards_in(&board, doing), [tasks[2]]);
}

#[test]
fn cards_keep_the_order_they_are_dropped_in() {
    let (_dir, mut p) = sample();
    let (project, tasks) = small_project(&mut p, 4);
    let board = p.board(project, today()).expect("board");
    let todo = column(&board, BoardStatus::Todo);
    for t in &tasks {
        p.move_card(*t, &CardDrop { column_id: todo, before: None }, now()).expect("move");
    }
    let order = |p: &Portfolio| cards_in(&p.board(project, today()).expect("board"), todo);
    assert_eq!(order(&p), tasks);
    // The last card to the top, then the first card before the second.
    p.move_card(tasks[3], &CardDrop { column_id: todo, before: Some(tasks[0]) }, now()).expect("top");
    assert_eq!(order(&p), [tasks[3], tasks[0], tasks[1], tasks[2]]);
    // Squeezing between the same two cards again and again wears out the
    // gap between their ranks; the order must hold all the same.
    for i in 0..80 {
        let (a, b) = if i % 2 == 0 { (tasks[1], tasks[2]) } else { (tasks[2], tasks[1]) };
        p.move_card(a, &CardDrop { column_id: todo, before: Some(b) }, now()).expect("squeeze");
        let now_order = order(&p);
        let (ia, ib) = (now_order.iter().position(|t| *t == a), now_order.iter().position(|t| *t == b));
        assert_eq!(ia.map(|i| i + 1), ib, "drop {i}: {now_order:?}");
        assert_eq!(now_order.len(), 4);
    }
    assert_eq!(p.info().expect("info").undo.as_deref(), Some("Reorder “Story 3” in “To do”"));
}

#[test]
fn wip_limits_warn_or_refuse_as_the_project_is_set_up() {
    let (_dir, mut p) = sample();
    let (project, tasks) = small_project(&mut p, 3);
    let board = p.board(project, today()).expect("board");
    let review = column(&board, BoardStatus::Review);
    p.edit_board_column(
        review,
        &ColumnFields { name: "Code review".into(), stage: BoardStatus::Review, wip_limit: Some(1) },
    )
    .expect("limit");
    p.move_card(tasks[0], &CardDrop { column_id: review, before: None }, now()).expect("first fits");

    let warned = p.move_card(tasks[1], &CardDrop { column_id: review, before: None }, now()).expect("warned");
    assert_eq!(warned.warning.as_deref(), Some("“Code review” now holds 2 cards; its WIP limit is 1."));
    assert_eq!(cards_in(&p.board(project, today()).expect("board"), review).len(), 2);

    p.set_wip_policy(project, WipPolicy::Refuse).expect("policy");
    let before = dump(&p);
    let refused = p.move_card(tasks[2], &CardDrop { column_id: review, before: None }, now()).expect_err("refused");
    assert!(refused.to_string().contains("holds at most 1 cards (its WIP limit) and has 2"), "{refused}");
    assert_eq!(dump(&p), before, "a refused drop changes nothing");
    // Reordering inside the full column is still allowed.
    p.move_card(tasks[1], &CardDrop { column_id: review, before: Some(tasks[0]) }, now()).expect("reorder");
    assert_eq!(cards_in(&p.board(project, today()).expect("board"), review), [tasks[1], tasks[0]]);
}

#[test]
fn bad_board_and_sprint_input_is_refused_with_a_message_and_changes_nothing() {
    let (_dir, mut p) = sample();
    let (project, tasks) = small_project(&mut p, 2);
    let portal = project_named(&p, "Customer self-service portal");
    let board = p.board(project, today()).expect("board");
    let portal_board = p.board(portal, today()).expect("board");
    let todo = column(&board, BoardStatus::Todo);
    let review = column(&board, BoardStatus::Review);
    p.move_card(tasks[0], &CardDrop { column_id: todo, before: None }, now()).expect("move");
    let sprint = p.create_sprint(project, &sprint_fields("Sprint 1", "2026-11-23", "2026-12-04")).expect("sprint");
    let next = p.create_sprint(project, &sprint_fields("Sprint 2", "2026-12-07", "2026-12-18")).expect("sprint");
    p.start_sprint(sprint).expect("start");
    let closed_portal = portal_board.sprints.iter().find(|s| s.state == SprintState::Closed).expect("closed").id;
    let plan = p.plan(portal).expect("plan");
    let summary = plan.tasks.iter().find(|t| t.has_children).expect("summary").id;
    let milestone = plan.tasks.iter().find(|t| t.kind == TaskKind::Milestone).expect("milestone").id;
    let column_fields =
        |limit: Option<i64>| ColumnFields { name: "QA".into(), stage: BoardStatus::Review, wip_limit: limit };

    let before = dump(&p);
    let attempts: Vec<(&str, Result<(), gantry_api::Error>, &str)> = vec![
        ("WIP limit of -1", p.edit_board_column(review, &column_fields(Some(-1))), "not -1"),
        ("WIP limit of 0", p.edit_board_column(review, &column_fields(Some(0))), "from 1 to"),
        (
            "empty column name",
            p.edit_board_column(review, &ColumnFields { name: " ".into(), ..column_fields(None) }),
            "name",
        ),
        (
            "10,000-character column name",
            p.add_board_column(project, &ColumnFields { name: "x".repeat(10_000), ..column_fields(None) }, None)
                .map(|_| ()),
            "characters",
        ),
        (
            "column of another project",
            p.move_card(tasks[1], &CardDrop { column_id: portal_board.columns[0].id, before: None }, now()).map(|_| ()),
            "another project",
        ),
        (
            "summary as a card",
            p.move_card(summary, &CardDrop { column_id: portal_board.columns[1].id, before: None }, now()).map(|_| ()),
            "epic",
        ),
        (
            "milestone as a card",
            p.move_card(milestone, &CardDrop { column_id: portal_board.columns[1].id, before: None }, now())
                .map(|_| ()),
            "milestone",
        ),
        (
            "before a card of another column",
            p.move_card(tasks[1], &CardDrop { column_id: review, before: Some(tasks[0]) }, now()).map(|_| ()),
            "no longer in that column",
        ),
        (
            "unknown column",
            p.move_card(tasks[1], &CardDrop { column_id: 999_999, before: None }, now()).map(|_| ()),
            "not found",
        ),
        ("deleting the only “To do” column", p.delete_board_column(todo), "only “To do” column"),
        ("deleting a stage's only column", p.delete_board_column(review), "only “Review” column"),
        (
            "a sprint that ends before it starts",
            p.create_sprint(project, &sprint_fields("Sprint 3", "2026-12-21", "2026-12-10")).map(|_| ()),
            "before it starts",
        ),
        (
            "30 February",
            p.create_sprint(project, &sprint_fields("Sprint 3", "2027-02-30", "2027-03-10")).map(|_| ()),
            "2027-02-30",
        ),
        (
            "a sprint of two years",
            p.create_sprint(project, &sprint_fields("Sprint 3", "2027-01-04", "2029-01-04")).map(|_| ()),
            "at most",
        ),
        ("a second running sprint", p.start_sprint(next), "still running"),
        ("closing a planned sprint", p.close_sprint(next, CarryOver::Backlog), "not running"),
        ("planning into a closed sprint", p.plan_task(tasks[1], Some(closed_portal)), "another project"),
        ("planning a summary", p.plan_task(summary, None), "summary task or a milestone"),
    ];
    for (what, result, says) in attempts {
        let e = result.expect_err(what);
        assert!(e.to_string().contains(says), "{what}: {e}");
    }
    assert_eq!(dump(&p), before, "nothing changed");

    // The portal's own closed sprint refuses new work too.
    let portal_task = portal_board.cards.iter().find(|c| c.sprint_id.is_none()).expect("backlog card").task_id;
    let e = p.plan_task(portal_task, Some(closed_portal)).expect_err("closed");
    assert!(e.to_string().contains("is closed"), "{e}");
}

#[test]
fn columns_are_added_renamed_reordered_and_removed() {
    let (_dir, mut p) = sample();
    let (project, tasks) = small_project(&mut p, 1);
    let board = p.board(project, today()).expect("board");
    let doing = column(&board, BoardStatus::InProgress);
    let qa = p
        .add_board_column(
            project,
            &ColumnFields { name: "QA".into(), stage: BoardStatus::Review, wip_limit: Some(2) },
            Some(doing),
        )
        .expect("add");
    let names = |p: &Portfolio| -> Vec<String> {
        p.board(project, today()).expect("board").columns.into_iter().map(|c| c.name).collect()
    };
    assert_eq!(names(&p), ["Backlog", "To do", "In progress", "QA", "Review", "Done"]);
    p.move_card(tasks[0], &CardDrop { column_id: qa, before: None }, now()).expect("into QA");
    assert_eq!(row(&p, project, tasks[0]).board_status, BoardStatus::Review, "QA is a review stage");
    p.edit_board_column(qa, &ColumnFields { name: "Testing".into(), stage: BoardStatus::Review, wip_limit: None })
        .expect("rename");
    p.move_board_column(qa, 5).expect("to the right end");
    assert_eq!(names(&p), ["Backlog", "To do", "In progress", "Review", "Done", "Testing"]);
    let e = p.delete_board_column(qa).expect_err("holds a card");
    assert!(e.to_string().contains("holds 1 card"), "{e}");
    p.move_card(tasks[0], &CardDrop { column_id: doing, before: None }, now()).expect("out");
    p.delete_board_column(qa).expect("delete");
    assert_eq!(names(&p), ["Backlog", "To do", "In progress", "Review", "Done"]);
    p.undo().expect("undo");
    assert_eq!(names(&p).len(), 6, "deleting a column is undoable");
}

#[test]
fn closing_a_sprint_records_its_velocity_and_carries_unfinished_work() {
    let (_dir, mut p) = sample();
    let (project, tasks) = small_project(&mut p, 3);
    let first = p.create_sprint(project, &sprint_fields("Sprint 1", "2026-11-23", "2026-12-04")).expect("sprint");
    let second = p.create_sprint(project, &sprint_fields("Sprint 2", "2026-12-07", "2026-12-18")).expect("sprint");
    for t in &tasks {
        p.plan_task(*t, Some(first)).expect("plan");
    }
    p.start_sprint(first).expect("start");
    let board = p.board(project, today()).expect("board");
    let done = column(&board, BoardStatus::Done);
    p.move_card(tasks[0], &CardDrop { column_id: done, before: None }, now()).expect("done");
    let sprint = |p: &Portfolio, id: i64| -> SprintRow {
        p.board(project, today()).expect("board").sprints.into_iter().find(|s| s.id == id).expect("sprint")
    };
    let running = sprint(&p, first);
    assert_eq!((running.committed_minutes, running.completed_minutes), (3 * 480, 480));
    let remaining: Vec<Option<i64>> = running.burndown.iter().map(|b| b.remaining_minutes).collect();
    assert_eq!(remaining[..3], [Some(1440), Some(1440), Some(960)], "Monday, then Tuesday's finish");
    assert!(remaining[3..].iter().all(Option::is_none));
    assert_eq!(running.capacity_minutes, 0, "nobody is assigned yet");

    let before = dump(&p);
    p.close_sprint(first, CarryOver::NextSprint).expect("close");
    let closed = sprint(&p, first);
    assert_eq!(closed.state, SprintState::Closed);
    assert_eq!((closed.committed_minutes, closed.completed_minutes, closed.carried_minutes), (1440, 480, 960));
    let board = p.board(project, today()).expect("board");
    let in_second: Vec<i64> = board.cards.iter().filter(|c| c.sprint_id == Some(second)).map(|c| c.task_id).collect();
    assert_eq!(in_second, [tasks[1], tasks[2]], "unfinished work moves on");
    assert_eq!(board.cards.iter().find(|c| c.task_id == tasks[0]).and_then(|c| c.sprint_id), Some(first));
    // The closed sprint's burndown keeps the carried work open to its end.
    assert_eq!(closed.burndown.last().and_then(|b| b.remaining_minutes), Some(960));
    p.undo().expect("undo");
    let undo_free = |d: &str| d.lines().filter(|l| !l.starts_with("undo_")).map(str::to_owned).collect::<Vec<_>>();
    let (now, was) = (undo_free(&dump(&p)), undo_free(&before));
    let differ: Vec<&String> =
        now.iter().filter(|l| !was.contains(l)).chain(was.iter().filter(|l| !now.contains(l))).collect();
    assert!(differ.is_empty(), "closing is one undoable step: {differ:#?}");
    p.close_sprint(first, CarryOver::Backlog).expect("close to the backlog");
    let board = p.board(project, today()).expect("board");
    assert!(board.cards.iter().filter(|c| c.task_id != tasks[0]).all(|c| c.sprint_id.is_none()));
    p.start_sprint(second).expect("the next one starts");
}

#[test]
fn labels_are_kept_clean_and_listed_for_the_filter() {
    let (_dir, mut p) = sample();
    let (project, tasks) = small_project(&mut p, 1);
    let labels = vec![" security ".to_owned(), "api".to_owned(), "security".to_owned()];
    p.edit_task(tasks[0], TaskEdit { labels: Some(labels), ..Default::default() }).expect("labels");
    assert_eq!(row(&p, project, tasks[0]).labels, ["api", "security"]);
    assert_eq!(p.board(project, today()).expect("board").labels, ["api", "security"]);
    assert_eq!(p.info().expect("info").undo.as_deref(), Some("Change labels of “Story 1”"));
    let before = dump(&p);
    for bad in [vec!["x".repeat(41)], (0..21).map(|i| format!("l{i}")).collect(), vec!["a\u{202E}b".into()]] {
        p.edit_task(tasks[0], TaskEdit { labels: Some(bad), ..Default::default() }).expect_err("refused");
    }
    assert_eq!(dump(&p), before);
}
