//! TOML syntax errors in plain words: a repeated key or table named with both places, a hint for a
//! decimal comma or a Hungarian date.

/// A TOML syntax error in plain words; a duplicate key or table is named.
pub(super) fn syntax_in_words(
    text: &str,
    span: Option<&std::ops::Range<usize>>,
    message: &str,
) -> (String, Option<String>) {
    if message.starts_with("duplicate key") {
        let name = span
            .and_then(|s| text.get(s.clone()))
            .map(str::trim)
            .unwrap_or_default();
        let is_table = span
            .and_then(|s| text.get(..s.start))
            .and_then(|before| before.lines().last())
            .is_some_and(|l| l.trim_start().starts_with('['));
        let first = span.and_then(|s| first_place(text, s.start, name, is_table));
        let first = first.map_or_else(String::new, |line| format!(" (first on line {line})"));
        let (what, help) = if is_table {
            (
                format!("the table [{name}] is written twice{first}"),
                "merge the two sections into one (an array of tables is written [[name]])",
            )
        } else {
            (
                format!("the key `{name}` is written twice in its table{first}"),
                "keep one of them",
            )
        };
        return (format!("TOML syntax: {what}"), Some(help.into()));
    }
    let hint = span.and_then(|s| value_hint(line_at(text, s.start)));
    (format!("TOML syntax: {message}"), hint)
}

/// The line (from 1) holding byte `at` of `text`.
fn line_number(text: &str, at: usize) -> usize {
    text.get(..at).map_or(1, |before| before.matches('\n').count() + 1)
}

/// The whole line of `text` that holds byte `at`.
fn line_at(text: &str, at: usize) -> &str {
    let start = text.get(..at).and_then(|b| b.rfind('\n')).map_or(0, |i| i + 1);
    text[start..].lines().next().unwrap_or("")
}

/// The line (from 1) where the key or table `name`, written again at byte `again`, was first written:
/// for a table, its earlier `[name]` header; for a key, its earlier line in the same table.
fn first_place(text: &str, again: usize, name: &str, is_table: bool) -> Option<usize> {
    let before = text.get(..again)?;
    let again_line = line_number(text, again);
    let mut section_start = 1;
    let mut found = None;
    for (i, line) in before.lines().enumerate() {
        let line = line.trim_start();
        let number = i + 1;
        if number >= again_line {
            break;
        }
        if is_table {
            if line.trim_end() == format!("[{name}]") {
                found = Some(number);
            }
        } else if line.starts_with('[') {
            section_start = number;
            found = None;
        } else if number >= section_start
            && let Some((key, _)) = line.split_once('=')
            && key.trim() == name
        {
            found = found.or(Some(number));
        }
    }
    found
}

/// A hint for a value written as a spreadsheet or a Hungarian text would write it: a decimal comma
/// (`base_rate = 9,5`) or a Hungarian date (`2020.03.02.`).
fn value_hint(line: &str) -> Option<String> {
    let (key, value) = line.split_once('=')?;
    let value = value.split('#').next().unwrap_or("").trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((int, frac)) = value.strip_prefix('-').unwrap_or(value).split_once(',')
        && digits(int)
        && digits(frac)
    {
        return Some(format!(
            "TOML numbers take a decimal point, not a comma: write `{} = {}`",
            key.trim(),
            value.replacen(',', ".", 1)
        ));
    }
    let parts: Vec<&str> = value.trim_end_matches('.').split('.').collect();
    if let [y, m, d] = parts[..]
        && y.len() == 4
        && digits(y)
        && (1..=2).contains(&m.len())
        && digits(m)
        && (1..=2).contains(&d.len())
        && digits(d)
    {
        return Some(format!(
            "write dates year-month-day with hyphens: `{} = {y}-{m:0>2}-{d:0>2}`",
            key.trim()
        ));
    }
    None
}
