//! The one number formatter: a value rounded to some decimals, in a style — a language's
//! separators for people, or the plain digits of a CSV cell.

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NumberStyle {
    /// Between groups of three digits of the integer part.
    pub group_separator: &'static str,
    /// Between the integer and the fraction.
    pub decimal_separator: &'static str,
    /// Integer parts with fewer digits are not grouped.
    pub min_digits_to_group: usize,
    /// Written before a negative number.
    pub minus: &'static str,
    /// Written for NaN and the infinities.
    pub not_finite: &'static str,
    /// True: a negative value that rounds to zero keeps its sign ("-0.0000", as Rust prints it).
    pub signed_zero: bool,
}

/// A figure in a CSV file: plain digits, `.` decimal point, empty when not finite, sign kept on a
/// rounded zero (as `format!("{x:.4}")` writes it).
pub(super) const CSV_NUMBER: NumberStyle = NumberStyle {
    group_separator: "",
    decimal_separator: ".",
    min_digits_to_group: usize::MAX,
    minus: "-",
    not_finite: "",
    signed_zero: true,
};

/// [`CSV_NUMBER`] without the sign of a rounded zero (a difference of −1e-13 is written "0.000000").
pub(super) const CSV_NUMBER_SIGNLESS_ZERO: NumberStyle = NumberStyle {
    signed_zero: false,
    ..CSV_NUMBER
};

/// Decimal places of figures in CSV files (counts are means over replications, so not integers).
pub(super) const CSV_DECIMALS: usize = 4;

/// `value` rounded to `decimals`, written in `style`.
pub(super) fn format_number(value: f64, decimals: usize, style: &NumberStyle) -> String {
    if !value.is_finite() {
        return style.not_finite.to_string();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::new();
    let nonzero = text.chars().any(|c| c.is_ascii_digit() && c != '0');
    if value.is_sign_negative() && (style.signed_zero || nonzero) {
        out.push_str(style.minus);
    }
    out.push_str(&group_digits(
        int_part,
        style.group_separator,
        style.min_digits_to_group,
    ));
    if let Some(frac) = frac_part {
        out.push_str(style.decimal_separator);
        out.push_str(frac);
    }
    out
}

/// A CSV cell of `value` with [`CSV_DECIMALS`] decimals (empty when not finite).
pub(super) fn csv_cell(value: f64) -> String {
    format_number(value, CSV_DECIMALS, &CSV_NUMBER)
}

fn group_digits(digits: &str, sep: &str, min_digits: usize) -> String {
    if digits.len() < min_digits {
        return digits.to_string();
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_what_format_writes() {
        for x in [
            0.0,
            -0.0,
            1.23456,
            -1.23456,
            -1e-13,
            12345.678,
            -98765.4321,
            0.00005,
            -0.00005,
        ] {
            assert_eq!(csv_cell(x), format!("{x:.4}"), "{x}");
        }
        assert_eq!(csv_cell(f64::NAN), "");
        assert_eq!(csv_cell(f64::NEG_INFINITY), "");
    }

    #[test]
    fn a_signless_zero_drops_the_sign_of_a_rounded_zero_only() {
        let style = CSV_NUMBER_SIGNLESS_ZERO;
        assert_eq!(format_number(-1e-13, 6, &style), "0.000000");
        assert_eq!(format_number(-0.5, 6, &style), "-0.500000");
    }
}
