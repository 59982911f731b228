//! End-to-end stories on the built app in WebKitGTK. Each is what a person
//! does; they need a display and the built app, so `cargo test` skips them
//! and `./scripts/test` runs them under Xvfb with `--ignored`.

use gantry_tests::{App, answer_file_dialog, keys, text_of};

/// The depth and name of every task row, top to bottom.
async fn outline(app: &App) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for row in app.all(".table .row[data-task-id]").await {
        let depth = row.attr("data-depth").await.ok().flatten().unwrap_or_default();
        let name = match row.find(gantry_tests::Locator::Css(".name .text")).await {
            Ok(e) => gantry_tests::text_of(&e).await,
            Err(_) => String::new(),
        };
        out.push((depth, name));
    }
    out
}

/// The duration cell of the task named `name`.
async fn duration_of(app: &App, name: &str) -> String {
    for row in app.all(".table .row[data-task-id]").await {
        let Ok(cell) = row.find(gantry_tests::Locator::Css(".name .text")).await else { continue };
        if text_of(&cell).await == name
            && let Ok(d) = row.find(gantry_tests::Locator::Css("[data-col=duration]")).await
        {
            return text_of(&d).await;
        }
    }
    String::new()
}

async fn add_task(app: &App, name: &str) {
    app.with_text(".toolbar button", "+ Add task").await.click().await.expect("click Add task");
    let input = app.find(".row input.edit").await;
    // Select the suggested name, type over it, Enter commits. (One call per
    // step: WebKit's driver mixes up a chord and text sent together.)
    input.send_keys(&format!("{}a{}", keys::CONTROL, keys::RELEASE)).await.expect("select all");
    input.send_keys(name).await.expect("type the name");
    input.send_keys(keys::ENTER).await.expect("Enter");
    app.with_text(".row .name .text", name).await;
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn a_newcomer_plans_a_project_and_finds_it_again_after_a_restart() {
    let home = tempfile::tempdir().expect("empty home");

    // First start on an empty data folder: the sample portfolio is there.
    let app = App::launch(home.path()).await;
    app.wait_until("the three sample projects are listed", || async { app.all("[data-project-id]").await.len() == 3 })
        .await;
    app.screenshot("portfolio-home").await;

    // Open a sample project: its plan shows, with a critical path.
    app.with_text("[data-project-id] .link", "CRM migration to Dynamics 365").await.click().await.expect("open CRM");
    app.wait_until("the CRM plan shows, only its rows on screen in the page", || async {
        let grid = app.find(".table[role=treegrid]").await;
        let count: usize = grid.attr("aria-rowcount").await.ok().flatten().and_then(|n| n.parse().ok()).unwrap_or(0);
        count >= 40 && app.all(".row[data-task-id]").await.len() < count
    })
    .await;
    // Look at where the work stands today, as a planner would: the Gantt
    // at week zoom, scrolled to today, with the critical path in red.
    app.find(".scroller[data-zoom=weeks]").await;
    app.with_text(".toolbar button", "Today").await.click().await.expect("scroll to today");
    app.client
        .execute(
            "const grid = document.querySelector('.table[role=treegrid]');
             grid.scrollTop = 24 * 32;",
            vec![],
        )
        .await
        .expect("scroll");
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.wait_until("critical bars are drawn in red", || async { !app.all(".bar.critical").await.is_empty() }).await;
    app.screenshot("sample-gantt").await;
    // The go-live's deadline, a week after it, is drawn on its row: met, so
    // not in red.
    app.client
        .execute(
            "document.querySelector('.table[role=treegrid]').scrollTop = 30 * 32;
             document.querySelector('.scroller').scrollLeft += 360;",
            vec![],
        )
        .await
        .expect("scroll to the go-live");
    app.wait_until("the go-live's deadline is drawn", || async { !app.all("[data-deadline]").await.is_empty() }).await;
    assert!(app.all(".deadline.missed").await.is_empty(), "the sample's go-live meets its deadline");
    app.screenshot("gantt-deadline").await;
    // The Deadline column, asked for, shows it in the table too.
    app.with_text(".toolbar button", "Columns ▾").await.click().await.expect("the column choices");
    app.with_text("[aria-label=Columns] label", "Deadline").await.click().await.expect("show deadlines");
    app.with_text(".toolbar button", "Columns ▾").await.click().await.expect("close the choices");
    app.wait_until("the go-live's deadline is in the table", || async {
        let mut shown = Vec::new();
        for cell in app.all(".row[data-task-id] [data-col=deadline]").await {
            shown.push(text_of(&cell).await);
        }
        shown.iter().filter(|t| !t.trim().is_empty()).count() == 1
    })
    .await;
    let _ = app.client.execute("document.querySelector('.table[role=treegrid]').scrollLeft = 2000;", vec![]).await;
    app.screenshot("task-table-deadline").await;
    app.with_text(".project .back", "← Portfolio").await.click().await.expect("back home");

    // Create a project through the form.
    app.with_text("button", "+ New project").await.click().await.expect("new project");
    app.find("form.sheet input[name=name]").await.send_keys("Intranet relaunch").await.expect("name");
    app.find("form.sheet input[name=manager]").await.send_keys("Noor Aziz").await.expect("manager");
    app.with_text("form.sheet button", "Create project").await.click().await.expect("create");
    app.with_text(".project h1", "Intranet relaunch").await;

    // Plan three tasks and indent the second under the first.
    add_task(&app, "Requirements").await;
    add_task(&app, "Design").await;
    add_task(&app, "Build").await;
    app.with_text(".row .name .text", "Design").await.click().await.expect("select Design");
    app.find(".table[role=treegrid]").await.send_keys(keys::TAB).await.expect("Tab indents");
    let expected = vec![
        ("0".to_string(), "Requirements".to_string()),
        ("1".to_string(), "Design".to_string()),
        ("0".to_string(), "Build".to_string()),
    ];
    app.wait_until("Design sits under Requirements", || async { outline(&app).await == expected }).await;

    // Make Build take three days: the finish moves, and the table says so.
    let build = app.with_text(".row .name .text", "Build").await;
    let row = build.find(gantry_tests::Locator::XPath("./ancestor::div[@role='row']")).await.expect("its row");
    let duration = row.find(gantry_tests::Locator::Css("[data-col=duration]")).await.expect("duration cell");
    app.double_click(&duration).await;
    let input = app.find(".row input.edit").await;
    input.send_keys(&format!("{}a{}", keys::CONTROL, keys::RELEASE)).await.expect("select all");
    input.send_keys("3d").await.expect("type");
    input.send_keys(keys::ENTER).await.expect("Enter");
    app.find_with_prefix(".toast span", "Project finish moves from").await;
    app.wait_until("Build lasts three days", || async { duration_of(&app, "Build").await == "3d" }).await;
    app.screenshot("task-table").await;
    app.quit().await;

    // Start again: everything is as it was left.
    let app = App::launch(home.path()).await;
    app.wait_until("four projects are listed", || async { app.all("[data-project-id]").await.len() == 4 }).await;
    app.with_text("[data-project-id] .link", "Intranet relaunch").await.click().await.expect("open project");
    app.wait_until("the plan is back as left", || async { outline(&app).await == expected }).await;
    assert_eq!(duration_of(&app, "Build").await, "3d", "the edited duration was saved");
    app.quit().await;

    // And the file itself holds it, for any other program to read.
    let file = home.path().join("data/app.gantry.desktop/Portfolio.gantry");
    let portfolio = gantry_api::Portfolio::open(&file).expect("the portfolio file is where the data folder is");
    let names: Vec<String> = portfolio.projects().expect("projects").into_iter().map(|p| p.name).collect();
    assert!(names.contains(&"Intranet relaunch".to_string()), "{names:?}");
}

/// Chooses an entry of the File menu.
async fn file_menu(app: &App, entry: &str) {
    app.with_text("header .menu > button", "File ▾").await.click().await.expect("open the File menu");
    let item = app.find_with_prefix(".dropdown button", entry).await;
    item.click().await.expect("choose the entry");
}

async fn file_name(app: &App) -> String {
    text_of(&app.find("header .file").await).await
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn portfolios_are_opened_and_created_through_the_native_dialogs() {
    let home = tempfile::tempdir().expect("home");
    let other = home.path().join("Other.gantry");
    gantry_api::Portfolio::create_sample(&other, chrono_today()).expect("another portfolio");
    let notes = home.path().join("notes.gantry");
    std::fs::write(&notes, "meeting notes, not a plan").expect("a stray file");

    let app = App::launch(home.path()).await;
    app.wait_until("the sample is open", || async { file_name(&app).await == "Portfolio" }).await;

    // Open another portfolio through File → Open portfolio….
    file_menu(&app, "Open portfolio").await;
    answer_file_dialog("Open File", &other);
    app.wait_until("Other.gantry is open", || async { file_name(&app).await == "Other" }).await;
    app.wait_until("its projects show", || async { app.all("[data-project-id]").await.len() == 3 }).await;

    // Create a new, empty one through File → New portfolio….
    let fresh = home.path().join("Fresh.gantry");
    file_menu(&app, "New portfolio").await;
    answer_file_dialog("Save File", &fresh);
    app.wait_until("Fresh.gantry is open", || async { file_name(&app).await == "Fresh" }).await;
    app.with_text(".empty p", "This portfolio has no projects yet.").await;
    assert!(fresh.exists());

    // A file that is not a portfolio is refused with a message; nothing changes.
    file_menu(&app, "Open portfolio").await;
    answer_file_dialog("Open File", &notes);
    app.find_with_prefix(".toast.error span", &format!("{} is not a Gantry portfolio", notes.display())).await;
    assert_eq!(file_name(&app).await, "Fresh", "the open portfolio stays open");
    assert_eq!(std::fs::read_to_string(&notes).expect("read"), "meeting notes, not a plan");

    // The recent list brings Other back.
    file_menu(&app, "Other").await;
    app.wait_until("Other.gantry is open again", || async { file_name(&app).await == "Other" }).await;

    // About names the version, the SQLite inside and where data lives.
    file_menu(&app, "About Gantry").await;
    let about = text_of(&app.find("[role=dialog] dl").await).await;
    assert!(about.contains(env!("CARGO_PKG_VERSION")), "{about}");
    assert!(about.contains("SQLite3."), "{about}");
    assert!(about.contains(&home.path().join("data/app.gantry.desktop").display().to_string()), "{about}");
    app.quit().await;
}

fn chrono_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn a_double_clicked_portfolio_opens_in_gantry() {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("Roll-out 2027.gantry");
    gantry_api::Portfolio::create_sample(&file, chrono_today()).expect("a portfolio");
    let path = file.to_str().expect("utf-8 path");

    let app = App::launch_with(home.path(), &[path]).await;
    app.wait_until("the file named on the command line is open", || async { file_name(&app).await == "Roll-out 2027" })
        .await;
    app.wait_until("its projects show", || async { app.all("[data-project-id]").await.len() == 3 }).await;
    app.quit().await;
    assert!(
        !home.path().join("data/app.gantry.desktop/Portfolio.gantry").exists(),
        "no sample was made beside it: the user asked for this file"
    );

    // A file that is gone is reported, and not created.
    let gone = home.path().join("Deleted meanwhile.gantry");
    let app = App::launch_with(home.path(), &[gone.to_str().expect("path")]).await;
    app.find_with_prefix(".problem p", &format!("{} does not exist", gone.display())).await;
    app.quit().await;
    assert!(!gone.exists());
}

/// A small roll-out plan on the standard calendar, beside the sample:
/// Order scanners (1d) → Configure (2d) → Roll out (1d), and Train staff
/// (1d) on its own. Returns the task ids in that order.
fn scanner_plan(file: &std::path::Path) -> [i64; 4] {
    use gantry_api::wire::{NewTask, ProjectFields};
    use gantry_core::model::{LinkKind, Methodology, ProjectStatus};
    let mut p = gantry_api::Portfolio::create_sample(file, chrono_today()).expect("a portfolio");
    let calendar = p.calendars().expect("calendars")[0].id;
    let project = p
        .create_project(ProjectFields {
            name: "Warehouse scanners".into(),
            goal: "Every picker scans".into(),
            scope: String::new(),
            methodology: Methodology::Waterfall,
            manager: "Noor Aziz".into(),
            start: "2027-01-04".into(),
            status: ProjectStatus::OnTrack,
            status_reason: String::new(),
            currency: "EUR".into(),
            calendar_id: calendar,
            status_date: String::new(),
        })
        .expect("project");
    let mut ids = [0; 4];
    let mut after = None;
    for (i, (name, d)) in [("Order scanners", "1d"), ("Configure", "2d"), ("Roll out", "1d"), ("Train staff", "1d")]
        .into_iter()
        .enumerate()
    {
        let task = NewTask { project_id: project, after, name: name.into(), duration: Some(d.into()) };
        ids[i] = p.add_task(task).expect("task");
        after = Some(ids[i]);
    }
    p.link_tasks(ids[0], ids[1], LinkKind::FinishToStart, 0).expect("link");
    p.link_tasks(ids[1], ids[2], LinkKind::FinishToStart, 0).expect("link");
    ids
}

/// The text of a task's cell in the grid.
async fn cell(app: &App, task: i64, column: &str) -> String {
    match app.client.find(gantry_tests::Locator::Css(&format!("[data-task-id='{task}'] [data-col={column}]"))).await {
        Ok(e) => text_of(&e).await,
        Err(_) => String::new(),
    }
}

fn middle(r: (f64, f64, f64, f64)) -> (f64, f64) {
    (r.0 + r.2 / 2.0, r.1 + r.3 / 2.0)
}

async fn open_scanners(app: &App, first_task: i64) {
    app.with_text("[data-project-id] .link", "Warehouse scanners").await.click().await.expect("open the project");
    app.find(&format!("[data-bar='{first_task}'] .shape")).await;
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn a_planner_drags_bars_on_the_timeline_and_sees_the_ripple_before_letting_go() {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("Rollout.gantry");
    let [order, configure, rollout, train] = scanner_plan(&file);
    let path = file.to_str().expect("utf-8 path");
    let bar = |id: i64| format!("[data-bar='{id}'] .shape");

    let app = App::launch_with(home.path(), &[path]).await;
    open_scanners(&app, order).await;
    // Day zoom: a day is 34 pixels, a step a hand can hit.
    app.find("select[aria-label='Time scale']").await.select_by_value("days").await.expect("day zoom");
    app.find(".scroller[data-zoom=days]").await;
    assert_eq!(cell(&app, rollout, "start").await, "7 Jan 27");

    // Hold Order scanners two days to the right: its successors move in the
    // view before the button is released, and the status line says the
    // project finish moves.
    let held = app.rect(&bar(rollout)).await;
    let from = middle(app.rect(&bar(order)).await);
    app.press_and_move(from, (from.0 + 2.0 * 34.0, from.1)).await;
    app.wait_until("Roll out moves while the bar is still held", || async {
        app.rect(&bar(rollout)).await.0 > held.0 + 2.0 * 34.0
    })
    .await;
    app.find_with_prefix(
        ".status strong",
        "3 tasks move · Project finish moves from Thu 7 Jan 2027 to Mon 11 Jan 2027",
    )
    .await;
    assert_eq!(cell(&app, rollout, "start").await, "11 Jan 27", "the grid previews the new dates too");
    app.screenshot("gantt-drag-preview").await;
    app.release().await;
    app.find_with_prefix(".status strong", "Done · the project finish moved").await;
    app.wait_until("the drop is saved", || async {
        gantry_api::Portfolio::open(&file)
            .and_then(|p| p.schedule_report("Warehouse scanners"))
            .is_ok_and(|r| r.tasks.iter().any(|t| t.uid == rollout && t.start == "2027-01-11T08:00:00"))
    })
    .await;
    app.quit().await;

    // After a restart the move is there, and one Ctrl+Z puts every task back.
    let app = App::launch_with(home.path(), &[path]).await;
    open_scanners(&app, order).await;
    assert_eq!(cell(&app, order, "start").await, "6 Jan 27");
    assert_eq!(cell(&app, rollout, "start").await, "11 Jan 27");
    app.find(".scroller[data-zoom=days]").await;
    let timeline = app.find(".scroller").await;
    timeline.send_keys(&format!("{}z{}", keys::CONTROL, keys::RELEASE)).await.expect("Ctrl+Z");
    app.wait_until("the move is undone", || async {
        cell(&app, order, "start").await == "4 Jan 27" && cell(&app, rollout, "start").await == "7 Jan 27"
    })
    .await;

    // Drag the end of Configure one day later: it lasts three days.
    let end = app.rect(&bar(configure)).await;
    let grab = (end.0 + end.2 - 2.0, end.1 + end.3 / 2.0);
    app.drag(grab, (grab.0 + 34.0, grab.1)).await;
    app.wait_until("Configure lasts three days", || async { cell(&app, configure, "duration").await == "3d" }).await;
    assert_eq!(cell(&app, rollout, "start").await, "8 Jan 27", "its successor follows");

    // Split Configure where its first day ends (a right-click in that
    // evening splits at the next working moment): its bar shows the pause as
    // a gap, it finishes a working day later, and Roll out with it.
    let c = app.rect(&bar(configure)).await;
    app.right_click((c.0 + 34.0 / 2.0, c.1 + c.3 / 2.0)).await;
    app.with_text("[role=menu] button", "Split here · pause one day").await.click().await.expect("split");
    app.find(&format!("[data-gap='{configure}']")).await;
    app.wait_until("Roll out waits for the paused day", || async { cell(&app, rollout, "start").await == "11 Jan 27" })
        .await;
    assert_eq!(cell(&app, configure, "duration").await, "3d", "a pause is not work");
    let split = app.rect(&bar(configure)).await;
    assert!(split.2 > c.2 + 30.0, "the split bar spans the pause: {} then {}", c.2, split.2);
    app.screenshot("gantt-split-bar").await;
    app.right_click((split.0 + 34.0 / 2.0, split.1 + split.3 / 2.0)).await;
    app.with_text("[role=menu] button", "Remove the pauses").await.click().await.expect("join");
    app.wait_until("Roll out comes back", || async { cell(&app, rollout, "start").await == "8 Jan 27" }).await;

    // Draw a link from Train staff's circle to Roll out, then make it
    // start-to-start with a day's lag.
    app.find(&bar(train)).await.click().await.expect("select Train staff");
    let t = app.rect(&bar(train)).await;
    let handle = (t.0 + t.2 + 10.0, t.1 + t.3 / 2.0);
    app.drag(handle, middle(app.rect(&bar(rollout)).await)).await;
    app.find("[role=dialog][aria-label='New link']").await;
    app.find("[aria-label='New link'] select").await.select_by_value("ss").await.expect("type");
    app.find("[aria-label='New link'] input").await.send_keys("1d").await.expect("lag");
    app.with_text("[aria-label='New link'] button", "OK").await.click().await.expect("OK");
    app.wait_until("Roll out lists the new predecessor", || async {
        cell(&app, rollout, "pred").await.contains("SS+1d")
    })
    .await;

    // Zoom out to weeks and in to hours with the keyboard.
    let timeline = app.find(".scroller").await;
    timeline.send_keys("-").await.expect("zoom out");
    app.find(".scroller[data-zoom=weeks]").await;
    timeline.send_keys("+").await.expect("zoom in");
    timeline.send_keys("+").await.expect("zoom in");
    app.find(".scroller[data-zoom=hours]").await;
    app.with_text(".scale text.bottom", "08").await;
    app.quit().await;
}

/// What one of poppler's tools says about a PDF.
fn poppler(tool: &str, pdf: &std::path::Path) -> String {
    let mut command = std::process::Command::new(tool);
    command.arg(pdf);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command.output().unwrap_or_else(|e| panic!("{tool} runs (apt-get install poppler-utils): {e}"));
    assert!(out.status.success(), "{tool} reads {}: {}", pdf.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn a_project_manager_exports_the_status_report_their_director_reads() {
    let home = tempfile::tempdir().expect("home");
    let app = App::launch(home.path()).await;
    app.wait_until("the portfolio dashboard shows its three projects", || async {
        app.all("[data-project-id]").await.len() == 3
    })
    .await;
    // The dashboard measures each project against its approved plan.
    let portal = app.with_text("[data-project-id] .link", "Customer self-service portal").await;
    let card = app.find_with_prefix("[data-project-id]", "Customer self-service portal").await;
    let variance = text_of(&card.find(gantry_tests::Locator::Css(".variance")).await.expect("variance")).await;
    assert!(variance.ends_with("d late"), "the portal slipped against its baseline: {variance}");
    app.screenshot("portfolio-dashboard").await;

    portal.click().await.expect("open the portal");
    app.find(".scroller").await;
    app.with_text(".head button", "Export PDF").await.click().await.expect("open the report dialog");
    let dialog = "[role=dialog][aria-label^='Report on']";
    app.find(dialog).await;
    app.find(&format!("{dialog} input[name=section-tasks]")).await.click().await.expect("leave out the task table");
    app.find(&format!("{dialog} select[name=paper]")).await.select_by_value("letter").await.expect("Letter paper");
    app.find(&format!("{dialog} input[name=open]")).await.click().await.expect("do not open a viewer");
    app.screenshot("report-dialog").await;
    app.with_text(&format!("{dialog} button"), "Export PDF…").await.click().await.expect("export");

    let pdf = home.path().join("Portal status.pdf");
    answer_file_dialog("Save the PDF report", &pdf);
    app.find_with_prefix(".toast span", "Report saved").await;
    assert!(pdf.exists(), "the report is where the dialog said");
    let info = poppler("pdfinfo", &pdf);
    assert!(info.contains("792 x 612 pts (letter)"), "Letter, landscape: {info}");
    let text = poppler("pdftotext", &pdf);
    assert!(text.contains("Customer self-service portal") && text.contains("Off track"), "the summary page");
    assert!(text.contains("Approved plan") && text.contains("d late"), "the variance against the baseline");
    assert!(text.contains("Gantt chart") && text.contains("Release 1.0 go-live"), "the chart with its milestones");
    assert!(!text.contains("· Tasks"), "the task table was left out");
    let fonts = poppler("pdffonts", &pdf);
    assert!(fonts.lines().skip(2).all(|l| l.split_whitespace().rev().nth(4) == Some("yes")), "fonts embedded: {fonts}");

    // The choices are remembered for this project.
    app.find("body").await.send_keys(&format!("{}p{}", keys::CONTROL, keys::RELEASE)).await.expect("Ctrl+P");
    let paper = app.find(&format!("{dialog} select[name=paper]")).await;
    assert_eq!(paper.prop("value").await.ok().flatten().as_deref(), Some("letter"));
    let tasks = app.find(&format!("{dialog} input[name=section-tasks]")).await;
    assert_eq!(tasks.prop("checked").await.ok().flatten().as_deref(), Some("false"));
    tasks.send_keys(keys::ESCAPE).await.expect("Escape");
    app.wait_until("Escape closes the dialog", || async { app.all(dialog).await.is_empty() }).await;
    app.quit().await;
}

/// The id of the board column whose header starts with `name`.
async fn board_column(app: &App, name: &str) -> i64 {
    let head = app.find_with_prefix("[data-column-head]", name).await;
    head.attr("data-column-head").await.ok().flatten().and_then(|v| v.parse().ok()).expect("a column id")
}

async fn cards_in(app: &App, column: i64) -> Vec<i64> {
    let mut ids = Vec::new();
    for card in app.all(&format!("[data-cell][data-column-id='{column}'] [data-card-id]")).await {
        if let Some(id) = card.attr("data-card-id").await.ok().flatten().and_then(|v| v.parse().ok()) {
            ids.push(id);
        }
    }
    ids
}

fn board_status(file: &std::path::Path, task: i64) -> (String, Option<String>) {
    let p = gantry_api::Portfolio::open(file).expect("the portfolio opens");
    let project = p.projects().expect("projects").into_iter().find(|s| s.name.starts_with("Customer")).expect("portal");
    let t = p.plan(project.id).expect("plan").tasks.into_iter().find(|t| t.id == task).expect("the task");
    (t.board_status.code().to_owned(), t.actual_start)
}

async fn open_board(app: &App) {
    app.with_text("[data-project-id] .link", "Customer self-service portal")
        .await
        .click()
        .await
        .expect("open the portal");
    app.with_text(".tabs button", "Board").await.click().await.expect("the Board tab");
    app.find("[data-card-id]").await;
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn a_scrum_team_moves_cards_on_the_board_and_the_gantt_follows() {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("data/app.gantry.desktop/Portfolio.gantry");
    let app = App::launch(home.path()).await;
    open_board(&app).await;
    let (todo, doing) = (board_column(&app, "To do").await, board_column(&app, "In progress").await);
    let head = text_of(&app.find(&format!("[data-column-head='{doing}']")).await).await;
    assert!(head.ends_with("/ 3"), "In progress shows its WIP limit: {head}");
    app.screenshot("board").await;

    // Drag the first "To do" card into "In progress" with the pointer.
    let card = *cards_in(&app, todo).await.first().expect("a card to do");
    let from = middle(app.rect(&format!("[data-card-id='{card}']")).await);
    let target = app.rect(&format!("[data-cell][data-column-id='{doing}']")).await;
    app.drag(from, (target.0 + target.2 / 2.0, target.1 + 20.0)).await;
    app.wait_until("the card is in progress", || async { cards_in(&app, doing).await.contains(&card) }).await;
    assert!(!cards_in(&app, todo).await.contains(&card));
    app.wait_until("the move is saved with an actual start", || async {
        let (status, started) = board_status(&file, card);
        status == "in_progress" && started.is_some()
    })
    .await;
    let today = chrono_today();
    app.quit().await;

    // After a restart the card is still there, and the Gantt's task editor
    // shows the actual start the move set.
    let app = App::launch(home.path()).await;
    open_board(&app).await;
    let doing = board_column(&app, "In progress").await;
    assert!(cards_in(&app, doing).await.contains(&card), "the move survived the restart");
    app.with_text(".tabs button", "Gantt").await.click().await.expect("the Gantt tab");
    let row = format!("[data-task-id='{card}'] [data-col=name]");
    app.find(".scroller").await;
    app.wait_until("the task's row is scrolled into view", || async {
        let seen = !app.all(&row).await.is_empty() && (300.0..760.0).contains(&app.rect(&row).await.1);
        if !seen {
            // Not in view yet: scroll on, as a wheel would.
            let _ = app.client.execute("document.querySelector('.scroller').scrollBy(0, 160)", vec![]).await;
        }
        seen
    })
    .await;
    app.find(&row).await.click().await.expect("select the task");
    app.with_text("button", "Edit…").await.click().await.expect("open the task editor");
    let started = text_of(&app.find("[aria-label='Task editor'] output[aria-label='Actual start']").await).await;
    let day = format!("{} {} {}", today.format("%a"), today.format("%-d"), today.format("%b %Y"));
    assert!(started.starts_with(&day), "the actual start is today, {day}: {started}");
    // On the project's calendar, its people's calendars are heeded: the
    // choice to ignore them waits for a calendar of its own.
    let calendars = "[aria-label='Task editor'] select[aria-label='Task calendar'] option";
    app.wait_until("the portfolio's calendars are offered", || async { app.all(calendars).await.len() > 1 }).await;
    let ignore = app.find("[aria-label='Task editor'] input[aria-label=\"Ignore its people's calendars\"]").await;
    assert!(!ignore.is_enabled().await.expect("enabled?"), "nothing to ignore on the project's calendar");
    app.screenshot("task-editor").await;
    app.find("[aria-label='Task editor'] input[aria-label='Name']").await.send_keys(keys::ESCAPE).await.expect("Esc");

    // Fill "In progress" to its limit: one card more is let in with a warning.
    app.with_text(".tabs button", "Board").await.click().await.expect("the Board tab");
    app.find("[data-card-id]").await;
    let (todo, doing) = (board_column(&app, "To do").await, board_column(&app, "In progress").await);
    app.with_text(".toolbar button", "Columns and limits…").await.click().await.expect("setup");
    let limit = app.find(&format!("[data-setup-column='{doing}'] input[aria-label='WIP limit']")).await;
    let held = cards_in(&app, doing).await.len();
    limit.send_keys(&format!("{}a{}", keys::CONTROL, keys::RELEASE)).await.expect("select all");
    limit.send_keys(&held.to_string()).await.expect("type the limit");
    limit.send_keys(keys::TAB).await.expect("leave the field");
    app.wait_until("the header shows the new limit", || async {
        text_of(&app.find(&format!("[data-column-head='{doing}']")).await).await.ends_with(&format!("{held} / {held}"))
    })
    .await;
    app.with_text("[aria-label='Board columns'] button", "Close").await.click().await.expect("close");
    let drag_first_todo = || async {
        let card = *cards_in(&app, todo).await.first().expect("a card to do");
        let from = middle(app.rect(&format!("[data-card-id='{card}']")).await);
        let target = app.rect(&format!("[data-cell][data-column-id='{doing}']")).await;
        app.drag(from, (target.0 + target.2 / 2.0, target.1 + 20.0)).await;
        card
    };
    let warned = drag_first_todo().await;
    app.find_with_prefix(".toast.error span", &format!("“In progress” now holds {} cards", held + 1)).await;
    app.wait_until("a warned drop is let in", || async { cards_in(&app, doing).await.contains(&warned) }).await;

    // Set the board to refuse: the next drop is refused and nothing changes.
    app.with_text(".toolbar button", "Columns and limits…").await.click().await.expect("setup");
    app.with_text("[aria-label='Board columns'] label", "Refuse the drop").await.click().await.expect("refuse");
    app.find_with_prefix(".toast span", "Full columns now refuse cards").await;
    app.with_text("[aria-label='Board columns'] button", "Close").await.click().await.expect("close");
    let refused = drag_first_todo().await;
    app.find_with_prefix(".toast.error span", "“In progress” holds at most").await;
    assert!(cards_in(&app, todo).await.contains(&refused), "a refused card stays where it was");
    assert_eq!(board_status(&file, refused).0, "todo", "the file did not change");
    app.screenshot("board-wip").await;

    // The backlog and the running sprint's burndown.
    for close in app.all(".toast .close").await {
        let _ = close.click().await;
    }
    app.with_text(".tabs button", "Backlog and sprints").await.click().await.expect("the sprints tab");
    app.find("[aria-label^='Burndown of']").await;
    app.find("[data-backlog-item]").await;
    app.screenshot("sprints").await;
    app.quit().await;
}

/// What page script got back from one attempt.
#[derive(Debug, serde::Deserialize)]
struct Attempt {
    what: String,
    ok: bool,
    value: String,
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn page_script_cannot_read_a_file_or_call_an_undeclared_command() {
    let home = tempfile::tempdir().expect("home");
    let app = App::launch(home.path()).await;
    app.wait_until("the sample is open", || async { file_name(&app).await == "Portfolio" }).await;
    // Script an attacker could get onto the page tries every route to
    // /etc/passwd: the IPC of plugins that are not there or not allowed,
    // Gantry's own commands with hostile arguments, and every fetch scheme.
    let script = r#"
        const done = arguments[arguments.length - 1];
        const said = (e) => String(e && (e.message || (typeof e === 'object' ? JSON.stringify(e) : e)));
        const ipc = window.__TAURI_INTERNALS__;
        const invoke = (cmd, args) =>
          Promise.race([
            ipc.invoke(cmd, args).then((v) => ({ what: cmd, ok: true, value: JSON.stringify(v) ?? 'null' }), (e) => ({ what: cmd, ok: false, value: said(e) })),
            new Promise((r) => setTimeout(() => r({ what: cmd, ok: true, value: 'no answer in 5 s' }), 5000)),
          ]);
        const get = (url) =>
          fetch(url).then((r) => r.text().then((t) => ({ what: 'fetch ' + url, ok: r.ok, value: t.slice(0, 300) })), (e) => ({ what: 'fetch ' + url, ok: false, value: said(e) }));
        const xhr = (url) => new Promise((resolve) => {
          try {
            const x = new XMLHttpRequest();
            x.open('GET', url);
            x.onload = () => resolve({ what: 'xhr ' + url, ok: x.status >= 200 && x.status < 300, value: String(x.responseText).slice(0, 300) });
            x.onerror = () => resolve({ what: 'xhr ' + url, ok: false, value: 'error' });
            x.send();
          } catch (e) { resolve({ what: 'xhr ' + url, ok: false, value: said(e) }); }
        });
        const passwd = '/etc/passwd';
        Promise.all([
          invoke('plugin:fs|read_text_file', { path: passwd }),
          invoke('plugin:fs|read_file', { path: passwd }),
          invoke('plugin:fs|read_dir', { path: '/etc' }),
          invoke('plugin:fs|copy_file', { fromPath: passwd, toPath: '/tmp/stolen' }),
          invoke('plugin:shell|execute', { program: 'cat', args: [passwd], options: {} }),
          invoke('plugin:shell|open', { path: 'file://' + passwd }),
          invoke('plugin:opener|open_path', { path: passwd }),
          invoke('plugin:dialog|open', { options: {} }),
          invoke('plugin:dialog|save', { options: {} }),
          invoke('plugin:path|resolve_directory', { directory: 1 }),
          invoke('plugin:webview|create_webview_window', { options: { label: 'evil', url: 'file:///etc/passwd' } }),
          invoke('plugin:window|set_title', { label: 'main', value: 'owned' }),
          invoke('plugin:single-instance|execute_callback', {}),
          invoke('read_file', { path: passwd }),
          invoke('not_a_gantry_command', {}),
          invoke('restore_snapshot', { name: '../../../../../etc/passwd' }),
          invoke('restore_snapshot', { name: passwd }),
          invoke('open_recent', { index: 4294967295 }),
          get('file://' + passwd),
          get('asset://localhost' + passwd),
          get('asset://localhost/%2Fetc%2Fpasswd'),
          get('http://asset.localhost' + passwd),
          get('tauri://localhost' + passwd),
          get('tauri://localhost/../../../../..' + passwd),
          get('tauri://localhost/%2e%2e/%2e%2e/%2e%2e/%2e%2e' + passwd),
          get('http://tauri.localhost' + passwd),
          get('ipc://localhost/plugin%3Afs%7Cread_text_file'),
          get('http://127.0.0.1:9/'),
          get('https://example.com/'),
          xhr('file://' + passwd),
          xhr('asset://localhost' + passwd),
        ]).then(done, (e) => done([{ what: 'the script itself', ok: true, value: said(e) }]));
    "#;
    let answer = app.client.execute_async(script, vec![]).await.expect("the page ran the attempts");
    let attempts: Vec<Attempt> = serde_json::from_value(answer).expect("a list of attempts");
    assert_eq!(attempts.len(), 31, "{attempts:?}");
    let mut failed = Vec::new();
    for a in &attempts {
        let leaked = a.value.contains("root:") || a.value.contains("/bin/");
        // open_recent with an index past the list answers `false`: no file.
        let harmless = a.what == "open_recent" && a.value == "false";
        if leaked || (a.ok && !harmless) {
            failed.push(format!("{}: ok={} {}", a.what, a.ok, a.value));
        }
    }
    assert!(failed.is_empty(), "page script got through:\n{}", failed.join("\n"));
    assert_eq!(file_name(&app).await, "Portfolio", "nothing was opened or restored");
    assert!(!std::path::Path::new("/tmp/stolen").exists());
    println!("page script: {} attempts to read /etc/passwd or call undeclared commands, all refused", attempts.len());
    app.quit().await;
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn an_imported_ms_project_file_is_in_the_history_and_a_snapshot_takes_it_back() {
    let home = tempfile::tempdir().expect("home");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/fixtures/mspdi/assignment-assignments-project2010-mspdi.xml");
    let xml = home.path().join("Assignments.xml");
    std::fs::copy(&fixture, &xml).expect("an MS Project file to import");
    let app = App::launch(home.path()).await;
    app.wait_until("the sample is open", || async { file_name(&app).await == "Portfolio" }).await;
    let projects = app.all("[data-project-id]").await.len();

    file_menu(&app, "Import a plan").await;
    answer_file_dialog("Import a plan", &xml);
    accept_import(&app, "MS Project XML").await;
    let toast = app.find_with_prefix(".toast span", "Imported").await;
    assert!(text_of(&toast).await.contains("3 people joined the team"), "{}", text_of(&toast).await);
    // Its three people came with it, each on the task the file gives them.
    for person in ["Resource 1", "Resource 2", "Resource 3"] {
        app.find(&format!(".table .row[data-task-id] [data-col=who] .avatar[title='{person}']")).await;
    }
    app.screenshot("imported-project").await;

    // The history lists the import, newest first, with its time.
    app.with_text("header button", "History").await.click().await.expect("open the history");
    let newest = app.find("aside.history li .label").await;
    assert!(text_of(&newest).await.starts_with("Import “"), "{}", text_of(&newest).await);
    app.screenshot("history").await;
    app.find("aside.history .close").await.click().await.expect("close the history");

    // A snapshot was taken before the import: restoring it takes it back.
    file_menu(&app, "Restore from snapshot").await;
    let dialog = "[role=dialog][aria-label='Restore from snapshot']";
    let before_import = app.find_with_prefix(&format!("{dialog} label .muted"), "before an import").await;
    before_import.click().await.expect("choose the snapshot before the import");
    app.screenshot("restore-snapshot").await;
    app.with_text(&format!("{dialog} button"), "Restore").await.click().await.expect("restore");
    app.find_with_prefix(".toast span", "Snapshot restored").await;
    app.wait_until("the portfolio is as before the import", || async {
        app.all("[data-project-id]").await.len() == projects
    })
    .await;
    app.quit().await;
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn a_second_launch_hands_its_file_to_the_running_app() {
    let home = tempfile::tempdir().expect("home");
    let other = home.path().join("Second.gantry");
    gantry_api::Portfolio::create_sample(&other, chrono_today()).expect("another portfolio");
    let app = App::launch(home.path()).await;
    app.wait_until("the sample is open", || async { file_name(&app).await == "Portfolio" }).await;
    // A person double-clicks another portfolio while Gantry runs.
    let mut second = std::process::Command::new(gantry_tests::app_binary())
        .arg(&other)
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .spawn()
        .expect("a second launch");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = second.try_wait().expect("wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = second.kill();
            panic!("the second launch kept running: two instances");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(status.success(), "the second launch hands over and exits cleanly: {status}");
    app.wait_until("the first app opened the file", || async { file_name(&app).await == "Second" }).await;
    app.quit().await;
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn a_damaged_portfolio_is_left_alone_and_its_newest_snapshot_is_offered() {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("Roll-out.gantry");
    let now = chrono::Local::now().naive_local();
    {
        let p = gantry_api::Portfolio::create_sample(&file, chrono_today()).expect("a portfolio");
        p.snapshot_if_due(now - chrono::Duration::hours(30)).expect("yesterday's snapshot");
    }
    // The file is cut in half, as a full disk or a bad copy would.
    let whole = std::fs::read(&file).expect("bytes");
    std::fs::write(&file, &whole[..whole.len() / 2]).expect("damage");
    let damaged = std::fs::read(&file).expect("bytes");

    let app = App::launch_with(home.path(), &[file.to_str().expect("utf-8")]).await;
    app.find_with_prefix(".problem h2", "This portfolio could not be opened").await;
    let offer = text_of(&app.find(".problem").await).await;
    assert!(offer.contains("is damaged") && offer.contains("The newest was taken"), "{offer}");
    app.screenshot("damaged").await;
    assert!(std::fs::read(&file).expect("bytes") == damaged, "the damaged file is never written");

    app.with_text(".problem button", "Restore the newest snapshot").await.click().await.expect("restore");
    app.find_with_prefix(".toast span", "Snapshot restored. The damaged file is kept as").await;
    app.wait_until("the projects are back", || async { app.all("[data-project-id]").await.len() == 3 }).await;
    let kept: Vec<_> = std::fs::read_dir(home.path())
        .expect("folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("Roll-out.gantry.replaced-"))
        .map(|e| e.path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(std::fs::read(&kept[0]).expect("bytes") == damaged, "the damaged file is kept aside as it was");
    app.quit().await;
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn a_portfolio_from_a_newer_gantry_is_shown_read_only() {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("Future.gantry");
    drop(gantry_api::Portfolio::create_sample(&file, chrono_today()).expect("a portfolio"));
    {
        let db = rusqlite::Connection::open(&file).expect("raw");
        db.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x', '2030-01-01T00:00:00')", [])
            .expect("newer");
    }
    let before = std::fs::read(&file).expect("bytes");
    let app = App::launch_with(home.path(), &[file.to_str().expect("utf-8")]).await;
    let banner = text_of(&app.find(".read-only").await).await;
    assert!(banner.contains("newer version of Gantry") && banner.contains("reading only"), "{banner}");
    app.wait_until("the projects show", || async { app.all("[data-project-id]").await.len() == 3 }).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot("read-only").await;
    // A change is refused with the reason, and the file stays as it was.
    app.with_text("[data-project-id] .link", "CRM migration to Dynamics 365")
        .await
        .click()
        .await
        .expect("open a project");
    app.with_text(".toolbar button", "+ Add task").await.click().await.expect("try to add a task");
    app.find_with_prefix(".toast.error span", &format!("{} was saved by a newer version", file.display())).await;
    app.quit().await;
    assert!(std::fs::read(&file).expect("bytes") == before, "not one byte changed");
}

/// The id of the sample's person named `name`, and whether the workload
/// over the next months shows them over-allocated.
fn person(file: &std::path::Path, name: &str) -> (i64, bool) {
    let p = gantry_api::Portfolio::open(file).expect("the portfolio opens");
    let today = chrono_today();
    let load = p.workload(today, today + chrono::Days::new(120), gantry_api::wire::Period::Week).expect("the workload");
    let who = load.people.iter().find(|x| x.name == name).expect("the person");
    (who.id, who.overallocated)
}

/// A person with work planned on a task this week, their name, and that task.
fn planned_this_week(file: &std::path::Path) -> (i64, String, i64) {
    let p = gantry_api::Portfolio::open(file).expect("the portfolio opens");
    let today = chrono_today();
    for member in p.team().expect("team") {
        if let Some(row) = p.timesheet(member.id, &today.to_string()).expect("timesheet").rows.first() {
            return (member.id, member.name, row.task_id);
        }
    }
    panic!("nobody has work planned this week in the sample");
}

fn logged_today(file: &std::path::Path, member: i64, task: i64) -> i64 {
    use chrono::Datelike;
    let p = gantry_api::Portfolio::open(file).expect("the portfolio opens");
    let today = chrono_today();
    let sheet = p.timesheet(member, &today.to_string()).expect("timesheet");
    let day = today.weekday().num_days_from_monday() as usize;
    sheet.rows.iter().find(|r| r.task_id == task).map_or(0, |r| r.minutes[day])
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn a_manager_sees_who_is_overloaded_across_projects_fixes_it_and_collects_hours() {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("data/app.gantry.desktop/Portfolio.gantry");
    let app = App::launch(home.path()).await;
    app.wait_until("the sample is there", || async { app.all("[data-project-id]").await.len() == 3 }).await;

    // The team, editable, with skills and absences.
    app.with_text("header .areas button", "Team").await.click().await.expect("the Team area");
    app.with_text(".people td", "IT project manager").await.click().await.expect("open Ana's details");
    // Her raise from the first of next month is listed with its rate.
    let raise = app.find_with_prefix(".panel .away li", "from ").await;
    assert!(text_of(&raise).await.contains("99.00"), "Ana's new rate: {}", text_of(&raise).await);
    app.screenshot("team").await;
    app.with_text(".tabs button", "Skill matrix").await.click().await.expect("the skill matrix");
    app.find("input[aria-label='Skill to look for']").await.send_keys("Kubernetes").await.expect("type a skill");
    app.wait_until("only the people who know Kubernetes are listed", || async {
        let names = app.all(".matrix tbody .who strong").await;
        names.len() == 2
    })
    .await;
    app.screenshot("skills").await;

    // The workload shows the sample's one conflict in red: Sofia, booked on
    // the CRM cut-over and on the portal at once.
    let (sofia, over) = person(&file, "Sofia Lindqvist");
    assert!(over, "the sample books Sofia twice during the CRM cut-over");
    app.with_text(".tabs button", "Workload").await.click().await.expect("the workload");
    let red = format!(".cell.over[data-person='{sofia}']");
    app.find(&red).await;
    app.screenshot("workload").await;
    app.find(&red).await.click().await.expect("click the red cell");
    let task = app.with_text(".detail li strong", "Load customer accounts from the new CRM").await;
    assert!(!text_of(&task).await.is_empty());
    let items = app.all(".detail li").await;
    let mut reassign = None;
    for li in items {
        if text_of(&li).await.contains("Load customer accounts from the new CRM") {
            reassign = li.find(gantry_tests::Locator::Css("button:nth-of-type(2)")).await.ok();
        }
    }
    reassign.expect("a Reassign button for the portal task").click().await.expect("Reassign…");
    // Ana knows Dynamics 365, the skill the task needs, and has time.
    let ana = app.find_with_prefix(".offers .offer", "Ana Moreau").await;
    ana.click().await.expect("give the task to Ana");
    app.wait_until("Sofia's red cells are gone", || async { app.all(&red).await.is_empty() }).await;
    assert!(!person(&file, "Sofia Lindqvist").1, "the portfolio agrees: Sofia is no longer over-allocated");
    assert!(!person(&file, "Ana Moreau").1, "and Ana is not over-allocated by it");

    // Hours typed in this week's timesheet are the task's actual work, and
    // survive a restart.
    let (member, name, task) = planned_this_week(&file);
    let today = chrono_today();
    app.with_text(".tabs button", "Timesheets").await.click().await.expect("timesheets");
    let select = app.find("select[aria-label='Person']").await;
    select.select_by_label(&name).await.expect("choose the person");
    let cell = format!("input[data-task='{task}'][data-day='{today}']");
    let input = app.find(&cell).await;
    input.send_keys("6.5").await.expect("type hours");
    input.send_keys(keys::TAB).await.expect("leave the cell");
    app.wait_until("the hours are saved", || async { logged_today(&file, member, task) == 390 }).await;
    app.screenshot("timesheet").await;
    app.quit().await;

    let app = App::launch(home.path()).await;
    app.with_text("header .areas button", "Team").await.click().await.expect("the Team area");
    app.with_text(".tabs button", "Timesheets").await.click().await.expect("timesheets");
    app.find("select[aria-label='Person']").await.select_by_label(&name).await.expect("choose the person");
    let input = app.find(&cell).await;
    app.wait_until("the hours are still there after a restart", || async {
        input.prop("value").await.ok().flatten().as_deref() == Some("6.5")
    })
    .await;
    let p = gantry_api::Portfolio::open(&file).expect("opens");
    let staffing = p.staffing(task).expect("staffing");
    assert!(staffing.actual_minutes >= 390, "the task's actual work counts the hours: {}", staffing.actual_minutes);
    app.quit().await;
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn a_manager_reads_the_crm_budget_records_an_invoice_and_sees_actual_cost_rise() {
    let home = tempfile::tempdir().expect("home");
    let app = App::launch(home.path()).await;
    // The dashboard: each project's spend and indices, the CRM's CPI in red,
    // and the licence contract whose notice day is near.
    app.find("[data-renewals]").await;
    app.find_with_prefix("[data-renewals] li", "Contoso Cloud Solutions").await;
    app.find("[data-project-id] .index.bad").await;
    app.screenshot("dashboard-budget").await;
    app.with_text("[data-project-id] .link", "CRM migration to Dynamics 365").await.click().await.expect("open CRM");
    app.with_text(".tabs button", "Budget").await.click().await.expect("the Budget tab");
    // The sample's CRM migration runs over budget: CPI below 0.9, in red.
    let cpi = app.find(".figure.bad[data-figure='cpi'] strong").await;
    let value: f64 = text_of(&cpi).await.parse().expect("a number");
    assert!(value < 0.9, "CPI {value}");
    let licences = app.find_with_prefix(".lines tbody tr", "Software licences").await;
    assert!(text_of(&licences).await.contains("-6,000.00 EUR"), "the licence price rise is the line's variance");
    app.find(".pill.at_risk").await;
    app.screenshot("budget").await;
    // The contractor's second statement falls due when the cleansing finishes.
    let second = app.find_with_prefix("tr.payments li", "Second statement of work").await;
    second.find(gantry_tests::Locator::Css("input[type=checkbox]")).await.expect("a paid box");
    let said = text_of(&second).await;
    assert!(said.contains("when “Cleanse duplicates and orphan records” is reached"), "{said}");
    app.screenshot("budget-contracts").await;

    // An invoice recorded on the training line shows as actual spend.
    let before = text_of(&app.find(".total td:nth-child(4)").await).await;
    app.find("input[aria-label='Amount']").await.send_keys("1250").await.expect("amount");
    app.find("input[aria-label='Vendor']").await.send_keys("Tailspin Training").await.expect("vendor");
    app.find("select[aria-label='Budget line']")
        .await
        .select_by_label("Training rooms and materials")
        .await
        .expect("the training line");
    app.with_text("button", "Record").await.click().await.expect("record");
    app.wait_until("the total actual spend grows by 1,250.00", || async {
        let after = text_of(&app.find(".total td:nth-child(4)").await).await;
        let amount = |s: &str| s.trim_end_matches(" EUR").replace(',', "").parse::<f64>().unwrap_or(0.0);
        (amount(&after) - amount(&before) - 1250.0).abs() < 0.01
    })
    .await;

    // A month of the training line's plan, typed in the monthly plan, adds
    // to the line's planned total.
    let planned = || async { euros(&text_of(&app.find(".total td:nth-child(2)").await).await) };
    let before = planned().await;
    let row = app.find_with_prefix("table.plan tbody tr", "Training rooms and materials").await;
    let cell = row.find(gantry_tests::Locator::Css("input[data-month]")).await.expect("a month of the plan");
    let old: f64 = cell.prop("value").await.ok().flatten().and_then(|v| v.parse().ok()).unwrap_or(0.0);
    cell.clear().await.expect("clear the month");
    cell.send_keys(&format!("{:.2}", old + 1000.0)).await.expect("type the month's amount");
    cell.send_keys(keys::TAB).await.expect("leave the cell");
    app.wait_until("the planned total grows by 1,000.00", || async {
        (planned().await - before - 1000.0).abs() < 0.01
    })
    .await;
    app.screenshot("budget-monthly-plan").await;

    // A material priced per seat, put on a task: its cost is the quantity at the price.
    app.find("input[aria-label='Resource name']").await.send_keys("Power BI Pro licence").await.expect("name");
    app.find("input[aria-label='Unit']").await.send_keys("seat").await.expect("unit");
    app.find("input[aria-label='Price per unit']").await.send_keys("12.50").await.expect("price");
    app.with_text("button", "Add resource").await.click().await.expect("add the material");
    let resource = app.find_with_prefix(".resource", "Power BI Pro licence").await;
    let task = resource.find(gantry_tests::Locator::Css("select[name=task]")).await.expect("the task list");
    task.select_by_label("Management dashboards in Power BI").await.expect("a task");
    let quantity = resource.find(gantry_tests::Locator::Css("input[name=value]")).await.expect("the quantity");
    quantity.send_keys("40").await.expect("40 seats");
    quantity.send_keys(keys::ENTER).await.expect("set");
    app.wait_until("the licences cost 40 × 12.50", || async {
        text_of(&app.find_with_prefix(".resource", "Power BI Pro licence").await).await.contains("500.00 EUR in all")
    })
    .await;
    app.screenshot("budget-resources").await;
    app.quit().await;
}

/// Someone with work planned this week on a task of the CRM migration: their
/// id and name, and the task.
fn crm_work_this_week(file: &std::path::Path) -> (i64, String, i64) {
    let p = gantry_api::Portfolio::open(file).expect("the portfolio opens");
    let today = chrono_today();
    for member in p.team().expect("team") {
        let sheet = p.timesheet(member.id, &today.to_string()).expect("timesheet");
        if let Some(row) = sheet.rows.iter().find(|r| r.project.starts_with("CRM migration")) {
            return (member.id, member.name, row.task_id);
        }
    }
    panic!("nobody has CRM work planned this week in the sample");
}

/// An amount as the budget view prints it ("152,281.25 EUR"), in euros.
fn euros(text: &str) -> f64 {
    text.trim().trim_end_matches(" EUR").replace(',', "").parse().unwrap_or_else(|_| panic!("an amount: {text}"))
}

/// Euros as the report prints them: whole, grouped by thousands.
fn whole_euros(amount: f64) -> String {
    let digits = (amount.round() as i64).abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The CRM's budget tab: its earned value, actual cost, CPI as shown, and estimate at completion.
async fn crm_budget(app: &App) -> (f64, f64, String, String) {
    app.with_text("[data-project-id] .link", "CRM migration to Dynamics 365").await.click().await.expect("open CRM");
    app.with_text(".tabs button", "Budget").await.click().await.expect("the Budget tab");
    let figure =
        |key: &'static str| async move { text_of(&app.find(&format!("[data-figure='{key}'] strong")).await).await };
    (euros(&figure("ev").await), euros(&figure("ac").await), figure("cpi").await, figure("eac").await)
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn hours_logged_in_a_timesheet_are_actual_cost_in_the_budget_view_and_the_report_after_a_restart() {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("data/app.gantry.desktop/Portfolio.gantry");
    let app = App::launch(home.path()).await;
    app.wait_until("the sample is there", || async { app.all("[data-project-id]").await.len() == 3 }).await;
    let (member, name, task) = crm_work_this_week(&file);
    let rate = gantry_api::Portfolio::open(&file)
        .expect("opens")
        .team()
        .expect("team")
        .into_iter()
        .find(|m| m.id == member)
        .expect("the person")
        .standard_rate;
    let (ev, ac_before, _, eac_before) = crm_budget(&app).await;

    // A day of work on the CRM, typed in this week's timesheet.
    app.with_text("header .areas button", "Team").await.click().await.expect("the Team area");
    app.with_text(".tabs button", "Timesheets").await.click().await.expect("timesheets");
    app.find("select[aria-label='Person']").await.select_by_label(&name).await.expect("choose the person");
    let input = app.find(&format!("input[data-task='{task}'][data-day='{}']", chrono_today())).await;
    input.send_keys("8").await.expect("type hours");
    input.send_keys(keys::TAB).await.expect("leave the cell");
    app.wait_until("the hours are saved", || async { logged_today(&file, member, task) == 480 }).await;
    app.quit().await;

    // After a restart the budget view counts them: actual cost up by 8 h at
    // the person's rate, CPI down.
    let app = App::launch(home.path()).await;
    app.wait_until("the portfolio is back", || async { app.all("[data-project-id]").await.len() == 3 }).await;
    let (ev_after, ac, cpi, eac) = crm_budget(&app).await;
    let rise = 8.0 * rate as f64 / 100.0;
    assert!((ac - ac_before - rise).abs() < 0.01, "actual cost {ac_before} + {rise} = {ac}");
    assert_eq!(ev_after, ev, "hours alone earn nothing");
    assert_eq!(cpi, format!("{:.2}", ev / ac), "CPI = EV ÷ AC with the new actual cost");
    assert!(euros(&eac) > euros(&eac_before), "the estimate at completion rises: {eac_before} → {eac}");
    app.screenshot("budget-after-hours").await;

    // The report's budget section says the same, its S-curve forecasting to
    // the new estimate.
    app.with_text(".head button", "Export PDF").await.click().await.expect("open the report dialog");
    let dialog = "[role=dialog][aria-label^='Report on']";
    let budget = app.find(&format!("{dialog} input[name=section-budget]")).await;
    assert_eq!(
        budget.prop("checked").await.ok().flatten().as_deref(),
        Some("true"),
        "the budget section is in by default"
    );
    app.find(&format!("{dialog} input[name=open]")).await.click().await.expect("do not open a viewer");
    app.with_text(&format!("{dialog} button"), "Export PDF…").await.click().await.expect("export");
    let pdf = home.path().join("CRM status.pdf");
    answer_file_dialog("Save the PDF report", &pdf);
    app.find_with_prefix(".toast span", "Report saved").await;
    // The communication plan's weekly status report is due: the app offers
    // to mark it sent.
    app.with_text(".toast button", "Mark it sent").await.click().await.expect("mark it sent");
    app.find_with_prefix(".toast span", "“Weekly status report” marked sent").await;
    {
        let p = gantry_api::Portfolio::open(&file).expect("opens");
        let crm = p.project_named("CRM migration to Dynamics 365").expect("CRM");
        let plan = p.stakeholder_view(crm, chrono_today()).expect("stakeholders").communications;
        let weekly = plan.iter().find(|c| c.what == "Weekly status report").expect("the weekly report");
        assert_eq!(weekly.last_sent.as_deref(), Some(chrono_today().to_string().as_str()));
        assert!(!weekly.overdue);
    }
    let text = poppler("pdftotext", &pdf);
    assert!(text.contains("Budget and earned value"), "the budget section");
    assert!(text.contains(&whole_euros(ac)), "the report's actual cost is the view's: {}", whole_euros(ac));
    assert!(text.contains(&cpi), "and its CPI: {cpi}");
    assert!(text.contains(&format!("Forecast to {}", whole_euros(euros(&eac)))), "the S-curve forecasts to {eac}");
    app.quit().await;
}

/// How many risks the heat map cell of `probability` × `impact` counts.
async fn heat_count(app: &App, probability: u8, impact: u8) -> u32 {
    let cell = app.find(&format!(".heat .cell[data-probability='{probability}'][data-impact='{impact}']")).await;
    text_of(&cell).await.trim().parse().unwrap_or(0)
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn a_security_risk_goes_to_the_top_of_the_register_its_mitigation_into_the_plan_and_both_survive_a_restart() {
    let home = tempfile::tempdir().expect("home");
    let app = App::launch(home.path()).await;
    app.wait_until("the sample is there", || async { app.all("[data-project-id]").await.len() == 3 }).await;
    // The dashboard: the portfolio's top risks, each project's highest open
    // risk, and the CRM's overdue review.
    app.find("[data-top-risks] li").await;
    app.find("[data-project-id] [data-top-risk]").await;
    app.find("[data-project-id] [data-overdue-reviews]").await;
    app.screenshot("dashboard-risks").await;

    app.with_text("[data-project-id] .link", "CRM migration to Dynamics 365").await.click().await.expect("open CRM");
    app.with_text(".tabs button", "Risks and issues").await.click().await.expect("the Risks tab");
    app.find("table.list tbody tr[data-risk]").await;
    let before = heat_count(&app, 4, 5).await;
    app.screenshot("risk-register").await;

    // A security risk, probability 4 and impact 5.
    app.with_text("button", "New risk").await.click().await.expect("new risk");
    let title = "Customer records exposed through the staging tenant";
    app.find("input[aria-label='Risk title']").await.send_keys(title).await.expect("title");
    app.find("select[aria-label='Probability']")
        .await
        .select_by_label("4 · Likely: 50–70 %")
        .await
        .expect("probability 4");
    app.find("select[aria-label='Impact']").await.select_by_label("5 · Over 20 % of budget").await.expect("impact 5");
    app.find("input[aria-label='Cost impact']").await.send_keys("50000").await.expect("cost");
    app.find("input[aria-label='Chance']").await.send_keys("40").await.expect("chance");
    app.find("select[aria-label='Owner']").await.select_by_label("Omar Haddad").await.expect("owner");
    app.find("input[aria-label='Asset']")
        .await
        .send_keys("Customer records in the staging tenant")
        .await
        .expect("asset");
    app.find("input[aria-label='Reference']").await.send_keys("A.5.15").await.expect("reference");
    // It threatens the first migration dry-run.
    app.find(".threatens summary").await.click().await.expect("the tasks it threatens");
    app.find_with_prefix(".task-picks label", "Migration dry-run 1").await.click().await.expect("dry-run 1");
    app.with_text("button", "Add to the register").await.click().await.expect("add");
    app.find_with_prefix(".toast span", "Risk added").await;

    // In the top-right corner of the heat map, and first in the list.
    app.wait_until("the heat map counts it", || async { heat_count(&app, 4, 5).await == before + 1 }).await;
    let first = app.find("table.list tbody tr[data-risk]").await;
    let row = text_of(&first).await;
    assert!(row.contains(title) && row.contains("20") && row.contains("20,000.00 EUR"), "{row}");
    // Clicking the cell shows only the risks rated there.
    app.find(".heat .cell[data-probability='4'][data-impact='5']").await.click().await.expect("the cell");
    app.wait_until("the list shows that cell", || async {
        app.all("table.list tbody tr[data-risk]").await.len() as u32 == before + 1
    })
    .await;
    app.screenshot("risk-heat-map").await;

    // Its mitigation becomes a task of the plan.
    let action = "Remove guest accounts from staging";
    app.find("input[aria-label='New mitigation action']").await.send_keys(action).await.expect("the action");
    app.with_text("button", "Create as task").await.click().await.expect("create");
    app.find_with_prefix(".mitigations li", action).await;
    app.screenshot("risk-editor").await;
    // On the Gantt, right after the task it protects.
    app.with_text(".tabs button", "Gantt").await.click().await.expect("the Gantt");
    app.with_text(".row .name .text", action).await;
    let names: Vec<String> = outline(&app).await.into_iter().map(|(_, name)| name).collect();
    let at = names.iter().position(|n| n == action).expect("in the outline");
    assert_eq!(names[at - 1], "Migration dry-run 1");
    app.screenshot("risk-mitigation-on-gantt").await;
    app.quit().await;

    // After a restart it is all there.
    let app = App::launch(home.path()).await;
    app.wait_until("the portfolio is back", || async { app.all("[data-project-id]").await.len() == 3 }).await;
    let top = text_of(&app.find("[data-top-risks] li").await).await;
    assert!(top.contains(title), "the portfolio's top risk: {top}");
    app.with_text("[data-project-id] .link", "CRM migration to Dynamics 365").await.click().await.expect("open CRM");
    app.with_text(".row .name .text", action).await;
    app.with_text(".tabs button", "Risks and issues").await.click().await.expect("the Risks tab");
    assert_eq!(heat_count(&app, 4, 5).await, before + 1);
    let first = app.find("table.list tbody tr[data-risk]").await;
    assert!(text_of(&first).await.contains(title));
    first.find(gantry_tests::Locator::Css(".title")).await.expect("its title").click().await.expect("open it");
    app.find_with_prefix(".mitigations li", action).await;
    app.quit().await;
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn a_steering_committee_is_recorded_its_action_becomes_a_task_and_is_chased_when_overdue() {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("data/app.gantry.desktop/Portfolio.gantry");
    let app = App::launch(home.path()).await;
    app.wait_until("the sample is there", || async { app.all("[data-project-id]").await.len() == 3 }).await;
    // The sample's overdue actions and communications are on the dashboard.
    app.find("[data-follow-ups] [data-overdue-action]").await;
    app.find("[data-follow-ups] [data-overdue-communication]").await;
    app.screenshot("dashboard-follow-ups").await;

    app.with_text("[data-project-id] .link", "CRM migration to Dynamics 365").await.click().await.expect("open CRM");
    app.with_text(".tabs button", "Stakeholders").await.click().await.expect("the Stakeholders tab");
    app.find("svg.grid [data-stakeholder='Claire Dubois']").await;
    app.screenshot("stakeholders").await;
    // Dragged to the lower right of the grid: less influence, same interest.
    let dot = middle(app.rect("svg.grid [data-stakeholder='Ravi Menon']").await);
    let grid = app.rect("svg.grid").await;
    let target = (grid.0 + grid.2 * 0.9, grid.1 + grid.3 * 0.9);
    app.drag(dot, target).await;
    app.find_with_prefix(".toast span", "Ravi Menon: influence 1, interest 5").await;
    let ravi = gantry_api::Portfolio::open(&file)
        .expect("opens")
        .stakeholder_rows(None)
        .expect("stakeholders")
        .into_iter()
        .find(|s| s.name == "Ravi Menon")
        .expect("Ravi");
    assert_eq!((ravi.influence, ravi.interest, ravi.quadrant.as_str()), (1, 5, "keep_informed"));
    app.with_text(".tabs button", "Meetings and decisions").await.click().await.expect("the Meetings tab");
    app.find("[data-meeting='Steering committee 3']").await.click().await.expect("the sample's steering committee");
    app.find_with_prefix("[aria-label='Decisions of the meeting'] li", "Cut over in two waves").await;
    app.screenshot("meetings").await;

    // A new steering committee, with the sponsor.
    app.with_text("button", "New meeting").await.click().await.expect("new meeting");
    app.find("select[aria-label='Kind of meeting']").await.select_by_label("Steering committee").await.expect("kind");
    app.find("input[aria-label='Meeting title']").await.send_keys("Steering committee 4").await.expect("title");
    app.find("select[aria-label='Add an attendee']").await.select_by_label("Claire Dubois").await.expect("Claire");
    app.with_text("button", "Add").await.click().await.expect("add her");
    app.find("textarea[aria-label='Minutes']")
        .await
        .send_keys("Wave 1 is ready but for the training rooms.")
        .await
        .expect("minutes");
    app.with_text("button", "Record the meeting").await.click().await.expect("record");
    app.find_with_prefix(".toast span", "Meeting recorded").await;

    // A decision and an action item.
    let decision = "Train in the Lyon office in January";
    app.find("input[aria-label='Decision']").await.send_keys(decision).await.expect("decision");
    app.find("input[aria-label='Why']")
        .await
        .send_keys("The HQ rooms are taken by the year-end closing")
        .await
        .expect("why");
    app.find("input[aria-label='Decided by']").await.send_keys("Claire Dubois").await.expect("who");
    app.with_text("button", "Record decision").await.click().await.expect("record the decision");
    app.find_with_prefix("[aria-label='Decisions of the meeting'] li", decision).await;
    let action = "Book the Lyon training rooms";
    app.find("input[aria-label='Action']").await.send_keys(action).await.expect("action");
    app.find("select[aria-label='Action owner']").await.select_by_label("Lena Schmidt").await.expect("owner");
    app.with_text("button", "Add action").await.click().await.expect("add the action");
    let row = app.find(&format!("tr[data-action='{action}']")).await;
    // It becomes a task of the plan.
    row.find(gantry_tests::Locator::Css("button"))
        .await
        .expect("Make it a task")
        .click()
        .await
        .expect("make it a task");
    app.wait_until("the action names its task", || async {
        text_of(&app.find(&format!("tr[data-action='{action}']")).await).await.contains(&format!("task “{action}”"))
    })
    .await;
    app.find("input[aria-label='Search decisions']").await.send_keys("lyon").await.expect("search");
    app.wait_until("the log finds it", || async { app.all("tr[data-decision]").await.len() == 1 }).await;
    app.screenshot("meeting-recorded").await;
    app.quit().await;

    // Time passes: the meeting was a week ago and the action fell due yesterday.
    let today = chrono_today();
    {
        let mut p = gantry_api::Portfolio::open(&file).expect("opens");
        let crm = p.project_named("CRM migration to Dynamics 365").expect("CRM");
        let m = p
            .meeting_rows(Some(crm), today)
            .expect("meetings")
            .into_iter()
            .find(|m| m.title == "Steering committee 4")
            .expect("kept");
        assert_eq!(m.attendees.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Claire Dubois"]);
        let a = m.actions.iter().find(|a| a.title == action).expect("the action");
        let task = a.task.as_ref().expect("its task");
        assert!(p.plan(crm).expect("plan").tasks.iter().any(|t| t.id == task.id && t.name == action), "in the plan");
        let week_ago = today - chrono::Days::new(7);
        let fields = gantry_api::wire::MeetingFields {
            kind: m.kind.clone(),
            title: m.title.clone(),
            starts_at: format!("{week_ago}T10:00"),
            agenda: m.agenda.clone(),
            minutes: m.minutes.clone(),
            attendees: m.attendees.clone(),
        };
        let moved = gantry_api::wire::ActionFields {
            meeting_id: Some(m.id),
            title: a.title.clone(),
            owner_id: Some(a.owner_id),
            due: (today - chrono::Days::new(1)).to_string(),
            state: "open".into(),
        };
        p.edit_meeting(m.id, &fields).expect("a week ago");
        p.edit_action(a.id, &moved).expect("due yesterday");
    }
    let app = App::launch(home.path()).await;
    app.wait_until("the portfolio is back", || async { app.all("[data-project-id]").await.len() == 3 }).await;
    app.find(&format!("[data-follow-ups] [data-overdue-action='{action}']")).await;
    app.with_text("[data-project-id] .link", "CRM migration to Dynamics 365").await.click().await.expect("open CRM");
    app.with_text(".tabs button", "Meetings and decisions").await.click().await.expect("the Meetings tab");
    let row = text_of(&app.find(&format!("tr[data-action='{action}']")).await).await;
    assert!(row.contains("overdue") && row.contains(&format!("task “{action}”")), "{row}");
    app.find(&format!("tr[data-decision='{decision}']")).await;
    app.client
        .execute("document.querySelector('[aria-label=\"Decision log\"]').scrollIntoView()", vec![])
        .await
        .expect("scroll to the decision log");
    app.screenshot("decision-log").await;
    app.with_text(".back", "← Portfolio").await.click().await.expect("back to the portfolio");
    app.find("input[aria-label='Search the decisions of every project']")
        .await
        .send_keys("lyon january")
        .await
        .expect("search");
    app.wait_until("the portfolio's log finds it", || async {
        let found = app.all("[data-decision-log] li").await;
        found.len() == 1 && text_of(&found[0]).await.contains(decision)
    })
    .await;
    app.quit().await;
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn a_release_is_ticked_to_go_and_a_project_is_closed_into_a_read_only_archive() {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("data/app.gantry.desktop/Portfolio.gantry");
    let app = App::launch(home.path()).await;
    app.wait_until("the sample is there", || async { app.all("[data-project-id]").await.len() == 3 }).await;
    // The release calendar lists the CRM go-live with its readiness.
    let row = text_of(&app.find("[data-release-calendar] [data-release='CRM go-live 1.0']").await).await;
    assert!(row.contains("4/10"), "{row}");
    app.find("[data-archived]").await;
    let _ = app.client.execute("document.querySelector('[data-release-calendar]').scrollIntoView()", vec![]).await;
    app.screenshot("release-calendar").await;

    app.with_text("[data-project-id] .link", "CRM migration to Dynamics 365").await.click().await.expect("open CRM");
    app.with_text(".tabs button", "Releases").await.click().await.expect("the Releases tab");
    app.find("[data-release='CRM go-live 1.0']").await;
    app.find_with_prefix("h4 small", "4 of 10 done").await;
    // Two items ticked as a person would: the checkbox of each.
    for item in ["Users trained", "Service desk and support briefed"] {
        app.find(&format!("input[aria-label='{item}']")).await.click().await.expect("tick");
    }
    app.find_with_prefix("h4 small", "6 of 10 done").await;
    // The go/no-go meeting says go.
    let gate = app.find("[data-checkpoint='Go/no-go meeting']").await;
    gate.find(gantry_tests::Locator::Css("input"))
        .await
        .expect("who decides")
        .send_keys("Steering committee")
        .await
        .expect("typed");
    gate.find(gantry_tests::Locator::Css("button.go")).await.expect("Go").click().await.expect("go");
    app.find_with_prefix(".toast span", "Go recorded").await;
    app.wait_until("the release is go", || async {
        app.client
            .execute("return document.querySelector(\"select[aria-label='Release state']\").value", vec![])
            .await
            .map(|v| v.as_str() == Some("go"))
            .unwrap_or(false)
    })
    .await;
    let _ = app.client.execute("document.querySelector('.releases').scrollTo(0, 0)", vec![]).await;
    app.screenshot("release").await;
    // The freeze is on the board.
    app.with_text(".tabs button", "Board").await.click().await.expect("the board");
    app.find("p.freeze[data-freeze='CRM go-live 1.0']").await;
    {
        let p = gantry_api::Portfolio::open(&file).expect("opens");
        let crm = p.project_named("CRM migration to Dynamics 365").expect("CRM");
        let r = p.release_rows(Some(crm), chrono_today()).expect("releases").into_iter().next().expect("release");
        assert_eq!((r.state.as_str(), r.checklist_done), ("go", 6));
        assert!(r.checkpoints.iter().any(|c| c.verdict == "go" && c.decided_by == "Steering committee"));
    }

    // The plan leaves as MS Project XML through File → Export, and comes back with the same dates.
    let xml = home.path().join("crm.xml");
    file_menu(&app, "Export project as MS Project XML").await;
    answer_file_dialog("Save as MS Project XML", &xml);
    let saved = text_of(&app.find_with_prefix(".toast span", "Saved").await).await;
    assert!(saved.ends_with("crm.xml"), "{saved}");
    {
        let mut p = gantry_api::Portfolio::open(home.path().join("copy.gantry")).expect("a second portfolio");
        let bytes = std::fs::read(&xml).expect("the export");
        let again = p.import_mspdi(&bytes, "crm.xml", chrono::Local::now().naive_local()).expect("imports");
        assert!(again.warnings.is_empty(), "{:?}", again.warnings);
        let original = gantry_api::Portfolio::open(&file).expect("opens");
        let crm = original.project_named("CRM migration to Dynamics 365").expect("CRM");
        let dates = |plan: gantry_api::wire::ProjectPlan| -> Vec<(String, String, String)> {
            plan.tasks.into_iter().map(|t| (t.name, t.start, t.finish)).collect()
        };
        assert_eq!(dates(original.plan(crm).expect("plan")), dates(p.plan(again.project_id).expect("plan")));
    }

    // The network refresh is closed, its unfinished work left as not delivered.
    app.find("button.back").await.click().await.expect("back to the portfolio");
    app.with_text("[data-project-id] .link", "Office network refresh").await.click().await.expect("open it");
    app.with_text(".tabs button", "Close-out").await.click().await.expect("the Close-out tab");
    app.with_text("button", "Close the project…").await.click().await.expect("close");
    app.find("input[type='radio'][value='leave']").await.click().await.expect("leave them");
    app.find("textarea[aria-label='Closing summary']")
        .await
        .send_keys("Stopped after the headquarters: the branches move to the 2027 budget.")
        .await
        .expect("summary");
    app.with_text("button", "Close and archive").await.click().await.expect("close and archive");
    app.find_with_prefix(".toast span", "“Office network refresh” is closed").await;
    app.find_with_prefix(".banner strong", "Closed on").await;
    app.screenshot("closeout").await;
    app.quit().await;

    // After a restart it is archived off the dashboard, read-only, and reopenable.
    let app = App::launch(home.path()).await;
    app.wait_until("two projects in flight", || async { app.all("[data-project-id]").await.len() == 2 }).await;
    app.with_text("[data-archived] .link", "Office network refresh").await.click().await.expect("open the archive");
    app.with_text(".tabs button", "Releases").await.click().await.expect("Releases");
    app.find("p.archived").await;
    app.with_text(".tabs button", "Close-out").await.click().await.expect("Close-out");
    app.find_with_prefix(".banner strong", "Closed on").await;
    app.quit().await;
    let mut p = gantry_api::Portfolio::open(&file).expect("opens");
    let network = p.project_named("Office network refresh").expect("network");
    let task = p.plan(network).expect("plan").tasks.iter().rev().find(|t| !t.has_children).expect("a task").id;
    let err = p.delete_task(task).expect_err("read-only").to_string();
    assert!(err.contains("closed"), "{err}");
    let c = p.closeout_view(network, chrono_today()).expect("view").closure.expect("closed");
    assert_eq!(c.unfinished, "left");
    assert!(c.summary.starts_with("Stopped after the headquarters"));
}

/// Answers the import report: checks the file's format is named, then
/// imports.
async fn accept_import(app: &App, format: &str) {
    let facts = text_of(&app.find("[role=dialog][aria-label^='Import '] .facts").await).await;
    assert!(facts.starts_with(format), "{facts}");
    app.with_text("[role=dialog][aria-label^='Import '] .actions button", "Import")
        .await
        .click()
        .await
        .expect("import");
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "drives the built app under Xvfb; ./scripts/test runs it"]
async fn plans_come_in_through_their_report_and_go_out_as_ms_project_xml() {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("data/app.gantry.desktop/Portfolio.gantry");
    let gan = home.path().join("Rollout.gan");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/fixtures/gan/task_task-with-dependencies.gan"),
        &gan,
    )
    .expect("a GanttProject file");
    let app = App::launch(home.path()).await;
    app.wait_until("the sample is open", || async { file_name(&app).await == "Portfolio" }).await;
    let projects = app.all("[data-project-id]").await.len();

    // A GanttProject file: its report first, then the import.
    file_menu(&app, "Import a plan").await;
    answer_file_dialog("Import a plan", &gan);
    let dialog = "[role=dialog][aria-label='Import Rollout.gan']";
    let facts = text_of(&app.find(&format!("{dialog} .facts")).await).await;
    assert!(facts.contains("5 tasks") && facts.contains("links"), "{facts}");
    app.screenshot("import-gan-report").await;
    accept_import(&app, "GanttProject").await;
    let toast = text_of(&app.find_with_prefix(".toast span", "Imported").await).await;
    assert!(toast.contains("5 tasks"), "{toast}");

    // It leaves as MS Project XML and comes back as a second project.
    let xml = home.path().join("rollout.xml");
    file_menu(&app, "Export project as MS Project XML").await;
    answer_file_dialog("Save as MS Project XML", &xml);
    app.find_with_prefix(".toast span", "Saved").await;
    file_menu(&app, "Import a plan").await;
    answer_file_dialog("Import a plan", &xml);
    let agree = app.find("[role=dialog][aria-label='Import rollout.xml'] section[aria-label=Dates] p.muted").await;
    assert_eq!(text_of(&agree).await, "Gantry computes the file's dates for every task that has them.");
    accept_import(&app, "MS Project XML").await;
    app.find_with_prefix(".toast span", "Imported").await;

    // A spreadsheet whose headers Gantry does not know: the user maps the
    // name column, and the import is allowed.
    let csv = home.path().join("Plan.csv");
    std::fs::write(&csv, "Vorgang;Anfang;Ende;Verantwortlich\nAnforderungen aufnehmen;04.01.2027;08.01.2027;Eva Braun\nSystem konfigurieren;11.01.2027;22.01.2027;Jan Holm\n")
        .expect("a CSV file");
    file_menu(&app, "Import a plan").await;
    answer_file_dialog("Import a plan", &csv);
    let dialog = "[role=dialog][aria-label='Import Plan.csv']";
    let problem = text_of(&app.find(&format!("{dialog} p.wrong")).await).await;
    assert!(problem.contains("name"), "{problem}");
    let import = app.with_text(&format!("{dialog} .actions button"), "Import").await;
    assert_eq!(import.prop("disabled").await.ok().flatten().as_deref(), Some("true"), "nothing to import yet");
    for (field, column) in
        [("name", "Vorgang"), ("start", "Anfang"), ("finish", "Ende"), ("assignee", "Verantwortlich")]
    {
        app.find(&format!("{dialog} select[name=map-{field}]")).await.select_by_value(column).await.expect("map");
        app.wait_until("the file is read again", || async { app.all(&format!("{dialog} .busy")).await.is_empty() })
            .await;
    }
    app.wait_until("the columns make a plan", || async { app.all(&format!("{dialog} p.wrong")).await.is_empty() })
        .await;
    let facts = text_of(&app.find(&format!("{dialog} .facts")).await).await;
    assert!(facts.contains("2 tasks") && facts.contains("2 people"), "{facts}");
    app.screenshot("import-csv-mapping").await;
    accept_import(&app, "CSV").await;
    app.find_with_prefix(".toast span", "Imported “Plan”").await;
    app.find("button.back").await.click().await.expect("back to the portfolio");
    app.wait_until("three more projects", || async { app.all("[data-project-id]").await.len() == projects + 3 }).await;
    app.quit().await;

    let p = gantry_api::Portfolio::open(&file).expect("opens");
    let listed = p.projects().expect("projects");
    let made: Vec<_> = listed.iter().filter(|s| s.name == "project-name").collect();
    assert_eq!(made.len(), 2, "the .gan project and its MS Project twin");
    let dates = |id: i64| -> Vec<(String, String, String)> {
        p.plan(id).expect("plan").tasks.into_iter().map(|t| (t.name, t.start, t.finish)).collect()
    };
    assert_eq!(dates(made[0].id), dates(made[1].id), "the same dates after going out and coming back");
    let plan = p.project_named("Plan").expect("the CSV project");
    let rows = p.plan(plan).expect("plan").tasks;
    assert_eq!(rows[1].name, "System konfigurieren");
    assert_eq!((rows[1].start.as_str(), rows[1].finish.as_str()), ("2027-01-11T08:00:00", "2027-01-22T17:00:00"));
}
