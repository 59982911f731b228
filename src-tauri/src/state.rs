//! What the shell holds: the open portfolio, where the data folder is, and
//! why opening failed, if it did.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use gantry_api::wire::{ApiError, Changed, RecentFile, Restored, SnapshotRow};
use gantry_api::{Error, Portfolio};
use tauri::{AppHandle, Emitter, Manager};

/// The name of the portfolio created on first start.
const FIRST_PORTFOLIO: &str = "Portfolio.gantry";

pub struct AppState {
    portfolio: Mutex<Option<Portfolio>>,
    problem: Mutex<Option<ApiError>>,
    /// The file the app is about: the open one, or the one that failed to
    /// open (whose snapshots the user is offered).
    current: Mutex<Option<PathBuf>>,
    recent_list: PathBuf,
    pub data_dir: PathBuf,
    /// The plan file picked for import, while its report is shown.
    pub pending_import: Mutex<Option<PathBuf>>,
}

impl AppState {
    /// Opens the file named on the command line, else the last one used,
    /// else the portfolio in the data folder, creating the sample there on
    /// first start.
    pub fn start(app: &AppHandle, requested: Option<PathBuf>) -> AppState {
        let data_dir = app.path().app_data_dir().unwrap_or_else(|_| PathBuf::from("."));
        let config_dir = app.path().app_config_dir().unwrap_or_else(|_| data_dir.clone());
        let recent_list = config_dir.join("recent.json");
        let last =
            gantry_api::recent::load(&recent_list).into_iter().map(|f| PathBuf::from(f.path)).find(|p| p.exists());
        let first = data_dir.join(FIRST_PORTFOLIO);
        let path = requested.or(last).unwrap_or_else(|| first.clone());
        let state = AppState {
            portfolio: Mutex::new(None),
            problem: Mutex::new(None),
            current: Mutex::new(Some(path.clone())),
            recent_list,
            data_dir,
            pending_import: Mutex::new(None),
        };
        let opened = if path.exists() {
            Portfolio::open(&path)
        } else if path == first {
            std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))
                .map_err(|e| Error::Io(e.to_string()))
                .and_then(|_| Portfolio::create_sample(&path, chrono::Local::now().date_naive()))
        } else {
            Err(Error::Io(format!("{} does not exist.", path.display())))
        };
        state.replace(opened);
        state
    }

    /// Makes `opened` the current portfolio, taking its start-up snapshot
    /// when one is due, or records why it failed.
    pub fn replace(&self, opened: gantry_api::Result<Portfolio>) {
        match opened {
            Ok(p) => {
                let _ = gantry_api::recent::remember(&self.recent_list, p.path());
                if p.store().read_only().is_none() {
                    // On its own connection and thread: a big portfolio
                    // takes a while to copy, and the window need not wait.
                    let path = p.path().to_path_buf();
                    std::thread::spawn(move || {
                        if let Err(e) = gantry_api::snapshot_if_due(&path, chrono::Local::now().naive_local()) {
                            // The file itself is fine; the user learns of it
                            // when they look for a snapshot.
                            eprintln!("gantry: no snapshot of {}: {e}", path.display());
                        }
                    });
                }
                *lock(&self.current) = Some(p.path().to_path_buf());
                *lock(&self.portfolio) = Some(p);
                *lock(&self.problem) = None;
            }
            Err(e) => *lock(&self.problem) = Some(ApiError::from(&e)),
        }
    }

    /// The snapshots of the file the app is about.
    pub fn snapshots(&self) -> Vec<SnapshotRow> {
        lock(&self.current).as_deref().map(gantry_api::snapshots).unwrap_or_default()
    }

    /// Closes the portfolio, puts the snapshot `name` in its place and opens
    /// that. On failure the portfolio that was open is opened again.
    pub fn restore(&self, name: &str) -> Result<Restored, ApiError> {
        let path = lock(&self.current).clone().ok_or_else(|| ApiError::from(Error::NoPortfolio))?;
        let mut open = lock(&self.portfolio);
        let was_open = open.take().is_some();
        match gantry_api::restore(&path, name, chrono::Local::now().naive_local()) {
            Ok((portfolio, restored)) => {
                *open = Some(portfolio);
                *lock(&self.problem) = None;
                Ok(restored)
            }
            Err(e) => {
                if was_open {
                    *open = Portfolio::open(&path).ok();
                }
                Err(ApiError::from(e))
            }
        }
    }

    /// Runs `f` on the open portfolio.
    pub fn with<T>(&self, f: impl FnOnce(&mut Portfolio) -> gantry_api::Result<T>) -> Result<T, ApiError> {
        let mut guard = lock(&self.portfolio);
        let portfolio = guard.as_mut().ok_or_else(|| ApiError::from(Error::NoPortfolio))?;
        f(portfolio).map_err(ApiError::from)
    }

    /// Runs a change on the open portfolio, then tells every view, after the
    /// change is committed.
    pub fn change<T>(
        &self,
        app: &AppHandle,
        project_id: Option<i64>,
        f: impl FnOnce(&mut Portfolio) -> gantry_api::Result<T>,
    ) -> Result<T, ApiError> {
        let out = self.with(f)?;
        let label = self.with(|p| p.info()).map(|i| i.undo.unwrap_or_default()).unwrap_or_default();
        let _ = app.emit("portfolio-changed", Changed { project_id, label });
        Ok(out)
    }

    pub fn problem(&self) -> Option<ApiError> {
        lock(&self.problem).clone()
    }

    pub fn recent(&self) -> Vec<RecentFile> {
        gantry_api::recent::load(&self.recent_list)
    }
}

/// Opens a file the user chose (a new one is created empty). `Ok(false)`
/// when the user cancelled; on failure the current portfolio stays open.
pub fn open_picked(app: &AppHandle, state: &AppState, path: Option<PathBuf>) -> Result<bool, ApiError> {
    let Some(path) = path else { return Ok(false) };
    let portfolio = Portfolio::open(&path).map_err(ApiError::from)?;
    state.replace(Ok(portfolio));
    tell_views_all_changed(app);
    Ok(true)
}

/// Every view reloads and the app returns home: another file is open.
pub fn tell_views_all_changed(app: &AppHandle) {
    let _ = app.emit("portfolio-changed", Changed { project_id: None, label: String::new() });
}

/// A poisoned lock only means an earlier command panicked; the portfolio
/// itself is consistent (SQLite rolled back), so carry on with it.
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Another `gantry-app` was started while this one runs: it has exited,
/// handing over its arguments. A file it named is opened here (one app
/// instance per file), and this window comes to the front.
pub fn second_launch(app: &AppHandle, argv: Vec<String>, cwd: String) {
    if let Some(file) = argv.get(1) {
        let path = Path::new(&cwd).join(file);
        let state = app.state::<AppState>();
        let already = lock(&state.current).as_deref() == Some(path.as_path());
        if !already && let Err(e) = open_picked(app, &state, Some(path)) {
            let _ = app.emit("notice", e.message);
        }
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
