//! The bus-days of a season given without an itinerary, with their depot legs estimated from the
//! settlement table's coordinates: depot → the day's stops in time order → depot.
//!
//! A season from `stops_csv` or `[[season.stop]]` says when each stop opens and closes but not how
//! the bus got there. For the crew's paid hours and the driven km, each date's stops are driven in
//! time order from the depot (`season.depot`, default the generator's depot) and back, with the
//! default travel model (straight line × [`crate::plan::DEFAULT_ROAD_FACTOR`] at
//! [`crate::plan::DEFAULT_SPEED_KMH`]): the bus leaves the depot in time to drive to the first stop
//! and set up, and is back after the last pack-up and the drive home. A date with a stop whose
//! settlement is not in the table (a labelled stop) has no estimate.

use jiff::civil::Date;

use super::resolved::SeasonStop;
use crate::demand::{Settlement, SettlementTable};
use crate::plan::{BusDay, DEFAULT_PACKUP_MIN, DEFAULT_SETUP_MIN, TravelModel};
use crate::vocab::geo::Coordinates;

/// The estimated bus-days of `stops` (sorted by date and opening), one per date whose stops are
/// all settlements of `table`, driven from `depot` with `travel`.
pub(super) fn estimated_bus_days(
    stops: &[SeasonStop],
    table: &SettlementTable,
    depot: Coordinates,
    travel: &TravelModel,
) -> Vec<BusDay> {
    let mut dates: Vec<Date> = stops.iter().map(|s| s.date).collect();
    dates.dedup();
    dates
        .into_iter()
        .filter_map(|date| {
            let day: Vec<&SeasonStop> = stops.iter().filter(|s| s.date == date).collect();
            estimated_day(date, &day, table, depot, travel)
        })
        .collect()
}

fn estimated_day(
    date: Date,
    day: &[&SeasonStop],
    table: &SettlementTable,
    depot: Coordinates,
    travel: &TravelModel,
) -> Option<BusDay> {
    let places: Vec<Coordinates> = day
        .iter()
        .map(|s| table.find(&s.settlement).map(Settlement::position))
        .collect::<Option<_>>()?;
    let (first, last) = (day.first()?, day.last()?);
    let mut route = vec![depot];
    route.extend(&places);
    route.push(depot);
    let legs: Vec<_> = route.windows(2).map(|w| travel.leg(w[0], w[1])).collect();
    let out_min = legs.first()?.travel_min;
    let home = *legs.last()?;
    let closing_min = f64::from(last.start_min) + last.spec.dwell_min;
    Some(BusDay {
        date,
        leave_depot_min: first.start_min.saturating_sub(DEFAULT_SETUP_MIN + out_min),
        back_at_depot_min: closing_min.ceil() as u32 + DEFAULT_PACKUP_MIN + home.travel_min,
        stops: day.len(),
        km: legs.iter().map(|l| l.km).sum(),
        travel_min: legs.iter().map(|l| l.travel_min).sum(),
        return_travel_min: home.travel_min,
        return_km: home.km,
    })
}
