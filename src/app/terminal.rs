//! The terminal's standard output: a closed pipe silences what is printed, never the command's files.
//!
//! A command's product is its result files; what it prints is a summary for a person. When the
//! reader of stdout has gone (`ablakbusz optimise … | head -3`), the rest of the summary is dropped
//! and the command goes on to write its files and exit 0, as if the summary had been read.

use std::fmt::Arguments;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// True once a print to stdout has failed (the reader closed the pipe, or stdout cannot be written).
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to stdout and flushes it; after one failure, prints nothing more.
pub(crate) fn write_out(text: Arguments<'_>) {
    if CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = std::io::stdout().lock();
    if out.write_fmt(text).and_then(|()| out.flush()).is_err() {
        CLOSED.store(true, Ordering::Relaxed);
    }
}

/// [`write_out`] followed by a newline.
pub(crate) fn write_line(text: Arguments<'_>) {
    write_out(format_args!("{text}\n"));
}

/// `print!` to stdout that a closed pipe silences (see the module doc).
macro_rules! say {
    ($($arg:tt)*) => { $crate::app::terminal::write_out(format_args!($($arg)*)) };
}

/// `println!` to stdout that a closed pipe silences (see the module doc).
macro_rules! sayln {
    ($($arg:tt)*) => { $crate::app::terminal::write_line(format_args!($($arg)*)) };
}

pub(crate) use {say, sayln};

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every print of the commands goes through [`say`] / [`sayln`]: a bare `print!` would end the
    /// command at a closed pipe before its files are written.
    #[test]
    fn the_commands_print_only_through_the_terminal_module() {
        fn check(dir: &Path) {
            for entry in std::fs::read_dir(dir).expect("src/app is readable") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    check(&path);
                    continue;
                }
                if path.ends_with("terminal.rs") {
                    continue; // the one place that writes to stdout
                }
                let text = std::fs::read_to_string(&path).expect("a source file");
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                for word in ["println!", "print!("] {
                    let bare = code.match_indices(word).any(|(at, _)| !code[..at].ends_with('e'));
                    assert!(
                        !bare,
                        "{} uses {word}; use say!/sayln! (app/terminal.rs)",
                        path.display()
                    );
                }
            }
        }
        check(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app"));
    }
}
