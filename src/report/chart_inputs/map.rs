//! The county map's input: every settlement with its expected clients per visit, the season's
//! visits, and the bus-day routes of a generated itinerary.

use crate::demand::{DemandModel, SettlementTable};
use crate::report::charts::{CountyMap, MapOutline, MapPoint, MapRoute, MapSettlement};
use crate::scenario::{Season, Venue};

/// Expected clients of a reference visit to a settlement: at the municipality, for the model's
/// reference dwell, month multiplier 1 (used for settlements the season does not visit).
pub fn reference_visit_clients(model: &DemandModel, population: u32, office_km: f64) -> f64 {
    model.base_rate
        * model.population_factor(population)
        * model.venue.of(Venue::Municipality)
        * model.distance_effect(office_km)
}

/// Every settlement of `table` at its coordinates. A settlement the season visits is sized by the
/// mean expected clients of its visits; any other by [`reference_visit_clients`] under the
/// season's demand model. The outline: the shipped county border when the settlements lie in it,
/// otherwise their hull. Routes: one per bus-day of the generated itinerary, from the depot
/// through the day's stops and back (none for a season of listed stops). Stops at places that are
/// not in `table` are not drawn.
pub fn county_map_input(season: &Season, table: &SettlementTable, subtitle: Option<String>) -> CountyMap {
    let mut visits = vec![(0u32, 0.0f64); table.settlements().len()];
    for stop in &season.stops {
        if let Some(i) = table.index_of(&stop.settlement) {
            visits[i].0 += 1;
            visits[i].1 += stop.expected_clients;
        }
    }
    let settlements = table
        .settlements()
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (count, clients) = visits[i];
            let expected_clients_per_visit = if count > 0 {
                clients / f64::from(count)
            } else {
                reference_visit_clients(&season.demand.model, s.population, table.office_km(i))
            };
            MapSettlement {
                name: s.name.clone(),
                population: s.population,
                district: s.district.clone(),
                lat_deg: s.lat,
                lon_deg: s.lon,
                expected_clients_per_visit,
                has_permanent_office: s.government_window.is_permanent_office(),
                season_visits: count,
            }
        })
        .collect::<Vec<MapSettlement>>();
    let places: Vec<MapPoint> = settlements
        .iter()
        .map(|s| MapPoint {
            lat_deg: s.lat_deg,
            lon_deg: s.lon_deg,
        })
        .collect();
    CountyMap {
        subtitle,
        outline: MapOutline::for_places(&places),
        settlements,
        routes: routes(season),
    }
}

/// Depot → the day's stops in opening order → depot, for every bus-day of the itinerary.
fn routes(season: &Season) -> Vec<MapRoute> {
    let Some(itinerary) = &season.itinerary else {
        return Vec::new();
    };
    let point = |c: &crate::vocab::Coordinates| MapPoint {
        lat_deg: c.lat_deg,
        lon_deg: c.lon_deg,
    };
    let depot = point(&itinerary.depot.coordinates);
    itinerary
        .days
        .iter()
        .map(|day| {
            let mut day_stops: Vec<_> = itinerary.stops.iter().filter(|s| s.date == day.date).collect();
            day_stops.sort_by_key(|s| s.start_min);
            let mut points = vec![depot];
            points.extend(day_stops.iter().map(|s| point(&s.place.coordinates)));
            points.push(depot);
            MapRoute { date: day.date, points }
        })
        .collect()
}
