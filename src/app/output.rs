//! Where a command writes: the default output folder, and the line naming what was written.

use std::path::{Path, PathBuf};

use crate::report::OutputFile;
use crate::report::lang::{FillError, Label, Lang};

/// Folder under which each command writes its own folder by default.
const OUTPUT_ROOT: &str = "output";

/// The folder a command writes to: `out` when given, else `output/<name>/`.
pub(super) fn output_dir(out: Option<&Path>, name: &str) -> PathBuf {
    out.map_or_else(|| PathBuf::from(OUTPUT_ROOT).join(name), Path::to_path_buf)
}

/// `Written to DIR/ (a.csv, b.json)`, in `lang`.
pub(super) fn written_line(lang: Lang, dir: &Path, files: &[OutputFile]) -> Result<String, FillError> {
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    Label::WrittenTo.fill(
        lang,
        &[("dir", &dir.display().to_string()), ("files", &names.join(", "))],
    )
}

/// `Written to DIR/NAME`, in `lang`.
pub(super) fn written_file(lang: Lang, dir: &Path, name: &str) -> Result<String, FillError> {
    Label::WrittenFile.fill(lang, &[("path", &format!("{}/{name}", dir.display()))])
}

/// Checks, before any simulation, that results could be written to `dir`: the folder (or the nearest
/// folder above it that exists) is a folder and accepts a new file. Nothing is left behind.
pub(super) fn check_writable(dir: &Path) -> Result<(), super::AppError> {
    let mut existing = dir;
    while !existing.as_os_str().is_empty() && !existing.exists() {
        existing = existing.parent().unwrap_or(Path::new(""));
    }
    let existing = if existing.as_os_str().is_empty() {
        Path::new(".")
    } else {
        existing
    };
    let refuse = |why: String| {
        super::AppError::Argument(format!(
            "cannot write the results to {}: {why}\n  help: choose another folder with --out",
            dir.display()
        ))
    };
    if !existing.is_dir() {
        return Err(refuse(format!("{} is a file, not a folder", existing.display())));
    }
    let probe = existing.join(format!(".ablakbusz-probe-{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) => Err(refuse(format!(
            "{} does not accept new files ({})",
            existing.display(),
            crate::vocab::text_file::plain_io(&e)
        ))),
    }
}
