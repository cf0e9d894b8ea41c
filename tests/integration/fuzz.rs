//! Fuzzing on the stable toolchain: a seeded mutator over the shipped scenarios, the broken fixtures
//! and the corpus of every case that once failed (tests/fuzz-corpus/). Every mutant must give a
//! clear refusal (no panic, no Rust type names, every problem with its file) or a season within the
//! ceilings that runs; the same for the stops CSV, the stop log and the replay day file.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use ablakbusz::demand::{SettlementTable, parse_stop_log};
use ablakbusz::experiment::{RunSettings, SeasonModel, run_season};
use ablakbusz::scenario::{self, ScenarioError, Season, limits};
use ablakbusz::sim::PreparedStop;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use crate::cli::{ablakbusz, temp_dir};

/// Seed of the mutator: the same mutants on every run, so that a failure can be replayed.
const SEED: u64 = 15;
/// Scenario mutants per run (the issue asks for at least 2,000 in under a minute): half of them one
/// mutation away from a shipped scenario (so that many stay valid and are run), half up to four
/// mutations of any seed.
const SCENARIO_CASES: usize = 4_000;
/// Stops-CSV and stop-log mutants per run.
const CSV_CASES: usize = 600;
/// Replay day files per run: each starts the binary, so fewer.
const REPLAY_CASES: usize = 150;
/// Replications an accepted mutant is run with: enough to exercise every stop.
const RUN_REPLICATIONS: u32 = 2;

/// Values that once broke something, or sit at an edge: the mutator writes them in place of numbers.
const WORDS: &[&str] = &[
    "0",
    "-1",
    "1e308",
    "1e-300",
    "-1e308",
    "nan",
    "inf",
    "-inf",
    "18446744073709551615",
    "18446744073709551616",
    "4294967296",
    "2147483648",
    "1e15",
    "1e9",
    "1e6",
    "100000",
    "0.5",
    "3",
    "\"\"",
    "\"x\"",
    "true",
    "[]",
    "{}",
    "2020-02-30",
    "\"25:00\"",
    "[[season.stop]]",
    "[bus]",
    "[demand]",
    "=",
    "\"",
    ",",
    "\n",
];

/// A seeded mutator of text.
struct Mutator {
    rng: ChaCha8Rng,
}

impl Mutator {
    fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.rng.random_range(0..WORDS.len())]
    }

    /// One to four mutations of `text`: a number replaced, a word inserted, a line deleted,
    /// doubled or swapped, the text cut short, or a byte changed.
    fn mutate(&mut self, text: &str) -> Vec<u8> {
        let rounds = self.rng.random_range(1..=4);
        self.mutate_times(text, rounds)
    }

    /// `rounds` mutations of `text` (see [`Self::mutate`]).
    fn mutate_times(&mut self, text: &str, rounds: usize) -> Vec<u8> {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        if lines.is_empty() {
            lines.push(String::new());
        }
        for _ in 0..rounds {
            let i = self.rng.random_range(0..lines.len());
            match self.rng.random_range(0..7) {
                0 | 1 => {
                    let numbers = number_spans(&lines[i]);
                    if let Some(&(a, b)) = numbers.get(self.rng.random_range(0..numbers.len().max(1))) {
                        let word = self.word();
                        lines[i].replace_range(a..b, word);
                    } else {
                        let word = self.word();
                        lines[i].push_str(word);
                    }
                }
                2 => {
                    let at = char_boundary(&lines[i], self.rng.random_range(0..=lines[i].len()));
                    let word = self.word();
                    lines[i].insert_str(at, word);
                }
                3 => {
                    lines.remove(i);
                    if lines.is_empty() {
                        lines.push(String::new());
                    }
                }
                4 => {
                    let line = lines[i].clone();
                    lines.insert(i, line);
                }
                5 => {
                    let j = self.rng.random_range(0..lines.len());
                    lines.swap(i, j);
                }
                _ => {
                    let cut = self.rng.random_range(0..=lines.len());
                    lines.truncate(cut.max(1));
                }
            }
        }
        let mut bytes = (lines.join("\n") + "\n").into_bytes();
        if self.rng.random_range(0..20) == 0 && !bytes.is_empty() {
            let at = self.rng.random_range(0..bytes.len());
            bytes[at] = self.rng.random();
        }
        bytes
    }
}

/// Byte ranges of the numbers written on `line`.
fn number_spans(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || b".-+_:".contains(&bytes[i])) {
                i += 1;
            }
            spans.push((start, i));
        } else {
            i += 1;
        }
    }
    spans
}

fn char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(repo(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    found.sort();
    found
}

/// Words a message must never show a person: Rust type names and the csv crate's own terms.
const RUST_WORDS: &[&str] = &[
    "expected u8",
    "expected u16",
    "expected u32",
    "expected u64",
    "expected usize",
    "expected i32",
    "expected i64",
    "expected f64",
    "expected f32",
    "as i128",
    "struct Raw",
    "enum Raw",
    "found record with",
    "os error",
    "panicked",
];

/// A failed case: saved where it can be added to tests/fuzz-corpus/, then reported.
fn fail(kind: &str, case: usize, bytes: &[u8], why: &str) -> ! {
    let dir = repo("target/fuzz-failures");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{kind}-{case}.txt"));
    std::fs::write(&path, bytes).unwrap();
    panic!(
        "{kind} case {case} (saved as {}): {why}\n{}",
        path.display(),
        String::from_utf8_lossy(bytes)
    );
}

/// Every problem names its file and says something, in plain words.
fn plain_refusal(error: &ScenarioError) -> Result<(), String> {
    if error.diagnostics.is_empty() {
        return Err("a refusal without a problem".into());
    }
    let text = error.to_string();
    if let Some(word) = RUST_WORDS.iter().find(|w| text.contains(*w)) {
        return Err(format!("the message shows {word:?}:\n{text}"));
    }
    if error
        .diagnostics
        .iter()
        .any(|d| d.file.is_empty() || d.message.is_empty())
    {
        return Err(format!("a problem without its file or message:\n{text}"));
    }
    Ok(())
}

/// An accepted season is within the ceilings and runs a few replications.
fn runs_within_ceilings(season: &Season) -> Result<(), String> {
    if season.stops.is_empty() || season.stops.len() > limits::MAX_STOPS_PER_SEASON {
        return Err(format!("{} stops accepted", season.stops.len()));
    }
    for stop in &season.stops {
        let e = stop.expected_clients;
        if !(e.is_finite() && (0.0..=limits::MAX_EXPECTED_CLIENTS_PER_STOP).contains(&e)) {
            return Err(format!("expected clients {e} accepted"));
        }
        if stop.spec.desks > limits::MAX_DESKS || stop.spec.dwell_min < limits::MIN_DWELL_MIN {
            return Err(format!(
                "{} desks, {} min dwell accepted",
                stop.spec.desks, stop.spec.dwell_min
            ));
        }
    }
    let model = SeasonModel {
        stops: season
            .stops
            .iter()
            .map(|s| PreparedStop::new(&s.spec))
            .collect::<Result<_, _>>()
            .map_err(|e| format!("an accepted stop cannot be prepared: {e}"))?,
        groupings: vec![],
    };
    let settings = RunSettings {
        replications: RUN_REPLICATIONS,
        seed: season.simulation.seed,
        threads: Some(1),
    };
    run_season(&model, &settings, &|_| {})
        .map(|_| ())
        .map_err(|e| format!("an accepted season does not run: {e}"))
}

/// Checks one scenario text (relative paths from `base_dir`); `Err` says what went wrong.
fn check_scenario(bytes: &[u8], base_dir: &Path) -> Result<bool, String> {
    let text = String::from_utf8_lossy(bytes);
    let loaded = catch_unwind(AssertUnwindSafe(|| {
        scenario::load_str(&text, "fuzz.toml", Some(base_dir))
    }))
    .map_err(|_| "the scenario reader panicked".to_string())?;
    match loaded {
        Ok(season) => catch_unwind(AssertUnwindSafe(|| runs_within_ceilings(&season)))
            .map_err(|_| "running an accepted season panicked".to_string())?
            .map(|()| true),
        Err(error) => plain_refusal(&error).map(|()| false),
    }
}

/// The scenarios the mutator starts from: shipped, broken fixtures and the failure corpus.
fn scenario_seeds() -> Vec<(PathBuf, String)> {
    let mut seeds = Vec::new();
    for dir in ["scenarios", "tests/fixtures/broken", "tests/fuzz-corpus"] {
        for path in files(dir, "toml") {
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            seeds.push((path.parent().unwrap().to_path_buf(), text));
        }
    }
    seeds
}

#[test]
fn every_case_that_once_failed_is_refused_plainly_or_runs() {
    let corpus = files("tests/fuzz-corpus", "toml");
    assert!(corpus.len() >= 10, "{corpus:?}");
    for path in corpus {
        let bytes = std::fs::read(&path).unwrap();
        let accepted =
            check_scenario(&bytes, path.parent().unwrap()).unwrap_or_else(|why| panic!("{}: {why}", path.display()));
        assert!(!accepted, "{}: every corpus case is beyond a ceiling", path.display());
    }
}

#[test]
fn mutated_scenarios_are_refused_plainly_or_run_within_the_ceilings() {
    let seeds = scenario_seeds();
    let shipped: Vec<_> = seeds.iter().filter(|(dir, _)| dir.ends_with("scenarios")).collect();
    let mut mutator = Mutator::new(SEED);
    let mut accepted = 0;
    for case in 0..SCENARIO_CASES {
        let (base_dir, bytes) = if case % 2 == 0 {
            let (base_dir, text) = shipped[(case / 2) % shipped.len()];
            (base_dir, mutator.mutate_times(text, 1))
        } else {
            let (base_dir, text) = &seeds[case % seeds.len()];
            (base_dir, mutator.mutate(text))
        };
        match check_scenario(&bytes, base_dir) {
            Ok(ok) => accepted += usize::from(ok),
            Err(why) => fail("scenario", case, &bytes, &why),
        }
    }
    // Both sides are exercised: some mutants stay valid, most are refused.
    eprintln!("scenario mutants: {accepted} of {SCENARIO_CASES} accepted and run");
    assert!(accepted > 0 && accepted < SCENARIO_CASES, "{accepted}");
}

#[test]
fn mutated_stops_csvs_are_refused_plainly_or_run() {
    let dir = temp_dir("fuzz-stops-csv");
    let scenario = "[season]\nstops_csv = \"stops.csv\"\n";
    let seeds: Vec<String> = ["scenarios/2019-stops.csv", "tests/fixtures/broken/bad-stops.csv"]
        .iter()
        .chain(&["tests/fixtures/broken/good-stops.csv"])
        .map(|p| String::from_utf8_lossy(&std::fs::read(repo(p)).unwrap()).into_owned())
        .collect();
    let mut mutator = Mutator::new(SEED + 1);
    for case in 0..CSV_CASES {
        let bytes = mutator.mutate(&seeds[case % seeds.len()]);
        std::fs::write(dir.join("stops.csv"), &bytes).unwrap();
        if let Err(why) = check_scenario(scenario.as_bytes(), &dir) {
            fail("stops-csv", case, &bytes, &why);
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn mutated_stop_logs_are_refused_plainly_or_read() {
    let table = SettlementTable::embedded();
    let mut seeds = vec![
        String::from_utf8_lossy(&std::fs::read(repo("scenarios/data/example-stop-log.csv")).unwrap()).into_owned(),
    ];
    seeds.extend(
        files("tests/fixtures/bad-logs", "csv")
            .iter()
            .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned()),
    );
    let mut mutator = Mutator::new(SEED + 2);
    for case in 0..CSV_CASES {
        let bytes = mutator.mutate(&seeds[case % seeds.len()]);
        let text = String::from_utf8_lossy(&bytes);
        let read = catch_unwind(AssertUnwindSafe(|| parse_stop_log(&text, "log.csv", table)));
        match read {
            Err(_) => fail("stop-log", case, &bytes, "the stop-log reader panicked"),
            Ok(Err(e)) => {
                let message = e.to_string();
                if let Some(word) = RUST_WORDS.iter().find(|w| message.contains(*w)) {
                    fail(
                        "stop-log",
                        case,
                        &bytes,
                        &format!("the message shows {word:?}:\n{message}"),
                    );
                }
            }
            Ok(Ok(log)) => {
                if log.stops.is_empty() {
                    fail("stop-log", case, &bytes, "an empty log accepted");
                }
            }
        }
    }
}

#[test]
fn mutated_replay_days_exit_with_0_or_2_and_a_plain_message() {
    let dir = temp_dir("fuzz-replay");
    let day = "arrival_min,service_min,patience_min,errands\n0,10,,1\n1,12,5,2\n2,8,30,1\n3,15,,1\n40,9,20,1\n";
    let mut mutator = Mutator::new(SEED + 3);
    let path = dir.join("day.csv");
    for case in 0..REPLAY_CASES {
        let bytes = mutator.mutate(day);
        std::fs::write(&path, &bytes).unwrap();
        let out = ablakbusz(&["replay", path.to_str().unwrap(), "--clerks", "2", "--dwell", "3"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        match out.status.code() {
            Some(0) => {}
            Some(2) if !RUST_WORDS.iter().any(|w| stderr.contains(w)) => {}
            code => fail("replay", case, &bytes, &format!("exit {code:?}:\n{stderr}")),
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
