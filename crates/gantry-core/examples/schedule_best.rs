//! The benchmark's generated plans (see `benches/schedule.rs`), timed run by
//! run: the best and the median of many full schedules, or of the two
//! one-change reschedules. On a shared machine criterion's means drift with
//! the load; two builds run side by side, a few rounds each, compare by
//! their best. `--hash` prints a hash of the full schedule instead, so that
//! two builds can be shown to give the same answers.
//!
//! `cargo run --release -p gantry-core --example schedule_best -- TASKS LINKS RUNS [--change | --hash]`

use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::Instant;

use chrono::NaiveDate;
use gantry_core::calendar::WorkCalendar;
use gantry_core::schedule::{ScheduleInput, Scheduler, schedule};

/// As the app and the command line, whose allocator this is.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The best and the median of `times`, in milliseconds.
fn best_and_median(mut times: Vec<f64>) -> String {
    times.sort_by(f64::total_cmp);
    format!("best {:.3} ms, median {:.3} ms", times.first().unwrap_or(&0.0), times.get(times.len() / 2).unwrap_or(&0.0))
}

fn number(args: &[String], at: usize, default: usize) -> Result<usize, String> {
    args.get(at).map_or(Ok(default), |a| a.parse().map_err(|_| format!("not a number: {a}")))
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (tasks, links, runs) = (number(&args, 0, 10_000)?, number(&args, 1, 15_000)?, number(&args, 2, 1000)?.max(1));
    let mode = args.get(3).map(String::as_str);
    let (plan_tasks, plan_links) = gantry_core::generate::plan(1, tasks, links);
    let calendar = WorkCalendar::standard(1, "Standard");
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).and_then(|d| d.and_hms_opt(8, 0, 0)).ok_or("no start date")?;
    let input = ScheduleInput {
        project_start: start,
        calendar: &calendar,
        calendars: &[],
        tasks: &plan_tasks,
        links: &plan_links,
        status_date: None,
    };
    match mode {
        Some("--hash") => {
            let mut hasher = DefaultHasher::new();
            format!("{:?}", schedule(&input)).hash(&mut hasher);
            println!("{tasks} tasks: schedule hash {:016x}", hasher.finish());
        }
        Some("--change") => {
            let mut kept = Scheduler::owning(&input);
            let found = gantry_core::generate::timed_changes(&mut kept, &plan_tasks).map_err(|e| format!("{e:?}"))?;
            for (what, i) in ["holds", "moves"].into_iter().zip(found) {
                let i = i.ok_or("no such task in the second half")?;
                let mut task = plan_tasks[i].clone();
                let mut times = Vec::with_capacity(runs);
                for _ in 0..runs {
                    task.duration_minutes +=
                        if task.duration_minutes == plan_tasks[i].duration_minutes { 60 } else { -60 };
                    let began = Instant::now();
                    std::hint::black_box(kept.reschedule(vec![task.clone()]).map_err(|e| format!("{e:?}"))?);
                    times.push(began.elapsed().as_secs_f64() * 1e3);
                }
                println!("{tasks} tasks, one change, the finish {what}: {}", best_and_median(times));
            }
        }
        _ => {
            let mut times = Vec::with_capacity(runs);
            for _ in 0..runs {
                let began = Instant::now();
                std::hint::black_box(schedule(&input));
                times.push(began.elapsed().as_secs_f64() * 1e3);
            }
            println!("{tasks} tasks, full: {}", best_and_median(times));
        }
    }
    Ok(())
}
