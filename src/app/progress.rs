//! Progress bars on the terminal: how the commands show a study's progress.

use std::sync::{Mutex, PoisonError};

use indicatif::{ProgressBar, ProgressStyle};

use crate::study::Progress;

/// Look of the progress bar of `run`.
const RUN_TEMPLATE: &str = "{bar:40} {pos}/{len} replications ({eta} left)";

/// One progress bar per stage of a study, on stderr; hidden when quiet (or stderr is no terminal).
pub(super) struct ProgressBars {
    quiet: bool,
    /// The `run` look, else indicatif's default.
    styled: bool,
    bar: Mutex<ProgressBar>,
}

impl ProgressBars {
    /// Bars in the look of `run`.
    pub(super) fn styled(quiet: bool) -> Self {
        Self::new(quiet, true)
    }

    /// Bars in indicatif's default look.
    pub(super) fn plain(quiet: bool) -> Self {
        Self::new(quiet, false)
    }

    fn new(quiet: bool, styled: bool) -> Self {
        Self {
            quiet,
            styled,
            bar: Mutex::new(ProgressBar::hidden()),
        }
    }

    fn bar(&self) -> std::sync::MutexGuard<'_, ProgressBar> {
        self.bar.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Progress for ProgressBars {
    fn start(&self, total: u64) {
        let bar = if self.quiet {
            ProgressBar::hidden()
        } else {
            ProgressBar::new(total)
        };
        if self.styled
            && !self.quiet
            && let Ok(style) = ProgressStyle::with_template(RUN_TEMPLATE)
        {
            bar.set_style(style);
        }
        *self.bar() = bar;
    }

    fn advance(&self, done: u64) {
        self.bar().inc(done);
    }

    fn finish(&self) {
        self.bar().finish_and_clear();
    }
}
