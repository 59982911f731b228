//! The Debian package, checked with Debian's own tools: what it declares,
//! what it holds, and that what it installs runs. `./scripts/test.sh` builds
//! the package with `scripts/package.sh` and passes it in `GANTRY_DEB`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The largest .deb we accept: a download people do not think twice about.
/// Both binaries (the app and `gantry`) carry the report engine (typst) and
/// the report fonts (5.5 MB before compression), about 40 MiB in all.
const MAX_DEB_BYTES: u64 = 48 * 1024 * 1024;

fn deb() -> PathBuf {
    let path = std::env::var_os("GANTRY_DEB").map(PathBuf::from).expect("GANTRY_DEB names the .deb to check");
    assert!(path.exists(), "{} is missing", path.display());
    path
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn field(deb: &Path, name: &str) -> String {
    run("dpkg-deb", &["--field", deb.to_str().expect("utf-8 path"), name]).trim().to_owned()
}

#[test]
#[ignore = "needs the built .deb; ./scripts/test.sh builds it"]
fn the_package_declares_what_debian_needs_to_know() {
    let deb = deb();
    assert_eq!(field(&deb, "Package"), "gantry");
    assert_eq!(field(&deb, "Version"), env!("CARGO_PKG_VERSION"));
    assert_eq!(field(&deb, "Architecture"), "amd64");
    assert!(field(&deb, "Maintainer").contains('@'), "a maintainer with an address is named");
    assert!(field(&deb, "Description").contains("IT project"), "{}", field(&deb, "Description"));
    let depends = field(&deb, "Depends");
    for runtime in ["libwebkit2gtk-4.1-0", "libgtk-3-0"] {
        assert!(depends.contains(runtime), "depends on {runtime}: {depends}");
    }
    let size = std::fs::metadata(&deb).expect("size").len();
    println!("package size: {:.1} MiB ({size} bytes)", size as f64 / 1024.0 / 1024.0);
    assert!(size < MAX_DEB_BYTES, "the .deb is {size} bytes; the budget is {MAX_DEB_BYTES}");
}

#[test]
#[ignore = "needs the built .deb; ./scripts/test.sh builds it"]
fn the_package_installs_the_app_the_command_the_menu_entry_and_the_file_type() {
    let deb = deb();
    let listing = run("dpkg-deb", &["--contents", deb.to_str().expect("path")]);
    for file in [
        "usr/bin/gantry-app",
        "usr/bin/gantry",
        "usr/share/applications/Gantry.desktop",
        "usr/share/mime/packages/gantry.xml",
        "usr/share/icons/hicolor/32x32/apps/gantry-app.png",
        "usr/share/icons/hicolor/128x128/apps/gantry-app.png",
        "usr/share/icons/hicolor/256x256@2/apps/gantry-app.png",
        "usr/share/icons/hicolor/512x512/apps/gantry-app.png",
        // The licence of the Inter font the interface is set in.
        "usr/share/doc/gantry/fonts/Inter-LICENSE.txt",
    ] {
        let listed = listing.lines().any(|l| l.ends_with(&format!(" {file}")) || l.ends_with(&format!(" ./{file}")));
        assert!(listed, "{file} is in the package:\n{listing}");
    }

    // Unpack into a temporary root, as dpkg would install it.
    let root = tempfile::tempdir().expect("root");
    let root_path = root.path().to_str().expect("path");
    run("dpkg", &["-x", deb.to_str().expect("path"), root_path]);

    let desktop = root.path().join("usr/share/applications/Gantry.desktop");
    run("desktop-file-validate", &[desktop.to_str().expect("path")]);
    let entry = std::fs::read_to_string(&desktop).expect("desktop entry");
    assert!(entry.contains("Categories=Office;ProjectManagement;"), "{entry}");
    assert!(entry.contains("MimeType=application/x-gantry-portfolio;"), "{entry}");
    assert!(
        entry.lines().any(|l| l.starts_with("Exec=") && l.ends_with("%f")),
        "a double-clicked file is passed on: {entry}"
    );
    let mime = std::fs::read_to_string(root.path().join("usr/share/mime/packages/gantry.xml")).expect("mime");
    assert!(mime.contains("<glob pattern=\"*.gantry\"/>"));

    // The installed command works on its own.
    let gantry = root.path().join("usr/bin/gantry");
    let gantry = gantry.to_str().expect("path");
    assert_eq!(run(gantry, &["--version"]).trim(), format!("gantry {}", env!("CARGO_PKG_VERSION")));
    let db = root.path().join("Portfolio.gantry");
    let db = db.to_str().expect("path");
    run(gantry, &["sample", "--db", db]);
    let projects: serde_json::Value =
        serde_json::from_str(&run(gantry, &["projects", "--db", db, "--json"])).expect("JSON");
    assert_eq!(projects.as_array().map(Vec::len), Some(3), "the sample portfolio has three projects");
}
