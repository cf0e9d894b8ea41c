//! CSV text: the one helper every CSV renderer writes through, with the report's error type.

/// Errors while rendering a table (the csv crate writing into memory).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("could not render {table}: {message}")]
pub struct RenderError {
    pub table: &'static str,
    pub message: String,
}

/// Builds a CSV table in memory; errors name the table.
pub fn csv_table(
    table: &'static str,
    build: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>,
) -> Result<String, RenderError> {
    let error = |message: String| RenderError { table, message };
    let mut writer = csv::Writer::from_writer(Vec::new());
    build(&mut writer).map_err(|e| error(e.to_string()))?;
    let bytes = writer.into_inner().map_err(|e| error(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| error(e.to_string()))
}

/// A CSV table of `header` and `rows` (through [`csv_table`]).
pub fn csv_rows<R: AsRef<[String]>>(
    table: &'static str,
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> Result<String, RenderError> {
    csv_table(table, |w| {
        w.write_record(header)?;
        for row in rows {
            w.write_record(row.as_ref())?;
        }
        Ok(())
    })
}
