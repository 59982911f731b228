//! The commands the webview may call. Each is a short adapter: state in, one
//! api call, the error mapped to `{code, message}`. They are `async` so they
//! run off the UI thread.

use gantry_api::Portfolio;
use gantry_api::wire::*;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::{AppState, open_picked, tell_views_all_changed};

type Reply<T> = Result<T, ApiError>;

#[tauri::command]
pub async fn portfolio_info(state: State<'_, AppState>) -> Reply<PortfolioInfo> {
    state.with(|p| p.info())
}

#[tauri::command]
pub async fn startup_problem(state: State<'_, AppState>) -> Reply<Option<ApiError>> {
    Ok(state.problem())
}

#[tauri::command]
pub async fn list_projects(state: State<'_, AppState>) -> Reply<Vec<ProjectSummary>> {
    state.with(|p| p.projects())
}

#[tauri::command]
pub async fn list_calendars(state: State<'_, AppState>) -> Reply<Vec<CalendarChoice>> {
    state.with(|p| p.calendars())
}

#[tauri::command]
pub async fn create_project(app: AppHandle, state: State<'_, AppState>, fields: ProjectFields) -> Reply<i64> {
    state.change(&app, None, |p| p.create_project(fields))
}

#[tauri::command]
pub async fn update_project(app: AppHandle, state: State<'_, AppState>, id: i64, fields: ProjectFields) -> Reply<()> {
    state.change(&app, Some(id), |p| p.update_project(id, fields))
}

#[tauri::command]
pub async fn delete_project(app: AppHandle, state: State<'_, AppState>, id: i64) -> Reply<()> {
    state.change(&app, None, |p| p.delete_project(id))
}

#[tauri::command]
pub async fn project_plan(state: State<'_, AppState>, id: i64) -> Reply<ProjectPlan> {
    state.with(|p| p.plan(id))
}

#[tauri::command]
pub async fn add_task(app: AppHandle, state: State<'_, AppState>, task: NewTask) -> Reply<i64> {
    let project = task.project_id;
    state.change(&app, Some(project), |p| p.add_task(task))
}

#[tauri::command]
pub async fn edit_task(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    edit: TaskEdit,
) -> Reply<Rescheduled> {
    state.change(&app, Some(project), |p| p.edit_task(id, edit))
}

#[tauri::command]
pub async fn shift_task(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64, shift: Shift) -> Reply<()> {
    state.change(&app, Some(project), |p| p.shift_task(id, shift))
}

#[tauri::command]
pub async fn delete_task(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<Deleted> {
    state.change(&app, Some(project), |p| p.delete_task(id))
}

/// Where a drag would put everything, listed for the tasks `shown`; writes
/// nothing and tells no one.
#[tauri::command]
pub async fn preview_drag(
    state: State<'_, AppState>,
    project: i64,
    drag: Drag,
    shown: Option<Vec<i64>>,
) -> Reply<Rescheduled> {
    state.with(|p| p.preview_drag(project, &drag, shown.as_deref()))
}

#[tauri::command]
pub async fn drop_drag(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    drag: Drag,
    shown: Option<Vec<i64>>,
) -> Reply<Rescheduled> {
    state.change(&app, Some(project), |p| p.drag(project, &drag, shown.as_deref()))
}

#[tauri::command]
pub async fn add_link(app: AppHandle, state: State<'_, AppState>, project: i64, link: NewLink) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_link(&link))
}

#[tauri::command]
pub async fn edit_link(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64, edit: LinkEdit) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_link(id, &edit))
}

#[tauri::command]
pub async fn remove_link(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.unlink(id))
}

#[tauri::command]
pub async fn save_baseline(app: AppHandle, state: State<'_, AppState>, project: i64, name: String) -> Reply<i64> {
    let now = chrono::Local::now().naive_local();
    state.change(&app, Some(project), |p| p.save_baseline(project, &name, now))
}

#[tauri::command]
pub async fn delete_baseline(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.delete_baseline(id))
}

#[tauri::command]
pub async fn baseline_dates(state: State<'_, AppState>, id: i64) -> Reply<Vec<BaselineDates>> {
    state.with(|p| p.baseline_dates(id))
}

#[tauri::command]
pub async fn undo(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<String>> {
    state.change(&app, None, Portfolio::undo)
}

#[tauri::command]
pub async fn redo(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<String>> {
    state.change(&app, None, Portfolio::redo)
}

#[tauri::command]
pub async fn recent_files(state: State<'_, AppState>) -> Reply<Vec<RecentFile>> {
    Ok(state.recent())
}

/// Asks for a portfolio file in a native dialog and opens it.
#[tauri::command]
pub async fn open_portfolio(app: AppHandle, state: State<'_, AppState>) -> Reply<bool> {
    let picked = app.dialog().file().add_filter("Gantry portfolio", &["gantry"]).blocking_pick_file();
    open_picked(&app, &state, picked.and_then(|f| f.into_path().ok()))
}

/// Asks where to create a new, empty portfolio and opens it.
#[tauri::command]
pub async fn new_portfolio(app: AppHandle, state: State<'_, AppState>) -> Reply<bool> {
    let dialog = app.dialog().file().add_filter("Gantry portfolio", &["gantry"]).set_file_name("Portfolio.gantry");
    open_picked(
        &app,
        &state,
        dialog.blocking_save_file().and_then(|f| f.into_path().ok()).map(|p| p.with_extension("gantry")),
    )
}

/// Reopens a file from the recent list, named by its place in the list so
/// the page never hands the backend a path.
#[tauri::command]
pub async fn open_recent(app: AppHandle, state: State<'_, AppState>, index: usize) -> Reply<bool> {
    let path = state.recent().get(index).map(|f| std::path::PathBuf::from(&f.path));
    open_picked(&app, &state, path)
}

#[tauri::command]
pub async fn history(state: State<'_, AppState>) -> Reply<Vec<HistoryRow>> {
    state.with(|p| p.history(200))
}

#[tauri::command]
pub async fn list_snapshots(state: State<'_, AppState>) -> Reply<Vec<SnapshotRow>> {
    Ok(state.snapshots())
}

#[tauri::command]
pub async fn restore_snapshot(app: AppHandle, state: State<'_, AppState>, name: String) -> Reply<Restored> {
    let restored = state.restore(&name)?;
    tell_views_all_changed(&app);
    Ok(restored)
}

/// Version, SQLite version and data folder for the About dialog.
#[tauri::command]
pub async fn about(state: State<'_, AppState>) -> Reply<Vec<(String, String)>> {
    Ok(vec![
        ("Version".into(), env!("CARGO_PKG_VERSION").into()),
        ("SQLite".into(), gantry_api::sqlite_version().into()),
        ("Data folder".into(), state.data_dir.display().to_string()),
    ])
}

/// Makes the PDF report of a project (or of the portfolio when `project`
/// is `None`): asks where to save it in a native dialog, lays it out off
/// the UI thread without holding the portfolio, writes it whole or not at
/// all, and opens it in the system's viewer if asked. `None` when the user
/// cancelled the dialog.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    state: State<'_, AppState>,
    project: Option<i64>,
    options: ReportOptions,
    open: bool,
) -> Reply<Option<ReportWritten>> {
    let now = chrono::Local::now().naive_local();
    // Check the choices before asking where to save.
    options.parse().map_err(ApiError::from)?;
    let name = state.with(|p| p.report_file_name(project, now))?;
    let picked = app
        .dialog()
        .file()
        .set_title("Save the PDF report")
        .add_filter("PDF document", &["pdf"])
        .set_file_name(&name)
        .blocking_save_file()
        .and_then(|f| f.into_path().ok());
    let Some(path) = picked else { return Ok(None) };
    let path =
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) { path } else { path.with_extension("pdf") };
    let job = state.with(|p| p.report_job(project, &options, now))?;
    let written = tauri::async_runtime::spawn_blocking(move || {
        let pdf = job.render()?;
        gantry_api::save_report(&path, &pdf)
    })
    .await
    .map_err(|e| ApiError::from(gantry_api::Error::Io(format!("The report could not be made: {e}"))))?
    .map_err(ApiError::from)?;
    if open {
        open_in_viewer(std::path::Path::new(&written.path));
    }
    Ok(Some(written))
}

// ------------------------------------------------------------------ board

/// The board, sprints and burndowns, with today deciding what is late.
#[tauri::command]
pub async fn project_board(state: State<'_, AppState>, project: i64) -> Reply<ProjectBoard> {
    state.with(|p| p.board(project, chrono::Local::now().date_naive()))
}

#[tauri::command]
pub async fn move_card(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    task: i64,
    drop: CardDrop,
) -> Reply<CardMoved> {
    state.change(&app, Some(project), |p| p.move_card(task, &drop, chrono::Local::now().naive_local()))
}

#[tauri::command]
pub async fn add_board_column(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    fields: ColumnFields,
    after: Option<i64>,
) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_board_column(project, &fields, after))
}

#[tauri::command]
pub async fn edit_board_column(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    fields: ColumnFields,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_board_column(id, &fields))
}

#[tauri::command]
pub async fn move_board_column(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    to: usize,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.move_board_column(id, to))
}

#[tauri::command]
pub async fn delete_board_column(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.delete_board_column(id))
}

#[tauri::command]
pub async fn set_wip_policy(app: AppHandle, state: State<'_, AppState>, project: i64, policy: WipPolicy) -> Reply<()> {
    state.change(&app, Some(project), |p| p.set_wip_policy(project, policy))
}

#[tauri::command]
pub async fn create_sprint(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    fields: SprintFields,
) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.create_sprint(project, &fields))
}

#[tauri::command]
pub async fn edit_sprint(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    fields: SprintFields,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_sprint(id, &fields))
}

#[tauri::command]
pub async fn delete_sprint(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.delete_sprint(id))
}

#[tauri::command]
pub async fn plan_task(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    task: i64,
    sprint: Option<i64>,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.plan_task(task, sprint))
}

#[tauri::command]
pub async fn start_sprint(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.start_sprint(id))
}

#[tauri::command]
pub async fn close_sprint(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    carry: CarryOver,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.close_sprint(id, carry))
}

/// Hands a file the app just wrote to the desktop's default program.
fn open_in_viewer(path: &std::path::Path) {
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    // A missing viewer is not an error worth a message: the file is saved,
    // and the notice says where.
    let _ = std::process::Command::new(opener)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
