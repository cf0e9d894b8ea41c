//! Thin entry point: parses the command line, runs the library, maps errors to exit codes.
fn main() {}
