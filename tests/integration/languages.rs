//! `--lang hu|en` on every command that prints for people: Hungarian texts with their accents,
//! English unchanged, and the language flag accepted before or after the command.

use crate::cli::{ablakbusz, temp_dir};

const SCENARIO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/whatif-fixed-3h-dwell.toml");

/// Runs the binary; it must succeed; returns its standard output.
fn stdout_of(args: &[&str]) -> String {
    let out = ablakbusz(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Asserts that `text` holds every one of `needles`.
fn assert_holds(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn run_prints_its_summary_in_hungarian() {
    let dir = temp_dir("lang-run");
    let hu = stdout_of(&[
        "run",
        SCENARIO,
        "--lang",
        "hu",
        "--replications",
        "20",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_holds(
        &hu,
        &[
            "Forgatókönyv",
            "Érkező ügyfelek",
            "Kiszolgált ügyfelek",
            "Ügyintézői órák",
            "Kiírva:",
            "replikáció",
        ],
    );
    assert!(!hu.contains("Clients served"), "{hu}");
    // Decimal commas: "± 1,2", never "± 1.2".
    assert!(
        hu.contains(',') && !hu.contains(" ± 0.") && !hu.contains(" ± 1."),
        "{hu}"
    );
    let en = stdout_of(&[
        "--lang",
        "en",
        "run",
        SCENARIO,
        "--replications",
        "20",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_holds(&en, &["Clients served", "Written to"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_prints_the_plan_in_hungarian() {
    let hu = stdout_of(&["check", SCENARIO, "--lang", "hu"]);
    assert_holds(
        &hu,
        &[
            "Forgatókönyv:",
            "Szimuláció:",
            "Busz:",
            "település",
            "járás",
            "Szezon:",
            "ügyintézői óra",
            "várható ügyfélszám",
        ],
    );
    assert!(!hu.contains("Season:") && !hu.contains("expected clients"), "{hu}");
    // Hungarian weekday abbreviations and venue names.
    assert!(["H ", "K ", "Sze ", "Cs ", "P "].iter().any(|d| hu.contains(d)), "{hu}");
    assert!(hu.contains("polgármesteri hivatal"), "{hu}");
}

#[test]
fn staff_prints_its_advice_in_hungarian() {
    let dir = temp_dir("lang-staff");
    let hu = stdout_of(&["staff", SCENARIO, "--lang", "hu", "--out", dir.to_str().unwrap()]);
    assert_holds(
        &hu,
        &["Létszám", "méretosztály", "lakos", "ügyintéző", "Erlang C", "Kiírva:"],
    );
    assert!(!hu.contains("Staffing under") && !hu.contains("residents"), "{hu}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unknown_language_is_refused_with_the_choices() {
    let out = ablakbusz(&["check", SCENARIO, "--lang", "de"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("en") && stderr.contains("hu"), "{stderr}");
}

const PLAN_2020: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/2020-plan.toml");

/// The header row of the CSV `file`: its cells.
fn header_of(file: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader.headers().unwrap().iter().map(String::from).collect()
}

/// Runs `args` with `--out` in English and in Hungarian; for each of `files`, the Hungarian
/// header has as many columns as the English one and reads as Hungarian; returns the Hungarian output.
fn both_languages(name: &str, args: &[&str], files: &[&str]) -> String {
    let en_dir = temp_dir(&format!("{name}-en"));
    let hu_dir = temp_dir(&format!("{name}-hu"));
    let with = |lang: &str, dir: &std::path::Path| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--lang", lang, "--out"]);
        let dir = dir.to_str().unwrap().to_string();
        let mut owned: Vec<String> = all.iter().map(|s| (*s).to_string()).collect();
        owned.push(dir);
        stdout_of(&owned.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let en = with("en", &en_dir);
    let hu = with("hu", &hu_dir);
    assert!(en.contains("Written to"), "{en}");
    assert!(hu.contains("Kiírva:") && !hu.contains("Written to"), "{hu}");
    for file in files {
        let en_header = header_of(&en_dir.join(file));
        let hu_header = header_of(&hu_dir.join(file));
        assert_eq!(
            en_header.len(),
            hu_header.len(),
            "{file}: {en_header:?} / {hu_header:?}"
        );
        assert!(hu_header.iter().all(|h| !h.contains('_')), "{file}: {hu_header:?}");
        assert!(
            hu_header.iter().any(|h| h.chars().any(|c| "áéíóöőúüű".contains(c))),
            "{file}: {hu_header:?}"
        );
    }
    std::fs::remove_dir_all(&en_dir).unwrap();
    std::fs::remove_dir_all(&hu_dir).unwrap();
    hu
}

#[test]
fn run_and_staff_write_hungarian_csv_headers() {
    both_languages(
        "lang-run-csv",
        &["run", SCENARIO, "--replications", "5"],
        &["stops.csv", "season.csv"],
    );
    both_languages(
        "lang-staff-csv",
        &["staff", SCENARIO, "--replications", "5"],
        &["staffing.csv"],
    );
}

#[test]
fn compare_prints_and_writes_in_hungarian() {
    let hu = both_languages(
        "lang-compare",
        &["compare", PLAN_2020, SCENARIO, "--replications", "5"],
        &["compare.csv"],
    );
    assert_holds(
        &hu,
        &["replikáció", "megálló", "kiszolgált", "ügyintézői óra", "páros eltérés"],
    );
    assert!(!hu.contains("replications") && !hu.contains("paired"), "{hu}");
}

#[test]
fn policies_prints_and_writes_in_hungarian() {
    let hu = both_languages(
        "lang-policies",
        &["policies", PLAN_2020, "--replications", "5"],
        &["policies.csv"],
    );
    assert_holds(&hu, &["településen", "tartózkodás", "replikáció", "elveszett"]);
    assert!(!hu.contains("shortest dwell") && !hu.contains("clerk-hours"), "{hu}");
}

#[test]
fn plan_prints_and_writes_in_hungarian() {
    let hu = both_languages("lang-plan", &["plan", PLAN_2020], &["itinerary.csv", "unplaced.csv"]);
    assert_holds(&hu, &["megálló", "busznapon", "óra vezetés", "látogatás nem fért el"]);
    assert!(!hu.contains("bus-days") && !hu.contains("did not fit"), "{hu}");
}

#[test]
fn replay_prints_in_hungarian() {
    let dir = temp_dir("lang-replay");
    let day = dir.join("day.csv");
    std::fs::write(
        &day,
        "arrival_min,service_min,patience_min,errands\n0,10,,1\n1,12,5,2\n170,20,,1\n",
    )
    .unwrap();
    let day = day.to_str().unwrap();
    let args = |lang| {
        [
            "replay", day, "--clerks", "1", "--dwell", "3", "--trace", "--lang", lang,
        ]
    };
    let hu = stdout_of(&args("hu"));
    assert_holds(
        &hu,
        &[
            "Visszajátszott nap",
            "ügyintéző",
            "Kiszolgált ügyfelek",
            "érkezés, perc",
            "kiszolgálva",
            "feladta",
        ],
    );
    assert!(!hu.contains("Replayed day") && !hu.contains("arrival_min"), "{hu}");
    let en = stdout_of(&args("en"));
    assert_holds(
        &en,
        &[
            "Replayed day: 1 clerk,",
            "client  arrival_min  start_min  leave_min  outcome",
        ],
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn calibrate_prints_and_writes_in_hungarian() {
    let hu = both_languages(
        "lang-calibrate",
        &["calibrate", "--backtest", "--replications", "5"],
        &["calibration.csv", "sensitivity.csv", "backtest.csv"],
    );
    assert_holds(
        &hu,
        &[
            "kalibrálása",
            "Paraméterek",
            "Illeszkedés",
            "Érzékenység",
            "Visszamérés",
            "TOML-blokk",
        ],
    );
    assert!(
        !hu.contains("Sensitivity:") && !hu.contains("Back-test:") && !hu.contains("Fit to"),
        "{hu}"
    );
}

#[test]
fn calibrate_log_prints_and_writes_in_hungarian() {
    let log = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/data/example-stop-log.csv");
    let hu = both_languages("lang-calibrate-log", &["calibrate", "--log", log], &["calibration.csv"]);
    assert_holds(
        &hu,
        &[
            "Kalibráció a megállónaplóból",
            "Poisson-regressziója",
            "Szóródáspróba",
            "Cameron–Trivedi-próba",
            "Illeszkedés:",
            "megfigyelt",
            "TOML-blokk egy forgatókönyvhöz:",
        ],
    );
    assert!(
        !hu.contains("Stop-log calibration") && !hu.contains("Goodness of fit") && !hu.contains("Dispersion test"),
        "{hu}"
    );
    // The chart names the groups of stops in Hungarian too.
    let dir = temp_dir("lang-calibrate-log-chart");
    stdout_of(&[
        "calibrate",
        "--log",
        log,
        "--lang",
        "hu",
        "--out",
        dir.to_str().unwrap(),
    ]);
    let svg = std::fs::read_to_string(dir.join("calibration.svg")).unwrap();
    assert!(svg.contains("illesztett") && !svg.contains("fitted"), "{svg}");
    std::fs::remove_dir_all(&dir).unwrap();
}
