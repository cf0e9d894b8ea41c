//! Problems of a CSV file's shape in plain words (the csv crate's own messages name Rust types and
//! "records"): a row with too many or too few fields, an unclosed quote, an empty file, a column
//! written twice; and the `;`-separated files with decimal commas that Hungarian Excel saves, read
//! as the comma-separated text every CSV reader expects.

use std::borrow::Cow;

/// Lines starting with this character are comments in the inputs that allow them (stop logs).
const COMMENT: char = '#';

/// Delimiters a person's CSV may use, with the words that name them in a message.
const DELIMITERS: [(char, &str); 4] = [
    (',', "commas (,)"),
    (';', "semicolons (;)"),
    ('\t', "tabs"),
    ('|', "vertical bars (|)"),
];

/// How many times `c` occurs in `line` outside quotes.
fn count_outside_quotes(line: &str, c: char) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for ch in line.chars() {
        if ch == '"' {
            quoted = !quoted;
        } else if ch == c && !quoted {
            n += 1;
        }
    }
    n
}

/// The delimiter a header line uses: the one of [`DELIMITERS`] it holds most often (`,` when none).
pub(crate) fn delimiter_of(header_line: &str) -> char {
    DELIMITERS
        .iter()
        .map(|&(c, _)| (count_outside_quotes(header_line, c), c))
        .filter(|&(n, _)| n > 0)
        .max_by_key(|&(n, c)| (n, c == ','))
        .map_or(',', |(_, c)| c)
}

/// A field written with a decimal comma (`-2,5`): digits, an optional sign and one comma.
fn decimal_comma(field: &str) -> bool {
    let digits = field.trim().strip_prefix('-').unwrap_or(field.trim());
    digits.split_once(',').is_some_and(|(int, frac)| {
        !int.is_empty()
            && !frac.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The CSV `text` as comma-separated fields with decimal points: unchanged when its header (its first
/// line that is neither blank nor a comment) is separated by commas; rewritten line by line when it is
/// separated by semicolons, each decimal comma becoming a point (so every line keeps its number).
/// Any other delimiter is refused with a message that names it.
pub(crate) fn comma_separated(text: &str) -> Result<Cow<'_, str>, String> {
    let header = text
        .lines()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with(COMMENT))
        .unwrap_or("");
    match delimiter_of(header) {
        ',' => Ok(Cow::Borrowed(text)),
        ';' => Ok(Cow::Owned(
            text.lines()
                .map(|line| {
                    if line.trim().is_empty() || line.trim_start().starts_with(COMMENT) {
                        line.to_string()
                    } else {
                        semicolon_line(line)
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
        )),
        other => {
            let words = DELIMITERS.iter().find(|(c, _)| *c == other).map_or("", |(_, w)| *w);
            Err(format!(
                "the header is separated by {words}; separate the columns with commas (,) or semicolons (;) \
                 (in a spreadsheet: save as \"CSV UTF-8\" or \"CSV (pontosvesszővel tagolt)\")"
            ))
        }
    }
}

/// One `;`-separated line as comma-separated fields with decimal points (a line with an unclosed
/// quote is left as it is, for the reader to place the problem).
fn semicolon_line(line: &str) -> String {
    if unclosed_quote(line).is_some() {
        return line.to_string();
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    let Some(Ok(record)) = reader.records().next() else {
        return line.to_string();
    };
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let fields = record.iter().map(|f| {
        if decimal_comma(f) {
            f.replacen(',', ".", 1)
        } else {
            f.to_string()
        }
    });
    if writer.write_record(fields).is_err() {
        return line.to_string();
    }
    writer
        .into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .map_or_else(|| line.to_string(), |s| s.trim_end_matches('\n').to_string())
}

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

    #[test]
    fn semicolons_and_decimal_commas_become_commas_and_points_line_by_line() {
        let text = "# a note; with a semicolon\ndate;settlement;dwell_hours\n\n2019-03-04;\"Kecel, Fő tér\";2,5\n";
        assert_eq!(
            comma_separated(text).unwrap(),
            "# a note; with a semicolon\ndate,settlement,dwell_hours\n\n2019-03-04,\"Kecel, Fő tér\",2.5"
        );
        let plain = "a,b\n1,2.5\n";
        assert!(matches!(comma_separated(plain), Ok(Cow::Borrowed(t)) if t == plain));
        let e = comma_separated("date\tsettlement\n").unwrap_err();
        assert!(e.contains("separated by tabs"), "{e}");
        assert_eq!(delimiter_of("a;b,c;d"), ';');
        assert_eq!(delimiter_of("\"a;b\",c"), ',');
        assert!(decimal_comma("-12,25") && !decimal_comma("1,2,3") && !decimal_comma("Kecel, Fő tér"));
    }

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
