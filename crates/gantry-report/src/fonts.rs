//! The report's fonts, read from the system when the first report is made:
//! DejaVu Sans (regular and bold) for Latin, Greek, Cyrillic, Arabic and
//! Hebrew, and Droid Sans Fallback for Chinese, Japanese and Korean, from
//! Debian's `fonts-dejavu-core` and `fonts-droid-fallback`, which the package
//! depends on. Every report embeds them, so a PDF looks the same wherever it
//! is opened, and the same fonts give the same PDF on every machine.
//!
//! `GANTRY_FONT_DIR` names one folder holding all three files instead. A
//! font that is missing or unreadable is an error that names it and its
//! package: a report never falls back to empty boxes.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::{Error, Result};

/// One font the report needs: its file, the folder Debian installs it in
/// (under `/usr/share/fonts`), the family the template names, and the
/// package that brings it.
struct Needed {
    file: &'static str,
    debian_dir: &'static str,
    family: &'static str,
    package: &'static str,
}

const REGULAR: Needed = Needed {
    file: "DejaVuSans.ttf",
    debian_dir: "truetype/dejavu",
    family: "DejaVu Sans",
    package: "fonts-dejavu-core",
};
const BOLD: Needed = Needed {
    file: "DejaVuSans-Bold.ttf",
    debian_dir: "truetype/dejavu",
    family: "DejaVu Sans Bold",
    package: "fonts-dejavu-core",
};
const FALLBACK: Needed = Needed {
    file: "DroidSansFallbackFull.ttf",
    debian_dir: "truetype/droid",
    family: "Droid Sans Fallback",
    package: "fonts-droid-fallback",
};

/// The three font files, read and checked.
pub(crate) struct Fonts {
    pub regular: Vec<u8>,
    pub bold: Vec<u8>,
    pub fallback: Vec<u8>,
}

impl Fonts {
    /// Every font file, for the typst world.
    pub fn files(&self) -> [&[u8]; 3] {
        [&self.regular, &self.bold, &self.fallback]
    }
}

/// Where a font is read from: `dir` when given, else Debian's place for it.
fn path_of(font: &Needed, dir: Option<&Path>) -> PathBuf {
    match dir {
        Some(dir) => dir.join(font.file),
        None => Path::new("/usr/share/fonts").join(font.debian_dir).join(font.file),
    }
}

fn read(font: &Needed, dir: Option<&Path>) -> Result<Vec<u8>> {
    let path = path_of(font, dir);
    let hint = match dir {
        Some(_) => format!("put {} there or unset GANTRY_FONT_DIR", font.file),
        None => format!("install Debian's {} package", font.package),
    };
    let bytes = std::fs::read(&path).map_err(|e| {
        Error::Font(format!("The report font {} ({}) cannot be read: {e}; {hint}.", font.family, path.display()))
    })?;
    if ttf_parser::Face::parse(&bytes, 0).is_err() {
        return Err(Error::Font(format!(
            "The report font {} ({}) is not a font Gantry can read; {hint}.",
            font.family,
            path.display()
        )));
    }
    Ok(bytes)
}

/// Reads the three fonts from `dir`, or from Debian's font folders.
pub(crate) fn load(dir: Option<&Path>) -> Result<Fonts> {
    Ok(Fonts { regular: read(&REGULAR, dir)?, bold: read(&BOLD, dir)?, fallback: read(&FALLBACK, dir)? })
}

/// The fonts, read once. A failure is not kept: once the package is
/// installed, the next report finds them without a restart.
pub(crate) fn get() -> Result<&'static Fonts> {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    if let Some(fonts) = FONTS.get() {
        return Ok(fonts);
    }
    let dir = std::env::var_os("GANTRY_FONT_DIR").map(PathBuf::from);
    let fonts = load(dir.as_deref())?;
    Ok(FONTS.get_or_init(|| fonts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_are_read_from_debian_s_folders() {
        let fonts = load(None).expect("fonts-dejavu-core and fonts-droid-fallback are installed");
        for data in fonts.files() {
            assert!(ttf_parser::Face::parse(data, 0).is_ok());
        }
    }

    #[test]
    fn a_missing_font_is_named_with_the_place_it_was_looked_for() {
        let empty = tempfile::tempdir().expect("dir");
        let Err(Error::Font(message)) = load(Some(empty.path())) else { panic!("an empty folder has no fonts") };
        assert!(message.contains("DejaVu Sans") && message.contains("DejaVuSans.ttf"), "{message}");
        assert!(message.contains("GANTRY_FONT_DIR"), "it says how to fix it: {message}");
    }

    #[test]
    fn a_file_that_is_not_a_font_is_refused_by_name() {
        let dir = tempfile::tempdir().expect("dir");
        for name in [REGULAR.file, BOLD.file, FALLBACK.file] {
            std::fs::copy(path_of(&REGULAR, None), dir.path().join(name)).expect("copy");
        }
        std::fs::write(dir.path().join(FALLBACK.file), b"not a font").expect("write");
        let Err(Error::Font(message)) = load(Some(dir.path())) else { panic!("garbage is not a font") };
        assert!(message.contains("Droid Sans Fallback") && message.contains("not a font"), "{message}");
    }
}
