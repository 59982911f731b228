//! The webview's privileges, read from the files that grant them: nothing on
//! the page may reach the file system, a shell, the asset protocol or the
//! network, every command it may call is declared, and the page runs under a
//! strict content security policy.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn shell() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri")
}

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every permission granted by every capability file.
fn permissions() -> Vec<String> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(shell().join("capabilities")).expect("capabilities folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let cap = json(&path);
            for p in cap["permissions"].as_array().expect("a permissions list") {
                // A permission is a name, or an object with an identifier and scopes.
                let id = p.as_str().or_else(|| p["identifier"].as_str()).expect("a permission name");
                assert!(p.get("allow").is_none() && p.get("deny").is_none(), "no scoped grants: {p}");
                all.push(id.to_owned());
            }
        }
    }
    all
}

/// The commands `build.rs` declares in the app manifest.
fn declared_commands() -> Vec<String> {
    let build = std::fs::read_to_string(shell().join("build.rs")).expect("build.rs");
    let list = build.split("const COMMANDS: &[&str] = &[").nth(1).and_then(|r| r.split("];").next()).expect("COMMANDS");
    list.split(',').map(|c| c.trim().trim_matches('"').to_owned()).filter(|c| !c.is_empty()).collect()
}

#[test]
fn the_webview_gets_no_file_shell_asset_or_network_permission() {
    for p in permissions() {
        for forbidden in ["fs:", "shell:", "http:", "asset", "opener:", "process:", "dialog:"] {
            assert!(!p.contains(forbidden), "the webview must not hold {p}");
        }
        assert!(!p.contains('*'), "no wildcard permission: {p}");
    }
}

#[test]
fn every_allowed_command_is_declared_and_every_declared_command_is_allowed() {
    let declared = declared_commands();
    assert!(declared.len() >= 10, "the manifest lists the app's commands: {declared:?}");
    let allowed: Vec<String> =
        permissions().into_iter().filter_map(|p| p.strip_prefix("allow-").map(str::to_owned)).collect();
    for c in &declared {
        assert!(allowed.contains(&c.replace('_', "-")), "{c} is declared but the window may not call it");
    }
    for a in &allowed {
        assert!(declared.contains(&a.replace('-', "_")), "{a} is allowed but not declared in build.rs");
    }
    // The handler registers exactly the declared commands, from the
    // module of their area.
    let main = std::fs::read_to_string(shell().join("src/main.rs")).expect("main.rs");
    for c in &declared {
        assert!(main.contains(&format!("::{c},\n")), "{c} is declared but not registered");
    }
}

#[test]
fn the_page_runs_under_a_strict_content_security_policy() {
    let conf = json(&shell().join("tauri.conf.json"));
    let security = &conf["app"]["security"];
    assert_eq!(security["freezePrototype"], true, "prototype pollution is blocked");
    let csp = &security["csp"];
    assert!(csp.is_object(), "a CSP is set");
    let scripts = csp["script-src"].as_str().expect("script-src is set");
    assert_eq!(scripts.trim(), "'self'", "scripts come only from the app itself");
    let default = csp["default-src"].as_str().expect("default-src is set");
    assert_eq!(default.trim(), "'self'");
    for (directive, value) in csp.as_object().expect("directives") {
        let value = value.as_str().unwrap_or_default();
        assert!(!value.contains("unsafe-eval"), "{directive} allows eval");
        assert!(!value.contains('*'), "{directive} has a wildcard");
        assert!(!value.contains("http:") || value.contains("http://ipc.localhost"), "{directive} allows the network");
        assert!(!value.contains("https:"), "{directive} allows remote content");
    }
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(conf["app"]["withGlobalTauri"], false, "no global Tauri object for page scripts");
}

#[test]
fn tauri_is_at_least_the_release_with_the_security_fixes() {
    let lock =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock")).expect("Cargo.lock");
    let version = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"tauri\"\n"))
        .and_then(|p| p.split("version = \"").nth(1))
        .and_then(|v| v.split('"').next())
        .expect("tauri in Cargo.lock");
    let parts: Vec<u32> = version.split(['.', '-']).take(3).map(|n| n.parse().unwrap_or(0)).collect();
    assert!(parts >= vec![2, 11, 1], "tauri {version} is older than 2.11.1");
}
