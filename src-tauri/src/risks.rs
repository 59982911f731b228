//! The risk register's and the issue log's commands. Each is a short
//! adapter onto `gantry_api`'s risks module.

use gantry_api::wire::*;
use tauri::{AppHandle, State};

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
pub async fn risk_register(state: State<'_, AppState>, project: i64) -> Reply<RiskRegister> {
    state.with(|p| p.risk_register(project, today()))
}

#[tauri::command]
pub async fn portfolio_risks(state: State<'_, AppState>) -> Reply<PortfolioRisks> {
    state.with(|p| p.portfolio_risks(today()))
}

#[tauri::command]
pub async fn add_risk(app: AppHandle, state: State<'_, AppState>, project: i64, fields: RiskFields) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_risk(project, &fields, today()))
}

#[tauri::command]
pub async fn edit_risk(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    fields: RiskFields,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_risk(id, &fields, today()))
}

#[tauri::command]
pub async fn review_risk(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    next_review: String,
    note: String,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.review_risk(id, &next_review, &note, today()))
}

#[tauri::command]
pub async fn remove_risk(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_risk(id))
}

#[tauri::command]
pub async fn add_mitigation_task(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    risk: i64,
    name: String,
) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_mitigation_task(risk, &name))
}

#[tauri::command]
pub async fn link_mitigation(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    risk: i64,
    task: i64,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.link_mitigation(risk, task))
}

#[tauri::command]
pub async fn unlink_mitigation(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    risk: i64,
    task: i64,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.unlink_mitigation(risk, task))
}

#[tauri::command]
pub async fn risk_to_issue(app: AppHandle, state: State<'_, AppState>, project: i64, risk: i64) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.risk_to_issue(risk, today()))
}

#[tauri::command]
pub async fn add_issue(app: AppHandle, state: State<'_, AppState>, project: i64, fields: IssueFields) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_issue(project, &fields, today()))
}

#[tauri::command]
pub async fn edit_issue(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    fields: IssueFields,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_issue(id, &fields, today()))
}

#[tauri::command]
pub async fn remove_issue(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_issue(id))
}
