//! Scheduling speed on generated plans of fixed shape (see
//! `gantry_core::generate`), on the standard calendar. Run with
//! `cargo bench -p gantry-core`; the numbers go to BENCHMARKS.md.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use gantry_core::calendar::WorkCalendar;
use gantry_core::model::*;
use gantry_core::schedule::{ScheduleInput, schedule};

fn plan(tasks: usize, links: usize) -> (Vec<Task>, Vec<Link>) {
    gantry_core::generate::plan(1, tasks, links)
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
