//! Undo as a property: any sequence of random real commands followed by as
//! many undos gives back the portfolio's starting state, and redo then
//! replays every step exactly. Cases: `PROPTEST_CASES` (24 by default).

mod common;

use common::{Dice, random_command, sample_copy};

use gantry_api::Portfolio;
use proptest::prelude::*;

/// Every row of every user table, as text, sorted: the portfolio's logical
/// state, blind to where SQLite happened to store a row.
fn logical(p: &Portfolio) -> Vec<String> {
    let db = p.store().db();
    let mut out = Vec::new();
    for table in gantry_store::USER_TABLES {
        let mut stmt = db.prepare(&format!("SELECT * FROM {table}")).expect("a user table");
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).expect("rows");
        let mut lines = Vec::new();
        while let Some(row) = rows.next().expect("row") {
            let values: Vec<String> = (0..columns).map(|c| format!("{:?}", row.get_ref(c).expect("value"))).collect();
            lines.push(format!("{table}: {}", values.join("|")));
        }
        lines.sort();
        out.extend(lines);
    }
    out
}

/// How many steps undo could take back.
fn steps(p: &Portfolio) -> usize {
    p.history(10_000).expect("history").iter().filter(|h| !h.undone).count()
}

/// Applies one random command; `Some(kind)` when it added an undo step.
/// A command that is refused, or that adds no step (it had nothing to do),
/// must leave the data as it was.
fn one_command(p: &mut Portfolio, projects: &[i64], dice: &mut Dice) -> Option<&'static str> {
    let before = (steps(p), logical(p));
    let (kind, result) = random_command(p, projects, dice, false, false);
    let after = steps(p);
    if result.is_ok() && after == before.0 + 1 {
        return Some(kind);
    }
    assert_eq!(after, before.0, "{kind} added {} steps", after as i64 - before.0 as i64);
    assert!(logical(p) == before.1, "{kind} changed the data without an undo step ({result:?})");
    None
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn undoing_every_command_restores_the_start_and_redo_replays_it(seed in any::<u64>(), length in 1usize..30) {
        let (_dir, path) = sample_copy();
        let mut p = Portfolio::open(&path).expect("opens");
        let projects: Vec<i64> = p.projects().expect("projects").iter().map(|s| s.id).collect();
        let mut dice = Dice(seed | 1);

        // States after each applied command; a refused one adds no step.
        let mut states = vec![logical(&p)];
        let mut applied = Vec::new();
        for _ in 0..length {
            if let Some(kind) = one_command(&mut p, &projects, &mut dice) {
                applied.push(kind);
                states.push(logical(&p));
            }
        }
        for step in (0..applied.len()).rev() {
            let undone = p.undo().expect("undo");
            prop_assert!(undone.is_some(), "step {} ({}) has nothing to undo", step, applied[step]);
            prop_assert_eq!(&logical(&p), &states[step], "undoing {} (step {}) left a difference", applied[step], step);
        }
        prop_assert_eq!(p.undo().expect("undo"), None, "undo went past the start");
        for step in 0..applied.len() {
            prop_assert!(p.redo().expect("redo").is_some());
            prop_assert_eq!(&logical(&p), &states[step + 1], "redoing {} (step {}) differs", applied[step], step);
        }
        prop_assert_eq!(p.redo().expect("redo"), None);
        let store = p.store().db();
        let fk: i64 = store.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).expect("fk");
        prop_assert_eq!(fk, 0, "a replay left a dangling reference");
    }
}

/// The figure the test run prints: how many commands were undone and
/// redone over a fixed set of seeds.
#[test]
fn undo_figures() {
    let (_dir, path) = sample_copy();
    let mut p = Portfolio::open(&path).expect("opens");
    let projects: Vec<i64> = p.projects().expect("projects").iter().map(|s| s.id).collect();
    let start = logical(&p);
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
    let mut applied = 0;
    for _ in 0..200 {
        if one_command(&mut p, &projects, &mut dice).is_some() {
            applied += 1;
        }
    }
    let after = logical(&p);
    for _ in 0..applied {
        assert!(p.undo().expect("undo").is_some());
    }
    assert_eq!(logical(&p), start, "200 random commands, all undone, give back the start");
    for _ in 0..applied {
        assert!(p.redo().expect("redo").is_some());
    }
    assert_eq!(logical(&p), after, "and redo replays them");
    println!("undo: {applied} random commands undone back to the start and redone exactly");
}
