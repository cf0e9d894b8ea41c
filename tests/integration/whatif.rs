//! What-ifs without copies: `extends` (keys override, tables merge, arrays replace; errors in the
//! file that set the key; cycles refused), `--set KEY=VALUE`, and the shipped what-ifs as short files.

use std::path::{Path, PathBuf};

use ablakbusz::scenario::{self, ScenarioText, Setting};
use calamine::Reader;

use crate::cli::{ablakbusz, temp_dir};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn problems(path: &Path, settings: &[&str]) -> String {
    let settings: Vec<Setting> = settings.iter().map(|s| Setting::parse(s).unwrap()).collect();
    match ScenarioText::read(path).unwrap().with_settings(&settings).resolve(None) {
        Ok(_) => String::new(),
        Err(e) => e.to_string(),
    }
}

/// A plan in a folder of its own, naming a stops CSV beside it.
const BASE: &str = "name = \"base\"\ndescription = \"the base\"\n[bus]\ndesks = 2\nclerks = 2\n\
                    [season]\nstops_csv = \"stops.csv\"\n";
const STOPS: &str = "date,start,settlement,venue,dwell_hours\n2020-03-02,08:00,Kecel,municipality,3\n\
                     2020-03-03,08:00,Kiskőrös,municipality,4\n";

#[test]
fn a_chain_of_extends_merges_and_keeps_each_files_paths_relative_to_that_file() {
    let dir = temp_dir("extends-chain");
    write(&dir, "plans/base.toml", BASE);
    write(&dir, "plans/stops.csv", STOPS);
    write(&dir, "mid.toml", "extends = \"plans/base.toml\"\n[bus]\ndesks = 3\n");
    let leaf = write(&dir, "leaf.toml", "extends = \"mid.toml\"\nbus.clerks = 3\n");
    let season = scenario::load_file(&leaf).unwrap();
    assert_eq!(season.name, "leaf", "name is not inherited: the file's stem names it");
    assert_eq!(season.description, None, "description is not inherited");
    assert_eq!(season.stops.len(), 2, "stops.csv read from plans/, beside base.toml");
    assert!(season.stops.iter().all(|s| s.spec.clerks == 3 && s.spec.desks == 3));
    // The same season written out in full has the same digest.
    let full = write(
        &dir,
        "plans/leaf.toml",
        "[bus]\ndesks = 3\nclerks = 3\n[season]\nstops_csv = \"stops.csv\"\n",
    );
    assert_eq!(
        scenario::digest(&season),
        scenario::digest(&scenario::load_file(full).unwrap())
    );
}

#[test]
fn a_problem_is_placed_in_the_file_that_set_the_key() {
    let dir = temp_dir("extends-errors");
    write(&dir, "base.toml", &format!("{BASE}[simulation]\nseed = \"x\"\n"));
    write(&dir, "stops.csv", STOPS);
    let child = write(&dir, "child.toml", "extends = \"base.toml\"\n\n[bus]\ndesk = 3\n");
    let found = problems(&child, &[]);
    assert!(
        found.contains("child.toml:4:1: bus.desk: unknown field `desk`"),
        "{found}"
    );
    assert!(found.contains("did you mean \"desks\"?"), "{found}");
    assert!(
        found.contains("base.toml:9:8: simulation.seed: must be a whole number"),
        "{found}"
    );
    // Overridden, the parent's bad value is gone.
    let fixed = write(&dir, "fixed.toml", "extends = \"base.toml\"\n[simulation]\nseed = 7\n");
    assert_eq!(problems(&fixed, &[]), "");
    // A cross-key check names the key where it was set.
    let found = problems(&fixed, &["bus.clerks=3"]);
    assert!(found.starts_with("--set bus.clerks=3: bus.clerks:"), "{found}");
}

#[test]
fn a_cycle_a_missing_file_and_a_wrong_type_are_refused_in_words() {
    let dir = temp_dir("extends-cycle");
    write(&dir, "a.toml", "extends = \"b.toml\"\n");
    let b = write(&dir, "b.toml", "# b\nextends = \"a.toml\"\n");
    let found = problems(&b, &[]);
    assert!(found.contains("a.toml:1:11: extends: extends forms a cycle"), "{found}");
    assert!(found.contains("b.toml → ") && found.contains("a.toml"), "{found}");
    let missing = write(&dir, "m.toml", "extends = \"nowhere.toml\"\n");
    let found = problems(&missing, &[]);
    assert!(
        found.starts_with(&format!("{}:1:11: extends: cannot read", missing.display())),
        "{found}"
    );
    let number = write(&dir, "n.toml", "extends = 2020\n");
    assert!(problems(&number, &[]).contains("n.toml:1:11: extends: must be the path"));
    let out = ablakbusz(&["check", b.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_3_desk_what_if_written_elsewhere_as_extends_has_the_shipped_files_digest() {
    let dir = temp_dir("extends-absolute");
    let plan = repo("scenarios/2020-plan.toml");
    let text = format!(
        "extends = {:?}\nname = \"whatif-3-desks\"\ndescription = \"The 2020 plan with a three-desk vehicle and three \
         clerks.\"\n[bus]\ndesks = 3\nclerks = 3\n",
        plan.display().to_string()
    );
    let written = scenario::load_file(write(&dir, "3.toml", &text)).unwrap();
    let shipped = scenario::load_file(repo("scenarios/whatif-3-desks.toml")).unwrap();
    assert_eq!(scenario::digest(&written), scenario::digest(&shipped));
}

/// `run` of `args` into a fresh folder: the folder.
fn run_into(name: &str, args: &[&str]) -> PathBuf {
    let out = temp_dir(name);
    let mut all = vec!["run", "--replications", "16", "--quiet", "--out", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let result = ablakbusz(&all);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    out
}

#[test]
fn set_on_the_2020_plan_gives_the_3_desk_what_ifs_results_byte_for_byte() {
    let plan = repo("scenarios/2020-plan.toml");
    let whatif = repo("scenarios/whatif-3-desks.toml");
    let file = run_into("set-file", &[whatif.to_str().unwrap()]);
    let set = run_into(
        "set-cli",
        &[
            plan.to_str().unwrap(),
            "--set",
            "bus.desks=3",
            "--set",
            "bus.clerks=3",
            "--set",
            "name=whatif-3-desks",
            "--set",
            "description=The 2020 plan with a three-desk vehicle and three clerks.",
        ],
    );
    for table in ["stops.csv", "season.csv", "summary.json"] {
        let (a, b) = (
            std::fs::read(file.join(table)).unwrap(),
            std::fs::read(set.join(table)).unwrap(),
        );
        assert!(a == b, "{table} differs");
    }
}

#[test]
fn set_is_checked_as_the_file_is_and_named_as_the_place() {
    let plan = repo("scenarios/2020-plan.toml");
    let out = ablakbusz(&["check", plan.to_str().unwrap(), "--set", "bus.clerks=3"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--set bus.clerks=3: bus.clerks: 3 clerks but only 2 desks"),
        "{stderr}"
    );
    let out = ablakbusz(&[
        "check",
        plan.to_str().unwrap(),
        "--set",
        "bus.closng=x",
        "--set",
        "simulation.seed=-1",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--set bus.closng=x: bus.closng: unknown field"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean \"closing\"?"), "{stderr}");
    assert!(
        stderr.contains("--set simulation.seed=-1: simulation.seed: must be a whole number"),
        "{stderr}"
    );
    let out = ablakbusz(&["check", plan.to_str().unwrap(), "--set", "bus.clerks"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no '='"));
    // A bare word is text; a path set on the command line is relative to the working directory.
    let out = ablakbusz(&["check", plan.to_str().unwrap(), "--set", "season.stops_csv=nowhere.csv"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--set season.stops_csv=nowhere.csv: season."),
        "{stderr}"
    );
}
#[test]
fn every_shipped_what_if_is_short_and_extends_the_2020_plan() {
    let mut whatifs: Vec<PathBuf> = std::fs::read_dir(repo("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("whatif-"))
        .collect();
    whatifs.sort();
    assert!(whatifs.len() >= 7, "{whatifs:?}");
    for path in &whatifs {
        let text = std::fs::read_to_string(path).unwrap();
        let lines = text.lines().count();
        assert!(lines < 40, "{}: {lines} lines", path.display());
        let extends = text.lines().find(|l| l.starts_with("extends"));
        assert_eq!(extends, Some("extends = \"2020-plan.toml\""), "{}", path.display());
        let season = scenario::load_file(path).unwrap_or_else(|e| panic!("{}:\n{e}", path.display()));
        let stem = path.file_stem().unwrap().to_string_lossy();
        assert_eq!(season.name, stem, "its own output folder");
    }
}

#[test]
fn a_3_by_3_sweep_writes_its_table_charts_and_workbook_and_each_point_is_the_run_with_set() {
    let plan = repo("scenarios/2020-plan.toml");
    let out = temp_dir("sweep-3x3");
    let result = ablakbusz(&[
        "sweep",
        plan.to_str().unwrap(),
        "--set",
        "bus.desks=3",
        "--vary",
        "bus.clerks=1,2,3",
        "--vary",
        "demand.dwell_exponent=0,0.5,1",
        "--replications",
        "16",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert!(result.stdout.is_empty(), "--quiet prints nothing");
    let table = std::fs::read_to_string(out.join("sweep.csv")).unwrap();
    let rows: Vec<&str> = table.lines().collect();
    assert_eq!(rows.len(), 1 + 9, "{table}");
    assert!(rows[0].starts_with("point,bus.clerks,demand.dwell_exponent,served_mean,served_ci95,served_p05"));
    for name in ["sweep-served", "sweep-lost", "sweep-clerk-hours", "sweep-wait"] {
        for ext in ["png", "svg"] {
            assert!(out.join(format!("{name}.{ext}")).exists(), "{name}.{ext}");
        }
    }
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(out.join("workbook.xlsx")).unwrap();
    let sheet = workbook
        .sheet_names()
        .into_iter()
        .find(|n| n.starts_with("sweep"))
        .unwrap();
    let range = workbook.worksheet_range(&sheet).unwrap();
    assert_eq!(range.height(), 1 + 9);
    assert!(
        matches!(range.get((1, 3)), Some(calamine::Data::Float(_))),
        "served_mean is a number"
    );
    // The page for management: the answer and the paired differences to the first point.
    let page = std::fs::read_to_string(out.join("sweep.html")).unwrap();
    assert!(
        page.contains("Sweep of 2020-plan: bus.clerks, demand.dwell_exponent"),
        "the title"
    );
    for clerks in ["1", "2", "3"] {
        for exponent in ["0", "0.5", "1"] {
            let point = format!("({clerks}, {exponent})");
            assert!(page.contains(&point), "{point} on the page");
        }
    }
    assert!(page.contains("data:image/png;base64,"), "charts inline");
    for chart in ["differences", "sweep-comparison"] {
        assert!(out.join(format!("{chart}.png")).exists(), "{chart}.png");
    }
    // Each point is `run --set` with its values: the season's served clients agree to the digit.
    let season_served = |dir: &Path| -> String {
        let season = std::fs::read_to_string(dir.join("season.csv")).unwrap();
        let header: Vec<&str> = season.lines().next().unwrap().split(',').collect();
        let column = header.iter().position(|h| *h == "served_mean").unwrap();
        season
            .lines()
            .nth(1)
            .unwrap()
            .split(',')
            .nth(column)
            .unwrap()
            .to_string()
    };
    for (i, row) in rows[1..].iter().enumerate() {
        let cells: Vec<&str> = row.split(',').collect();
        let (clerks, exponent) = (cells[1], cells[2]);
        let run = run_into(
            &format!("sweep-point-{i}"),
            &[
                plan.to_str().unwrap(),
                "--set",
                "bus.desks=3",
                "--set",
                &format!("bus.clerks={clerks}"),
                "--set",
                &format!("demand.dwell_exponent={exponent}"),
            ],
        );
        assert_eq!(cells[3], season_served(&run), "point {}: {row}", i + 1);
    }
}

#[test]
fn a_sweep_over_the_point_ceiling_is_refused_before_simulating() {
    let plan = repo("scenarios/2020-plan.toml");
    let nine = "1,2,3,4,5,6,7,8,9";
    let result = ablakbusz(&[
        "sweep",
        plan.to_str().unwrap(),
        "--vary",
        &format!("demand.base_rate={nine}"),
        "--vary",
        &format!("simulation.seed={nine}"),
    ]);
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("9 × 9 = 81 points, more than the 64"), "{stderr}");
    let result = ablakbusz(&["sweep", plan.to_str().unwrap(), "--vary", "bus.clerks=2,3"]);
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("--set bus.clerks=3: bus.clerks: 3 clerks but only 2 desks"),
        "{stderr}"
    );
}
