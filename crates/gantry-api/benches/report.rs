//! Report speed on a generated 1,000-task project (see
//! `gantry_core::generate`): reading it from the portfolio, and laying out
//! and writing the PDF, for the full report and the chart alone. Prints the
//! page counts; run with `cargo bench -p gantry-api --bench report`. The
//! numbers go to BENCHMARKS.md.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use gantry_api::Portfolio;
use gantry_api::wire::{ReportOptions, Section};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let today = NaiveDate::from_ymd_opt(2027, 1, 4).expect("date");
    let now = today.and_hms_opt(9, 0, 0).expect("time");
    let (portfolio, id) =
        Portfolio::create_generated(dir.path().join("bench.gantry"), 1_000, 1_500, today).expect("generated plan");
    let full = ReportOptions::default();
    let chart = ReportOptions { sections: vec![Section::Gantt], ..Default::default() };
    for (name, options) in [("full report", &full), ("chart only", &chart)] {
        let pdf = portfolio.report_pdf(id, options, now).expect("report");
        println!("1k tasks, {name}: {} pages, {} KiB", pdf.pages, pdf.bytes.len() / 1024);
    }

    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("read 1k tasks from the portfolio", |b| {
        b.iter(|| black_box(portfolio.report_job(Some(id), &full, now).expect("job")))
    });
    for (name, options) in [("full report", &full), ("chart only", &chart)] {
        let job = portfolio.report_job(Some(id), options, now).expect("job");
        group.bench_function(format!("lay out and write the PDF: 1k tasks, {name}"), |b| {
            b.iter(|| black_box(job.render().expect("pdf")))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
