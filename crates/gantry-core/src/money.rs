//! Money: integers in the currency's minor unit (cents for EUR), never
//! floats. Reading an amount a person typed and writing one for people are
//! the only conversions, and rounding happens in [`round_div`] alone.

use crate::validate::ValidationError;

/// The largest amount Gantry keeps, in major units: far beyond any IT
/// budget, and far below where integer arithmetic on it could overflow.
pub const MAX_MAJOR: i64 = 1_000_000_000_000;

/// How many digits the currency's minor unit has (ISO 4217): none for the
/// yen, three for the dinars of Bahrain, Kuwait, Oman, Jordan, Iraq, Libya,
/// Tunisia, two for the rest.
pub fn minor_digits(currency: &str) -> u32 {
    match currency {
        "JPY" | "KRW" | "ISK" | "CLP" | "VND" | "PYG" | "UGX" | "XAF" | "XOF" | "XPF" | "KMF" | "GNF" | "RWF"
        | "VUV" | "DJF" | "BIF" => 0,
        "BHD" | "KWD" | "OMR" | "JOD" | "IQD" | "LYD" | "TND" => 3,
        _ => 2,
    }
}

/// `a × b ÷ c`, rounded half away from zero, without overflow on the way:
/// the one place amounts and shares are rounded. `c` must not be zero.
pub fn round_div(a: i64, b: i64, c: i64) -> i64 {
    let (n, d) = (i128::from(a) * i128::from(b), i128::from(c));
    let q = (2 * n.abs() + d.abs()) / (2 * d.abs());
    let q = if (n < 0) != (d < 0) { -q } else { q };
    i64::try_from(q).unwrap_or(if q < 0 { i64::MIN } else { i64::MAX })
}

/// Reads an amount typed in major units ("95", "95.5", "1 250,00",
/// "1,250.00") into minor units of `currency`. Negative amounts are refused
/// unless `negative` allows them.
pub fn parse(field: &'static str, raw: &str, currency: &str, negative: bool) -> Result<i64, ValidationError> {
    let fail = |message: String| ValidationError { field, message };
    let text: String = raw.trim().chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\'').collect();
    let (minus, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    if digits.is_empty() {
        return Err(fail("An amount is needed, such as 95 or 95.50.".into()));
    }
    // The last '.' or ',' followed by at most the minor digits is the
    // decimal separator; any other is a thousands separator.
    let places = minor_digits(currency) as usize;
    let split = digits.rfind(['.', ',']).filter(|&at| {
        let after = digits.len() - at - 1;
        after <= places.max(2) || (after == 3 && places == 3)
    });
    // More digits after the last separator than the currency has, and not a
    // group of thousands: too many decimal places.
    if let Some(at) = digits.rfind(['.', ','])
        && split.is_none()
        && digits.len() - at - 1 != 3
        && digits[at + 1..].chars().all(|c| c.is_ascii_digit())
    {
        return Err(fail(format!("{currency} amounts have {places} decimal places at most.")));
    }
    let (whole, fraction) = match split {
        Some(at) => (&digits[..at], &digits[at + 1..]),
        None => (digits, ""),
    };
    let bad = || fail(format!("“{}” is not an amount of money.", raw.trim().chars().take(40).collect::<String>()));
    // Thousands separators group by three.
    let mut groups = whole.split(['.', ',']);
    if groups.next().is_some_and(|g| g.is_empty() && whole.contains(['.', ','])) || groups.any(|g| g.len() != 3) {
        return Err(bad());
    }
    let whole: String = whole.chars().filter(|c| *c != ',' && *c != '.').collect();
    if !whole.chars().all(|c| c.is_ascii_digit()) || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    if fraction.len() > places {
        return Err(fail(format!("{currency} amounts have {places} decimal places at most.")));
    }
    let major: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
    if major > MAX_MAJOR {
        return Err(fail("That amount is larger than Gantry keeps.".into()));
    }
    let scale = 10_i64.pow(places as u32);
    let minor_part: i64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse::<i64>().map_err(|_| bad())? * 10_i64.pow((places - fraction.len()) as u32)
    };
    let amount = major * scale + minor_part;
    if minus && amount != 0 && !negative {
        return Err(fail("The amount must not be negative.".into()));
    }
    Ok(if minus { -amount } else { amount })
}

/// An amount for people: "1,250.00 EUR" style digits, without the code.
pub fn format(minor: i64, currency: &str) -> String {
    let places = minor_digits(currency);
    let scale = 10_i64.pow(places);
    let (sign, abs) = (if minor < 0 { "-" } else { "" }, minor.unsigned_abs());
    let whole = (abs / scale as u64).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if places == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{:0width$}", abs % scale as u64, width = places as usize)
    }
}

/// An amount for files other programs read: digits and a point, no
/// grouping ("1234.56"; "1200" in yen).
pub fn plain(minor: i64, currency: &str) -> String {
    let places = minor_digits(currency);
    let scale = 10_u64.pow(places);
    let (sign, abs) = (if minor < 0 { "-" } else { "" }, minor.unsigned_abs());
    if places == 0 {
        format!("{sign}{abs}")
    } else {
        format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = places as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, currency: &str, expected: Option<i64>) {
        assert_eq!(parse("rate", raw, currency, false).ok(), expected, "{raw:?} in {currency}");
    }

    #[test]
    fn plain_amounts_have_no_grouping() {
        assert_eq!(plain(9500, "EUR"), "95.00");
        assert_eq!(plain(5, "EUR"), "0.05");
        assert_eq!(plain(123_456_789, "EUR"), "1234567.89");
        assert_eq!(plain(-250, "EUR"), "-2.50");
        assert_eq!(plain(1200, "JPY"), "1200");
    }

    #[test]
    fn amounts_read_as_people_type_them() {
        check("95", "EUR", Some(9500));
        check("95.5", "EUR", Some(9550));
        check("95,50", "EUR", Some(9550));
        check("1,250.00", "USD", Some(125_000));
        check("1.250,00", "EUR", Some(125_000));
        check("1 250", "EUR", Some(125_000));
        check("1,250", "USD", Some(125_000));
        check("12000", "JPY", Some(12000));
        check("1.5", "JPY", None);
        check("2.125", "KWD", Some(2125));
        check("95.555", "EUR", Some(9_555_500));
        check("95.5555", "EUR", None);
        check("1,25,0", "EUR", None);
        check("-5", "EUR", None);
        check("ten", "EUR", None);
        check("", "EUR", None);
        check("99999999999999999999", "EUR", None);
        assert_eq!(parse("x", "-5", "EUR", true), Ok(-500));
    }

    #[test]
    fn amounts_print_with_their_minor_digits() {
        assert_eq!(format(125_000, "EUR"), "1,250.00");
        assert_eq!(format(-5, "EUR"), "-0.05");
        assert_eq!(format(12000, "JPY"), "12,000");
        assert_eq!(format(2125, "KWD"), "2.125");
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_div(5, 1, 2), 3);
        assert_eq!(round_div(-5, 1, 2), -3);
        assert_eq!(round_div(4, 1, 3), 1);
        assert_eq!(round_div(i64::MAX, 2, 2), i64::MAX);
    }
}
