//! Crash safety: a child process applies random real commands to a portfolio
//! and says "ack" after each one returns (after its COMMIT); this test kills
//! it with SIGKILL at random moments, reopens the file and checks that it is
//! sound and that every acknowledged edit is there. The same binary is the
//! child: it runs itself with `GANTRY_CRASH_CHILD` set.
//!
//! `GANTRY_CRASH_KILLS` sets the number of kills (200 by default). A broken
//! mode, where one command is written as several autocommit statements,
//! proves the harness sees damage when there is some.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use common::{Dice, digest, random_command};
use gantry_api::Portfolio;

const CHILD: &str = "GANTRY_CRASH_CHILD";
const SEED: &str = "GANTRY_CRASH_SEED";
const BROKEN: &str = "GANTRY_CRASH_BROKEN";

#[test]
#[ignore = "the child of the crash test; that test starts it"]
fn crash_child() {
    let Some(path) = std::env::var_os(CHILD) else { return };
    let seed: u64 = std::env::var(SEED).ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let broken = std::env::var_os(BROKEN).is_some();
    let mut p = Portfolio::open(&path).expect("the child opens the portfolio");
    let mut dice = Dice(seed | 1);
    // The commands never add or remove projects.
    let projects: Vec<i64> = p.projects().expect("projects").iter().map(|s| s.id).collect();
    println!("start {}", digest(&p));
    for n in 0u64.. {
        let (kind, result) = random_command(&mut p, &projects, &mut dice, broken, true);
        // The command has returned: if it was applied, it is committed.
        if result.is_ok() {
            println!("ack {n} {kind} {}", digest(&p));
        }
        if n == 0 {
            println!("ready");
        }
    }
}

/// What the parent read from a child before it died.
struct Heard {
    /// The last acknowledged command: its kind and the digest after it.
    last: Option<(String, u64)>,
    acks: usize,
    /// The data as the child found it when it opened the file.
    start: Option<u64>,
}

/// Runs a child on `path` for a random moment, kills it, and returns what it
/// acknowledged.
fn run_and_kill(path: &Path, seed: u64, broken: bool, dice: &mut Dice) -> Heard {
    let mut command = Command::new(std::env::current_exe().expect("this test binary"));
    command
        .args(["crash_child", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD, path)
        .env(SEED, seed.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if broken {
        command.env(BROKEN, "1");
    }
    let mut child = command.spawn().expect("the child starts");
    let stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut heard = Heard { last: None, acks: 0, start: None };
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            // The test runner may print its own words before the child's on
            // the first line ("test crash_child ... start …"); a kind may be
            // more than one word; the digest is the last.
            let words: Vec<&str> = line.split_whitespace().collect();
            if let Some(i) = words.iter().position(|w| *w == "start") {
                heard.start = words.get(i + 1).and_then(|d| d.parse().ok());
            }
            if let Some(i) = words.iter().position(|w| *w == "ack")
                && words.len() >= i + 4
                && let Ok(d) = words[words.len() - 1].parse()
            {
                heard.last = Some((words[i + 2..words.len() - 1].join(" "), d));
                heard.acks += 1;
            }
        }
        heard
    });
    // Kill at a random moment in the child's life: while it opens the file,
    // or in the middle of its commands.
    std::thread::sleep(Duration::from_millis(5 + dice.below(400) as u64));
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    reader.join().expect("the reader ends with the child")
}

/// Checks the reopened file; `Err` says what is wrong.
fn check(path: &Path, before: u64, heard: &Heard) -> Result<u64, String> {
    let p = Portfolio::open(path).map_err(|e| format!("the file does not reopen: {e}"))?;
    let db = p.store().db();
    let fk: i64 =
        db.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    if fk != 0 {
        return Err(format!("{fk} rows point at rows that do not exist"));
    }
    let bad_kinds: i64 = db
        .query_row(
            "SELECT count(*) FROM tasks t WHERE (t.kind = 'summary') <> EXISTS (SELECT 1 FROM tasks c WHERE c.parent_id = t.id)",
            [],
            |r| r.get(0),
        )
        .map_err(|e| e.to_string())?;
    if bad_kinds != 0 {
        return Err(format!(
            "{bad_kinds} tasks are summaries without subtasks or have subtasks without being summaries"
        ));
    }
    for s in p.projects().map_err(|e| e.to_string())? {
        let plan = p.plan(s.id).map_err(|e| e.to_string())?;
        if let Some(d) =
            plan.diagnostics.iter().find(|d| d.to_lowercase().contains("circle") || d.to_lowercase().contains("cycle"))
        {
            return Err(format!("{} has a circle of links: {d}", s.name));
        }
    }
    let now = digest(&p);
    // The data is as after the last acknowledged command, or (when the kill
    // came between its COMMIT and its "ack") one command further. Undoing
    // that one command must then give the acknowledged data back.
    let expected = heard.last.as_ref().map_or(before, |(_, d)| *d);
    if now == expected {
        return Ok(now);
    }
    // Work on a copy, so the check leaves the file as the child left it.
    drop(p);
    let copy = path.with_extension("check");
    let with = |p: &Path, suffix: &str| {
        let mut name = p.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    for suffix in ["", "-wal"] {
        if with(path, suffix).exists() {
            std::fs::copy(with(path, suffix), with(&copy, suffix)).map_err(|e| e.to_string())?;
        }
    }
    let mut back = Portfolio::open(&copy).map_err(|e| e.to_string())?;
    let info = back.info().map_err(|e| e.to_string())?;
    // The unacknowledged command may have been an undo: try both ways back.
    let mut candidates = Vec::new();
    if info.undo.is_some() {
        back.undo().map_err(|e| e.to_string())?;
        candidates.push(digest(&back));
        back.redo().map_err(|e| e.to_string())?;
    }
    if info.redo.is_some() {
        back.redo().map_err(|e| e.to_string())?;
        candidates.push(digest(&back));
    }
    drop(back);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(with(&copy, suffix));
    }
    if candidates.contains(&expected) {
        Ok(now)
    } else {
        Err(format!(
            "the data is neither as after the last acknowledged command ({}) nor one whole command further \
             (the last step in the file: {:?}; the child found {:?} on opening, {expected} expected)",
            heard.last.as_ref().map_or("none", |(k, _)| k.as_str()),
            info.undo,
            heard.start,
        ))
    }
}

/// Kills children `kills` times on one portfolio; returns the failures and
/// how many edits were acknowledged in all.
fn crash_loop(kills: usize, broken: bool, seed: u64) -> (Vec<String>, usize) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("Crash.gantry");
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let mut state = digest(&Portfolio::create_sample(&path, today).expect("sample"));
    let mut dice = Dice(seed);
    let (mut failures, mut acks) = (Vec::new(), 0);
    for kill in 0..kills {
        let heard = run_and_kill(&path, dice.next(), broken, &mut dice);
        acks += heard.acks;
        match check(&path, state, &heard) {
            Ok(d) => state = d,
            Err(why) => {
                failures.push(format!("kill {kill}: {why}"));
                // Go on from whatever the file now holds.
                state = digest(&Portfolio::open(&path).expect("reopen"));
            }
        }
    }
    (failures, acks)
}

#[test]
fn acknowledged_edits_survive_kills_at_random_moments() {
    let kills = std::env::var("GANTRY_CRASH_KILLS").ok().and_then(|k| k.parse().ok()).unwrap_or(200);
    let started = Instant::now();
    let (failures, acks) = crash_loop(kills, false, 0x5eed_cafe);
    println!(
        "crash loop: {kills} kills, {acks} acknowledged edits, {} failures, {:.1} s",
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(acks > kills, "the children got work done between kills ({acks} edits)");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_crash_harness_sees_damage_when_a_command_is_not_one_transaction() {
    let (failures, _) = crash_loop(60, true, 0xbad_5eed);
    println!("broken mode: {} of 60 kills found damage", failures.len());
    assert!(!failures.is_empty(), "commands split into autocommit statements must be caught");
}
