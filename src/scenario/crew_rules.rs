//! One crew per bus-day: `[[bus.day]]` sets the clerks of a whole day, and stops of one date with
//! different clerks are refused unless `[bus]` says clerks may change within a day.

use std::collections::HashSet;

use super::diagnostic::Problems;
use super::raw::RawBusDay;
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

/// Gives every stop of a `[[bus.day]]` date that does not name its own clerks the day's clerks;
/// reports a day without stops, a date given twice, and clerks outside 1..=`desks` (`None`: the
/// desks are not known, already reported).
pub(super) fn apply_day_clerks(
    days: &[RawBusDay],
    inputs: &mut [StopInput],
    desks: Option<u32>,
    problems: &mut Problems<'_>,
) {
    let mut seen = HashSet::new();
    for (i, day) in days.iter().enumerate() {
        let key = format!("bus.day[{}]", i + 1);
        let date = day.date.0;
        if !seen.insert(date) {
            problems.at(
                &format!("{key}.date"),
                format!("{date} is given twice"),
                Some("give each bus-day once".into()),
            );
            continue;
        }
        if day.clerks == 0 || desks.is_some_and(|d| day.clerks > d) {
            let most = desks.map_or_else(|| "the bus's desks".to_string(), |d| d.to_string());
            problems.at(
                &format!("{key}.clerks"),
                format!(
                    "{} clerks on the bus-day of {date}: between 1 and {most} can work",
                    day.clerks
                ),
                Some("use at most bus.desks clerks, or raise bus.desks".into()),
            );
            continue;
        }
        let mut found = false;
        for input in inputs.iter_mut().filter(|s| s.date == date) {
            found = true;
            input.clerks.get_or_insert(day.clerks);
        }
        if !found {
            problems.at(
                &format!("{key}.date"),
                format!("the season has no stop on {date}"),
                Some("use a date of the season's stops (`ablakbusz plan` lists them), or remove this bus-day".into()),
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
