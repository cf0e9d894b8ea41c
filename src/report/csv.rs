//! CSV text: the one helper every CSV renderer writes through, with the report's error type.

use super::lang::{FillError, Label, Lang};

/// Errors while rendering a table (the csv crate writing into memory).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("could not render {table}: {message}")]
pub struct RenderError {
    pub table: &'static str,
    pub message: String,
}

impl From<FillError> for RenderError {
    fn from(error: FillError) -> Self {
        RenderError {
            table: "a text of the label table",
            message: error.to_string(),
        }
    }
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

/// One CSV column: its machine name (the English header, as scripts read it) and the label of its
/// readable title (the Hungarian header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Machine name: the English header, or the stem of `<name>_mean` and `<name>_ci95`.
    pub name: &'static str,
    /// The readable title, from the label table.
    pub label: Label,
}

/// Which figure of a column's quantity the column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The quantity itself.
    Whole,
    /// The mean over replications (`_mean`).
    Mean,
    /// The 95 % confidence half-width of the mean (`_ci95`).
    Ci95,
    /// The lower limit of the 95 % interval (`_ci95_low`).
    Ci95Low,
    /// The upper limit of the 95 % interval (`_ci95_high`).
    Ci95High,
    /// The mean paired difference to the first season (`diff_…_mean`).
    DiffMean,
    /// The 95 % half-width of that difference (`diff_…_ci95`).
    DiffCi95,
    /// One season's 5th percentile over replications (`_p05`).
    P05,
    /// One season's 95th percentile over replications (`_p95`).
    P95,
}

impl Part {
    /// Every part, for tests that render every header.
    pub const ALL: [Part; 9] = [
        Part::Whole,
        Part::Mean,
        Part::Ci95,
        Part::Ci95Low,
        Part::Ci95High,
        Part::DiffMean,
        Part::DiffCi95,
        Part::P05,
        Part::P95,
    ];

    /// The part's words in the Hungarian title (none for the whole quantity).
    fn label(self) -> Option<Label> {
        match self {
            Part::Whole => None,
            Part::Mean => Some(Label::CsvMean),
            Part::Ci95 => Some(Label::CsvCi95),
            Part::Ci95Low => Some(Label::CsvCi95Low),
            Part::Ci95High => Some(Label::CsvCi95High),
            Part::DiffMean => Some(Label::CsvDiffMean),
            Part::DiffCi95 => Some(Label::CsvDiffCi95),
            Part::P05 => Some(Label::CsvP05),
            Part::P95 => Some(Label::CsvP95),
        }
    }
}

impl Column {
    /// The column named `name` (English header), titled `label` (Hungarian header).
    pub const fn new(name: &'static str, label: Label) -> Self {
        Self { name, label }
    }

    /// The header of `part` of this column in `lang`: English `name`, `name_mean`, `diff_name_ci95`…;
    /// Hungarian "Title", "Title (átlag)", "Title (eltérés az elsőtől, 95%-os fél szélesség)"….
    pub fn header(self, lang: Lang, part: Part) -> String {
        let name = self.name;
        match lang {
            Lang::En => match part {
                Part::Whole => name.to_string(),
                Part::Mean => format!("{name}_mean"),
                Part::Ci95 => format!("{name}_ci95"),
                Part::Ci95Low => format!("{name}_ci95_low"),
                Part::Ci95High => format!("{name}_ci95_high"),
                Part::DiffMean => format!("diff_{name}_mean"),
                Part::DiffCi95 => format!("diff_{name}_ci95"),
                Part::P05 => format!("{name}_p05"),
                Part::P95 => format!("{name}_p95"),
            },
            Lang::Hu => {
                let title = self.label.text(lang);
                part.label()
                    .map_or_else(|| title.to_string(), |words| format!("{title} ({})", words.text(lang)))
            }
        }
    }
}

/// The headers of whole columns in `lang`.
pub fn headers(lang: Lang, columns: &[Column]) -> Vec<String> {
    columns.iter().map(|c| c.header(lang, Part::Whole)).collect()
}

/// The headers of every column's `parts` in `lang`, column by column.
pub fn part_headers(lang: Lang, columns: impl IntoIterator<Item = Column>, parts: &[Part]) -> Vec<String> {
    columns
        .into_iter()
        .flat_map(|c| parts.iter().map(move |&p| c.header(lang, p)))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::experiment::{GroupMetric, StopMetric};
    use crate::report::metric_labels::MetricColumn;
    use crate::report::{calibration, compare, crew, itinerary, staffing, tables};

    /// Every CSV file's whole columns, and its columns written as mean and half-width.
    fn files() -> Vec<(&'static str, Vec<Column>, Vec<Column>)> {
        let stop_metrics: Vec<Column> = StopMetric::ALL.iter().map(|m| m.column()).collect();
        let group_metrics: Vec<Column> = GroupMetric::ALL.iter().map(|m| m.column()).collect();
        let with_pooled = |metrics: &[Column]| [metrics, &tables::POOLED_COLUMNS[..]].concat();
        vec![
            ("stops.csv", tables::STOP_COLUMNS.to_vec(), with_pooled(&stop_metrics)),
            (
                "season.csv",
                tables::SEASON_COLUMNS.to_vec(),
                with_pooled(&group_metrics),
            ),
            (
                "staffing.csv",
                [&staffing::STAFFING_COLUMNS[..], &staffing::STAFFING_TAIL_COLUMNS[..]].concat(),
                Vec::new(),
            ),
            (
                "compare.csv",
                [
                    &compare::COMPARE_COLUMNS[..],
                    &[compare::CLERK_HOURS_PER_SERVED],
                    &compare::COST_COLUMNS[..],
                ]
                .concat(),
                [&group_metrics[..], &[compare::SHARE_WITHIN_TARGET]].concat(),
            ),
            ("bus_days.csv", crew::BUS_DAY_COLUMNS.to_vec(), Vec::new()),
            ("itinerary.csv", itinerary::ITINERARY_COLUMNS.to_vec(), Vec::new()),
            ("unplaced.csv", itinerary::UNPLACED_COLUMNS.to_vec(), Vec::new()),
            ("calibration.csv", calibration::TOTALS_COLUMNS.to_vec(), Vec::new()),
            (
                "calibration.csv (log)",
                calibration::STOP_LOG_COLUMNS.to_vec(),
                Vec::new(),
            ),
            ("sensitivity.csv", calibration::SENSITIVITY_COLUMNS.to_vec(), Vec::new()),
            ("backtest.csv", calibration::BACKTEST_COLUMNS.to_vec(), Vec::new()),
        ]
    }

    #[test]
    fn every_csv_column_has_a_header_in_both_languages() {
        for (file, whole, estimated) in files() {
            for lang in Lang::ALL {
                let mut all = headers(lang, &whole);
                all.extend(part_headers(
                    lang,
                    estimated.iter().copied(),
                    &[Part::Mean, Part::Ci95, Part::DiffMean, Part::DiffCi95],
                ));
                let distinct: BTreeSet<&String> = all.iter().collect();
                assert_eq!(distinct.len(), all.len(), "{file} {lang}: a header repeats: {all:?}");
                for header in &all {
                    assert!(!header.trim().is_empty(), "{file} {lang}: empty header");
                    if lang == Lang::Hu {
                        assert!(!header.contains('_'), "{file}: machine name {header:?} in Hungarian");
                    } else {
                        assert!(header.is_ascii() && !header.contains(' '), "{file}: {header:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn english_headers_are_machine_names_and_hungarian_ones_readable_titles() {
        let column = Column::new("served", Label::ColServed);
        assert_eq!(column.header(Lang::En, Part::Mean), "served_mean");
        assert_eq!(column.header(Lang::En, Part::DiffCi95), "diff_served_ci95");
        assert_eq!(column.header(Lang::Hu, Part::Whole), "Kiszolgált ügyfelek");
        assert_eq!(column.header(Lang::Hu, Part::Mean), "Kiszolgált ügyfelek (átlag)");
        assert_eq!(
            column.header(Lang::Hu, Part::Ci95),
            "Kiszolgált ügyfelek (az átlag pontossága, 95%-os fél szélesség)"
        );
        assert_eq!(column.header(Lang::En, Part::P05), "served_p05");
        assert_eq!(
            column.header(Lang::Hu, Part::P95),
            "Kiszolgált ügyfelek (egy szezon tartománya, 95. percentilis)"
        );
    }
}
