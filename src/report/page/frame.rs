//! The frame every page of charts shares: the document head, the header with its contents line,
//! the numbered sections and the end of the document.

use std::fmt::Write;

use super::html::escape;
use crate::report::lang::{Label, Lang};

/// A page's sections: the anchor id and the heading of each, in order.
pub(super) type Sections<'a> = &'a [(&'a str, Label)];

/// The document up to the opening `<body>`: language, title and the inline style sheet `css`.
pub(super) fn document_start(lang: Lang, title: &str, css: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{css}</style>\n</head>\n<body>\n",
        lang.code(),
        escape(title)
    )
}

/// The page header: the title, the scenario's description if any, the meta line (replications,
/// seed, version) and a contents line linking every section.
pub(super) fn header(title: &str, description: Option<&str>, meta: &str, sections: Sections, lang: Lang) -> String {
    let mut out = format!("<header>\n<h1>{}</h1>\n", escape(title));
    if let Some(description) = description {
        let _ = writeln!(out, "<p class=\"description\">{}</p>", escape(description.trim()));
    }
    let _ = writeln!(out, "<p class=\"meta\">{}</p>", escape(meta));
    let _ = write!(
        out,
        "<nav><strong>{}:</strong> ",
        escape(lang.text(Label::ReportContents))
    );
    for (id, heading) in sections {
        let _ = write!(out, "<a href=\"#{id}\">{}</a>", escape(lang.text(*heading)));
    }
    out.push_str("</nav>\n</header>\n");
    out
}

/// The sections with their bodies (already HTML), then the end of the document.
pub(super) fn sections_and_end(sections: Sections, bodies: impl IntoIterator<Item = String>, lang: Lang) -> String {
    let mut out = String::new();
    for ((id, heading), body) in sections.iter().zip(bodies) {
        let _ = write!(
            out,
            "<section id=\"{id}\">\n<h2>{}</h2>\n{body}</section>\n",
            escape(lang.text(*heading))
        );
    }
    out.push_str("</body>\n</html>\n");
    out
}
