//! `gantry`: the same commands as the app, from a terminal. Errors go to
//! stderr as one line, with a non-zero exit.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use gantry_api::Portfolio;

/// Large plans allocate large arrays; mimalloc reuses them between
/// schedules where the system allocator maps and faults in fresh pages.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "gantry", version, about = "Plan and steer IT projects from a portfolio file.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the sample portfolio in a new file.
    Sample {
        /// The new portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
    },
    /// Reschedule a plan with Gantry's engine: an MS Project XML file, or a
    /// project of a Gantry portfolio.
    Schedule {
        /// An MS Project XML (.xml) file, or a portfolio (.gantry) with --project.
        file: PathBuf,
        /// The project to schedule, when FILE is a portfolio.
        #[arg(long)]
        project: Option<String>,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Create a new portfolio holding the sample and one generated plan of
    /// fixed shape, for benchmarks.
    Generate {
        /// The new portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// How many tasks the generated project has.
        #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..=2_000_000))]
        tasks: u32,
        /// About how many links (default: one and a half per task).
        #[arg(long)]
        links: Option<u32>,
    },
    /// Make the PDF report of a project, or of the whole portfolio.
    Report {
        /// The portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// The project, named as on the home page; leave out with --portfolio.
        #[arg(long, required_unless_present = "portfolio")]
        project: Option<String>,
        /// One summary page a project, after an overview of them all.
        #[arg(long, conflicts_with = "project")]
        portfolio: bool,
        /// Where to write the PDF.
        #[arg(short, long)]
        output: PathBuf,
        /// The sections, in any order.
        #[arg(long, value_delimiter = ',', default_value = "summary,gantt,milestones,tasks")]
        sections: Vec<SectionArg>,
        #[arg(long, value_enum, default_value = "a4")]
        paper: PaperArg,
        #[arg(long, value_enum, default_value = "landscape")]
        orientation: OrientationArg,
        /// The whole date range on one page width, or a readable scale tiled
        /// across pages.
        #[arg(long, value_enum, default_value = "fit")]
        chart: ChartArg,
        /// The chart's first day (YYYY-MM-DD); the project's start if left out.
        #[arg(long, default_value = "")]
        from: String,
        /// The chart's last day (YYYY-MM-DD); the project's finish if left out.
        #[arg(long, default_value = "")]
        to: String,
    },
    /// List the projects of a portfolio with their scheduled dates.
    Projects {
        /// The portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum SectionArg {
    Summary,
    Gantt,
    Milestones,
    Tasks,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum PaperArg {
    A4,
    Letter,
    A3,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum OrientationArg {
    Portrait,
    Landscape,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ChartArg {
    Fit,
    Tiled,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gantry: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Sample { db } => {
            let today = chrono::Local::now().date_naive();
            let portfolio = Portfolio::create_sample(&db, today).map_err(|e| e.to_string())?;
            let count = portfolio.projects().map_err(|e| e.to_string())?.len();
            println!("Created {} with {count} sample projects.", db.display());
            Ok(())
        }
        Command::Generate { db, tasks, links } => {
            let today = chrono::Local::now().date_naive();
            let tasks = tasks as usize;
            let links = links.map_or(tasks * 3 / 2, |l| l as usize);
            let (portfolio, id) = Portfolio::create_generated(&db, tasks, links, today).map_err(|e| e.to_string())?;
            let plan = portfolio.plan(id).map_err(|e| e.to_string())?;
            println!(
                "Created {} with “{}”: {} tasks, {} links.",
                db.display(),
                plan.fields.name,
                plan.tasks.len(),
                plan.links.len()
            );
            Ok(())
        }
        Command::Schedule { file, project, json } => {
            let report = match project {
                Some(name) => {
                    if !file.exists() {
                        return Err(format!("{} does not exist.", file.display()));
                    }
                    Portfolio::open(&file).and_then(|p| p.schedule_report(&name)).map_err(|e| e.to_string())?
                }
                None => {
                    let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
                    if bytes.starts_with(b"SQLite format 3\0") {
                        return Err(format!(
                            "{} is a portfolio: name the project with --project NAME.",
                            file.display()
                        ));
                    }
                    gantry_api::schedule_mspdi(&bytes).map_err(|e| e.to_string())?
                }
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
            } else {
                println!("{}: {} → {}", report.project, report.start, report.finish);
                for t in &report.tasks {
                    println!(
                        "{:>6} {:<44} {} {} {:>6} {}",
                        t.uid,
                        t.name.chars().take(44).collect::<String>(),
                        t.start,
                        t.finish,
                        t.total_slack_minutes,
                        if t.critical { "critical" } else { "" }
                    );
                }
                for d in &report.diagnostics {
                    println!("note: {d}");
                }
            }
            Ok(())
        }
        Command::Report { db, project, portfolio: whole, output, sections, paper, orientation, chart, from, to } => {
            use gantry_api::wire::{ChartLayout, Orientation, Paper, ReportOptions, Section};
            if !db.exists() {
                return Err(format!("{} does not exist.", db.display()));
            }
            let options = ReportOptions {
                sections: sections
                    .into_iter()
                    .map(|s| match s {
                        SectionArg::Summary => Section::Summary,
                        SectionArg::Gantt => Section::Gantt,
                        SectionArg::Milestones => Section::Milestones,
                        SectionArg::Tasks => Section::Tasks,
                    })
                    .collect(),
                paper: match paper {
                    PaperArg::A4 => Paper::A4,
                    PaperArg::Letter => Paper::Letter,
                    PaperArg::A3 => Paper::A3,
                },
                orientation: match orientation {
                    OrientationArg::Portrait => Orientation::Portrait,
                    OrientationArg::Landscape => Orientation::Landscape,
                },
                chart_layout: match chart {
                    ChartArg::Fit => ChartLayout::FitWidth,
                    ChartArg::Tiled => ChartLayout::Tiled,
                },
                from,
                to,
                baseline_id: None,
            };
            let p = Portfolio::open(&db).map_err(|e| e.to_string())?;
            let now = chrono::Local::now().naive_local();
            let pdf = match project {
                Some(name) if !whole => {
                    let id = p.project_named(&name).map_err(|e| e.to_string())?;
                    p.report_pdf(id, &options, now)
                }
                _ => p.portfolio_pdf(&options, now),
            }
            .map_err(|e| e.to_string())?;
            let written = gantry_api::save_report(&output, &pdf).map_err(|e| e.to_string())?;
            println!("Wrote {} ({} pages, {} KiB).", written.path, written.pages, written.bytes.div_ceil(1024));
            Ok(())
        }
        Command::Projects { db, json } => {
            if !db.exists() {
                return Err(format!("{} does not exist.", db.display()));
            }
            let portfolio = Portfolio::open(&db).map_err(|e| e.to_string())?;
            let projects = portfolio.projects().map_err(|e| e.to_string())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&projects).map_err(|e| e.to_string())?);
            } else {
                println!("{:<40} {:<16} {:<10} {:<10} {:>6}  STATUS", "PROJECT", "MANAGER", "START", "FINISH", "TASKS");
                for p in projects {
                    println!(
                        "{:<40} {:<16} {:<10} {:<10} {:>6}  {}",
                        p.name,
                        p.manager,
                        &p.start[..10],
                        &p.finish[..10],
                        p.task_count,
                        p.status
                    );
                }
            }
            Ok(())
        }
    }
}
