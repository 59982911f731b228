//! The stakeholder register's and the communication plan's commands. Each
//! is a short adapter onto `gantry_api`'s stakeholders module.

use gantry_api::wire::*;
use tauri::{AppHandle, State};

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
pub async fn stakeholder_view(state: State<'_, AppState>, project: i64) -> Reply<StakeholderView> {
    state.with(|p| p.stakeholder_view(project, today()))
}

#[tauri::command]
pub async fn add_stakeholder(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    role: String,
    fields: StakeholderFields,
) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_stakeholder(&fields, Some((project, &role))))
}

#[tauri::command]
pub async fn edit_stakeholder(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    fields: StakeholderFields,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_stakeholder(id, &fields))
}

#[tauri::command]
pub async fn rate_stakeholder(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    influence: i64,
    interest: i64,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.rate_stakeholder(id, influence, interest))
}

#[tauri::command]
pub async fn set_stakeholder_role(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    role: String,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.set_stakeholder_role(id, project, &role))
}

#[tauri::command]
pub async fn remove_stakeholder_role(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_stakeholder_role(id, project))
}

#[tauri::command]
pub async fn remove_stakeholder(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_stakeholder(id))
}

#[tauri::command]
pub async fn add_communication(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    fields: CommunicationFields,
) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_communication(project, &fields, today()))
}

#[tauri::command]
pub async fn edit_communication(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    fields: CommunicationFields,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_communication(id, &fields, today()))
}

#[tauri::command]
pub async fn remove_communication(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_communication(id))
}

#[tauri::command]
pub async fn mark_communication_sent(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.mark_communication_sent(id, today()))
}
