//! The team's side of a plan: what a person may be, the arithmetic of work,
//! units and duration, each person's calendar, and their workload across
//! every project.
//!
//! Work follows MS Project: on a task of fixed units, work = duration ×
//! units; a task's type says which of the three gives way when another is
//! changed, and an effort-driven task shares the same work among the people
//! put on it or taken off.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};

use crate::calendar::{CalendarException, CalendarIndex, WorkCalendar};
use crate::model::*;
use crate::money::round_div;
use crate::validate::{self, MAX_MINUTES, ValidationError};

/// Units of one assignment: from 1 % to ten people's full time.
pub const MAX_UNITS: u16 = 1000;
/// Skill levels run from 1 (learning) to 5 (expert).
pub const SKILL_LEVELS: std::ops::RangeInclusive<u8> = 1..=5;
/// The most skills a person or a task lists.
pub const MAX_SKILLS: usize = 50;
/// The longest absence Gantry takes in one piece, in days.
pub const MAX_ABSENCE_DAYS: i64 = 2 * 366;
/// The largest hourly rate, in minor units (ten million a hour).
pub const MAX_RATE: i64 = 1_000_000_000;

type Result<T> = std::result::Result<T, ValidationError>;

fn fail<T>(field: &'static str, message: impl Into<String>) -> Result<T> {
    Err(ValidationError { field, message: message.into() })
}

// ---------------------------------------------------------------- checks

/// Units as typed in percent: 1 to 1,000.
pub fn units(field: &'static str, percent: i64) -> Result<u16> {
    match u16::try_from(percent) {
        Ok(u) if (1..=MAX_UNITS).contains(&u) => Ok(u),
        _ => fail(field, format!("Units must be between 1 % and {MAX_UNITS} %; {percent} % is not.")),
    }
}

/// A person's maximum units: 1 % to 1,000 % (a team of ten as one resource).
pub fn capacity(field: &'static str, percent: i64) -> Result<u16> {
    units(field, percent).map_err(|_| ValidationError {
        field,
        message: format!("Capacity must be between 1 % and {MAX_UNITS} % of a working week; {percent} % is not."),
    })
}

/// An hourly rate or a cost per use, in minor units: not negative, not absurd.
pub fn rate(field: &'static str, minor: i64) -> Result<i64> {
    if minor < 0 {
        fail(field, "A rate must not be negative.")
    } else if minor > MAX_RATE {
        fail(field, "That rate is larger than Gantry keeps.")
    } else {
        Ok(minor)
    }
}

/// Skills as a person lists them: named, levels 1 to 5, each once.
pub fn skills(field: &'static str, raw: &[Skill]) -> Result<Vec<Skill>> {
    let mut out: Vec<Skill> = Vec::new();
    for s in raw {
        let name = validate::name(field, "A skill", &s.name)?;
        if !SKILL_LEVELS.contains(&s.level) {
            return fail(field, format!("The level of “{name}” must be from 1 to 5, not {}.", s.level));
        }
        if out.iter().any(|o| o.name.eq_ignore_ascii_case(&name)) {
            return fail(field, format!("“{name}” is listed twice."));
        }
        out.push(Skill { name, level: s.level });
    }
    if out.len() > MAX_SKILLS {
        return fail(field, format!("At most {MAX_SKILLS} skills; {} were given.", out.len()));
    }
    out.sort_by(|a, b| b.level.cmp(&a.level).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())));
    Ok(out)
}

/// An absence: a first and a last day in order, not years long, a reason.
pub fn absence(start: NaiveDate, finish: NaiveDate, reason: &str) -> Result<String> {
    for d in [start, finish] {
        if !validate::YEARS.contains(&d.year()) {
            return fail("absence", format!("{d} is outside the years Gantry plans."));
        }
    }
    if finish < start {
        return fail("absence", format!("The absence ends ({finish}) before it starts ({start})."));
    }
    if (finish - start).num_days() >= MAX_ABSENCE_DAYS {
        return fail("absence", "An absence of more than two years is a departure: retire the person instead.");
    }
    validate::name("absence", "The reason", reason)
}

/// Minutes logged on one day: a whole number of minutes from 0 to 24 hours
/// (negative only in a correction, down to minus a day).
pub fn logged_minutes(minutes: i64, correction: bool) -> Result<i64> {
    let low = if correction { -24 * 60 } else { 0 };
    if minutes < low {
        return fail("minutes", "Hours logged must not be negative.");
    }
    if minutes > 24 * 60 {
        return fail("minutes", "A day has 24 hours; more cannot be logged on one day.");
    }
    Ok(minutes)
}

/// Reads hours as typed in a timesheet: "7.5", "7,5", "7:30", "45m".
pub fn parse_hours(field: &'static str, raw: &str) -> Result<i64> {
    let text = raw.trim().to_lowercase();
    let bad = || ValidationError {
        field,
        message: format!(
            "“{}” is not a number of hours, such as 7.5 or 7:30.",
            raw.trim().chars().take(20).collect::<String>()
        ),
    };
    if text.is_empty() {
        return Ok(0);
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.trim()),
        None => (false, text.as_str()),
    };
    let minutes = if let Some(m) = body.strip_suffix('m') {
        m.trim().parse::<i64>().map_err(|_| bad())?
    } else if let Some((h, m)) = body.split_once(':') {
        let (h, m) = (h.parse::<i64>().map_err(|_| bad())?, m.parse::<i64>().map_err(|_| bad())?);
        if !(0..60).contains(&m) {
            return Err(bad());
        }
        h.checked_mul(60).and_then(|h| h.checked_add(m)).ok_or_else(bad)?
    } else {
        let body = body.strip_suffix('h').unwrap_or(body).trim().replace(',', ".");
        let hours: f64 = body.parse().map_err(|_| bad())?;
        if !hours.is_finite() || hours.abs() > 1e6 {
            return Err(bad());
        }
        (hours * 60.0).round() as i64
    };
    Ok(if negative { -minutes } else { minutes })
}

// ------------------------------------------------------ work, units, duration

/// One person's share of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub member_id: MemberId,
    pub units: u16,
    pub work: i64,
}

/// A change to a task's staffing, as the user makes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffChange {
    /// A new duration, in working minutes.
    Duration(i64),
    /// A new total work, in minutes.
    Work(i64),
    /// New units for a person already on the task.
    Units(MemberId, u16),
    /// A person put on the task with these units.
    Add(MemberId, u16),
    /// A person taken off.
    Remove(MemberId),
}

/// A task's duration and its people's shares after `change`, by MS
/// Project's rules for the task's type and effort-driven flag.
pub fn restaff(
    kind: TaskType,
    effort_driven: bool,
    duration: i64,
    shares: &[Share],
    change: StaffChange,
) -> Result<(i64, Vec<Share>)> {
    // A fixed-work task is effort-driven whatever its flag says.
    let effort_driven = effort_driven || kind == TaskType::FixedWork;
    let mut out = shares.to_vec();
    let work_of = |s: &[Share]| s.iter().map(|x| x.work).sum::<i64>();
    let mut d = duration;
    match change {
        StaffChange::Duration(new) => {
            d = new;
            for s in &mut out {
                if kind == TaskType::FixedWork && d > 0 {
                    s.units = units("units", round_div(s.work, 100, d).max(1))?;
                } else {
                    s.work = round_div(d, i64::from(s.units), 100);
                }
            }
        }
        StaffChange::Work(total) => {
            if out.is_empty() {
                return fail("work", "Work is the people's time: put someone on the task first.");
            }
            if kind == TaskType::FixedDuration && d == 0 {
                return fail("work", "A task of fixed duration needs a duration before it can take work.");
            }
            d = reshare("work", kind, &mut out, total, d)?;
        }
        StaffChange::Units(member, new) => {
            let Some(at) = out.iter().position(|s| s.member_id == member) else {
                return fail("units", "That person is not on the task.");
            };
            out[at].units = new;
            if kind == TaskType::FixedDuration {
                out[at].work = round_div(d, i64::from(new), 100);
            } else {
                // The person's work stays; the task lasts as long as the
                // longest share takes.
                d = out.iter().map(|s| round_div(s.work, 100, i64::from(s.units))).max().unwrap_or(d);
            }
        }
        StaffChange::Add(member, u) => {
            if out.iter().any(|s| s.member_id == member) {
                return fail("member", "That person is already on the task.");
            }
            let total = work_of(&out);
            out.push(Share { member_id: member, units: u, work: 0 });
            if effort_driven && total > 0 {
                d = reshare("units", kind, &mut out, total, d)?;
            } else if let Some(last) = out.last_mut() {
                last.work = round_div(d, i64::from(u), 100);
            }
        }
        StaffChange::Remove(member) => {
            let total = work_of(&out);
            out.retain(|s| s.member_id != member);
            if effort_driven && !out.is_empty() {
                d = reshare("units", kind, &mut out, total, d)?;
            }
        }
    }
    if !(0..=MAX_MINUTES).contains(&d) || out.iter().any(|s| !(0..=MAX_MINUTES).contains(&s.work)) {
        return fail("duration", "That would make the task longer than Gantry plans (about 400 years).");
    }
    Ok((d, out))
}

/// Shares `total` work among the people of a task lasting `duration` by
/// their units, and returns its duration after: a fixed duration stays and
/// the units give way; otherwise the duration is what the work takes them.
fn reshare(field: &'static str, kind: TaskType, shares: &mut [Share], total: i64, duration: i64) -> Result<i64> {
    let all = shares.iter().map(|x| i64::from(x.units)).sum::<i64>();
    share_out(shares, total, all);
    if kind != TaskType::FixedDuration {
        return Ok(round_div(total, 100, all));
    }
    for s in shares.iter_mut() {
        s.units = units(field, round_div(s.work, 100, duration.max(1)).max(1))?;
    }
    Ok(duration)
}

/// Shares `total` work among people by their units, the rounding left on
/// the last so the shares add up.
fn share_out(shares: &mut [Share], total: i64, all_units: i64) {
    let mut left = total;
    let n = shares.len();
    for (i, s) in shares.iter_mut().enumerate() {
        s.work = if i + 1 == n { left } else { round_div(total, i64::from(s.units), all_units.max(1)) };
        left -= s.work;
    }
}

// ------------------------------------------------------------- calendars

/// The id of a person's own calendar as the scheduler knows it: negative,
/// so it never meets a stored calendar's.
pub fn personal_calendar_id(member: MemberId) -> CalendarId {
    -member
}

/// A person's calendar: their company calendar's week and holidays, with
/// their absences as days off (an absence wins over a holiday worked).
pub fn personal_calendar(member: &TeamMember, base: &WorkCalendar, absences: &[Absence]) -> WorkCalendar {
    let mut cal = base.clone();
    cal.id = personal_calendar_id(member.id);
    cal.name = format!("{} ({})", member.name, base.name);
    cal.exceptions.extend(absences.iter().filter(|a| a.member_id == member.id).map(|a| CalendarException {
        name: a.reason.clone(),
        start: a.start,
        finish: a.finish,
        yearly: false,
        working: Vec::new(),
    }));
    cal
}

// --------------------------------------------------------------- workload

/// How wide a workload period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    Week,
    Month,
}

impl Period {
    /// The first day of the period holding `d`.
    pub fn start_of(self, d: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => d,
            Period::Week => d - Days::new(u64::from(d.weekday().num_days_from_monday())),
            Period::Month => d.with_day(1).unwrap_or(d),
        }
    }

    /// The first day of the next period.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => start + Days::new(1),
            Period::Week => start + Days::new(7),
            Period::Month => start.checked_add_months(chrono::Months::new(1)).unwrap_or(start + Days::new(31)),
        }
    }

    /// The periods that cover `from` to `to` (both included), as their
    /// first days, plus the day after the last one.
    pub fn bounds(self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut out = vec![self.start_of(from)];
        while let Some(&last) = out.last() {
            if last > to {
                break;
            }
            out.push(self.next(last));
        }
        out
    }
}

/// Work planned for a person: one assignment with its task's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedWork {
    pub member_id: MemberId,
    pub task_id: TaskId,
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    pub units: u16,
    /// Minutes of work still to do in these dates.
    pub work: i64,
}

impl PlannedWork {
    /// The work of `a` on `task`, which runs from `start` to `finish` on
    /// `calendar`: one piece per stretch of work, so a split task's pauses
    /// hold none. The stretches share the work by their working time.
    pub fn of(
        task: &Task,
        a: &Assignment,
        start: NaiveDateTime,
        finish: NaiveDateTime,
        calendar: &WorkCalendar,
    ) -> Vec<PlannedWork> {
        let stretches = crate::split::work_segments(task, start, finish, calendar);
        let lengths: Vec<i64> = stretches.iter().map(|&(a, b)| calendar.working_minutes_between(a, b)).collect();
        let total: i64 = lengths.iter().sum();
        let mut left = a.work_minutes;
        let mut out = Vec::with_capacity(stretches.len());
        for (i, (&(start, finish), length)) in stretches.iter().zip(&lengths).enumerate() {
            let work = if i + 1 == stretches.len() || total == 0 { left } else { a.work_minutes * length / total };
            left -= work;
            out.push(PlannedWork {
                member_id: a.member_id,
                task_id: a.task_id,
                start,
                finish,
                units: a.units_percent,
                work,
            });
        }
        out
    }
}

/// One person's load in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodLoad {
    pub start: NaiveDate,
    /// Their working minutes in the period times their capacity.
    pub available: i64,
    pub planned: i64,
    /// The planned minutes of each task in the period.
    pub tasks: Vec<(TaskId, i64)>,
}

/// One person's workload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonLoad {
    pub member_id: MemberId,
    pub periods: Vec<PeriodLoad>,
    /// The most units they are booked at any working moment, in percent.
    pub peak_units: i64,
}

impl PeriodLoad {
    /// More work than time, by more than a minute of rounding.
    pub fn overallocated(&self) -> bool {
        self.planned > self.available
    }
}

/// Each person's available and planned minutes in every period of
/// `bounds` (period starts plus the end), with their peak units. Work is
/// spread evenly over the person's working time in their task's dates (MS
/// Project's flat contour); work whose dates the person has no working time
/// in (away the whole task) falls on the task's days as they come.
/// `calendars[i]` is `people[i]`'s own calendar. Peak units are those of
/// the periods' span.
pub fn workload(
    people: &[TeamMember],
    calendars: &[&WorkCalendar],
    planned: &[PlannedWork],
    bounds: &[NaiveDate],
) -> Vec<PersonLoad> {
    let (Some(&first), Some(&end)) = (bounds.first(), bounds.last()) else { return Vec::new() };
    let mut by_person: std::collections::HashMap<MemberId, Vec<&PlannedWork>> = std::collections::HashMap::new();
    for w in planned {
        by_person.entry(w.member_id).or_default().push(w);
    }
    people
        .iter()
        .zip(calendars)
        .map(|(person, cal)| {
            let mine = by_person.remove(&person.id).unwrap_or_default();
            // Index the person's calendar over the periods only: work
            // outside them is counted by walking the calendar, for the few
            // assignments that cross an edge.
            let mut index = CalendarIndex::new(cal, first, end);
            let mut pos = |t: NaiveDateTime| {
                let m = index.minute(t);
                index.position(m)
            };
            let (window_start, window_end) = (first.and_time(NaiveTime::MIN), end.and_time(NaiveTime::MIN));
            let edges: Vec<i64> = bounds.iter().map(|d| pos(d.and_time(NaiveTime::MIN))).collect();
            let mut periods: Vec<PeriodLoad> = bounds
                .windows(2)
                .zip(edges.windows(2))
                .map(|(d, p)| PeriodLoad {
                    start: d[0],
                    available: round_div(p[1] - p[0], i64::from(person.capacity_percent), 100),
                    planned: 0,
                    tasks: Vec::new(),
                })
                .collect();
            let mut events: Vec<(i64, i64)> = Vec::with_capacity(mine.len() * 2);
            // Adds to each period its share of `work` spread evenly from
            // `lo` to `hi` on `edges`' clock, `before` of it falling before
            // `lo` (outside the periods) out of `span` in all.
            let spread = |periods: &mut Vec<PeriodLoad>,
                          task: TaskId,
                          work: i64,
                          (lo, hi): (i64, i64),
                          before: i64,
                          span: i64,
                          edges: &[i64]| {
                let upto = |edge: i64| round_div(work, before + edge.clamp(lo, hi) - lo, span);
                let from = edges.partition_point(|&e| e <= lo).saturating_sub(1);
                for (i, p) in periods.iter_mut().enumerate().skip(from) {
                    if edges[i] >= hi {
                        break;
                    }
                    let minutes = upto(edges[i + 1]) - upto(edges[i]);
                    if minutes > 0 {
                        p.planned += minutes;
                        p.tasks.push((task, minutes));
                    }
                }
            };
            for w in &mine {
                if w.finish <= window_start || w.start >= window_end {
                    continue;
                }
                let (from, to) = (w.start.max(window_start), w.finish.min(window_end));
                let (a, b) = (pos(from), pos(to));
                if b > a {
                    events.push((a, i64::from(w.units)));
                    events.push((b, -i64::from(w.units)));
                }
                if w.work <= 0 {
                    continue;
                }
                let before = if w.start < from { cal.working_minutes_between(w.start, from) } else { 0 };
                let after = if w.finish > to { cal.working_minutes_between(to, w.finish) } else { 0 };
                let span = before + (b - a) + after;
                if span > 0 {
                    spread(&mut periods, w.task_id, w.work, (a, b), before, span, &edges);
                } else {
                    // Away for the whole task: its work falls in calendar
                    // time over the task's dates.
                    let minute = |t: NaiveDateTime| (t - window_start).num_minutes();
                    let (a, b) = (minute(w.start), minute(w.finish).max(minute(w.start) + 1));
                    let clock: Vec<i64> = bounds.iter().map(|d| minute(d.and_time(NaiveTime::MIN))).collect();
                    spread(&mut periods, w.task_id, w.work, (a, b), 0, b - a, &clock);
                }
            }
            events.sort_unstable();
            let (mut now, mut peak) = (0, 0);
            for (_, du) in events {
                now += du;
                peak = peak.max(now);
            }
            PersonLoad { member_id: person.id, periods, peak_units: peak }
        })
        .collect()
}

/// A person's rates over time: their own until the first change, then each
/// change from the start of its day.
pub fn rate_table(m: &TeamMember, changes: &[RateChange]) -> crate::cost::RateTable {
    use crate::cost::{Rate, RateTable};
    let mut rates = vec![Rate {
        from: NaiveDateTime::MIN,
        standard: m.standard_rate,
        overtime: m.overtime_rate,
        per_use: m.cost_per_use,
    }];
    rates.extend(changes.iter().filter(|c| c.member_id == m.id).map(|c| Rate {
        from: c.from.and_time(NaiveTime::MIN),
        standard: c.standard_rate,
        overtime: c.overtime_rate,
        per_use: c.cost_per_use,
    }));
    RateTable::new(rates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shares(list: &[(MemberId, u16, i64)]) -> Vec<Share> {
        list.iter().map(|&(member_id, units, work)| Share { member_id, units, work }).collect()
    }

    /// One case: a task of `kind` lasting `duration` hours with people
    /// `(id, units %, work hours)`, a change, and the duration and shares
    /// expected after it.
    fn check(
        kind: TaskType,
        effort: bool,
        duration_h: i64,
        before: &[(MemberId, u16, i64)],
        change: StaffChange,
        expected_h: i64,
        after: &[(MemberId, u16, i64)],
    ) {
        let h = |l: &[(MemberId, u16, i64)]| shares(&l.iter().map(|&(m, u, w)| (m, u, w * 60)).collect::<Vec<_>>());
        let got = restaff(kind, effort, duration_h * 60, &h(before), change).expect("a valid change");
        assert_eq!(got, (expected_h * 60, h(after)), "{kind:?} effort-driven {effort}, {change:?}");
    }

    #[test]
    fn work_units_and_duration_follow_the_task_type() {
        use StaffChange::*;
        use TaskType::*;
        // Fixed units: work follows duration; units changed make the
        // duration give way; a new person adds work unless effort-driven.
        check(FixedUnits, false, 40, &[(1, 100, 40)], Duration(80 * 60), 80, &[(1, 100, 80)]);
        check(FixedUnits, false, 40, &[(1, 100, 40)], Work(20 * 60), 20, &[(1, 100, 20)]);
        check(FixedUnits, false, 40, &[(1, 100, 40)], Units(1, 50), 80, &[(1, 50, 40)]);
        check(FixedUnits, false, 40, &[(1, 100, 40)], Add(2, 100), 40, &[(1, 100, 40), (2, 100, 40)]);
        check(FixedUnits, true, 40, &[(1, 100, 40)], Add(2, 100), 20, &[(1, 100, 20), (2, 100, 20)]);
        check(FixedUnits, true, 20, &[(1, 100, 20), (2, 100, 20)], Remove(2), 40, &[(1, 100, 40)]);
        check(FixedUnits, false, 40, &[(1, 100, 40), (2, 50, 20)], Remove(2), 40, &[(1, 100, 40)]);
        check(FixedUnits, false, 10, &[(1, 200, 20)], Duration(20 * 60), 20, &[(1, 200, 40)]);
        // Fixed work: the work stays; duration changes move the units.
        check(FixedWork, false, 40, &[(1, 100, 40)], Duration(80 * 60), 80, &[(1, 50, 40)]);
        check(FixedWork, false, 40, &[(1, 100, 40)], Add(2, 100), 20, &[(1, 100, 20), (2, 100, 20)]);
        check(FixedWork, false, 40, &[(1, 100, 40)], Units(1, 200), 20, &[(1, 200, 40)]);
        check(FixedWork, false, 40, &[(1, 100, 40)], Work(80 * 60), 80, &[(1, 100, 80)]);
        // Fixed duration: the dates stay; units and work give way.
        check(FixedDuration, false, 40, &[(1, 100, 40)], Work(20 * 60), 40, &[(1, 50, 20)]);
        check(FixedDuration, false, 40, &[(1, 100, 40)], Units(1, 50), 40, &[(1, 50, 20)]);
        check(FixedDuration, false, 40, &[(1, 100, 40)], Duration(20 * 60), 20, &[(1, 100, 20)]);
        check(FixedDuration, true, 40, &[(1, 100, 40)], Add(2, 100), 40, &[(1, 50, 20), (2, 50, 20)]);
        check(FixedDuration, false, 40, &[(1, 100, 40)], Add(2, 100), 40, &[(1, 100, 40), (2, 100, 40)]);
        // Shares by units: a pair at 100 % and 50 %.
        check(FixedUnits, true, 30, &[(1, 100, 30)], Add(2, 50), 20, &[(1, 100, 20), (2, 50, 10)]);
    }

    #[test]
    fn impossible_staffing_is_refused() {
        assert!(restaff(TaskType::FixedUnits, false, 480, &[], StaffChange::Work(60)).is_err());
        assert!(
            restaff(TaskType::FixedUnits, false, 480, &shares(&[(1, 100, 480)]), StaffChange::Add(1, 100)).is_err()
        );
        assert!(
            restaff(TaskType::FixedUnits, false, 480, &shares(&[(1, 100, 480)]), StaffChange::Units(2, 50)).is_err()
        );
        assert!(
            restaff(TaskType::FixedUnits, false, 480, &shares(&[(1, 1, 480)]), StaffChange::Work(MAX_MINUTES)).is_err()
        );
        assert!(units("units", 0).is_err());
        assert!(units("units", 100_000).is_err());
        assert_eq!(units("units", 200), Ok(200));
        assert!(rate("rate", -1).is_err());
        let level9 = [Skill { name: "Kubernetes".into(), level: 9 }];
        assert!(skills("skills", &level9).unwrap_err().message.contains("1 to 5"));
        let twice = [Skill { name: "SQL".into(), level: 3 }, Skill { name: "sql".into(), level: 4 }];
        assert!(skills("skills", &twice).is_err());
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        assert!(
            absence(d("2027-03-10"), d("2027-03-01"), "Vacation").unwrap_err().message.contains("before it starts")
        );
        assert!(absence(d("2027-03-01"), d("2027-03-10"), "").is_err());
        assert!(logged_minutes(-30, false).is_err());
        assert!(logged_minutes(25 * 60, false).is_err());
        assert_eq!(logged_minutes(-30, true), Ok(-30));
    }

    #[test]
    fn hours_read_as_typed() {
        for (raw, minutes) in
            [("7.5", 450), ("7,5", 450), ("7:30", 450), ("45m", 45), ("8h", 480), ("", 0), ("-1", -60)]
        {
            assert_eq!(parse_hours("hours", raw), Ok(minutes), "{raw:?}");
        }
        for raw in ["seven", "7:75", "1e9", "NaN"] {
            assert!(parse_hours("hours", raw).is_err(), "{raw:?}");
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("moment")
    }

    #[test]
    fn workload_counts_each_persons_own_time_and_absences() {
        let base = WorkCalendar::standard(1, "Standard");
        let mut ana = TeamMember::new("Ana");
        ana.id = 1;
        let mut ben = TeamMember::new("Ben");
        ben.id = 2;
        ben.capacity_percent = 80;
        let away = [Absence {
            id: 1,
            member_id: 1,
            start: d("2027-03-17"),
            finish: d("2027-03-17"),
            reason: "Dentist".into(),
        }];
        let ana_cal = personal_calendar(&ana, &base, &away);
        let ben_cal = personal_calendar(&ben, &base, &away);
        // Two weeks; Ana on two tasks at once in the first, Ben on one at 50 %.
        let planned = [
            PlannedWork {
                member_id: 1,
                task_id: 10,
                start: at("2027-03-15 08:00"),
                finish: at("2027-03-19 17:00"),
                units: 100,
                work: 32 * 60,
            },
            PlannedWork {
                member_id: 1,
                task_id: 11,
                start: at("2027-03-15 08:00"),
                finish: at("2027-03-16 17:00"),
                units: 100,
                work: 16 * 60,
            },
            PlannedWork {
                member_id: 2,
                task_id: 12,
                start: at("2027-03-15 08:00"),
                finish: at("2027-03-26 17:00"),
                units: 50,
                work: 40 * 60,
            },
        ];
        let bounds = Period::Week.bounds(d("2027-03-15"), d("2027-03-26"));
        assert_eq!(bounds, vec![d("2027-03-15"), d("2027-03-22"), d("2027-03-29")]);
        let load = workload(&[ana, ben], &[&ana_cal, &ben_cal], &planned, &bounds);
        // Ana works four days the first week (the dentist), 32 hours.
        assert_eq!(load[0].periods[0].available, 32 * 60);
        assert_eq!(load[0].periods[0].planned, 48 * 60);
        assert!(load[0].periods[0].overallocated());
        assert_eq!(load[0].peak_units, 200);
        assert_eq!(load[0].periods[1].planned, 0);
        // Ben at 80 %: 32 of 40 hours available, 20 planned each week.
        assert_eq!(load[1].periods[0].available, 32 * 60);
        assert_eq!(load[1].periods.iter().map(|p| p.planned).collect::<Vec<_>>(), vec![20 * 60, 20 * 60]);
        assert!(!load[1].periods[0].overallocated());
        assert_eq!(load[1].peak_units, 50);
    }

    #[test]
    fn work_crossing_the_edge_of_the_periods_counts_only_its_share_inside() {
        let base = WorkCalendar::standard(1, "Standard");
        let mut ana = TeamMember::new("Ana");
        ana.id = 1;
        let cal = personal_calendar(&ana, &base, &[]);
        // Two weeks of work; the periods show the second week only.
        let planned = [PlannedWork {
            member_id: 1,
            task_id: 10,
            start: at("2027-03-15 08:00"),
            finish: at("2027-03-26 17:00"),
            units: 100,
            work: 80 * 60,
        }];
        let load = workload(&[ana], &[&cal], &planned, &Period::Week.bounds(d("2027-03-22"), d("2027-03-28")));
        assert_eq!(load[0].periods.len(), 1);
        assert_eq!(load[0].periods[0].planned, 40 * 60, "half the work falls in the week shown");
        assert_eq!(load[0].peak_units, 100);
    }

    #[test]
    fn work_of_a_person_away_the_whole_task_still_counts() {
        let base = WorkCalendar::standard(1, "Standard");
        let mut ana = TeamMember::new("Ana");
        ana.id = 1;
        let away = [Absence {
            id: 1,
            member_id: 1,
            start: d("2027-03-15"),
            finish: d("2027-03-19"),
            reason: "Vacation".into(),
        }];
        let cal = personal_calendar(&ana, &base, &away);
        let planned = [PlannedWork {
            member_id: 1,
            task_id: 10,
            start: at("2027-03-15 08:00"),
            finish: at("2027-03-16 17:00"),
            units: 100,
            work: 960,
        }];
        let load = workload(&[ana], &[&cal], &planned, &Period::Day.bounds(d("2027-03-15"), d("2027-03-19")));
        assert_eq!(load[0].periods.iter().map(|p| p.planned).sum::<i64>(), 960);
        assert!(load[0].periods[0].overallocated(), "no time at all that day");
    }

    #[test]
    fn a_rate_change_holds_from_the_start_of_its_day() {
        let mut m = TeamMember::new("Ana");
        m.id = 7;
        m.standard_rate = 9_000;
        let day = |d: u32| NaiveDate::from_ymd_opt(2027, 3, d).expect("day");
        let change = |id, member_id, d, standard_rate| RateChange {
            id,
            member_id,
            from: day(d),
            standard_rate,
            overtime_rate: 0,
            cost_per_use: 0,
        };
        let table = rate_table(&m, &[change(1, 7, 15, 9_900), change(2, 8, 1, 1), change(3, 7, 1, 9_500)]);
        let at = |d: u32, h: u32| table.at(day(d).and_hms_opt(h, 0, 0).expect("time")).standard;
        assert_eq!(at(1, 0), 9_500, "from midnight of its day");
        assert_eq!(at(14, 23), 9_500);
        assert_eq!(at(15, 8), 9_900);
        assert_eq!(
            table.at(NaiveDate::from_ymd_opt(2027, 2, 28).expect("day").and_hms_opt(9, 0, 0).expect("t")).standard,
            9_000
        );
    }
}
