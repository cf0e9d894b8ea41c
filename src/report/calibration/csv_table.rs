//! Writing a CSV table into a string, with the report's error type.

use crate::report::RenderError;

/// Renders `header` and `rows` as CSV; `table` names the file in errors.
pub fn csv_text(table: &'static str, header: &[&str], rows: &[Vec<String>]) -> Result<String, RenderError> {
    let err = |message: String| RenderError { table, message };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(|e| err(e.to_string()))?;
    for row in rows {
        w.write_record(row).map_err(|e| err(e.to_string()))?;
    }
    let bytes = w.into_inner().map_err(|e| err(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| err(e.to_string()))
}
