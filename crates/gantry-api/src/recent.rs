//! The portfolio files opened lately, kept in a small JSON file in the
//! user's configuration folder (not in any portfolio).

use std::path::{Path, PathBuf};

use crate::wire::RecentFile;

/// How many files the list keeps.
const KEEP: usize = 10;

/// Reads the list; a missing or unreadable list is an empty one.
pub fn load(list: &Path) -> Vec<RecentFile> {
    std::fs::read(list)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Vec<RecentFile>>(&bytes).ok())
        .unwrap_or_default()
}

/// Puts `file` at the top of the list and saves it atomically.
pub fn remember(list: &Path, file: &Path) -> std::io::Result<Vec<RecentFile>> {
    let path = file.display().to_string();
    let mut files = load(list);
    files.retain(|f| f.path != path);
    files.insert(
        0,
        RecentFile {
            name: file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| path.clone()),
            path,
        },
    );
    files.truncate(KEEP);
    let json = serde_json::to_vec_pretty(&files).map_err(std::io::Error::other)?;
    write_atomically(list, &json)?;
    Ok(files)
}

/// Writes through a temporary file in the same folder, fsynced, then renamed
/// over the target: readers see the old or the new content, never half.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let folder = target.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&folder)?;
    let tmp = folder
        .join(format!(".{}.tmp", target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
