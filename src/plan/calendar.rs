//! The working days of a season, and the Hungarian days off (public holidays and decreed rest days).
//!
//! Sources. Public holidays: the Labour Code (2012. évi I. törvény, the *Mt.*) § 102 (1): January 1,
//! March 15, Good Friday (since 2017), Easter Monday, May 1, Whit Monday, August 20, October 23,
//! November 1, December 25–26. Easter and Whit Sunday are holidays too but always fall on a Sunday.
//! **December 24 is not a statutory holiday** in the years of the table; it is a rest day when the
//! yearly ministerial decree on the working-day arrangement ("a … évi munkaszüneti napok körüli
//! munkarendről", issued under Mt. § 102 (5)) makes it one, like the bridge days, worked off on a
//! Saturday. The rest days and worked Saturdays of each year, with the decree they come from, are in
//! [`DECREES`]; a year missing from it is refused by the scenario layer rather than planned with a
//! silent gap.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use super::{PlanError, PlanInputError};

/// The usual working week of the government offices.
pub const MONDAY_TO_FRIDAY: [Weekday; 5] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
];

/// Good Friday has been a Hungarian public holiday since 2017 (Mt. § 102 (1)).
pub const FIRST_YEAR_WITH_GOOD_FRIDAY: i16 = 2017;

/// The days of a season on which the bus may run.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkingCalendar {
    /// First day of the season (included).
    pub first: Date,
    /// Last day of the season (included).
    pub last: Date,
    /// Weekdays on which the bus runs (e.g. [`MONDAY_TO_FRIDAY`]).
    pub weekdays: Vec<Weekday>,
    /// Days without service even on a working weekday (public holidays, rest days, staff days off).
    /// Dates outside the season are ignored, so a whole year's list may be given.
    pub holidays: Vec<Date>,
    /// Days with service whatever their weekday (e.g. Hungary's worked-off Saturdays). Dates
    /// outside the season are ignored.
    pub extra_working_days: Vec<Date>,
}

impl WorkingCalendar {
    /// A season running on the given weekdays minus the holidays, without extra working days.
    pub fn new(first: Date, last: Date, weekdays: &[Weekday], holidays: &[Date]) -> Self {
        Self {
            first,
            last,
            weekdays: weekdays.to_vec(),
            holidays: holidays.to_vec(),
            extra_working_days: Vec::new(),
        }
    }

    /// The working days of the season in date order; every problem at once if the calendar
    /// is inconsistent (reversed range, no weekday, a date both holiday and extra working day, no
    /// working day at all).
    pub fn working_days(&self) -> Result<Vec<Date>, PlanInputError> {
        PlanInputError::check(self.problems())?;
        let days: Vec<Date> = self
            .first
            .series(1.day())
            .take_while(|day| *day <= self.last)
            .filter(|day| self.is_working_day(*day))
            .collect();
        if days.is_empty() {
            return Err(PlanInputError {
                problems: vec![PlanError::new(
                    "weekdays",
                    format!(
                        "no working day between {} and {}: every day is a holiday or outside the working weekdays",
                        self.first, self.last
                    ),
                )],
            });
        }
        Ok(days)
    }

    fn is_working_day(&self, day: Date) -> bool {
        if self.holidays.contains(&day) {
            return false;
        }
        self.weekdays.contains(&day.weekday()) || self.extra_working_days.contains(&day)
    }

    fn problems(&self) -> Vec<PlanError> {
        let mut problems = Vec::new();
        if self.first > self.last {
            problems.push(PlanError::new(
                "last",
                format!("the season ends ({}) before it starts ({})", self.last, self.first),
            ));
        }
        if self.weekdays.is_empty() && self.extra_working_days.is_empty() {
            problems.push(PlanError::new(
                "weekdays",
                "no working weekday given (e.g. Monday to Friday)",
            ));
        }
        for day in &self.extra_working_days {
            if self.holidays.contains(day) {
                problems.push(PlanError::new(
                    "extra_working_days",
                    format!("{day} is also listed as a holiday; keep it in one list only"),
                ));
            }
        }
        problems
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian computus of Meeus, Jones and
/// Butcher); `None` before the Gregorian reform (1583).
pub fn easter_sunday(year: i16) -> Option<Date> {
    const FIRST_GREGORIAN_EASTER_YEAR: i16 = 1583;
    if year < FIRST_GREGORIAN_EASTER_YEAR {
        return None;
    }
    let y = i32::from(year);
    let golden = y % 19;
    let (century, year_of_century) = (y / 100, y % 100);
    let lunar_correction = (century + 8) / 25;
    let solar = (century - century / 4 - (century - lunar_correction + 1) / 3 + 19 * golden + 15) % 30;
    let weekday_shift = (32 + 2 * (century % 4) + 2 * (year_of_century / 4) - solar - year_of_century % 4) % 7;
    let late = (golden + 11 * solar + 22 * weekday_shift) / 451;
    let month_day = solar + weekday_shift - 7 * late + 114;
    let (month, day) = (month_day / 31, month_day % 31 + 1);
    Date::new(year, month as i8, day as i8).ok()
}

/// The statutory public holidays of a year (Mt. § 102 (1)), in date order; `None` before 2017, when
/// Good Friday was not yet a holiday. Easter and Whit Sunday are left out (always Sundays).
pub fn hungarian_public_holidays(year: i16) -> Option<Vec<Date>> {
    if year < FIRST_YEAR_WITH_GOOD_FRIDAY {
        return None;
    }
    let easter = easter_sunday(year)?;
    // Good Friday is 2 days before Easter, Easter Monday 1 after, Whit Monday 50 after.
    let movable = [-2, 1, 50].map(|offset: i32| easter.checked_add(offset.days()).ok());
    let fixed = [(1, 1), (3, 15), (5, 1), (8, 20), (10, 23), (11, 1), (12, 25), (12, 26)]
        .map(|(month, day)| Date::new(year, month, day).ok());
    let mut days: Vec<Date> = movable.into_iter().chain(fixed).collect::<Option<_>>()?;
    days.sort();
    Some(days)
}

/// The decree on one year's working-day arrangement: the weekdays it makes rest days and the
/// Saturdays it makes working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecreedYear {
    pub year: i16,
    /// The decree: number and title as published in the Magyar Közlöny, or why there is none.
    pub decree: &'static str,
    /// Where the dates were read (the decree's text, or the press reporting it).
    pub source: &'static str,
    /// Weekdays made rest days, (month, day).
    pub rest_days: &'static [(i8, i8)],
    /// Saturdays made working days, (month, day).
    pub working_saturdays: &'static [(i8, i8)],
}

/// Every year whose decreed days are known, in year order. Only dates read from a cited source are
/// here; a year whose decree could not be found is left out (the scenario layer then refuses it).
pub const DECREES: [DecreedYear; 8] = [
    DecreedYear {
        year: 2019,
        decree: "6/2018. (VIII. 23.) PM rendelet a 2019. évi munkaszüneti napok körüli munkarendről",
        source: "net.jogtar.hu (the decree's text, közlönyállapot 2018.VIII.23.)",
        rest_days: &[(8, 19), (12, 24), (12, 27)],
        working_saturdays: &[(8, 10), (12, 7), (12, 14)],
    },
    DecreedYear {
        year: 2020,
        decree: "PM rendelet a 2020. évi munkaszüneti napok körüli munkarendről (Magyar Közlöny, June 2019; \
                 its number was not found)",
        source: "duol.hu, ujpestmedia.hu (254 working days in 2020, which a test reproduces)",
        rest_days: &[(8, 21), (12, 24)],
        working_saturdays: &[(8, 29), (12, 12)],
    },
    DecreedYear {
        year: 2021,
        decree: "14/2020. (V. 13.) ITM rendelet a 2021. évi munkaszüneti napok körüli munkarendről",
        source: "njt.hu/jogszabaly/2020-14-20-7Q (the decree's text)",
        rest_days: &[(12, 24)],
        working_saturdays: &[(12, 11)],
    },
    DecreedYear {
        year: 2022,
        decree: "ITM rendelet a 2022. évi munkaszüneti napok körüli munkarendről (Magyar Közlöny, June 2021; \
                 its number was not found)",
        source: "24.hu (8 Nov 2021, quoting § 2 of the decree), penzcentrum.hu (18 Apr 2022)",
        rest_days: &[(3, 14), (10, 31)],
        working_saturdays: &[(3, 26), (10, 15)],
    },
    DecreedYear {
        year: 2023,
        decree: "no day moved in 2023 (no decree on the 2023 working-day arrangement was found)",
        source: "penzcentrum.hu (31 Dec 2022: no moved rest day or working day in 2023), delmagyar.hu (Jan 2023)",
        rest_days: &[],
        working_saturdays: &[],
    },
    DecreedYear {
        year: 2024,
        decree: "15/2023. (VII. 13.) GFM rendelet a 2024. évi munkaszüneti napok körüli munkarendről",
        source: "munkaugyiforum.hu (the decree's text)",
        rest_days: &[(8, 19), (12, 24), (12, 27)],
        working_saturdays: &[(8, 3), (12, 7), (12, 14)],
    },
    DecreedYear {
        year: 2025,
        decree: "11/2024. (IV. 8.) NGM rendelet a 2025. évi munkaszüneti napok körüli munkarendről",
        source: "the decree's text (njt.hu), modszertan.maltai.hu",
        rest_days: &[(5, 2), (10, 24), (12, 24)],
        working_saturdays: &[(5, 17), (10, 18), (12, 13)],
    },
    DecreedYear {
        year: 2026,
        decree: "10/2025. (IV. 30.) NGM rendelet a 2026. évi munkaszüneti napok körüli munkarendről",
        source: "tamogatoweb.hu (Magyar Közlöny 2025/51, 30 Apr 2025), infostart.hu, penzcentrum.hu",
        rest_days: &[(1, 2), (8, 21), (12, 24)],
        working_saturdays: &[(1, 10), (8, 8), (12, 12)],
    },
];

/// The decree of `year`, if the table has it.
pub fn decreed_year(year: i16) -> Option<&'static DecreedYear> {
    DECREES.iter().find(|d| d.year == year)
}

/// The years of the table, "2019–2026" (for messages).
pub fn decreed_years_text() -> String {
    match (DECREES.first(), DECREES.last()) {
        (Some(first), Some(last)) => format!("{}–{}", first.year, last.year),
        _ => String::new(),
    }
}

/// Weekdays made rest days by the ministerial decree on the year's working-day arrangement
/// (bridge days and December 24); `None` for a year not in [`DECREES`].
pub fn hungarian_rest_days(year: i16) -> Option<Vec<Date>> {
    dates_of(year, decreed_year(year)?.rest_days)
}

/// Saturdays made working days by the same decree, to work off the rest days; `None` for a year not
/// in [`DECREES`].
pub fn hungarian_working_saturdays(year: i16) -> Option<Vec<Date>> {
    dates_of(year, decreed_year(year)?.working_saturdays)
}

/// Every day off of the year, public holidays and decreed rest days, in date order: the
/// `holidays` list of a Hungarian season; `None` for a year not in [`DECREES`].
pub fn hungarian_days_off(year: i16) -> Option<Vec<Date>> {
    let mut days = hungarian_public_holidays(year)?;
    days.extend(hungarian_rest_days(year)?);
    days.sort();
    Some(days)
}

fn dates_of(year: i16, month_days: &[(i8, i8)]) -> Option<Vec<Date>> {
    month_days
        .iter()
        .map(|&(month, day)| Date::new(year, month, day).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn easter_matches_published_dates() {
        // Published Easter Sundays, including the earliest (22 March) and latest (25 April) cases.
        let known = [
            date(1818, 3, 22),
            date(1943, 4, 25),
            date(2000, 4, 23),
            date(2008, 3, 23),
            date(2019, 4, 21),
            date(2020, 4, 12),
            date(2021, 4, 4),
            date(2024, 3, 31),
            date(2025, 4, 20),
            date(2038, 4, 25),
            date(2285, 3, 22),
        ];
        for day in known {
            assert_eq!(easter_sunday(day.year()), Some(day));
        }
        assert_eq!(easter_sunday(1500), None);
    }

    #[test]
    fn public_holidays_of_2019_and_2020_are_the_published_ones() {
        let expected_2019 = [
            date(2019, 1, 1),
            date(2019, 3, 15),
            date(2019, 4, 19),
            date(2019, 4, 22),
            date(2019, 5, 1),
            date(2019, 6, 10),
            date(2019, 8, 20),
            date(2019, 10, 23),
            date(2019, 11, 1),
            date(2019, 12, 25),
            date(2019, 12, 26),
        ];
        assert_eq!(hungarian_public_holidays(2019).unwrap(), expected_2019);
        let expected_2020 = [
            date(2020, 1, 1),
            date(2020, 3, 15),
            date(2020, 4, 10),
            date(2020, 4, 13),
            date(2020, 5, 1),
            date(2020, 6, 1),
            date(2020, 8, 20),
            date(2020, 10, 23),
            date(2020, 11, 1),
            date(2020, 12, 25),
            date(2020, 12, 26),
        ];
        assert_eq!(hungarian_public_holidays(2020).unwrap(), expected_2020);
        assert_eq!(hungarian_public_holidays(2016), None);
    }

    #[test]
    fn days_off_include_december_24_and_the_bridge_days() {
        let off_2019 = hungarian_days_off(2019).unwrap();
        for day in [date(2019, 8, 19), date(2019, 12, 24), date(2019, 12, 27)] {
            assert!(off_2019.contains(&day), "{day}");
        }
        assert_eq!(off_2019.len(), 14);
        let off_2020 = hungarian_days_off(2020).unwrap();
        assert!(off_2020.contains(&date(2020, 8, 21)) && off_2020.contains(&date(2020, 12, 24)));
        assert_eq!(off_2020.len(), 13);
        assert!(off_2020.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(hungarian_days_off(2018), None);
        for saturday in hungarian_working_saturdays(2019).unwrap() {
            assert_eq!(saturday.weekday(), Weekday::Saturday);
        }
    }

    #[test]
    fn the_2020_working_year_has_254_days_as_published() {
        let mut calendar = WorkingCalendar::new(
            date(2020, 1, 1),
            date(2020, 12, 31),
            &MONDAY_TO_FRIDAY,
            &hungarian_days_off(2020).unwrap(),
        );
        calendar.extra_working_days = hungarian_working_saturdays(2020).unwrap();
        // 262 weekdays − 8 holidays on weekdays − 2 rest days + 2 working Saturdays.
        assert_eq!(calendar.working_days().unwrap().len(), 254);
    }

    #[test]
    fn the_2019_second_tour_has_83_weekdays_without_days_off() {
        // 1 Aug – 30 Nov 2019: 22 + 21 + 23 + 21 = 87 weekdays, less 19–20 Aug, 23 Oct and 1 Nov.
        let calendar = WorkingCalendar::new(
            date(2019, 8, 1),
            date(2019, 11, 30),
            &MONDAY_TO_FRIDAY,
            &hungarian_days_off(2019).unwrap(),
        );
        let days = calendar.working_days().unwrap();
        assert_eq!(days.len(), 83);
        assert_eq!((days[0], days[days.len() - 1]), (date(2019, 8, 1), date(2019, 11, 29)));
        for day in &days {
            assert!(MONDAY_TO_FRIDAY.contains(&day.weekday()));
            assert!(!hungarian_days_off(2019).unwrap().contains(day));
        }
    }

    #[test]
    fn the_decree_table_is_consistent() {
        // Every rest day is a weekday that is not already a holiday, every worked Saturday is a
        // Saturday, and the years are in order without repeats.
        assert!(DECREES.windows(2).all(|w| w[0].year < w[1].year));
        for d in &DECREES {
            assert!(d.decree.contains(&d.year.to_string()), "{}", d.decree);
            let holidays = hungarian_public_holidays(d.year).unwrap();
            for day in hungarian_rest_days(d.year).unwrap() {
                assert!(MONDAY_TO_FRIDAY.contains(&day.weekday()), "{day}");
                assert!(!holidays.contains(&day), "{day}");
            }
            for day in hungarian_working_saturdays(d.year).unwrap() {
                assert_eq!(day.weekday(), Weekday::Saturday, "{day}");
            }
        }
        assert_eq!(decreed_years_text(), "2019–2026");
        assert_eq!(decreed_year(2027), None);
    }

    #[test]
    fn the_2026_decree_gives_three_rest_days_and_three_saturdays() {
        // 10/2025. (IV. 30.) NGM rendelet: Jan 2, Aug 21, Dec 24 off; Jan 10, Aug 8, Dec 12 worked.
        let off = hungarian_days_off(2026).unwrap();
        for day in [date(2026, 1, 2), date(2026, 8, 21), date(2026, 12, 24)] {
            assert!(off.contains(&day), "{day}");
        }
        assert_eq!(
            hungarian_working_saturdays(2026).unwrap(),
            [date(2026, 1, 10), date(2026, 8, 8), date(2026, 12, 12)]
        );
        // 2026: Easter Sunday 5 April, so Good Friday 3 April and Whit Monday 25 May.
        let holidays = hungarian_public_holidays(2026).unwrap();
        assert!(holidays.contains(&date(2026, 4, 3)) && holidays.contains(&date(2026, 5, 25)));
        // 261 weekdays in 2026 − 8 holidays on weekdays (Jan 1, Apr 3, Apr 6, May 1, May 25, Aug 20,
        // Oct 23, Dec 25; Mar 15 and Nov 1 are Sundays, Dec 26 a Saturday) − 3 rest days + 3
        // Saturdays = 253.
        let mut calendar = WorkingCalendar::new(date(2026, 1, 1), date(2026, 12, 31), &MONDAY_TO_FRIDAY, &off);
        calendar.extra_working_days = hungarian_working_saturdays(2026).unwrap();
        assert_eq!(calendar.working_days().unwrap().len(), 261 - 8 - 3 + 3);
    }

    #[test]
    fn inconsistent_calendars_report_every_problem() {
        let mut calendar = WorkingCalendar::new(date(2020, 3, 1), date(2020, 2, 1), &[], &[date(2020, 2, 8)]);
        calendar.extra_working_days = vec![date(2020, 2, 8)];
        let keys: Vec<_> = calendar
            .working_days()
            .unwrap_err()
            .problems
            .into_iter()
            .map(|p| p.key)
            .collect();
        assert_eq!(keys, ["last", "extra_working_days"]);
        let christmas = WorkingCalendar::new(
            date(2020, 12, 24),
            date(2020, 12, 27),
            &MONDAY_TO_FRIDAY,
            &hungarian_days_off(2020).unwrap(),
        );
        assert!(christmas.working_days().is_err());
    }
}
