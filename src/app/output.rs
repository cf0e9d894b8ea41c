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
