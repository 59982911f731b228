//! `gantry`: the same commands as the app, from a terminal. Errors go to
//! stderr as one line, with a non-zero exit.
//!
//! The app's binary is also the command: [`wanted`] tells from its arguments
//! which one a user started, and [`main`] runs the command without ever
//! touching a display. The `gantry` binary of this crate is the same entry
//! point, for development.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use gantry_api::Portfolio;

mod costs;
mod import;
mod meetings;
mod releases;
mod risks;
mod team;

/// The command's name, whatever the binary it runs in is called.
pub const NAME: &str = "gantry";

#[derive(Parser)]
#[command(
    name = NAME,
    // Usage lines say `gantry` whatever name the binary was started by.
    bin_name = NAME,
    version,
    about = "Plan and steer IT projects from a portfolio file.",
    long_about = "Plan and steer IT projects from a portfolio file.\n\n\
        The command-line side of Gantry: create the sample portfolio, list its projects, \
        reschedule an MS Project XML file or a project with Gantry's engine, and make the PDF \
        report for management. Started without a subcommand under another name than gantry, \
        the same program opens the desktop app.",
    after_help = "Errors print one line on standard error and exit with status 1."
)]
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
    /// What a plan costs, task by task (work, cost, actual, remaining and
    /// fixed cost, baseline, BCWS, BCWP, ACWP), and its earned value: an MS
    /// Project XML file, or a project of a portfolio.
    Costs {
        /// An MS Project XML (.xml) file, or a portfolio (.gantry) with --project.
        file: PathBuf,
        /// The project, when FILE is a portfolio.
        #[arg(long)]
        project: Option<String>,
        /// The day earned value is measured at (YYYY-MM-DD); the project's status date, or today.
        #[arg(long)]
        status_date: Option<String>,
        /// The baseline to measure against, by name; the newest if left out.
        #[arg(long)]
        baseline: Option<String>,
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
        #[arg(
            long,
            value_delimiter = ',',
            default_value = "summary,gantt,milestones,budget,risks,decisions,releases,team,tasks"
        )]
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
    /// List a project's risks (or the portfolio's), highest score first.
    Risks {
        /// The portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// Only this project's risks.
        #[arg(long)]
        project: Option<String>,
        /// Print every field of every risk as JSON: ratings, EMV, owner,
        /// security fields, tasks, mitigations and assessment history.
        #[arg(long)]
        json: bool,
    },
    /// List the stakeholders of a project (or of the portfolio): influence,
    /// interest, where the power/interest grid puts them, their engagement.
    Stakeholders {
        /// The portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// Only those with a role in this project.
        #[arg(long)]
        project: Option<String>,
        /// Print every field of every stakeholder as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the meetings of a project (or of the portfolio), newest first,
    /// with their attendees, action items and decisions.
    Meetings {
        /// The portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// Only this project's meetings.
        #[arg(long)]
        project: Option<String>,
        /// Print every field as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the releases of a project (or of the portfolio) with their
    /// readiness, checklists, go/no-go checkpoints, waves and rollback plan.
    Releases {
        /// The portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// Only this project's releases.
        #[arg(long)]
        project: Option<String>,
        /// Print every field as JSON.
        #[arg(long)]
        json: bool,
        /// Also write the releases' go-lives, changeover windows, freezes
        /// and waves to this iCalendar (.ics) file.
        #[arg(long)]
        ics: Option<PathBuf>,
    },
    /// Import an MS Project XML, GanttProject (.gan) or CSV file (Jira,
    /// Azure DevOps, Trello, a spreadsheet) as a new project of a portfolio
    /// (created if missing); a CSV file whose keys an earlier import made
    /// updates that project instead. Refused files change nothing.
    Import {
        /// The plan file (.xml, .gan or .csv).
        file: PathBuf,
        /// The portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// Keep the file's dates: a task Gantry's engine would place
        /// elsewhere is scheduled by hand where the file has it.
        #[arg(long, conflicts_with = "reschedule")]
        keep_dates: bool,
        /// Reschedule the plan with Gantry's engine (the default).
        #[arg(long)]
        reschedule: bool,
        /// For a CSV file, a field and the header of its column, as
        /// FIELD=COLUMN; fields: key, id, name, type, parent, start, finish,
        /// duration, assignee, status, priority, labels, sprint,
        /// predecessors, notes, progress. Without any, the mapping kept
        /// from the last file with the same headers, else the one the
        /// headers suggest.
        #[arg(long = "map", value_name = "FIELD=COLUMN")]
        map: Vec<String>,
        /// For a CSV file, how its dates are written (%d/%m/%Y, %Y-%m-%d …);
        /// found from the values when left out.
        #[arg(long)]
        date_format: Option<String>,
        /// For a CSV file, the unit of plain numbers in the duration column.
        #[arg(long, value_parser = ["seconds", "minutes", "hours", "days"])]
        duration_unit: Option<String>,
        /// For a CSV file, its separator (",", ";", "tab" or "|"); found
        /// from the first lines when left out.
        #[arg(long)]
        separator: Option<String>,
        /// Print what the import would bring in (counts, warnings, and the
        /// tasks whose dates Gantry computes differently) and write nothing.
        #[arg(long)]
        preview: bool,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a project as MS Project XML (which MS Project, ProjectLibre and
    /// Gantry open), its tasks as CSV, or its dates as iCalendar.
    Export {
        /// The portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// The project, named as on the home page.
        #[arg(long)]
        project: String,
        #[arg(long, value_enum)]
        format: ExportArg,
        /// Where to write the file; written whole or not at all.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// The lessons learned of every project (or one), newest first.
    Lessons {
        /// The portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// Only this project's lessons.
        #[arg(long)]
        project: Option<String>,
        /// Only lessons with every one of these words.
        #[arg(long, default_value = "")]
        search: String,
        /// Print every field as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The decision log of a project (or of the portfolio), newest first.
    Decisions {
        /// The portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// Only this project's decisions.
        #[arg(long)]
        project: Option<String>,
        /// Only decisions with every one of these words in what was
        /// decided, why, the options or who decided.
        #[arg(long, default_value = "")]
        search: String,
        /// Print every field as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List a project's issues (or the portfolio's).
    Issues {
        /// The portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// Only this project's issues.
        #[arg(long)]
        project: Option<String>,
        /// Print every field of every issue as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the team: roles, skills, capacity, rates, calendars and absences.
    Team {
        /// The portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// Print every field of every person as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show each person's planned hours against their available hours, by
    /// period, across every project of the portfolio.
    Workload {
        /// The portfolio file (.gantry).
        #[arg(long)]
        db: PathBuf,
        /// The first day (YYYY-MM-DD); today if left out.
        #[arg(long)]
        from: Option<String>,
        /// The last day (YYYY-MM-DD); eight weeks on if left out.
        #[arg(long)]
        to: Option<String>,
        /// How wide each period is.
        #[arg(long, value_enum, default_value = "week")]
        by: team::PeriodArg,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Work with the hours people logged.
    Timesheets {
        #[command(subcommand)]
        command: team::TimesheetsCommand,
    },
    /// Print the completion script for a shell (bash, zsh, fish, elvish or
    /// powershell), to be sourced or installed where the shell looks.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual pages, gantry(1) and one a subcommand
    /// (gantry-report(1) …), as roff into a folder; for packaging.
    #[command(hide = true)]
    Manpages {
        /// The folder to write into; it must exist.
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportArg {
    /// MS Project XML.
    Mspdi,
    /// The tasks, one row each.
    Csv,
    /// Milestones, releases and meetings as iCalendar.
    Ics,
    /// The risk register, a row a risk.
    RisksCsv,
    /// The expenditures, a row each.
    ExpendituresCsv,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum SectionArg {
    Summary,
    Gantt,
    Milestones,
    Budget,
    Risks,
    Decisions,
    Releases,
    Tasks,
    Team,
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

/// Whether these arguments (the program's own name first) ask for the
/// command rather than the app: the program is called `gantry`, or its first
/// argument is one of the command's subcommands or asks for help or the
/// version. Anything else (no argument, a portfolio to open, a flag a
/// WebDriver adds) is the app's.
pub fn wanted(args: &[OsString]) -> bool {
    let called_gantry = args.first().and_then(|a| Path::new(a).file_name()).is_some_and(|n| n == NAME);
    let first = args.get(1).and_then(|a| a.to_str());
    called_gantry || first.is_some_and(is_command_word)
}

fn is_command_word(word: &str) -> bool {
    matches!(word, "-h" | "--help" | "-V" | "--version" | "help")
        || Cli::command().get_subcommands().any(|c| c.get_name() == word || c.get_all_aliases().any(|a| a == word))
}

/// Runs the command with these arguments (the program's name first) and
/// says how it ended: one line on stderr and a failure status on error, as
/// clap's usage errors do.
pub fn main(args: Vec<OsString>) -> ExitCode {
    quiet_on_closed_pipe();
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and the version go to stdout with success; usage errors to
            // stderr with clap's status 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gantry: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Output read by a command that stops reading (`gantry … | head`) ends
/// the program quietly, with the status a shell gives a broken pipe (141),
/// as other command-line tools do, rather than with a panic message: what
/// is printed is only ever a report of work already done.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}

fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), NAME, &mut std::io::stdout());
            Ok(())
        }
        Command::Manpages { dir } => {
            clap_mangen::generate_to(Cli::command(), &dir).map_err(|e| format!("{}: {e}", dir.display()))
        }
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
                    if file.extension().is_some_and(|e| e.eq_ignore_ascii_case("gan")) {
                        gantry_api::schedule_gan(&bytes).map_err(|e| e.to_string())?
                    } else {
                        gantry_api::schedule_mspdi(&bytes).map_err(|e| e.to_string())?
                    }
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
                        SectionArg::Budget => Section::Budget,
                        SectionArg::Tasks => Section::Tasks,
                        SectionArg::Team => Section::Team,
                        SectionArg::Risks => Section::Risks,
                        SectionArg::Decisions => Section::Decisions,
                        SectionArg::Releases => Section::Releases,
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
        Command::Costs { file, project, status_date, baseline, json } => {
            costs::costs(&file, project.as_deref(), status_date.as_deref(), baseline.as_deref(), json)
        }
        Command::Team { db, json } => team::team(&db, json),
        Command::Risks { db, project, json } => risks::risks(&db, project.as_deref(), json),
        Command::Issues { db, project, json } => risks::issues(&db, project.as_deref(), json),
        Command::Stakeholders { db, project, json } => meetings::stakeholders(&db, project.as_deref(), json),
        Command::Meetings { db, project, json } => meetings::meetings(&db, project.as_deref(), json),
        Command::Releases { db, project, json, ics } => {
            releases::releases(&db, project.as_deref(), json, ics.as_deref())
        }
        Command::Import {
            file,
            db,
            keep_dates,
            reschedule: _,
            map,
            date_format,
            duration_unit,
            separator,
            preview,
            json,
        } => {
            let csv = (!map.is_empty() || date_format.is_some() || duration_unit.is_some() || separator.is_some())
                .then(|| import::columns(&map, date_format, duration_unit, separator))
                .transpose()?;
            import::import(&file, &db, &gantry_api::wire::ImportOptions { keep_dates, csv }, preview, json)
        }
        Command::Export { db, project, format, output } => {
            let p = open(&db)?;
            let id = p.project_named(&project).map_err(|e| e.to_string())?;
            let format = match format {
                ExportArg::Mspdi => gantry_api::ExportFormat::MsProjectXml,
                ExportArg::Csv => gantry_api::ExportFormat::Csv,
                ExportArg::Ics => gantry_api::ExportFormat::ICalendar,
                ExportArg::RisksCsv => gantry_api::ExportFormat::RisksCsv,
                ExportArg::ExpendituresCsv => gantry_api::ExportFormat::ExpendituresCsv,
            };
            let text = p
                .export_project(id, format, chrono::Local::now().date_naive(), chrono::Utc::now().naive_utc())
                .map_err(|e| e.to_string())?;
            gantry_api::recent::write_atomically(&output, text.as_bytes())
                .map_err(|e| format!("{} could not be written: {e}", output.display()))?;
            println!("Wrote {} ({} bytes).", output.display(), text.len());
            Ok(())
        }
        Command::Lessons { db, project, search, json } => releases::lessons(&db, project.as_deref(), &search, json),
        Command::Decisions { db, project, search, json } => meetings::decisions(&db, project.as_deref(), &search, json),
        Command::Workload { db, from, to, by, json } => team::workload(&db, from, to, by, json),
        Command::Timesheets { command: team::TimesheetsCommand::Export { db, from, to, output } } => {
            team::export(&db, &from, &to, &output)
        }
        Command::Projects { db, json } => {
            let portfolio = open(&db)?;
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
                        match &p.closed_on {
                            Some(day) => format!("Closed {day}"),
                            None => p.status.to_string(),
                        }
                    );
                }
            }
            Ok(())
        }
    }
}

/// A portfolio file named on the command line, opened; a missing file is
/// said in one line rather than created.
pub(crate) fn open(db: &Path) -> Result<Portfolio, String> {
    if !db.exists() {
        return Err(format!("{} does not exist.", db.display()));
    }
    Portfolio::open(db).map_err(|e| e.to_string())
}

/// Prints a value already turned into JSON.
pub(crate) fn json(value: serde_json::Result<String>) -> Result<(), String> {
    println!("{}", value.map_err(|e| e.to_string())?);
    Ok(())
}

/// The id of the project named with `--project`, when one was.
pub(crate) fn project(p: &Portfolio, name: Option<&str>) -> Result<Option<i64>, String> {
    name.map(|n| p.project_named(n).map_err(|e| e.to_string())).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(args: &[&str], command: bool) {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        assert_eq!(wanted(&args), command, "{args:?} is the {}", if command { "command" } else { "app" });
    }

    #[test]
    fn the_name_or_a_subcommand_asks_for_the_command_and_anything_else_for_the_app() {
        check(&["/usr/bin/gantry"], true);
        check(&["gantry", "/home/ann/Plans.gantry"], true);
        check(&["/usr/bin/gantry-app", "report", "--db", "x.gantry"], true);
        check(&["gantry-app", "--version"], true);
        check(&["gantry-app", "-h"], true);
        check(&["gantry-app", "help"], true);
        check(&["gantry-app", "completions", "bash"], true);
        check(&["/usr/bin/gantry-app"], false);
        check(&["gantry-app", "/home/ann/Plans.gantry"], false);
        // A flag the WebDriver or the desktop adds is the app's.
        check(&["gantry-app", "--automation"], false);
        check(&["gantry-app", "reports"], false);
        check(&[], false);
    }
}
