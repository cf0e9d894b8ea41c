//! Dates and times of day as a planner writes them: `2020-03-02` (quoted or not) and `"08:00"`.

use std::fmt;

use crate::vocab::units::{HOURS_PER_DAY, WHOLE_MINUTES_PER_HOUR};
use jiff::civil::Date;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

/// A calendar date; deserializes from a TOML date (`2020-03-02`) or a string (`"2020-03-02"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct TomlDate(pub Date);

impl<'de> Deserialize<'de> for TomlDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TomlDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2020-03-02")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<TomlDate, E> {
                parse_date(s).map(TomlDate).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<TomlDate, A::Error> {
                let dt = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (dt.date, dt.time, dt.offset) {
                    (Some(d), None, None) => Date::new(d.year as i16, d.month as i8, d.day as i8)
                        .map(TomlDate)
                        .map_err(de::Error::custom),
                    _ => Err(de::Error::custom(
                        "expected a date without a time of day, e.g. 2020-03-02",
                    )),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Parses `YYYY-MM-DD`, with a message a planner understands.
pub(super) fn parse_date(s: &str) -> Result<Date, String> {
    s.trim()
        .parse::<Date>()
        .map_err(|e| format!("\"{s}\" is not a date that exists ({e}); write it as YYYY-MM-DD, e.g. 2020-03-02"))
}

/// A time of day in minutes after midnight; deserializes from `"08:00"` or a TOML local time
/// (`08:00` or `08:00:00`, seconds must be 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct ClockTime(pub u32);

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02}",
            self.0 / WHOLE_MINUTES_PER_HOUR,
            self.0 % WHOLE_MINUTES_PER_HOUR
        )
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ClockTime;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a time of day such as \"08:00\"")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ClockTime, E> {
                parse_clock(s).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ClockTime, A::Error> {
                let dt = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (dt.date, dt.time, dt.offset) {
                    (None, Some(t), None) if t.second.unwrap_or(0) == 0 && t.nanosecond.unwrap_or(0) == 0 => Ok(
                        ClockTime(u32::from(t.hour) * WHOLE_MINUTES_PER_HOUR + u32::from(t.minute)),
                    ),
                    _ => Err(de::Error::custom(
                        "expected a time of day in whole minutes without a date, e.g. \"08:00\"",
                    )),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Parses `H:MM` or `HH:MM` (00:00–23:59) into minutes after midnight.
pub(super) fn parse_clock(s: &str) -> Result<ClockTime, String> {
    let bad = || format!("\"{s}\" is not a time of day; write it as HH:MM between 00:00 and 23:59, e.g. \"08:00\"");
    let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
    let digits = |p: &str, max_len: usize| !p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(h, 2) || m.len() != 2 || !digits(m, 2) {
        return Err(bad());
    }
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h >= HOURS_PER_DAY || m >= WHOLE_MINUTES_PER_HOUR {
        return Err(bad());
    }
    Ok(ClockTime(h * WHOLE_MINUTES_PER_HOUR + m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Doc {
        d: TomlDate,
        t: ClockTime,
    }

    #[test]
    fn quoted_and_native_forms_both_work() {
        let a: Doc = toml::from_str("d = 2020-03-02\nt = 08:30\n").unwrap();
        let b: Doc = toml::from_str("d = \"2020-03-02\"\nt = \"8:30\"\n").unwrap();
        assert_eq!(a.d.0, jiff::civil::date(2020, 3, 2));
        assert_eq!((a.d, a.t), (b.d, b.t));
        assert_eq!(a.t.0, 510);
        assert_eq!(a.t.to_string(), "08:30");
    }

    #[test]
    fn impossible_values_are_refused() {
        assert!(toml::from_str::<Doc>("d = \"2019-02-29\"\nt = \"08:00\"\n").is_err());
        assert!(toml::from_str::<Doc>("d = 2020-03-02T08:00:00\nt = \"08:00\"\n").is_err());
        assert!(toml::from_str::<Doc>("d = 2020-03-02\nt = 08:00:30\n").is_err());
        for bad in ["24:00", "8", "08:60", "8:5", "-1:00", "08:00pm", ""] {
            assert!(parse_clock(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_clock("23:59").unwrap().0, 1439);
    }
}
