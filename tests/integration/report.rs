//! The management report: every section, nothing outside the file, both languages, chart data
//! equal to the CSV and to an independent computation, and byte-identical output on any threads.

use ablakbusz::app::{ReportRequest, RunOptions, ScenarioSource, report_files};
use ablakbusz::experiment::{GroupMetric, QueueGrid, RunSettings, queue_curve};
use ablakbusz::report::OutputFile;
use ablakbusz::report::chart_inputs::{
    QUEUE_BAND_HIGH_Q, QUEUE_BAND_LOW_Q, queue_curve_input, season_weeks_input, week_start,
};
use ablakbusz::report::lang::Lang;
use ablakbusz::report::render_season_csv;
use ablakbusz::scenario::{self, ScenarioText, Season};
use ablakbusz::sim::{Closing, Engine, Observer, StreamKey};
use ablakbusz::stats::percentile_type7;
use ablakbusz::study::{SeasonRun, Silent, simulate_season};
use ablakbusz::theory::FiniteHorizon;

use crate::builder::StopBuilder;
use crate::cli::{ablakbusz, temp_dir};

/// A small season of listed stops at villages whose KSH names carry accents, with a week
/// without stops in the middle.
const SMALL_SEASON_TOML: &str = r#"
name = "report-test"
description = "Six visits to five villages, for the report tests."

[simulation]
replications = 40
seed = 11

[demand]
profile = "front_loaded"
first_hour_weight = 2.0
dispersion_shape = 5.0

[bus]
desks = 2
clerks = 2
closing = "serve_all"

[[season.stop]]
date = 2020-09-07
start = "08:00"
settlement = "Fülöpháza"
dwell_hours = 2

[[season.stop]]
date = 2020-09-08
start = "08:00"
settlement = "Tiszaalpár"
dwell_hours = 4

[[season.stop]]
date = 2020-09-10
start = "09:00"
settlement = "Kerekegyháza"
dwell_hours = 5

[[season.stop]]
date = 2020-09-23
start = "08:00"
settlement = "Csólyospálos"
dwell_hours = 3

[[season.stop]]
date = 2020-09-24
start = "08:00"
settlement = "Ágasegyháza"
dwell_hours = 3

[[season.stop]]
date = 2020-09-25
start = "10:00"
settlement = "Tiszaalpár"
dwell_hours = 4
"#;

/// A small generated season (it has an itinerary, so the map draws routes).
const GENERATED_SEASON_TOML: &str = r#"
name = "report-generated"

[simulation]
replications = 40
seed = 5

[season.generate]
from = 2020-09-07
to = 2020-10-30
settlements = "none"
include = ["Fülöpháza", "Tiszaalpár", "Kerekegyháza", "Csólyospálos", "Ágasegyháza", "Bócsa", "Kunszállás"]
visits_per_settlement = 2
min_days_between_visits = 14
max_stops_per_day = 2

[season.generate.dwell]
policy = "by_size"
"#;

fn text(toml: &str, name: &str) -> ScenarioText {
    ScenarioText {
        text: toml.to_string(),
        origin: name.to_string(),
        base_dir: None,
        settings: Vec::new(),
    }
}

fn small_text() -> ScenarioText {
    text(SMALL_SEASON_TOML, "report-test.toml")
}

fn small_season() -> Season {
    small_text().resolve(None).unwrap_or_else(|e| panic!("{e}"))
}

fn options(threads: usize, replications: u32, lang: Lang, stop: Option<usize>) -> RunOptions {
    RunOptions {
        scenario: ScenarioSource::Embedded,
        replications: Some(replications),
        seed: None,
        threads: Some(threads),
        out: None,
        quiet: true,
        report: Some(ReportRequest { lang, stop }),
        precision: None,
        input_uncertainty: None,
        per_replication: false,
        trace: None,
    }
}

fn run_and_report(text: &ScenarioText, options: &RunOptions) -> (SeasonRun, Vec<OutputFile>) {
    let season = text.resolve(None).unwrap();
    let run = simulate_season(&season, &scenario::digest(&season), &options.simulation(), &Silent).unwrap();
    let files = report_files(
        &text.parse(),
        &season,
        &run,
        options.report.as_ref().unwrap(),
        &ablakbusz::study::Silent,
    )
    .unwrap();
    (run, files)
}

fn file<'a>(files: &'a [OutputFile], name: &str) -> &'a OutputFile {
    files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

fn html(files: &[OutputFile]) -> String {
    String::from_utf8(file(files, "report.html").bytes.clone()).unwrap()
}

/// Values of every `attribute="..."` in `page`.
fn attribute_values<'a>(page: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!("{attribute}=\"");
    page.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &page[at + needle.len()..];
            &rest[..rest.find('"').expect("closed attribute")]
        })
        .collect()
}

#[test]
fn the_report_has_every_section_and_chart_and_nothing_from_outside() {
    let (_, files) = run_and_report(&small_text(), &options(2, 40, Lang::En, None));
    let page = html(&files);
    for id in ["summary", "charts", "tables", "assumptions", "sources"] {
        assert!(page.contains(&format!("<section id=\"{id}\">")), "section {id}");
        assert!(page.contains(&format!("<a href=\"#{id}\">")), "contents link to {id}");
    }
    for heading in ["Summary", "Charts", "Key tables", "Assumptions", "Data sources"] {
        assert!(page.contains(&format!("<h2>{heading}</h2>")), "{heading}");
    }
    for chart in [
        "county-map",
        "queue",
        "wait-distribution",
        "season",
        "staffing",
        "policy-comparison",
    ] {
        assert!(
            page.contains(&format!("<figure id=\"figure-{chart}\">")),
            "figure {chart}"
        );
        assert!(!file(&files, &format!("{chart}.png")).bytes.is_empty());
        assert!(String::from_utf8_lossy(&file(&files, &format!("{chart}.svg")).bytes).starts_with("<svg"));
    }
    for table in [
        "Season totals",
        "Busiest stops",
        "Clerks needed by settlement size",
        "By district",
    ] {
        assert!(page.contains(table), "table {table}");
    }
    for assumption in [
        "Base rate",
        "Case mix",
        "At closing time",
        "Staffing targets",
        "negative binomial",
    ] {
        assert!(page.contains(assumption), "assumption {assumption}");
    }
    assert!(page.contains("Hungarian Central Statistical Office (KSH)"));
    assert!(page.contains("bus-programme-facts.md"));

    // Nothing outside the file: images are data URIs, links point inside the page.
    let sources = attribute_values(&page, "src");
    assert_eq!(sources.len(), 6, "one image per chart");
    assert!(
        sources.iter().all(|s| s.starts_with("data:image/png;base64,")),
        "{sources:?}"
    );
    let links = attribute_values(&page, "href");
    assert!(
        !links.is_empty() && links.iter().all(|h| h.starts_with('#')),
        "{links:?}"
    );
    let lower = page.to_lowercase();
    for outside in [
        "http", "url(", "@import", "<link", "<script", "<iframe", "src=\"/", "file:",
    ] {
        assert!(!lower.contains(outside), "the page refers outside itself: {outside}");
    }
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
}

#[test]
fn the_answer_comes_first_and_is_computed_from_the_results() {
    let (run, files) = run_and_report(&small_text(), &options(2, 40, Lang::En, None));
    let page = html(&files);
    let summary = &page[page.find("<section id=\"summary\">").unwrap()..page.find("<section id=\"charts\">").unwrap()];
    let share = run.results.season.pooled.share_within_target.mean;
    let expected = format!(
        "With 2 clerks and stays of 2–5 hours, longer in larger settlements, {}% of the clients served wait less than 20 minutes",
        (share * 100.0).round()
    );
    assert!(summary.contains(&expected), "{summary}");
    let arrivals = run.results.season.get(GroupMetric::Arrivals);
    let range = run.results.season.range(GroupMetric::Arrivals).unwrap();
    // One season's range first ("about": to 10 from a hundred, to 50 from a thousand), the expected
    // value with its precision after.
    let about = |v: f64| {
        let step = if v >= 1_000.0 {
            50.0
        } else if v >= 100.0 {
            10.0
        } else {
            1.0
        };
        (v / step).round() * step
    };
    let volume = format!(
        "Between about {} and {} clients come in a season like this one (the expected {} is precise to ± {})",
        about(range.p05),
        about(range.p95),
        arrivals.mean.round(),
        arrivals.ci95.round()
    );
    assert!(summary.contains(&volume), "{volume} in {summary}");
    assert!(summary.contains("The season has 6 stops on 6 days."), "{summary}");
    for other in [
        "“Fixed 3-hour dwell” instead of “Dwell by settlement size”",
        "“Demand-driven dwell” instead of “Dwell by settlement size”",
    ] {
        assert!(summary.contains(other), "{other}");
    }
}

#[test]
fn the_hungarian_report_is_hungarian_with_its_accents() {
    let (_, files) = run_and_report(&small_text(), &options(2, 40, Lang::Hu, None));
    let page = html(&files);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"hu\">"));
    for heading in ["Összefoglaló", "Ábrák", "Fő táblázatok", "Feltevések", "Adatforrások"] {
        assert!(page.contains(&format!("<h2>{heading}</h2>")), "{heading}");
    }
    for text in [
        "ügyintéző",
        "Gyűrű",
        "Várakozó (még nem a pultnál lévő) ügyfelek",
        "Központi Statisztikai Hivatal (KSH)",
        "Szükséges ügyintézők a település mérete szerint",
    ] {
        assert!(page.contains(text), "{text}");
    }
    assert!(page.contains('ő') && page.contains('ű'));
    for wrong in ['õ', 'û', 'Õ', 'Û'] {
        assert!(!page.contains(wrong), "{wrong}");
    }
    // Settlement names as KSH spells them, in the tables.
    for name in ["Fülöpháza", "Tiszaalpár", "Kerekegyháza", "Csólyospálos", "Ágasegyháza"] {
        assert!(page.contains(&format!("<td>{name}</td>")), "{name}");
    }
    assert!(!page.contains("Summary") && !page.contains("Key tables"));
}

#[test]
fn the_weekly_chart_plots_the_week_rows_of_season_csv() {
    let season = small_season();
    let run = simulate_season(&season, "x", &options(2, 40, Lang::En, None).simulation(), &Silent).unwrap();
    let weeks = season_weeks_input(&run.results).weeks;
    let csv_text = render_season_csv(ablakbusz::report::lang::Lang::En, &run.results).unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (level, group, arrivals) = (column("level"), column("group"), column("arrivals_mean"));
    let mut week_rows = 0;
    for row in reader.records().map(Result::unwrap).filter(|r| &r[level] == "week") {
        week_rows += 1;
        let start = week_start(&row[group]).unwrap();
        let plotted = weeks.iter().find(|w| w.week_start == start).expect("week plotted");
        let in_csv: f64 = row[arrivals].parse().unwrap();
        assert!(
            (plotted.mean_clients - in_csv).abs() <= 5e-5,
            "{}: {} vs {in_csv}",
            &row[group],
            plotted.mean_clients
        );
    }
    // Stops fall in ISO weeks 37 and 39: both plotted from the CSV, week 38 plotted as zero.
    assert_eq!(week_rows, 2);
    assert_eq!(weeks.len(), 3);
    assert_eq!(weeks[1].mean_clients, 0.0);
    // Every client of the season is in some week.
    let season_arrivals = run.results.season.get(GroupMetric::Arrivals).mean;
    let weekly_sum: f64 = weeks.iter().map(|w| w.mean_clients).sum();
    assert!((weekly_sum - season_arrivals).abs() < 1e-9 * season_arrivals);
}

/// Records the number waiting as a step function: every change with its time.
#[derive(Default)]
struct QueueSteps {
    changes: Vec<(f64, u32)>,
}

impl Observer for QueueSteps {
    fn queue_changed(&mut self, time_min: f64, waiting: u32) {
        self.changes.push((time_min, waiting));
    }
}

impl QueueSteps {
    /// The number waiting at `t`, after every change at or before `t`.
    fn at(&self, t: f64) -> u32 {
        self.changes
            .iter()
            .take_while(|(time, _)| *time <= t)
            .last()
            .map_or(0, |c| c.1)
    }
}

#[test]
fn the_queue_chart_equals_a_direct_computation_from_every_simulated_day() {
    let season = small_season();
    let stop_index = 2; // Kerekegyháza, 5 hours
    let run = simulate_season(&season, "x", &options(2, 40, Lang::En, None).simulation(), &Silent).unwrap();
    let prepared = &run.model.stops[stop_index];
    let grid = QueueGrid::for_stop(&prepared.rules);
    let summary = queue_curve(prepared, stop_index, &grid, &run.settings).unwrap();
    let chart = queue_curve_input(&season.stops[stop_index], &summary);
    // Directly: every replication's full step function, evaluated at the grid times.
    let days: Vec<QueueSteps> = (0..u64::from(run.settings.replications))
        .map(|replication| {
            let mut steps = QueueSteps::default();
            let key = StreamKey {
                seed: run.settings.seed,
                stop: stop_index as u64,
                replication,
            };
            prepared.simulate_observed(&mut Engine::new(), key, &mut steps);
            steps
        })
        .collect();
    assert_eq!(chart.minutes.len(), 73, "every 5 min over 5 h and one more hour");
    assert_eq!(chart.dwell_min, 300.0);
    for (k, &t) in chart.minutes.iter().enumerate() {
        let mut values: Vec<f64> = days.iter().map(|d| f64::from(d.at(t))).collect();
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let p10 = percentile_type7(&mut values, QUEUE_BAND_LOW_Q).unwrap();
        let p90 = percentile_type7(&mut values, QUEUE_BAND_HIGH_Q).unwrap();
        assert!((chart.mean_waiting[k] - mean).abs() < 1e-12, "mean at {t}");
        assert_eq!((chart.p10_waiting[k], chart.p90_waiting[k]), (p10, p90), "band at {t}");
    }
    assert!(chart.mean_waiting.iter().any(|&m| m > 0.5), "the stop has a queue");
}

#[test]
fn the_queue_curve_matches_the_exact_transient_m_m_2_stop() {
    // λ = 6/h, exponential 15-min service, 2 clerks, 3 h, serve_all: E[waiting at t] from the
    // continuous-time Markov chain started empty (its law at horizon t is the law at t).
    let stop = StopBuilder::new().build();
    let grid = QueueGrid::for_stop(&stop.rules);
    let settings = RunSettings {
        replications: 4000,
        seed: 2024,
        threads: None,
    };
    let summary = queue_curve(&stop, 0, &grid, &settings).unwrap();
    for t in [15.0, 30.0, 60.0, 90.0, 120.0, 180.0] {
        let k = (t / grid.step_min).round() as usize;
        assert_eq!(summary.minutes[k], t);
        let exact = FiniteHorizon::new(0.1, 1.0 / 15.0, 2, t)
            .unwrap()
            .result(Closing::ServeAll, None)
            .unwrap()
            .expected_waiting_at_close;
        let d = &summary.waiting[k];
        let se = (d.variance() / d.count() as f64).sqrt();
        let gap = (d.mean() - exact).abs();
        assert!(gap <= 4.0 * se, "t = {t}: simulated {} ± {se}, exact {exact}", d.mean());
    }
    // The queue is empty at opening and, an hour after closing, nearly always gone.
    assert_eq!(summary.waiting[0].frequency(0), 4000);
}

#[test]
fn same_seed_gives_the_same_report_with_one_or_two_threads() {
    let generated = text(GENERATED_SEASON_TOML, "report-generated.toml");
    let (_, one) = run_and_report(&generated, &options(1, 48, Lang::Hu, Some(3)));
    let (_, two) = run_and_report(&generated, &options(2, 48, Lang::Hu, Some(3)));
    assert_eq!(one.len(), two.len());
    for (a, b) in one.iter().zip(&two) {
        assert_eq!(a.name, b.name);
        assert!(a.bytes == b.bytes, "{} differs between 1 and 2 threads", a.name);
    }
    let page = html(&one);
    assert!(page.contains("A megállót a --stop 3 kapcsoló választotta ki."));
}

#[test]
fn the_command_line_writes_the_report_and_rejects_a_bad_stop() {
    let dir = temp_dir("report");
    let scenario = dir.join("report-test.toml");
    std::fs::write(&scenario, SMALL_SEASON_TOML).unwrap();
    let out = dir.join("out");
    let args = [
        "report",
        scenario.to_str().unwrap(),
        "--replications",
        "20",
        "--lang",
        "hu",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ];
    let done = ablakbusz(&args);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    for name in [
        "report.html",
        "stops.csv",
        "season.csv",
        "summary.json",
        "staffing.csv",
        "queue.png",
        "queue.svg",
    ] {
        assert!(out.join(name).is_file(), "{name}");
    }
    // The staffing behind the report's staffing chart is what `staff` finds (in the same language).
    let staff_dir = dir.join("staff");
    let staff = ablakbusz(&[
        "staff",
        scenario.to_str().unwrap(),
        "--lang",
        "hu",
        "--out",
        staff_dir.to_str().unwrap(),
    ]);
    assert!(staff.status.success(), "{}", String::from_utf8_lossy(&staff.stderr));
    assert_eq!(
        std::fs::read_to_string(out.join("staffing.csv")).unwrap(),
        std::fs::read_to_string(staff_dir.join("staffing.csv")).unwrap()
    );
    let bad = ablakbusz(&["report", scenario.to_str().unwrap(), "--stop", "7", "--quiet"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--stop 7: the season has stops 1 to 6"));
    let with_report = ablakbusz(&[
        "run",
        scenario.to_str().unwrap(),
        "--report",
        "--replications",
        "20",
        "--quiet",
        "--out",
        dir.join("run").to_str().unwrap(),
    ]);
    assert!(
        with_report.status.success(),
        "{}",
        String::from_utf8_lossy(&with_report.stderr)
    );
    assert!(dir.join("run/report.html").is_file());
    std::fs::remove_dir_all(&dir).unwrap();
}
