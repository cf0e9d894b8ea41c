//! Problems of a CSV file's shape in plain words (the csv crate's own messages name Rust types and
//! "records"): a row with too many or too few fields, an unclosed quote, an empty file, a column
//! written twice.

/// A shape problem of a CSV: the line (from 1), the character column (from 1) where known, the
/// message and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CsvShapeProblem {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: String,
}

/// The character column (from 1) of the quote that opens a field and is never closed on `line`, if any.
pub(crate) fn unclosed_quote(line: &str) -> Option<usize> {
    let mut open = None;
    for (i, c) in line.chars().enumerate() {
        if c == '"' {
            open = if open.is_some() { None } else { Some(i + 1) };
        }
    }
    open
}

/// Describes a csv crate error of reading `text`, whose header names `header`.
pub(crate) fn shape_problem(e: &csv::Error, text: &str, header: &[String]) -> CsvShapeProblem {
    let line = e.position().map(|p| p.line() as usize);
    let raw = line.and_then(|l| text.lines().nth(l.saturating_sub(1))).unwrap_or("");
    let columns = header.join(",");
    if let Some(column) = unclosed_quote(raw) {
        return CsvShapeProblem {
            line,
            column: Some(column),
            message: "a quote (\") opens a field here and is never closed".into(),
            help: "close the quote, or remove it: quotes are only needed around a field with a comma".into(),
        };
    }
    match e.kind() {
        csv::ErrorKind::UnequalLengths { len, .. } => {
            let len = *len as usize;
            let (message, column) = if len > header.len() {
                let extra = raw
                    .split(',')
                    .take(header.len())
                    .map(|f| f.chars().count() + 1)
                    .sum::<usize>()
                    + 1;
                (
                    format!(
                        "this row has {len} fields but the header names {} columns: field {} has no column",
                        header.len(),
                        header.len() + 1
                    ),
                    Some(extra),
                )
            } else {
                let first = header.get(len).map_or("", String::as_str);
                let missing = match header.len() - len {
                    1 => format!("the last one is missing (\"{first}\")"),
                    n => format!("the last {n} are missing (\"{first}\" and after)"),
                };
                (
                    format!(
                        "this row has {len} fields but the header names {} columns: {missing}",
                        header.len()
                    ),
                    None,
                )
            };
            CsvShapeProblem {
                line,
                column,
                message,
                help: format!("give every row one field per column, separated by commas: {columns}"),
            }
        }
        csv::ErrorKind::Utf8 { .. } => CsvShapeProblem {
            line,
            column: None,
            message: "this row is not UTF-8 text".into(),
            help: "save the file as UTF-8".into(),
        },
        _ => CsvShapeProblem {
            line,
            column: None,
            message: "this row cannot be read as comma-separated fields".into(),
            help: format!("the columns are {columns}"),
        },
    }
}

/// Each column name that the header writes more than once, with the character columns (from 1)
/// of its first two places.
pub(crate) fn repeated_columns(header: &[String], header_line: &str) -> Vec<(String, usize, usize)> {
    let starts: Vec<usize> = std::iter::once(1)
        .chain(
            header_line
                .chars()
                .enumerate()
                .filter(|(_, c)| *c == ',')
                .map(|(i, _)| i + 2),
        )
        .collect();
    let mut found = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if let Some(first) = header[..i].iter().position(|h| h == name)
            && !found.iter().any(|(n, _, _): &(String, usize, usize)| n == name)
        {
            found.push((
                name.clone(),
                starts.get(first).copied().unwrap_or(1),
                starts.get(i).copied().unwrap_or(1),
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_error(text: &str) -> CsvShapeProblem {
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
        let e = reader.records().find_map(Result::err).unwrap();
        shape_problem(&e, text, &header)
    }

    #[test]
    fn field_counts_and_quotes_in_plain_words() {
        let p = first_error("a,b,c\n1,2,3\n1,2\n");
        assert_eq!(p.line, Some(3));
        assert!(p.message.contains("2 fields but the header names 3 columns"), "{p:?}");
        assert!(p.message.contains("the last one is missing (\"c\")"), "{p:?}");
        let p = first_error("a,b\n1,2,3\n");
        assert!(p.message.contains("field 3 has no column"), "{p:?}");
        assert_eq!(p.column, Some(5));
        let p = first_error("a,b\n1,2\n\"x,2\n3,4\n");
        assert_eq!((p.line, p.column), (Some(3), Some(1)), "{p:?}");
        assert!(p.message.contains("never closed"));
        assert_eq!(
            repeated_columns(&["date".into(), "x".into(), "date".into()], "date,x,date"),
            [("date".to_string(), 1, 8)]
        );
    }
}
