//! Where a command writes: the default output folder, and the line naming what was written.

use std::path::{Path, PathBuf};

use std::sync::OnceLock;

use crate::report::lang::{FillError, Label, Lang};
use crate::report::{CsvDialect, OutputFile, RunAbout, finish_tables, write_outputs};

/// Folder under which each command writes its own folder by default.
const OUTPUT_ROOT: &str = "output";

/// The CSV dialect of this process (`--csv`), set once by [`super::execute`]; RFC 4180 when unset
/// (the library's callers and the tests).
static CSV_DIALECT: OnceLock<CsvDialect> = OnceLock::new();

/// Sets the CSV dialect of every file this process writes.
pub(super) fn set_csv_dialect(dialect: CsvDialect) {
    let _ = CSV_DIALECT.set(dialect);
}

/// Writes a command's `files` into `dir` as one set, its CSV tables in the chosen dialect and with the
/// workbook of them (headers and first sheet in `lang`, describing the run as `about` says); returns
/// the files written.
pub(super) fn write_results(
    dir: &Path,
    files: Vec<OutputFile>,
    lang: Lang,
    about: &RunAbout,
) -> Result<Vec<OutputFile>, super::AppError> {
    write_results_with(dir, files, Vec::new(), lang, about)
}

/// [`write_results`] with `verbatim` files in the same set, written as they are: inputs for other
/// commands (a scenario and its stops CSV), in the program's own format whatever `--csv` and
/// `--lang` say, and no sheet of the workbook.
pub(super) fn write_results_with(
    dir: &Path,
    files: Vec<OutputFile>,
    verbatim: Vec<OutputFile>,
    lang: Lang,
    about: &RunAbout,
) -> Result<Vec<OutputFile>, super::AppError> {
    let dialect = CSV_DIALECT.get().copied().unwrap_or_default();
    let mut files = finish_tables(files, lang, dialect, about)?;
    files.extend(verbatim);
    write_outputs(dir, &files)?;
    Ok(files)
}

/// What a run of `command` on `season` was, for the workbook's first sheet.
pub(super) fn about_season(
    command: &str,
    season: &crate::scenario::Season,
    seed: Option<u64>,
    replications: Option<u32>,
) -> RunAbout {
    RunAbout {
        command: command.to_string(),
        source: season.name.clone(),
        seed,
        replications,
        digest: Some(crate::scenario::digest(season)),
        season: season
            .stops
            .first()
            .zip(season.stops.last())
            .map(|(a, b)| (a.date, b.date)),
    }
}

/// The folder a command writes to: `out` when given, else `output/<name>/`.
pub(super) fn output_dir(out: Option<&Path>, name: &str) -> PathBuf {
    out.map_or_else(|| PathBuf::from(OUTPUT_ROOT).join(name), Path::to_path_buf)
}

/// The folder a command that compares writes to: `out` when given, else
/// `output/<command>/<name>/` (e.g. `output/compare/2020-plan--vs--whatif-3-desks/`).
pub(super) fn comparison_dir(out: Option<&Path>, command: &str, name: &str) -> PathBuf {
    out.map_or_else(
        || PathBuf::from(OUTPUT_ROOT).join(command).join(name),
        Path::to_path_buf,
    )
}

/// `Written to DIR/ (a.csv, b.json)`, in `lang`.
pub(super) fn written_line(lang: Lang, dir: &Path, files: &[OutputFile]) -> Result<String, FillError> {
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    Label::WrittenTo.fill(
        lang,
        &[("dir", &dir.display().to_string()), ("files", &names.join(", "))],
    )
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
