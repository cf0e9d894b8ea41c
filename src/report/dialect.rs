//! CSV dialects: the RFC 4180 text every CSV renderer writes, rewritten for the spreadsheet that opens it.

use super::csv::RenderError;

/// UTF-8 byte-order mark: tells Excel the file is UTF-8 (without it, Hungarian Excel reads Windows-1250).
pub const UTF8_BOM: &str = "\u{feff}";

/// How a CSV file is written (`--csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvDialect {
    /// RFC 4180: `,` between fields, `.` decimal point, LF line ends, no byte-order mark (for scripts).
    #[default]
    Rfc4180,
    /// What Hungarian Excel opens with a double-click: `;` between fields, decimal comma, UTF-8 with a
    /// byte-order mark, CRLF line ends.
    ExcelHu,
}

/// True for a plain decimal number as the CSV renderers write it (`-12.5`, `3`, `0.0400`): digits with
/// an optional sign and one decimal point, nothing else (dates, clock times and names are not).
fn is_decimal(field: &str) -> bool {
    let digits = field.strip_prefix('-').unwrap_or(field);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// Rewrites `text` (RFC 4180, as rendered) in `dialect`; `table` names it in an error.
pub fn apply_dialect(dialect: CsvDialect, table: &str, text: &str) -> Result<Vec<u8>, RenderError> {
    match dialect {
        CsvDialect::Rfc4180 => Ok(text.as_bytes().to_vec()),
        CsvDialect::ExcelHu => excel_hu(text).map_err(|e| RenderError {
            table: "a CSV file in the excel-hu dialect",
            message: format!("{table}: {e}"),
        }),
    }
}

fn excel_hu(text: &str) -> csv::Result<Vec<u8>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(UTF8_BOM.as_bytes().to_vec());
    for record in reader.records() {
        let record = record?;
        let fields = record.iter().map(|f| {
            if is_decimal(f) {
                f.replacen('.', ",", 1)
            } else {
                f.to_string()
            }
        });
        writer.write_record(fields)?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_hu_has_a_bom_semicolons_decimal_commas_and_crlf() {
        let text = "stop,date,start,settlement,wait_mean_min\n1,2020-03-02,08:00,\"Kiskunhalas, Fő tér\",-12.5000\n";
        let bytes = apply_dialect(CsvDialect::ExcelHu, "stops.csv", text).unwrap();
        let out = String::from_utf8(bytes).unwrap();
        assert_eq!(
            out,
            "\u{feff}stop;date;start;settlement;wait_mean_min\r\n1;2020-03-02;08:00;Kiskunhalas, Fő tér;-12,5000\r\n"
        );
        assert_eq!(apply_dialect(CsvDialect::Rfc4180, "x", text).unwrap(), text.as_bytes());
    }

    #[test]
    fn only_plain_decimals_get_a_comma() {
        for yes in ["0.5", "-3.25", "17"] {
            assert!(is_decimal(yes), "{yes}");
        }
        for no in ["", "-", ".5", "5.", "1.2.3", "2020-03-02", "08:00", "1e5", "Kecel"] {
            assert!(!is_decimal(no), "{no}");
        }
    }
}
