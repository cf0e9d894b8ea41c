//! The TOML reader's messages in plain words: "invalid type: floating point `1.5`, expected u32"
//! becomes "must be a whole number from 0 to 4294967295, got 1.5"; no Rust type names reach a person.

/// What a Rust type the mirror uses means to a person writing the scenario.
fn expected_in_words(expected: &str) -> String {
    let whole = |max: &str| format!("a whole number from 0 to {max}");
    match expected.trim() {
        "u8" => whole("255"),
        "u16" => whole("65535"),
        "u32" => whole("4294967295"),
        "u64" | "usize" => whole("18446744073709551615"),
        "i8" | "i16" | "i32" | "i64" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" | "bool" => "true or false".into(),
        "a string" | "a borrowed string" | "string" | "char" => "text in quotes".into(),
        "a sequence" | "a tuple of size 2" => "a list in brackets, e.g. [1, 2]".into(),
        "option" | "unit" => "a value".into(),
        e if e.starts_with("struct ") || e.starts_with("a map") || e == "map" => {
            "a table (a [section] or { key = value, ... })".into()
        }
        e if e.starts_with("tuple") => "a list in brackets, e.g. [1, 2]".into(),
        e => e.trim_matches('`').to_string(),
    }
}

/// The value a message quotes, as written: "integer `3`" → "3", "string \"two\"" → "\"two\"".
fn got_in_words(got: &str) -> String {
    let got = got.trim();
    let got = got.split_once(" as ").map_or(got, |(value, _)| value);
    for prefix in ["integer ", "floating point ", "boolean ", "string ", "character "] {
        if let Some(rest) = got.strip_prefix(prefix) {
            return rest.trim_matches('`').to_string();
        }
    }
    match got {
        "map" => "a table".into(),
        "sequence" => "a list".into(),
        other => other.to_string(),
    }
}

/// A serde message of the TOML reader in plain words (unchanged when it is already plain).
pub(super) fn plain(message: &str) -> String {
    for kind in ["invalid type: ", "invalid value: ", "invalid length "] {
        if let Some(rest) = message.strip_prefix(kind)
            && let Some((got, expected)) = rest.rsplit_once(", expected ")
        {
            let expected = expected_in_words(expected);
            let got = got_in_words(got);
            return format!("must be {expected}, got {got}");
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("the key {rest} is missing");
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn no_rust_type_names() {
        let cases = [
            (
                "invalid type: floating point `1.5`, expected u32",
                "must be a whole number from 0 to 4294967295, got 1.5",
            ),
            (
                "invalid value: integer `-2`, expected u32",
                "must be a whole number from 0 to 4294967295, got -2",
            ),
            (
                "invalid type: integer `18446744073709551616` as i128, expected u64",
                "must be a whole number from 0 to 18446744073709551615, got 18446744073709551616",
            ),
            (
                "invalid type: integer `3`, expected struct RawBus",
                "must be a table (a [section] or { key = value, ... }), got 3",
            ),
            (
                "invalid type: string \"two\", expected u32",
                "must be a whole number from 0 to 4294967295, got \"two\"",
            ),
            ("missing field `dwell_hours`", "the key `dwell_hours` is missing"),
        ];
        for (serde, words) in cases {
            assert_eq!(plain(serde), words);
        }
    }
}
