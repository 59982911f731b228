//! Gantry's desktop shell: opens the portfolio, registers the commands and
//! hands everything else to `gantry-api`.
//!
//! The same binary is the `gantry` command: called by that name, or with one
//! of its subcommands, it runs `gantry_cli` and exits without a window.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod budget;
mod commands;
mod export;
mod import;
mod meetings;
mod releases;
mod rendering;
mod risks;
mod stakeholders;
mod state;
mod team;

/// Large plans allocate large arrays; mimalloc reuses them between
/// schedules where the system allocator maps and faults in fresh pages.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if gantry_cli::wanted(&args) {
        return gantry_cli::main(args);
    }
    tauri::Builder::default()
        // First, so a second launch hands its file to this one and exits
        // before opening anything.
        .plugin(tauri_plugin_single_instance::init(|app, argv, cwd| {
            state::second_launch(app, argv, cwd);
        }))
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            if let Some(window) = tauri::Manager::get_webview_window(app, "main") {
                rendering::choose(&window);
            }
            let state = state::AppState::start(app.handle(), std::env::args_os().nth(1).map(Into::into));
            tauri::Manager::manage(app, state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::portfolio_info,
            commands::startup_problem,
            commands::list_projects,
            commands::list_calendars,
            commands::create_project,
            commands::update_project,
            commands::delete_project,
            commands::project_plan,
            commands::add_task,
            commands::edit_task,
            commands::shift_task,
            commands::delete_task,
            commands::preview_drag,
            commands::drop_drag,
            commands::add_link,
            commands::edit_link,
            commands::remove_link,
            commands::save_baseline,
            commands::delete_baseline,
            commands::baseline_dates,
            commands::export_report,
            commands::undo,
            commands::redo,
            commands::recent_files,
            commands::open_portfolio,
            commands::new_portfolio,
            commands::open_recent,
            commands::about,
            import::choose_import,
            import::preview_import,
            import::import_chosen,
            import::cancel_import,
            commands::history,
            commands::list_snapshots,
            commands::restore_snapshot,
            commands::project_board,
            commands::move_card,
            commands::add_board_column,
            commands::edit_board_column,
            commands::move_board_column,
            commands::delete_board_column,
            commands::set_wip_policy,
            commands::create_sprint,
            commands::edit_sprint,
            commands::delete_sprint,
            commands::plan_task,
            commands::start_sprint,
            commands::close_sprint,
            stakeholders::stakeholder_view,
            stakeholders::add_stakeholder,
            stakeholders::edit_stakeholder,
            stakeholders::rate_stakeholder,
            stakeholders::set_stakeholder_role,
            stakeholders::remove_stakeholder_role,
            stakeholders::remove_stakeholder,
            stakeholders::add_communication,
            stakeholders::edit_communication,
            stakeholders::remove_communication,
            stakeholders::mark_communication_sent,
            meetings::meetings_view,
            meetings::follow_ups,
            meetings::search_decisions,
            meetings::add_meeting,
            meetings::edit_meeting,
            meetings::remove_meeting,
            meetings::add_action,
            meetings::edit_action,
            meetings::remove_action,
            meetings::action_to_task,
            meetings::add_decision,
            meetings::edit_decision,
            meetings::remove_decision,
            releases::releases_view,
            releases::release_calendar,
            releases::project_freezes,
            releases::add_release,
            releases::edit_release,
            releases::set_release_state,
            releases::remove_release,
            releases::add_checklist_item,
            releases::edit_checklist_item,
            releases::tick_checklist_item,
            releases::remove_checklist_item,
            releases::apply_checklist_template,
            releases::save_checklist_template,
            releases::add_checkpoint,
            releases::edit_checkpoint,
            releases::remove_checkpoint,
            releases::add_wave,
            releases::remove_wave,
            releases::closeout_view,
            releases::search_lessons,
            releases::close_project,
            releases::reopen_project,
            releases::add_lesson,
            releases::edit_lesson,
            releases::remove_lesson,
            export::export_project,
            releases::export_release_calendar,
            risks::risk_register,
            risks::portfolio_risks,
            risks::add_risk,
            risks::edit_risk,
            risks::review_risk,
            risks::remove_risk,
            risks::add_mitigation_task,
            risks::link_mitigation,
            risks::unlink_mitigation,
            risks::risk_to_issue,
            risks::add_issue,
            risks::edit_issue,
            risks::remove_issue,
            budget::budget,
            budget::contracts_due,
            budget::budget_settings,
            budget::set_budget_settings,
            budget::portfolio_money,
            budget::add_cost_resource,
            budget::use_resource,
            budget::add_payment,
            budget::set_payment_paid,
            budget::remove_payment,
            budget::set_physical_progress,
            budget::add_budget_line,
            budget::edit_budget_line,
            budget::remove_budget_line,
            budget::plan_budget_month,
            budget::set_fixed_cost,
            budget::add_expenditure,
            budget::remove_expenditure,
            budget::import_expenditures,
            budget::add_contract,
            team::team,
            team::add_person,
            team::edit_person,
            team::retire_person,
            team::reinstate_person,
            team::add_absence,
            team::remove_absence,
            team::add_rate_change,
            team::remove_rate_change,
            team::task_staffing,
            team::staff_task,
            team::find_people,
            team::workload,
            team::person_workload,
            team::timesheet,
            team::log_hours,
            team::correct_hours,
            team::review_week,
            team::progress_from_hours,
            team::export_timesheets,
        ])
        .run(tauri::generate_context!())
        .expect("Gantry could not start its window");
    std::process::ExitCode::SUCCESS
}
