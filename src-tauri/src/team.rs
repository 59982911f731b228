//! The team's commands: people, absences, assignments, the workload and
//! timesheets. Each is a short adapter onto `gantry_api`'s team module.
//! Team changes touch every project's plan, so views are told of all.

use gantry_api::wire::*;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

fn date(field: &str, raw: &str) -> Reply<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| ApiError {
        code: ErrorCode::Invalid,
        message: format!("“{raw}” is not a date (YYYY-MM-DD)."),
        field: Some(field.to_owned()),
    })
}

#[tauri::command]
pub async fn team(state: State<'_, AppState>) -> Reply<Vec<Person>> {
    state.with(|p| p.team())
}

#[tauri::command]
pub async fn add_person(app: AppHandle, state: State<'_, AppState>, fields: PersonFields) -> Reply<i64> {
    state.change(&app, None, |p| p.add_person(&fields))
}

#[tauri::command]
pub async fn edit_person(app: AppHandle, state: State<'_, AppState>, id: i64, fields: PersonFields) -> Reply<()> {
    state.change(&app, None, |p| p.edit_person(id, &fields))
}

/// Retires someone with history, removes someone without; true if retired.
#[tauri::command]
pub async fn retire_person(app: AppHandle, state: State<'_, AppState>, id: i64) -> Reply<bool> {
    state.change(&app, None, |p| p.retire_person(id))
}

#[tauri::command]
pub async fn reinstate_person(app: AppHandle, state: State<'_, AppState>, id: i64) -> Reply<()> {
    state.change(&app, None, |p| p.reinstate_person(id))
}

#[tauri::command]
pub async fn add_absence(app: AppHandle, state: State<'_, AppState>, absence: NewAbsence) -> Reply<i64> {
    state.change(&app, None, |p| p.add_absence(&absence))
}

#[tauri::command]
pub async fn remove_absence(app: AppHandle, state: State<'_, AppState>, id: i64) -> Reply<()> {
    state.change(&app, None, |p| p.remove_absence(id))
}

#[tauri::command]
pub async fn add_rate_change(app: AppHandle, state: State<'_, AppState>, change: NewRateChange) -> Reply<i64> {
    state.change(&app, None, |p| p.add_rate_change(&change))
}

#[tauri::command]
pub async fn remove_rate_change(app: AppHandle, state: State<'_, AppState>, id: i64) -> Reply<()> {
    state.change(&app, None, |p| p.remove_rate_change(id))
}

#[tauri::command]
pub async fn task_staffing(state: State<'_, AppState>, task: i64) -> Reply<TaskStaffing> {
    state.with(|p| p.staffing(task))
}

#[tauri::command]
pub async fn staff_task(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    task: i64,
    edit: StaffEdit,
) -> Reply<TaskStaffing> {
    state.change(&app, Some(project), |p| p.staff_task(task, &edit))
}

#[tauri::command]
pub async fn find_people(state: State<'_, AppState>, task: i64) -> Reply<Vec<Candidate>> {
    state.with(|p| p.find_people(task))
}

/// Everyone's load, without the tasks behind each cell.
#[tauri::command]
pub async fn workload(state: State<'_, AppState>, from: String, to: String, by: Period) -> Reply<Workload> {
    let (from, to) = (date("from", &from)?, date("to", &to)?);
    state.with(|p| p.workload_summary(from, to, by))
}

/// One person's load with the tasks behind it.
#[tauri::command]
pub async fn person_workload(
    state: State<'_, AppState>,
    member: i64,
    from: String,
    to: String,
    by: Period,
) -> Reply<LoadPerson> {
    let (from, to) = (date("from", &from)?, date("to", &to)?);
    state.with(|p| p.person_workload(member, from, to, by))
}

#[tauri::command]
pub async fn timesheet(state: State<'_, AppState>, member: i64, week: String) -> Reply<Timesheet> {
    state.with(|p| p.timesheet(member, &week))
}

#[tauri::command]
pub async fn log_hours(app: AppHandle, state: State<'_, AppState>, log: LogHours) -> Reply<()> {
    state.change(&app, None, |p| p.log_hours(&log))
}

#[tauri::command]
pub async fn correct_hours(app: AppHandle, state: State<'_, AppState>, correction: Correction) -> Reply<i64> {
    state.change(&app, None, |p| p.correct_hours(&correction))
}

#[tauri::command]
pub async fn review_week(
    app: AppHandle,
    state: State<'_, AppState>,
    member: i64,
    week: String,
    action: WeekAction,
) -> Reply<WeekState> {
    state.change(&app, None, |p| p.review_week(member, &week, action))
}

#[tauri::command]
pub async fn progress_from_hours(app: AppHandle, state: State<'_, AppState>, project: i64) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.progress_from_hours(project))
}

/// Asks where to save a period's timesheets as CSV and writes them whole or
/// not at all; the path written, or `None` when the user cancelled.
#[tauri::command]
pub async fn export_timesheets(
    app: AppHandle,
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Reply<Option<String>> {
    let csv = state.with(|p| p.timesheets_csv(&from, &to))?.csv;
    let picked = app
        .dialog()
        .file()
        .set_title("Save the timesheets")
        .add_filter("CSV", &["csv"])
        .set_file_name(format!("timesheets-{from}-to-{to}.csv"))
        .blocking_save_file()
        .and_then(|f| f.into_path().ok());
    let Some(path) = picked else { return Ok(None) };
    let path =
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) { path } else { path.with_extension("csv") };
    gantry_api::recent::write_atomically(&path, csv.as_bytes())
        .map_err(|e| ApiError::from(gantry_api::Error::Io(format!("{} could not be written: {e}", path.display()))))?;
    Ok(Some(path.display().to_string()))
}
