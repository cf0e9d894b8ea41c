//! `compare` and `policies` for management: the folder named after what was compared, the warning
//! when the seasons differ in stops, the page with the answer in sentences, the dwell export.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::cli::temp_dir;

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path).display().to_string()
}

/// Runs the binary in `cwd` with `args` and 16 replications; it must succeed.
fn in_folder(cwd: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_ablakbusz"))
        .args(args)
        .args(["--replications", "16"])
        .current_dir(cwd)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn compare_folder(cwd: &Path, a: &str, b: &str) -> PathBuf {
    cwd.join("output/compare").join(format!("{a}--vs--{b}"))
}

#[test]
fn two_comparisons_write_two_folders_named_after_their_scenarios() {
    let cwd = temp_dir("compare-folders");
    let (plan, desks, fixed) = (
        repo("scenarios/2020-plan.toml"),
        repo("scenarios/whatif-3-desks.toml"),
        repo("scenarios/whatif-fixed-3h-dwell.toml"),
    );
    in_folder(&cwd, &["compare", &plan, &desks, "--quiet"]);
    in_folder(&cwd, &["compare", &plan, &fixed, "--quiet"]);
    let first = read(&compare_folder(&cwd, "2020-plan", "whatif-3-desks").join("compare.csv"));
    let second = read(&compare_folder(&cwd, "2020-plan", "whatif-fixed-3h-dwell").join("compare.csv"));
    assert!(first.contains("\nwhatif-3-desks,"), "{first}");
    assert!(second.contains("\nwhatif-fixed-3h-dwell,"), "{second}");
    in_folder(&cwd, &["policies", &plan, "--quiet"]);
    assert!(cwd.join("output/policies/2020-plan/policies.csv").is_file());
}

#[test]
fn the_season_range_is_in_the_comparison_table() {
    let cwd = temp_dir("compare-range");
    let plan = repo("scenarios/2020-plan.toml");
    let desks = repo("scenarios/whatif-3-desks.toml");
    in_folder(&cwd, &["compare", &plan, &desks, "--quiet"]);
    let csv = read(&compare_folder(&cwd, "2020-plan", "whatif-3-desks").join("compare.csv"));
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    for line in lines {
        let cells: Vec<f64> = line.split(',').map(|c| c.parse().unwrap_or(f64::NAN)).collect();
        for metric in ["served", "lost", "clerk_hours", "share_within_target"] {
            let (p05, mean, p95) = (
                cells[at(&format!("{metric}_p05"))],
                cells[at(&format!("{metric}_mean"))],
                cells[at(&format!("{metric}_p95"))],
            );
            assert!(p05 <= mean && mean <= p95, "{metric}: {p05} {mean} {p95}");
        }
    }
}

#[test]
fn a_warning_names_the_stops_when_the_seasons_differ_and_only_then() {
    let cwd = temp_dir("compare-mismatch");
    let plan = repo("scenarios/2020-plan.toml");
    let baseline = repo("scenarios/2019-baseline.toml");
    let desks = repo("scenarios/whatif-3-desks.toml");
    for lang in ["en", "hu"] {
        let out = in_folder(&cwd, &["compare", &plan, &baseline, "--lang", lang]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let (warning, only_in) = match lang {
            "en" => (
                "Warning: “2019-baseline” has 196 stops and “2020-plan”",
                "only in “2019-baseline”: 2019-",
            ),
            _ => (
                "Figyelem: a(z) „2019-baseline” változatnak 196 megállója van",
                "csak a(z) „2019-baseline” változatban: 2019-",
            ),
        };
        assert!(stderr.contains(warning), "{lang}: {stderr}");
        assert!(stderr.contains(only_in), "{lang}: {stderr}");
    }
    let same = in_folder(&cwd, &["compare", &plan, &desks]);
    let stderr = String::from_utf8_lossy(&same.stderr);
    assert!(!stderr.contains("Warning"), "{stderr}");
}
