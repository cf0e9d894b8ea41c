//! The one place that writes result files: a command's files appear together or not at all.
//!
//! Every file is first written in full to a temporary name in the output folder. Then a journal
//! (`.ablakbusz-commit`) naming every rename is written, the files are renamed into place, and the
//! journal is removed. A run killed while staging leaves only temporary files; one killed while
//! renaming leaves the journal. The next write into the folder finishes the renames of a journal
//! it finds (so that the folder holds one complete set again) and removes leftover temporary files.
//! Ctrl-C and SIGTERM never stop a write half-way: the signal is noted ([`note_interrupt`]) and the
//! write either stops before the renames, removing its temporary files, or completes.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

/// File name of the journal of a set being renamed into place.
const JOURNAL: &str = ".ablakbusz-commit";
/// Marks a temporary file: `.<name>.tmp-<process id>`.
const TEMP_MARK: &str = ".tmp-";
/// Test-only hook: `ABLAKBUSZ_TEST_ABORT_AFTER_STAGED=N` aborts the process (as a kill would) after
/// staging N files, `ABLAKBUSZ_TEST_ABORT_AFTER_RENAMED=N` after renaming N. Used by the
/// integration tests of interrupted writes; unset in every ordinary run.
const ABORT_AFTER_STAGED: &str = "ABLAKBUSZ_TEST_ABORT_AFTER_STAGED";
const ABORT_AFTER_RENAMED: &str = "ABLAKBUSZ_TEST_ABORT_AFTER_RENAMED";

/// Held while a set is written: an interruption waits for it ([`WRITING`]).
pub static WRITING: Mutex<()> = Mutex::new(());
/// The signal that asked the program to stop (0: none).
static INTERRUPT: AtomicI32 = AtomicI32::new(0);
/// True once a set of this process was renamed into place.
static COMMITTED: AtomicBool = AtomicBool::new(false);

/// Notes that signal `signal` asked the program to stop (async-signal-safe: one atomic store).
pub fn note_interrupt(signal: i32) {
    INTERRUPT.store(signal, Ordering::SeqCst);
}

/// The signal that asked the program to stop, if any.
pub fn interrupt() -> Option<i32> {
    match INTERRUPT.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// True once this process has renamed a complete set into place.
pub fn committed() -> bool {
    COMMITTED.load(Ordering::SeqCst)
}

/// A rendered output file.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputFile {
    /// File name inside the output folder, e.g. `stops.csv`.
    pub name: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    /// The file `name` with `text`, holding no more memory than the text (a renderer's buffer grows
    /// by doubling: summary.json's held 34 MB for 25 MB of text in a national season).
    pub fn text(name: &str, text: String) -> Self {
        let mut bytes = text.into_bytes();
        bytes.shrink_to_fit();
        Self {
            name: name.to_string(),
            bytes,
        }
    }
}

/// A failure to write outputs; earlier results are left as they were.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "cannot write {path}: {}\n  help: check that the folder is writable, or choose another with --out",
        crate::vocab::text_file::plain_io(source)
    )]
    Io { path: PathBuf, source: std::io::Error },
    /// A signal asked the program to stop before the files were renamed into place.
    #[error("interrupted by signal {0} before the results were written")]
    Interrupted(i32),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes every file into `dir` (created if needed) as one set: all of them or, on a failure or an
/// interruption, none (the earlier files stay as they were and no temporary file is left).
pub fn write_outputs(dir: &Path, files: &[OutputFile]) -> Result<Vec<PathBuf>, WriteError> {
    let _writing = WRITING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    fs::create_dir_all(dir).map_err(io(dir))?;
    recover(dir).map_err(io(dir))?;
    let mut staged = Vec::with_capacity(files.len());
    for file in files {
        let temp = dir.join(format!(".{}{TEMP_MARK}{}", file.name, std::process::id()));
        let written = fs::write(&temp, &file.bytes);
        staged.push((temp.clone(), dir.join(&file.name)));
        if let Err(source) = written {
            cleanup(&staged);
            return Err(WriteError::Io { path: temp, source });
        }
        test_abort(ABORT_AFTER_STAGED, staged.len());
        if let Some(signal) = interrupt() {
            cleanup(&staged);
            return Err(WriteError::Interrupted(signal));
        }
    }
    let mut journal = String::new();
    for (temp, target) in &staged {
        journal += &format!("{}\t{}\n", file_name(temp), file_name(target));
    }
    let journal_temp = dir.join(format!("{JOURNAL}{TEMP_MARK}{}", std::process::id()));
    let committed = fs::write(&journal_temp, journal).and_then(|()| fs::rename(&journal_temp, dir.join(JOURNAL)));
    if let Err(source) = committed {
        cleanup(&staged);
        let _ = fs::remove_file(&journal_temp);
        return Err(WriteError::Io {
            path: dir.join(JOURNAL),
            source,
        });
    }
    for (i, (temp, target)) in staged.iter().enumerate() {
        fs::rename(temp, target).map_err(io(target))?;
        test_abort(ABORT_AFTER_RENAMED, i + 1);
    }
    fs::remove_file(dir.join(JOURNAL)).map_err(io(dir))?;
    COMMITTED.store(true, Ordering::SeqCst);
    Ok(staged.into_iter().map(|(_, target)| target).collect())
}

/// Finishes the renames of a journal left by a killed run and removes leftover temporary files of
/// runs that are no longer running.
fn recover(dir: &Path) -> std::io::Result<()> {
    let journal = dir.join(JOURNAL);
    if let Ok(text) = fs::read_to_string(&journal) {
        for line in text.lines() {
            if let Some((temp, target)) = line.split_once('\t') {
                let temp = dir.join(temp);
                if temp.exists() {
                    fs::rename(&temp, dir.join(target))?;
                }
            }
        }
        fs::remove_file(&journal)?;
    }
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name();
        let name = name.to_string_lossy();
        if let Some(pid) = name.rsplit_once(TEMP_MARK).map(|(_, pid)| pid)
            && name.starts_with('.')
            && !running(pid)
        {
            let _ = fs::remove_file(dir.join(name.as_ref()));
        }
    }
    Ok(())
}

/// True when `pid` names this process or, where the system shows it (/proc), another running one.
fn running(pid: &str) -> bool {
    if pid == std::process::id().to_string() {
        return false;
    }
    Path::new("/proc").join(pid).exists()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn cleanup(staged: &[(PathBuf, PathBuf)]) {
    for (temp, _) in staged {
        let _ = fs::remove_file(temp);
    }
}

/// The test-only abort: when the environment variable `var` equals `count`, the process ends at once.
fn test_abort(var: &str, count: usize) {
    if std::env::var(var).is_ok_and(|v| v.trim() == count.to_string()) {
        std::process::abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_all_and_leaves_no_temporary_files() {
        let dir = std::env::temp_dir().join(format!("ablakbusz-writer-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let files = [
            OutputFile::text("a.csv", "x\n".into()),
            OutputFile::text("b.json", "{}".into()),
        ];
        write_outputs(&dir, &files).unwrap();
        let mut names: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["a.csv", "b.json"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn failure_keeps_earlier_results() {
        let dir = std::env::temp_dir().join(format!("ablakbusz-writer-fail-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        write_outputs(&dir, &[OutputFile::text("a.csv", "old\n".into())]).unwrap();
        // A file name that cannot be created (a folder that does not exist) fails the whole write.
        let bad = [
            OutputFile::text("a.csv", "new\n".into()),
            OutputFile::text("no/such/b.csv", "x".into()),
        ];
        assert!(write_outputs(&dir, &bad).is_err());
        assert_eq!(fs::read_to_string(dir.join("a.csv")).unwrap(), "old\n");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no temporary files left behind");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_journal_left_by_a_killed_run_is_finished_and_stale_temporary_files_removed() {
        let dir = std::env::temp_dir().join(format!("ablakbusz-writer-journal-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        // A run (process 1 is never an ablakbusz run) renamed a.csv, then was killed before b.csv.
        fs::write(dir.join("a.csv"), "new\n").unwrap();
        fs::write(dir.join("b.csv"), "old\n").unwrap();
        fs::write(dir.join(".b.csv.tmp-999999999"), "new\n").unwrap();
        fs::write(dir.join(".c.csv.tmp-999999998"), "stale\n").unwrap();
        fs::write(
            dir.join(JOURNAL),
            ".a.csv.tmp-999999999\ta.csv\n.b.csv.tmp-999999999\tb.csv\n",
        )
        .unwrap();
        recover(&dir).unwrap();
        assert_eq!(fs::read_to_string(dir.join("b.csv")).unwrap(), "new\n");
        let mut names: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["a.csv", "b.csv"]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
