//! The printable timetable: one self-contained `timetable.html`, a section (an A4 page when
//! printed) per month, each stop with its day, opening and closing time, settlement, venue and crew.

use std::fmt::Write;

use jiff::civil::{Date, Weekday};

use super::itinerary::format_clock;
use super::lang::{FillError, Label, Lang};
use super::page::escape;
use super::venue::venue_label;
use crate::scenario::{Season, SeasonStop};

/// File name of the printable timetable.
pub const TIMETABLE_FILE: &str = "timetable.html";

/// The timetable's style: the report's look, one month per printed A4 page, compact rows.
const TIMETABLE_CSS: &str = "\
:root { --ink: #1d1d1d; --muted: #555; --rule: #d0d0d0; --accent: #0b5394; --band: #f3f6fa; }
* { box-sizing: border-box; }
html { font-size: 11pt; }
body { margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 58rem; color: var(--ink);
  font-family: \"DejaVu Sans\", \"Segoe UI\", Helvetica, Arial, sans-serif; line-height: 1.35; }
h1 { font-size: 1.5rem; margin: 0 0 .3rem; color: var(--accent); }
h2 { font-size: 1.25rem; margin: 1.8rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--accent); }
p.meta { color: var(--muted); font-size: .88rem; margin: .2rem 0 .6rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .22rem .45rem; text-align: left; vertical-align: top; }
thead th { background: var(--band); border-bottom: 2px solid var(--rule); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.clock, td.day { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.venue { white-space: nowrap; }
tr.first td { border-top: 1.5px solid #999; }
tr { break-inside: avoid; page-break-inside: avoid; }
p.foot { color: var(--muted); font-size: .82rem; margin-top: .6rem; }
@media print {
  @page { size: A4; margin: 14mm 13mm 16mm; }
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  section + section { break-before: page; page-break-before: always; }
  h2 { margin-top: 0; }
  thead { display: table-header-group; }
}
";

/// The texts of the timetable page, in English and Hungarian.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimetableText {
    Title,
    Date,
    BusDay,
    Opens,
    Closes,
    Settlement,
    Venue,
    Clerks,
    Foot,
}

impl TimetableText {
    fn text(self, lang: Lang) -> &'static str {
        let (en, hu) = match self {
            TimetableText::Title => (
                "Timetable of the government-services bus",
                "A kormányablakbusz menetrendje",
            ),
            TimetableText::Date => ("Date", "Dátum"),
            TimetableText::BusDay => ("Bus-day", "Busznap"),
            TimetableText::Opens => ("Opens", "Nyitás"),
            TimetableText::Closes => ("Closes", "Zárás"),
            TimetableText::Settlement => ("Settlement", "Település"),
            TimetableText::Venue => ("Venue", "Helyszín"),
            TimetableText::Clerks => ("Clerks", "Ügyintézők"),
            TimetableText::Foot => (
                "Opens and closes: the first and last minute of service at the stop. Clerks: the crew of the bus \
                 at that stop.",
                "Nyitás és zárás: az ügyfélfogadás kezdete és vége a megállóban. Ügyintézők: a busz személyzete \
                 abban a megállóban.",
            ),
        };
        match lang {
            Lang::En => en,
            Lang::Hu => hu,
        }
    }
}

/// Month names, January first.
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_HU: [&str; 12] = [
    "január",
    "február",
    "március",
    "április",
    "május",
    "június",
    "július",
    "augusztus",
    "szeptember",
    "október",
    "november",
    "december",
];
/// Weekday names, Monday first.
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const WEEKDAYS_HU: [&str; 7] = ["hétfő", "kedd", "szerda", "csütörtök", "péntek", "szombat", "vasárnap"];

/// "March 2020" / "2020. március".
fn month_heading(lang: Lang, year: i16, month: i8) -> String {
    let i = usize::try_from(month - 1).unwrap_or(0);
    match lang {
        Lang::En => format!("{} {year}", MONTHS_EN[i]),
        Lang::Hu => format!("{year}. {}", MONTHS_HU[i]),
    }
}

fn weekday_name(lang: Lang, weekday: Weekday) -> &'static str {
    let i = usize::from(weekday.to_monday_zero_offset().unsigned_abs());
    match lang {
        Lang::En => WEEKDAYS_EN[i],
        Lang::Hu => WEEKDAYS_HU[i],
    }
}

/// "Monday 2 March" / "március 2., hétfő": the day column.
fn day_cell(lang: Lang, date: Date) -> String {
    let i = usize::try_from(date.month() - 1).unwrap_or(0);
    match lang {
        Lang::En => format!("{} {} {}", weekday_name(lang, date.weekday()), date.day(), MONTHS_EN[i]),
        Lang::Hu => format!(
            "{} {}., {}",
            MONTHS_HU[i],
            date.day(),
            weekday_name(lang, date.weekday())
        ),
    }
}

/// The printable timetable of `season` in `lang`: a section per month, a row per stop in date and
/// time order, the day and bus-day number on each day's first row.
pub fn render_timetable_page(lang: Lang, season: &Season) -> Result<String, FillError> {
    let title = format!("{} — {}", TimetableText::Title.text(lang), season.name);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{TIMETABLE_CSS}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n",
        lang.code(),
        escape(&title),
        escape(&title)
    );
    if let Some(description) = &season.description {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", escape(description.trim()));
    }
    let days = bus_day_numbers(&season.stops);
    if let (Some(first), Some(last)) = (season.stops.first(), season.stops.last()) {
        let summary = Label::TimetableSummary.fill(
            lang,
            &[
                ("stops", &season.stops.len().to_string()),
                ("days", &days.last().copied().unwrap_or(0).to_string()),
                ("first", &first.date.to_string()),
                ("last", &last.date.to_string()),
            ],
        )?;
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", escape(&summary));
    }
    out.push_str("</header>\n");
    let mut month_start = 0;
    while month_start < season.stops.len() {
        let first = season.stops[month_start].date;
        let month_end = season.stops[month_start..]
            .iter()
            .position(|s| (s.date.year(), s.date.month()) != (first.year(), first.month()))
            .map_or(season.stops.len(), |n| month_start + n);
        out.push_str(&month_section(
            lang,
            &season.stops[month_start..month_end],
            &days[month_start..month_end],
        ));
        month_start = month_end;
    }
    let _ = writeln!(out, "<p class=\"foot\">{}</p>", escape(TimetableText::Foot.text(lang)));
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

/// The bus-day number (from 1, counting the season's dates) of each stop.
fn bus_day_numbers(stops: &[SeasonStop]) -> Vec<usize> {
    let mut day = 0;
    let mut previous = None;
    stops
        .iter()
        .map(|s| {
            if previous != Some(s.date) {
                day += 1;
                previous = Some(s.date);
            }
            day
        })
        .collect()
}

/// One month's section: its heading and the table of its stops.
fn month_section(lang: Lang, stops: &[SeasonStop], bus_days: &[usize]) -> String {
    let date = stops[0].date;
    let mut out = format!(
        "<section id=\"month-{}-{:02}\">\n<h2>{}</h2>\n<table>\n<thead><tr>",
        date.year(),
        date.month(),
        escape(&month_heading(lang, date.year(), date.month()))
    );
    for (text, class) in [
        (TimetableText::Date, ""),
        (TimetableText::BusDay, " class=\"num\""),
        (TimetableText::Opens, ""),
        (TimetableText::Closes, ""),
        (TimetableText::Settlement, ""),
        (TimetableText::Venue, ""),
        (TimetableText::Clerks, " class=\"num\""),
    ] {
        let _ = write!(out, "<th{class}>{}</th>", escape(text.text(lang)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (i, stop) in stops.iter().enumerate() {
        let first_of_day = i == 0 || stops[i - 1].date != stop.date;
        let (day, number) = if first_of_day {
            (day_cell(lang, stop.date), bus_days[i].to_string())
        } else {
            (String::new(), String::new())
        };
        let close_min = stop.start_min + stop.spec.dwell_min.round() as u32;
        let _ = writeln!(
            out,
            "<tr{}><td class=\"day\">{}</td><td class=\"num\">{number}</td><td class=\"clock\">{}</td>\
             <td class=\"clock\">{}</td><td>{}</td><td class=\"venue\">{}</td><td class=\"num\">{}</td></tr>",
            if first_of_day { " class=\"first\"" } else { "" },
            escape(&day),
            format_clock(stop.start_min),
            format_clock(close_min),
            escape(&stop.settlement),
            escape(lang.text(venue_label(stop.venue))),
            stop.spec.clerks
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_and_day_names_read_as_each_language_writes_them() {
        let date = jiff::civil::date(2020, 3, 2);
        assert_eq!(month_heading(Lang::Hu, 2020, 3), "2020. március");
        assert_eq!(month_heading(Lang::En, 2020, 3), "March 2020");
        assert_eq!(day_cell(Lang::Hu, date), "március 2., hétfő");
        assert_eq!(day_cell(Lang::En, date), "Monday 2 March");
    }
}
