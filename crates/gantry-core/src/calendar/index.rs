//! A calendar's working minutes counted once over a span of days, so that
//! adding work, snapping to working time and measuring slack are a lookup
//! and a short search instead of a walk day by day.
//!
//! Moments are minutes on a clock that starts at midnight of the index's
//! first day ([`Minute`]), and a moment's *working position* is the number
//! of working minutes from that midnight to it. Positions turn the
//! scheduler's calendar steps into integer arithmetic: the moment `n`
//! working minutes after `t` is the earliest moment at position
//! `position(t) + n` ([`CalendarIndex::finish_at`]); the next start after
//! `t` is the latest moment at `position(t)` ([`CalendarIndex::start_at`]).
//!
//! The span grows at its end as the schedule reaches further, up to
//! [`MAX_YEARS`]. Inside it an index answers exactly as [`WorkCalendar`]
//! does (a property test holds them to it); outside, it asks the calendar.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use super::{DAY_MINUTES, SEARCH_DAYS, WorkCalendar, WorkingTime, at, reach_days, split};

/// A moment as minutes since midnight of an index's first day: the
/// scheduler's clock, on which moments are plain integers.
pub type Minute = i64;

const DAY: i64 = DAY_MINUTES as i64;

/// How far past its first day an index grows at most. A day costs an index
/// about 24 bytes, so four centuries cost 3.5 MB.
pub const MAX_YEARS: i64 = 400;

/// Working minutes per entry of the table that finds a position's day.
const BUCKET: i64 = 128;

/// A [`WorkCalendar`] with its working time counted from `first`.
pub struct CalendarIndex {
    cal: WorkCalendar,
    first: NaiveDate,
    /// Working minutes from `first` to the start of each day; one entry
    /// more than there are days.
    before: Vec<i64>,
    /// The shape each day is worked in, in `shapes`.
    day: Vec<u32>,
    /// The distinct ways days are worked.
    shapes: Vec<Shape>,
    /// The shape of each list of working times: a weekday's (0 to 6), then
    /// each exception's.
    shape_of: Vec<u32>,
    /// The date of each day.
    dates: Vec<NaiveDate>,
    /// For each `BUCKET` working minutes, the first day that works one of them.
    bucket: Vec<u32>,
    /// The most days the span grows to.
    limit: usize,
    /// The moment last asked for its position, and that position: tasks
    /// of one summary ask for its bounds one after the other.
    last_position: (Minute, i64),
}

/// Whether a calendar has no working time on any day at all.
fn barren(cal: &WorkCalendar) -> bool {
    cal.week_minutes() == 0 && cal.exceptions.iter().all(|e| e.working.is_empty())
}

impl CalendarIndex {
    /// Counts `cal`'s working time on the days `from` to `to`; later days
    /// are counted when they are first asked about. The index keeps its own
    /// copy of the calendar, so that it can outlive the plan it was made for.
    pub fn new(cal: &WorkCalendar, from: NaiveDate, to: NaiveDate) -> Self {
        let limit = usize::try_from(MAX_YEARS * 366).unwrap_or(usize::MAX);
        let to = if barren(cal) { from } else { to };
        let mut index = CalendarIndex {
            cal: cal.clone(),
            first: from,
            before: vec![0],
            day: Vec::new(),
            shapes: Vec::new(),
            shape_of: Vec::new(),
            dates: Vec::new(),
            bucket: Vec::new(),
            limit,
            last_position: (Minute::MIN, 0),
        };
        for k in 0..7 + index.cal.exceptions.len() {
            let periods = index.list(k);
            let shape = match index.shapes.iter().position(|s| s.periods == periods) {
                Some(shape) => shape,
                None => {
                    let shape = Shape::new(periods);
                    index.shapes.push(shape);
                    index.shapes.len() - 1
                }
            };
            index.shape_of.push(shape as u32);
        }
        index.grow_to(usize::try_from((to - from).num_days() + 1).unwrap_or(0).min(limit));
        index
    }

    /// Counts the days up to `days` (exclusive).
    fn grow_to(&mut self, days: usize) {
        let mut date = match self.dates.last() {
            Some(d) => d.succ_opt(),
            None => Some(self.first),
        };
        while self.days() < days {
            let Some(d) = date else {
                self.limit = self.days();
                break;
            };
            // A later exception wins, as in `working_times`.
            let list = match self.cal.exceptions.iter().rposition(|e| e.covers(d)) {
                Some(e) => 7 + e,
                None => d.weekday().num_days_from_monday() as usize,
            };
            let shape = self.shape_of[list];
            let total = self.before[self.days()] + self.shapes[shape as usize].total();
            // Every bucket boundary this day passes starts on it.
            while (self.bucket.len() as i64) * BUCKET < total {
                self.bucket.push(self.days() as u32);
            }
            self.day.push(shape);
            self.dates.push(d);
            self.before.push(total);
            date = d.succ_opt();
        }
    }

    /// Counts more days, as far as `limit`; false when there are none.
    fn grow(&mut self) -> bool {
        let days = self.days();
        if days >= self.limit || barren(&self.cal) {
            return false;
        }
        self.grow_to(days.saturating_mul(2).max(days + 366).min(self.limit));
        self.days() > days
    }

    /// The calendar this index counts.
    pub fn calendar(&self) -> &WorkCalendar {
        &self.cal
    }

    fn days(&self) -> usize {
        self.day.len()
    }

    /// Working minutes in the span counted so far.
    fn total(&self) -> i64 {
        self.before[self.days()]
    }

    /// `t` on this index's clock: minutes since midnight of its first day.
    pub fn minute(&self, t: NaiveDateTime) -> Minute {
        let (date, minute) = split(t);
        (date - self.first).num_days() * DAY + i64::from(minute)
    }

    /// The moment at minute `m` of this index's clock.
    #[inline]
    pub fn datetime(&self, m: Minute) -> NaiveDateTime {
        let (d, minute) = (m.div_euclid(DAY), m.rem_euclid(DAY) as u16);
        let date = match usize::try_from(d).ok().and_then(|d| self.dates.get(d)) {
            Some(&date) => date,
            None => self.first.checked_add_signed(Duration::days(d)).unwrap_or(if d < 0 {
                NaiveDate::MIN
            } else {
                NaiveDate::MAX
            }),
        };
        at(date, minute)
    }

    /// The day of the span minute `m` is in, and its minute of that day,
    /// counting more days if `m` is past them.
    fn locate(&mut self, m: Minute) -> Option<(usize, u16)> {
        let d = usize::try_from(m.div_euclid(DAY)).ok()?;
        while d >= self.days() {
            if d >= self.limit || !self.grow() {
                return None;
            }
        }
        Some((d, m.rem_euclid(DAY) as u16))
    }

    /// Working times `k` of the calendar: a weekday's, then each exception's.
    fn list(&self, k: usize) -> &[WorkingTime] {
        match k.checked_sub(7) {
            None => &self.cal.weekdays[k],
            Some(e) => &self.cal.exceptions[e].working,
        }
    }

    fn shape(&self, d: usize) -> &Shape {
        &self.shapes[self.day[d] as usize]
    }

    fn periods(&self, d: usize) -> &[WorkingTime] {
        &self.shape(d).periods
    }

    /// Minute `minute` of day `d` on the clock.
    fn at(d: usize, minute: u16) -> Minute {
        d as i64 * DAY + i64::from(minute)
    }

    /// Working minutes from the start of the span to minute `m` of day `d`.
    fn position_in(&self, d: usize, m: u16) -> i64 {
        self.before[d] + i64::from(self.shape(d).within[usize::from(m)])
    }

    /// The working position of `m`: working minutes from the start of the
    /// span to it, negative before the span.
    pub fn position(&mut self, m: Minute) -> i64 {
        if self.last_position.0 == m {
            return self.last_position.1;
        }
        let p = self.position_anew(m);
        self.last_position = (m, p);
        p
    }

    fn position_anew(&mut self, m: Minute) -> i64 {
        match self.locate(m) {
            Some((d, minute)) => self.position_in(d, minute),
            None if m < 0 => -self.cal.working_minutes_between(self.datetime(m), self.datetime(0)),
            None => {
                let end = Self::at(self.days(), 0);
                self.total() + self.cal.working_minutes_between(self.datetime(end), self.datetime(m))
            }
        }
    }

    /// The first day holding working minute `p + 1`, counting more days as
    /// needed; `None` when `p` is outside what the span can hold.
    fn day_after_position(&mut self, p: i64) -> Option<usize> {
        if p < 0 {
            return None;
        }
        while p >= self.total() {
            if !self.grow() {
                return None;
            }
        }
        let mut d = self.bucket[(p / BUCKET) as usize] as usize;
        // A bucket is shorter than a working day mostly, so one step
        // finds the day: taken without a branch, which would guess wrong
        // every time a bucket spans two days.
        d += usize::from(self.before[d + 1] <= p);
        while self.before[d + 1] <= p {
            d += 1;
        }
        Some(d)
    }

    /// The latest moment at working position `p`: where the working minute
    /// after it begins, a start. `None` when the span cannot hold `p`.
    pub fn start_at(&mut self, p: i64) -> Option<Minute> {
        let d = self.day_after_position(p)?;
        let minute = self.shape(d).starts.get((p - self.before[d]) as usize)?;
        Some(Self::at(d, *minute))
    }

    /// The earliest moment at working position `p`: where the working
    /// minute before it ends, a finish. `None` when the span cannot hold `p`.
    pub fn finish_at(&mut self, p: i64) -> Option<Minute> {
        let d = self.day_after_position(p - 1)?;
        let minute = self.shape(d).finishes.get((p - self.before[d]) as usize)?;
        Some(Self::at(d, *minute))
    }

    /// Whether the calendar works at all within the span it can grow to.
    pub fn works(&mut self) -> bool {
        while self.total() == 0 {
            if !self.grow() {
                return false;
            }
        }
        true
    }

    /// Asks the calendar itself, for moments outside the span.
    fn ask(&self, m: Minute, answer: impl FnOnce(NaiveDateTime) -> NaiveDateTime) -> Minute {
        self.minute(answer(self.datetime(m)))
    }

    /// The moment `minutes` of work after `from` (before it when negative).
    pub fn add(&mut self, from: NaiveDateTime, minutes: i64) -> NaiveDateTime {
        let m = self.add_minutes(self.minute(from), minutes);
        self.datetime(m)
    }

    /// [`Self::add`] on the clock.
    pub fn add_minutes(&mut self, from: Minute, minutes: i64) -> Minute {
        if minutes == 0 {
            return from;
        }
        let Some((d, m)) = self.locate(from) else { return self.ask(from, |t| self.cal.add(t, minutes)) };
        let target = self.position_in(d, m) + minutes;
        let found = if minutes > 0 { self.finish_at(target) } else { self.start_at(target) };
        // The calendar looks so many days far for the work and no further
        // (see `WorkCalendar::add`): past them, it answers.
        match found {
            Some(to) if (to.div_euclid(DAY) - from.div_euclid(DAY)).abs() < reach_days(minutes) => to,
            _ => self.ask(from, |t| self.cal.add(t, minutes)),
        }
    }

    /// The first working moment at or after `t` (see [`WorkCalendar::next_start`]).
    pub fn next_start(&mut self, t: NaiveDateTime) -> NaiveDateTime {
        let m = self.next_start_minute(self.minute(t));
        self.datetime(m)
    }

    /// [`Self::next_start`] on the clock.
    pub fn next_start_minute(&mut self, t: Minute) -> Minute {
        let Some((d, m)) = self.locate(t) else { return self.ask(t, |t| self.cal.next_start(t)) };
        if let Some(p) = self.periods(d).iter().find(|p| p.end > m) {
            return Self::at(d, p.start.max(m));
        }
        // The next day with work holds the working minute after this day's.
        match self.day_after_position(self.before[d + 1]) {
            Some(next) if ((next - d) as i64) < SEARCH_DAYS => {
                Self::at(next, self.periods(next).first().map_or(0, |p| p.start))
            }
            Some(_) => t,
            None => self.ask(t, |t| self.cal.next_start(t)),
        }
    }

    /// The last working moment at or before `t` (see [`WorkCalendar::previous_finish`]).
    pub fn previous_finish(&mut self, t: NaiveDateTime) -> NaiveDateTime {
        let m = self.previous_finish_minute(self.minute(t));
        self.datetime(m)
    }

    /// [`Self::previous_finish`] on the clock.
    pub fn previous_finish_minute(&mut self, t: Minute) -> Minute {
        let Some((d, m)) = self.locate(t) else { return self.ask(t, |t| self.cal.previous_finish(t)) };
        if let Some(p) = self.periods(d).iter().rev().find(|p| p.start < m) {
            return Self::at(d, p.end.min(m));
        }
        // The last day with work before `d`: the first day from which no
        // work is left before `d`, less one.
        let with_work = search_down(d, |p| self.before[p] >= self.before[d]);
        let Some(previous) = with_work.checked_sub(1) else {
            return self.ask(t, |t| self.cal.previous_finish(t));
        };
        if (d - previous) as i64 >= SEARCH_DAYS {
            return t;
        }
        Self::at(previous, self.periods(previous).last().map_or(0, |p| p.end))
    }

    /// Working minutes from `a` to `b`; negative when `b` is before `a`.
    pub fn working_minutes_between(&mut self, a: NaiveDateTime, b: NaiveDateTime) -> i64 {
        let (a, b) = (self.minute(a), self.minute(b));
        self.working_minutes_from(a, b)
    }

    /// [`Self::working_minutes_between`] on the clock.
    pub fn working_minutes_from(&mut self, a: Minute, b: Minute) -> i64 {
        self.position(b) - self.position(a)
    }
}

/// One way a day is worked: its working times, and tables that turn a
/// minute of the day into working minutes done and back without a search.
struct Shape {
    periods: Vec<WorkingTime>,
    /// Working minutes done before each minute of the day.
    within: Vec<u32>,
    /// The latest minute of the day with `k` working minutes done (a
    /// start), for each `k` below the day's total.
    starts: Vec<u16>,
    /// The earliest minute of the day with `k` working minutes done (a
    /// finish), for each `k` from 1 to the day's total; 0 at `k = 0`.
    finishes: Vec<u16>,
}

impl Shape {
    fn new(periods: &[WorkingTime]) -> Self {
        let within = (0..DAY_MINUTES)
            .map(|m| periods.iter().map(|p| u32::from(p.end.min(m).saturating_sub(p.start))).sum())
            .collect();
        let (mut starts, mut finishes) = (Vec::new(), vec![0]);
        for p in periods {
            starts.extend(p.start..p.end);
            finishes.extend(p.start + 1..=p.end);
        }
        Shape { periods: periods.to_vec(), within, starts, finishes }
    }

    /// Working minutes in the day.
    fn total(&self) -> i64 {
        self.starts.len() as i64
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
