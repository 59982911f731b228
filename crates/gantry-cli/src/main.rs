//! `gantry`: the same commands as the app, from a terminal. Errors go to
//! stderr as one line, with a non-zero exit.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use gantry_api::Portfolio;

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
