//! Meetings, action items and the decision log: their commands. Each is a
//! short adapter onto `gantry_api`'s meetings module.

use gantry_api::wire::*;
use tauri::{AppHandle, State};

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
pub async fn meetings_view(state: State<'_, AppState>, project: i64) -> Reply<MeetingsView> {
    state.with(|p| p.meetings_view(project, today()))
}

#[tauri::command]
pub async fn follow_ups(state: State<'_, AppState>) -> Reply<FollowUps> {
    state.with(|p| p.follow_ups(today()))
}

#[tauri::command]
pub async fn search_decisions(
    state: State<'_, AppState>,
    project: Option<i64>,
    query: String,
) -> Reply<Vec<DecisionRow>> {
    state.with(|p| p.decision_rows(project, &query))
}

#[tauri::command]
pub async fn add_meeting(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    fields: MeetingFields,
) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_meeting(project, &fields))
}

#[tauri::command]
pub async fn edit_meeting(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    fields: MeetingFields,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_meeting(id, &fields))
}

#[tauri::command]
pub async fn remove_meeting(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_meeting(id))
}

#[tauri::command]
pub async fn add_action(app: AppHandle, state: State<'_, AppState>, project: i64, fields: ActionFields) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_action(project, &fields))
}

#[tauri::command]
pub async fn edit_action(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    fields: ActionFields,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_action(id, &fields))
}

#[tauri::command]
pub async fn remove_action(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_action(id))
}

#[tauri::command]
pub async fn action_to_task(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.action_to_task(id))
}

#[tauri::command]
pub async fn add_decision(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    fields: DecisionFields,
) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_decision(project, &fields, today()))
}

#[tauri::command]
pub async fn edit_decision(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    fields: DecisionFields,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_decision(id, &fields, today()))
}

#[tauri::command]
pub async fn remove_decision(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_decision(id))
}
