//! Working calendars and working-time arithmetic.
//!
//! A calendar says, for every date, which minutes of the day are worked: the
//! weekday's working times unless an exception (a holiday, a one-off working
//! Saturday, a yearly public holiday) says otherwise.
//!
//! Conventions, as in MS Project: a moment reached by adding work forward is a
//! finish, so it may sit at the end of a working period (17:00); a moment
//! reached backward is a start, so it may sit at the beginning of one (08:00).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::model::CalendarId;

mod index;
pub use index::{CalendarIndex, Minute};

/// Minutes in a day.
pub const DAY_MINUTES: u16 = 24 * 60;

/// How far the arithmetic looks for working time before it gives up (a
/// calendar with no working time at all must not make it loop forever).
const SEARCH_DAYS: i64 = 366 * 30;

/// How many days adding `minutes` of work looks through before it gives up:
/// the search above, and a day for each hour of the work.
fn reach_days(minutes: i64) -> i64 {
    SEARCH_DAYS + (minutes.unsigned_abs() / 60) as i64
}

/// One working period of a day, in minutes after midnight; `start < end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingTime {
    pub start: u16,
    pub end: u16,
}

impl WorkingTime {
    /// A period from `h1:m1` to `h2:m2`.
    pub const fn hm(h1: u16, m1: u16, h2: u16, m2: u16) -> Self {
        WorkingTime { start: h1 * 60 + m1, end: h2 * 60 + m2 }
    }

    fn minutes(self) -> i64 {
        i64::from(self.end - self.start)
    }
}

/// Dates that differ from the usual week: non-working when `working` is
/// empty (a holiday), otherwise worked during `working`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarException {
    pub name: String,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    /// Repeats on the same day(s) of every year from `start`'s year on.
    pub yearly: bool,
    pub working: Vec<WorkingTime>,
}

impl CalendarException {
    /// Adds `date`, worked during `working`, to `list`: the last exception
    /// grows by the day when it ends the day before with the same name and
    /// times, else a new one-day exception follows it.
    pub fn add_day(list: &mut Vec<CalendarException>, name: &str, date: NaiveDate, working: Vec<WorkingTime>) {
        match list.last_mut() {
            Some(run) if run.working == working && run.name == name && run.finish.succ_opt() == Some(date) => {
                run.finish = date;
            }
            _ => list.push(CalendarException {
                name: name.to_owned(),
                start: date,
                finish: date,
                yearly: false,
                working,
            }),
        }
    }

    /// Calls `visit` with each date it covers, up to `last` (some twice).
    fn each_date(&self, last: NaiveDate, mut visit: impl FnMut(NaiveDate)) {
        let mut walk = |from: NaiveDate| {
            let mut date = from;
            while date <= last && self.covers(date) {
                visit(date);
                let Some(next) = date.succ_opt() else { break };
                date = next;
            }
        };
        if !self.yearly {
            walk(self.start);
            return;
        }
        for year in self.start.year()..=last.year() {
            // Its days at the turn of the year, then from its first day
            // (1 March for a 29 February outside leap years).
            walk(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(self.start));
            let first = NaiveDate::from_ymd_opt(year, self.start.month(), self.start.day())
                .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1));
            if let Some(first) = first {
                walk(first);
            }
        }
    }

    fn covers(&self, date: NaiveDate) -> bool {
        if !self.yearly {
            return self.start <= date && date <= self.finish;
        }
        if date.year() < self.start.year() {
            return false;
        }
        let md = (date.month(), date.day());
        let from = (self.start.month(), self.start.day());
        let to = (self.finish.month(), self.finish.day());
        if from <= to { from <= md && md <= to } else { md >= from || md <= to }
    }
}

/// A working calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkCalendar {
    pub id: CalendarId,
    pub name: String,
    /// Working periods for Monday (index 0) to Sunday (index 6), sorted.
    pub weekdays: [Vec<WorkingTime>; 7],
    pub exceptions: Vec<CalendarException>,
}

impl WorkCalendar {
    /// The usual office week: Monday to Friday, 08:00–12:00 and 13:00–17:00.
    pub fn standard(id: CalendarId, name: &str) -> Self {
        let day = vec![WorkingTime::hm(8, 0, 12, 0), WorkingTime::hm(13, 0, 17, 0)];
        WorkCalendar {
            id,
            name: name.to_owned(),
            weekdays: [day.clone(), day.clone(), day.clone(), day.clone(), day, vec![], vec![]],
            exceptions: Vec::new(),
        }
    }

    /// The working periods of one date.
    pub fn working_times(&self, date: NaiveDate) -> &[WorkingTime] {
        // A later exception wins over an earlier one, as the last one entered
        // is the most specific in practice.
        match self.exceptions.iter().rev().find(|e| e.covers(date)) {
            Some(exception) => &exception.working,
            None => &self.weekdays[date.weekday().num_days_from_monday() as usize],
        }
    }

    /// Whether any minute of `date` is worked.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !self.working_times(date).is_empty()
    }

    /// The moment `minutes` of work after `from` (before it when negative).
    pub fn add(&self, from: NaiveDateTime, minutes: i64) -> NaiveDateTime {
        match minutes.cmp(&0) {
            std::cmp::Ordering::Equal => from,
            std::cmp::Ordering::Greater => self.forward(from, minutes).unwrap_or(from),
            std::cmp::Ordering::Less => self.backward(from, -minutes).unwrap_or(from),
        }
    }

    /// The first working moment at or after `t`, at the start of a period
    /// when `t` is at or past the end of one.
    pub fn next_start(&self, t: NaiveDateTime) -> NaiveDateTime {
        let (mut date, tod) = split(t);
        let mut floor = tod;
        for _ in 0..SEARCH_DAYS {
            if let Some(p) = self.working_times(date).iter().find(|p| p.end > floor) {
                return at(date, p.start.max(floor));
            }
            date = date.succ_opt().unwrap_or(date);
            floor = 0;
        }
        t
    }

    /// The last working moment at or before `t`, at the end of a period when
    /// `t` is at or before the start of one.
    pub fn previous_finish(&self, t: NaiveDateTime) -> NaiveDateTime {
        let (mut date, tod) = split(t);
        let mut ceiling = tod;
        for _ in 0..SEARCH_DAYS {
            if let Some(p) = self.working_times(date).iter().rev().find(|p| p.start < ceiling) {
                return at(date, p.end.min(ceiling));
            }
            date = date.pred_opt().unwrap_or(date);
            ceiling = DAY_MINUTES;
        }
        t
    }

    /// Working minutes from `a` to `b`; negative when `b` is before `a`.
    pub fn working_minutes_between(&self, a: NaiveDateTime, b: NaiveDateTime) -> i64 {
        if b < a {
            return -self.working_minutes_between(b, a);
        }
        let (first, from) = split(a);
        let (last, to) = split(b);
        if first == last {
            return self.minutes_within(first, from, to);
        }
        let mut total = self.minutes_within(first, from, DAY_MINUTES);
        let mut date = first.succ_opt().unwrap_or(last);
        // Whole ordinary weeks in between count at once.
        let whole_weeks = ((last - date).num_days() - 1) / 7;
        if whole_weeks > 1 && self.exceptions.is_empty() {
            total += whole_weeks * self.week_minutes();
            date += Duration::weeks(whole_weeks);
        }
        while date < last {
            total += self.minutes_within(date, 0, DAY_MINUTES);
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
        }
        total + self.minutes_within(last, 0, to)
    }

    /// Working minutes of `date` between the minutes `lo` and `hi` of the day.
    fn minutes_within(&self, date: NaiveDate, lo: u16, hi: u16) -> i64 {
        self.working_times(date).iter().map(|p| i64::from(p.end.min(hi).saturating_sub(p.start.max(lo)))).sum()
    }

    fn forward(&self, from: NaiveDateTime, minutes: i64) -> Option<NaiveDateTime> {
        let (mut date, mut floor) = split(from);
        let mut left = minutes;
        let week = if self.exceptions.is_empty() { self.week_minutes() } else { 0 };
        for _ in 0..reach_days(left) {
            for p in self.working_times(date) {
                if p.end <= floor {
                    continue;
                }
                let start = p.start.max(floor);
                let available = i64::from(p.end - start);
                if left <= available {
                    return Some(at(date, start + left as u16));
                }
                left -= available;
            }
            date = date.succ_opt()?;
            floor = 0;
            // Skip whole weeks at once on long durations.
            if week > 0 && left > week {
                let weeks = (left - 1) / week;
                if let Some(d) = date.checked_add_signed(Duration::weeks(weeks)) {
                    left -= weeks * week;
                    date = d;
                }
            }
        }
        None
    }

    fn backward(&self, from: NaiveDateTime, minutes: i64) -> Option<NaiveDateTime> {
        let (mut date, mut ceiling) = split(from);
        let mut left = minutes;
        let week = if self.exceptions.is_empty() { self.week_minutes() } else { 0 };
        for _ in 0..reach_days(left) {
            for p in self.working_times(date).iter().rev() {
                if p.start >= ceiling {
                    continue;
                }
                let end = p.end.min(ceiling);
                let available = i64::from(end - p.start);
                if left <= available {
                    return Some(at(date, end - left as u16));
                }
                left -= available;
            }
            date = date.pred_opt()?;
            ceiling = DAY_MINUTES;
            if week > 0 && left > week {
                let weeks = (left - 1) / week;
                if let Some(d) = date.checked_sub_signed(Duration::weeks(weeks)) {
                    left -= weeks * week;
                    date = d;
                }
            }
        }
        None
    }

    /// The calendar a task with this calendar of its own is scheduled on
    /// when its people work on `people`: the time both share, as
    /// [`shared_calendar_id`]. When they share none (MS Project then warns
    /// and keeps the task's), this calendar under that id.
    pub fn for_task_done_on(&self, people: &WorkCalendar) -> WorkCalendar {
        let id = shared_calendar_id(self.id, people.id);
        self.shared_with(people, id).unwrap_or_else(|| WorkCalendar { id, ..self.clone() })
    }

    /// The working time this calendar shares with `other`, as calendar
    /// `id`: each day, the minutes both work. MS Project schedules the
    /// work of a task with a calendar of its own on the time its people
    /// work too. The dates either calendar makes an exception of are
    /// written out where the shared day differs from the shared week,
    /// runs of alike days as one exception; yearly exceptions up to
    /// [`YEARLY_REACH`] years after the last one begins. None when the two
    /// share no working time at all.
    pub fn shared_with(&self, other: &WorkCalendar, id: CalendarId) -> Option<WorkCalendar> {
        let weekdays: [Vec<WorkingTime>; 7] = std::array::from_fn(|w| overlap(&self.weekdays[w], &other.weekdays[w]));
        let mut shared =
            WorkCalendar { id, name: format!("{} ∩ {}", self.name, other.name), weekdays, exceptions: Vec::new() };
        let all = || self.exceptions.iter().chain(&other.exceptions);
        if let Some(first) = all().map(|e| e.start).min() {
            let mut last = all().filter(|e| !e.yearly).map(|e| e.finish).max().unwrap_or(first);
            if let Some(yearly) = all().filter(|e| e.yearly).map(|e| e.start).max() {
                let reach = NaiveDate::from_ymd_opt(yearly.year() + YEARLY_REACH, 12, 31).unwrap_or(yearly);
                last = last.max(reach);
            }
            // However long an exception claims to run.
            last = last.min(first.checked_add_signed(Duration::days(SEARCH_DAYS * 2)).unwrap_or(last));
            let mut dates = std::collections::BTreeSet::new();
            for e in all() {
                e.each_date(last, |d| {
                    dates.insert(d);
                });
            }
            for date in dates {
                let day = overlap(self.working_times(date), other.working_times(date));
                if day == shared.weekdays[date.weekday().num_days_from_monday() as usize] {
                    continue;
                }
                let name = [self, other]
                    .iter()
                    .find_map(|c| c.exceptions.iter().rev().find(|e| e.covers(date)))
                    .map_or("", |e| e.name.as_str());
                CalendarException::add_day(&mut shared.exceptions, name, date, day);
            }
        }
        let works =
            shared.weekdays.iter().any(|d| !d.is_empty()) || shared.exceptions.iter().any(|e| !e.working.is_empty());
        works.then_some(shared)
    }

    /// The end of `date`'s working time: the last working moment before
    /// the midnight that ends it (a day off: the last one before it).
    pub fn day_end(&self, date: NaiveDate) -> NaiveDateTime {
        self.previous_finish(date.succ_opt().unwrap_or(date).and_time(NaiveTime::MIN))
    }

    /// Working minutes in an ordinary week (exceptions aside).
    pub fn week_minutes(&self) -> i64 {
        self.weekdays.iter().flatten().map(|p| p.minutes()).sum()
    }
}

/// The id of the calendar a task's own calendar `task` shares with its
/// people's `people` (see [`WorkCalendar::for_task_done_on`]): below every
/// stored calendar's (positive) and person's (the negative of their id),
/// and one per pair for ids under 2³¹.
pub fn shared_calendar_id(task: CalendarId, people: CalendarId) -> CalendarId {
    const LOW: i64 = (1 << 31) - 1;
    -(1 << 62) - (((task & LOW) << 31) | (people & LOW))
}

/// Whether `id` names a calendar two calendars share, made when a plan is
/// read and never stored (see [`shared_calendar_id`]).
pub fn is_shared_calendar(id: CalendarId) -> bool {
    id <= -(1 << 62)
}

/// How many years after it begins a yearly exception is written out in a
/// calendar two calendars share (see [`WorkCalendar::shared_with`]).
pub const YEARLY_REACH: i32 = 50;

/// The minutes two sorted lists of working periods have in common.
fn overlap(a: &[WorkingTime], b: &[WorkingTime]) -> Vec<WorkingTime> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (start, end) = (a[i].start.max(b[j].start), a[i].end.min(b[j].end));
        if start < end {
            out.push(WorkingTime { start, end });
        }
        if a[i].end < b[j].end {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn split(t: NaiveDateTime) -> (NaiveDate, u16) {
    (t.date(), (t.hour() * 60 + t.minute()) as u16)
}

fn at(date: NaiveDate, minute: u16) -> NaiveDateTime {
    if minute >= DAY_MINUTES {
        // 24:00 is midnight of the next day.
        return date.succ_opt().unwrap_or(date).and_time(NaiveTime::MIN);
    }
    let time = NaiveTime::from_num_seconds_from_midnight_opt(u32::from(minute) * 60, 0).unwrap_or(NaiveTime::MIN);
    date.and_time(time)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test date")
    }

    fn standard() -> WorkCalendar {
        WorkCalendar::standard(1, "Standard")
    }

    fn check_add(cal: &WorkCalendar, from: &str, minutes: i64, expected: &str) {
        assert_eq!(cal.add(t(from), minutes), t(expected), "{from} + {minutes} min");
    }

    #[test]
    fn adding_work_skips_lunch_nights_and_weekends() {
        let cal = standard();
        // 2027-03-15 is a Monday.
        check_add(&cal, "2027-03-15 08:00", 480, "2027-03-15 17:00");
        check_add(&cal, "2027-03-15 08:00", 240, "2027-03-15 12:00");
        check_add(&cal, "2027-03-15 08:00", 300, "2027-03-15 14:00");
        check_add(&cal, "2027-03-19 08:00", 960, "2027-03-22 17:00");
        check_add(&cal, "2027-03-15 08:00", 2400 * 3, "2027-04-02 17:00");
        check_add(&cal, "2027-03-15 17:00", 60, "2027-03-16 09:00");
        check_add(&cal, "2027-03-20 10:00", 60, "2027-03-22 09:00");
    }

    #[test]
    fn subtracting_work_lands_on_starts() {
        let cal = standard();
        check_add(&cal, "2027-03-15 17:00", -480, "2027-03-15 08:00");
        check_add(&cal, "2027-03-22 08:00", -60, "2027-03-19 16:00");
        check_add(&cal, "2027-04-02 17:00", -2400 * 3, "2027-03-15 08:00");
        check_add(&cal, "2027-03-15 13:00", -60, "2027-03-15 11:00");
    }

    #[test]
    fn snapping_respects_the_ends_of_periods() {
        let cal = standard();
        assert_eq!(cal.next_start(t("2027-03-15 17:00")), t("2027-03-16 08:00"));
        assert_eq!(cal.next_start(t("2027-03-15 12:00")), t("2027-03-15 13:00"));
        assert_eq!(cal.next_start(t("2027-03-20 00:00")), t("2027-03-22 08:00"));
        assert_eq!(cal.previous_finish(t("2027-03-16 08:00")), t("2027-03-15 17:00"));
        assert_eq!(cal.previous_finish(t("2027-03-15 10:30")), t("2027-03-15 10:30"));
    }

    #[test]
    fn holidays_one_off_and_yearly_are_not_worked() {
        let mut cal = standard();
        cal.exceptions.push(CalendarException {
            name: "Christmas".into(),
            start: NaiveDate::from_ymd_opt(2020, 12, 24).expect("date"),
            finish: NaiveDate::from_ymd_opt(2020, 12, 26).expect("date"),
            yearly: true,
            working: vec![],
        });
        cal.exceptions.push(CalendarException {
            name: "Cut-over weekend".into(),
            start: NaiveDate::from_ymd_opt(2027, 3, 20).expect("date"),
            finish: NaiveDate::from_ymd_opt(2027, 3, 20).expect("date"),
            yearly: false,
            working: vec![WorkingTime::hm(9, 0, 13, 0)],
        });
        // 2027-12-23 is a Thursday; 24 (Fri) is a holiday; then the weekend.
        check_add(&cal, "2027-12-23 08:00", 960, "2027-12-27 17:00");
        check_add(&cal, "2027-03-19 16:00", 120, "2027-03-20 10:00");
        assert!(!cal.is_working_day(NaiveDate::from_ymd_opt(2031, 12, 25).expect("date")));
        assert!(cal.is_working_day(NaiveDate::from_ymd_opt(2031, 12, 23).expect("date")));
        assert_eq!(cal.working_minutes_between(t("2027-12-23 08:00"), t("2027-12-27 17:00")), 960);
    }

    #[test]
    fn a_calendar_without_working_time_never_loops() {
        let mut cal = standard();
        cal.weekdays = Default::default();
        assert_eq!(cal.add(t("2027-03-15 08:00"), 480), t("2027-03-15 08:00"));
        assert_eq!(cal.next_start(t("2027-03-15 08:00")), t("2027-03-15 08:00"));
    }

    #[test]
    fn long_spans_count_the_same_with_and_without_the_week_shortcut() {
        let plain = standard();
        // An exception far away turns the shortcut off without changing the count.
        let mut slow = standard();
        slow.exceptions.push(CalendarException {
            name: "Far away".into(),
            start: NaiveDate::from_ymd_opt(1990, 1, 1).expect("date"),
            finish: NaiveDate::from_ymd_opt(1990, 1, 1).expect("date"),
            yearly: false,
            working: vec![],
        });
        for (a, b) in [
            ("2027-03-15 10:30", "2027-06-02 14:15"),
            ("2027-03-20 00:00", "2028-03-20 00:00"),
            ("2027-03-15 17:00", "2027-04-05 08:00"),
            ("2027-01-01 09:00", "2031-07-04 11:00"),
        ] {
            assert_eq!(
                plain.working_minutes_between(t(a), t(b)),
                slow.working_minutes_between(t(a), t(b)),
                "{a} → {b}"
            );
            assert_eq!(plain.working_minutes_between(t(b), t(a)), -slow.working_minutes_between(t(a), t(b)));
        }
    }

    #[test]
    fn minutes_between_is_the_inverse_of_add() {
        let cal = standard();
        let from = t("2027-03-15 08:00");
        for minutes in [0, 1, 59, 240, 241, 480, 481, 2400, 9999, 123_456] {
            let to = cal.add(from, minutes);
            assert_eq!(cal.working_minutes_between(from, to), minutes, "{minutes}");
            assert_eq!(cal.add(to, -minutes), from, "back from {to}");
        }
    }

    mod index {
        use proptest::prelude::*;

        use super::super::*;

        /// A day's periods: up to three, sorted, from minute boundaries.
        fn periods() -> impl Strategy<Value = Vec<WorkingTime>> {
            prop::collection::btree_set(0u16..=48, 0..=6).prop_map(|cuts| {
                let cuts: Vec<u16> = cuts.into_iter().map(|c| c * 30).collect();
                cuts.chunks_exact(2).filter(|c| c[0] < c[1]).map(|c| WorkingTime { start: c[0], end: c[1] }).collect()
            })
        }

        fn exception() -> impl Strategy<Value = CalendarException> {
            (0i64..900, 0i64..20, any::<bool>(), periods()).prop_map(|(start, length, yearly, working)| {
                let base = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
                CalendarException {
                    name: "Exception".into(),
                    start: base + Duration::days(start),
                    finish: base + Duration::days(start + length),
                    yearly,
                    working,
                }
            })
        }

        fn calendar() -> impl Strategy<Value = WorkCalendar> {
            (prop::array::uniform7(periods()), prop::collection::vec(exception(), 0..6))
                .prop_map(|(weekdays, exceptions)| WorkCalendar { id: 1, name: "Random".into(), weekdays, exceptions })
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

            /// Inside its span an index answers exactly as the calendar; near
            /// and past the edges it falls back to the calendar.
            #[test]
            fn an_index_answers_as_its_calendar(
                cal in calendar(),
                day in -40i64..1300,
                minute in 0i64..1440,
                minutes in -200_000i64..200_000,
                other in -40i64..1300,
            ) {
                let first = NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
                let mut index = CalendarIndex::new(&cal, first, first + Duration::days(1200));
                let t = (first + Duration::days(day)).and_hms_opt(0, 0, 0).expect("t") + Duration::minutes(minute);
                let u = (first + Duration::days(other)).and_hms_opt(0, 0, 0).expect("u") + Duration::minutes(minute / 2);
                prop_assert_eq!(index.add(t, minutes), cal.add(t, minutes), "add {} to {}", minutes, t);
                prop_assert_eq!(index.next_start(t), cal.next_start(t), "next start after {}", t);
                prop_assert_eq!(index.previous_finish(t), cal.previous_finish(t), "previous finish before {}", t);
                prop_assert_eq!(index.working_minutes_between(t, u), cal.working_minutes_between(t, u));
                // A moment lies between the earliest and the latest moment
                // at its working position, and those are the calendar's
                // previous finish and next start.
                let m = index.minute(t);
                let p = index.position(m);
                if let (Some(finish), Some(start)) = (index.finish_at(p), index.start_at(p)) {
                    prop_assert!(finish <= m && m <= start, "{} at position {}", t, p);
                    prop_assert_eq!(index.datetime(finish), cal.previous_finish(t), "finish at the position of {}", t);
                    prop_assert_eq!(index.datetime(start), cal.next_start(t), "start at the position of {}", t);
                    prop_assert_eq!((index.position(finish), index.position(start)), (p, p));
                }
            }

            /// The time two calendars share is, on every day, the minutes
            /// both work: weekdays, one-off and yearly exceptions alike.
            #[test]
            fn shared_time_is_what_both_calendars_work_each_day(
                a in calendar(),
                b in calendar(),
                day in -400i64..4000,
            ) {
                let date = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date") + Duration::days(day);
                let both = overlap(a.working_times(date), b.working_times(date));
                match a.shared_with(&b, 9) {
                    Some(shared) => prop_assert_eq!(shared.working_times(date), both.as_slice(), "on {}", date),
                    None => prop_assert!(both.is_empty(), "nothing shared, yet {:?} on {}", both, date),
                }
            }
        }
    }

    /// A task on a round-the-clock calendar done by someone on the office
    /// week works the office hours; on a maintenance window of Saturday
    /// 06:00–14:00, by someone who also works Saturdays 08:00–17:00, it
    /// works 08:00–12:00 and 13:00–14:00; their holidays are off.
    #[test]
    fn a_task_calendar_shares_only_the_time_its_people_work() {
        let round_the_clock = WorkCalendar {
            id: 2,
            name: "24 Hours".into(),
            weekdays: std::array::from_fn(|_| vec![WorkingTime::hm(0, 0, 24, 0)]),
            exceptions: Vec::new(),
        };
        let mut office = standard();
        office.exceptions.push(CalendarException {
            name: "Easter Monday".into(),
            start: NaiveDate::from_ymd_opt(2027, 3, 29).expect("date"),
            finish: NaiveDate::from_ymd_opt(2027, 3, 29).expect("date"),
            yearly: false,
            working: Vec::new(),
        });
        let shared = round_the_clock.for_task_done_on(&office);
        assert_eq!(shared.id, shared_calendar_id(2, 1));
        assert!(is_shared_calendar(shared.id) && !is_shared_calendar(-5));
        check_add(&shared, "2027-03-15 08:00", 960, "2027-03-16 17:00");
        check_add(&shared, "2027-03-26 08:00", 960, "2027-03-30 17:00");
        assert_eq!(shared.exceptions.len(), 1, "only the holiday differs from the shared week");

        let mut window = round_the_clock.clone();
        window.weekdays = std::array::from_fn(|d| if d == 5 { vec![WorkingTime::hm(6, 0, 14, 0)] } else { vec![] });
        let mut six_days = standard();
        six_days.weekdays[5] = vec![WorkingTime::hm(8, 0, 12, 0), WorkingTime::hm(13, 0, 17, 0)];
        let shared = window.for_task_done_on(&six_days);
        assert_eq!(shared.weekdays[5], vec![WorkingTime::hm(8, 0, 12, 0), WorkingTime::hm(13, 0, 14, 0)]);
        check_add(&shared, "2027-03-15 08:00", 600, "2027-03-27 14:00");
        // No time in common: the task keeps its own calendar's.
        let night = WorkCalendar {
            weekdays: std::array::from_fn(|_| vec![WorkingTime::hm(22, 0, 24, 0)]),
            ..round_the_clock.clone()
        };
        assert_eq!(night.shared_with(&office, 7), None);
        assert_eq!(night.for_task_done_on(&office).weekdays, night.weekdays);
    }
}
