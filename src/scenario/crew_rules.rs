//! One crew per bus-day: stops of one date with different clerks are refused unless `[bus]` says
//! clerks may change within a day.

use super::diagnostic::Problems;
use super::resolved::SeasonStop;
use super::stops::{StopInput, StopPlace};

/// Reports every stop whose clerks differ from those of the first stop of its bus-day (its date):
/// the clerks ride the bus all day. `stops[i]` is `inputs[i]` resolved (`None`: already reported).
pub(super) fn check_day_crews(inputs: &[StopInput], stops: &[Option<SeasonStop>], problems: &mut Problems<'_>) {
    let mut order: Vec<usize> = (0..inputs.len()).filter(|&i| stops[i].is_some()).collect();
    order.sort_by_key(|&i| (inputs[i].date, inputs[i].start.0));
    let clerks = |i: usize| stops[i].as_ref().map_or(0, |s| s.spec.clerks);
    for pair in order.chunk_by(|&a, &b| inputs[a].date == inputs[b].date) {
        let first = pair[0];
        for &other in &pair[1..] {
            if clerks(other) == clerks(first) {
                continue;
            }
            // Report at the stop that names its clerks (the other takes bus.clerks).
            let (here, there) = if inputs[other].clerks.is_some() {
                (other, first)
            } else {
                (first, other)
            };
            inputs[here].place.report(
                problems,
                "clerks",
                format!(
                    "{} clerks at this stop but {} at {} on the same bus-day ({}): the day's stops share one crew",
                    clerks(here),
                    clerks(there),
                    describe(&inputs[there].place),
                    inputs[here].date
                ),
                Some(format!(
                    "give every stop of {} the same clerks, or set bus.clerks_may_change_within_day = true if a second \
                     vehicle or a clerk joining on the way changes the crew",
                    inputs[here].date
                )),
            );
        }
    }
}

/// Where a stop is written, in words: `season.stop[2]`, or `line 14 of stops.csv`.
fn describe(place: &StopPlace) -> String {
    match place {
        StopPlace::Toml { key } => key.clone(),
        StopPlace::Csv { file, line, .. } => format!("line {line} of {file}"),
    }
}
