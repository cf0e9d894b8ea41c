//! The one place that writes result files: all-or-nothing, through temporary names and renames.

use std::fs;
use std::path::{Path, PathBuf};

/// A rendered output file.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputFile {
    /// File name inside the output folder, e.g. `stops.csv`.
    pub name: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn text(name: &str, text: String) -> Self {
        Self {
            name: name.to_string(),
            bytes: text.into_bytes(),
        }
    }
}

/// A failure to write outputs; earlier results are left as they were.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}\n  help: check that the folder is writable, or choose another with --out")]
pub struct WriteError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// Writes every file into `dir` (created if needed). Each file is first written in full to a
/// temporary name in the same folder, then all are renamed into place, so a failed or interrupted
/// run never leaves a half-written file and never destroys an earlier result.
pub fn write_outputs(dir: &Path, files: &[OutputFile]) -> Result<Vec<PathBuf>, WriteError> {
    fs::create_dir_all(dir).map_err(|source| WriteError {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut staged = Vec::with_capacity(files.len());
    for file in files {
        let temp = dir.join(format!(".{}.tmp-{}", file.name, std::process::id()));
        if let Err(source) = fs::write(&temp, &file.bytes) {
            cleanup(&staged);
            let _ = fs::remove_file(&temp);
            return Err(WriteError { path: temp, source });
        }
        staged.push((temp, dir.join(&file.name)));
    }
    for (temp, target) in &staged {
        fs::rename(temp, target).map_err(|source| WriteError {
            path: target.clone(),
            source,
        })?;
    }
    Ok(staged.into_iter().map(|(_, target)| target).collect())
}

fn cleanup(staged: &[(PathBuf, PathBuf)]) {
    for (temp, _) in staged {
        let _ = fs::remove_file(temp);
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
}
