//! The Debian package, checked with Debian's own tools: what it declares,
//! what it holds, that lintian accepts it, and that what it installs runs.
//! `./scripts/test.sh` builds the package with `scripts/package.sh` and
//! passes it in `GANTRY_DEB`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The largest .deb we accept: 25 MB, a download people do not think twice
/// about.
const MAX_DEB_BYTES: u64 = 25_000_000;

/// The most the package may take once installed: 70 MB.
const MAX_INSTALLED_BYTES: u64 = 70_000_000;

fn deb() -> PathBuf {
    let path = std::env::var_os("GANTRY_DEB").map(PathBuf::from).expect("GANTRY_DEB names the .deb to check");
    assert!(path.exists(), "{} is missing", path.display());
    path
}

fn output(program: &str, args: &[&str], env_removed: &[&str]) -> Output {
    let mut command = Command::new(program);
    command.args(args);
    for name in env_removed {
        command.env_remove(name);
    }
    command.output().unwrap_or_else(|e| panic!("{program} runs: {e}"))
}

fn run(program: &str, args: &[&str]) -> String {
    let out = output(program, args, &[]);
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

/// The package unpacked into a temporary root, as dpkg would install it.
fn unpacked(deb: &Path) -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("root");
    run("dpkg", &["-x", deb.to_str().expect("path"), root.path().to_str().expect("path")]);
    root
}

#[test]
#[ignore = "needs the built .deb; ./scripts/test.sh builds it"]
fn the_package_declares_what_debian_needs_to_know_and_stays_small() {
    let deb = deb();
    assert_eq!(field(&deb, "Package"), "gantry");
    assert_eq!(field(&deb, "Version"), env!("CARGO_PKG_VERSION"));
    assert_eq!(field(&deb, "Architecture"), "amd64");
    assert!(field(&deb, "Maintainer").contains('@'), "a maintainer with an address is named");
    assert!(field(&deb, "Description").contains("IT project"), "{}", field(&deb, "Description"));
    let depends = field(&deb, "Depends");
    for needed in ["libwebkit2gtk-4.1-0", "libgtk-3-0", "libc6", "fonts-dejavu-core", "fonts-droid-fallback"] {
        assert!(depends.contains(needed), "depends on {needed}: {depends}");
    }
    let size = std::fs::metadata(&deb).expect("size").len();
    let installed: u64 = field(&deb, "Installed-Size").parse::<u64>().expect("Installed-Size in KiB") * 1024;
    println!("package size: {:.1} MB ({size} bytes), installed {:.1} MB", size as f64 / 1e6, installed as f64 / 1e6);
    assert!(size <= MAX_DEB_BYTES, "the .deb is {size} bytes; the budget is {MAX_DEB_BYTES}");
    assert!(
        installed <= MAX_INSTALLED_BYTES,
        "installed it takes {installed} bytes; the budget is {MAX_INSTALLED_BYTES}"
    );
}

#[test]
#[ignore = "needs the built .deb; ./scripts/test.sh builds it"]
fn lintian_finds_no_error_and_no_warning_and_each_override_says_why() {
    let deb = deb();
    let out = output("lintian", &["--tag-display-limit", "0", "--show-overrides", deb.to_str().expect("path")], &[]);
    let report = String::from_utf8_lossy(&out.stdout);
    println!("lintian:\n{report}{}", String::from_utf8_lossy(&out.stderr));
    let complaints: Vec<&str> = report.lines().filter(|l| l.starts_with("E: ") || l.starts_with("W: ")).collect();
    assert!(complaints.is_empty(), "lintian complains:\n{}", complaints.join("\n"));
    // Its exit status is no guide: run as root (as CI runs), lintian exits 2
    // however clean the package. The overridden tags it must print below
    // show that it ran.

    // Every tag the package overrides comes after the comment that says why,
    // and the README names it.
    let root = unpacked(&deb);
    let overrides = std::fs::read_to_string(root.path().join("usr/share/lintian/overrides/gantry")).expect("overrides");
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).expect("README");
    let mut reason = false;
    for line in overrides.lines() {
        if line.starts_with('#') {
            reason = true;
        } else if line.trim().is_empty() {
            reason = false;
        } else {
            assert!(reason, "the override “{line}” says why, in a comment above it");
            let tag: Vec<&str> = line.split_whitespace().take(2).collect();
            assert!(readme.contains(&format!("`{}` ({})", tag[0], tag[1])), "the README explains “{line}”");
            assert!(report.contains(&format!("O: gantry: {line}")), "“{line}” is still needed: {report}");
        }
    }
}

#[test]
#[ignore = "needs the built .deb; ./scripts/test.sh builds it"]
fn the_package_installs_one_program_the_menu_entry_the_file_type_and_the_docs() {
    let deb = deb();
    let listing = run("dpkg-deb", &["--contents", deb.to_str().expect("path")]);
    for file in [
        "usr/bin/gantry-app",
        "usr/share/applications/gantry.desktop",
        "usr/share/mime/packages/gantry.xml",
        "usr/share/icons/hicolor/32x32/apps/gantry-app.png",
        "usr/share/icons/hicolor/128x128/apps/gantry-app.png",
        "usr/share/icons/hicolor/256x256/apps/gantry-app.png",
        "usr/share/icons/hicolor/512x512/apps/gantry-app.png",
        "usr/share/icons/hicolor/scalable/apps/gantry-app.svg",
        "usr/share/man/man1/gantry.1.gz",
        "usr/share/man/man1/gantry-report.1.gz",
        "usr/share/bash-completion/completions/gantry",
        "usr/share/zsh/vendor-completions/_gantry",
        "usr/share/fish/vendor_completions.d/gantry.fish",
        "usr/share/doc/gantry/copyright",
        "usr/share/doc/gantry/changelog.gz",
        "usr/share/lintian/overrides/gantry",
    ] {
        let listed = listing.lines().any(|l| l.ends_with(&format!(" ./{file}")));
        assert!(listed, "{file} is in the package:\n{listing}");
    }
    // One program: the command is a link to the app, and no font is inside.
    for link in ["./usr/bin/gantry -> gantry-app", "./usr/share/man/man1/gantry-app.1.gz -> gantry.1.gz"] {
        assert!(listing.lines().any(|l| l.ends_with(link)), "{link}:\n{listing}");
    }
    let binaries = listing.lines().filter(|l| l.contains(" ./usr/bin/") && l.starts_with('-')).count();
    assert_eq!(binaries, 1, "one executable file:\n{listing}");
    assert!(!listing.contains(".ttf"), "the report fonts are Debian's, not a copy:\n{listing}");

    let root = unpacked(&deb);
    let desktop = root.path().join("usr/share/applications/gantry.desktop");
    run("desktop-file-validate", &[desktop.to_str().expect("path")]);
    let entry = std::fs::read_to_string(&desktop).expect("desktop entry");
    assert!(entry.contains("Categories=Office;ProjectManagement;"), "{entry}");
    assert!(entry.contains("MimeType=application/x-gantry-portfolio;"), "{entry}");
    assert!(entry.lines().any(|l| l == "Exec=gantry-app %f"), "a double-clicked file is passed on: {entry}");
    let mime = std::fs::read_to_string(root.path().join("usr/share/mime/packages/gantry.xml")).expect("mime");
    assert!(mime.contains("<glob pattern=\"*.gantry\"/>"));

    let copyright = std::fs::read_to_string(root.path().join("usr/share/doc/gantry/copyright")).expect("copyright");
    assert!(
        copyright.starts_with("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"),
        "machine-readable: {}",
        &copyright[..200]
    );
    for part in ["License: GPL-3+", "Files: rust/typst-0.15.1/*", "Files: rust/tauri-2.", "License: OFL-1.1"] {
        assert!(copyright.contains(part), "the copyright file names {part}");
    }
    let changelog =
        Command::new("zcat").arg(root.path().join("usr/share/doc/gantry/changelog.gz")).output().expect("zcat runs");
    let changelog = String::from_utf8_lossy(&changelog.stdout);
    assert!(
        changelog.starts_with(&format!("gantry ({}) ", env!("CARGO_PKG_VERSION"))),
        "the changelog's newest entry is this version: {changelog}"
    );
}

#[test]
#[ignore = "needs the built .deb; ./scripts/test.sh builds it"]
fn the_installed_command_runs_without_a_display_and_documents_itself() {
    let root = unpacked(&deb());
    let no_display = ["DISPLAY", "WAYLAND_DISPLAY"];
    let gantry = root.path().join("usr/bin/gantry");
    let gantry = gantry.to_str().expect("path");
    let app = root.path().join("usr/bin/gantry-app");
    let app = app.to_str().expect("path");

    let help = output(gantry, &["--help"], &no_display);
    assert!(help.status.success(), "{}", String::from_utf8_lossy(&help.stderr));
    let help = String::from_utf8_lossy(&help.stdout);
    for subcommand in ["sample", "schedule", "report", "projects", "completions"] {
        assert!(help.contains(subcommand), "--help lists {subcommand}: {help}");
    }
    let version = output(gantry, &["--version"], &no_display);
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("gantry {}", env!("CARGO_PKG_VERSION")));
    // The app's own name with a subcommand is the command too.
    let version = output(app, &["--version"], &no_display);
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("gantry {}", env!("CARGO_PKG_VERSION")));
    let wrong = output(gantry, &["no-such-command"], &no_display);
    assert_eq!(wrong.status.code(), Some(2), "a usage error exits 2, as clap's do");

    let db = root.path().join("Portfolio.gantry");
    let db = db.to_str().expect("path");
    let made = output(app, &["sample", "--db", db], &no_display);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let projects = output(gantry, &["projects", "--db", db, "--json"], &no_display);
    let projects: serde_json::Value = serde_json::from_slice(&projects.stdout).expect("JSON");
    let list = projects.as_array().expect("a list");
    assert_eq!(list.len(), 4, "the sample portfolio has four projects");
    assert_eq!(list.iter().filter(|p| p["closedOn"].is_null()).count(), 3, "three of them in flight, one closed");

    // The report reads Debian's fonts and embeds them.
    let pdf = root.path().join("portfolio.pdf");
    let pdf = pdf.to_str().expect("path");
    let report = output(gantry, &["report", "--db", db, "--portfolio", "-o", pdf], &no_display);
    assert!(report.status.success(), "{}", String::from_utf8_lossy(&report.stderr));
    let fonts = run("pdffonts", &[pdf]);
    assert!(fonts.contains("DejaVuSans") && fonts.contains("emb"), "Debian's fonts are embedded: {fonts}");

    // The manual page renders without a complaint from man or groff.
    let page = root.path().join("usr/share/man/man1/gantry.1.gz");
    let man = Command::new("man")
        .args(["-l", page.to_str().expect("path")])
        .env("MANWIDTH", "80")
        .env("MAN_KEEP_STDERR", "1")
        .output()
        .expect("man runs");
    let text = String::from_utf8_lossy(&man.stdout);
    assert!(man.status.success() && man.stderr.is_empty(), "man -l: {}", String::from_utf8_lossy(&man.stderr));
    for part in ["SYNOPSIS", "gantry-report(1)", "Plan and steer IT projects"] {
        assert!(text.contains(part), "the page shows {part}:\n{text}");
    }

    // The completions are what each shell reads.
    let bash = root.path().join("usr/share/bash-completion/completions/gantry");
    run("bash", &["-n", bash.to_str().expect("path")]);
    let bash = std::fs::read_to_string(bash).expect("bash completion");
    assert!(bash.contains("complete -F _gantry") && bash.contains("report"), "bash completes gantry");
    let zsh = std::fs::read_to_string(root.path().join("usr/share/zsh/vendor-completions/_gantry")).expect("zsh");
    assert!(zsh.starts_with("#compdef gantry"), "zsh finds it by its first line");
    let fish =
        std::fs::read_to_string(root.path().join("usr/share/fish/vendor_completions.d/gantry.fish")).expect("fish");
    assert!(fish.contains("complete -c gantry"), "fish completes gantry");
}
