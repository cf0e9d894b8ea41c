//! How far a long computation is, told to whoever shows it (app/ shows a progress bar); the study
//! itself prints nothing.

/// What the steps of a stage count, so that whoever shows the progress can name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressUnit {
    /// Simulated seasons (or input draws × seasons).
    Replications,
    /// Stops whose staffing search is finished.
    StopSearches,
}

/// Receives the progress of a study, one stage (a batch of replications, a set of searches) at a time.
pub trait Progress: Sync {
    /// A stage of `total` steps, each one `unit`, begins.
    fn start(&self, total: u64, unit: ProgressUnit);
    /// `done` more steps of the current stage are finished.
    fn advance(&self, done: u64);
    /// The current stage is over.
    fn finish(&self);
}

/// Progress nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _total: u64, _unit: ProgressUnit) {}
    fn advance(&self, _done: u64) {}
    fn finish(&self) {}
}

/// Runs `work` as one stage of `total` replications; `work` gets the callback the experiment layer
/// reports to.
pub fn stage<T>(progress: &dyn Progress, total: u64, work: impl FnOnce(&(dyn Fn(u64) + Sync)) -> T) -> T {
    stage_of(progress, total, ProgressUnit::Replications, work)
}

/// Runs `work` as one stage of `total` steps counted in `unit`.
pub fn stage_of<T>(
    progress: &dyn Progress,
    total: u64,
    unit: ProgressUnit,
    work: impl FnOnce(&(dyn Fn(u64) + Sync)) -> T,
) -> T {
    progress.start(total, unit);
    let out = work(&|done| progress.advance(done));
    progress.finish();
    out
}
