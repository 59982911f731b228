//! How WebKitGTK draws the window. By default it composites the page with
//! OpenGL. Without a GPU that OpenGL is Mesa's software rasterizer, and a
//! frame of the Gantt view then costs two to three times what painting the
//! page directly does (BENCHMARKS.md). So on a machine with no GPU render
//! node, Gantry asks WebKit to paint directly; with a GPU it keeps
//! compositing. A user's own `WEBKIT_*_COMPOSITING_MODE` setting wins.

use std::ffi::OsStr;
use std::path::Path;

/// Where Linux lists its GPUs' render nodes (`renderD128`, …).
const DRI: &str = "/dev/dri";

/// Whether to turn off WebKit's compositing: only when the user has not
/// chosen, and no render node names a GPU.
pub fn paint_directly<'a>(user_chose: bool, mut devices: impl Iterator<Item = &'a OsStr>) -> bool {
    !user_chose && !devices.any(|d| d.to_string_lossy().starts_with("renderD"))
}

/// The device names in `dir`, none if it cannot be read.
fn devices(dir: &Path) -> Vec<std::ffi::OsString> {
    std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.file_name()).collect()).unwrap_or_default()
}

/// Applies the choice to the main window's webview.
#[cfg(target_os = "linux")]
pub fn choose(window: &tauri::WebviewWindow) {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    let user_chose = ["WEBKIT_DISABLE_COMPOSITING_MODE", "WEBKIT_FORCE_COMPOSITING_MODE"]
        .iter()
        .any(|v| std::env::var_os(v).is_some());
    let found = devices(Path::new(DRI));
    if !paint_directly(user_chose, found.iter().map(|d| d.as_os_str())) {
        return;
    }
    let applied = window.with_webview(|webview| {
        if let Some(settings) = webview.inner().settings() {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    if let Err(e) = applied {
        eprintln!("Gantry could not set how the window is painted: {e}");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn choose(_window: &tauri::WebviewWindow) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &'static [&'static str]) -> impl Iterator<Item = &'static OsStr> {
        list.iter().map(OsStr::new)
    }

    #[test]
    fn paints_directly_only_without_a_render_node_and_without_a_user_choice() {
        assert!(paint_directly(false, names(&[])));
        assert!(paint_directly(false, names(&["card0", "by-path"])));
        assert!(!paint_directly(false, names(&["card0", "renderD128"])));
        assert!(!paint_directly(true, names(&[])));
    }

    #[test]
    fn a_missing_device_folder_lists_no_devices() {
        assert!(devices(&std::env::temp_dir().join("gantry-no-such-dri-folder")).is_empty());
    }
}
