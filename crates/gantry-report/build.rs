//! Copies the fonts every report embeds into the build, so a PDF looks the
//! same whatever fonts the user's machine has. They come from Debian's
//! packages (`fonts-dejavu-core` for Latin, Greek, Cyrillic, Arabic and
//! Hebrew; `fonts-droid-fallback` for Chinese, Japanese and Korean), which
//! `scripts/setup.sh` installs; `GANTRY_FONT_DIR` points elsewhere if needed.

use std::path::{Path, PathBuf};

const FONTS: [(&str, &str); 3] = [
    ("DejaVuSans.ttf", "truetype/dejavu"),
    ("DejaVuSans-Bold.ttf", "truetype/dejavu"),
    ("DroidSansFallbackFull.ttf", "truetype/droid"),
];

fn main() {
    println!("cargo::rerun-if-env-changed=GANTRY_FONT_DIR");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let custom = std::env::var_os("GANTRY_FONT_DIR").map(PathBuf::from);
    for (file, debian_dir) in FONTS {
        let source = match &custom {
            Some(dir) => dir.join(file),
            None => Path::new("/usr/share/fonts").join(debian_dir).join(file),
        };
        println!("cargo::rerun-if-changed={}", source.display());
        if let Err(e) = std::fs::copy(&source, out.join(file)) {
            panic!(
                "The report font {} is missing ({e}). Install Debian's fonts-dejavu-core and \
                 fonts-droid-fallback (scripts/setup.sh does), or set GANTRY_FONT_DIR to a folder holding {file}.",
                source.display()
            );
        }
    }
}
