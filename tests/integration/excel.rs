//! Excel in and out: the workbook beside every command's CSV files (every sheet, numbers and dates
//! as real cells, Hungarian headers under `--lang hu`), the `excel-hu` CSV dialect, and a stop log
//! saved as Hungarian Excel saves it (`;`, decimal commas, a byte-order mark, CRLF; or Windows-1250)
//! fitted exactly as its UTF-8 original.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::cli::{ablakbusz, temp_dir};

const SCENARIO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/whatif-fixed-3h-dwell.toml");
const EXAMPLE_LOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/data/example-stop-log.csv");

/// `run` of the what-if with 20 replications and seed 7 into `dir`, with `extra` arguments.
fn run_into(dir: &Path, extra: &[&str]) {
    let mut args = vec![
        "run",
        SCENARIO,
        "--replications",
        "20",
        "--seed",
        "7",
        "--quiet",
        "--out",
        dir.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = ablakbusz(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "--quiet prints nothing");
}

/// The rows of a comma-separated file, header first.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_path(path).unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_workbook_has_every_table_as_a_sheet_with_numbers_dates_and_hungarian_headers() {
    let dir = temp_dir("workbook-hu");
    run_into(&dir, &["--lang", "hu"]);
    let mut book: Xlsx<_> = open_workbook(dir.join("workbook.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["a futásról", "megállók", "szezon"]);
    let about = book.worksheet_range("a futásról").unwrap();
    let about_rows: Vec<Vec<Data>> = about.rows().map(<[Data]>::to_vec).collect();
    assert!(about_rows.contains(&vec![Data::String("Véletlenmag".into()), Data::Float(7.0)]));
    assert!(about_rows.contains(&vec![
        Data::String("Ismétlések (szimulált szezonok)".into()),
        Data::Float(20.0)
    ]));
    for (table, sheet) in [("stops", "megállók"), ("season", "szezon")] {
        let csv = csv_rows(&dir.join(format!("{table}.csv")));
        let sheet = book.worksheet_range(sheet).unwrap();
        let rows: Vec<&[Data]> = sheet.rows().collect();
        assert_eq!(rows.len(), csv.len(), "{table}: one row per CSV line");
        let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
        assert_eq!(header, csv[0], "{table}: the CSV's Hungarian headers");
        assert!(header.iter().all(|h| !h.contains('_')), "{table}: {header:?}");
        let (mut numbers, mut dates) = (0, 0);
        for (row, line) in rows.iter().zip(&csv).skip(1) {
            for (cell, field) in row.iter().zip(line) {
                if let Ok(x) = field.parse::<f64>() {
                    assert_eq!(cell, &Data::Float(x), "{table}: {field:?} is a number");
                    numbers += 1;
                } else if field.len() == 10 && field.parse::<jiff::civil::Date>().is_ok() {
                    assert!(
                        matches!(cell, Data::DateTime(d) if d.is_datetime()),
                        "{table}: {field:?}: {cell:?}"
                    );
                    dates += 1;
                } else if !field.is_empty() && !field.contains(':') {
                    assert_eq!(cell, &Data::String(field.clone()), "{table}");
                }
            }
        }
        assert!(numbers > 100, "{table}: {numbers} numbers");
        if table == "stops" {
            assert_eq!(dates, csv.len() - 1, "one date per stop");
        }
    }
}

#[test]
fn the_workbook_is_the_same_bytes_for_the_same_seed() {
    let (a, b) = (temp_dir("workbook-same-a"), temp_dir("workbook-same-b"));
    run_into(&a, &[]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    run_into(&b, &["--threads", "1"]);
    assert_eq!(
        std::fs::read(a.join("workbook.xlsx")).unwrap(),
        std::fs::read(b.join("workbook.xlsx")).unwrap()
    );
}

/// `text` (comma-separated, decimal points) as Hungarian Excel saves it: `;`, decimal commas, CRLF.
fn as_excel_hu(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            out += line;
        } else {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(line.as_bytes());
            let record = reader.records().next().unwrap().unwrap();
            let fields: Vec<String> = record
                .iter()
                .map(|f| {
                    if f.parse::<f64>().is_ok() {
                        f.replace('.', ",")
                    } else {
                        f.to_string()
                    }
                })
                .collect();
            out += &fields.join(";");
        }
        out += "\r\n";
    }
    out
}

#[test]
fn excel_hu_csv_has_a_bom_semicolons_decimal_commas_and_the_same_figures() {
    let (plain, excel) = (temp_dir("dialect-plain"), temp_dir("dialect-excel"));
    run_into(&plain, &[]);
    run_into(&excel, &["--csv", "excel-hu"]);
    let bytes = std::fs::read(excel.join("stops.csv")).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "a byte-order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("stop;date;start;"), "{}", &text[..40]);
    assert!(
        text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'),
        "CRLF"
    );
    let original = std::fs::read_to_string(plain.join("stops.csv")).unwrap();
    assert_eq!(
        text,
        as_excel_hu(&original),
        "the same figures, in the excel-hu dialect"
    );
    assert!(text.contains(",5") || text.contains(",0"), "decimal commas");
}

/// Fits `log` with `calibrate --log`; returns calibration.csv.
fn fit(log: &Path, name: &str) -> String {
    let dir = temp_dir(name);
    let out = ablakbusz(&[
        "calibrate",
        "--log",
        log.to_str().unwrap(),
        "--quiet",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    std::fs::read_to_string(dir.join("calibration.csv")).unwrap()
}

#[test]
fn a_stop_log_saved_by_hungarian_excel_gives_the_same_fit_as_its_utf8_original() {
    let dir = temp_dir("excel-logs");
    let original = std::fs::read_to_string(EXAMPLE_LOG).unwrap();
    assert!(!original.is_ascii(), "the example log has accented settlement names");
    let excel_hu: PathBuf = dir.join("log-excel-hu.csv");
    std::fs::write(&excel_hu, format!("\u{feff}{}", as_excel_hu(&original))).unwrap();
    let saved = as_excel_hu(&original);
    let (ansi, _, unmappable) = encoding_rs::WINDOWS_1250.encode(&saved);
    assert!(!unmappable);
    let windows_1250 = dir.join("log-windows-1250.csv");
    std::fs::write(&windows_1250, &ansi).unwrap();
    let expected = fit(Path::new(EXAMPLE_LOG), "fit-utf8");
    assert_eq!(fit(&excel_hu, "fit-excel-hu"), expected);
    assert_eq!(fit(&windows_1250, "fit-windows-1250"), expected);
}

#[test]
fn a_tab_separated_stop_log_is_refused_naming_its_delimiter() {
    let dir = temp_dir("tab-log");
    let log = dir.join("log.csv");
    std::fs::write(
        &log,
        "date\tsettlement\tvenue\tdwell_hours\tclients\n2019-03-04\tKecel\tschool\t3\t12\n",
    )
    .unwrap();
    let out = ablakbusz(&[
        "calibrate",
        "--log",
        log.to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("separated by tabs") && stderr.contains("semicolons"),
        "{stderr}"
    );
}

#[test]
fn quiet_staff_compare_and_policies_print_nothing_and_still_write_their_tables() {
    let plan = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/2020-plan.toml");
    for (name, args, table) in [
        ("quiet-staff", vec!["staff", SCENARIO], "staffing.csv"),
        ("quiet-compare", vec!["compare", plan, SCENARIO], "compare.csv"),
        ("quiet-policies", vec!["policies", SCENARIO], "policies.csv"),
    ] {
        let dir = temp_dir(name);
        let mut all = args.clone();
        all.extend(["--replications", "5", "--quiet", "--out", dir.to_str().unwrap()]);
        let out = ablakbusz(&all);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{name} --quiet");
        assert!(dir.join(table).exists() && dir.join("workbook.xlsx").exists(), "{name}");
    }
}

#[test]
fn a_stops_csv_saved_by_excel_is_read_and_its_problems_placed_on_the_editors_lines() {
    let dir = temp_dir("crlf-stops");
    std::fs::write(
        dir.join("s.toml"),
        "name = \"crlf\"\n\n[season]\nstops_csv = \"stops.csv\"\n",
    )
    .unwrap();
    // `;`, decimal commas, CRLF, a byte-order mark, Windows-1250 ("Kiskőrös"); line 3 is bad.
    let mut csv = b"\xef\xbb\xbfdate;start;settlement;venue;dwell_hours\r\n".to_vec();
    csv.extend_from_slice(b"2020-03-02;08:00;Kisk\xf5r\xf6s;municipality;2,5\r\n");
    csv.extend_from_slice(b"2020-03-03;08:00;Kecel;municipality;sok\r\n");
    let (utf8, ansi) = (dir.join("stops.csv"), dir.join("ansi.csv"));
    // The byte-order mark belongs to UTF-8 files only: the Windows-1250 copy goes without it.
    std::fs::write(&ansi, &csv[3..]).unwrap();
    let text = encoding_rs::WINDOWS_1250
        .decode_without_bom_handling(&csv[3..])
        .0
        .into_owned();
    std::fs::write(&utf8, format!("\u{feff}{text}")).unwrap();
    for file in [&utf8, &ansi] {
        std::fs::copy(file, dir.join("stops.csv.tmp")).unwrap();
        std::fs::rename(dir.join("stops.csv.tmp"), dir.join("stops.csv")).unwrap();
        let out = ablakbusz(&["check", dir.join("s.toml").to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("stops.csv:3:"), "line 3, as an editor counts: {stderr}");
        assert!(stderr.contains("1 problem found"), "only the bad row: {stderr}");
    }
}
