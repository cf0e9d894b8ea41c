//! The settlement table: population, district, coordinates and permanent government windows.
//!
//! The default is Bács-Kiskun county on 1 January 2019 (source: KSH, *Magyarország helységnévkönyve*
//! 2019; coordinates and office status as described in `scenarios/data/README.md`), embedded in the
//! binary. A scenario may name another CSV file with the same columns.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::vocab::{Coordinates, great_circle_km, suggest};

/// The embedded default table (Bács-Kiskun, KSH gazetteer of 1 January 2019).
pub const EMBEDDED_CSV: &str = include_str!("../../scenarios/data/bacs-kiskun-settlements.csv");
/// Name under which the embedded table is reported in messages.
pub const EMBEDDED_ORIGIN: &str = "scenarios/data/bacs-kiskun-settlements.csv (embedded)";

/// Whether a settlement had a permanent government window (kormányablak) in 2019–2020.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GovernmentWindow {
    /// Documented (the district seats and Lajosmizse).
    Yes,
    /// A district-office customer-service point in a later list: in 2019 either a kormányablak or
    /// a document office (okmányiroda). Counted as a permanent office (see [`GovernmentWindow::is_permanent_office`]).
    Probable,
    /// No permanent office.
    No,
}

impl GovernmentWindow {
    /// True for `yes` and `probable`. A `probable` settlement had a kormányablak or at least a
    /// permanent document office in 2019, where residents could handle the same document cases,
    /// so for the distance effect and for choosing bus stops it counts as having an office.
    pub fn is_permanent_office(self) -> bool {
        matches!(self, GovernmentWindow::Yes | GovernmentWindow::Probable)
    }
}

/// One settlement of the table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Settlement {
    /// Name as KSH spells it, with accents; the lookup key.
    pub name: String,
    /// District (járás), e.g. `Kecskeméti járás`.
    pub district: String,
    /// Legal status: `megyei jogú város`, `város`, `nagyközség` or `község`.
    pub status: String,
    /// Resident population (lakónépesség) on 1 January of `population_year`, persons.
    pub population: u32,
    /// Reference year of `population`.
    pub population_year: i32,
    /// Latitude of the town centre, WGS84 degrees north.
    pub lat: f64,
    /// Longitude of the town centre, WGS84 degrees east.
    pub lon: f64,
    /// Permanent government window in the settlement.
    #[serde(rename = "has_government_window")]
    pub government_window: GovernmentWindow,
}

impl Settlement {
    /// The town-centre point.
    pub fn position(&self) -> Coordinates {
        Coordinates::new(self.lat, self.lon)
    }
}

/// One bad row (or a problem with the whole file) of a settlements CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    /// Line in the file, from 1 (the header is line 1); `None` for the file as a whole.
    pub line: Option<u64>,
    /// What is wrong.
    pub message: String,
}

/// A settlements CSV that cannot be used, with every bad row.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", render_problems(.origin, .problems))]
pub struct SettlementsError {
    /// The file the table came from.
    pub origin: String,
    /// Every problem found.
    pub problems: Vec<RowProblem>,
}

fn render_problems(origin: &str, problems: &[RowProblem]) -> String {
    problems
        .iter()
        .map(|p| match p.line {
            Some(line) => format!("{origin}:{line}: {}", p.message),
            None => format!("{origin}: {}", p.message),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The settlements of one county: lookup by name, distances to the nearest permanent office.
#[derive(Debug, Clone, PartialEq)]
pub struct SettlementTable {
    /// Where the table came from (file name, or the embedded default).
    pub origin: String,
    settlements: Vec<Settlement>,
    by_name: HashMap<String, usize>,
    /// For each settlement, straight-line km to the nearest settlement with a permanent office
    /// (0 for a settlement with its own office).
    office_km: Vec<f64>,
}

impl SettlementTable {
    /// The embedded Bács-Kiskun table, parsed once.
    pub fn embedded() -> &'static SettlementTable {
        static TABLE: OnceLock<SettlementTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            SettlementTable::from_csv_str(EMBEDDED_CSV, EMBEDDED_ORIGIN)
                .unwrap_or_else(|e| panic!("the embedded settlements table is invalid (a build defect): {e}"))
        })
    }

    /// Parses a CSV with the columns `name, district, status, population, population_year, lat,
    /// lon, has_government_window` (header row required), reporting every bad row.
    pub fn from_csv_str(csv_text: &str, origin: &str) -> Result<Self, SettlementsError> {
        let mut problems = Vec::new();
        let rows = read_rows(csv_text, &mut problems);
        check_rows(&rows, &mut problems);
        let settlements: Vec<Settlement> = rows.into_iter().map(|(_, s)| s).collect();
        if !problems.is_empty() {
            return Err(SettlementsError {
                origin: origin.to_string(),
                problems,
            });
        }
        Ok(Self::from_settlements(settlements, origin))
    }

    fn from_settlements(settlements: Vec<Settlement>, origin: &str) -> Self {
        let by_name = settlements
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.clone(), i))
            .collect();
        let offices: Vec<Coordinates> = settlements
            .iter()
            .filter(|s| s.government_window.is_permanent_office())
            .map(Settlement::position)
            .collect();
        let office_km = settlements.iter().map(|s| nearest_km(s.position(), &offices)).collect();
        Self {
            origin: origin.to_string(),
            settlements,
            by_name,
            office_km,
        }
    }

    /// All settlements, in file order.
    pub fn settlements(&self) -> &[Settlement] {
        &self.settlements
    }

    /// Index of the settlement with exactly this name (accents and case as in the table).
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// The settlement with exactly this name.
    pub fn find(&self, name: &str) -> Option<&Settlement> {
        self.index_of(name).map(|i| &self.settlements[i])
    }

    /// The settlement at `index`.
    pub fn get(&self, index: usize) -> &Settlement {
        &self.settlements[index]
    }

    /// The real names closest to an unknown `name`, best first (see [`suggest::closest`]).
    pub fn suggest(&self, name: &str) -> Vec<&str> {
        suggest::closest(name, self.settlements.iter().map(|s| s.name.as_str()))
    }

    /// Straight-line km from the settlement at `index` to the nearest settlement with a permanent
    /// office (`yes` or `probable`); 0 when the settlement has one itself.
    pub fn office_km(&self, index: usize) -> f64 {
        self.office_km[index]
    }

    /// The settlements with a permanent office (`yes` or `probable`), in file order.
    pub fn permanent_offices(&self) -> impl Iterator<Item = &Settlement> {
        self.settlements
            .iter()
            .filter(|s| s.government_window.is_permanent_office())
    }

    /// Total resident population, persons.
    pub fn total_population(&self) -> u64 {
        self.settlements.iter().map(|s| u64::from(s.population)).sum()
    }
}

fn nearest_km(from: Coordinates, offices: &[Coordinates]) -> f64 {
    offices
        .iter()
        .map(|&o| great_circle_km(from, o))
        .fold(f64::INFINITY, f64::min)
}

/// The rows that parse, each with its line; bad rows go to `problems`.
fn read_rows(csv_text: &str, problems: &mut Vec<RowProblem>) -> Vec<(u64, Settlement)> {
    let csv_text = match crate::vocab::csv_text::comma_separated(csv_text) {
        Ok(text) => text,
        Err(message) => {
            problems.push(RowProblem { line: Some(1), message });
            return Vec::new();
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(csv_text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            problems.push(RowProblem {
                line: Some(1),
                message: csv_message(&e, None),
            });
            return Vec::new();
        }
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(RowProblem {
                    line: e.position().map(csv::Position::line),
                    message: csv_message(&e, None),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        match record.deserialize::<Settlement>(Some(&headers)) {
            Ok(s) => rows.push((line, s)),
            Err(e) => problems.push(RowProblem {
                line: Some(line),
                message: csv_message(&e, Some(&headers)),
            }),
        }
    }
    rows
}

/// The csv/serde message without its position prefix (the line is reported separately), naming
/// the column from `headers` when known.
fn csv_message(e: &csv::Error, headers: Option<&csv::StringRecord>) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(field) => {
                let index = field as usize;
                match headers.and_then(|h| h.get(index)) {
                    Some(name) => format!("column {name}: {}", err.kind()),
                    None => format!("column {}: {}", index + 1, err.kind()),
                }
            }
            None => err.kind().to_string(),
        },
        _ => e.to_string(),
    }
}

/// Checks the parsed rows: coordinates in range, unique names, at least one row and one office.
fn check_rows(rows: &[(u64, Settlement)], problems: &mut Vec<RowProblem>) {
    let mut seen: HashMap<&str, u64> = HashMap::new();
    for (row_line, s) in rows {
        let line = Some(*row_line);
        match seen.entry(s.name.as_str()) {
            Entry::Occupied(first) => problems.push(RowProblem {
                line,
                message: format!("\"{}\" appears twice (first on line {})", s.name, first.get()),
            }),
            Entry::Vacant(slot) => {
                slot.insert(*row_line);
            }
        }
        if s.name.is_empty() {
            problems.push(RowProblem {
                line,
                message: "the name is empty".into(),
            });
        }
        if !(s.lat.is_finite() && (-90.0..=90.0).contains(&s.lat)) {
            problems.push(RowProblem {
                line,
                message: format!("lat {} is not a latitude in degrees (-90..90)", s.lat),
            });
        }
        if !(s.lon.is_finite() && (-180.0..=180.0).contains(&s.lon)) {
            problems.push(RowProblem {
                line,
                message: format!("lon {} is not a longitude in degrees (-180..180)", s.lon),
            });
        }
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(RowProblem {
            line: None,
            message: "the table has no settlements".into(),
        });
    }
    if !rows.is_empty() && !rows.iter().any(|(_, s)| s.government_window.is_permanent_office()) {
        problems.push(RowProblem {
            line: None,
            message: "no settlement has has_government_window = yes or probable; the distance to the \
                      nearest permanent office needs at least one"
                .into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "name,district,status,population,population_year,lat,lon,has_government_window\n";

    #[test]
    fn embedded_table_matches_the_published_totals() {
        let t = SettlementTable::embedded();
        assert_eq!(t.settlements().len(), 119);
        // KSH county total on 1 Jan 2019 (scenarios/data/README.md).
        assert_eq!(t.total_population(), 503_825);
        assert_eq!(t.find("Kecskemét").unwrap().population, 110_687);
        assert_eq!(t.find("Baja").unwrap().population, 34_495);
        // 12 `yes` + 7 `probable`.
        assert_eq!(t.permanent_offices().count(), 19);
        let districts: std::collections::HashSet<&str> = t.settlements().iter().map(|s| s.district.as_str()).collect();
        assert_eq!(districts.len(), 11);
    }

    #[test]
    fn lookup_is_exact() {
        let t = SettlementTable::embedded();
        assert!(t.find("Kiskőrös").is_some());
        assert!(t.find("Kiskoros").is_none());
        assert!(t.find("kiskőrös").is_none());
        assert_eq!(t.suggest("Kiskoros").first(), Some(&"Kiskőrös"));
        assert_eq!(t.suggest("Kecskemet").first(), Some(&"Kecskemét"));
    }

    #[test]
    fn office_distance_is_zero_at_an_office_and_the_nearest_otherwise() {
        let csv = format!(
            "{HEADER}A,X,város,1000,2019,46.0,19.0,yes\nB,X,község,500,2019,47.0,19.0,no\n\
             C,X,község,500,2019,46.5,19.0,probable\nD,X,község,500,2019,45.0,19.0,no\n"
        );
        let t = SettlementTable::from_csv_str(&csv, "t.csv").unwrap();
        let half_degree = crate::vocab::geo::MEAN_EARTH_RADIUS_KM * std::f64::consts::PI / 360.0;
        assert_eq!(t.office_km(0), 0.0);
        assert_eq!(t.office_km(2), 0.0, "probable counts as an office");
        // B is half a degree from C (probable) and a whole degree from A.
        assert!((t.office_km(1) - half_degree).abs() < 1e-9);
        // D is a whole degree from A, the nearest.
        assert!((t.office_km(3) - 2.0 * half_degree).abs() < 1e-9);
    }

    #[test]
    fn embedded_distances_are_plausible() {
        let t = SettlementTable::embedded();
        let i = t.index_of("Kecskemét").unwrap();
        assert_eq!(t.office_km(i), 0.0);
        // Every settlement without an office lies within the county, at most about 40 km from one.
        for (k, s) in t.settlements().iter().enumerate() {
            assert!(t.office_km(k) < 40.0, "{}: {} km", s.name, t.office_km(k));
        }
    }

    #[test]
    fn bad_rows_are_all_reported_with_their_lines() {
        let csv = format!(
            "{HEADER}A,X,város,1000,2019,46.0,19.0,yes\nB,X,község,sok,2019,47.0,19.0,no\n\
             C,X,község,500,2019,46.5,19.0,maybe\nA,X,község,500,2019,95.0,19.0,no\n"
        );
        let e = SettlementTable::from_csv_str(&csv, "t.csv").unwrap_err();
        let lines: Vec<Option<u64>> = e.problems.iter().map(|p| p.line).collect();
        assert!(lines.contains(&Some(3)), "{e}");
        assert!(lines.contains(&Some(4)), "{e}");
        let text = e.to_string();
        assert!(text.contains("t.csv:3:"), "{text}");
        assert!(text.contains("t.csv:4:"), "{text}");
        assert!(text.contains("appears twice"), "{text}");
        assert!(text.contains("lat 95"), "{text}");
    }

    #[test]
    fn a_table_without_offices_is_refused() {
        let csv = format!("{HEADER}A,X,község,1000,2019,46.0,19.0,no\n");
        let e = SettlementTable::from_csv_str(&csv, "t.csv").unwrap_err();
        assert!(e.to_string().contains("no settlement has"), "{e}");
    }

    #[test]
    fn a_missing_column_is_reported() {
        let csv = "name,district,population\nA,X,1000\n";
        let e = SettlementTable::from_csv_str(csv, "t.csv").unwrap_err();
        assert!(e.to_string().contains("missing field"), "{e}");
    }
}
