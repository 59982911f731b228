//! Drives the built Gantry app like a person: tauri-driver starts the app in
//! WebKitGTK and speaks WebDriver, so a test can click, type and read what
//! the window shows. Run under a display (Xvfb) with the app built.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub use fantoccini::elements::Element;
pub use fantoccini::{Client, Locator};

/// How long the app may take to show something before a test fails.
const PATIENCE: Duration = Duration::from_secs(20);

/// How long one app may run in a test. A story takes seconds; a WebDriver
/// request to an app that stopped answering waits for ever, so past this
/// the driver is ended, the request fails and the test says why.
const LIFETIME: Duration = Duration::from_secs(300);

/// WebDriver key codes.
pub mod keys {
    pub const ENTER: &str = "\u{E007}";
    pub const TAB: &str = "\u{E004}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const CONTROL: &str = "\u{E009}";
    /// Releases held modifier keys.
    pub const RELEASE: &str = "\u{E000}";
}

/// The text an element holds, trimmed. (WebKit's WebDriver returns no text
/// for some rendered elements, so this reads `textContent`.)
pub async fn text_of(e: &Element) -> String {
    e.prop("textContent").await.ok().flatten().unwrap_or_default().trim().to_owned()
}

/// The app binary: `GANTRY_APP`, else the workspace's release build.
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("GANTRY_APP") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("release/gantry-app")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free local port")
}

/// A running app with its WebDriver session.
pub struct App {
    pub client: Client,
    driver: Child,
    /// Set when the app is done with, for the watchdog (see [`LIFETIME`]).
    ended: Arc<AtomicBool>,
}

impl App {
    /// Starts the app with `home` as its data and configuration folder, and
    /// waits until its page is ready.
    pub async fn launch(home: &Path) -> App {
        App::launch_with(home, &[]).await
    }

    /// Starts the app with command-line arguments, as the desktop does when
    /// a file is double-clicked (`Exec=gantry-app %f`).
    pub async fn launch_with(home: &Path, args: &[&str]) -> App {
        let binary = app_binary();
        assert!(binary.exists(), "{} is missing: build the app first (./scripts/test does)", binary.display());
        // Two free ports, and not the same one twice (each is released
        // before the next is asked for).
        let port = free_port();
        let native = std::iter::repeat_with(free_port).find(|&p| p != port).expect("a second free port");
        let driver = Command::new("tauri-driver")
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group, so ending it also ends the WebKit
            // driver and the app it started.
            .process_group(0)
            .spawn()
            .expect("tauri-driver runs (cargo install tauri-driver --locked)");
        let url = format!("http://127.0.0.1:{port}");
        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), serde_json::json!({ "application": binary, "args": args }));
        // The driver needs a moment to listen, and the first session request
        // after it starts fails now and then: retry until the deadline.
        let deadline = Instant::now() + PATIENCE;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match fantoccini::ClientBuilder::new(connector).capabilities(caps.clone()).connect(&url).await {
                Ok(c) => break c,
                Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(250)).await,
                Err(e) => panic!("no WebDriver session with the app: {e}"),
            }
        };
        let ended = watchdog(&driver);
        let app = App { client, driver, ended };
        app.find("header .brand").await;
        app
    }

    /// The first element matching `css`, waiting for it to appear.
    pub async fn find(&self, css: &str) -> Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(e) => return e,
                Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(100)).await,
                Err(e) => self.fail(&format!("{css} never appeared: {e}")).await,
            }
        }
    }

    /// Every element matching `css` right now.
    pub async fn all(&self, css: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(css)).await.unwrap_or_default()
    }

    /// Waits until `check` holds, polling; fails with `what` after a while.
    pub async fn wait_until<F, Fut>(&self, what: &str, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let deadline = Instant::now() + PATIENCE;
        while !check().await {
            if Instant::now() >= deadline {
                self.fail(&format!("timed out waiting until {what}")).await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The element whose text is exactly `text` among those matching `css`.
    pub async fn with_text(&self, css: &str, text: &str) -> Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            for e in self.all(css).await {
                if text_of(&e).await == text {
                    return e;
                }
            }
            if Instant::now() >= deadline {
                self.fail(&format!("no {css} reads “{text}”")).await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Fails the test, leaving a screenshot of the moment in
    /// `target/e2e/failure.png` when one can still be taken: the message
    /// says why the test failed either way.
    async fn fail(&self, message: &str) -> ! {
        match self.try_screenshot("failure").await {
            Ok(file) => panic!("{message} (see {})", file.display()),
            Err(why) => panic!("{message} (no screenshot: {why})"),
        }
    }

    /// The first element matching `css` whose text starts with `prefix`.
    pub async fn find_with_prefix(&self, css: &str, prefix: &str) -> Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            for e in self.all(css).await {
                if text_of(&e).await.starts_with(prefix) {
                    return e;
                }
            }
            if Instant::now() >= deadline {
                self.fail(&format!("no {css} starts with “{prefix}”")).await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Double-clicks an element with real pointer events.
    pub async fn double_click(&self, element: &Element) {
        use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
        let press = |m: MouseActions| {
            m.then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
                .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })
        };
        let mouse = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
            element: element.clone(),
            duration: None,
            x: 0.0,
            y: 0.0,
        });
        self.client.perform_actions(press(press(mouse))).await.expect("double-click");
        let _ = self.client.release_actions().await;
    }

    /// Where the first element matching `css` is in the window: left, top,
    /// width and height in CSS pixels (SVG shapes included).
    pub async fn rect(&self, css: &str) -> (f64, f64, f64, f64) {
        self.find(css).await;
        let v = self
            .client
            .execute(
                "const r = document.querySelector(arguments[0]).getBoundingClientRect();
                 return [r.left, r.top, r.width, r.height];",
                vec![serde_json::json!(css)],
            )
            .await
            .expect("getBoundingClientRect");
        let n = |i: usize| v.get(i).and_then(serde_json::Value::as_f64).unwrap_or(f64::NAN);
        (n(0), n(1), n(2), n(3))
    }

    /// Presses the left button at `from` and moves to `to` in small steps,
    /// holding the button, as a hand drags. [`App::release`] lets go.
    pub async fn press_and_move(&self, from: (f64, f64), to: (f64, f64)) {
        use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
        let mut mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveTo { duration: None, x: from.0.round(), y: from.1.round() })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT });
        const STEPS: u32 = 8;
        for i in 1..=STEPS {
            let f = f64::from(i) / f64::from(STEPS);
            mouse = mouse.then(PointerAction::MoveTo {
                duration: Some(Duration::from_millis(40)),
                x: (from.0 + (to.0 - from.0) * f).round(),
                y: (from.1 + (to.1 - from.1) * f).round(),
            });
        }
        self.client.perform_actions(mouse).await.expect("press and move");
    }

    /// Lets go of the button a drag holds.
    pub async fn release(&self) {
        use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
        let up = MouseActions::new("mouse".into()).then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        self.client.perform_actions(up).await.expect("release");
    }

    /// Clicks the right button at `at` through the X server, as a person
    /// opening a context menu. (WebKit's WebDriver follows a right button's
    /// release with a left click no mouse makes, which closes the menu.)
    pub async fn right_click(&self, at: (f64, f64)) {
        let found = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", "^Gantry$"])
            .output()
            .expect("xdotool runs (apt-get install xdotool)");
        let listed = String::from_utf8_lossy(&found.stdout);
        let window = listed.lines().next().expect("the Gantry window is on the screen").to_owned();
        let (x, y) = (format!("{}", at.0.round()), format!("{}", at.1.round()));
        let clicked = Command::new("xdotool")
            .args(["mousemove", "--window", &window, &x, &y, "click", "3"])
            .status()
            .expect("xdotool runs");
        assert!(clicked.success(), "xdotool could not click at {at:?}");
    }

    /// Drags from `from` to `to` and lets go.
    pub async fn drag(&self, from: (f64, f64), to: (f64, f64)) {
        self.press_and_move(from, to).await;
        self.release().await;
    }

    /// Saves a screenshot of the app's window under `target/e2e/` for
    /// people to look at, read from the X display as a person sees it.
    /// Where there is no GPU, WebKit paints the window directly, and in that
    /// mode WebDriver's own screenshot never answers.
    pub async fn screenshot(&self, name: &str) {
        if let Err(why) = self.try_screenshot(name).await {
            panic!("the screenshot {name} was not taken: {why}");
        }
    }

    async fn try_screenshot(&self, name: &str) -> Result<PathBuf, String> {
        // Two frames, so the last change has been painted and handed to the
        // window before the screen is read.
        let frames = self.client.execute_async(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
            vec![],
        );
        match tokio::time::timeout(Duration::from_secs(10), frames).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => return Err(format!("the page did not draw a frame: {e}")),
            Err(_) => return Err("the page drew no frame within 10 s".into()),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        let dir = app_binary().parent().and_then(Path::parent).map(|t| t.join("e2e")).unwrap_or_default();
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join(format!("{name}.png"));
        let found = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", "^Gantry$"])
            .output()
            .map_err(|e| format!("xdotool: {e}"))?;
        let listed = String::from_utf8_lossy(&found.stdout);
        let window = listed.lines().next().ok_or("the Gantry window is not on the screen")?;
        let taken =
            Command::new("import").args(["-window", window]).arg(&file).status().map_err(|e| format!("import: {e}"))?;
        if !taken.success() {
            return Err(format!("import exited with {taken}"));
        }
        Ok(file)
    }

    /// Closes the window and ends the session, as a user quitting.
    pub async fn quit(self) {
        let _ = self.client.clone().close().await;
        // Drop ends the driver's process group.
    }
}

/// Answers the app's native file dialog titled `title` with `path`, as a
/// person typing it: focus the dialog, type the path, press Enter. Needs
/// xdotool and the same X display as the app.
pub fn answer_file_dialog(title: &str, path: &Path) {
    let xdotool = |args: &[&str]| -> String {
        let out = Command::new("timeout")
            .arg("20")
            .arg("xdotool")
            .args(args)
            .output()
            .expect("xdotool runs (apt-get install xdotool)");
        assert!(out.status.success(), "xdotool {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    let window = xdotool(&["search", "--sync", "--onlyvisible", "--name", &format!("^{title}$")]);
    let window = window.lines().next().unwrap_or_default().to_owned();
    xdotool(&["windowfocus", "--sync", &window]);
    // Ctrl+L opens the location field in an open dialog; in a save dialog the
    // name field has focus, and Ctrl+A selects the suggested name.
    // Keys go to the focused window: GTK ignores events sent to a window
    // directly (xdotool --window), as it should for synthetic input.
    // The dialog builds its fields as it maps: give each step a moment.
    let pause = || std::thread::sleep(Duration::from_millis(400));
    pause();
    xdotool(&["key", if title.starts_with("Save") { "ctrl+a" } else { "ctrl+l" }]);
    pause();
    xdotool(&["type", "--delay", "15", &path.display().to_string()]);
    pause();
    xdotool(&["key", "Return"]);
}

/// Ends the driver's process group: the driver, the WebKit driver and the
/// app it started.
fn end_group(leader: u32) {
    let _ = Command::new("kill").args(["-TERM", "--", &format!("-{leader}")]).status();
}

/// Ends `driver` if its app is still running after [`LIFETIME`]; the app
/// sets the flag returned when it is done with.
fn watchdog(driver: &Child) -> Arc<AtomicBool> {
    let ended = Arc::new(AtomicBool::new(false));
    let (seen, leader) = (ended.clone(), driver.id());
    std::thread::spawn(move || {
        let deadline = Instant::now() + LIFETIME;
        while Instant::now() < deadline {
            if seen.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        eprintln!("the app ran {} s without its test ending: it or its driver stopped answering", LIFETIME.as_secs());
        end_group(leader);
    });
    ended
}

impl Drop for App {
    fn drop(&mut self) {
        self.ended.store(true, Ordering::Relaxed);
        end_group(self.driver.id());
        let _ = self.driver.wait();
    }
}
