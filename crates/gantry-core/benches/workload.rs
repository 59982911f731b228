//! The workload's speed on a generated team of fixed shape: 200 people,
//! each on the standard calendar with a week's vacation a quarter, and
//! 20,000 assignments of one to fifteen working days spread over two years,
//! counted by week, by day and by month. Run with
//! `cargo bench -p gantry-core --bench workload`; the numbers go to
//! BENCHMARKS.md.

use std::hint::black_box;

use chrono::{Days, NaiveDate, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use gantry_core::calendar::WorkCalendar;
use gantry_core::model::*;
use gantry_core::team::{Period, PlannedWork, personal_calendar, workload};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PEOPLE: i64 = 200;
const ASSIGNMENTS: i64 = 20_000;

fn bench(c: &mut Criterion) {
    let base = WorkCalendar::standard(1, "Standard");
    let first = NaiveDate::from_ymd_opt(2027, 1, 4).expect("date");
    let people: Vec<TeamMember> = (1..=PEOPLE)
        .map(|id| TeamMember {
            id,
            capacity_percent: if id % 5 == 0 { 80 } else { 100 },
            ..TeamMember::new(&format!("P{id}"))
        })
        .collect();
    let absences: Vec<Absence> = people
        .iter()
        .flat_map(|p| {
            (0..8).map(move |q| {
                let start = first + Days::new(q * 91 + (p.id as u64 * 7) % 60);
                Absence { id: 0, member_id: p.id, start, finish: start + Days::new(4), reason: "Vacation".into() }
            })
        })
        .collect();
    let calendars: Vec<WorkCalendar> = people.iter().map(|p| personal_calendar(p, &base, &absences)).collect();
    let refs: Vec<&WorkCalendar> = calendars.iter().collect();
    // A fixed pseudo-random spread (no clock, no seed from outside).
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let planned: Vec<PlannedWork> = (0..ASSIGNMENTS)
        .map(|i| {
            let start = first + Days::new(next(700));
            let days = 1 + next(15);
            let units = [50, 100, 100, 100, 25][next(5) as usize];
            PlannedWork {
                member_id: 1 + next(PEOPLE as u64) as i64,
                task_id: i,
                start: start.and_time(NaiveTime::from_hms_opt(8, 0, 0).expect("time")),
                finish: (start + Days::new(days)).and_time(NaiveTime::from_hms_opt(17, 0, 0).expect("time")),
                units,
                work: days as i64 * 480 * i64::from(units) / 100,
            }
        })
        .collect();
    let last = first + Days::new(2 * 365);
    let mut group = c.benchmark_group("workload");
    group.sample_size(20);
    for (name, by) in [("week", Period::Week), ("day", Period::Day), ("month", Period::Month)] {
        let bounds = by.bounds(first, last);
        group.bench_function(format!("200 people, 2 years, 20k assignments, by {name}"), |b| {
            b.iter(|| black_box(workload(&people, &refs, &planned, &bounds)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
