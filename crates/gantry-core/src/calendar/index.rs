//! A calendar's working minutes counted once over a span of days, so that
//! adding work, snapping to working time and measuring slack are a lookup
//! and a binary search instead of a walk day by day.
//!
//! Inside its span an index answers exactly as [`WorkCalendar`] does (a
//! property test holds them to it); outside, it asks the calendar.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use super::{SEARCH_DAYS, WorkCalendar, WorkingTime, at, split};

/// A [`WorkCalendar`] with its working time counted from `first`.
pub struct CalendarIndex<'a> {
    cal: &'a WorkCalendar,
    first: NaiveDate,
    /// Working minutes from `first` to the start of each day; one entry
    /// more than there are days.
    before: Vec<i64>,
    /// Which entry of `lists` each day works by.
    day: Vec<u32>,
    lists: Vec<&'a [WorkingTime]>,
}

impl<'a> CalendarIndex<'a> {
    /// Counts `cal`'s working time on the days `from` to `to`.
    pub fn new(cal: &'a WorkCalendar, from: NaiveDate, to: NaiveDate) -> Self {
        let days = usize::try_from((to - from).num_days() + 1).unwrap_or(0);
        let mut lists: Vec<&[WorkingTime]> = cal.weekdays.iter().map(Vec::as_slice).collect();
        let weekday = from.weekday().num_days_from_monday() as usize;
        let mut day: Vec<u32> = (0..days).map(|d| ((weekday + d) % 7) as u32).collect();
        // Applied in order, so a later exception wins, as in `working_times`.
        for e in &cal.exceptions {
            let list = lists.len() as u32;
            lists.push(&e.working);
            if e.yearly {
                let mut date = from;
                for slot in day.iter_mut() {
                    if e.covers(date) {
                        *slot = list;
                    }
                    date = date.succ_opt().unwrap_or(date);
                }
            } else {
                let lo = (e.start - from).num_days().max(0);
                let hi = (e.finish - from).num_days().min(days as i64 - 1);
                for d in lo..=hi {
                    day[d as usize] = list;
                }
            }
        }
        let mut before = Vec::with_capacity(days + 1);
        let mut total = 0i64;
        before.push(0);
        for &l in &day {
            total += lists[l as usize].iter().map(|p| i64::from(p.end - p.start)).sum::<i64>();
            before.push(total);
        }
        CalendarIndex { cal, first: from, before, day, lists }
    }

    /// The calendar this index counts.
    pub fn calendar(&self) -> &'a WorkCalendar {
        self.cal
    }

    fn days(&self) -> usize {
        self.day.len()
    }

    /// The day `date` is in the span, and its minute.
    fn locate(&self, t: NaiveDateTime) -> Option<(usize, u16)> {
        let (date, minute) = split(t);
        let d = usize::try_from((date - self.first).num_days()).ok()?;
        (d < self.days()).then_some((d, minute))
    }

    fn periods(&self, d: usize) -> &'a [WorkingTime] {
        self.lists[self.day[d] as usize]
    }

    fn date(&self, d: usize) -> NaiveDate {
        self.first + Duration::days(d as i64)
    }

    /// Working minutes from the start of the span to minute `m` of day `d`.
    fn position(&self, d: usize, m: u16) -> i64 {
        self.before[d] + self.periods(d).iter().map(|p| i64::from(p.end.min(m).saturating_sub(p.start))).sum::<i64>()
    }

    /// The moment `minutes` of work after `from` (before it when negative).
    pub fn add(&self, from: NaiveDateTime, minutes: i64) -> NaiveDateTime {
        let found = match (self.locate(from), minutes.cmp(&0)) {
            (_, std::cmp::Ordering::Equal) => return from,
            (Some((d, m)), std::cmp::Ordering::Greater) => self.forward(d, self.position(d, m) + minutes),
            (Some((d, m)), std::cmp::Ordering::Less) => self.backward(d, self.position(d, m) + minutes),
            (None, _) => None,
        };
        found.unwrap_or_else(|| self.cal.add(from, minutes))
    }

    /// The earliest moment at working position `target`: a finish.
    fn forward(&self, from_day: usize, target: i64) -> Option<NaiveDateTime> {
        let d = search_up(from_day, self.days(), |d| self.before[d + 1] >= target);
        if d >= self.days() {
            return None;
        }
        let mut left = target - self.before[d];
        for p in self.periods(d) {
            let length = i64::from(p.end - p.start);
            if left <= length {
                return Some(at(self.date(d), p.start + left as u16));
            }
            left -= length;
        }
        None
    }

    /// The latest moment at working position `target`: a start.
    fn backward(&self, from_day: usize, target: i64) -> Option<NaiveDateTime> {
        if target < 0 {
            return None;
        }
        let d = search_down(from_day + 1, |d| self.before[d + 1] > target);
        if d >= self.days() {
            return None;
        }
        let mut left = target - self.before[d];
        for p in self.periods(d) {
            let length = i64::from(p.end - p.start);
            if left < length {
                return Some(at(self.date(d), p.start + left as u16));
            }
            left -= length;
        }
        None
    }

    /// The first working moment at or after `t` (see [`WorkCalendar::next_start`]).
    pub fn next_start(&self, t: NaiveDateTime) -> NaiveDateTime {
        let Some((d, m)) = self.locate(t) else { return self.cal.next_start(t) };
        if let Some(p) = self.periods(d).iter().find(|p| p.end > m) {
            return at(self.date(d), p.start.max(m));
        }
        // The next day with work: the first whose count rises.
        let next = search_up(d + 1, self.days(), |n| self.before[n + 1] > self.before[d + 1]);
        if next >= self.days() {
            return self.cal.next_start(t);
        }
        if (next - d) as i64 >= SEARCH_DAYS {
            return t;
        }
        at(self.date(next), self.periods(next).first().map_or(0, |p| p.start))
    }

    /// The last working moment at or before `t` (see [`WorkCalendar::previous_finish`]).
    pub fn previous_finish(&self, t: NaiveDateTime) -> NaiveDateTime {
        let Some((d, m)) = self.locate(t) else { return self.cal.previous_finish(t) };
        if let Some(p) = self.periods(d).iter().rev().find(|p| p.start < m) {
            return at(self.date(d), p.end.min(m));
        }
        // The last day with work before `d`: the last whose count is lower.
        // The first day from which no work is left before `d`, less one.
        let with_work = search_down(d, |p| self.before[p] >= self.before[d]);
        let Some(previous) = with_work.checked_sub(1) else { return self.cal.previous_finish(t) };
        if (d - previous) as i64 >= SEARCH_DAYS {
            return t;
        }
        at(self.date(previous), self.periods(previous).last().map_or(0, |p| p.end))
    }

    /// Working minutes from `a` to `b`; negative when `b` is before `a`.
    pub fn working_minutes_between(&self, a: NaiveDateTime, b: NaiveDateTime) -> i64 {
        match (self.locate(a), self.locate(b)) {
            (Some((da, ma)), Some((db, mb))) => self.position(db, mb) - self.position(da, ma),
            _ => self.cal.working_minutes_between(a, b),
        }
    }
}

/// The smallest `i` in `lo..hi` for which `holds` (false, then true), or
/// `hi`. It gallops up from `lo`, since answers are usually a few days on.
fn search_up(lo: usize, hi: usize, holds: impl Fn(usize) -> bool) -> usize {
    let (mut below, mut step) = (lo, 1);
    loop {
        let probe = below + step - 1;
        if probe >= hi {
            return bisect(below, hi, holds);
        }
        if holds(probe) {
            return bisect(below, probe, holds);
        }
        below = probe + 1;
        step *= 2;
    }
}

/// The smallest `i` in `0..hi` for which `holds` (false, then true), or
/// `hi`. It gallops down from `hi`, where the answer usually is.
fn search_down(hi: usize, holds: impl Fn(usize) -> bool) -> usize {
    let (mut above, mut step) = (hi, 1);
    loop {
        let Some(probe) = above.checked_sub(step) else { return bisect(0, above, holds) };
        if !holds(probe) {
            return bisect(probe + 1, above, holds);
        }
        above = probe;
        step *= 2;
    }
}

/// The smallest `i` in `lo..hi` for which `holds`, or `hi`.
fn bisect(mut lo: usize, mut hi: usize, holds: impl Fn(usize) -> bool) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if holds(mid) { hi = mid } else { lo = mid + 1 }
    }
    lo
}
