//! GanttProject (.gan) reader, into the same [`Plan`] the MS Project
//! reader gives, so one importer writes both.
//!
//! GanttProject keeps a task's start day and its duration in working days,
//! not its end: a task here starts no earlier than its day (links push it
//! later, as GanttProject's do) and runs its days on the project calendar,
//! which is GanttProject's week (`default-week`, 1 = a day off; weekends
//! worked when `only-show-weekends` is on) with its holidays (a `date`
//! with a year is one day, without one it recurs every year). Links:
//! `<depend id=successor type= difference=>` inside the predecessor, type
//! 1 = SS, 2 = FS, 3 = FF, 4 = SF, the difference in days. People come
//! with their role, rate, e-mail and allocations; their vacations become their
//! own calendar's days off; baselines (`<previous-tasks>`) come as
//! Gantry's, their ends computed as the tasks' are. What Gantry does not
//! keep (colours, shapes, web links, custom columns) is named in the
//! warnings, custom columns kept in the task's notes.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use gantry_core::calendar::{CalendarException, WorkCalendar, WorkingTime};
use gantry_core::model::*;

use crate::mspdi::Plan;
use crate::xml::{self, Element};
use crate::{ImportError, Result};

const DAY: i64 = 480;

fn day(text: Option<&str>) -> Option<NaiveDate> {
    let d = NaiveDate::parse_from_str(text?.trim(), "%Y-%m-%d").ok()?;
    gantry_core::validate::YEARS.contains(&chrono::Datelike::year(&d)).then_some(d)
}

fn eight(d: NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN))
}

fn number(e: &Element, name: &str) -> Option<f64> {
    e.attr(name).and_then(|v| v.trim().parse::<f64>().ok()).filter(|v| v.is_finite())
}

/// The project calendar: the week and the holidays.
fn calendar(project: &Element, warnings: &mut Vec<String>) -> WorkCalendar {
    let mut cal = WorkCalendar::standard(1, "GanttProject calendar");
    let Some(cals) = project.child("calendars") else { return cal };
    let types = cals.child("day-types");
    let weekends_worked =
        types.and_then(|t| t.child("only-show-weekends")).and_then(|o| o.attr("value")) == Some("true");
    if let Some(week) = types.and_then(|t| t.child("default-week")) {
        let hours = vec![WorkingTime { start: 8 * 60, end: 12 * 60 }, WorkingTime { start: 13 * 60, end: 17 * 60 }];
        for (i, name) in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].iter().enumerate() {
            let off = week.attr(name) == Some("1") && !(weekends_worked && i >= 5);
            cal.weekdays[i] = if off { Vec::new() } else { hours.clone() };
        }
    }
    for d in cals.all("date") {
        let (Some(month), Some(date)) = (number(d, "month"), number(d, "date")) else { continue };
        let year = d.attr("year").map(str::trim).filter(|y| !y.is_empty());
        let kind = d.attr("type").unwrap_or("HOLIDAY");
        if kind != "HOLIDAY" {
            warnings.push(format!("A calendar day of type {kind} was read as a holiday."));
        }
        let (y, yearly) = match year.and_then(|y| y.parse::<i32>().ok()) {
            Some(y) => (y, false),
            None => (2000, true),
        };
        let Some(when) = NaiveDate::from_ymd_opt(y, month as u32, date as u32) else {
            warnings.push(format!("A holiday on {y}-{month}-{date} is no date and was left out."));
            continue;
        };
        cal.exceptions.push(CalendarException {
            name: d.text.trim().chars().take(250).collect(),
            start: when,
            finish: when,
            yearly,
            working: Vec::new(),
        });
    }
    cal
}

/// Reads a GanttProject document.
pub fn read(bytes: &[u8]) -> Result<Plan> {
    let root = xml::parse(bytes)?;
    if root.name != "project" {
        return Err(ImportError::WrongFormat(format!(
            "its top element is <{}>, not GanttProject's <project>",
            root.name
        )));
    }
    let mut warnings = Vec::new();
    let calendar = calendar(&root, &mut warnings);
    let tasks_el = root.child("tasks").ok_or_else(|| ImportError::WrongFormat("it has no <tasks>".into()))?;
    // Custom columns by id, for the notes.
    let custom: HashMap<&str, &str> = tasks_el
        .child("taskproperties")
        .map(|p| {
            p.all("taskproperty")
                .filter(|t| t.attr("type") == Some("custom"))
                .filter_map(|t| Some((t.attr("id")?, t.attr("name")?)))
                .collect()
        })
        .unwrap_or_default();

    let mut tasks: Vec<Task> = Vec::new();
    let mut links = Vec::new();
    let mut stack: Vec<(&Element, Option<TaskId>)> =
        tasks_el.all("task").collect::<Vec<_>>().into_iter().rev().map(|t| (t, None)).collect();
    let mut position = 0;
    while let Some((t, parent)) = stack.pop() {
        let Some(id) = number(t, "id").map(|v| v as i64) else {
            warnings.push("A task without an id was skipped.".into());
            continue;
        };
        if tasks.iter().any(|x| x.id == id) {
            return Err(ImportError::Refused(format!("task id {id} appears twice")));
        }
        position += 1;
        let name = t.attr("name").unwrap_or_default().to_owned();
        let children: Vec<&Element> = t.all("task").collect();
        let milestone = t.attr("meeting") == Some("true");
        let days = number(t, "duration").unwrap_or(0.0);
        if days < 0.0 {
            return Err(ImportError::Refused(format!("“{name}” has a negative duration ({days} days)")));
        }
        let start = day(t.attr("start"));
        if t.attr("start").is_some() && start.is_none() {
            warnings.push(format!(
                "“{name}” starts on “{}”, which is no date; it starts with the project.",
                t.attr("start").unwrap_or_default()
            ));
        }
        let mut notes = t.text_of("notes").unwrap_or_default().to_owned();
        for c in t.all("customproperty") {
            if let (Some(col), Some(value)) = (c.attr("taskproperty-id"), c.attr("value")) {
                let col = custom.get(col).copied().unwrap_or(col);
                notes.push_str(&format!("{}{col}: {value}", if notes.is_empty() { "" } else { "\n" }));
            }
        }
        if let Some(link) = t.attr("webLink").filter(|l| !l.is_empty() && *l != "http://") {
            notes.push_str(&format!("{}Link: {}", if notes.is_empty() { "" } else { "\n" }, urlish(link)));
        }
        let constraint = match (children.is_empty(), start) {
            (true, Some(s)) => Constraint { kind: ConstraintKind::Snet, date: Some(eight(s)) },
            _ => Constraint::ASAP,
        };
        let constraint = match day(t.attr("thirdDate")) {
            Some(s) if t.attr("thirdDate-constraint") == Some("1") && children.is_empty() => {
                Constraint { kind: ConstraintKind::Snet, date: Some(eight(s)) }
            }
            _ => constraint,
        };
        let minutes = if milestone { 0 } else { (days * DAY as f64).round() as i64 };
        let leaf = children.is_empty();
        tasks.push(Task {
            id,
            notes,
            kind: if !leaf {
                TaskKind::Summary
            } else if minutes == 0 {
                TaskKind::Milestone
            } else {
                TaskKind::Task
            },
            constraint,
            percent_complete: number(t, "complete").unwrap_or(0.0).clamp(0.0, 100.0) as u8,
            priority: match t.attr("priority") {
                Some("0" | "3") => Priority::Low,
                Some("2" | "4") => Priority::High,
                _ => Priority::Medium,
            },
            // GanttProject keeps a task's days whoever works on it.
            task_type: TaskType::FixedDuration,
            ..Task::new(0, parent, position, &name, if leaf { minutes } else { 0 })
        });
        for d in t.all("depend") {
            let Some(successor) = number(d, "id").map(|v| v as i64) else { continue };
            let kind = match d.attr("type") {
                Some("1") => LinkKind::StartToStart,
                Some("3") => LinkKind::FinishToFinish,
                Some("4") => LinkKind::StartToFinish,
                _ => LinkKind::FinishToStart,
            };
            let lag = (number(d, "difference").unwrap_or(0.0) * DAY as f64).round() as i64;
            links.push(Link { id: 0, predecessor: id, successor, kind, lag_minutes: lag, lag_elapsed: false });
        }
        for c in children.into_iter().rev() {
            stack.push((c, Some(id)));
        }
    }
    let ids: std::collections::HashSet<TaskId> = tasks.iter().map(|t| t.id).collect();
    // Baselines: each task's start day and working days then, its end
    // computed on the calendar as the task's is.
    let mut baselines = Vec::new();
    for set in root.child("previous").map(|p| p.all("previous-tasks").collect::<Vec<_>>()).unwrap_or_default() {
        let name = set.attr("name").map(str::trim).filter(|n| !n.is_empty()).unwrap_or("Baseline").to_owned();
        let mut rows = Vec::new();
        for b in set.all("previous-task") {
            let (Some(id), Some(start)) = (number(b, "id").map(|v| v as i64), day(b.attr("start"))) else { continue };
            let days = number(b, "duration").unwrap_or(0.0);
            if !ids.contains(&id) || !(0.0..=100_000.0).contains(&days) {
                continue;
            }
            let minutes = if b.attr("meeting") == Some("true") { 0 } else { (days * DAY as f64).round() as i64 };
            let start = calendar.next_start(eight(start));
            let finish = if minutes == 0 { start } else { calendar.add(start, minutes) };
            rows.push(BaselineTask { task_id: id, start, finish, duration_minutes: minutes });
        }
        if !rows.is_empty() {
            baselines.push((name, rows));
        }
    }
    links.retain(|l| {
        let known = ids.contains(&l.successor) && l.successor != l.predecessor;
        if !known {
            warnings.push(format!("A link from task {} to a missing task was left out.", l.predecessor));
        }
        known
    });

    // People, their rates, allocations and vacations.
    let mut people = Vec::new();
    let mut calendars = vec![calendar.clone()];
    let vacations: Vec<(i64, NaiveDate, NaiveDate)> = root
        .child("vacations")
        .map(|v| {
            v.all("vacation")
                .filter_map(|x| {
                    let (s, e) = (day(x.attr("start"))?, day(x.attr("end"))?);
                    Some((number(x, "resourceid")? as i64, s, e.max(s)))
                })
                .collect()
        })
        .unwrap_or_default();
    for r in root.child("resources").map(|r| r.all("resource").collect::<Vec<_>>()).unwrap_or_default() {
        let Some(id) = number(r, "id").map(|v| v as i64) else { continue };
        let name = r.attr("name").unwrap_or_default().trim().to_owned();
        if name.is_empty() {
            continue;
        }
        let rate = r
            .all("rate")
            .find(|x| x.attr("name") == Some("standard"))
            .and_then(|x| x.attr("value"))
            .map(|v| crate::mspdi::amount(Some(v), "EUR"))
            .unwrap_or(0)
            .max(0);
        let away: Vec<CalendarException> = vacations
            .iter()
            .filter(|(who, _, _)| *who == id)
            .map(|(_, s, e)| CalendarException {
                name: "Vacation".into(),
                start: *s,
                finish: *e,
                yearly: false,
                working: Vec::new(),
            })
            .collect();
        let calendar_id = (!away.is_empty()).then(|| {
            let mut own = calendar.clone();
            own.id = 1000 + calendars.len() as i64;
            own.name = format!("{name} (vacations)");
            own.exceptions.extend(away);
            let cid = own.id;
            calendars.push(own);
            cid
        });
        people.push(TeamMember {
            id,
            name,
            role: role(&root, r.attr("function")),
            skills: Vec::new(),
            email: r.attr("contacts").unwrap_or_default().trim().to_owned(),
            standard_rate: rate,
            overtime_rate: rate,
            cost_per_use: 0,
            capacity_percent: 100,
            calendar_id,
            retired: false,
        });
    }
    let mut assignments = Vec::new();
    for a in root.child("allocations").map(|a| a.all("allocation").collect::<Vec<_>>()).unwrap_or_default() {
        let (Some(task), Some(member)) = (number(a, "task-id"), number(a, "resource-id")) else { continue };
        let (task, member) = (task as i64, member as i64);
        let Some(t) = tasks.iter().find(|t| t.id == task) else { continue };
        if !people.iter().any(|p| p.id == member) {
            continue;
        }
        let units = number(a, "load").unwrap_or(100.0).clamp(0.0, 1000.0).round() as u16;
        assignments.push(Assignment {
            task_id: task,
            member_id: member,
            units_percent: units.max(1),
            work_minutes: t.duration_minutes * i64::from(units) / 100,
        });
    }
    let start = tasks
        .iter()
        .filter_map(|t| t.constraint.date)
        .min()
        .unwrap_or_else(|| eight(NaiveDate::from_ymd_opt(2000, 1, 3).unwrap_or_default()));
    Ok(Plan {
        name: root.attr("name").map(str::trim).filter(|n| !n.is_empty()).unwrap_or("GanttProject plan").to_owned(),
        start,
        status_date: None,
        settings: DurationSettings::default(),
        calendar,
        calendars,
        tasks,
        links,
        people,
        assignments,
        computed: HashMap::new(),
        computed_people: HashMap::new(),
        keys: HashMap::new(),
        labels: HashMap::new(),
        baselines,
        unresolved: Vec::new(),
        warnings,
    })
}

/// The name of a resource's role (`function`): GanttProject's own role
/// sets (`Default:1` is a project manager, `SoftwareDevelopment:2` a
/// developer …) or the project's roles (`<roles><role id= name=>`); none
/// for "undefined".
fn role(root: &Element, function: Option<&str>) -> String {
    let Some(function) = function.map(str::trim).filter(|f| !f.is_empty()) else { return String::new() };
    let (set, id) = function.rsplit_once(':').unwrap_or(("", function));
    let known = match (set, id) {
        ("Default", "0") => Some(""),
        ("Default", "1") => Some("Project manager"),
        ("SoftwareDevelopment", n) => match n {
            "2" => Some("Developer"),
            "3" => Some("Documentation writer"),
            "4" => Some("Tester"),
            "5" => Some("Graphic designer"),
            "6" => Some("Documentation translator"),
            "7" => Some("Packager"),
            "8" => Some("Analyst"),
            "9" => Some("Web designer"),
            _ => Some(""),
        },
        _ => None,
    };
    if let Some(name) = known {
        return name.to_owned();
    }
    root.all("roles")
        .flat_map(|r| r.all("role"))
        .find(|r| r.attr("id").map(str::trim) == Some(id))
        .and_then(|r| r.attr("name"))
        .map(|n| n.trim().chars().take(250).collect())
        .unwrap_or_default()
}

/// A web link kept as text, cut to a sane length.
fn urlish(link: &str) -> String {
    link.chars().take(500).collect()
}
