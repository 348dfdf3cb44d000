//! A UTC point in time, written as `2026-11-26T13:02:00Z` so files stay readable.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Seconds since the Unix epoch, shown and stored as an ISO 8601 UTC date-time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    pub unix_secs: i64,
}

impl Timestamp {
    pub fn now() -> Self {
        let unix_secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| {
                i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
            });
        Self { unix_secs }
    }

    pub fn from_unix_secs(unix_secs: i64) -> Self {
        Self { unix_secs }
    }

    /// The calendar date, `YYYY-MM-DD`.
    pub fn date_string(&self) -> String {
        let (year, month, day) = civil_from_days(self.unix_secs.div_euclid(86_400));
        format!("{year:04}-{month:02}-{day:02}")
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (or a bare `YYYY-MM-DD`).
    pub fn parse(text: &str) -> Option<Self> {
        if let Some(as_written) = Self::parse_as_written(text) {
            return Some(as_written);
        }
        let (date, time) = match text.split_once('T') {
            Some((date, time)) => (date, Some(time.strip_suffix('Z')?)),
            None => (text, None),
        };
        let mut date_parts = date.splitn(3, '-');
        let year: i64 = date_parts.next()?.parse().ok()?;
        let month: u32 = date_parts.next()?.parse().ok()?;
        let day: u32 = date_parts.next()?.parse().ok()?;
        let time = match time {
            Some(time) => {
                let mut time_parts = time.splitn(3, ':');
                let mut next = || time_parts.next()?.parse::<i64>().ok();
                (next()?, next()?, next()?)
            }
            None => (0, 0, 0),
        };
        Self::from_fields(year, month, day, time)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` exactly as Waymark writes it, read by position: a team plan
    /// holds hundreds of thousands of these. Anything else is `None`, for the general
    /// reading, which gives the same for this form.
    fn parse_as_written(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let separators = [
            (4, b'-'),
            (7, b'-'),
            (10, b'T'),
            (13, b':'),
            (16, b':'),
            (19, b'Z'),
        ];
        if bytes.len() != 20 || (separators.iter()).any(|&(at, byte)| bytes.get(at) != Some(&byte))
        {
            return None;
        }
        let number = |from: usize, to: usize| {
            (bytes.get(from..to)?.iter()).try_fold(0_i64, |value, &digit| {
                (digit.is_ascii_digit()).then(|| value * 10 + i64::from(digit - b'0'))
            })
        };
        let (month, day) = (number(5, 7)?, number(8, 10)?);
        let time = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
        let [month, day] = [month, day].map(|n| u32::try_from(n).ok());
        Self::from_fields(number(0, 4)?, month?, day?, time)
    }

    /// The moment of a date and a time of day, if there is such a date and time.
    fn from_fields(
        year: i64,
        month: u32,
        day: u32,
        (hours, minutes, seconds): (i64, i64, i64),
    ) -> Option<Self> {
        if !(1..=12).contains(&month)
            || !(1..=days_in_month(year, month)).contains(&day)
            || !(0..24).contains(&hours)
            || !(0..60).contains(&minutes)
            || !(0..61).contains(&seconds)
        {
            return None;
        }
        Some(Self {
            unix_secs: days_from_civil(year, month, day) * 86_400
                + hours * 3600
                + minutes * 60
                + seconds,
        })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs_of_day = self.unix_secs.rem_euclid(86_400);
        write!(
            f,
            "{}T{:02}:{:02}:{:02}Z",
            self.date_string(),
            secs_of_day / 3600,
            secs_of_day % 3600 / 60,
            secs_of_day % 60
        )
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TimestampVisitor)
    }
}

/// Reads a timestamp straight from the text, with no string of its own: a team plan
/// holds hundreds of thousands of them.
struct TimestampVisitor;

impl serde::de::Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a date-time like \"2026-11-26T13:02:00Z\"")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Timestamp, E> {
        Timestamp::parse(text).ok_or_else(|| {
            E::custom(format!(
                "`{text}` is not a date-time like \"2026-11-26T13:02:00Z\""
            ))
        })
    }
}

fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_round_trip() {
        let stamp = Timestamp::parse("2026-11-26T13:02:05Z").unwrap();
        assert_eq!(stamp.to_string(), "2026-11-26T13:02:05Z");
        assert_eq!(stamp.date_string(), "2026-11-26");
        assert_eq!(
            Timestamp::from_unix_secs(0).to_string(),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(
            Timestamp::parse("2024-02-29").unwrap().date_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn the_written_form_reads_as_the_general_reading_does() {
        // Years 1 to 9999: every date a plan holds.
        for days in (-719_162_i64..2_932_896).step_by(997) {
            let stamp = Timestamp::from_unix_secs(days * 86_400 + (days * 7919).rem_euclid(86_400));
            let text = stamp.to_string();
            assert_eq!(Timestamp::parse_as_written(&text), Some(stamp), "{text}");
            assert_eq!(Timestamp::parse(&text), Some(stamp), "{text}");
        }
        for text in [
            "2025-02-29T00:00:00Z",
            "2025-01-01T24:00:00Z",
            "2025-01-01T00:60:00Z",
            "2025-00-01T00:00:00Z",
            "2025-01-00T00:00:00Z",
            "2025-01-01 00:00:00Z",
            "2025-01-01T00:00:0xZ",
            "+025-01-01T00:00:00Z",
        ] {
            assert_eq!(Timestamp::parse_as_written(text), None, "{text}");
        }
        // Leap seconds and a leading plus are the general reading's.
        assert!(Timestamp::parse_as_written("2025-06-30T23:59:60Z").is_some());
        assert!(Timestamp::parse("+2025-06-30T23:59:59Z").is_some());
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Timestamp::parse("2025-02-29").is_none());
        assert!(Timestamp::parse("2025-13-01").is_none());
        assert!(Timestamp::parse("2025-01-01T25:00:00Z").is_none());
        assert!(Timestamp::parse("yesterday").is_none());
    }

    #[test]
    fn every_day_for_centuries_round_trips() {
        for days in (-200_000..200_000).step_by(7) {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(days_from_civil(year, month, day), days);
        }
    }
}
