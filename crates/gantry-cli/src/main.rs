//! `gantry` for development (`cargo run -p gantry-cli -- …`). The installed
//! command is the app's binary under this name; both call [`gantry_cli::main`].

use std::process::ExitCode;

/// Large plans allocate large arrays; mimalloc reuses them between
/// schedules where the system allocator maps and faults in fresh pages.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    gantry_cli::main(std::env::args_os().collect())
}
