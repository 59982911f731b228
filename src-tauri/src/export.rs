//! Plans out of Gantry: a project written as MS Project XML, CSV or
//! iCalendar where the user picks in a native dialog.

use gantry_api::ExportFormat;
use gantry_api::wire::*;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

/// Writes project `project` as `format` (`mspdi`, `csv` or `ics`) to a
/// file the user picks; its path, or `None` when they cancelled. The file
/// is written whole or not at all.
#[tauri::command]
pub async fn export_project(
    app: AppHandle,
    state: State<'_, AppState>,
    project: i64,
    format: String,
) -> Result<Option<String>, ApiError> {
    let format = ExportFormat::from_code(&format).ok_or_else(|| {
        ApiError::from(gantry_api::Error::Io(format!(
            "Gantry cannot export as “{format}”; choose XML, CSV or iCalendar."
        )))
    })?;
    let today = chrono::Local::now().date_naive();
    let (name, text) = state.with(|p| {
        let name = p.report_file_name(Some(project), chrono::Local::now().naive_local())?;
        Ok((name, p.export_project(project, format, today, chrono::Utc::now().naive_utc())?))
    })?;
    let ext = format.extension();
    let stem = name.trim_end_matches(".pdf").replace(" status ", " ");
    let (title, filter) = match format {
        ExportFormat::MsProjectXml => ("Save as MS Project XML", "MS Project XML"),
        ExportFormat::Csv => ("Save the tasks as CSV", "CSV"),
        ExportFormat::ICalendar => ("Save the dates as iCalendar", "iCalendar"),
        ExportFormat::RisksCsv => ("Save the risks as CSV", "CSV"),
        ExportFormat::ExpendituresCsv => ("Save the expenditures as CSV", "CSV"),
    };
    save_as(&app, title, filter, ext, &format!("{stem}.{ext}"), &text)
}

/// Asks where to save `text` in a native dialog (`title`, a filter named
/// `filter` for `.ext`, `suggested` as the name) and writes it whole or not
/// at all, adding the extension when the name has none. The path, or
/// `None` when the user cancelled.
pub(crate) fn save_as(
    app: &AppHandle,
    title: &str,
    filter: &str,
    ext: &str,
    suggested: &str,
    text: &str,
) -> Result<Option<String>, ApiError> {
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(filter, &[ext])
        .set_file_name(suggested)
        .blocking_save_file()
        .and_then(|f| f.into_path().ok());
    let Some(path) = picked else { return Ok(None) };
    let path =
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) { path } else { path.with_extension(ext) };
    gantry_api::recent::write_atomically(&path, text.as_bytes())
        .map_err(|e| ApiError::from(gantry_api::Error::Io(format!("{} could not be written: {e}", path.display()))))?;
    Ok(Some(path.display().to_string()))
}
