//! Releases, the changeover and the release calendar; closing a project
//! and its lessons learned: their commands. Each is a short adapter onto
//! `gantry_api`'s releases and closeout modules.

use gantry_api::wire::*;
use tauri::{AppHandle, State};

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
pub async fn releases_view(state: State<'_, AppState>, project: i64) -> Reply<ReleasesView> {
    state.with(|p| p.releases_view(project, today()))
}

#[tauri::command]
pub async fn release_calendar(state: State<'_, AppState>) -> Reply<ReleaseCalendar> {
    state.with(|p| p.release_calendar(today()))
}

#[tauri::command]
pub async fn project_freezes(state: State<'_, AppState>, project: i64) -> Reply<Vec<FreezeRow>> {
    state.with(|p| p.freezes(Some(project)))
}

#[tauri::command]
pub async fn add_release(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    fields: ReleaseFields,
) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_release(project, &fields))
}

#[tauri::command]
pub async fn edit_release(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    fields: ReleaseFields,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_release(id, &fields))
}

#[tauri::command]
pub async fn set_release_state(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    value: String,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.set_release_state(id, &value))
}

#[tauri::command]
pub async fn remove_release(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_release(id))
}

#[tauri::command]
pub async fn add_checklist_item(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    release: i64,
    fields: ChecklistFields,
) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_checklist_item(release, &fields))
}

#[tauri::command]
pub async fn edit_checklist_item(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    fields: ChecklistFields,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_checklist_item(id, &fields))
}

#[tauri::command]
pub async fn tick_checklist_item(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    done: bool,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.tick_checklist_item(id, done, today()))
}

#[tauri::command]
pub async fn remove_checklist_item(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_checklist_item(id))
}

#[tauri::command]
pub async fn apply_checklist_template(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    release: i64,
    template: i64,
    owner: Option<i64>,
) -> Reply<usize> {
    state.change(&app, Some(project), |p| p.apply_checklist_template(release, template, owner))
}

#[tauri::command]
pub async fn save_checklist_template(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    release: i64,
    name: String,
) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.save_checklist_template(release, &name))
}

#[tauri::command]
pub async fn add_checkpoint(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    release: i64,
    fields: CheckpointFields,
) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_checkpoint(release, &fields))
}

#[tauri::command]
pub async fn edit_checkpoint(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    fields: CheckpointFields,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_checkpoint(id, &fields))
}

#[tauri::command]
pub async fn remove_checkpoint(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_checkpoint(id))
}

#[tauri::command]
pub async fn add_wave(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    release: i64,
    fields: WaveFields,
) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_wave(release, &fields))
}

#[tauri::command]
pub async fn remove_wave(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_wave(id))
}

#[tauri::command]
pub async fn closeout_view(state: State<'_, AppState>, project: i64) -> Reply<CloseOutView> {
    state.with(|p| p.closeout_view(project, today()))
}

#[tauri::command]
pub async fn search_lessons(state: State<'_, AppState>, query: String) -> Reply<Vec<LessonRow>> {
    state.with(|p| p.lesson_rows(None, &query))
}

#[tauri::command]
pub async fn close_project(app: AppHandle, state: State<'_, AppState>, project: i64, fields: CloseFields) -> Reply<()> {
    state.change(&app, Some(project), |p| p.close_project(project, &fields, today()))
}

#[tauri::command]
pub async fn reopen_project(app: AppHandle, state: State<'_, AppState>, project: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.reopen_project(project))
}

#[tauri::command]
pub async fn add_lesson(app: AppHandle, state: State<'_, AppState>, project: i64, fields: LessonFields) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_lesson(project, &fields, today()))
}

#[tauri::command]
pub async fn edit_lesson(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    fields: LessonFields,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_lesson(id, &fields))
}

#[tauri::command]
pub async fn remove_lesson(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_lesson(id))
}

/// Writes the releases of a project (or of the portfolio) as an iCalendar
/// file the user picks in a native dialog; its path, or `None` when they
/// cancelled.
#[tauri::command]
pub async fn export_release_calendar(
    app: AppHandle,
    state: State<'_, AppState>,
    project: Option<i64>,
) -> Reply<Option<String>> {
    let text = state.with(|p| p.release_ical(project, today(), chrono::Utc::now().naive_utc()))?;
    crate::export::save_as(&app, "Save the release calendar", "iCalendar", "ics", "releases.ics", &text)
}
