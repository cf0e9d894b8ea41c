//! A scenario's layers: the file, the files it `extends` (each from the folder of the file that names
//! it) and its `--set` values, laid end to end in one text so that every span names the layer, line
//! and column that set its key.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::ScenarioText;
use super::source::{LineCol, line_col};
use crate::vocab::limits::MAX_SCENARIO_BYTES;
use crate::vocab::text_file::read_text;

/// The most files one chain of `extends` may hold, the scenario itself included. A what-if extends
/// a plan that may extend a base: 8 is more than any sensible chain and keeps a runaway chain short.
pub const MAX_EXTENDS_DEPTH: usize = 8;

/// One layer: a scenario file, or one `--set`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Layer {
    /// Names the layer in messages: the file as given, or `--set KEY=VALUE`.
    pub name: String,
    /// The layer's bytes in [`Sources::text`].
    pub range: Range<usize>,
    /// Folder that relative paths set by this layer are resolved from (`None`: it may not name files).
    pub base_dir: Option<PathBuf>,
    /// True for a file: its problems carry a line and column (a `--set` has neither).
    pub located: bool,
}

/// Every layer's text, end to end; the scenario file first, then the files it extends (nearest
/// first), then the `--set` values in command-line order.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Sources {
    pub text: String,
    pub layers: Vec<Layer>,
}

/// A problem found while following `extends`, at a span of one layer's own text.
#[derive(Debug, Clone)]
pub(super) struct ChainProblem {
    pub layer: usize,
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
}

impl Sources {
    /// A single text, named `name` (a scenario with no `extends` and no `--set`).
    pub(super) fn single(name: &str, text: &str, base_dir: Option<&Path>) -> Self {
        let mut sources = Self::default();
        sources.push(name.to_string(), text, base_dir.map(Path::to_path_buf), true);
        sources
    }

    fn push(&mut self, name: String, text: &str, base_dir: Option<PathBuf>, located: bool) {
        let start = self.text.len();
        self.text.push_str(text);
        self.layers.push(Layer {
            name,
            range: start..self.text.len(),
            base_dir,
            located,
        });
    }

    /// Appends a file layer named `name` (for tests: one scenario file and the files it extends).
    #[cfg(test)]
    pub(super) fn push_file(&mut self, name: &str, text: &str) {
        self.push(name.to_string(), text, Some(PathBuf::from(".")), true);
    }

    /// The text of layer `i`.
    pub(super) fn layer_text(&self, i: usize) -> &str {
        &self.text[self.layers[i].range.clone()]
    }

    /// The index of the layer holding byte `offset` (the last layer for the end of the text).
    pub(super) fn layer_index(&self, offset: usize) -> Option<usize> {
        self.layers
            .iter()
            .position(|l| l.range.contains(&offset))
            .or_else(|| self.layers.len().checked_sub(1))
    }

    /// The layer and the line and column (in that layer; `None` for a `--set`) of byte `offset`.
    pub(super) fn place(&self, offset: usize) -> Option<(&Layer, Option<LineCol>)> {
        let layer = &self.layers[self.layer_index(offset)?];
        let local = offset.saturating_sub(layer.range.start);
        let place = layer.located.then(|| line_col(&self.text[layer.range.clone()], local));
        Some((layer, place))
    }
}

/// Reads the scenario and every file it extends, and appends its `--set` values; the problems of the
/// chain (an unreadable file, a cycle, a chain too long) are returned with their places.
pub(super) fn gather(source: &ScenarioText) -> (Sources, Vec<ChainProblem>) {
    let mut sources = Sources::single(&source.origin, &source.text, source.base_dir.as_deref());
    let mut problems = Vec::new();
    let mut seen: Vec<Option<PathBuf>> = vec![std::fs::canonicalize(&source.origin).ok()];
    while let Some(next) = extended_file(&sources, &seen, &mut problems) {
        let (path, canonical, text) = next;
        sources.push(path.display().to_string(), &text, Some(folder_of(&path)), true);
        seen.push(Some(canonical));
    }
    for setting in &source.settings {
        sources.push(
            setting.to_string(),
            &setting.toml_line(),
            Some(PathBuf::from(".")),
            false,
        );
    }
    (sources, problems)
}

/// The file the last layer read extends: its path, canonical path and text; `None` at the end of the
/// chain or at a problem (reported).
fn extended_file(
    sources: &Sources,
    seen: &[Option<PathBuf>],
    problems: &mut Vec<ChainProblem>,
) -> Option<(PathBuf, PathBuf, String)> {
    let layer = sources.layers.len() - 1;
    let (name, span) = extends_value(sources.layer_text(layer), layer, problems)?;
    let mut problem = |message: String, help: Option<String>| {
        problems.push(ChainProblem {
            layer,
            span: Some(span.clone()),
            message,
            help,
        });
        None
    };
    let Some(dir) = &sources.layers[layer].base_dir else {
        return problem(
            format!("\"{name}\" is relative, but this scenario has no folder to resolve it from"),
            Some("load the scenario from a file".into()),
        );
    };
    let path = dir.join(&name);
    let text = match read_text(&path, MAX_SCENARIO_BYTES) {
        Ok(text) => text,
        Err(e) => {
            return problem(
                format!("cannot read the scenario it extends, {}: {e}", path.display()),
                Some("the path is relative to the folder of the file that says extends".into()),
            );
        }
    };
    let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    if seen.iter().flatten().any(|p| *p == canonical) {
        let chain: Vec<&str> = sources.layers.iter().map(|l| l.name.as_str()).collect();
        return problem(
            format!("extends forms a cycle: {} → {}", chain.join(" → "), path.display()),
            Some("a scenario may not extend itself, directly or through others: remove one extends".into()),
        );
    }
    if sources.layers.len() >= MAX_EXTENDS_DEPTH {
        return problem(
            format!("the chain of extends is longer than {MAX_EXTENDS_DEPTH} files"),
            Some("extend the base scenario directly instead of through a long chain".into()),
        );
    }
    Some((path, canonical, text))
}

/// The `extends` of one layer's text, with the span of its value; a value that is not text is reported.
/// A text with syntax errors extends nothing here (its errors are reported when it is read).
fn extends_value(text: &str, layer: usize, problems: &mut Vec<ChainProblem>) -> Option<(String, Range<usize>)> {
    let (doc, errors) = toml::de::DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return None;
    }
    let value = doc.get_ref().get("extends")?;
    if let toml::de::DeValue::String(name) = value.get_ref() {
        return Some((name.to_string(), value.span()));
    }
    problems.push(ChainProblem {
        layer,
        span: Some(value.span()),
        message: "must be the path of the scenario file this one extends".into(),
        help: Some("write e.g. extends = \"2020-plan.toml\" (relative to this file's folder)".into()),
    });
    None
}

/// The folder of `path` (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
