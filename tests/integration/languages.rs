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
