//! The workbook (`.xlsx`) beside a command's CSV files: a first sheet saying what the run was, then
//! one sheet per CSV table with numbers, dates and clock times as real cells (not text).

use jiff::civil::Date;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::csv::RenderError;
use super::dialect::{CsvDialect, apply_dialect};
use super::lang::{Label, Lang};
use super::writer::OutputFile;

/// The workbook's creation date in its document properties. A workbook records when it was made;
/// a fixed date keeps the file byte-identical for the same scenario and seed (the file's own
/// modification time says when it was written).
const CREATED: (u16, u8, u8) = (2000, 1, 1);
/// Narrowest and widest column, in Excel's character widths: a header wraps rather than widen its
/// column past the widest, and a short figure keeps a column wide enough to read.
const MIN_COLUMN_WIDTH: f64 = 8.0;
const MAX_COLUMN_WIDTH: f64 = 28.0;
/// Width of the first sheet's label and value columns (characters).
const ABOUT_LABEL_WIDTH: f64 = 28.0;
const ABOUT_VALUE_WIDTH: f64 = 100.0;
/// Excel limits a sheet name to 31 characters.
const MAX_SHEET_NAME: usize = 31;
/// Number formats: shares as percentages with one decimal, other figures with one decimal, counts whole.
const PERCENT_FORMAT: &str = "0.0 %";
const DECIMAL_FORMAT: &str = "0.0";
const WHOLE_FORMAT: &str = "0";
const DATE_FORMAT: &str = "yyyy-mm-dd";
const CLOCK_FORMAT: &str = "hh:mm";

/// What the run was, for the first sheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunAbout {
    /// The command, e.g. `run`, `calibrate --log`.
    pub command: String,
    /// The scenario (or stop log) the results are of: its name or file.
    pub source: String,
    /// Seed of all random numbers, when the command simulates.
    pub seed: Option<u64>,
    /// Replications (simulated seasons) behind every mean, when the command simulates.
    pub replications: Option<u32>,
    /// Digest of the resolved scenario, when there is one.
    pub digest: Option<String>,
    /// First and last day of the season, when there is one.
    pub season: Option<(Date, Date)>,
}

/// The first sheet's rows: English and Hungarian label of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AboutText {
    Sheet,
    Command,
    Source,
    Seed,
    Replications,
    Digest,
    Season,
    RunDate,
    RunDateValue,
    PlusMinus,
    PlusMinusValue,
    Range,
    RangeValue,
    Tables,
    TooLong,
    TooLongValue,
}

impl AboutText {
    fn text(self, lang: Lang) -> &'static str {
        let (en, hu) = match self {
            AboutText::Sheet => ("about", "a futásról"),
            AboutText::Command => ("Command", "Parancs"),
            AboutText::Source => ("Scenario or input", "Forgatókönyv vagy bemenet"),
            AboutText::Seed => ("Seed", "Véletlenmag"),
            AboutText::Replications => ("Replications (simulated seasons)", "Ismétlések (szimulált szezonok)"),
            AboutText::Digest => ("Scenario digest", "A forgatókönyv ujjlenyomata"),
            AboutText::Season => ("Season", "Szezon"),
            AboutText::RunDate => ("Date of the run", "A futás dátuma"),
            AboutText::RunDateValue => (
                "not recorded, so that the same scenario and seed give the same file byte for byte (the file's \
                 modification time says when it was written; the creation date in its properties is fixed to 2000-01-01)",
                "nincs rögzítve, hogy ugyanaz a forgatókönyv és véletlenmag bájtra azonos fájlt adjon (a fájl \
                 módosítási ideje mutatja, mikor készült; a tulajdonságaiban a létrehozás dátuma rögzítetten 2000-01-01)",
            ),
            AboutText::PlusMinus => ("mean ± ci95", "átlag ± pontosság"),
            AboutText::PlusMinusValue => (
                "the mean over the simulated seasons and the 95 % confidence half-width of that mean: how precisely \
                 the simulation estimated it (more replications make it narrower)",
                "a szimulált szezonok átlaga és az átlag 95%-os konfidencia-félszélessége: milyen pontosan becsülte \
                 a szimuláció (több ismétlés szűkíti)",
            ),
            AboutText::Range => ("p05 – p95", "5. – 95. percentilis"),
            AboutText::RangeValue => (
                "one season's range: 5 % of the simulated seasons fell below the first figure and 5 % above the \
                 second (more replications do not make it narrower)",
                "egy szezon tartománya: a szimulált szezonok 5%-a az első érték alatt, 5%-a a második fölött \
                 maradt (több ismétlés nem szűkíti)",
            ),
            AboutText::Tables => ("Sheets", "Munkalapok"),
            AboutText::TooLong => ("Not in the workbook", "Nincs a munkafüzetben"),
            AboutText::TooLongValue => (
                "more rows than a sheet holds (1,048,576); the CSV file beside this workbook has every row",
                "több sora van, mint amennyit egy munkalap elbír (1 048 576); a munkafüzet melletti CSV-fájlban \
                 minden sor megvan",
            ),
        };
        match lang {
            Lang::En => en,
            Lang::Hu => hu,
        }
    }
}

/// One table for the workbook: its file name (the sheet is named after its stem) and its CSV text
/// (RFC 4180, headers in the run's language).
#[derive(Debug, Clone, Copy)]
pub struct SheetSource<'a> {
    pub file: &'a str,
    pub csv: &'a str,
}

/// The workbook of `tables`, after a first sheet describing the run, with headers and texts in `lang`.
pub fn render_workbook(lang: Lang, about: &RunAbout, tables: &[SheetSource<'_>]) -> Result<Vec<u8>, RenderError> {
    build(lang, about, tables).map_err(|e| RenderError {
        table: "the workbook",
        message: e.to_string(),
    })
}

fn build(lang: Lang, about: &RunAbout, tables: &[SheetSource<'_>]) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let mut workbook = Workbook::new();
    let (y, m, d) = CREATED;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?));
    let (fitting, too_long): (Vec<&SheetSource>, Vec<&SheetSource>) = tables.iter().partition(|t| fits_a_sheet(t.csv));
    let names: Vec<String> = fitting.iter().map(|t| sheet_name(t.file, lang)).collect();
    let left_out: Vec<&str> = too_long.iter().map(|t| t.file).collect();
    about_sheet(workbook.add_worksheet(), lang, about, &names, &left_out)?;
    for (table, name) in fitting.iter().zip(&names) {
        if table.csv.lines().nth(LONG_SHEET_ROWS).is_some() {
            let sheet = workbook.add_worksheet_with_constant_memory()?;
            sheet.set_name(name)?;
            long_table_sheet(sheet, table.csv)?;
        } else {
            let sheet = workbook.add_worksheet();
            sheet.set_name(name)?;
            table_sheet(sheet, table.csv)?;
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// Rows a worksheet holds, the header row included (Excel's limit, 2^20).
const SHEET_ROWS: usize = 1_048_576;
/// Rows from which a sheet is written in rust_xlsxwriter's constant-memory mode, a row at a time
/// through a temporary file: a standard sheet keeps every cell in memory (about 100 bytes a cell,
/// measured: `run --per-replication` of the 2020 plan at 1,000 replications peaked at 669 MB), so
/// `replication_stops.csv` would grow the run's memory with its replications.
const LONG_SHEET_ROWS: usize = 10_000;

/// Whether the CSV table `csv` (one record a line: the commands' tables have no line breaks inside
/// a field) fits one worksheet.
fn fits_a_sheet(csv: &str) -> bool {
    csv.lines().nth(SHEET_ROWS).is_none()
}

/// The sheet of table `file` in `lang`: its title for the tables the commands write (`stops.csv` →
/// `stops` / `megállók`), else the file's stem; cut to Excel's limit.
fn sheet_name(file: &str, lang: Lang) -> String {
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let title = SHEET_TITLES
        .iter()
        .find(|(s, ..)| *s == stem)
        .map_or(stem, |(_, en, hu)| match lang {
            Lang::En => en,
            Lang::Hu => hu,
        });
    if let Some(stop) = stem.strip_prefix(super::per_replication::TRACE_STEM) {
        return match lang {
            Lang::En => format!("trace of stop {stop}"),
            Lang::Hu => format!("{stop}. megálló napja"),
        };
    }
    title.chars().take(MAX_SHEET_NAME).collect()
}

/// The sheet titles of the commands' tables: file stem, English, Hungarian (at most 31 characters,
/// none of `[]:*?/\\`, as Excel requires).
const SHEET_TITLES: [(&str, &str, &str); 17] = [
    ("stops", "stops", "megállók"),
    ("season", "season", "szezon"),
    ("staffing", "staffing", "létszám"),
    ("bus_days", "bus-days", "buszos napok"),
    ("itinerary", "itinerary", "menetrend"),
    ("unplaced", "unplaced visits", "be nem osztott látogatások"),
    ("calibration", "calibration", "kalibráció"),
    ("sensitivity", "sensitivity", "érzékenység"),
    ("backtest", "back-test", "visszamérés"),
    ("compare", "comparison", "összehasonlítás"),
    ("policies", "dwell policies", "tartózkodási szabályok"),
    ("sweep", "sweep", "paraméterrács"),
    ("optimise", "optimised plan", "optimalizált terv"),
    ("replications", "replications", "ismétlések"),
    ("replication_stops", "replications by stop", "ismétlések megállónként"),
    (
        "parameter_uncertainty",
        "parameter uncertainty",
        "paraméter-bizonytalanság",
    ),
    (
        "dwells-demand-driven-stops",
        "demand-driven dwells",
        "igény szerinti tartózkodás",
    ),
];

fn about_sheet(
    sheet: &mut Worksheet,
    lang: Lang,
    about: &RunAbout,
    sheets: &[String],
    left_out: &[&str],
) -> Result<(), XlsxError> {
    sheet.set_name(AboutText::Sheet.text(lang))?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let mut rows: Vec<(AboutText, String)> = vec![
        (AboutText::Command, format!("ablakbusz {}", about.command)),
        (AboutText::Source, about.source.clone()),
    ];
    rows.extend(about.seed.map(|s| (AboutText::Seed, s.to_string())));
    rows.extend(about.replications.map(|r| (AboutText::Replications, r.to_string())));
    rows.extend(about.digest.clone().map(|d| (AboutText::Digest, d)));
    rows.extend(
        about
            .season
            .map(|(first, last)| (AboutText::Season, format!("{first} – {last}"))),
    );
    rows.push((AboutText::RunDate, AboutText::RunDateValue.text(lang).to_string()));
    rows.push((AboutText::PlusMinus, AboutText::PlusMinusValue.text(lang).to_string()));
    rows.push((AboutText::Range, AboutText::RangeValue.text(lang).to_string()));
    rows.push((AboutText::Tables, sheets.join(", ")));
    if !left_out.is_empty() {
        let files = left_out.join(", ");
        rows.push((
            AboutText::TooLong,
            format!("{files}: {}", AboutText::TooLongValue.text(lang)),
        ));
    }
    for (row, (label, value)) in rows.iter().enumerate() {
        let row = row as u32;
        sheet.write_string_with_format(row, 0, label.text(lang), &bold)?;
        // Whole numbers (seed, replications) as numbers; a seed above 2^53 stays text to keep every digit.
        match value.parse::<u64>() {
            Ok(n) if n < (1 << 53) => sheet.write_number(row, 1, n as f64)?,
            _ => sheet.write_string_with_format(row, 1, value, &wrap)?,
        };
    }
    sheet.set_column_width(0, ABOUT_LABEL_WIDTH)?;
    sheet.set_column_width(1, ABOUT_VALUE_WIDTH)?;
    Ok(())
}

/// What a CSV cell holds, as the workbook writes it.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Number(f64),
    Date(Date),
    /// A clock time (`08:30`), minutes after midnight.
    Clock(u16, u8),
    Text(String),
}

impl Cell {
    fn of(field: &str) -> Cell {
        if field.is_empty() {
            return Cell::Empty;
        }
        if let Some(number) = plain_number(field) {
            return Cell::Number(number);
        }
        if field.len() == 10
            && let Ok(date) = field.parse::<Date>()
        {
            return Cell::Date(date);
        }
        if let Some((h, m)) = field.split_once(':')
            && h.len() == 2
            && m.len() == 2
            && let (Ok(h), Ok(m)) = (h.parse::<u16>(), m.parse::<u8>())
            && h < 24
            && m < 60
        {
            return Cell::Clock(h, m);
        }
        Cell::Text(field.to_string())
    }
}

/// A number as the CSV renderers write it (digits, an optional sign and decimal point), else None
/// (so that a settlement or a stop id such as `1e5` stays text).
fn plain_number(field: &str) -> Option<f64> {
    let digits = field.strip_prefix('-').unwrap_or(field);
    let ok = !digits.is_empty()
        && !digits.starts_with('.')
        && !digits.ends_with('.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if ok { field.parse().ok() } else { None }
}

/// The Hungarian titles of share columns that do not say "arány".
const SHARE_TITLES: [Label; 3] = [Label::ColWithinTarget, Label::RowLostShare, Label::CsvDelayedShare];

/// True when a header names a share (a fraction shown as a percentage): "share" in the English
/// machine names; "arány" or a share column's title in the Hungarian ones.
fn is_share(header: &str) -> bool {
    let lower = header.to_lowercase();
    lower.contains("share")
        || lower.contains("arány")
        || SHARE_TITLES.iter().any(|l| header.starts_with(l.text(Lang::Hu)))
}

/// How a table's column is set: its number format and width.
struct ColumnStyle {
    number: Format,
    width: f64,
}

impl ColumnStyle {
    /// The style of the column titled `title` whose cells are all whole numbers or not numbers
    /// (`whole`) and whose widest text or date is `widest` characters.
    fn new(title: &str, whole: bool, widest: usize) -> Self {
        let number = Format::new().set_num_format(if is_share(title) {
            PERCENT_FORMAT
        } else if whole {
            WHOLE_FORMAT
        } else {
            DECIMAL_FORMAT
        });
        let width = (widest.max(title.chars().count()) as f64 + 1.0).clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
        Self { number, width }
    }
}

impl Cell {
    /// Characters the cell needs in its column (numbers and clock times fit any column).
    fn width(&self) -> usize {
        match self {
            Cell::Text(t) => t.chars().count(),
            Cell::Date(_) => DATE_FORMAT.len(),
            _ => 0,
        }
    }

    /// Whether the cell keeps its column's numbers whole.
    fn is_whole(&self) -> bool {
        !matches!(self, Cell::Number(x) if x.fract() != 0.0)
    }
}

/// The formats of a table's cells: numbers per column, dates and clock times.
struct CellFormats {
    date: Format,
    clock: Format,
}

impl CellFormats {
    fn new() -> Self {
        Self {
            date: Format::new().set_num_format(DATE_FORMAT),
            clock: Format::new().set_num_format(CLOCK_FORMAT),
        }
    }

    /// Writes `cell` at (`row`, `col`) with the column's number format `number`.
    fn write(&self, sheet: &mut Worksheet, row: u32, col: u16, cell: &Cell, number: &Format) -> Result<(), XlsxError> {
        match cell {
            Cell::Empty => {}
            Cell::Number(x) => {
                sheet.write_number_with_format(row, col, *x, number)?;
            }
            Cell::Date(d) => {
                let day = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                sheet.write_datetime_with_format(row, col, &day, &self.date)?;
            }
            Cell::Clock(h, m) => {
                sheet.write_datetime_with_format(row, col, &ExcelDateTime::from_hms(*h, *m, 0)?, &self.clock)?;
            }
            Cell::Text(t) => {
                sheet.write_string(row, col, t)?;
            }
        }
        Ok(())
    }
}

/// The CSV text's records, the header first.
fn csv_records(csv_text: &str) -> csv::StringRecordsIntoIter<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes())
        .into_records()
}

/// A table's sheet, column by column (the order that fixes the shared strings, so the same table
/// gives the same bytes as it always has).
fn table_sheet(sheet: &mut Worksheet, csv_text: &str) -> Result<(), Box<dyn std::error::Error>> {
    let mut records = csv_records(csv_text);
    let header: Vec<String> = match records.next() {
        Some(h) => h?.iter().map(str::to_string).collect(),
        None => return Ok(()),
    };
    let rows: Vec<Vec<Cell>> = records
        .map(|r| r.map(|r| r.iter().map(Cell::of).collect()))
        .collect::<Result<_, _>>()?;
    let heading = Format::new().set_bold().set_text_wrap();
    let formats = CellFormats::new();
    for (col, title) in header.iter().enumerate() {
        let col = u16::try_from(col)?;
        sheet.write_string_with_format(0, col, title, &heading)?;
        let cells = rows.iter().filter_map(|r| r.get(usize::from(col)));
        let whole = cells.clone().all(Cell::is_whole);
        let style = ColumnStyle::new(title, whole, cells.map(Cell::width).max().unwrap_or(0));
        sheet.set_column_width(col, style.width)?;
        for (i, row) in rows.iter().enumerate() {
            let r = u32::try_from(i + 1)?;
            formats.write(
                sheet,
                r,
                col,
                row.get(usize::from(col)).unwrap_or(&Cell::Empty),
                &style.number,
            )?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A long table's sheet in constant-memory mode: the columns' styles from a first pass over the
/// CSV text, then the cells a row at a time (the order that mode needs), nothing held but one row.
fn long_table_sheet(sheet: &mut Worksheet, csv_text: &str) -> Result<(), Box<dyn std::error::Error>> {
    let mut records = csv_records(csv_text);
    let header: Vec<String> = match records.next() {
        Some(h) => h?.iter().map(str::to_string).collect(),
        None => return Ok(()),
    };
    let (mut whole, mut widest) = (vec![true; header.len()], vec![0; header.len()]);
    for record in records {
        for (col, field) in record?.iter().enumerate().take(header.len()) {
            let cell = Cell::of(field);
            whole[col] &= cell.is_whole();
            widest[col] = widest[col].max(cell.width());
        }
    }
    let styles: Vec<ColumnStyle> = header
        .iter()
        .zip(whole.iter().zip(&widest))
        .map(|(title, (&whole, &widest))| ColumnStyle::new(title, whole, widest))
        .collect();
    let heading = Format::new().set_bold().set_text_wrap();
    for (col, (title, style)) in header.iter().zip(&styles).enumerate() {
        let col = u16::try_from(col)?;
        sheet.set_column_width(col, style.width)?;
        sheet.write_string_with_format(0, col, title, &heading)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let formats = CellFormats::new();
    for (i, record) in csv_records(csv_text).skip(1).enumerate() {
        let r = u32::try_from(i + 1)?;
        for (col, (field, style)) in record?.iter().zip(&styles).enumerate() {
            formats.write(sheet, r, u16::try_from(col)?, &Cell::of(field), &style.number)?;
        }
    }
    Ok(())
}

/// File name of the workbook every command that writes tables adds.
pub const WORKBOOK_FILE: &str = "workbook.xlsx";

/// A command's files as written: the CSV tables (rendered RFC 4180) rewritten in `dialect`, and,
/// when there is a table, the workbook of all of them (in their order) added after the other files.
pub fn finish_tables(
    mut files: Vec<OutputFile>,
    lang: Lang,
    dialect: CsvDialect,
    about: &RunAbout,
) -> Result<Vec<OutputFile>, RenderError> {
    let tables: Vec<usize> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| std::path::Path::new(&f.name).extension().is_some_and(|e| e == "csv"))
        .map(|(i, _)| i)
        .collect();
    if tables.is_empty() {
        return Ok(files);
    }
    // The tables are read where they are (valid UTF-8 is borrowed) and only their rewritten bytes
    // are new: a copy of every file (summary.json too) and of every table's text was most of a
    // national report's peak memory.
    let texts: Vec<std::borrow::Cow<'_, str>> = tables
        .iter()
        .map(|&i| String::from_utf8_lossy(&files[i].bytes))
        .collect();
    let sources: Vec<SheetSource<'_>> = tables
        .iter()
        .zip(&texts)
        .map(|(&i, csv)| SheetSource {
            file: &files[i].name,
            csv,
        })
        .collect();
    let workbook = render_workbook(lang, about, &sources)?;
    let rewritten: Vec<Vec<u8>> = tables
        .iter()
        .zip(&texts)
        .map(|(&i, csv)| apply_dialect(dialect, &files[i].name, csv))
        .collect::<Result<_, _>>()?;
    for (&i, bytes) in tables.iter().zip(rewritten) {
        files[i].bytes = bytes;
    }
    files.push(OutputFile {
        name: WORKBOOK_FILE.to_string(),
        bytes: workbook,
    });
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_titles_are_valid_distinct_and_translated() {
        for lang in [Lang::En, Lang::Hu] {
            let names: Vec<String> = SHEET_TITLES
                .iter()
                .map(|(stem, ..)| sheet_name(&format!("{stem}.csv"), lang))
                .collect();
            for name in &names {
                assert!(
                    name.chars().count() <= MAX_SHEET_NAME && !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
                    "{name}"
                );
                assert_eq!(names.iter().filter(|n| *n == name).count(), 1, "{name} twice");
            }
        }
        assert_eq!(sheet_name("stops.csv", Lang::Hu), "megállók");
        assert_eq!(
            sheet_name("log.csv", Lang::Hu),
            "log",
            "an unknown table keeps its stem"
        );
    }

    #[test]
    fn a_trace_sheet_is_named_after_its_stop_in_both_languages() {
        assert_eq!(sheet_name("trace-stop-12.csv", Lang::En), "trace of stop 12");
        assert_eq!(sheet_name("trace-stop-12.csv", Lang::Hu), "12. megálló napja");
        assert_eq!(sheet_name("replication_stops.csv", Lang::Hu), "ismétlések megállónként");
    }

    #[test]
    fn a_table_longer_than_a_sheet_is_left_out_and_named_on_the_first_sheet() {
        use calamine::{Reader, Xlsx};
        assert!(fits_a_sheet(&"x\n".repeat(SHEET_ROWS)));
        assert!(!fits_a_sheet(&"x\n".repeat(SHEET_ROWS + 1)));
        let long = format!("replication,stop\n{}", "1,1\n".repeat(SHEET_ROWS));
        let about = RunAbout {
            command: "run --per-replication".into(),
            source: "2020".into(),
            seed: Some(7),
            replications: Some(6_000),
            digest: None,
            season: None,
        };
        let tables = [
            SheetSource {
                file: "replications.csv",
                csv: "replication,served\n1,2000\n",
            },
            SheetSource {
                file: "replication_stops.csv",
                csv: &long,
            },
        ];
        for lang in Lang::ALL {
            let bytes = render_workbook(lang, &about, &tables).unwrap();
            let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
            let sheets = book.sheet_names();
            assert_eq!(
                sheets,
                [
                    AboutText::Sheet.text(lang),
                    sheet_name("replications.csv", lang).as_str()
                ]
            );
            let first = book.worksheet_range(&sheets[0]).unwrap();
            let expected = format!("replication_stops.csv: {}", AboutText::TooLongValue.text(lang));
            assert!(
                first.rows().any(|row| row.iter().any(|c| c.to_string() == expected)),
                "{lang}: the first sheet names the table left out"
            );
        }
    }

    /// Every cell of every sheet but the first, as calamine reads it back.
    fn sheets_read_back(bytes: Vec<u8>) -> Vec<Vec<Vec<String>>> {
        use calamine::{Reader, Xlsx};
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let names = book.sheet_names();
        names[1..]
            .iter()
            .map(|name| {
                let range = book.worksheet_range(name).unwrap();
                range
                    .rows()
                    .map(|r| r.iter().map(ToString::to_string).collect())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_long_table_has_the_same_cells_as_a_short_one_row_for_row() {
        let row = |i: usize| format!("{i},Kecel,{}.5,2020-03-02,08:30,", i % 7);
        let table = |rows: usize| {
            let mut csv = String::from("stop,settlement,wait_mean_min,date,start,empty\n");
            for i in 1..=rows {
                csv.push_str(&row(i));
                csv.push('\n');
            }
            csv
        };
        let about = RunAbout {
            command: "run".into(),
            source: "2020".into(),
            seed: None,
            replications: None,
            digest: None,
            season: None,
        };
        let (short, long) = (table(3), table(LONG_SHEET_ROWS + 1));
        let sheets = |csv: &str| {
            let bytes = render_workbook(Lang::En, &about, &[SheetSource { file: "stops.csv", csv }]).unwrap();
            sheets_read_back(bytes).remove(0)
        };
        let (short, long) = (sheets(&short), sheets(&long));
        assert_eq!(long.len(), LONG_SHEET_ROWS + 2, "the header and every row");
        assert_eq!(long[..short.len()], short[..], "the same cells in either mode");
        assert_eq!(long[LONG_SHEET_ROWS + 1][0], (LONG_SHEET_ROWS + 1).to_string());
        assert_eq!(short[1][1], "Kecel");
    }

    #[test]
    fn cells_are_typed_as_the_csv_renderers_write_them() {
        assert_eq!(Cell::of("12.5000"), Cell::Number(12.5));
        assert_eq!(Cell::of("-3"), Cell::Number(-3.0));
        assert_eq!(Cell::of("2020-03-02"), Cell::Date(jiff::civil::date(2020, 3, 2)));
        assert_eq!(Cell::of("08:30"), Cell::Clock(8, 30));
        assert_eq!(Cell::of(""), Cell::Empty);
        for text in ["Kecel", "1e5", "inf", "24:00", "season", "NaN", "1.2.3"] {
            assert_eq!(Cell::of(text), Cell::Text(text.into()), "{text}");
        }
    }

    #[test]
    fn share_columns_are_recognised_in_both_languages() {
        use crate::report::csv::Part;
        for column in crate::report::tables::POOLED_COLUMNS {
            let share = column.name.contains("share");
            for lang in Lang::ALL {
                assert_eq!(
                    is_share(&column.header(lang, Part::Mean)),
                    share,
                    "{} {lang}",
                    column.name
                );
            }
        }
        assert!(is_share(Label::ColErrandShare.text(Lang::Hu)));
        assert!(!is_share("wait_mean_min"));
    }

    #[test]
    fn the_same_tables_give_the_same_bytes() {
        let about = RunAbout {
            command: "run".into(),
            source: "2020".into(),
            seed: Some(7),
            replications: Some(200),
            digest: Some("abc".into()),
            season: Some((jiff::civil::date(2020, 3, 2), jiff::civil::date(2020, 11, 30))),
        };
        let tables = [SheetSource {
            file: "stops.csv",
            csv: "stop,date\n1,2020-03-02\n",
        }];
        let a = render_workbook(Lang::Hu, &about, &tables).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(a, render_workbook(Lang::Hu, &about, &tables).unwrap());
        assert_eq!(
            sheet_name("a-very-long-file-name-of-more-than-31-characters.csv", Lang::En).len(),
            MAX_SHEET_NAME
        );
    }
}
