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
    // The JSON carries the same ranges.
    let folder = compare_folder(&cwd, "2020-plan", "whatif-3-desks");
    let json: serde_json::Value = serde_json::from_str(&read(&folder.join("compare.json"))).unwrap();
    let alternatives = json["alternatives"].as_array().unwrap();
    assert_eq!(alternatives.len(), 2);
    assert_eq!(json["meta"]["replications"], 16);
    for alternative in alternatives {
        let name = alternative["name"].as_str().unwrap();
        let served = alternative["season"]["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == "served")
            .unwrap();
        let p05 = served["range"]["p05"].as_f64().unwrap();
        let in_csv: f64 = cell(&csv, name, "served_p05").parse().unwrap();
        assert!((p05 - in_csv).abs() < 1e-4, "{name}: {p05} vs {in_csv}");
        assert!(p05 <= served["mean"].as_f64().unwrap());
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

/// The part of a page between `<section id="answer">` and its end.
fn answer_section(page: &str) -> &str {
    let start = page.find("<section id=\"answer\">").expect("an answer section");
    let end = start + page[start..].find("</section>").expect("its end");
    &page[start..end]
}

#[test]
fn the_page_gives_the_answer_in_sentences_in_both_languages() {
    let cwd = temp_dir("compare-page");
    let plan = repo("scenarios/2020-plan.toml");
    let desks = repo("scenarios/whatif-3-desks.toml");
    let folder = compare_folder(&cwd, "2020-plan", "whatif-3-desks");
    for (lang, overall, measure) in [
        (
            "en",
            "“whatif-3-desks” against “2020-plan”: better on clients served, clients lost, mean wait; worse on clerk-hours.",
            "Served clients: “whatif-3-desks” is better than “2020-plan”, +",
        ),
        (
            "hu",
            "A(z) „whatif-3-desks” a(z) „2020-plan” változathoz képest: jobb: kiszolgált ügyfelek, elvesztett ügyfelek, átlagos várakozás; rosszabb: ügyintézői órák.",
            "Kiszolgált ügyfelek: a(z) „whatif-3-desks” jobb, mint a(z) „2020-plan”, szezononként +",
        ),
    ] {
        in_folder(&cwd, &["compare", &plan, &desks, "--quiet", "--lang", lang]);
        let page = read(&folder.join("compare.html"));
        let answer = answer_section(&page);
        assert!(answer.contains(overall), "{lang}: {answer}");
        assert!(answer.contains(measure), "{lang}: {answer}");
        assert!(page.contains(&format!("<html lang=\"{lang}\">")));
        // Self-contained: the charts are inline, nothing is fetched.
        assert_eq!(page.matches("<img src=\"data:image/png;base64,").count(), 2);
        assert!(!page.contains("http://") && !page.contains("https://") && !page.contains("<link"));
        for chart in ["differences", "scenario-comparison"] {
            assert!(folder.join(format!("{chart}.png")).is_file() && folder.join(format!("{chart}.svg")).is_file());
        }
    }
}

#[test]
fn a_scenario_compared_with_itself_says_no_difference() {
    let cwd = temp_dir("compare-page-self");
    let plan = repo("scenarios/2020-plan.toml");
    for (lang, sentence, words) in [
        (
            "en",
            "No difference: “2020-plan” gives exactly the results of “2020-plan” in every simulated season.",
            &["better", "worse", "no clear difference"][..],
        ),
        (
            "hu",
            "Nincs eltérés: a(z) „2020-plan” minden szimulált szezonban pontosan ugyanazt az eredményt adja, mint a(z) „2020-plan”.",
            // "jobban" ("varies more") is in the season-range sentence: the verdicts are "jobb," and "jobb:".
            &["jobb,", "jobb:", "rosszabb", "nincs egyértelmű eltérés"][..],
        ),
    ] {
        in_folder(&cwd, &["compare", &plan, &plan, "--quiet", "--lang", lang]);
        let page = read(&compare_folder(&cwd, "2020-plan", "2020-plan").join("compare.html"));
        let answer = answer_section(&page);
        assert!(answer.contains(sentence), "{lang}: {answer}");
        for word in words {
            assert!(!answer.contains(word), "{lang}: {word} in {answer}");
        }
    }
}

#[test]
fn the_hungarian_policies_page_names_the_default_policies_in_hungarian() {
    let cwd = temp_dir("policies-page-hu");
    in_folder(
        &cwd,
        &["policies", &repo("scenarios/2020-plan.toml"), "--quiet", "--lang", "hu"],
    );
    let folder = cwd.join("output/policies/2020-plan");
    let page = read(&folder.join("policies.html"));
    let answer = answer_section(&page);
    for name in [
        "„Rögzített 3 órás tartózkodás”",
        "„Tartózkodás a település mérete szerint”",
    ] {
        assert!(answer.contains(name), "{name}");
    }
    assert!(
        !page.contains("fixed 3 h") && !page.contains("by size"),
        "no English policy name"
    );
    assert!(
        folder.join("dwells-demand-driven.toml").is_file(),
        "the export keeps the scenario's name"
    );
    // policies.json: the names people read in Hungarian, the keys as the scenario spells them.
    let json: serde_json::Value = serde_json::from_str(&read(&folder.join("policies.json"))).unwrap();
    let field = |name: &str| -> Vec<String> {
        json["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a[name].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(field("key"), ["by size", "fixed 3 h", "demand-driven"]);
    assert_eq!(
        field("name")[..2],
        ["Tartózkodás a település mérete szerint", "Rögzített 3 órás tartózkodás"]
    );
}

#[test]
fn policies_write_their_page() {
    let cwd = temp_dir("policies-page");
    in_folder(&cwd, &["policies", &repo("scenarios/2020-plan.toml"), "--quiet"]);
    let folder = cwd.join("output/policies/2020-plan");
    let page = read(&folder.join("policies.html"));
    assert!(page.contains("<h1>Dwell policies compared: 2020-plan</h1>"), "{page}");
    assert!(answer_section(&page).contains("“fixed 3 h” against “by size”:"));
    assert!(folder.join("policy-comparison.png").is_file());
}

/// The value of `column` in the first row of `csv` whose first cell is `first`.
fn cell(csv: &str, first: &str, column: &str) -> String {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = header
        .iter()
        .position(|h| *h == column)
        .unwrap_or_else(|| panic!("{column}"));
    let row = lines
        .find(|l| l.split(',').next() == Some(first))
        .unwrap_or_else(|| panic!("no row {first}"));
    row.split(',').nth(at).unwrap().to_string()
}

#[test]
fn the_demand_driven_dwells_run_as_a_scenario_with_the_same_results() {
    let cwd = temp_dir("dwell-export");
    in_folder(&cwd, &["policies", &repo("scenarios/2020-plan.toml"), "--quiet"]);
    let folder = cwd.join("output/policies/2020-plan");
    let scenario = folder.join("dwells-demand-driven.toml");
    let stops = read(&folder.join("dwells-demand-driven-stops.csv"));
    assert!(
        stops.starts_with("date,start,settlement,venue,dwell_hours,clerks,"),
        "{stops}"
    );
    let policies = read(&folder.join("policies.csv"));
    let page = read(&folder.join("policies.html"));
    assert!(page.contains("dwells-demand-driven.toml"), "the page names the export");
    let run = cwd.join("run");
    in_folder(
        &cwd,
        &[
            "run",
            scenario.to_str().unwrap(),
            "--quiet",
            "--out",
            run.to_str().unwrap(),
        ],
    );
    // The same stops, dwells, seed and replications: the same season as the policy's.
    let season = read(&run.join("season.csv"));
    for metric in ["served_mean", "lost_mean", "clerk_hours_mean"] {
        assert_eq!(
            cell(&season, "season", metric),
            cell(&policies, "demand-driven", metric),
            "{metric}"
        );
    }
}

#[test]
fn the_comparison_table_carries_the_costs_as_run_gives_them() {
    // A scenario with rates, compared with its 3-clerk variant: compare's paid clerk-hours, km and
    // cost of the first equal run's (same seed, same replications), and the difference is the
    // difference of the two seasons' own bills.
    let cwd = temp_dir("compare-costs");
    let base = cwd.join("priced.toml");
    let rates = "[bus]\nhuf_per_clerk_hour = 4000\nhuf_per_km = 100\n";
    let plan = read(Path::new(&repo("scenarios/2020-plan.toml")));
    let plan = plan
        .replacen("[bus]\n", rates, 1)
        .replacen("name = \"2020-plan\"", "name = \"priced\"", 1);
    std::fs::write(
        &base,
        plan.replace("stops_csv = \"", &format!("stops_csv = \"{}/", repo("scenarios"))),
    )
    .unwrap();
    let more = cwd.join("priced-3.toml");
    std::fs::write(
        &more,
        "extends = \"priced.toml\"\nname = \"priced-3\"\n[bus]\ndesks = 3\nclerks = 3\n",
    )
    .unwrap();
    let (a, b) = (base.to_str().unwrap(), more.to_str().unwrap());
    in_folder(&cwd, &["compare", a, b, "--quiet"]);
    let csv = read(&compare_folder(&cwd, "priced", "priced-3").join("compare.csv"));
    let bill = |folder: &str, file: &str| {
        in_folder(&cwd, &["run", file, "--quiet", "--out", folder]);
        let json: serde_json::Value = serde_json::from_str(&read(&cwd.join(folder).join("summary.json"))).unwrap();
        let costs = &json["costs"];
        (
            costs["paid_clerk_hours"].as_f64().unwrap(),
            costs["km"].as_f64().unwrap(),
            costs["cost_huf"].as_f64().unwrap(),
        )
    };
    let (hours_a, km_a, cost_a) = bill("run-a", a);
    let (hours_b, _, _) = bill("run-b", b);
    let value = |first: &str, column: &str| cell(&csv, first, column).parse::<f64>().unwrap();
    let near = |x: f64, y: f64| (x - y).abs() <= 1e-6 * y.abs().max(1.0);
    assert!(near(value("priced", "paid_clerk_hours"), hours_a), "{csv}");
    assert!(near(value("priced", "km"), km_a), "{csv}");
    assert!(near(value("priced", "cost_huf"), cost_a), "{csv}");
    assert!(
        near(value("priced-3", "diff_paid_clerk_hours"), hours_b - hours_a),
        "{csv}"
    );
    assert!(near(cost_a, 4000.0 * hours_a + 100.0 * km_a));
}
