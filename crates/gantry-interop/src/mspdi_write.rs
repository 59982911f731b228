//! MS Project XML (MSPDI) writer: a Gantry project as MS Project,
//! ProjectLibre and MPXJ-based readers open it, and as [`crate::mspdi`]
//! reads it back field for field.
//!
//! Written: the project's settings, start and status date; its calendars
//! with working times and exceptions (yearly ones as MSPDI's yearly
//! recurrence); tasks in outline order with their WBS, durations (elapsed
//! and estimated too), constraints, manual scheduling, progress and actual
//! dates, notes and the dates Gantry computed; links with their type and
//! lag (elapsed too); fixed costs with their accrual; the baselines
//! (newest as baseline 0) with their costs and work; the people as work
//! resources with their rates (changes from a date as rate table A) and
//! units; assignments with units and work. Units as MSPDI wants them:
//! durations in ISO 8601, lags in tenths of a minute, weekday 1 = Sunday,
//! link type 0 = FF, 1 = FS, 2 = SF, 3 = SS, rates per hour in currency.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use gantry_core::calendar::{WorkCalendar, WorkingTime};
use gantry_core::cost::Accrual;
use gantry_core::model::*;
use gantry_core::money;

/// A project to write, already scheduled.
pub struct Export<'a> {
    pub name: &'a str,
    pub manager: &'a str,
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    pub status_date: Option<NaiveDateTime>,
    pub settings: DurationSettings,
    pub currency: &'a str,
    /// Minor-unit digits of the currency (2 for EUR), for rates.
    pub currency_digits: u32,
    pub calendar_id: CalendarId,
    /// Every calendar a task, person or the project uses.
    pub calendars: &'a [WorkCalendar],
    /// In outline order: a parent before its children, siblings by position.
    pub tasks: &'a [Task],
    /// The dates computed for each task, by id.
    pub dates: &'a HashMap<TaskId, (NaiveDateTime, NaiveDateTime)>,
    pub links: &'a [Link],
    pub people: &'a [TeamMember],
    pub assignments: &'a [Assignment],
    /// Each task's fixed cost, in minor units, and when it accrues.
    pub fixed_costs: &'a HashMap<TaskId, (i64, Accrual)>,
    /// The baselines, newest first: MS Project's baseline 0, then 1 to 10.
    pub baselines: &'a [HashMap<TaskId, BaselineOut>],
    /// The people's rates from a day on, by person, earliest first.
    pub rate_changes: &'a HashMap<MemberId, Vec<RateChange>>,
}

/// A task as a baseline kept it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BaselineOut {
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    pub duration_minutes: i64,
    /// In minor units, when the baseline kept costs.
    pub cost: Option<i64>,
    /// In minutes, when the baseline kept work.
    pub work: Option<i64>,
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn moment(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// `PT40H0M0S`.
fn duration(minutes: i64) -> String {
    format!("PT{}H{}M0S", minutes / 60, minutes % 60)
}

/// An amount of `digits` minor-unit digits as MSPDI writes task costs: in
/// hundredths of the currency unit, whatever the currency (`10500` is
/// 105.00 EUR, and 105 JPY too).
fn hundredths(minor: i64, digits: u32) -> String {
    match digits {
        0..=2 => (i128::from(minor) * 10_i128.pow(2 - digits)).to_string(),
        _ => {
            let scale = 10_i64.pow(digits - 2);
            let sign = if minor < 0 { "-" } else { "" };
            let (whole, rest) = (minor.unsigned_abs() / scale as u64, minor.unsigned_abs() % scale as u64);
            format!("{sign}{whole}.{rest:0width$}", width = (digits - 2) as usize)
        }
    }
}

/// Where MS Project's rate tables begin and end.
fn first_day() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(1984, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default()
}

fn last_minute() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2049, 12, 31).and_then(|d| d.and_hms_opt(23, 59, 0)).unwrap_or_default()
}

/// MSPDI weekday numbers, Sunday = 1, for Gantry's Monday-first index.
fn day_type(index: usize) -> usize {
    (index + 1) % 7 + 1
}

struct Out {
    text: String,
    depth: usize,
}

impl Out {
    fn open(&mut self, tag: &str) {
        let _ = writeln!(self.text, "{:width$}<{tag}>", "", width = self.depth * 2);
        self.depth += 1;
    }

    fn close(&mut self, tag: &str) {
        self.depth -= 1;
        let _ = writeln!(self.text, "{:width$}</{tag}>", "", width = self.depth * 2);
    }

    fn field(&mut self, tag: &str, value: impl std::fmt::Display) {
        let value = escape(&value.to_string());
        let _ = writeln!(self.text, "{:width$}<{tag}>{value}</{tag}>", "", width = self.depth * 2);
    }

    fn flag(&mut self, tag: &str, on: bool) {
        self.field(tag, u8::from(on));
    }
}

fn working_times(out: &mut Out, periods: &[WorkingTime]) {
    if periods.is_empty() {
        return;
    }
    out.open("WorkingTimes");
    for p in periods {
        out.open("WorkingTime");
        out.field("FromTime", format!("{:02}:{:02}:00", p.start / 60, p.start % 60));
        // Midnight at the end of the day is written as 00:00, as MS Project does.
        out.field("ToTime", format!("{:02}:{:02}:00", (p.end / 60) % 24, p.end % 60));
        out.close("WorkingTime");
    }
    out.close("WorkingTimes");
}

fn calendar(out: &mut Out, c: &WorkCalendar, years: (i32, i32)) {
    out.open("Calendar");
    out.field("UID", c.id);
    out.field("Name", &c.name);
    out.flag("IsBaseCalendar", true);
    out.field("BaseCalendarUID", -1);
    out.open("WeekDays");
    for (i, periods) in c.weekdays.iter().enumerate() {
        out.open("WeekDay");
        out.field("DayType", day_type(i));
        out.flag("DayWorking", !periods.is_empty());
        working_times(out, periods);
        out.close("WeekDay");
    }
    out.close("WeekDays");
    if !c.exceptions.is_empty() {
        out.open("Exceptions");
        for e in &c.exceptions {
            let days: Vec<(NaiveDate, NaiveDate)> = if e.yearly {
                // Each day of a yearly exception recurs on its month and day
                // over the years the plan can reach.
                let mut out = Vec::new();
                let mut d = e.start;
                while d <= e.finish && out.len() < 366 {
                    if let (Some(from), Some(to)) = (d.with_year(years.0), d.with_year(years.1)) {
                        out.push((from, to));
                    }
                    match d.succ_opt() {
                        Some(n) => d = n,
                        None => break,
                    }
                }
                out
            } else {
                vec![(e.start, e.finish)]
            };
            for (from, to) in days {
                out.open("Exception");
                out.flag("EnteredByOccurrences", false);
                out.open("TimePeriod");
                out.field("FromDate", format!("{from}T00:00:00"));
                out.field("ToDate", format!("{to}T23:59:00"));
                out.close("TimePeriod");
                if e.yearly {
                    out.field("Occurrences", years.1 - years.0 + 1);
                    out.field("Name", &e.name);
                    out.field("Type", 2);
                    out.field("Month", from.month0());
                    out.field("MonthDay", from.day());
                } else {
                    out.field("Occurrences", 1);
                    out.field("Name", &e.name);
                    out.field("Type", 1);
                }
                out.flag("DayWorking", !e.working.is_empty());
                working_times(out, &e.working);
                out.close("Exception");
            }
        }
        out.close("Exceptions");
    }
    out.close("Calendar");
}

/// Writes the project as an MSPDI document.
pub fn write(p: &Export) -> String {
    let mut out =
        Out { text: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"), depth: 0 };
    out.text.push_str("<Project xmlns=\"http://schemas.microsoft.com/project\">\n");
    out.depth = 1;
    out.field("SaveVersion", 14);
    out.field("Name", format!("{}.xml", p.name));
    out.field("Title", p.name);
    out.field("Manager", p.manager);
    out.flag("ScheduleFromStart", true);
    out.field("StartDate", moment(p.start));
    out.field("FinishDate", moment(p.finish));
    out.field("CalendarUID", p.calendar_id);
    out.field("DefaultStartTime", "08:00:00");
    out.field("DefaultFinishTime", "17:00:00");
    out.field("MinutesPerDay", p.settings.minutes_per_day);
    out.field("MinutesPerWeek", p.settings.minutes_per_week);
    out.field("DaysPerMonth", p.settings.days_per_month);
    out.field("CurrencyCode", p.currency);
    out.field("CurrencyDigits", p.currency_digits);
    if let Some(s) = p.status_date {
        out.field("StatusDate", moment(s));
    }
    let years = (p.start.year() - 1, p.finish.year().max(p.start.year()) + 5);
    out.open("Calendars");
    for c in p.calendars {
        calendar(&mut out, c, years);
    }
    out.close("Calendars");

    // The WBS numbers, from the outline.
    let mut numbers: HashMap<TaskId, String> = HashMap::new();
    let mut counters: HashMap<Option<TaskId>, usize> = HashMap::new();
    let mut levels: HashMap<TaskId, usize> = HashMap::new();
    let predecessors = {
        let mut m: HashMap<TaskId, Vec<&Link>> = HashMap::new();
        for l in p.links {
            m.entry(l.successor).or_default().push(l);
        }
        m
    };
    out.open("Tasks");
    out.open("Task");
    out.field("UID", 0);
    out.field("ID", 0);
    out.field("Name", p.name);
    out.field("OutlineNumber", 0);
    out.field("OutlineLevel", 0);
    out.flag("Summary", true);
    out.field("Start", moment(p.start));
    out.field("Finish", moment(p.finish));
    out.close("Task");
    for (i, t) in p.tasks.iter().enumerate() {
        let n = counters.entry(t.parent_id).or_insert(0);
        *n += 1;
        let number = match t.parent_id.and_then(|x| numbers.get(&x)) {
            Some(parent) => format!("{parent}.{n}"),
            None => n.to_string(),
        };
        let level = t.parent_id.and_then(|x| levels.get(&x)).map_or(1, |l| l + 1);
        levels.insert(t.id, level);
        out.open("Task");
        out.field("UID", t.id);
        out.field("ID", i + 1);
        out.field("Name", &t.name);
        out.field(
            "Type",
            match t.task_type {
                TaskType::FixedUnits => 0,
                TaskType::FixedDuration => 1,
                TaskType::FixedWork => 2,
            },
        );
        out.flag("IsNull", false);
        out.field("WBS", &number);
        out.field("OutlineNumber", &number);
        out.field("OutlineLevel", level);
        if let Some((start, finish)) = p.dates.get(&t.id) {
            // A manual task starts where its planner put it.
            let start = match (t.manual, t.constraint.kind, t.constraint.date) {
                (true, ConstraintKind::Mso, Some(d)) => d,
                _ => *start,
            };
            out.field("Start", moment(start));
            out.field("Finish", moment(*finish));
        }
        out.field("Duration", duration(t.duration_minutes));
        // 7 days, 8 elapsed days; +32 an estimate ("5d?").
        out.field("DurationFormat", if t.duration_elapsed { 8 } else { 7 } + if t.estimated { 32 } else { 0 });
        out.flag("Estimated", t.estimated);
        out.flag("Manual", t.manual);
        out.flag("Summary", t.kind == TaskKind::Summary);
        out.flag("Milestone", t.kind == TaskKind::Milestone);
        out.flag("EffortDriven", t.effort_driven);
        if let Some(&(amount, accrual)) = p.fixed_costs.get(&t.id) {
            out.field("FixedCost", hundredths(amount, p.currency_digits));
            out.field(
                "FixedCostAccrual",
                match accrual {
                    Accrual::Start => 1,
                    Accrual::End => 2,
                    Accrual::Prorated => 3,
                },
            );
        }
        out.field("PercentComplete", t.percent_complete);
        if let Some(a) = t.actual_start {
            out.field("ActualStart", moment(a));
        }
        if let Some(a) = t.actual_finish {
            out.field("ActualFinish", moment(a));
        }
        out.field(
            "ConstraintType",
            match t.constraint.kind {
                ConstraintKind::Asap => 0,
                ConstraintKind::Alap => 1,
                ConstraintKind::Mso => 2,
                ConstraintKind::Mfo => 3,
                ConstraintKind::Snet => 4,
                ConstraintKind::Snlt => 5,
                ConstraintKind::Fnet => 6,
                ConstraintKind::Fnlt => 7,
            },
        );
        out.field("CalendarUID", t.calendar_id.unwrap_or(-1));
        if let Some(d) = t.constraint.date {
            out.field("ConstraintDate", moment(d));
        }
        if let Some(d) = t.deadline {
            out.field("Deadline", moment(d));
        }
        if t.leveling_delay.minutes > 0 {
            // In tenths of a minute; 7 days, 8 elapsed days.
            out.field("LevelingDelay", t.leveling_delay.minutes * 10);
            out.field("LevelingDelayFormat", if t.leveling_delay.elapsed { 8 } else { 7 });
        }
        out.flag("IgnoreResourceCalendar", t.ignores_people_calendars);
        if !t.notes.is_empty() {
            out.field("Notes", &t.notes);
        }
        for l in predecessors.get(&t.id).into_iter().flatten() {
            out.open("PredecessorLink");
            out.field("PredecessorUID", l.predecessor);
            out.field(
                "Type",
                match l.kind {
                    LinkKind::FinishToFinish => 0,
                    LinkKind::FinishToStart => 1,
                    LinkKind::StartToFinish => 2,
                    LinkKind::StartToStart => 3,
                },
            );
            out.flag("CrossProject", false);
            out.field("LinkLag", l.lag_minutes * 10);
            out.field("LagFormat", if l.lag_elapsed { 8 } else { 7 });
            out.close("PredecessorLink");
        }
        for (number, baseline) in p.baselines.iter().take(11).enumerate() {
            let Some(b) = baseline.get(&t.id) else { continue };
            out.open("Baseline");
            out.field("Number", number);
            out.field("Start", moment(b.start));
            out.field("Finish", moment(b.finish));
            out.field("Duration", duration(b.duration_minutes));
            out.field("DurationFormat", 7);
            if let Some(work) = b.work {
                out.field("Work", duration(work));
            }
            if let Some(cost) = b.cost {
                out.field("Cost", hundredths(cost, p.currency_digits));
            }
            out.close("Baseline");
        }
        out.close("Task");
        numbers.insert(t.id, number);
    }
    out.close("Tasks");

    out.open("Resources");
    for (i, m) in p.people.iter().enumerate() {
        out.open("Resource");
        out.field("UID", m.id);
        out.field("ID", i + 1);
        out.field("Name", &m.name);
        out.field("Type", 1);
        out.flag("IsNull", false);
        out.field("Initials", initials(&m.name));
        if !m.role.is_empty() {
            out.field("Group", &m.role);
        }
        if !m.email.is_empty() {
            out.field("EmailAddress", &m.email);
        }
        out.field("MaxUnits", format!("{:.2}", f64::from(m.capacity_percent) / 100.0));
        out.field("StandardRate", money::plain(m.standard_rate, p.currency));
        out.field("StandardRateFormat", 2);
        out.field("OvertimeRate", money::plain(m.overtime_rate, p.currency));
        out.field("OvertimeRateFormat", 2);
        // Costs in hundredths of the currency, as MSPDI keeps them.
        out.field("CostPerUse", hundredths(m.cost_per_use, p.currency_digits));
        if let Some(c) = m.calendar_id {
            out.field("CalendarUID", c);
        }
        if let Some(changes) = p.rate_changes.get(&m.id).filter(|c| !c.is_empty()) {
            // Rate table A: the first rate from MS Project's first day, then
            // each change until the next.
            out.open("Rates");
            let rows: Vec<(NaiveDateTime, i64, i64, i64)> =
                std::iter::once((first_day(), m.standard_rate, m.overtime_rate, m.cost_per_use))
                    .chain(changes.iter().map(|c| {
                        (c.from.and_time(chrono::NaiveTime::MIN), c.standard_rate, c.overtime_rate, c.cost_per_use)
                    }))
                    .collect();
            for (i, &(from, standard, overtime, per_use)) in rows.iter().enumerate() {
                let to = rows.get(i + 1).map_or_else(last_minute, |next| next.0 - chrono::Duration::minutes(1));
                out.open("Rate");
                out.field("RatesFrom", moment(from));
                out.field("RatesTo", moment(to));
                out.field("RateTable", 0);
                out.field("StandardRate", money::plain(standard, p.currency));
                out.field("StandardRateFormat", 2);
                out.field("OvertimeRate", money::plain(overtime, p.currency));
                out.field("OvertimeRateFormat", 2);
                out.field("CostPerUse", hundredths(per_use, p.currency_digits));
                out.close("Rate");
            }
            out.close("Rates");
        }
        out.close("Resource");
    }
    out.close("Resources");

    out.open("Assignments");
    // A split task's pauses go out as timephased work with gaps, on each of
    // its assignments, or on an assignment of no one (MS Project's
    // resource -65535) when nobody works on it.
    let stretches: HashMap<TaskId, Vec<(NaiveDateTime, NaiveDateTime, i64)>> = p
        .tasks
        .iter()
        .filter(|t| t.pauses() > 0)
        .filter_map(|t| {
            let (start, finish) = *p.dates.get(&t.id)?;
            let calendar =
                t.calendar_id.or(Some(p.calendar_id)).and_then(|c| p.calendars.iter().find(|x| x.id == c))?;
            let stretches = gantry_core::split::work_segments(t, start, finish, calendar)
                .into_iter()
                .map(|(from, to)| (from, to, calendar.working_minutes_between(from, to)))
                .collect();
            Some((t.id, stretches))
        })
        .collect();
    let staffed: std::collections::HashSet<TaskId> = p.assignments.iter().map(|a| a.task_id).collect();
    let unstaffed = p.tasks.iter().filter(|t| stretches.contains_key(&t.id) && !staffed.contains(&t.id));
    let rows = p
        .assignments
        .iter()
        .map(|a| (a.task_id, a.member_id, a.units_percent, a.work_minutes))
        .chain(unstaffed.map(|t| (t.id, -65535, 100, 0)));
    for (i, (task, member, units, work)) in rows.enumerate() {
        out.open("Assignment");
        out.field("UID", i + 1);
        out.field("TaskUID", task);
        out.field("ResourceUID", member);
        out.field("Units", format!("{:.2}", f64::from(units) / 100.0));
        out.field("Work", duration(work));
        let mut paused_from = None;
        for &(from, to, span) in stretches.get(&task).into_iter().flatten() {
            if let Some(paused_from) = paused_from {
                timephased(&mut out, i + 1, paused_from, from, 0);
            }
            timephased(&mut out, i + 1, from, to, span * i64::from(units) / 100);
            paused_from = Some(to);
        }
        out.close("Assignment");
    }
    out.close("Assignments");
    out.text.push_str("</Project>\n");
    out.text
}

/// One period of an assignment's remaining work (type 1), in days.
fn timephased(out: &mut Out, assignment: usize, from: NaiveDateTime, to: NaiveDateTime, work: i64) {
    out.open("TimephasedData");
    out.field("Type", 1);
    out.field("UID", assignment);
    out.field("Start", moment(from));
    out.field("Finish", moment(to));
    out.field("Unit", 2);
    out.field("Value", duration(work));
    out.close("TimephasedData");
}

fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).take(3).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_written_as_mspdi_wants_them() {
        assert_eq!(duration(2400), "PT40H0M0S");
        assert_eq!(duration(90), "PT1H30M0S");
        assert_eq!(money::plain(9500, "EUR"), "95.00", "a rate per hour");
        for (minor, digits, written) in
            [(10500, 2, "10500"), (105, 0, "10500"), (-1234, 2, "-1234"), (105_125, 3, "10512.5")]
        {
            assert_eq!(hundredths(minor, digits), written, "a task's cost in hundredths");
        }
        assert_eq!((0..7).map(day_type).collect::<Vec<_>>(), [2, 3, 4, 5, 6, 7, 1], "Monday is 2, Sunday 1");
        assert_eq!(escape("R&D <phase> \"A\" \u{1}"), "R&amp;D &lt;phase&gt; &quot;A&quot;  ");
    }
}
