//! Declares every app command in the app manifest, so the webview may call
//! only what `capabilities/` grants.

/// Every command of `src/commands.rs`; `capabilities/default.json` allows each.
const COMMANDS: &[&str] = &[
    "portfolio_info",
    "startup_problem",
    "list_projects",
    "list_calendars",
    "create_project",
    "update_project",
    "delete_project",
    "project_plan",
    "add_task",
    "edit_task",
    "shift_task",
    "delete_task",
    "preview_drag",
    "drop_drag",
    "add_link",
    "edit_link",
    "remove_link",
    "save_baseline",
    "delete_baseline",
    "baseline_dates",
    "export_report",
    "undo",
    "redo",
    "team",
    "recent_files",
    "open_portfolio",
    "new_portfolio",
    "open_recent",
    "about",
    "import_project",
    "history",
    "list_snapshots",
    "restore_snapshot",
    "project_board",
    "move_card",
    "add_board_column",
    "edit_board_column",
    "move_board_column",
    "delete_board_column",
    "set_wip_policy",
    "create_sprint",
    "edit_sprint",
    "delete_sprint",
    "plan_task",
    "start_sprint",
    "close_sprint",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
