//! Plans into Gantry: a file picked in a native dialog is read and its
//! report shown (counts, warnings, the tasks whose dates Gantry computes
//! differently, a CSV file's columns) before anything is written; the user
//! imports it with their choices, or cancels and nothing changes.

use std::path::PathBuf;

use gantry_api::wire::*;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::{AppState, lock};

type Reply<T> = Result<T, ApiError>;

fn picked(state: &AppState) -> Reply<PathBuf> {
    lock(&state.pending_import)
        .clone()
        .ok_or_else(|| ApiError::from(gantry_api::Error::Io("Choose a file to import first.".into())))
}

fn read(path: &std::path::Path) -> Reply<(Vec<u8>, String)> {
    let bytes = gantry_api::read_import_file(path).map_err(ApiError::from)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok((bytes, name))
}

/// Asks for a plan file (MS Project XML, GanttProject, CSV); its name, or
/// `None` when the user cancelled. `preview_import` then reads it.
#[tauri::command]
pub async fn choose_import(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<String>> {
    let chosen = app
        .dialog()
        .file()
        .set_title("Import a plan")
        .add_filter("Plans (MS Project XML, GanttProject, CSV)", &["xml", "gan", "csv", "tsv", "txt"])
        .blocking_pick_file()
        .and_then(|f| f.into_path().ok());
    let Some(path) = chosen else { return Ok(None) };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    *lock(&state.pending_import) = Some(path);
    Ok(Some(name))
}

/// The report of the picked file read with `options` (a CSV file's
/// columns chosen by the user), off the window's thread.
#[tauri::command]
pub async fn preview_import(state: State<'_, AppState>, options: ImportOptions) -> Reply<ImportPreview> {
    let (bytes, name) = read(&picked(&state)?)?;
    let today = chrono::Local::now().date_naive();
    state.with(|p| p.preview_import(&bytes, &name, &options, today))
}

/// Imports the picked file with `options`: one undo step, after a snapshot.
#[tauri::command]
pub async fn import_chosen(app: AppHandle, state: State<'_, AppState>, options: ImportOptions) -> Reply<Imported> {
    let (bytes, name) = read(&picked(&state)?)?;
    let now = chrono::Local::now().naive_local();
    let done = state.change(&app, None, |p| p.import_with(&bytes, &name, &options, now))?;
    *lock(&state.pending_import) = None;
    Ok(done)
}

/// Forgets the picked file: nothing was written.
#[tauri::command]
pub async fn cancel_import(state: State<'_, AppState>) -> Reply<()> {
    *lock(&state.pending_import) = None;
    Ok(())
}
