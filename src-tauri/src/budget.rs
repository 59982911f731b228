//! The budget's commands: a project's budget view, its lines and their
//! monthly plan, expenditures (typed or from a CSV), vendors and contracts,
//! tasks' fixed costs. Each is a short adapter onto `gantry_api`'s budget
//! module.

use gantry_api::wire::*;
use tauri::{AppHandle, State};

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[tauri::command]
pub async fn budget(state: State<'_, AppState>, project: i64) -> Reply<BudgetView> {
    state.with(|p| p.budget(project, today()))
}

#[tauri::command]
pub async fn contracts_due(state: State<'_, AppState>) -> Reply<Vec<ContractRow>> {
    state.with(|p| p.contracts_due(today()))
}

#[tauri::command]
pub async fn add_budget_line(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    fields: LineFields,
) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_budget_line(project, &fields))
}

#[tauri::command]
pub async fn edit_budget_line(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    fields: LineFields,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.edit_budget_line(id, &fields))
}

#[tauri::command]
pub async fn remove_budget_line(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_budget_line(id))
}

#[tauri::command]
pub async fn plan_budget_month(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    line: i64,
    month: String,
    amount: String,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.plan_budget_month(line, &month, &amount))
}

#[tauri::command]
pub async fn set_fixed_cost(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    task: i64,
    amount: String,
    accrual: String,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.set_fixed_cost(task, &amount, &accrual))
}

#[tauri::command]
pub async fn add_expenditure(app: AppHandle, state: State<'_, AppState>, expenditure: NewExpenditure) -> Reply<i64> {
    let project = expenditure.project_id;
    state.change(&app, Some(project), |p| p.add_expenditure(&expenditure))
}

#[tauri::command]
pub async fn remove_expenditure(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_expenditure(id))
}

#[tauri::command]
pub async fn import_expenditures(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    csv: String,
    mapping: CsvMapping,
) -> Reply<usize> {
    state.change(&app, Some(project), |p| p.import_expenditures(project, &csv, &mapping))
}

#[tauri::command]
pub async fn add_contract(app: AppHandle, state: State<'_, AppState>, contract: NewContract) -> Reply<i64> {
    let project = contract.project_id;
    state.change(&app, Some(project), |p| p.add_contract(&contract))
}

#[tauri::command]
pub async fn budget_settings(state: State<'_, AppState>) -> Reply<BudgetSettings> {
    state.with(|p| p.budget_settings())
}

#[tauri::command]
pub async fn set_budget_settings(
    app: AppHandle,
    state: State<'_, AppState>,
    eac_method: String,
    warn_below: String,
    bad_below: String,
    earned_from: String,
) -> Reply<()> {
    state.change(&app, None, |p| p.set_budget_settings(&eac_method, &warn_below, &bad_below, &earned_from))
}

#[tauri::command]
pub async fn add_payment(app: AppHandle, state: State<'_, AppState>, project: i64, payment: NewPayment) -> Reply<i64> {
    state.change(&app, Some(project), |p| p.add_payment(&payment))
}

#[tauri::command]
pub async fn set_payment_paid(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    id: i64,
    paid: bool,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.set_payment_paid(id, paid))
}

#[tauri::command]
pub async fn remove_payment(app: AppHandle, state: State<'_, AppState>, project: i64, id: i64) -> Reply<()> {
    state.change(&app, Some(project), |p| p.remove_payment(id))
}

#[tauri::command]
pub async fn set_physical_progress(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    task: i64,
    percent: String,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.set_physical_progress(task, &percent))
}

#[tauri::command]
pub async fn add_cost_resource(app: AppHandle, state: State<'_, AppState>, resource: NewCostResource) -> Reply<i64> {
    let project = resource.project_id;
    state.change(&app, Some(project), |p| p.add_cost_resource(&resource))
}

#[tauri::command]
pub async fn use_resource(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    task: i64,
    resource: i64,
    value: String,
) -> Reply<()> {
    state.change(&app, Some(project), |p| p.use_resource(task, resource, &value))
}

#[tauri::command]
pub async fn portfolio_money(state: State<'_, AppState>) -> Reply<Vec<ProjectMoney>> {
    state.with(|p| p.portfolio_money(today()))
}
