//! The `acupress` program: command line, or the app when no subcommand is given.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use acupress::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    let Some(command) = args.command else {
        // The desktop app arrives with its own issue; until then show what the program can do.
        let _ = Cli::command().print_help();
        return ExitCode::SUCCESS;
    };
    let mut out = String::new();
    let result = cli::run(command, &mut out);
    print!("{out}");
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("acupress: {err:#}");
            ExitCode::FAILURE
        }
    }
}
