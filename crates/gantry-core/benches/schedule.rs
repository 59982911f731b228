//! Scheduling speed on generated plans of fixed shape (see
//! `gantry_core::generate`), on the standard calendar, and the 10k plan
//! also on a calendar with holidays (as the app's company calendar). Run
//! with `cargo bench -p gantry-core`; the numbers go to BENCHMARKS.md.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use gantry_core::calendar::{CalendarException, WorkCalendar};
use gantry_core::model::*;
use gantry_core::schedule::{ScheduleInput, Scheduler, schedule};

/// As the app and the command line, whose allocator this is.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn plan(tasks: usize, links: usize) -> (Vec<Task>, Vec<Link>) {
    gantry_core::generate::plan(1, tasks, links)
}

fn bench(c: &mut Criterion) {
    let calendar = WorkCalendar::standard(1, "Standard");
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).and_then(|d| d.and_hms_opt(8, 0, 0)).expect("date");
    let mut group = c.benchmark_group("schedule");
    group.sample_size(10);
    for (tasks, links) in [(10_000, 15_000), (100_000, 1_000_000), (1_000_000, 3_000_000)] {
        let (plan_tasks, plan_links) = plan(tasks, links);
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
        // One change, as each step of a drag: a task of the second half is
        // an hour longer, then back, and the kept scheduler reschedules what
        // that reaches. Either the project finish holds (the change moves
        // some successors), or it moves, and with it every late date.
        let mut kept = Scheduler::owning(&ScheduleInput {
            project_start: start,
            calendar: &calendar,
            calendars: &[],
            tasks: &plan_tasks,
            links: &plan_links,
            status_date: None,
        });
        let found = gantry_core::generate::timed_changes(&mut kept, &plan_tasks).expect("same network");
        for (what, i) in ["holds", "moves"].into_iter().zip(found) {
            let i = i.expect("such a task in the second half");
            let mut task = plan_tasks[i].clone();
            group.bench_function(format!("one change, the finish {what}: {label}"), |b| {
                b.iter(|| {
                    task.duration_minutes +=
                        if task.duration_minutes == plan_tasks[i].duration_minutes { 60 } else { -60 };
                    black_box(kept.reschedule(vec![task.clone()]).expect("same network"))
                })
            });
        }
    }
    // Yearly holidays and a one-off day, as the sample's company calendar.
    let mut holidays = WorkCalendar::standard(1, "Company calendar");
    for (name, from, to) in
        [("New Year", (1, 1), (1, 1)), ("Labour Day", (5, 1), (5, 1)), ("Christmas", (12, 24), (12, 26))]
    {
        holidays.exceptions.push(CalendarException {
            name: name.into(),
            start: NaiveDate::from_ymd_opt(2020, from.0, from.1).expect("date"),
            finish: NaiveDate::from_ymd_opt(2020, to.0, to.1).expect("date"),
            yearly: true,
            working: vec![],
        });
    }
    let off_site = NaiveDate::from_ymd_opt(2027, 2, 12).expect("date");
    holidays.exceptions.push(CalendarException {
        name: "Off-site".into(),
        start: off_site,
        finish: off_site,
        yearly: false,
        working: vec![],
    });
    let (plan_tasks, plan_links) = plan(10_000, 15_000);
    group.bench_function("full: 10k tasks on a calendar with holidays", |b| {
        b.iter(|| {
            black_box(schedule(&ScheduleInput {
                project_start: start,
                calendar: &holidays,
                calendars: &[],
                tasks: &plan_tasks,
                links: &plan_links,
                status_date: None,
            }))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
