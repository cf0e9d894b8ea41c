//! A scenario's layers merged into one document: keys override, tables merge, arrays replace; the
//! `name` and `description` of a file that is extended are not inherited.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::Problems;
use super::layers::{ChainProblem, Sources};
use super::syntax::syntax_in_words;

/// Keys a scenario does not inherit from the file it extends: they say what this file is (`name`
/// also names its output folder, which must not be the extended plan's).
pub(super) const NOT_INHERITED: [&str; 2] = ["name", "description"];

/// The key that names the file a scenario extends (read by the layers, not part of the merged document).
pub(super) const EXTENDS_KEY: &str = "extends";

/// Every layer parsed and merged, spans pointing into [`Sources::text`]; `None` after a syntax error
/// in any layer (every syntax error of every layer is reported) or a problem of the `extends` chain
/// (reported: what is left of an incomplete chain would only add noise).
pub(super) fn merged_document<'s>(
    sources: &'s Sources,
    chain: &[ChainProblem],
    problems: &mut Problems<'_>,
) -> Option<DeTable<'s>> {
    for p in chain {
        let start = sources.layers[p.layer].range.start;
        let span = p.span.as_ref().map(|s| shifted(s, start));
        problems.at_span_as(span, EXTENDS_KEY, p.message.clone(), p.help.clone());
    }
    let mut documents = Vec::with_capacity(sources.layers.len());
    let mut syntax_ok = true;
    for (i, layer) in sources.layers.iter().enumerate() {
        let text = sources.layer_text(i);
        let (doc, errors) = DeTable::parse_recoverable(text);
        for e in &errors {
            let (message, help) = syntax_in_words(text, e.span().as_ref(), e.message());
            problems.at_span(e.span().map(|s| shifted(&s, layer.range.start)), message, help);
        }
        syntax_ok &= errors.is_empty();
        documents.push(shift_table(doc.into_inner(), layer.range.start));
    }
    if !syntax_ok || !chain.is_empty() {
        return None;
    }
    let files = sources.layers.iter().take_while(|l| l.located).count();
    let mut settings = documents.split_off(files);
    let mut merged = DeTable::new();
    for mut doc in documents.into_iter().rev() {
        for key in NOT_INHERITED {
            merged.remove(key);
        }
        doc.remove(EXTENDS_KEY);
        merge_into(&mut merged, doc);
    }
    for doc in &mut settings {
        if let Some(value) = doc.remove(EXTENDS_KEY) {
            problems.at_span_as(
                Some(value.span()),
                EXTENDS_KEY,
                "cannot be given with --set".into(),
                Some("write extends = \"…\" at the top of a scenario file".into()),
            );
        }
    }
    for doc in settings {
        merge_into(&mut merged, doc);
    }
    Some(merged)
}

/// Merges `over` into `base`: a table merges with a table of the same key, any other value replaces.
fn merge_into<'s>(base: &mut DeTable<'s>, over: DeTable<'s>) {
    for (key, value) in over {
        let inherited = base.remove(key.get_ref().as_ref());
        let value = match (inherited.map(Spanned::into_inner), value.get_ref()) {
            (Some(DeValue::Table(mut under)), DeValue::Table(_)) => {
                let span = value.span();
                let DeValue::Table(table) = value.into_inner() else {
                    unreachable!("matched as a table above")
                };
                merge_into(&mut under, table);
                Spanned::new(span, DeValue::Table(under))
            }
            _ => value,
        };
        base.insert(key, value);
    }
}

fn shifted(span: &Range<usize>, by: usize) -> Range<usize> {
    span.start + by..span.end + by
}

fn shift_table(table: DeTable<'_>, by: usize) -> DeTable<'_> {
    table
        .into_iter()
        .map(|(key, value)| {
            let key_span = shifted(&key.span(), by);
            (Spanned::new(key_span, key.into_inner()), shift(value, by))
        })
        .collect()
}

/// `value` with its span and every span inside it moved by `by` bytes.
fn shift(value: Spanned<DeValue<'_>>, by: usize) -> Spanned<DeValue<'_>> {
    let span = shifted(&value.span(), by);
    let inner = match value.into_inner() {
        DeValue::Table(t) => DeValue::Table(shift_table(t, by)),
        DeValue::Array(items) => DeValue::Array(items.into_iter().map(|v| shift(v, by)).collect()),
        other => other,
    };
    Spanned::new(span, inner)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use toml::de::ValueDeserializer;

    use super::*;
    use crate::scenario::source::SpanIndex;

    fn layers(texts: &[&str]) -> Sources {
        let mut sources = Sources::default();
        for (i, t) in texts.iter().enumerate() {
            sources.push_file(&format!("f{i}.toml"), t);
        }
        sources
    }

    /// The merged document as plain values (spans dropped), to compare by content.
    fn merged(texts: &[&str]) -> toml::Table {
        let sources = layers(texts);
        let mut p = Problems::for_sources(&sources);
        let doc = merged_document(&sources, &[], &mut p).unwrap();
        toml::Table::deserialize(ValueDeserializer::from(Spanned::new(0..0, DeValue::Table(doc)))).unwrap()
    }

    #[test]
    fn keys_override_tables_merge_arrays_replace_and_names_are_not_inherited() {
        let child = "extends = \"p.toml\"\n[bus]\nclerks = 3\n[season.generate]\nweekdays = [\"mon\"]\n";
        let parent = "name = \"p\"\ndescription = \"d\"\n[bus]\nclerks = 2\ndesks = 2\n\
                      [season.generate]\nweekdays = [\"mon\", \"tue\"]\nfrom = 2020-01-01\n";
        let expected: toml::Table = "[bus]\nclerks = 3\ndesks = 2\n[season.generate]\n\
                                     weekdays = [\"mon\"]\nfrom = 2020-01-01\n"
            .parse()
            .unwrap();
        assert_eq!(merged(&[child, parent]), expected);
        let grandchild = "name = \"g\"\nbus.desks = 3\n";
        let expected: toml::Table = "name = \"g\"\n[bus]\nclerks = 3\ndesks = 3\n[season.generate]\n\
                                     weekdays = [\"mon\"]\nfrom = 2020-01-01\n"
            .parse()
            .unwrap();
        assert_eq!(merged(&[grandchild, child, parent]), expected);
    }

    #[test]
    fn every_key_points_into_the_layer_that_set_it() {
        let sources = layers(&["[bus]\nclerks = 3\n", "[bus]\nclerks = 2\ndesks = 2\n"]);
        let mut p = Problems::for_sources(&sources);
        let doc = merged_document(&sources, &[], &mut p).unwrap();
        let index = SpanIndex::new(&doc);
        let at = |key: &str| {
            let (layer, place) = sources.place(index.span_of(key).unwrap().start).unwrap();
            (layer.name.clone(), place.unwrap().line, place.unwrap().column)
        };
        assert_eq!(at("bus.clerks"), ("f0.toml".to_string(), 2, 10));
        assert_eq!(at("bus.desks"), ("f1.toml".to_string(), 3, 9));
    }
}
