//! Thin entry point: parses the command line, runs the library, maps errors to exit codes.

use clap::Parser;

fn main() {
    let command = ablakbusz::cli::Cli::parse().into_command();
    if let Err(error) = ablakbusz::app::execute(command) {
        eprintln!("error: {error}");
        std::process::exit(error.exit_code());
    }
}
