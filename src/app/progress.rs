//! Progress bars on the terminal: how the commands show a study's progress.

use std::sync::{Mutex, PoisonError};

use indicatif::{ProgressBar, ProgressStyle};

use crate::report::lang::Lang;
use crate::study::{Progress, ProgressUnit};

/// One progress bar per stage of a study, on stderr, in the run's language; hidden when quiet
/// (indicatif draws nothing when stderr is no terminal).
pub(super) struct ProgressBars {
    quiet: bool,
    lang: Lang,
    bar: Mutex<ProgressBar>,
}

impl ProgressBars {
    /// Bars in `lang`, or none at all when `quiet`.
    pub(super) fn new(quiet: bool, lang: Lang) -> Self {
        Self {
            quiet,
            lang,
            bar: Mutex::new(ProgressBar::hidden()),
        }
    }

    fn bar(&self) -> std::sync::MutexGuard<'_, ProgressBar> {
        self.bar.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The bar's look: the bar, the steps done of the total in `unit`, and the time left.
fn template(unit: ProgressUnit, lang: Lang) -> &'static str {
    match (unit, lang) {
        (ProgressUnit::Replications, Lang::En) => "{bar:40} {pos}/{len} replications ({eta} left)",
        (ProgressUnit::Replications, Lang::Hu) => "{bar:40} {pos}/{len} ismétlés (még {eta})",
        (ProgressUnit::StopSearches, Lang::En) => "{bar:40} {pos}/{len} stops staffed ({eta} left)",
        (ProgressUnit::StopSearches, Lang::Hu) => "{bar:40} {pos}/{len} megálló létszáma kész (még {eta})",
    }
}

impl Progress for ProgressBars {
    fn start(&self, total: u64, unit: ProgressUnit) {
        let bar = if self.quiet {
            ProgressBar::hidden()
        } else {
            ProgressBar::new(total)
        };
        if !self.quiet
            && let Ok(style) = ProgressStyle::with_template(template(unit, self.lang))
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

/// How often a step spinner turns while a step runs (a step of the optimiser takes about a second).
const SPINNER_TICK: std::time::Duration = std::time::Duration::from_millis(120);

/// A spinner beside the line of the step running, for work whose number of steps is not known
/// ahead (the optimiser's planner calls stop when no move gains); on stderr, hidden when quiet,
/// and drawn only on a terminal (indicatif draws nothing otherwise).
pub(super) struct StepSpinner {
    bar: ProgressBar,
}

impl StepSpinner {
    /// A spinner, or none at all when `quiet`.
    pub(super) fn new(quiet: bool) -> Self {
        if quiet {
            return Self {
                bar: ProgressBar::hidden(),
            };
        }
        let bar = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template(STEP_TEMPLATE) {
            bar.set_style(style);
        }
        bar.enable_steady_tick(SPINNER_TICK);
        Self { bar }
    }

    /// Shows the line of the step now running.
    pub(super) fn show(&self, line: String) {
        self.bar.set_message(line);
    }

    /// Clears the spinner (the command's summary follows).
    pub(super) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The step spinner's look: the spinner, the step's line (already in the run's language) and the
/// time since the start.
const STEP_TEMPLATE: &str = "{spinner} {msg} [{elapsed}]";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_step_template_is_valid() {
        assert!(ProgressStyle::with_template(STEP_TEMPLATE).is_ok());
    }

    #[test]
    fn every_template_is_valid_in_both_languages() {
        for unit in [ProgressUnit::Replications, ProgressUnit::StopSearches] {
            for lang in [Lang::En, Lang::Hu] {
                assert!(
                    ProgressStyle::with_template(template(unit, lang)).is_ok(),
                    "{unit:?} {lang:?}"
                );
            }
        }
    }
}
