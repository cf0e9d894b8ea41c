//! The allocator's one setting: glibc's malloc arenas capped at one per core, so that peak memory
//! follows the data, not the threads that once allocated it.
//!
//! glibc gives each thread that allocates its own arena, up to eight per core, and an arena keeps
//! the pages it has held. The staffing searches allocate on every worker thread, so the national
//! `report` (`scripts/national.sh`) peaked at 160 MB resident for a heap peak near 118 MB (the
//! staffing helper's heaptrack, 2026-12-02). With `MALLOC_ARENA_MAX=2` (this machine's two cores) it
//! peaked at 142 MB and `run` at 128 MB instead of 141 MB, in the same CPU time (50.3 against
//! 51.6 s for `report`, 2.26–2.34 against 2.30–2.32 s for `run`). The simulation's hot loops do not
//! allocate, so threads sharing an arena do not wait on each other there.

/// Caps glibc's arenas at the number of cores. Called first thing, before any thread starts (a
/// cap set later does not shrink arenas already made); a `MALLOC_ARENA_MAX` in the environment
/// still wins, as glibc reads it at the first allocation, before this runs, and this leaves it.
pub(super) fn cap_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
            return;
        }
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let cap = libc::c_int::try_from(cores).unwrap_or(libc::c_int::MAX);
        // SAFETY: mallopt only sets a tunable of glibc's allocator; it is called before this
        // program starts any thread, and M_ARENA_MAX takes any positive count.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, cap);
        }
    }
}
