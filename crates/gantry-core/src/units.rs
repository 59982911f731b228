//! Durations as people type and read them: "3d", "4h", "2w", "1.5 days",
//! turned into working minutes with the project's day, week and month.

use crate::model::DurationSettings;
use crate::validate::{self, ValidationError};

/// Reads a duration such as `5d`, `4 h`, `2w`, `1mo`, `90m`, `0` or a bare
/// number (days). Returns working minutes.
pub fn parse_duration(raw: &str, settings: DurationSettings) -> Result<i64, ValidationError> {
    let (number, unit) = number_and_unit(raw);
    let number = read_number(raw, &number, "30m")?;
    let per = match unit.as_str() {
        "" | "d" | "day" | "days" => settings.minutes_per_day,
        "m" | "min" | "mins" | "minute" | "minutes" => 1,
        "h" | "hr" | "hrs" | "hour" | "hours" => 60,
        "w" | "wk" | "wks" | "week" | "weeks" => settings.minutes_per_week,
        "mo" | "mon" | "month" | "months" => settings.minutes_per_day * settings.days_per_month,
        other => {
            return Err(ValidationError {
                field: "duration",
                message: format!("“{other}” is not a unit; use m, h, d, w or mo."),
            });
        }
    };
    whole_minutes(number, per)
}

/// A typed duration's number and unit, lowercased and trimmed, without the
/// question mark of an estimate: `" 1,5 Days? "` → `("1,5", "days")`.
fn number_and_unit(raw: &str) -> (String, String) {
    let text = raw.trim().to_lowercase();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-')).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    (number.to_owned(), unit.trim().trim_end_matches('?').to_owned())
}

/// The number of a duration, with a comma or a point for decimals; the
/// message's example ends with `last_example`.
fn read_number(raw: &str, number: &str, last_example: &str) -> Result<f64, ValidationError> {
    number.replace(',', ".").parse().map_err(|_| ValidationError {
        field: "duration",
        message: format!("“{}” is not a duration; write e.g. 5d, 4h, 2w or {last_example}.", raw.trim()),
    })
}

/// `number` units of `per` minutes, rounded to whole minutes and checked.
fn whole_minutes(number: f64, per: i64) -> Result<i64, ValidationError> {
    let minutes = number * per as f64;
    if !minutes.is_finite() {
        return Err(ValidationError { field: "duration", message: "That is not a duration.".into() });
    }
    validate::duration("duration", minutes.round() as i64)
}

/// Reads a task's duration: working time as [`parse_duration`] reads it, or
/// an elapsed duration in calendar time, as MS Project writes it: `3ed`,
/// `36eh`, `90em`, `2ew`, `1emo` (an elapsed day has 24 hours, a week 7
/// days, a month 30). Returns the minutes and whether they are elapsed.
pub fn parse_task_duration(raw: &str, settings: DurationSettings) -> Result<(i64, bool), ValidationError> {
    let (number, unit) = number_and_unit(raw);
    let per = match unit.as_str() {
        "em" | "emin" | "emins" => 1,
        "eh" | "ehr" | "ehrs" => 60,
        "ed" | "eday" | "edays" => 1440,
        "ew" | "ewk" | "ewks" => 7 * 1440,
        "emo" | "emon" => 30 * 1440,
        _ => return parse_duration(raw, settings).map(|m| (m, false)),
    };
    Ok((whole_minutes(read_number(raw, &number, "3ed")?, per)?, true))
}

/// A task's duration as the plan shows it: `5d`, or `3ed` when elapsed.
pub fn format_task_duration(minutes: i64, elapsed: bool, settings: DurationSettings) -> String {
    if elapsed { format_elapsed(minutes) } else { format_duration(minutes, settings) }
}

/// Whether a typed duration is only an estimate: MS Project's `5d?`.
pub fn is_estimate(raw: &str) -> bool {
    raw.trim_end().ends_with('?')
}

/// Reads a link's lag: a duration with an optional sign, `-2d` being two
/// days of lead time. Returns working minutes.
pub fn parse_lag(raw: &str, settings: DurationSettings) -> Result<i64, ValidationError> {
    let text = raw.trim();
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    if rest.trim().is_empty() {
        return Ok(0);
    }
    let minutes = parse_duration(rest, settings).map_err(|e| ValidationError { field: "lag", ..e })?;
    validate::lag("lag", sign * minutes)
}

/// A lag as the plan shows it: `+2d`, `-4h`, nothing for none.
pub fn format_lag(minutes: i64, settings: DurationSettings) -> String {
    match minutes {
        0 => String::new(),
        m if m > 0 => format!("+{}", format_duration(m, settings)),
        m => format!("-{}", format_duration(-m, settings)),
    }
}

/// Writes working minutes the way a planner reads them: whole or decimal
/// days from a day up (`5d`, `18.6d`), hours below (`3.5h`), else minutes.
pub fn format_duration(minutes: i64, settings: DurationSettings) -> String {
    let day = settings.minutes_per_day.max(1);
    if minutes == 0 {
        "0d".into()
    } else if minutes % day == 0 {
        format!("{}d", minutes / day)
    } else if minutes > day {
        format!("{}d", decimal(rounded_hundredths(minutes, day)))
    } else if minutes % 6 == 0 {
        format!("{}h", decimal(minutes / 6 * 10))
    } else {
        format!("{minutes}m")
    }
}

/// Minutes as hours for people: "7 h", "7:30 h".
pub fn format_hours(minutes: i64) -> String {
    let (sign, m) = (if minutes < 0 { "-" } else { "" }, minutes.unsigned_abs());
    match m % 60 {
        0 => format!("{sign}{} h", m / 60),
        r => format!("{sign}{}:{r:02} h", m / 60),
    }
}

/// Calendar ("elapsed") minutes as MS Project writes them: "2ed", "36eh",
/// "90em" (elapsed days have 24 hours).
pub fn format_elapsed(minutes: i64) -> String {
    if minutes != 0 && minutes % 1440 == 0 {
        format!("{}ed", minutes / 1440)
    } else if minutes % 60 == 0 {
        format!("{}eh", minutes / 60)
    } else {
        format!("{minutes}em")
    }
}

/// `minutes / day` in hundredths, rounded as the quotient's nearest double
/// is (so 492 / 480, just under 1.025 there, gives 102).
fn rounded_hundredths(minutes: i64, day: i64) -> i64 {
    (minutes as f64 / day as f64 * 100.0).round() as i64
}

/// Hundredths as a decimal without trailing zeros: 1388 → "13.88",
/// 350 → "3.5", 400 → "4".
fn decimal(hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let (whole, fraction) = (hundredths.unsigned_abs() / 100, hundredths.unsigned_abs() % 100);
    match fraction {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_the_rounded_decimal_of_their_days_or_hours() {
        // What the text stands for, worked out in floating point.
        fn by_float(minutes: i64, day: i64) -> String {
            let trim = |x: f64| format!("{x:.2}").trim_end_matches('0').trim_end_matches('.').to_owned();
            if minutes == 0 {
                "0d".into()
            } else if minutes % day == 0 {
                format!("{}d", minutes / day)
            } else if minutes > day {
                format!("{}d", trim((minutes as f64 / day as f64 * 100.0).round() / 100.0))
            } else if minutes % 6 == 0 {
                format!("{}h", trim(minutes as f64 / 60.0))
            } else {
                format!("{minutes}m")
            }
        }
        for day in [60, 420, 450, 456, 480, 510, 1440] {
            let settings = DurationSettings { minutes_per_day: day, ..DurationSettings::default() };
            for minutes in (0..20_000).chain([1_000_003, 48_000_017]) {
                assert_eq!(
                    format_duration(minutes, settings),
                    by_float(minutes, day),
                    "{minutes} minutes, {day} a day"
                );
            }
        }
        let day = DurationSettings::default();
        assert_eq!((format_duration(1860, day), format_duration(90, day)), ("3.88d".into(), "1.5h".into()));
        assert_eq!(format_lag(-90, day), "-1.5h");
    }

    fn check(raw: &str, expected: Result<i64, &str>) {
        let got = parse_duration(raw, DurationSettings::default());
        match expected {
            Ok(m) => assert_eq!(got, Ok(m), "{raw}"),
            Err(fragment) => {
                let message = got.expect_err(raw).message;
                assert!(message.contains(fragment), "{raw}: {message}");
            }
        }
    }

    #[test]
    fn elapsed_durations_count_calendar_time_and_print_back() {
        let s = DurationSettings::default();
        for (raw, minutes, shown) in [
            ("3ed", 3 * 1440, "3ed"),
            ("36 eh", 36 * 60, "36eh"),
            ("90em", 90, "90em"),
            ("1ew", 7 * 1440, "7ed"),
            ("1emo", 30 * 1440, "30ed"),
            ("1.5ed", 2160, "36eh"),
            ("2ed?", 2880, "2ed"),
        ] {
            assert_eq!(parse_task_duration(raw, s), Ok((minutes, true)), "{raw}");
            assert_eq!(format_task_duration(minutes, true, s), shown, "{raw}");
        }
        assert_eq!(parse_task_duration("3d", s), Ok((1440, false)), "working days stay working time");
        assert_eq!(format_task_duration(1440, false, s), "3d");
        assert!(parse_task_duration("-2ed", s).is_err(), "no negative elapsed time");
        assert!(parse_task_duration("xed", s).is_err());
        assert!(parse_task_duration("3ex", s).unwrap_err().message.contains("not a unit"));
    }

    #[test]
    fn lags_take_a_sign_and_print_it_back() {
        let s = DurationSettings::default();
        assert_eq!(parse_lag("2d", s), Ok(960));
        assert_eq!(parse_lag("+4h", s), Ok(240));
        assert_eq!(parse_lag(" -1d ", s), Ok(-480));
        assert_eq!(parse_lag("", s), Ok(0));
        assert_eq!(parse_lag("-", s), Ok(0));
        assert!(parse_lag("--2d", s).is_err(), "a double sign is a typo, not a lead");
        assert_eq!(parse_lag("x", s).unwrap_err().field, "lag");
        assert_eq!(format_lag(960, s), "+2d");
        assert_eq!(format_lag(-240, s), "-4h");
        assert_eq!(format_lag(0, s), "");
    }

    #[test]
    fn durations_in_every_unit() {
        check("5d", Ok(2400));
        check("5", Ok(2400));
        check(" 4 h ", Ok(240));
        check("1.5d", Ok(720));
        check("1,5 days", Ok(720));
        check("2w", Ok(4800));
        check("1mo", Ok(9600));
        check("90m", Ok(90));
        check("0", Ok(0));
        check("-2d", Err("negative"));
        check("abc", Err("not a duration"));
        check("3 fortnights", Err("not a unit"));
        check("1e400d", Err("not a unit"));
        check("99999999999999999999d", Err("longer than any plan"));
    }

    #[test]
    fn durations_read_back_as_typed() {
        let s = DurationSettings::default();
        assert_eq!(format_duration(2400, s), "5d");
        assert_eq!(format_duration(240, s), "4h");
        assert_eq!(format_duration(210, s), "3.5h");
        assert_eq!(format_duration(0, s), "0d");
        assert_eq!(format_duration(7, s), "7m");
        assert_eq!(format_duration(8928, s), "18.6d", "long spans read in days");
        assert_eq!(format_elapsed(2880), "2ed");
        assert_eq!(format_elapsed(2160), "36eh");
        assert_eq!(format_elapsed(45), "45em");
        for text in ["5d", "4h", "3.5h", "7m", "12d"] {
            assert_eq!(format_duration(parse_duration(text, s).expect("parses"), s), text);
        }
    }
}
