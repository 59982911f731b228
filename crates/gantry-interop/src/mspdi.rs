//! MS Project XML (MSPDI) reader.
//!
//! Reads what scheduling needs (tasks with their WBS, durations, constraints,
//! progress and calendars; links with type and lag; calendars with working
//! times and exceptions; the project's settings), the people who do the work
//! (work resources and their assignments) and, beside it, the dates MS
//! Project itself computed, so the two schedulers can be compared.
//!
//! Units, as MSPDI writes them: durations as ISO 8601 (`PT8H0M0S`), link
//! lags and slack in tenths of a minute, weekday 1 = Sunday, link type
//! 0 = FF, 1 = FS, 2 = SF, 3 = SS; a resource's units and an assignment's
//! as a fraction (1 = 100 %), its standard rate per hour.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};
use gantry_core::calendar::{CalendarException, WorkCalendar, WorkingTime, shared_calendar_id};
use gantry_core::model::*;
use gantry_core::units;

use crate::xml::{self, Element};
use crate::{ImportError, Result};

/// A plan read from an MSPDI file.
#[derive(Debug)]
pub struct Plan {
    pub name: String,
    pub start: NaiveDateTime,
    pub status_date: Option<NaiveDateTime>,
    pub settings: DurationSettings,
    /// The project calendar (also in `calendars`).
    pub calendar: WorkCalendar,
    pub calendars: Vec<WorkCalendar>,
    /// Tasks in file order; ids are the file's task UIDs.
    pub tasks: Vec<Task>,
    pub links: Vec<Link>,
    /// The work resources, as the file has them; ids are the file's
    /// resource UIDs. Material and cost resources are not people and are
    /// left out (with a warning).
    pub people: Vec<TeamMember>,
    /// Who works on which task: task and member ids are the file's UIDs.
    /// Only assignments of a listed person to a listed task are kept.
    pub assignments: Vec<Assignment>,
    /// What MS Project computed, per task UID, for comparison.
    pub computed: HashMap<TaskId, Computed>,
    /// What MS Project computed for each person, by resource UID.
    pub computed_people: HashMap<MemberId, ComputedPerson>,
    /// Each task's key in the tool it came from (a Jira issue key), by
    /// task id, so a later import of the same tasks updates them.
    pub keys: HashMap<TaskId, String>,
    /// Each task's labels (Jira's, a spreadsheet's tags), by task id.
    pub labels: HashMap<TaskId, Vec<String>>,
    /// Baselines the file keeps besides MS Project's cost baseline (a
    /// GanttProject file's), by name, each task by its id in the file.
    pub baselines: Vec<(String, Vec<BaselineTask>)>,
    /// Predecessors named by a key the file does not hold, with the task
    /// they come before: an earlier import may have made them.
    pub unresolved: Vec<(TaskId, String)>,
    /// Things read approximately or skipped, for the user.
    pub warnings: Vec<String>,
}

/// The dates MS Project stored for a task.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Computed {
    pub summary: bool,
    pub milestone: bool,
    pub manual: bool,
    pub start: Option<NaiveDateTime>,
    pub finish: Option<NaiveDateTime>,
    pub early_start: Option<NaiveDateTime>,
    pub early_finish: Option<NaiveDateTime>,
    pub late_start: Option<NaiveDateTime>,
    pub late_finish: Option<NaiveDateTime>,
    pub total_slack_minutes: Option<i64>,
    pub free_slack_minutes: Option<i64>,
    pub critical: Option<bool>,
    /// The task's work, all its people's together.
    pub work_minutes: Option<i64>,
}

/// What MS Project stored about a person's load.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ComputedPerson {
    pub overallocated: Option<bool>,
    /// The most units they are booked at once, in percent.
    pub peak_units: Option<u16>,
}

/// Reads an MSPDI document.
pub fn read(bytes: &[u8]) -> Result<Plan> {
    let root = xml::parse(bytes)?;
    if root.name != "Project" {
        return Err(ImportError::WrongFormat(format!("its top element is <{}>, not <Project>", root.name)));
    }
    let mut warnings = Vec::new();
    let settings = DurationSettings {
        minutes_per_day: positive(root.text_of("MinutesPerDay")).unwrap_or(480),
        minutes_per_week: positive(root.text_of("MinutesPerWeek")).unwrap_or(2400),
        days_per_month: positive(root.text_of("DaysPerMonth")).unwrap_or(20),
    };
    let start = date_time(root.text_of("StartDate"))
        .ok_or_else(|| ImportError::WrongFormat("it has no project start date".into()))?;
    let status_date = date_time(root.text_of("StatusDate"));
    let name = root.text_of("Title").or(root.text_of("Name")).unwrap_or("Imported project").to_owned();

    let mut calendars = read_calendars(root.child("Calendars"), &mut warnings);
    let calendar_uid: Option<i64> = root.text_of("CalendarUID").and_then(|t| t.parse().ok());
    let calendar = calendar_uid
        .and_then(|uid| calendars.iter().find(|c| c.id == uid))
        .or_else(|| calendars.first())
        .cloned()
        .unwrap_or_else(|| WorkCalendar::standard(0, "Standard"));

    let mut tasks = Vec::new();
    let mut raw_links = Vec::new();
    let mut computed = HashMap::new();
    // The parent at each outline level, as tasks come in file order.
    let mut parents: Vec<TaskId> = Vec::new();
    let mut position = 0;
    for t in root.child("Tasks").map(|t| t.all("Task").collect::<Vec<_>>()).unwrap_or_default() {
        let Some(uid) = t.text_of("UID").and_then(|u| u.parse::<i64>().ok()) else {
            warnings.push("A task without a UID was skipped.".into());
            continue;
        };
        let level: usize = t.text_of("OutlineLevel").and_then(|l| l.parse().ok()).unwrap_or(1);
        if level == 0 || flag(t, "IsNull") {
            // The project summary task, and blank rows.
            continue;
        }
        // A task is at most one level deeper than the one before it; a file
        // that skips levels (or claims a billion) hangs it on the last task.
        let level = level.min(parents.len() + 1);
        parents.truncate(level - 1);
        let parent = parents.last().copied();
        parents.push(uid);
        position += 1;

        let summary = flag(t, "Summary");
        let milestone = flag(t, "Milestone");
        let manual = flag(t, "Manual");
        let format: i64 = t.text_of("DurationFormat").and_then(|f| f.parse().ok()).unwrap_or(7);
        let minutes = t.text_of("Duration").and_then(duration_minutes).unwrap_or(0);
        let elapsed = ELAPSED_FORMATS.contains(&format);
        let task_name = t.text_of("Name").unwrap_or_default();
        let constraint_date = readable_date(t, "ConstraintDate", task_name, &mut warnings);
        let constraint_kind = match t.text_of("ConstraintType") {
            Some("1") => ConstraintKind::Alap,
            Some("2") => ConstraintKind::Mso,
            Some("3") => ConstraintKind::Mfo,
            Some("4") => ConstraintKind::Snet,
            Some("5") => ConstraintKind::Snlt,
            Some("6") => ConstraintKind::Fnet,
            Some("7") => ConstraintKind::Fnlt,
            _ => ConstraintKind::Asap,
        };
        let constraint = match (constraint_kind.needs_date(), constraint_date) {
            (true, Some(d)) => Constraint { kind: constraint_kind, date: Some(d) },
            (false, _) => Constraint { kind: constraint_kind, date: None },
            (true, None) => Constraint::ASAP,
        };
        let file_start = date_time(t.text_of("Start"));
        let file_finish = date_time(t.text_of("Finish"));
        // A manually scheduled task stays where its planner put it.
        let constraint = match (manual, file_start) {
            (true, Some(s)) if !summary => Constraint { kind: ConstraintKind::Mso, date: Some(s) },
            _ => constraint,
        };
        if milestone && minutes > 0 && !summary {
            warnings.push(format!(
                "“{task_name}” is marked as a milestone but lasts {}: it comes in as a task of that length.",
                units::format_task_duration(minutes, elapsed, settings)
            ));
        }
        let calendar_id = t.text_of("CalendarUID").and_then(|c| c.parse::<i64>().ok()).filter(|&c| c >= 0);
        let percent = t.text_of("PercentComplete").and_then(|p| p.parse::<i64>().ok()).unwrap_or(0).clamp(0, 100);
        tasks.push(Task {
            id: uid,
            project_id: 0,
            parent_id: parent,
            position,
            name: t.text_of("Name").unwrap_or_default().to_owned(),
            notes: notes_with_link(t),
            // A task marked as a milestone keeps its duration in MS Project:
            // its dates are a task's; a milestone in Gantry takes no time.
            kind: if summary {
                TaskKind::Summary
            } else if minutes == 0 {
                TaskKind::Milestone
            } else {
                TaskKind::Task
            },
            duration_minutes: minutes,
            constraint,
            percent_complete: percent as u8,
            board_status: BoardStatus::Backlog,
            priority: Priority::Medium,
            calendar_id,
            actual_start: readable_date(t, "ActualStart", task_name, &mut warnings),
            actual_finish: readable_date(t, "ActualFinish", task_name, &mut warnings),
            manual: manual && !summary,
            estimated: flag(t, "Estimated") && !summary,
            duration_elapsed: elapsed && !summary,
            // MSPDI types: 0 fixed units, 1 fixed duration, 2 fixed work.
            task_type: match t.text_of("Type") {
                Some("1") => TaskType::FixedDuration,
                Some("2") => TaskType::FixedWork,
                _ => TaskType::FixedUnits,
            },
            effort_driven: flag(t, "EffortDriven"),
            people_calendar: None,
            ignores_people_calendars: flag(t, "IgnoreResourceCalendar"),
            // A manual task keeps the finish typed, as its start.
            manual_finish: file_finish.filter(|_| manual && !summary),
            leveling_delay: leveling_delay(t),
            splits: Vec::new(),
            deadline: readable_date(t, "Deadline", task_name, &mut warnings),
        });
        for p in t.all("PredecessorLink") {
            let Some(pred) = p.text_of("PredecessorUID").and_then(|u| u.parse::<i64>().ok()) else { continue };
            let kind = match p.text_of("Type") {
                Some("0") => LinkKind::FinishToFinish,
                Some("2") => LinkKind::StartToFinish,
                Some("3") => LinkKind::StartToStart,
                _ => LinkKind::FinishToStart,
            };
            let lag_tenths: i64 = p.text_of("LinkLag").and_then(|l| l.parse().ok()).unwrap_or(0);
            let lag_format: i64 = p.text_of("LagFormat").and_then(|f| f.parse().ok()).unwrap_or(7);
            raw_links.push((pred, uid, kind, lag_tenths, lag_format));
        }
        computed.insert(
            uid,
            Computed {
                summary,
                milestone,
                manual,
                start: file_start,
                finish: file_finish,
                early_start: date_time(t.text_of("EarlyStart")),
                early_finish: date_time(t.text_of("EarlyFinish")),
                late_start: date_time(t.text_of("LateStart")),
                late_finish: date_time(t.text_of("LateFinish")),
                total_slack_minutes: t.text_of("TotalSlack").and_then(|s| s.parse::<i64>().ok()).map(|s| s / 10),
                free_slack_minutes: t.text_of("FreeSlack").and_then(|s| s.parse::<i64>().ok()).map(|s| s / 10),
                critical: t.text_of("Critical").map(|c| c == "1"),
                work_minutes: t.text_of("Work").and_then(duration_minutes),
            },
        );
    }
    let durations: HashMap<TaskId, i64> = tasks.iter().map(|t| (t.id, t.duration_minutes)).collect();
    let mut links = Vec::new();
    let mut skipped = 0;
    for (pred, succ, kind, lag_tenths, lag_format) in raw_links {
        let Some(&pred_minutes) = durations.get(&pred) else {
            skipped += 1;
            continue;
        };
        if pred == succ {
            skipped += 1;
            continue;
        }
        let lag_minutes = match lag_format {
            // A share of the predecessor's duration, in tenths of a percent.
            19 | 20 | 51 | 52 => pred_minutes * lag_tenths / 1000,
            _ => lag_tenths / 10,
        };
        // Elapsed formats (em, eh, ed, ew, emo and their estimated forms).
        let lag_elapsed = matches!(lag_format, 4 | 6 | 8 | 10 | 12 | 36 | 38 | 40 | 42 | 44);
        links.push(Link {
            id: links.len() as i64 + 1,
            predecessor: pred,
            successor: succ,
            kind,
            lag_minutes,
            lag_elapsed,
        });
    }
    if skipped > 0 {
        warnings.push(format!("{skipped} links to missing tasks or to themselves were skipped."));
    }
    let currency = root.text_of("CurrencyCode").unwrap_or("EUR").trim().to_ascii_uppercase();
    let people = read_people(root.child("Resources"), &calendars, &currency);
    let assignments = read_assignments(root.child("Assignments"), &tasks, &people);
    let shared = set_people_calendars(&mut tasks, &assignments, &people, &calendars, calendar.id);
    calendars.extend(shared);
    read_splits(root.child("Assignments"), &mut tasks, &computed, &calendars, &calendar);
    let computed_people = root
        .child("Resources")
        .map(|l| l.all("Resource").collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|r| {
            let uid = r.text_of("UID")?.trim().parse::<i64>().ok()?;
            let person = ComputedPerson {
                overallocated: r.text_of("OverAllocated").map(|v| v == "1"),
                peak_units: r.text_of("PeakUnits").map(|u| percent(Some(u))),
            };
            Some((uid, person))
        })
        .collect();
    Ok(Plan {
        name,
        start,
        status_date,
        settings,
        calendar,
        calendars,
        tasks,
        links,
        people,
        assignments,
        computed,
        computed_people,
        keys: HashMap::new(),
        labels: HashMap::new(),
        baselines: Vec::new(),
        unresolved: Vec::new(),
        warnings,
    })
}

/// The work resources of `<Resources>`. MS Project's blank resource (UID 0,
/// no name) and blank rows are skipped; material and cost resources are
/// not people (`costs::read` gives them). Names and text are taken as the file has them:
/// the importer cleans them.
fn read_people(list: Option<&Element>, calendars: &[WorkCalendar], currency: &str) -> Vec<TeamMember> {
    let mut people = Vec::new();
    for r in list.map(|l| l.all("Resource").collect::<Vec<_>>()).unwrap_or_default() {
        let Some(uid) = r.text_of("UID").and_then(|u| u.parse::<i64>().ok()) else { continue };
        let name = r.text_of("Name").unwrap_or_default().trim();
        if flag(r, "IsNull") || name.is_empty() {
            continue;
        }
        // Type 1 is work; 0 is material, or cost when IsCostResource says
        // so (2 in some versions).
        if matches!(r.text_of("Type"), Some("0" | "2")) {
            continue;
        }
        people.push(TeamMember {
            id: uid,
            name: name.to_owned(),
            role: r.text_of("Group").unwrap_or_default().to_owned(),
            skills: Vec::new(),
            email: r.text_of("EmailAddress").unwrap_or_default().trim().to_owned(),
            standard_rate: amount(r.text_of("StandardRate"), currency),
            overtime_rate: amount(r.text_of("OvertimeRate"), currency),
            cost_per_use: hundredths(r.text_of("CostPerUse"), gantry_core::money::minor_digits(currency)),
            capacity_percent: percent(r.text_of("MaxUnits")).max(1),
            // A resource's own calendar (its base's week and holidays with
            // its own days off), when the file has it.
            calendar_id: r
                .text_of("CalendarUID")
                .and_then(|c| c.trim().parse::<i64>().ok())
                .filter(|c| calendars.iter().any(|x| x.id == *c)),
            retired: false,
        });
    }
    people
}

/// A task done by people is scheduled on their working time, as MS Project
/// does: of its people on a calendar other than the project's, the first
/// with days off of their own, else the first (by UID). A task with a
/// calendar of its own that does not ignore its people's is scheduled on
/// the time its calendar shares with its first person's, on whatever
/// calendar they are: those shared calendars are returned. The store makes
/// the same choices for a portfolio's people.
fn set_people_calendars(
    tasks: &mut [Task],
    assignments: &[Assignment],
    people: &[TeamMember],
    calendars: &[WorkCalendar],
    project_calendar: i64,
) -> Vec<WorkCalendar> {
    let find = |id: i64| calendars.iter().find(|c| c.id == id);
    // Each person's calendar, and whether it has days off of its own.
    let theirs: HashMap<MemberId, (bool, i64)> = people
        .iter()
        .map(|p| {
            let id = p.calendar_id.filter(|&c| find(c).is_some()).unwrap_or(project_calendar);
            let away = id != project_calendar && find(id).is_some_and(|c| !c.exceptions.is_empty());
            (p.id, (away, id))
        })
        .collect();
    let mut shared: Vec<WorkCalendar> = Vec::new();
    for t in tasks.iter_mut() {
        let own = t.shares_its_calendar().and_then(find);
        let best = assignments
            .iter()
            .filter(|a| a.task_id == t.id && a.units_percent > 0)
            .filter_map(|a| theirs.get(&a.member_id).map(|&(away, cal)| (away, std::cmp::Reverse(a.member_id), cal)))
            .filter(|&(_, _, cal)| own.is_some() || cal != project_calendar)
            .max();
        t.people_calendar = match (own, best) {
            (_, None) => None,
            (None, Some((_, _, cal))) => Some(cal),
            (Some(own), Some((_, _, cal))) if own.id == cal => None,
            (Some(own), Some((_, _, cal))) => {
                let Some(people) = find(cal) else { continue };
                let id = shared_calendar_id(own.id, cal);
                if !shared.iter().any(|c| c.id == id) {
                    shared.push(own.for_task_done_on(people));
                }
                Some(id)
            }
        };
    }
    shared
}

/// The assignments of listed people to listed tasks, with their units in
/// percent (0–1000 %). The "unassigned" entries MS Project writes for tasks
/// without resources (resource UID -65535) name no one and are not kept.
fn read_assignments(list: Option<&Element>, tasks: &[Task], people: &[TeamMember]) -> Vec<Assignment> {
    let tasks: std::collections::HashSet<TaskId> = tasks.iter().map(|t| t.id).collect();
    let people: std::collections::HashSet<MemberId> = people.iter().map(|p| p.id).collect();
    let mut seen = std::collections::HashSet::new();
    list.map(|l| l.all("Assignment").collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|a| {
            let task_id = a.text_of("TaskUID")?.trim().parse::<i64>().ok()?;
            let member_id = a.text_of("ResourceUID")?.trim().parse::<i64>().ok()?;
            let units_percent = percent(a.text_of("Units"));
            let work_minutes = a.text_of("Work").and_then(duration_minutes).unwrap_or(0).max(0);
            (tasks.contains(&task_id) && people.contains(&member_id) && seen.insert((task_id, member_id)))
                .then_some(Assignment { task_id, member_id, units_percent, work_minutes })
        })
        .collect()
}

/// Where each task's work pauses, from the timephased work of its first
/// assignment that has some (MS Project keeps a split task's pauses as
/// stretches without work, also on its placeholder assignment of no one).
/// A pause is a run of periods without work between periods with work;
/// the work before it, at the assignment's units, is how far into the
/// duration it comes, and the working time to where work resumes, less
/// that, is how long it lasts. Elapsed durations are left whole.
fn read_splits(
    list: Option<&Element>,
    tasks: &mut [Task],
    computed: &HashMap<TaskId, Computed>,
    calendars: &[WorkCalendar],
    project_calendar: &WorkCalendar,
) {
    let Some(list) = list else { return };
    let mut done: std::collections::HashSet<TaskId> = std::collections::HashSet::new();
    let index: HashMap<TaskId, usize> = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    for a in list.all("Assignment") {
        let Some(&i) = a.text_of("TaskUID").and_then(|u| u.trim().parse::<i64>().ok()).and_then(|u| index.get(&u))
        else {
            continue;
        };
        let task = &tasks[i];
        if done.contains(&task.id) || task.kind != TaskKind::Task || task.duration_elapsed {
            continue;
        }
        let Some(start) = computed.get(&task.id).and_then(|c| c.start) else { continue };
        let calendar = task.calendar_in(calendars, project_calendar);
        let units = a.text_of("Units").and_then(|u| u.trim().parse::<f64>().ok()).filter(|u| *u > 0.0 && u.is_finite());
        let mut periods: Vec<(NaiveDateTime, NaiveDateTime, i64)> = a
            .all("TimephasedData")
            .filter(|d| matches!(d.text_of("Type").map(str::trim), Some("1" | "2")))
            .filter_map(|d| {
                let (from, to) = (date_time(d.text_of("Start"))?, date_time(d.text_of("Finish"))?);
                let work = d.text_of("Value").and_then(duration_minutes).unwrap_or(0);
                (from < to).then_some((from, to, work))
            })
            .collect();
        if !periods.iter().any(|p| p.2 > 0) {
            continue;
        }
        done.insert(task.id);
        periods.sort_by_key(|p| p.0);
        let (first, last) =
            (periods.iter().position(|p| p.2 > 0).unwrap_or(0), periods.iter().rposition(|p| p.2 > 0).unwrap_or(0));
        let mut splits = Vec::new();
        let (mut worked, mut paused) = (0i64, 0i64);
        let mut n = first;
        while n <= last {
            let (from, to, work) = periods[n];
            if work > 0 {
                let span = calendar.working_minutes_between(from, to).max(0);
                worked += units.map_or(span, |u| ((work as f64 / u).round() as i64).min(span));
                n += 1;
                continue;
            }
            // A run of periods without work, up to where work resumes.
            let mut end = n;
            while end < last && periods[end].2 == 0 {
                end += 1;
            }
            let resume = periods[end].0;
            let pause = calendar.working_minutes_between(start, resume) - worked - paused;
            if pause > 0 && worked > 0 && worked < task.duration_minutes {
                splits.push(Split { after: worked, pause });
                paused += pause;
            }
            n = end;
        }
        if gantry_core::validate::splits("splits", task.duration_minutes, &splits).is_ok() {
            tasks[i].splits = splits;
        }
    }
}

/// An amount as MSPDI writes it (a decimal in major units) in the minor
/// unit of `currency`; 0 when missing, and -1 (which the importer refuses
/// with a warning) when negative, too large or no number.
pub(crate) fn amount(text: Option<&str>, currency: &str) -> i64 {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else { return 0 };
    let digits = gantry_core::money::minor_digits(currency) as usize;
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    // Keep the minor digits and round on the next one.
    let kept: String = fraction.chars().chain(std::iter::repeat('0')).take(digits).collect();
    let round_up = fraction.chars().nth(digits).is_some_and(|c| ('5'..='9').contains(&c));
    match (whole.parse::<i64>(), kept.parse::<i64>().or(if digits == 0 { Ok(0) } else { Err(()) })) {
        (Ok(w), Ok(f))
            if (0..=gantry_core::money::MAX_MAJOR).contains(&w) && fraction.chars().all(|c| c.is_ascii_digit()) =>
        {
            w * 10_i64.pow(digits as u32) + f + i64::from(round_up)
        }
        _ => -1,
    }
}

/// A cost as MSPDI writes it (hundredths of a major unit, maybe with more
/// decimals) in minor units of a currency with `digits` of them, rounded
/// half away from zero; 0 when missing or no number.
pub(crate) fn hundredths(text: Option<&str>, digits: u32) -> i64 {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else { return 0 };
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit())
        || whole.len() > 18
    {
        return 0;
    }
    // whole.fraction hundredths = (whole × 10^k + fraction) / 10^k hundredths.
    let fraction: String = fraction.chars().take(12).collect();
    let k = fraction.len() as u32;
    let n = whole.parse::<i128>().unwrap_or(0) * 10_i128.pow(k) + fraction.parse::<i128>().unwrap_or(0);
    // minor = hundredths × 10^digits / 100
    let value = gantry_core::cost::Exact::ratio(n, 10_i128.pow(digits), 100 * 10_i128.pow(k)).round();
    if negative { -value } else { value }
}

/// Units as MSPDI writes them (a fraction, 1 = 100 %) in percent, held to
/// 0–1000 %; 100 % when missing or no number.
fn percent(units: Option<&str>) -> u16 {
    units
        .and_then(|u| u.trim().parse::<f64>().ok())
        .filter(|u| u.is_finite())
        .map_or(100, |u| (u * 100.0).round().clamp(0.0, 1000.0) as u16)
}

/// A task's date field; one that is there but is no date Gantry can plan
/// with (30 February, the year 9999) is left out with a warning.
fn readable_date(t: &Element, field: &str, task: &str, warnings: &mut Vec<String>) -> Option<NaiveDateTime> {
    let text = t.text_of(field).map(str::trim).filter(|v| !v.is_empty() && *v != "NA")?;
    let date = date_time(Some(text));
    if date.is_none() {
        let shown: String = text.chars().take(40).collect();
        let task: String = task.chars().take(80).collect();
        warnings.push(format!(
            "“{task}” has {field} “{shown}”, which is not a date Gantry can plan with; it was left out."
        ));
    }
    date
}

/// A task's leveling delay: tenths of a minute in the file, elapsed in its
/// usual format (`ed`); none when it is absent, negative or absurd.
fn leveling_delay(t: &Element) -> Delay {
    let tenths = t.text_of("LevelingDelay").and_then(|l| l.trim().parse::<f64>().ok()).unwrap_or(0.0);
    let format: i64 = t.text_of("LevelingDelayFormat").and_then(|f| f.parse().ok()).unwrap_or(8);
    match whole(tenths / 10.0, 1.0) {
        Some(minutes) if minutes > 0 => Delay { minutes, elapsed: ELAPSED_FORMATS.contains(&format) },
        _ => Delay::NONE,
    }
}

fn flag(e: &Element, name: &str) -> bool {
    e.text_of(name) == Some("1")
}

fn positive(text: Option<&str>) -> Option<i64> {
    text.and_then(|t| t.parse::<f64>().ok()).filter(|v| *v > 0.0 && v.is_finite()).map(|v| v.round() as i64)
}

/// The duration formats that run in calendar time (`em`, `eh`, `ed` …).
const ELAPSED_FORMATS: [i64; 12] = [4, 6, 8, 10, 12, 20, 36, 38, 40, 42, 44, 52];

/// `2014-10-17T08:00:00`.
pub fn date_time(text: Option<&str>) -> Option<NaiveDateTime> {
    let text = text?;
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .ok()
        .filter(|d| gantry_core::validate::YEARS.contains(&d.year()))
}

/// ISO 8601 durations as MSPDI writes them (`PT8H0M0S`, `P2DT4H`), in
/// minutes, rounded. Negative and absurd values are refused.
pub fn duration_minutes(text: &str) -> Option<i64> {
    whole(duration_in_minutes(text)?, 1.0)
}

/// The same, in seconds: what MS Project computes costs from.
pub fn duration_seconds(text: &str) -> Option<i64> {
    whole(duration_in_minutes(text)?, 60.0)
}

/// `minutes` × `per`, rounded, when it is a duration Gantry holds.
fn whole(minutes: f64, per: f64) -> Option<i64> {
    let n = (minutes * per).round();
    (n.is_finite() && (0.0..=gantry_core::validate::MAX_MINUTES as f64 * per).contains(&n)).then_some(n as i64)
}

fn duration_in_minutes(text: &str) -> Option<f64> {
    let rest = text.trim().strip_prefix('P')?;
    let (date_part, time_part) = rest.split_once('T').unwrap_or((rest, ""));
    let mut minutes = 0.0f64;
    for (part, units) in [
        (date_part, [('Y', 0.0), ('M', 0.0), ('W', 0.0), ('D', 1440.0)]),
        (time_part, [('H', 60.0), ('M', 1.0), ('S', 1.0 / 60.0), ('\0', 0.0)]),
    ] {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' || c == '-' {
                number.push(c);
            } else {
                let value: f64 = number.parse().ok()?;
                number.clear();
                let factor = units.iter().find(|(u, _)| *u == c).map(|(_, f)| *f)?;
                minutes += value * factor;
            }
        }
        if !number.is_empty() {
            return None;
        }
    }
    Some(minutes)
}

/// `08:00:00` as minutes after midnight; `00:00:00` as an end means 24:00.
fn time_of_day(text: Option<&str>, end: bool) -> Option<u16> {
    let t = NaiveTime::parse_from_str(text?, "%H:%M:%S").ok()?;
    let m = (t.hour() * 60 + t.minute()) as u16;
    Some(if end && m == 0 { 1440 } else { m })
}

fn working_times(e: &Element) -> Vec<WorkingTime> {
    let mut periods: Vec<WorkingTime> = e
        .child("WorkingTimes")
        .map(|w| {
            w.all("WorkingTime")
                .filter_map(|p| {
                    let start = time_of_day(p.text_of("FromTime"), false)?;
                    let end = time_of_day(p.text_of("ToTime"), true)?;
                    (start < end).then_some(WorkingTime { start, end })
                })
                .collect()
        })
        .unwrap_or_default();
    periods.sort_by_key(|p| p.start);
    periods
}

/// Sunday is 1 in MSPDI; Gantry counts from Monday = 0.
fn weekday_index(day_type: i64) -> Option<usize> {
    match day_type {
        1 => Some(6),
        2..=7 => Some(day_type as usize - 2),
        _ => None,
    }
}

struct RawCalendar {
    uid: i64,
    name: String,
    base: Option<i64>,
    /// Days the file sets; `None` days come from the base calendar.
    weekdays: [Option<Vec<WorkingTime>>; 7],
    exceptions: Vec<CalendarException>,
}

fn read_calendars(list: Option<&Element>, warnings: &mut Vec<String>) -> Vec<WorkCalendar> {
    let raw: Vec<RawCalendar> =
        list.map(|l| l.all("Calendar").filter_map(|c| read_calendar(c, warnings)).collect()).unwrap_or_default();
    let by_uid: HashMap<i64, &RawCalendar> = raw.iter().map(|c| (c.uid, c)).collect();
    let standard = WorkCalendar::standard(0, "Standard");
    raw.iter()
        .map(|c| {
            // Resolve each day through the chain of base calendars.
            let mut weekdays: [Vec<WorkingTime>; 7] = Default::default();
            let mut exceptions = Vec::new();
            let mut chain = vec![c];
            while let Some(base) = chain.last().and_then(|x| x.base).and_then(|b| by_uid.get(&b)) {
                if chain.len() > 16 || chain.iter().any(|x| x.uid == base.uid) {
                    break;
                }
                chain.push(base);
            }
            for (day, slot) in weekdays.iter_mut().enumerate() {
                *slot = chain
                    .iter()
                    .find_map(|x| x.weekdays[day].clone())
                    .unwrap_or_else(|| standard.weekdays[day].clone());
            }
            for x in chain.iter().rev() {
                exceptions.extend(x.exceptions.iter().cloned());
            }
            WorkCalendar { id: c.uid, name: c.name.clone(), weekdays, exceptions }
        })
        .collect()
}

fn read_calendar(c: &Element, warnings: &mut Vec<String>) -> Option<RawCalendar> {
    let uid = c.text_of("UID")?.parse().ok()?;
    let name = c.text_of("Name").unwrap_or("Calendar").to_owned();
    let base = c.text_of("BaseCalendarUID").and_then(|b| b.parse::<i64>().ok()).filter(|&b| b >= 0 && b != uid);
    let mut weekdays: [Option<Vec<WorkingTime>>; 7] = Default::default();
    let mut exceptions = Vec::new();
    for d in c.child("WeekDays").map(|w| w.all("WeekDay").collect::<Vec<_>>()).unwrap_or_default() {
        let day_type: i64 = d.text_of("DayType").and_then(|t| t.parse().ok()).unwrap_or(-1);
        let working = d.text_of("DayWorking");
        let periods = if working == Some("1") { working_times(d) } else { Vec::new() };
        if day_type == 0 {
            // Older files list exceptions as weekdays of type 0.
            if let Some(p) = d.child("TimePeriod")
                && let (Some(from), Some(to)) = (date_time(p.text_of("FromDate")), date_time(p.text_of("ToDate")))
            {
                exceptions.push(CalendarException {
                    name: String::new(),
                    start: from.date(),
                    finish: to.date().max(from.date()),
                    yearly: false,
                    working: periods,
                });
            }
        } else if let Some(i) = weekday_index(day_type)
            && working.is_some()
        {
            weekdays[i] = Some(periods);
        }
    }
    let mut weeks = Vec::new();
    read_work_weeks(c, &name, &mut weeks, warnings);
    // MS Project writes each exception twice: as weekdays of type 0, day by
    // day, with the overlaps of recurring exceptions already resolved by
    // its precedence, and as `Exceptions` with their recurrence. The first
    // is MS Project's own answer; the second is read only when it is alone.
    if exceptions.is_empty() {
        for e in c.child("Exceptions").map(|x| x.all("Exception").collect::<Vec<_>>()).unwrap_or_default() {
            read_exception(e, &name, &mut exceptions, warnings);
        }
    }
    weeks.append(&mut exceptions);
    Some(RawCalendar { uid, name, base, weekdays, exceptions: weeks })
}

/// The longest span an exception is expanded over, day by day.
const MAX_EXCEPTION_DAYS: i64 = 366 * 50;

fn read_exception(e: &Element, calendar: &str, out: &mut Vec<CalendarException>, warnings: &mut Vec<String>) {
    let Some(period) = e.child("TimePeriod") else { return };
    let (Some(from), Some(to)) = (date_time(period.text_of("FromDate")), date_time(period.text_of("ToDate"))) else {
        return;
    };
    let (from, to) = (from.date(), to.date().max(from.date()));
    let name = e.text_of("Name").unwrap_or_default().to_owned();
    let working = if e.text_of("DayWorking") == Some("1") { working_times(e) } else { Vec::new() };
    let number = |n: &str| e.text_of(n).and_then(|v| v.parse::<i64>().ok());
    let rule: Box<dyn Fn(NaiveDate) -> bool> = match number("Type").unwrap_or(1) {
        1 => Box::new(|_| true),
        2 => {
            let (month, day) = (number("Month").unwrap_or(0) + 1, number("MonthDay").unwrap_or(1));
            Box::new(move |d: NaiveDate| i64::from(d.month()) == month && i64::from(d.day()) == day)
        }
        4 => {
            let day = number("MonthDay").unwrap_or(1);
            Box::new(move |d: NaiveDate| i64::from(d.day()) == day)
        }
        6 => {
            let mask = number("DaysOfWeek").unwrap_or(0);
            Box::new(move |d: NaiveDate| {
                let bit = match d.weekday() {
                    Weekday::Sun => 1,
                    Weekday::Mon => 2,
                    Weekday::Tue => 4,
                    Weekday::Wed => 8,
                    Weekday::Thu => 16,
                    Weekday::Fri => 32,
                    Weekday::Sat => 64,
                };
                mask & bit != 0
            })
        }
        other => {
            warnings.push(format!(
                "Calendar “{calendar}”: the recurring exception “{name}” (type {other}) is read as its whole date range."
            ));
            Box::new(|_| true)
        }
    };
    if (to - from).num_days() > MAX_EXCEPTION_DAYS {
        warnings.push(format!("Calendar “{calendar}”: the exception “{name}” spans too many years and was skipped."));
        return;
    }
    push_runs(out, &name, from, to, |day| rule(day).then(|| working.clone()));
}

/// MS Project's work weeks (Project 2010 on): another week for a span of
/// dates, its listed days worked as given (or not at all), the others as
/// the calendar's usual week. Read as exceptions on the listed days, before
/// the calendar's own exceptions, which win over them.
fn read_work_weeks(c: &Element, calendar: &str, out: &mut Vec<CalendarException>, warnings: &mut Vec<String>) {
    for w in c.child("WorkWeeks").map(|x| x.all("WorkWeek").collect::<Vec<_>>()).unwrap_or_default() {
        let Some(period) = w.child("TimePeriod") else { continue };
        let (Some(from), Some(to)) = (date_time(period.text_of("FromDate")), date_time(period.text_of("ToDate")))
        else {
            continue;
        };
        let (from, to) = (from.date(), to.date().max(from.date()));
        let name = w.text_of("Name").unwrap_or_default().to_owned();
        let mut days: [Option<Vec<WorkingTime>>; 7] = Default::default();
        for d in w.child("WeekDays").map(|x| x.all("WeekDay").collect::<Vec<_>>()).unwrap_or_default() {
            let day_type: i64 = d.text_of("DayType").and_then(|t| t.parse().ok()).unwrap_or(-1);
            if let Some(i) = weekday_index(day_type)
                && let Some(working) = d.text_of("DayWorking")
            {
                days[i] = Some(if working == "1" { working_times(d) } else { Vec::new() });
            }
        }
        if (to - from).num_days() > MAX_EXCEPTION_DAYS {
            warnings
                .push(format!("Calendar “{calendar}”: the work week “{name}” spans too many years and was skipped."));
            continue;
        }
        push_runs(out, &name, from, to, |day| days[day.weekday().num_days_from_monday() as usize].clone());
    }
}

/// Writes the days from `from` to `to` that `working` gives times for as
/// exceptions, each run of consecutive days alike as one.
fn push_runs(
    out: &mut Vec<CalendarException>,
    name: &str,
    from: NaiveDate,
    to: NaiveDate,
    working: impl Fn(NaiveDate) -> Option<Vec<WorkingTime>>,
) {
    let mut day = from;
    loop {
        if let Some(w) = working(day) {
            CalendarException::add_day(out, name, day, w);
        }
        if day >= to {
            break;
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
}

/// A task's notes, with its hyperlink (MS Project's `Hyperlink`,
/// `HyperlinkAddress` and `HyperlinkSubAddress`) kept as a last line.
fn notes_with_link(t: &Element) -> String {
    let mut notes = t.text_of("Notes").unwrap_or_default().to_owned();
    let field = |tag: &str| t.text_of(tag).map(str::trim).filter(|v| !v.is_empty());
    let address = match (field("HyperlinkAddress"), field("HyperlinkSubAddress")) {
        (Some(a), Some(sub)) => Some(format!("{a}#{sub}")),
        (Some(a), None) => Some(a.to_owned()),
        (None, Some(sub)) => Some(format!("#{sub}")),
        (None, None) => None,
    };
    let link = match (field("Hyperlink"), address) {
        (Some(name), Some(a)) if name != a => Some(format!("{name} <{a}>")),
        (_, Some(a)) => Some(a),
        (Some(name), None) => Some(name.to_owned()),
        (None, None) => None,
    };
    if let Some(link) = link {
        let link: String = link.chars().take(500).collect();
        notes.push_str(&format!("{}Link: {link}", if notes.is_empty() { "" } else { "\n" }));
    }
    notes
}

/// Schedules the plan with Gantry's engine, from its inputs only.
pub fn schedule(plan: &Plan) -> gantry_core::schedule::Schedule {
    gantry_core::schedule::schedule(&gantry_core::schedule::ScheduleInput {
        project_start: plan.start,
        calendar: &plan.calendar,
        calendars: &plan.calendars,
        tasks: &plan.tasks,
        links: &plan.links,
        status_date: plan.status_date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hyperlink_is_kept_in_the_notes() {
        let doc = |task: &str| {
            format!(
                "<Project><StartDate>2027-01-04T08:00:00</StartDate><Tasks><Task><UID>1</UID><Name>Spec</Name><Duration>PT8H0M0S</Duration>{task}</Task></Tasks></Project>"
            )
        };
        let notes = |task: &str| read(doc(task).as_bytes()).expect("reads").tasks[0].notes.clone();
        assert_eq!(notes("<Notes>Signed off.</Notes>"), "Signed off.");
        assert_eq!(
            notes(
                "<Notes>Signed off.</Notes><Hyperlink>Spec</Hyperlink><HyperlinkAddress>https://wiki.example/spec</HyperlinkAddress><HyperlinkSubAddress>v2</HyperlinkSubAddress>"
            ),
            "Signed off.\nLink: Spec <https://wiki.example/spec#v2>"
        );
        assert_eq!(notes("<HyperlinkAddress>https://wiki.example</HyperlinkAddress>"), "Link: https://wiki.example");
    }

    #[test]
    fn durations_as_ms_project_writes_them() {
        assert_eq!(duration_minutes("PT8H0M0S"), Some(480));
        assert_eq!(duration_minutes("PT0H0M0S"), Some(0));
        assert_eq!(duration_minutes("PT480H30M0S"), Some(28830));
        assert_eq!(duration_minutes("P1DT2H"), Some(1560));
        assert_eq!(duration_minutes("PT1H0M30S"), Some(61));
        assert_eq!(duration_minutes("PT-8H0M0S"), None);
        assert_eq!(duration_minutes("8 hours"), None);
        assert_eq!(duration_minutes("PT8X"), None);
    }

    #[test]
    fn a_task_runs_on_its_persons_calendar_with_their_days_off() {
        // timephased-budget.mpp.xml: 160 h from Thu 26 Mar 2026 for
        // "Resource 1", whose calendar (based on Standard) has 2 Apr off.
        // MS Project: finish Thu 23 Apr 17:00, one day after the
        // project calendar alone would put it.
        let standard = "<WeekDays>".to_owned()
            + "<WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>"
            + &(2..=6)
                .map(|d| format!("<WeekDay><DayType>{d}</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>"))
                .collect::<String>()
            + "<WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay></WeekDays>";
        let doc = |units: &str| {
            format!(
                "<Project><StartDate>2026-03-26T08:00:00</StartDate><CalendarUID>1</CalendarUID><Calendars>
                   <Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>{standard}</Calendar>
                   <Calendar><UID>5</UID><Name>Resource 1</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>1</BaseCalendarUID>
                     <Exceptions><Exception><TimePeriod><FromDate>2026-04-02T00:00:00</FromDate><ToDate>2026-04-02T23:59:59</ToDate></TimePeriod>
                     <Occurrences>1</Occurrences><Type>1</Type><DayWorking>0</DayWorking></Exception></Exceptions></Calendar></Calendars>
                 <Tasks><Task><UID>1</UID><Name>Task 1</Name><OutlineLevel>1</OutlineLevel><Duration>PT160H0M0S</Duration></Task></Tasks>
                 <Resources><Resource><UID>3</UID><Name>Resource 1</Name><Type>1</Type><CalendarUID>5</CalendarUID></Resource></Resources>
                 <Assignments><Assignment><TaskUID>1</TaskUID><ResourceUID>3</ResourceUID><Units>{units}</Units></Assignment></Assignments></Project>"
            )
        };
        let finish = |units: &str| {
            let plan = read(doc(units).as_bytes()).expect("reads");
            schedule(&plan).get(1).expect("task").finish
        };
        let at = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 4, d).unwrap().and_hms_opt(17, 0, 0).unwrap();
        assert_eq!(finish("1"), at(23), "on the person's calendar");
        assert_eq!(finish("0"), at(22), "nobody working on it: the project calendar");
    }

    #[test]
    fn overlapping_exceptions_follow_the_days_ms_project_resolved() {
        // calendar-exception-precedence-*.mpp.xml: recurring exceptions that
        // overlap (a working Friday every other week against a day off in
        // May …). MS Project lists the days as it resolved them, as
        // weekdays of type 0; Gantry follows that list, and reads the
        // recurrences only when a file has no such list. Here the
        // recurrence says Tuesday 16 March 2027 is off, the resolved list
        // that it is not: a two-day task from Monday ends on Tuesday.
        let legacy = "<WeekDays><WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod>
            <FromDate>2027-03-19T00:00:00</FromDate><ToDate>2027-03-19T23:59:59</ToDate></TimePeriod></WeekDay></WeekDays>";
        let recurring = "<Exceptions><Exception><TimePeriod><FromDate>2027-03-16T00:00:00</FromDate>
            <ToDate>2027-03-16T23:59:59</ToDate></TimePeriod><Occurrences>1</Occurrences><Type>1</Type>
            <DayWorking>0</DayWorking></Exception></Exceptions>";
        let finish = |calendar: &str| {
            let doc = format!(
                "<Project><StartDate>2027-03-15T08:00:00</StartDate><CalendarUID>1</CalendarUID><Calendars>
                   <Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>{calendar}</Calendar></Calendars>
                 <Tasks><Task><UID>1</UID><Name>Two days</Name><OutlineLevel>1</OutlineLevel><Duration>PT16H0M0S</Duration></Task></Tasks></Project>"
            );
            schedule(&read(doc.as_bytes()).expect("reads")).get(1).expect("task").finish.date()
        };
        let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2027, 3, d).unwrap();
        assert_eq!(finish(&format!("{legacy}{recurring}")), day(16), "the resolved days win");
        assert_eq!(finish(recurring), day(17), "alone, the recurrence is read");
    }

    #[test]
    fn a_work_week_changes_the_week_for_its_dates_and_exceptions_still_win() {
        // Project 2010's work weeks (calendar.mpp.xml has two): March 2027
        // worked Monday to Thursday mornings, Fridays off, the other days
        // as usual; Friday 5 March is a working day all the same (an
        // exception). Three days of work from Monday 1 March: four
        // mornings, then the whole Friday, done on Friday 17:00.
        let half = "<WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime></WorkingTimes>";
        let mornings: String = (2..=5)
            .map(|d| format!("<WeekDay><DayType>{d}</DayType><DayWorking>1</DayWorking>{half}</WeekDay>"))
            .collect();
        let weeks = format!(
            "<WorkWeeks><WorkWeek><TimePeriod><FromDate>2027-03-01T00:00:00</FromDate><ToDate>2027-03-31T23:59:59</ToDate></TimePeriod>
             <Name>Summer hours</Name><WeekDays>{mornings}<WeekDay><DayType>6</DayType><DayWorking>0</DayWorking></WeekDay></WeekDays></WorkWeek></WorkWeeks>"
        );
        let friday = "<Exceptions><Exception><TimePeriod><FromDate>2027-03-05T00:00:00</FromDate><ToDate>2027-03-05T23:59:59</ToDate></TimePeriod>
            <Occurrences>1</Occurrences><Type>1</Type><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime>
            <ToTime>12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime>
            </WorkingTimes></Exception></Exceptions>";
        let finish = |start: &str, calendar: &str| {
            let doc = format!(
                "<Project><StartDate>{start}T08:00:00</StartDate><CalendarUID>1</CalendarUID><Calendars>
                   <Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>{calendar}</Calendar></Calendars>
                 <Tasks><Task><UID>1</UID><Name>Three days</Name><OutlineLevel>1</OutlineLevel><Duration>PT24H0M0S</Duration></Task></Tasks></Project>"
            );
            schedule(&read(doc.as_bytes()).expect("reads")).get(1).expect("task").finish
        };
        let at =
            |m: u32, d: u32, h: u32| chrono::NaiveDate::from_ymd_opt(2027, m, d).unwrap().and_hms_opt(h, 0, 0).unwrap();
        assert_eq!(
            finish("2027-03-01", &format!("{weeks}{friday}")),
            at(3, 5, 17),
            "mornings, then the working Friday"
        );
        assert_eq!(finish("2027-03-01", &weeks), at(3, 9, 12), "Fridays off: six mornings");
        assert_eq!(finish("2027-03-01", ""), at(3, 3, 17), "the usual week");
        assert_eq!(finish("2027-04-05", &weeks), at(4, 7, 17), "April is not in the work week");
    }

    fn project(tasks: &str) -> Vec<u8> {
        format!("<Project><StartDate>2027-03-15T08:00:00</StartDate><Tasks>{tasks}</Tasks></Project>").into_bytes()
    }

    #[test]
    fn hostile_outlines_links_and_values_are_read_safely() {
        let plan = read(&project(
            "<Task><UID>1</UID><Name>A</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration></Task>
             <Task><UID>2</UID><Name>B</Name><OutlineLevel>1000000000</OutlineLevel><Duration>PT-8H</Duration>
               <PredecessorLink><PredecessorUID>2</PredecessorUID></PredecessorLink>
               <PredecessorLink><PredecessorUID>99</PredecessorUID></PredecessorLink>
               <PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>notanumber</LinkLag></PredecessorLink></Task>
             <Task><Name>no uid</Name></Task>
             <Task><UID>3</UID><Name>C</Name><ConstraintType>4</ConstraintType><ConstraintDate>9999-99-99T00:00:00</ConstraintDate>
               <Start>2027-02-30T08:00:00</Start></Task>",
        ))
        .expect("read with warnings");
        assert_eq!(plan.tasks.len(), 3);
        assert_eq!(plan.tasks[1].parent_id, Some(1), "a skipped level hangs on the task above");
        assert_eq!(plan.tasks[1].duration_minutes, 0, "a negative duration is not taken");
        assert_eq!(plan.links.len(), 1, "self-links and links to missing tasks are dropped");
        assert_eq!(plan.tasks[2].constraint, Constraint::ASAP, "an impossible constraint date is dropped");
        assert!(plan.warnings.iter().any(|w| w.contains("without a UID")));
        assert!(plan.warnings.iter().any(|w| w.contains("links to missing tasks")));
    }

    #[test]
    fn work_resources_are_people_and_their_assignments_are_kept() {
        let plan = read(
            b"<Project><StartDate>2027-03-15T08:00:00</StartDate>
              <Tasks><Task><UID>1</UID><Name>Build</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration></Task></Tasks>
              <Resources>
                <Resource><UID>0</UID><Type>1</Type></Resource>
                <Resource><UID>1</UID><Name>Ana</Name><Type>1</Type><Group>Developers</Group><MaxUnits>0.50</MaxUnits>
                  <StandardRate>80</StandardRate><EmailAddress>ana@example.org</EmailAddress></Resource>
                <Resource><UID>2</UID><Name>Ben</Name><Type>1</Type><MaxUnits>1e300</MaxUnits><StandardRate>NaN</StandardRate></Resource>
                <Resource><UID>3</UID><Name>Cables</Name><Type>0</Type></Resource>
                <Resource><UID>4</UID><Name>Travel</Name><Type>0</Type><IsCostResource>1</IsCostResource></Resource>
                <Resource><Name>no uid</Name><Type>1</Type></Resource>
              </Resources>
              <Assignments>
                <Assignment><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Units>0.5</Units></Assignment>
                <Assignment><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units></Assignment>
                <Assignment><TaskUID>1</TaskUID><ResourceUID>2</ResourceUID><Units>-3</Units></Assignment>
                <Assignment><TaskUID>1</TaskUID><ResourceUID>3</ResourceUID><Units>1</Units></Assignment>
                <Assignment><TaskUID>1</TaskUID><ResourceUID>-65535</ResourceUID><Units>1</Units></Assignment>
                <Assignment><TaskUID>9</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units></Assignment>
              </Assignments></Project>",
        )
        .expect("read");
        let people: Vec<(&str, &str, u16)> =
            plan.people.iter().map(|p| (p.name.as_str(), p.role.as_str(), p.capacity_percent)).collect();
        assert_eq!(people, [("Ana", "Developers", 50), ("Ben", "", 1000)], "work resources only, units as capacity");
        assert_eq!(plan.people[0].standard_rate, 8000, "80 an hour, in cents");
        assert_eq!(plan.people[1].standard_rate, -1, "the importer, not the reader, decides what a bad rate becomes");
        let assigned: Vec<(i64, i64, u16)> =
            plan.assignments.iter().map(|a| (a.task_id, a.member_id, a.units_percent)).collect();
        assert_eq!(assigned, [(1, 1, 50), (1, 2, 0)], "one per person and task, to listed tasks and people");
    }

    #[test]
    fn a_cycle_in_the_file_is_named_not_looped_on() {
        let plan = read(&project(
            "<Task><UID>1</UID><Name>Build</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration>
               <PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type></PredecessorLink></Task>
             <Task><UID>2</UID><Name>Test</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration>
               <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink></Task>",
        ))
        .expect("read");
        let s = schedule(&plan);
        assert!(s.cycle.is_some());
        assert!(s.diagnostics[0].message.contains("Build") && s.diagnostics[0].message.contains("Test"));
    }

    #[test]
    fn a_file_that_is_not_ms_project_is_named_as_such() {
        let err = read(b"<Workbook><Sheet/></Workbook>").expect_err("refused");
        assert!(err.to_string().contains("not an MS Project XML file"), "{err}");
    }

    #[test]
    fn msp_costs_are_hundredths_whatever_the_currency() {
        assert_eq!(hundredths(Some("158700"), 2), 158700);
        assert_eq!(hundredths(Some("17342.8574"), 2), 17343);
        assert_eq!(hundredths(Some("12345"), 0), 123, "123.45 yen is 123 yen");
        assert_eq!(hundredths(Some("12350"), 0), 124, "half away from zero");
        assert_eq!(hundredths(Some("12345"), 3), 123450, "dinars have three digits");
        assert_eq!(hundredths(Some("-250"), 2), -250);
        assert_eq!(hundredths(Some("abc"), 2), 0);
        assert_eq!(hundredths(None, 2), 0);
    }
}
