//! Clean ends: a result set appears whole or not at all (a run killed while writing leaves the
//! earlier set intact, and the next run removes its leftovers), Ctrl-C and SIGTERM exit 130 / 143
//! with one line, bad command-line values and output folders are refused before simulating, a
//! closed pipe ends the program quietly, and one simulated stop-day draws at most its ceiling of clients.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::{ablakbusz, temp_dir};

/// The files of one `run`.
const RUN_FILES: [&str; 4] = ["season.csv", "stops.csv", "summary.json", "workbook.xlsx"];

fn run_with(out: &Path, seed: &str, env: Option<(&str, &str)>) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ablakbusz"));
    command.args([
        "run",
        "--replications",
        "4",
        "--seed",
        seed,
        "--threads",
        "1",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    if let Some((key, value)) = env {
        command.env(key, value);
    }
    command.output().unwrap()
}

/// The folder's files, sorted, with their bytes.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    found.sort();
    found
}

fn names(dir: &Path) -> Vec<String> {
    contents(dir).into_iter().map(|(n, _)| n).collect()
}

#[test]
fn a_run_killed_while_writing_leaves_the_earlier_set_and_the_next_run_cleans_up() {
    let dir = temp_dir("killed-write");
    let out = dir.join("out");
    assert_eq!(run_with(&out, "1", None).status.code(), Some(0));
    let earlier = contents(&out);
    assert_eq!(names(&out), RUN_FILES);
    // Killed after the first file was staged: the earlier set is untouched, byte for byte.
    let killed = run_with(&out, "2", Some(("ABLAKBUSZ_TEST_ABORT_AFTER_STAGED", "1")));
    assert_ne!(killed.status.code(), Some(0), "the test hook aborts the run");
    let after: Vec<_> = contents(&out)
        .into_iter()
        .filter(|(n, _)| !n.starts_with('.'))
        .collect();
    assert_eq!(after, earlier, "the earlier result set is complete and unchanged");
    assert!(names(&out).iter().any(|n| n.contains(".tmp-")), "{:?}", names(&out));
    // Killed half-way through the renames: the journal is left; the next run finishes it.
    let killed = run_with(&out, "3", Some(("ABLAKBUSZ_TEST_ABORT_AFTER_RENAMED", "1")));
    assert_ne!(killed.status.code(), Some(0));
    assert!(
        names(&out).contains(&".ablakbusz-commit".to_string()),
        "{:?}",
        names(&out)
    );
    assert_eq!(run_with(&out, "4", None).status.code(), Some(0));
    assert_eq!(
        names(&out),
        RUN_FILES,
        "no temporary file or journal after the next run"
    );
    let summary = std::fs::read_to_string(out.join("summary.json")).unwrap();
    assert!(summary.contains("\"seed\": 4"), "{summary}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn sigterm_and_ctrl_c_end_a_run_with_one_line_and_the_earlier_results_intact() {
    for (signal, code) in [("TERM", 143), ("INT", 130)] {
        let dir = temp_dir(&format!("signal-{signal}"));
        let out = dir.join("out");
        assert_eq!(run_with(&out, "1", None).status.code(), Some(0));
        let earlier = contents(&out);
        // A run long enough to be interrupted while it simulates.
        let child = Command::new(env!("CARGO_BIN_EXE_ablakbusz"))
            .args(["run", "--replications", "100000", "--threads", "1", "--quiet", "--out"])
            .arg(&out)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(500));
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let started = Instant::now();
        let ended = child.wait_with_output().unwrap();
        assert!(started.elapsed() < Duration::from_secs(10), "the run ends promptly");
        assert_eq!(ended.status.code(), Some(code), "SIG{signal}");
        let stderr = String::from_utf8_lossy(&ended.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(stderr.contains("nothing was written"), "{stderr}");
        assert_eq!(
            contents(&out),
            earlier,
            "SIG{signal}: earlier results intact, no temporary file"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn command_line_values_are_checked_in_plain_words_with_exit_2() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["run", "--replications", "-1"],
            "must be a whole number of replications from 2 to 100000",
        ),
        (&["run", "--replications", "1"], "from 2 to 100000"),
        (&["run", "--threads", "0"], "a whole number of threads from 1 to 1024"),
        (&["run", "--threads", "100000"], "above the ceiling of 1024"),
        (
            &["staff", "scenarios/2020-plan.toml", "--seed", "-3"],
            "must be a whole number from 0 to",
        ),
        (
            &["replay", "day.csv", "--clerks", "0", "--dwell", "3"],
            "a whole number of clerks from 1 to 50",
        ),
    ];
    for (args, expected) in cases {
        let started = Instant::now();
        let out = ablakbusz(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {expected:?} in {stderr}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{args:?} is refused before simulating"
        );
    }
}

#[test]
fn an_output_folder_that_is_a_file_or_unwritable_is_refused_before_simulating() {
    let dir = temp_dir("out-checks");
    let file = dir.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = ablakbusz(&["run", "--replications", "100000", "--out", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is a file, not a folder"), "{stderr}");
    // Below a file: the folder cannot be created. 100,000 replications would take minutes.
    let below = file.join("results");
    let started = Instant::now();
    let out = ablakbusz(&["run", "--replications", "100000", "--out", below.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write the results to"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(5), "found before simulating");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_program_quietly() {
    let dir = temp_dir("closed-pipe");
    let out = dir.join("out");
    let ended = crate::cli::ablakbusz_stdout_closed(
        &dir,
        &["calibrate", "--replications", "4", "--out", out.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&ended.stderr);
    assert_eq!(ended.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_stop_day_draws_at_most_the_ceiling_of_clients() {
    use ablakbusz::experiment::StopMetric;
    use ablakbusz::sim::Closing;
    // The engine API takes any rate (scenarios are refused far below this): a million clients an
    // hour for an hour would be a million clients; the day stops drawing at the ceiling.
    let r = crate::builder::StopBuilder::new()
        .dwell_hours(1.0)
        .rate_per_hour(1.0e6)
        .exp_service_min(1.0)
        .clerks(50)
        .closing(Closing::TurnAway)
        .replicate(2, 1);
    assert_eq!(r.stops[0].get(StopMetric::Arrivals).mean, 200_000.0);
}
