//! Thin entry point: parses the command line, runs the library, maps errors to exit codes.

use clap::Parser;

fn main() {
    let invocation = ablakbusz::cli::Cli::parse().into_invocation();
    if let Err(error) = ablakbusz::app::execute(invocation) {
        eprintln!("error: {error}");
        std::process::exit(error.exit_code());
    }
}
