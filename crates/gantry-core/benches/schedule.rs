//! Scheduling speed on generated plans of fixed shape: phases of 50 tasks
//! under summaries, each task linked to a few earlier ones nearby (all four
//! link types, some lags), on the standard calendar. Run with
//! `cargo bench -p gantry-core`; the numbers go to BENCHMARKS.md.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use gantry_core::calendar::WorkCalendar;
use gantry_core::model::*;
use gantry_core::schedule::{ScheduleInput, schedule};

/// A deterministic plan of `tasks` tasks and about `links` links.
fn plan(tasks: usize, links: usize) -> (Vec<Task>, Vec<Link>) {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut out = Vec::with_capacity(tasks);
    let mut summary = 0;
    for i in 0..tasks as i64 {
        let id = i + 1;
        let is_summary = i % 51 == 0;
        if is_summary {
            summary = id;
        }
        let minutes = if is_summary { 0 } else { 60 * (1 + (next() % 40) as i64) };
        let parent = if is_summary { None } else { Some(summary) };
        let mut task = Task { id, ..Task::new(1, parent, id, &format!("Task {id}"), minutes) };
        if is_summary {
            task.kind = TaskKind::Summary;
        }
        out.push(task);
    }
    let leaves: Vec<i64> = out.iter().filter(|t| t.kind != TaskKind::Summary).map(|t| t.id).collect();
    let mut result = Vec::with_capacity(links);
    let per_task = links.div_ceil(leaves.len().max(1));
    for (at, &successor) in leaves.iter().enumerate().skip(1) {
        for k in 0..per_task {
            if result.len() >= links {
                break;
            }
            // Predecessors come from the 200 leaves before: acyclic, local.
            let back = 1 + (next() as usize + k) % at.min(200);
            let kind = LinkKind::ALL[(next() % 10).min(3) as usize];
            let lag = if next() % 5 == 0 { 240 } else { 0 };
            result.push(Link {
                id: result.len() as i64 + 1,
                predecessor: leaves[at - back],
                successor,
                kind,
                lag_minutes: lag,
                lag_elapsed: false,
            });
        }
    }
    result.sort_by_key(|l| (l.successor, l.predecessor));
    result.dedup_by_key(|l| (l.successor, l.predecessor));
    (out, result)
}

fn bench(c: &mut Criterion) {
    let calendar = WorkCalendar::standard(1, "Standard");
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).and_then(|d| d.and_hms_opt(8, 0, 0)).expect("date");
    let mut group = c.benchmark_group("schedule");
    group.sample_size(10);
    for (tasks, links) in [(10_000, 15_000), (100_000, 1_000_000), (1_000_000, 3_000_000)] {
        let (mut plan_tasks, plan_links) = plan(tasks, links);
        let label = format!("{}k tasks, {}k links", tasks / 1000, plan_links.len() / 1000);
        let input = |t: &[Task]| {
            schedule(&ScheduleInput {
                project_start: start,
                calendar: &calendar,
                calendars: &[],
                tasks: t,
                links: &plan_links,
                status_date: None,
            })
        };
        group.bench_function(format!("full: {label}"), |b| b.iter(|| black_box(input(&plan_tasks))));
        // One change, as after a drag: the scheduler runs again in full.
        let middle = tasks / 2 + 1;
        group.bench_function(format!("one change: {label}"), |b| {
            b.iter(|| {
                plan_tasks[middle].duration_minutes += 60;
                black_box(input(&plan_tasks))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
