//! The UI's benchmark mode: the built app opens generated plans of
//! fixed size (`gantry generate`) in WebKitGTK and the page measures itself,
//! then prints the numbers. Nothing here fails on a slow machine; it fails
//! only if the view does not work. Run with `scripts/bench-ui.sh`, which
//! builds the release app and the plans, under Xvfb.

use std::path::PathBuf;

use gantry_tests::App;

/// The portfolio holding a generated plan of `tasks` tasks, made once.
fn plan_file(tasks: usize) -> PathBuf {
    let dir = std::env::var_os("GANTRY_BENCH_DIR").map_or_else(std::env::temp_dir, PathBuf::from);
    let file = dir.join(format!("gantry-bench-{tasks}.gantry"));
    if !file.exists() {
        let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).expect("day");
        gantry_api::Portfolio::create_generated(&file, tasks, tasks * 3 / 2, today).expect("generated plan");
    }
    file
}

/// How busy the machine is while the page is measured. The machine is
/// shared, and the same build scrolls at 60 frames a second in one hour
/// and at 45 in the next (BENCHMARKS.md): this line tells such runs apart.
/// It times the same work every run, scheduling the generated 10k plan, and
/// prints the median of 200 runs.
fn machine_check() {
    let (tasks, links) = gantry_core::generate::plan(1, 10_000, 15_000);
    let calendar = gantry_core::calendar::WorkCalendar::standard(1, "Standard");
    let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).and_then(|d| d.and_hms_opt(8, 0, 0)).expect("start");
    let input = gantry_core::schedule::ScheduleInput {
        project_start: start,
        calendar: &calendar,
        calendars: &[],
        tasks: &tasks,
        links: &links,
        status_date: None,
    };
    let mut times: Vec<f64> = (0..200)
        .map(|_| {
            let t0 = std::time::Instant::now();
            std::hint::black_box(gantry_core::schedule::schedule(&input));
            t0.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("machine check: scheduling the 10k plan takes {:.2} ms (median of 200)", percentile(&times, 0.5));
}

/// Runs `script` in the page, which calls its last argument with the result.
async fn measure(app: &App, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
    app.client.execute_async(script, args).await.expect("the page measured")
}

const OPEN: &str = r#"
const [name, done] = [arguments[0], arguments[arguments.length - 1]];
const link = [...document.querySelectorAll('[data-project-id] .link')].find((a) => a.textContent.trim() === name);
const t0 = performance.now();
link.click();
const poll = () => {
  if (document.querySelector('[data-bar] .shape')) requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0)));
  else requestAnimationFrame(poll);
};
requestAnimationFrame(poll);
"#;

/// Frame times while the timeline scrolls down and right (`scroll`) or
/// zooms out and in (`zoom`), one step a frame, `count` frames.
const FRAMES: &str = r#"
const [what, count, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const s = document.querySelector('.scroller');
const action = {
  scroll: (n) => { s.scrollTop += 97; s.scrollLeft += n % 2 ? 40 : 0; },
  zoom: (n) => s.dispatchEvent(new KeyboardEvent('keydown', { key: ['-', '-', '+', '+'][n % 4], bubbles: true })),
}[what];
const frames = [];
let last = 0;
let n = 0;
function step(t) {
  if (last) frames.push(t - last);
  last = t;
  action(n);
  if (++n <= count) requestAnimationFrame(step); else done(frames);
}
requestAnimationFrame(step);
"#;

/// How long each step of a held drag takes to show its preview: from the
/// pointer moving to the frame after the view counted a new preview.
const DRAG: &str = r#"
const [steps, done] = [arguments[0], arguments[arguments.length - 1]];
const svg = document.querySelector('.view svg');
const bars = [...document.querySelectorAll('.bar.task .shape')];
const bar = bars[Math.floor(bars.length / 3)];
const box = bar.getBoundingClientRect();
const y = box.top + box.height / 2;
let x = box.left + box.width / 2;
const status = document.querySelector('.status');
const fire = (type, x) => svg.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, button: 0, pointerId: 1, bubbles: true }));
fire('pointerdown', x);
const times = [];
const next = () => {
  if (times.length === steps) {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    fire('pointerup', x);
    return done(times);
  }
  const before = status.dataset.previews;
  x += 14;
  const t0 = performance.now();
  const seen = new MutationObserver(() => {
    if (status.dataset.previews === before) return;
    seen.disconnect();
    requestAnimationFrame(() => { times.push(performance.now() - t0); next(); });
  });
  seen.observe(status, { attributes: true, attributeFilter: ['data-previews'] });
  fire('pointermove', x);
};
next();
"#;

fn numbers(v: &serde_json::Value) -> Vec<f64> {
    let mut out: Vec<f64> = v.as_array().into_iter().flatten().filter_map(serde_json::Value::as_f64).collect();
    out.sort_by(f64::total_cmp);
    out
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn frames(label: &str, v: &serde_json::Value) {
    let t = numbers(v);
    let mean = t.iter().sum::<f64>() / t.len().max(1) as f64;
    println!(
        "{label}: {:.0} frames a second (mean frame {mean:.1} ms, 95th percentile {:.1} ms, {} frames)",
        1000.0 / mean,
        percentile(&t, 0.95),
        t.len()
    );
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "a benchmark: scripts/bench-ui.sh runs it under Xvfb on the release app"]
async fn gantt_view_on_generated_plans() {
    machine_check();
    for tasks in [10_000, 100_000] {
        let file = plan_file(tasks);
        let home = tempfile::tempdir().expect("home");
        let name = format!("Generated plan of {tasks} tasks");
        // The app's first open of a project: nothing compiled yet, no font
        // or layout cache warm. It varies from launch to launch, so it is
        // measured over several launches at 10k.
        let launches = if tasks > 10_000 { 1 } else { 5 };
        let mut first = Vec::new();
        let mut launched: Option<App> = None;
        for _ in 0..launches {
            if let Some(app) = launched.take() {
                app.quit().await;
            }
            let app = App::launch_with(home.path(), &[file.to_str().expect("utf-8")]).await;
            app.wait_until("the projects are listed", || async { app.all("[data-project-id]").await.len() == 4 }).await;
            first.push(measure(&app, OPEN, vec![serde_json::json!(name)]).await.as_f64().unwrap_or(f64::NAN));
            launched = Some(app);
        }
        let app = launched.expect("the app was launched");
        first.sort_by(f64::total_cmp);
        match &first[..] {
            [once] => println!("{tasks} tasks: first frame {once:.0} ms after opening the project"),
            all => println!(
                "{tasks} tasks: first frame {:.0} ms after opening the project, median of {} launches ({:.0}–{:.0})",
                percentile(all, 0.5),
                all.len(),
                all[0],
                all[all.len() - 1]
            ),
        }
        let scrolling = measure(&app, FRAMES, vec![serde_json::json!("scroll"), serde_json::json!(240)]).await;
        frames(&format!("{tasks} tasks: scrolling"), &scrolling);
        let zooming = measure(&app, FRAMES, vec![serde_json::json!("zoom"), serde_json::json!(80)]).await;
        frames(&format!("{tasks} tasks: zooming"), &zooming);
        // Each step waits for its preview; a 100k plan takes longer per step.
        let steps = if tasks > 10_000 { 3 } else { 30 };
        let drag = numbers(&measure(&app, DRAG, vec![serde_json::json!(steps)]).await);
        println!(
            "{tasks} tasks: drag preview {:.1} ms median, {:.1} ms 95th percentile ({} steps)",
            percentile(&drag, 0.5),
            percentile(&drag, 0.95),
            drag.len()
        );
        let shown = app.all("[data-bar]").await.len();
        println!("{tasks} tasks: {shown} bars in the DOM");
        assert!(shown < 200, "only the rows on screen are drawn, not {shown}");
        // The first open above is the app's first: nothing compiled, no
        // font or layout cache warm. Opening the project again shows what
        // a planner going back and forth sees.
        let mut again = Vec::new();
        for _ in 0..5 {
            app.find(".back").await.click().await.expect("back to the portfolio");
            app.wait_until("the projects are listed", || async { app.all("[data-project-id]").await.len() == 4 }).await;
            again.push(measure(&app, OPEN, vec![serde_json::json!(name)]).await.as_f64().unwrap_or(f64::NAN));
        }
        again.sort_by(f64::total_cmp);
        println!(
            "{tasks} tasks: first frame {:.0} ms median when opened again ({} opens)",
            percentile(&again, 0.5),
            again.len()
        );
        app.quit().await;
    }
}

const OPEN_BOARD: &str = r#"
const [name, done] = [arguments[0], arguments[arguments.length - 1]];
const link = [...document.querySelectorAll('[data-project-id] .link')].find((a) => a.textContent.trim() === name);
link.click();
const tab = () => [...document.querySelectorAll('.tabs button')].find((b) => b.textContent.trim() === 'Board');
const start = () => {
  if (!tab() || !document.querySelector('.scroller')) return requestAnimationFrame(start);
  const t0 = performance.now();
  tab().click();
  const poll = () => {
    if (document.querySelector('[data-card-id]')) requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0)));
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
};
requestAnimationFrame(start);
"#;

/// Frame times while the longest column scrolls, one step a frame.
const SCROLL_COLUMN: &str = r#"
const [count, done] = [arguments[0], arguments[arguments.length - 1]];
const cells = [...document.querySelectorAll('[data-cell]')];
const cell = cells.reduce((a, b) => (b.scrollHeight > a.scrollHeight ? b : a));
const frames = [];
let last = 0, n = 0;
function step(t) {
  if (last) frames.push(t - last);
  last = t;
  cell.scrollTop += 97;
  cell.dispatchEvent(new Event('scroll'));
  if (++n <= count) requestAnimationFrame(step); else done(frames);
}
requestAnimationFrame(step);
"#;

/// Frame times while a card is held and moved across the columns, one
/// pointer move a frame; Escape then cancels, so nothing is written.
const DRAG_CARD: &str = r#"
const [count, done] = [arguments[0], arguments[arguments.length - 1]];
const card = document.querySelector('[data-card-id]');
const box = card.getBoundingClientRect();
const cells = [...document.querySelectorAll('[data-cell]')].map((c) => c.getBoundingClientRect());
const left = cells[0].left + 20, right = cells[cells.length - 1].right - 20;
let x = box.left + 20, y = box.top + 20;
card.dispatchEvent(new PointerEvent('pointerdown', { clientX: x, clientY: y, button: 0, pointerId: 1, bubbles: true }));
const frames = [];
let last = 0, n = 0;
function step(t) {
  if (last) frames.push(t - last);
  last = t;
  x = left + ((n * 23) % (right - left));
  y = box.top + 20 + ((n * 37) % 400);
  window.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, button: 0, pointerId: 1, bubbles: true }));
  if (++n <= count) requestAnimationFrame(step);
  else {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    done(frames);
  }
}
requestAnimationFrame(step);
"#;

#[tokio::test(flavor = "current_thread")]
#[ignore = "a benchmark: scripts/bench-ui.sh runs it under Xvfb on the release app"]
async fn board_of_5000_cards() {
    machine_check();
    let tasks = 5_000;
    let file = plan_file(tasks);
    let home = tempfile::tempdir().expect("home");
    let app = App::launch_with(home.path(), &[file.to_str().expect("utf-8")]).await;
    app.wait_until("the projects are listed", || async { app.all("[data-project-id]").await.len() == 4 }).await;
    let name = format!("Generated plan of {tasks} tasks");
    let first = measure(&app, OPEN_BOARD, vec![serde_json::json!(name)]).await;
    let cards = app.find(".toolbar .count").await;
    let count = gantry_tests::text_of(&cards).await;
    println!("board of {count}: first frame {:.0} ms after opening the tab", first.as_f64().unwrap_or(f64::NAN));
    let scrolling = measure(&app, SCROLL_COLUMN, vec![serde_json::json!(240)]).await;
    frames("board: scrolling a column of 4,900 cards", &scrolling);
    let dragging = measure(&app, DRAG_CARD, vec![serde_json::json!(240)]).await;
    frames("board: dragging a card across the columns", &dragging);
    let shown = app.all("[data-card-id]").await.len();
    println!("board: {shown} cards in the DOM");
    assert!(shown < 150, "only the cards in view are in the DOM, not {shown}");
    app.quit().await;
}

/// The portfolio holding a generated team of 200 people on 20,000 tasks, made once.
fn team_file() -> PathBuf {
    let dir = std::env::var_os("GANTRY_BENCH_DIR").map_or_else(std::env::temp_dir, PathBuf::from);
    let file = dir.join("gantry-bench-team.gantry");
    if !file.exists() {
        let today = chrono::Local::now().date_naive();
        gantry_api::Portfolio::create_staffed(&file, 200, 20_000, today).expect("generated team");
    }
    file
}

const OPEN_WORKLOAD: &str = r#"
const done = arguments[arguments.length - 1];
const tab = [...document.querySelectorAll('.tabs button')].find((b) => b.textContent.trim() === 'Workload');
const t0 = performance.now();
tab.click();
const poll = () => {
  if (document.querySelector('.grid canvas[data-drawn]')) requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0)));
  else requestAnimationFrame(poll);
};
requestAnimationFrame(poll);
"#;

const SCROLL_WORKLOAD: &str = r#"
const [count, done] = [arguments[0], arguments[arguments.length - 1]];
const s = document.querySelector('.grid');
const frames = [];
let last = 0;
let n = 0;
function step(t) {
  if (last) frames.push(t - last);
  last = t;
  s.scrollTop += 97;
  s.scrollLeft += n % 2 ? 40 : 0;
  if (++n <= count) requestAnimationFrame(step); else done(frames);
}
requestAnimationFrame(step);
"#;

#[tokio::test(flavor = "current_thread")]
#[ignore = "a benchmark: scripts/bench-ui.sh runs it under Xvfb on the release app"]
async fn workload_view_on_a_generated_team() {
    machine_check();
    let file = team_file();
    let home = tempfile::tempdir().expect("home");
    let app = App::launch_with(home.path(), &[file.to_str().expect("utf-8")]).await;
    app.wait_until("the projects are listed", || async { app.all("[data-project-id]").await.len() == 4 }).await;
    app.with_text("header .areas button", "Team").await.click().await.expect("the Team area");
    app.with_text(".tabs button", "Workload").await;
    let mut first = Vec::new();
    for _ in 0..5 {
        app.with_text(".tabs button", "People").await.click().await.expect("People");
        app.find(".people table").await;
        first.push(measure(&app, OPEN_WORKLOAD, vec![]).await.as_f64().unwrap_or(f64::NAN));
    }
    first.sort_by(f64::total_cmp);
    println!(
        "workload, 200 people and 20,000 assignments: first frame {:.0} ms after opening it, median of {} ({:.0}–{:.0})",
        percentile(&first, 0.5),
        first.len(),
        first[0],
        first[first.len() - 1]
    );
    let scrolling = measure(&app, SCROLL_WORKLOAD, vec![serde_json::json!(240)]).await;
    frames("workload, 200 people and 20,000 assignments: scrolling", &scrolling);
    let elements = app.all(".grid *").await.len();
    println!("workload, 200 people and 20,000 assignments: {elements} elements in the grid");
    assert!(elements < 1500, "only the rows and periods on screen are drawn, not {elements}");
    app.quit().await;
}
