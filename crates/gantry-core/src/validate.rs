//! Rules for what a user may type. Each function takes raw input and returns
//! the clean value or a message a person can act on.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

/// The longest name (of a project, task, person) Gantry accepts, in characters.
pub const MAX_NAME_CHARS: usize = 250;
/// The longest free text (notes, goal, scope) Gantry accepts, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Durations and lags beyond this many working minutes (about 400 years of
/// eight-hour days) are refused as typing errors.
pub const MAX_MINUTES: i64 = 50_000_000;
/// Dates outside these years are refused: no plan spans them, and bounded
/// dates keep calendar arithmetic bounded.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Input that breaks a rule; `field` names what was wrong for the UI.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ValidationError {
    pub field: &'static str,
    pub message: String,
}

pub type Result<T> = std::result::Result<T, ValidationError>;

fn fail<T>(field: &'static str, message: impl Into<String>) -> Result<T> {
    Err(ValidationError { field, message: message.into() })
}

/// Characters that reorder text for display: allowed nowhere, since they can
/// make a name read differently from what it is.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A one-line name: trimmed, not empty, not too long, no control characters.
pub fn name(field: &'static str, label: &str, raw: &str) -> Result<String> {
    let value = raw.trim();
    if value.is_empty() {
        return fail(field, format!("{label} must not be empty."));
    }
    let chars = value.chars().count();
    if chars > MAX_NAME_CHARS {
        return fail(field, format!("{label} is {chars} characters long; at most {MAX_NAME_CHARS} are allowed."));
    }
    if value.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return fail(field, format!("{label} contains control characters; remove them."));
    }
    Ok(value.to_owned())
}

/// A name from a file someone else wrote, made acceptable: control and
/// bidi characters removed, trimmed, cut to [`MAX_NAME_CHARS`]. `None` when
/// nothing is left. Importers use it and warn when it changed the name.
pub fn cleaned_name(raw: &str) -> Option<String> {
    let kept: String =
        raw.chars().map(|c| if c.is_control() { ' ' } else { c }).filter(|c| !is_bidi_control(*c)).collect();
    let value: String = kept.trim().chars().take(MAX_NAME_CHARS).collect();
    let value = value.trim_end().to_owned();
    (!value.is_empty()).then_some(value)
}

/// Free text from a file, made acceptable as [`text`] would want it.
pub fn cleaned_text(raw: &str) -> String {
    raw.chars()
        .filter(|c| (!c.is_control() || matches!(c, '\n' | '\t' | '\r')) && !is_bidi_control(*c))
        .take(MAX_TEXT_CHARS)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// Free text such as notes: may be empty and span lines.
pub fn text(field: &'static str, label: &str, raw: &str) -> Result<String> {
    let chars = raw.chars().count();
    if chars > MAX_TEXT_CHARS {
        return fail(field, format!("{label} is {chars} characters long; at most {MAX_TEXT_CHARS} are allowed."));
    }
    if raw.chars().any(|c| (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || is_bidi_control(c)) {
        return fail(field, format!("{label} contains control characters; remove them."));
    }
    Ok(raw.trim_end().to_owned())
}

/// An optional one-line text such as a manager's name or a role: may be empty.
pub fn optional_name(field: &'static str, label: &str, raw: &str) -> Result<String> {
    if raw.trim().is_empty() { Ok(String::new()) } else { name(field, label, raw) }
}

/// A duration in working minutes.
pub fn duration(field: &'static str, minutes: i64) -> Result<i64> {
    if minutes < 0 {
        return fail(field, "A duration cannot be negative.");
    }
    if minutes > MAX_MINUTES {
        return fail(field, "That duration is longer than any plan; check the number.");
    }
    Ok(minutes)
}

/// The most pauses one task's work may have.
pub const MAX_SPLITS: usize = 200;

/// A task's splits: each inside its duration of `duration` minutes, in
/// order, pausing for some time, and the whole no longer than a plan.
pub fn splits(field: &'static str, duration: i64, splits: &[crate::model::Split]) -> Result<()> {
    if splits.len() > MAX_SPLITS {
        return fail(field, "A task can pause at most 200 times.");
    }
    let mut last = 0;
    let mut total = duration;
    for s in splits {
        if s.after <= last || s.after >= duration {
            return fail(field, "Each pause must come after the last one and before the work is done.");
        }
        if s.pause <= 0 || s.pause > MAX_MINUTES {
            return fail(field, "A pause must last some time, and less than any plan.");
        }
        last = s.after;
        total += s.pause;
    }
    if total > MAX_MINUTES {
        return fail(field, "With its pauses, the task is longer than any plan.");
    }
    Ok(())
}

/// A lag in working minutes; negative is lead time.
pub fn lag(field: &'static str, minutes: i64) -> Result<i64> {
    if minutes.abs() > MAX_MINUTES {
        return fail(field, "That lag is longer than any plan; check the number.");
    }
    Ok(minutes)
}

/// A rating on a 1–5 scale (a risk's probability or impact, a
/// stakeholder's influence or interest).
pub fn rating(field: &'static str, label: &str, value: i64) -> Result<u8> {
    match u8::try_from(value) {
        Ok(v @ 1..=5) => Ok(v),
        _ => fail(field, format!("{label} is rated 1 to 5; {value} is not on the scale.")),
    }
}

/// A percentage from 0 to 100.
pub fn percent(field: &'static str, value: i64) -> Result<u8> {
    match u8::try_from(value) {
        Ok(p) if p <= 100 => Ok(p),
        _ => fail(field, format!("{value} % is not a percentage from 0 to 100.")),
    }
}

fn check_year(field: &'static str, date: NaiveDate) -> Result<NaiveDate> {
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        fail(field, format!("{date} is outside the years {}–{} Gantry plans in.", YEARS.start(), YEARS.end()))
    }
}

/// A calendar date written `YYYY-MM-DD` that exists.
pub fn date(field: &'static str, raw: &str) -> Result<NaiveDate> {
    let raw = raw.trim();
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(d) => check_year(field, d),
        Err(_) => fail(field, format!("“{}” is not a date; use YYYY-MM-DD, e.g. 2027-03-15.", shorten(raw))),
    }
}

/// A date and time written `YYYY-MM-DDTHH:MM[:SS]` (or a space instead of
/// `T`), or a date alone, which means midnight.
pub fn datetime(field: &'static str, raw: &str) -> Result<NaiveDateTime> {
    let raw = raw.trim();
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(raw, format) {
            check_year(field, t.date())?;
            return Ok(t);
        }
    }
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(d) => Ok(check_year(field, d)?.and_time(NaiveTime::MIN)),
        Err(_) => {
            fail(field, format!("“{}” is not a date and time; use YYYY-MM-DD or YYYY-MM-DDTHH:MM.", shorten(raw)))
        }
    }
}

/// A currency code such as EUR or USD.
pub fn currency(field: &'static str, raw: &str) -> Result<String> {
    let code = raw.trim().to_ascii_uppercase();
    if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(code)
    } else {
        fail(field, format!("“{}” is not a three-letter currency code such as EUR.", shorten(raw)))
    }
}

/// An e-mail address, or nothing.
pub fn email(field: &'static str, raw: &str) -> Result<String> {
    let value = optional_name(field, "The e-mail address", raw)?;
    if value.is_empty() {
        return Ok(value);
    }
    match value.split_once('@') {
        Some((local, domain)) if !local.is_empty() && domain.contains('.') && !value.contains(' ') => Ok(value),
        _ => fail(field, format!("“{}” is not an e-mail address.", shorten(&value))),
    }
}

/// A cost rate: a finite, non-negative amount.
pub fn cost_rate(field: &'static str, value: f64) -> Result<f64> {
    if value.is_finite() && (0.0..1e9).contains(&value) {
        Ok(value)
    } else {
        fail(field, "A cost rate must be a positive amount.")
    }
}

/// Long input echoed in a message is cut so the message stays readable.
fn shorten(raw: &str) -> String {
    const KEEP: usize = 40;
    if raw.chars().count() <= KEEP {
        raw.to_owned()
    } else {
        let mut cut: String = raw.chars().take(KEEP).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_name(raw: &str, expected: std::result::Result<&str, &str>) {
        let got = name("name", "The task name", raw);
        match expected {
            Ok(v) => assert_eq!(got, Ok(v.to_owned())),
            Err(fragment) => {
                let err = got.expect_err("should be refused");
                assert!(err.message.contains(fragment), "{:?} lacks {fragment:?}", err.message);
            }
        }
    }

    #[test]
    fn names_are_trimmed_and_checked() {
        check_name("  Go-live  ", Ok("Go-live"));
        check_name("Migration des données clients", Ok("Migration des données clients"));
        check_name("客户门户", Ok("客户门户"));
        check_name("", Err("must not be empty"));
        check_name(" \t ", Err("must not be empty"));
        check_name(&"x".repeat(10_000), Err("10000 characters"));
        check_name("a\u{0}b", Err("control characters"));
        check_name("invoice\u{202E}fdp.exe", Err("control characters"));
    }

    #[test]
    fn dates_that_do_not_exist_are_refused() {
        assert_eq!(date("start", "2027-03-15").map(|d| d.to_string()), Ok("2027-03-15".into()));
        assert!(date("start", "2027-02-29").is_err(), "2027 is no leap year");
        assert!(date("start", "2028-02-29").is_ok(), "2028 is a leap year");
        assert!(date("start", "2027-13-01").is_err());
        assert!(date("start", "15.03.2027").is_err());
        assert!(date("start", "9999-01-01").unwrap_err().message.contains("outside the years"));
        assert!(datetime("start", "2027-03-15T08:00").is_ok());
        assert!(datetime("start", "2027-03-15T25:00").is_err());
    }

    #[test]
    fn numbers_stay_in_range() {
        assert!(duration("duration", -1).is_err());
        assert_eq!(duration("duration", 0), Ok(0));
        assert!(duration("duration", MAX_MINUTES + 1).is_err());
        assert_eq!(lag("lag", -480), Ok(-480));
        assert!(percent("percent", 101).is_err());
        assert!(percent("percent", -5).is_err());
        assert!(cost_rate("rate", f64::NAN).is_err());
        assert_eq!(currency("currency", "eur"), Ok("EUR".into()));
        assert!(currency("currency", "EURO").is_err());
        assert!(email("email", "ana@example.org").is_ok());
        assert!(email("email", "ana at example").is_err());
        assert_eq!(email("email", "  "), Ok(String::new()));
    }
}
