//! The binary as a user meets it: exit codes, messages, outputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub(crate) fn ablakbusz(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ablakbusz"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A fresh temporary folder for one test.
pub(crate) fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ablakbusz-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn replay_prints_every_metric_and_a_trace() {
    let dir = temp_dir("replay");
    let day = dir.join("day.csv");
    std::fs::write(
        &day,
        "arrival_min,service_min,patience_min\n0,10,\n5,10,\n6,10,3\n25,20,\n26,5,\n",
    )
    .unwrap();
    let out = ablakbusz(&[
        "replay",
        day.to_str().unwrap(),
        "--clerks",
        "1",
        "--dwell",
        "0.5",
        "--closing",
        "turn_away",
        "--trace",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for metric in [
        "arrivals",
        "served",
        "reneged",
        "balked",
        "turned_away",
        "wait_mean_min",
        "wait_p90_min",
        "queue_avg",
        "queue_max",
        "utilisation",
        "overtime_min",
        "uses",
    ] {
        assert!(stdout.contains(metric), "missing {metric} in\n{stdout}");
    }
    assert!(stdout.contains("turned_away") && stdout.contains("reneged"));
    assert_eq!(
        stdout.lines().filter(|l| l.trim_end().ends_with("served")).count(),
        3,
        "{stdout}"
    );
}

#[test]
fn replay_bad_row_names_line_and_column_with_exit_code_2() {
    let dir = temp_dir("replay-bad");
    let day = dir.join("day.csv");
    std::fs::write(&day, "arrival_min,service_min\n0,10\n5,x\n").unwrap();
    let out = ablakbusz(&["replay", day.to_str().unwrap(), "--clerks", "1", "--dwell", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("day.csv:3") && stderr.contains("service_min"),
        "{stderr}"
    );
    std::fs::write(&day, "arrival_min,service_min\n0,-4\n").unwrap();
    let out = ablakbusz(&["replay", day.to_str().unwrap(), "--clerks", "1", "--dwell", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("service_min must be"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn replay_missing_file_is_bad_input() {
    let out = ablakbusz(&["replay", "/no/such/day.csv", "--clerks", "1", "--dwell", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/no/such/day.csv"));
}

/// Runs the binary in `cwd` with its stdout closed at once (`ablakbusz … | head -0`): every print
/// meets a closed pipe.
#[cfg(unix)]
pub(crate) fn ablakbusz_stdout_closed(cwd: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ablakbusz"))
        .args(args)
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}
