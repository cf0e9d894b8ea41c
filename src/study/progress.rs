//! How far a long computation is, told to whoever shows it (app/ shows a progress bar); the study
//! itself prints nothing.

/// Receives the progress of a study, one stage (a batch of replications) at a time.
pub trait Progress: Sync {
    /// A stage of `total` steps begins.
    fn start(&self, total: u64);
    /// `done` more steps of the current stage are finished.
    fn advance(&self, done: u64);
    /// The current stage is over.
    fn finish(&self);
}

/// Progress nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _total: u64) {}
    fn advance(&self, _done: u64) {}
    fn finish(&self) {}
}

/// Runs `work` as one stage of `total` steps; `work` gets the callback the experiment layer reports to.
pub fn stage<T>(progress: &dyn Progress, total: u64, work: impl FnOnce(&(dyn Fn(u64) + Sync)) -> T) -> T {
    progress.start(total);
    let out = work(&|done| progress.advance(done));
    progress.finish();
    out
}
