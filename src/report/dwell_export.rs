//! The demand-driven dwells as a scenario `run` takes: a copy of the base scenario whose `[season]`
//! is the re-planned season's stops, listed in a stops CSV beside it with the chosen dwells.
//!
//! The copy keeps every other key of the base scenario (demand, clients, bus, simulation, targets,
//! policies) with the command's `--set` values laid over them (those under `season` are already in
//! the stops); relative paths in it are made absolute, since the copy lives in the output folder.
//! Both files are inputs, so they are written in the program's own format (English column names,
//! commas, decimal points) whatever `--lang` and `--csv` say.

use super::RenderError;
use super::csv_rows;
use super::itinerary::format_clock;
use crate::scenario::{DemandOrigin, ScenarioText, Season};

/// Keys of a scenario that name files relative to it: (table, key); `""` is the top level.
const PATH_KEYS: [(&str, &str); 3] = [
    ("", "extends"),
    ("demand", "settlements_csv"),
    ("uncertainty", "stop_log"),
];

/// Columns of the exported stops CSV, as `season.stops_csv` reads them.
const STOP_COLUMNS: [&str; 9] = [
    "date",
    "start",
    "settlement",
    "venue",
    "dwell_hours",
    "clerks",
    "label",
    "expected_clients",
    "arrival_rate_per_hour",
];

/// The two files of a dwell export: the scenario and its stops.
#[derive(Debug, Clone, PartialEq)]
pub struct DwellScenario {
    /// File name of the scenario (`<stem>.toml`).
    pub toml_file: String,
    pub toml: String,
    /// File name of the stops CSV (`<stem>-stops.csv`), as the scenario names it.
    pub csv_file: String,
    pub csv: String,
}

/// The file stem of a policy's export: its name in lower case, other characters as `-`
/// ("demand-driven" → `dwells-demand-driven`).
pub fn dwell_export_stem(policy: &str) -> String {
    let slug: String = policy
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug: Vec<&str> = slug.split('-').filter(|p| !p.is_empty()).collect();
    format!("dwells-{}", slug.join("-"))
}

/// The scenario of `season` (the base re-planned under `policy`) from the base scenario `base`.
pub fn render_dwell_scenario(base: &ScenarioText, season: &Season, policy: &str) -> Result<DwellScenario, RenderError> {
    let stem = dwell_export_stem(policy);
    let csv_file = format!("{stem}-stops.csv");
    let export = SeasonExport {
        stem: &stem,
        name: &format!("{}-{stem}", season.name),
        description: &format!(
            "{}: the dwells of policy “{policy}”, as `ablakbusz policies` chose them.",
            season.name
        ),
        heading: &format!(
            "Written by `ablakbusz policies` from {{base}}: the season re-planned under dwell policy “{policy}”,\n\
             # its stops (with the chosen dwells) in {csv_file}. Every other key is the base scenario's."
        ),
    };
    render_season_scenario(base, season, &export)
}

/// What names and describes an exported season.
#[derive(Debug, Clone, Copy)]
pub struct SeasonExport<'a> {
    /// File stem: `<stem>.toml` and `<stem>-stops.csv`.
    pub stem: &'a str,
    /// The scenario's `name`.
    pub name: &'a str,
    /// The scenario's `description`.
    pub description: &'a str,
    /// The comment at the top of the file (its first `# ` is added; `{base}` becomes the base
    /// scenario's file name).
    pub heading: &'a str,
}

/// `season` as a scenario `run` takes: the base scenario's keys with `[season]` replaced by the
/// season's stops, in a stops CSV beside it.
pub fn render_season_scenario(
    base: &ScenarioText,
    season: &Season,
    export: &SeasonExport<'_>,
) -> Result<DwellScenario, RenderError> {
    let error = |message: String| RenderError {
        table: "the exported scenario",
        message,
    };
    let csv_file = format!("{}-stops.csv", export.stem);
    let mut table: toml::Table = toml::from_str(&base.text).map_err(|e| error(e.to_string()))?;
    absolute_paths(&mut table, base);
    overlay_settings(&mut table, base).map_err(error)?;
    table.insert("name".into(), export.name.into());
    table.insert("description".into(), export.description.into());
    let mut season_table = toml::Table::new();
    season_table.insert("stops_csv".into(), csv_file.clone().into());
    table.insert("season".into(), season_table.into());
    let body = toml::to_string(&table).map_err(|e| error(e.to_string()))?;
    // The file's name, not the path it was given by: the output must not depend on where the
    // files live.
    let base_name = std::path::Path::new(&base.origin)
        .file_name()
        .map_or_else(|| base.origin.clone(), |n| n.to_string_lossy().into_owned());
    let toml = format!("# {}\n\n{body}", export.heading.replace("{base}", &base_name));
    Ok(DwellScenario {
        toml_file: format!("{}.toml", export.stem),
        toml,
        csv: render_stops_input(season)?,
        csv_file,
    })
}

/// The `--set` values of `base` laid over `table` as the scenario reader lays them (a table merges
/// with a table, any other value replaces), so that the export reads back as the season it was
/// made from. Values under `season` are left out: the exported `[season]` lists the stops they
/// made. A file named by a `--set` is relative to the folder the command ran in: made absolute.
fn overlay_settings(table: &mut toml::Table, base: &ScenarioText) -> Result<(), String> {
    for setting in &base.settings {
        if setting.key == "season" || setting.key.starts_with("season.") {
            continue;
        }
        let mut layer: toml::Table = toml::from_str(&setting.toml_line()).map_err(|e| format!("{setting}: {e}"))?;
        for (section, key) in PATH_KEYS {
            let holder = if section.is_empty() {
                Some(&mut layer)
            } else {
                layer.get_mut(section).and_then(toml::Value::as_table_mut)
            };
            if let Some(toml::Value::String(name)) = holder.and_then(|t| t.get_mut(key))
                && let Ok(path) = std::path::absolute(name.as_str())
            {
                *name = path.display().to_string();
            }
        }
        merge_table(table, layer);
    }
    Ok(())
}

/// Merges `over` into `base`: a table merges with a table of the same key, any other value replaces.
fn merge_table(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(under)), toml::Value::Table(table)) => merge_table(under, table),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// Relative file names of `PATH_KEYS` made absolute from the base scenario's folder.
fn absolute_paths(table: &mut toml::Table, base: &ScenarioText) {
    let Some(dir) = &base.base_dir else {
        return;
    };
    for (section, key) in PATH_KEYS {
        let holder = if section.is_empty() {
            Some(&mut *table)
        } else {
            table.get_mut(section).and_then(toml::Value::as_table_mut)
        };
        if let Some(toml::Value::String(name)) = holder.and_then(|t| t.get_mut(key))
            && std::path::Path::new(name.as_str()).is_relative()
        {
            *name = dir.join(&*name).display().to_string();
        }
    }
}

/// The season's stops as a stops CSV: a settlement stop by its settlement (its demand from the
/// model), a stop with given demand with its expected clients or rate; every stop with its clerks.
fn render_stops_input(season: &Season) -> Result<String, RenderError> {
    let rows = season.stops.iter().map(|s| {
        let (settlement, expected, rate) = match s.demand_origin {
            DemandOrigin::Model { .. } => (s.settlement.clone(), String::new(), String::new()),
            DemandOrigin::GivenClients => (
                if s.district.is_empty() {
                    String::new()
                } else {
                    s.settlement.clone()
                },
                format!("{}", s.expected_clients),
                String::new(),
            ),
            DemandOrigin::GivenRate { per_hour } => (
                if s.district.is_empty() {
                    String::new()
                } else {
                    s.settlement.clone()
                },
                String::new(),
                format!("{per_hour}"),
            ),
        };
        vec![
            s.date.to_string(),
            format_clock(s.start_min),
            settlement,
            s.venue.as_str().to_string(),
            format!("{}", s.dwell_hours()),
            s.spec.clerks.to_string(),
            s.label.clone().unwrap_or_default(),
            expected,
            rate,
        ]
    });
    csv_rows("the dwell scenario's stops", &STOP_COLUMNS, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_file_names() {
        assert_eq!(dwell_export_stem("demand-driven"), "dwells-demand-driven");
        assert_eq!(dwell_export_stem("Igény szerint, 2–5 h"), "dwells-igény-szerint-2-5-h");
    }

    #[test]
    fn the_export_carries_the_settings_but_not_those_of_the_season() {
        let setting = |key: &str, value: &str| crate::scenario::Setting {
            key: key.into(),
            value: value.into(),
        };
        let base = ScenarioText::embedded_default().with_settings(&[
            setting("demand.model", "pending_needs"),
            setting("bus.wait_target_min", "15"),
            setting("season.generate.max_stops_per_day", "2"),
        ]);
        let season = base.resolve(None).unwrap();
        let export = render_dwell_scenario(&base, &season, "demand-driven").unwrap();
        let table: toml::Table = toml::from_str(&export.toml).unwrap();
        assert_eq!(table["demand"]["model"].as_str(), Some("pending_needs"));
        assert_eq!(table["bus"]["wait_target_min"].as_integer(), Some(15));
        // The other keys of [bus] are kept: the setting merged into the table.
        assert!(table["bus"].as_table().unwrap().len() > 1, "{export:?}");
        assert_eq!(table["season"].as_table().unwrap().len(), 1, "only the stops");
    }

    #[test]
    fn the_export_reads_back_as_the_same_stops() {
        let base = ScenarioText::embedded_default();
        let season = crate::scenario::default_scenario();
        let export = render_dwell_scenario(&base, &season, "demand-driven").unwrap();
        let dir = std::env::temp_dir().join(format!("ablakbusz-dwell-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(&export.csv_file), &export.csv).unwrap();
        let again = crate::scenario::load_str(&export.toml, "export.toml", Some(&dir)).unwrap();
        assert_eq!(again.stops.len(), season.stops.len());
        for (a, b) in again.stops.iter().zip(&season.stops) {
            assert_eq!(
                (a.date, a.start_min, &a.settlement, a.venue),
                (b.date, b.start_min, &b.settlement, b.venue)
            );
            assert_eq!(a.spec, b.spec, "{} {}", b.date, b.settlement);
            assert_eq!(a.expected_clients, b.expected_clients);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
