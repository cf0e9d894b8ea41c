//! Where things are in a scenario file: byte spans to line and column, key paths to spans and back.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A line and column, both from 1; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Line and column of byte `offset` in `text` (clamped to the text, moved back to a char boundary).
pub(super) fn line_col(text: &str, offset: usize) -> LineCol {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    LineCol {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// One key of the document: its dotted path (array elements numbered from 1, as in
/// `season.stop[3].settlement`), the span of the key and the span of its value.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    path: String,
    key_span: Range<usize>,
    value_span: Range<usize>,
}

/// Every key path of a parsed document with its spans.
#[derive(Debug, Clone, Default)]
pub(super) struct SpanIndex {
    entries: Vec<Entry>,
}

impl SpanIndex {
    /// Indexes a parsed document.
    pub(super) fn new(root: &DeTable<'_>) -> Self {
        let mut index = Self::default();
        index.add_table("", root);
        index
    }

    fn add_table(&mut self, prefix: &str, table: &DeTable<'_>) {
        for (key, value) in table {
            let path = join(prefix, key.get_ref());
            self.add_value(&path, key.span(), value);
        }
    }

    fn add_value(&mut self, path: &str, key_span: Range<usize>, value: &Spanned<DeValue<'_>>) {
        self.entries.push(Entry {
            path: path.to_string(),
            key_span: key_span.clone(),
            value_span: value.span(),
        });
        match value.get_ref() {
            DeValue::Table(t) => self.add_table(path, t),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    // An element has no key of its own: point at the element itself.
                    self.add_value(&format!("{path}[{}]", i + 1), item.span(), item);
                }
            }
            _ => {}
        }
    }

    /// The span to point at for `path`: its value, or the nearest ancestor present in the file.
    pub(super) fn span_of(&self, path: &str) -> Option<Range<usize>> {
        let mut path = path;
        loop {
            if let Some(e) = self.entries.iter().find(|e| e.path == path) {
                return Some(e.value_span.clone());
            }
            path = parent(path)?;
        }
    }

    /// The innermost key path whose key or value contains byte `offset` (empty: the document).
    pub(super) fn path_at(&self, offset: usize) -> String {
        self.entries
            .iter()
            .filter(|e| e.key_span.contains(&offset) || e.value_span.contains(&offset))
            .max_by_key(|e| e.path.len())
            .map(|e| e.path.clone())
            .unwrap_or_default()
    }
}

/// `prefix.key`, or `key` at the top.
pub(super) fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → none.
fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    if path.ends_with(']') {
        return path.rfind('[').map(|i| &path[..i]);
    }
    Some(path.rfind('.').map_or("", |i| &path[..i]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "a = 1\nname = \"Kiskőrös\" x\n";
        let x = text.find(" x").unwrap() + 1;
        assert_eq!(line_col(text, x), LineCol { line: 2, column: 19 }); // 17 chars of `name = "Kiskőrös"`, a space
        assert_eq!(line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(line_col(text, 6), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn paths_and_spans_round_trip() {
        let text = "[bus]\nclerks = 3\n[[season.stop]]\ndate = 1\n[[season.stop]]\nsettlement = \"X\"\n";
        let doc = DeTable::parse(text).unwrap();
        let index = SpanIndex::new(doc.get_ref());
        let span = index.span_of("season.stop[2].settlement").unwrap();
        assert_eq!(&text[span.clone()], "\"X\"");
        assert_eq!(index.path_at(span.start), "season.stop[2].settlement");
        assert_eq!(&text[index.span_of("bus.clerks").unwrap()], "3");
        // A missing key falls back to its table.
        assert_eq!(&text[index.span_of("bus.desks").unwrap()], "[bus]");
        assert_eq!(index.span_of("simulation.seed"), None);
    }

    #[test]
    fn parents() {
        assert_eq!(parent("a.b[2].c"), Some("a.b[2]"));
        assert_eq!(parent("a.b[2]"), Some("a.b"));
        assert_eq!(parent("a"), Some(""));
        assert_eq!(parent(""), None);
    }
}
