//! iCalendar (RFC 5545) export: events with a stable UID each, so that a
//! calendar app updates them on a second import instead of duplicating
//! them. Times are floating (local wall-clock time, as the plan has them);
//! whole days are `VALUE=DATE` with the exclusive end RFC 5545 asks for.
//! Text is escaped (§3.3.11) and lines are folded at 75 octets without
//! splitting a UTF-8 character (§3.1).

use chrono::{NaiveDate, NaiveDateTime};

/// When an event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// From one moment to another.
    Moments(NaiveDateTime, NaiveDateTime),
    /// Whole days, first and last included.
    Days(NaiveDate, NaiveDate),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Unique and stable across exports, e.g. `release-4-window@portfolio`.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub when: When,
    /// `CONFIRMED` or `TENTATIVE`.
    pub tentative: bool,
}

/// Escapes a TEXT value.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets, ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn moment(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn day(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// A calendar of `events`, stamped `stamp` (the export's moment, UTC).
pub fn calendar(name: &str, events: &[Event], stamp: NaiveDateTime) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Gantry//Gantry project portfolio//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(name)));
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", text(&e.uid)));
        line(&mut out, &format!("DTSTAMP:{}Z", moment(stamp)));
        match e.when {
            When::Moments(start, end) => {
                line(&mut out, &format!("DTSTART:{}", moment(start)));
                line(&mut out, &format!("DTEND:{}", moment(end.max(start))));
            }
            When::Days(first, last) => {
                line(&mut out, &format!("DTSTART;VALUE=DATE:{}", day(first)));
                let end = last.max(first).succ_opt().unwrap_or(last);
                line(&mut out, &format!("DTEND;VALUE=DATE:{}", day(end)));
            }
        }
        line(&mut out, &format!("SUMMARY:{}", text(&e.summary)));
        if !e.description.is_empty() {
            line(&mut out, &format!("DESCRIPTION:{}", text(&e.description)));
        }
        line(&mut out, if e.tentative { "STATUS:TENTATIVE" } else { "STATUS:CONFIRMED" });
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, 3, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    #[test]
    fn text_is_escaped_and_long_lines_fold_between_characters() {
        let e = Event {
            uid: "release-1-window@x".into(),
            summary: "Cut-over; CRM, wave 1\\2".into(),
            description: format!("Line one\nLine two {}", "é".repeat(60)),
            when: When::Moments(at(5, 18), at(8, 6)),
            tentative: false,
        };
        let ics = calendar("Releases", &[e], at(1, 9));
        assert!(ics.contains("SUMMARY:Cut-over\\; CRM\\, wave 1\\\\2\r\n"), "{ics}");
        assert!(ics.contains("DTSTART:20270305T180000\r\nDTEND:20270308T060000\r\n"));
        for l in ics.split("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        // Unfolding gives the escaped description back whole.
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("DESCRIPTION:Line one\\nLine two {}\r\n", "é".repeat(60))));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn whole_days_end_the_day_after_the_last() {
        let e = Event {
            uid: "freeze-1@x".into(),
            summary: "Change freeze".into(),
            description: String::new(),
            when: When::Days(
                NaiveDate::from_ymd_opt(2027, 2, 26).unwrap(),
                NaiveDate::from_ymd_opt(2027, 2, 28).unwrap(),
            ),
            tentative: true,
        };
        let ics = calendar("F", &[e], at(1, 9));
        assert!(ics.contains("DTSTART;VALUE=DATE:20270226\r\nDTEND;VALUE=DATE:20270301\r\n"), "{ics}");
        assert!(ics.contains("STATUS:TENTATIVE"));
        assert!(!ics.contains("DESCRIPTION"));
    }
}
