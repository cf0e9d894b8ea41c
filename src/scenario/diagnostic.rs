//! Problems found in a scenario, each with its place, key path, message and fix; all of them at once.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::layers::Sources;
use super::source::SpanIndex;
// The shared type, also named here so that scenario files find every diagnostic word in one place.
pub(super) use crate::vocab::Diagnostic;

/// A scenario that cannot be used: every problem found, in file and line order.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct ScenarioError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let n = self.diagnostics.len();
        write!(f, "{n} problem{} found", if n == 1 { "" } else { "s" })
    }
}

/// Collects diagnostics while a scenario is read; knows the scenario's layers (the file, the files
/// it extends, its `--set` values) and key spans.
pub(super) struct Problems<'a> {
    /// The scenario file's name (its problems come first).
    file: String,
    sources: Cow<'a, Sources>,
    spans: SpanIndex,
    found: Vec<Diagnostic>,
}

impl<'a> Problems<'a> {
    /// For one text named `file` (no `extends`, no `--set`).
    #[cfg(test)]
    pub(super) fn new(file: &str, text: &str) -> Self {
        Self {
            file: file.to_string(),
            sources: Cow::Owned(Sources::single(file, text, None)),
            spans: SpanIndex::default(),
            found: Vec::new(),
        }
    }

    /// For a scenario's layers; the first names the scenario.
    pub(super) fn for_sources(sources: &'a Sources) -> Self {
        Self {
            file: sources.layers.first().map(|l| l.name.clone()).unwrap_or_default(),
            sources: Cow::Borrowed(sources),
            spans: SpanIndex::default(),
            found: Vec::new(),
        }
    }

    /// The folder relative paths in the value at `key` are resolved from: `root` (the scenario's
    /// folder) when the scenario file itself set it, else the folder of the file or `--set` that did.
    pub(super) fn folder_for(&self, key: &str, root: Option<&Path>) -> Option<PathBuf> {
        let layer = self
            .spans
            .span_of(key)
            .and_then(|s| self.sources.layer_index(s.start))
            .unwrap_or(0);
        if layer == 0 {
            root.map(Path::to_path_buf)
        } else {
            self.sources.layers[layer].base_dir.clone()
        }
    }

    /// Uses `spans` to place problems by key path from now on.
    pub(super) fn set_spans(&mut self, spans: SpanIndex) {
        self.spans = spans;
    }

    /// A problem with the value at `key` (or its nearest ancestor written in the file).
    pub(super) fn at(&mut self, key: &str, message: impl Into<String>, help: Option<String>) {
        let span = self.spans.span_of(key);
        self.push_span(key.to_string(), span, message.into(), help);
    }

    /// A problem at a byte span of the scenario text; the key path is found from the span.
    pub(super) fn at_span(&mut self, span: Option<Range<usize>>, message: impl Into<String>, help: Option<String>) {
        let key = span.as_ref().map(|s| self.spans.path_at(s.start)).unwrap_or_default();
        self.push_span(key, span, message.into(), help);
    }

    /// A problem at a byte span, under a key the merged document no longer holds (`extends`).
    pub(super) fn at_span_as(&mut self, span: Option<Range<usize>>, key: &str, message: String, help: Option<String>) {
        self.push_span(key.to_string(), span, message, help);
    }

    fn push_span(&mut self, key: String, span: Option<Range<usize>>, message: String, help: Option<String>) {
        let located = span.and_then(|s| self.sources.place(s.start));
        let file = located.map_or_else(|| self.file.clone(), |(layer, _)| layer.name.clone());
        let place = located.and_then(|(_, place)| place);
        self.found.push(Diagnostic {
            file,
            line: place.map(|p| p.line),
            column: place.map(|p| p.column),
            key,
            message,
            help,
        });
    }

    /// A problem located in another file (a CSV the scenario names).
    pub(super) fn push(&mut self, diagnostic: Diagnostic) {
        self.found.push(diagnostic);
    }

    /// Number of problems found so far.
    pub(super) fn count(&self) -> usize {
        self.found.len()
    }

    /// `Ok(value)` when there were no problems, otherwise every problem, sorted by place; `value` is
    /// `None` exactly when problems were reported.
    pub(super) fn finish_option<T>(mut self, value: Option<T>) -> Result<T, ScenarioError> {
        match value {
            Some(v) if self.found.is_empty() => Ok(v),
            None if self.found.is_empty() => {
                self.at(
                    "",
                    "the scenario could not be resolved, but no specific problem was recorded (a defect: please report it)",
                    None,
                );
                Err(self.into_error())
            }
            _ => Err(self.into_error()),
        }
    }

    /// Every problem, the scenario file first, then the files it names; by line and column.
    fn into_error(self) -> ScenarioError {
        let mut diagnostics = self.found;
        let scenario = self.file;
        diagnostics.sort_by(|a, b| {
            (a.file != scenario, &a.file, a.line, a.column).cmp(&(b.file != scenario, &b.file, b.line, b.column))
        });
        diagnostics.dedup();
        ScenarioError { diagnostics }
    }
}

/// A collector paused after parsing and resumed for each resolution of the same text.
impl<'a> Problems<'a> {
    /// The key spans and the problems found so far.
    pub(super) fn into_parts(self) -> (SpanIndex, Vec<Diagnostic>) {
        (self.spans, self.found)
    }

    /// Resumes collecting for `sources` with the key spans and problems of [`Self::into_parts`].
    pub(super) fn resume(sources: &'a Sources, spans: SpanIndex, found: Vec<Diagnostic>) -> Self {
        Self {
            spans,
            found,
            ..Self::for_sources(sources)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_a_compiler() {
        let d = Diagnostic {
            file: "s.toml".into(),
            line: Some(4),
            column: Some(10),
            key: "bus.clerks".into(),
            message: "3 clerks but only 2 desks".into(),
            help: Some("set clerks = 2 or desks = 3".into()),
        };
        assert_eq!(
            d.to_string(),
            "s.toml:4:10: bus.clerks: 3 clerks but only 2 desks\n  help: set clerks = 2 or desks = 3"
        );
        let e = ScenarioError {
            diagnostics: vec![
                d.clone(),
                Diagnostic {
                    line: None,
                    help: None,
                    ..d
                },
            ],
        };
        assert!(
            e.to_string()
                .ends_with("s.toml: bus.clerks: 3 clerks but only 2 desks\n2 problems found")
        );
    }
}
