//! Where a command writes: the default output folder, and the line naming what was written.

use std::path::{Path, PathBuf};

use crate::report::OutputFile;

/// Folder under which each command writes its own folder by default.
const OUTPUT_ROOT: &str = "output";

/// The folder a command writes to: `out` when given, else `output/<name>/`.
pub fn output_dir(out: Option<&Path>, name: &str) -> PathBuf {
    out.map_or_else(|| PathBuf::from(OUTPUT_ROOT).join(name), Path::to_path_buf)
}

/// `Written to DIR/ (a.csv, b.json)`.
pub fn written_line(dir: &Path, files: &[OutputFile]) -> String {
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    format!("Written to {}/ ({})", dir.display(), names.join(", "))
}
