//! HTML building blocks: escaping, base64 data URIs, tables; nothing here refers outside the page.

use std::fmt::Write;

/// Text made safe for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The base64 alphabet of RFC 4648 §4.
const BASE64_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648 §4) with `=` padding.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let triple = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                let sextet = (triple >> (18 - 6 * k)) & 0x3f;
                out.push(char::from(BASE64_ALPHABET[sextet as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A PNG as a `data:` URI, to be used as an `<img src>` inside the page.
pub(super) fn png_data_uri(png: &[u8]) -> String {
    format!("data:image/png;base64,{}", base64(png))
}

/// How a cell is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CellKind {
    /// Running text, left-aligned, may wrap.
    Text,
    /// A number, right-aligned.
    Number,
    /// A short token that must not wrap (a date), left-aligned.
    Token,
}

impl CellKind {
    /// The CSS class of the kind (`""` for plain text).
    fn class(self) -> &'static str {
        match self {
            CellKind::Text => "",
            CellKind::Number => " class=\"num\"",
            CellKind::Token => " class=\"token\"",
        }
    }
}

/// One table cell: its text (escaped when written) and how it is set.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cell {
    pub text: String,
    pub kind: CellKind,
}

impl Cell {
    pub(super) fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            kind: CellKind::Text,
        }
    }

    pub(super) fn number(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            kind: CellKind::Number,
        }
    }

    pub(super) fn token(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            kind: CellKind::Token,
        }
    }
}

/// A table with a caption, a header row and body rows; a column's header is aligned like the
/// column's first cell.
pub(super) fn table(caption: &str, header: &[String], rows: &[Vec<Cell>]) -> String {
    let mut out = String::from("<table>\n");
    let _ = writeln!(out, "<caption>{}</caption>", escape(caption));
    out.push_str("<thead><tr>");
    for (i, h) in header.iter().enumerate() {
        let numeric = rows
            .first()
            .and_then(|r| r.get(i))
            .is_some_and(|c| c.kind == CellKind::Number);
        let class = if numeric { " class=\"num\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td{}>{}</td>", cell.kind.class(), escape(&cell.text));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// A two-column table of names and values (assumptions).
pub(super) fn key_values(caption: &str, pairs: &[(String, String)]) -> String {
    let mut out = String::from("<table class=\"kv\">\n");
    let _ = writeln!(out, "<caption>{}</caption>", escape(caption));
    out.push_str("<tbody>\n");
    for (key, value) in pairs {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            escape(key),
            escape(value)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_4648_test_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
    }

    #[test]
    fn escaping_covers_markup_and_quotes_and_keeps_accents() {
        assert_eq!(
            escape(r#"<a href="x">Kiskőrös & 'Fülöpháza'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Kiskőrös &amp; &#39;Fülöpháza&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn tables_escape_every_cell() {
        let html = table("A <b>", &["x".into()], &[vec![Cell::text("<i>"), Cell::number("1")]]);
        assert!(html.contains("<caption>A &lt;b&gt;</caption>"));
        assert!(html.contains("<td>&lt;i&gt;</td><td class=\"num\">1</td>"));
    }
}
