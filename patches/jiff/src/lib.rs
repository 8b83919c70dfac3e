//! UTC timestamps for k8s-openapi's `Time` and `MicroTime`, standing in for `jiff`.
//!
//! k8s-openapi 0.29 needs exactly this from jiff: a `Timestamp` that is `Copy`, ordered,
//! `Debug` and deserializable, and `fmt::strtime::format` for the two RFC 3339 patterns its
//! serializers use (`%Y-%m-%dT%H:%M:%SZ` and `%Y-%m-%dT%H:%M:%S%.6fZ`). The real crate's
//! general formatter, time zone database and parsers are what made the WebAssembly module
//! 52 KB (gzip) bigger, for objects that never carry a timestamp.
//!
//! Supported range: years 0000 to 9999 (what RFC 3339 can write). Anything outside it, and
//! any format directive other than the handful below, is an error, never a wrong string.

#![no_std]

extern crate alloc;

/// Seconds from 0000-01-01T00:00:00Z to the Unix epoch.
const MIN_SECOND: i64 = -62_167_219_200;
/// Seconds from the Unix epoch to 9999-12-31T23:59:59Z.
const MAX_SECOND: i64 = 253_402_300_799;

/// An instant in UTC with nanosecond precision, between years 0000 and 9999.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    second: i64,
    nanosecond: u32,
}

impl Timestamp {
    /// 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: Timestamp = Timestamp {
        second: 0,
        nanosecond: 0,
    };

    /// The instant `second` seconds and `nanosecond` nanoseconds after the Unix epoch.
    ///
    /// As in jiff, a negative `second` takes a non-positive `nanosecond` (both count away
    /// from the epoch); a sign mismatch, `|nanosecond| > 999_999_999` or a year outside
    /// 0000..=9999 is an error.
    pub fn new(second: i64, nanosecond: i32) -> Result<Timestamp, Error> {
        if nanosecond.unsigned_abs() > 999_999_999 {
            return Err(Error("nanosecond must be within -999999999..=999999999"));
        }
        if (second > 0 && nanosecond < 0) || (second < 0 && nanosecond > 0) {
            return Err(Error("second and nanosecond must have the same sign"));
        }
        // Normalise to a floor second plus a non-negative fraction.
        let (second, nanosecond) = if nanosecond < 0 {
            (second - 1, (1_000_000_000 + nanosecond) as u32)
        } else {
            (second, nanosecond as u32)
        };
        if !(MIN_SECOND..=MAX_SECOND).contains(&second) {
            return Err(Error("timestamp must be within years 0000..=9999"));
        }
        Ok(Timestamp { second, nanosecond })
    }

    /// The instant `second` seconds after the Unix epoch.
    pub fn from_second(second: i64) -> Result<Timestamp, Error> {
        Timestamp::new(second, 0)
    }

    /// Whole seconds since the Unix epoch, truncated towards zero (as in jiff).
    pub fn as_second(self) -> i64 {
        if self.second < 0 && self.nanosecond > 0 {
            self.second + 1
        } else {
            self.second
        }
    }

    /// The fraction past [`Timestamp::as_second`] in nanoseconds, with the sign of the
    /// timestamp (as in jiff): `-999_999_999..=999_999_999`.
    pub fn subsec_nanosecond(self) -> i32 {
        if self.second < 0 && self.nanosecond > 0 {
            self.nanosecond as i32 - 1_000_000_000
        } else {
            self.nanosecond as i32
        }
    }

    /// The UTC calendar fields.
    fn civil(self) -> Civil {
        let days = self.second.div_euclid(86_400);
        let secs = self.second.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: secs / 3600,
            minute: secs / 60 % 60,
            second: secs % 60,
            nanosecond: self.nanosecond,
        }
    }
}

/// Broken-down UTC fields of a timestamp.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanosecond: u32,
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// (year, month, day), proleptic Gregorian, to days since 1970-01-01.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = year - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Why a timestamp could not be made, parsed or formatted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error(&'static str);

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.0)
    }
}

impl core::str::FromStr for Timestamp {
    type Err = Error;

    /// Parses an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of up to
    /// nine digits, then `Z` or an offset `±HH:MM` (`t`, `z` and a space separator accepted).
    fn from_str(s: &str) -> Result<Timestamp, Error> {
        parse_rfc3339(s.as_bytes()).ok_or(Error(
            "expected an RFC 3339 timestamp such as 2024-07-15T16:24:59Z within years 0000..=9999",
        ))?
    }
}

/// `None` for a syntax error; `Some(Err)` for a well-formed but impossible value.
fn parse_rfc3339(s: &[u8]) -> Option<Result<Timestamp, Error>> {
    let num = |from: usize, len: usize| -> Option<u32> {
        let digits = s.get(from..from + len)?;
        digits.iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let byte = |at: usize| s.get(at).copied();
    let year = i64::from(num(0, 4)?);
    let month = num(5, 2)?;
    let day = num(8, 2)?;
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if byte(4)? != b'-' || byte(7)? != b'-' || !matches!(byte(10)?, b'T' | b't' | b' ') {
        return None;
    }
    if byte(13)? != b':' || byte(16)? != b':' {
        return None;
    }
    let mut at = 19;
    let mut nanosecond = 0u32;
    if byte(at) == Some(b'.') {
        let start = at + 1;
        let mut end = start;
        while byte(end).is_some_and(|b| b.is_ascii_digit()) {
            end += 1;
        }
        if end == start || end - start > 9 {
            return None;
        }
        nanosecond = num(start, end - start)? * 10u32.pow((9 - (end - start)) as u32);
        at = end;
    }
    let offset = match byte(at)? {
        b'Z' | b'z' if s.len() == at + 1 => 0,
        sign @ (b'+' | b'-') if s.len() == at + 6 && byte(at + 3)? == b':' => {
            let (h, m) = (num(at + 1, 2)?, num(at + 4, 2)?);
            if h > 23 || m > 59 {
                return Some(Err(Error("offset must be within -23:59..=+23:59")));
            }
            let minutes = i64::from(h * 60 + m);
            if sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    // A leap second (:60) is read as the last second of its minute, as jiff does.
    if !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return Some(Err(Error("date or time field out of range")));
    }
    let second = second.min(59);
    let local =
        days_from_civil(year, month, day) * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    let utc = local - offset * 60;
    if !(MIN_SECOND..=MAX_SECOND).contains(&utc) {
        return Some(Err(Error("timestamp must be within years 0000..=9999")));
    }
    Some(Ok(Timestamp {
        second: utc,
        nanosecond,
    }))
}

#[cfg(feature = "serde")]
impl<'de> serde_core::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde_core::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde_core::de::Visitor<'_> for Visitor {
            type Value = Timestamp;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("an RFC 3339 timestamp")
            }
            fn visit_str<E: serde_core::de::Error>(self, v: &str) -> Result<Timestamp, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// The one formatting entry point k8s-openapi calls.
pub mod fmt {
    /// `strftime`-style formatting, limited to the directives RFC 3339 needs.
    pub mod strtime {
        use crate::{Error, Timestamp};
        use alloc::string::String;
        use core::fmt::Write;

        /// The fields [`format`] reads; made from a [`Timestamp`].
        #[derive(Clone, Copy, Debug)]
        pub struct BrokenDownTime(Timestamp);

        impl From<Timestamp> for BrokenDownTime {
            fn from(t: Timestamp) -> Self {
                BrokenDownTime(t)
            }
        }

        /// Formats `time` in UTC.
        ///
        /// Directives: `%Y` (four digits), `%m`, `%d`, `%H`, `%M`, `%S` (two digits),
        /// `%.Nf` with `N` in 1..=9 (a dot and exactly `N` truncated fraction digits) and
        /// `%%`. Everything else after a `%` is an error.
        pub fn format(
            format: impl AsRef<[u8]>,
            time: impl Into<BrokenDownTime>,
        ) -> Result<String, Error> {
            let c = time.into().0.civil();
            let format = format.as_ref();
            let mut out = String::with_capacity(format.len() + 16);
            let mut i = 0;
            // Writing into a String cannot fail.
            while i < format.len() {
                let b = format[i];
                i += 1;
                if b != b'%' {
                    // Copies a whole UTF-8 sequence: continuation bytes are never `%`.
                    let end = format[i..]
                        .iter()
                        .position(|&b| b == b'%')
                        .map_or(format.len(), |p| i + p);
                    let text = core::str::from_utf8(&format[i - 1..end])
                        .map_err(|_| Error("format must be UTF-8"))?;
                    out.push_str(text);
                    i = end;
                    continue;
                }
                let directive = format.get(i).copied();
                i += 1;
                let _ = match directive {
                    Some(b'Y') => write!(out, "{:04}", c.year),
                    Some(b'm') => write!(out, "{:02}", c.month),
                    Some(b'd') => write!(out, "{:02}", c.day),
                    Some(b'H') => write!(out, "{:02}", c.hour),
                    Some(b'M') => write!(out, "{:02}", c.minute),
                    Some(b'S') => write!(out, "{:02}", c.second),
                    Some(b'%') => write!(out, "%"),
                    Some(b'.') => match (format.get(i), format.get(i + 1)) {
                        (Some(&n @ b'1'..=b'9'), Some(b'f')) => {
                            i += 2;
                            let digits = u32::from(n - b'0');
                            let value = c.nanosecond / 10u32.pow(9 - digits);
                            write!(out, ".{value:0width$}", width = digits as usize)
                        }
                        _ => {
                            return Err(Error(
                                "unsupported fraction directive: expected %.1f to %.9f",
                            ))
                        }
                    },
                    _ => return Err(Error(
                        "unsupported strtime directive: expected one of %Y %m %d %H %M %S %.Nf %%",
                    )),
                };
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fmt::strtime::format;
    use super::*;

    const RFC: &str = "%Y-%m-%dT%H:%M:%SZ";
    const MICRO: &str = "%Y-%m-%dT%H:%M:%S%.6fZ";

    #[test]
    fn formats_known_instants() {
        let at = |s, n| format(RFC, Timestamp::new(s, n).unwrap()).unwrap();
        assert_eq!(at(0, 0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400, 0), "2000-02-29T00:00:00Z");
        assert_eq!(at(-1, 0), "1969-12-31T23:59:59Z");
        assert_eq!(at(MAX_SECOND, 0), "9999-12-31T23:59:59Z");
        assert_eq!(at(MIN_SECOND, 0), "0000-01-01T00:00:00Z");
        let micro = format(MICRO, Timestamp::new(1_721_060_699, 123_456_789).unwrap()).unwrap();
        assert_eq!(micro, "2024-07-15T16:24:59.123456Z");
        let before = format(MICRO, Timestamp::new(-1, -250_000_000).unwrap()).unwrap();
        assert_eq!(before, "1969-12-31T23:59:58.750000Z");
    }

    #[test]
    fn civil_round_trips_every_day_of_four_centuries() {
        let mut days = days_from_civil(1600, 1, 1);
        for year in 1600..2000 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    assert_eq!(civil_from_days(days), (year, month, day));
                    assert_eq!(days_from_civil(year, month, day), days);
                    days += 1;
                }
            }
        }
    }

    #[test]
    fn parses_what_it_formats_and_offsets() {
        let t: Timestamp = "2024-07-15T16:24:59.123456789Z".parse().unwrap();
        assert_eq!(
            (t.as_second(), t.subsec_nanosecond()),
            (1_721_060_699, 123_456_789)
        );
        let shifted: Timestamp = "2024-07-15T12:24:59.123456789-04:00".parse().unwrap();
        assert_eq!(shifted, t);
        for bad in [
            "2024-02-30T00:00:00Z",
            "2024-07-15T16:24:59",
            "2024-07-15T16:24:59+2400",
            "x",
        ] {
            assert!(bad.parse::<Timestamp>().is_err(), "{bad}");
        }
    }

    #[test]
    fn accessors_give_back_what_new_took() {
        for (second, nanosecond) in [(0, 0), (5, 7), (-1, -250_000_000), (-3, 0), (0, -1), (0, 1)] {
            let t = Timestamp::new(second, nanosecond).unwrap();
            assert_eq!((t.as_second(), t.subsec_nanosecond()), (second, nanosecond));
        }
        assert!(Timestamp::new(0, -1).unwrap() < Timestamp::UNIX_EPOCH);
    }

    #[test]
    fn rejects_what_it_cannot_represent() {
        assert!(Timestamp::new(MAX_SECOND + 1, 0).is_err());
        assert!(Timestamp::new(1, -1).is_err());
        assert!(Timestamp::new(0, 1_000_000_000).is_err());
        assert!(format("%a", Timestamp::UNIX_EPOCH).is_err());
        assert!(format("%.f", Timestamp::UNIX_EPOCH).is_err());
    }
}
