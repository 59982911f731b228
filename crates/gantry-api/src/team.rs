//! The team: people, their skills, rates, calendars and absences; who works
//! on what and how much; the workload of everyone across every project; and
//! timesheets, whose hours are the tasks' actual work.
//!
//! Rates are integers in the minor unit of the portfolio's currency (the
//! first project's). Work and hours are minutes.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, NaiveDate};
use gantry_core::model::*;
use gantry_core::schedule::TaskDates;
use gantry_core::team::{self, Period, PlannedWork, Share, StaffChange};
use gantry_core::{money, units, validate};
use gantry_store::Db;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::refused;
use crate::{Error, Portfolio, Result, initials, run_schedule};

/// The longest workload a request may ask for, in days (ten years).
const MAX_WORKLOAD_DAYS: i64 = 3660;

// ------------------------------------------------------------------- wire

/// A skill at a level from 1 to 5.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SkillLevel {
    pub name: String,
    pub level: u8,
}

/// Days a person is away.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AbsenceRow {
    pub id: i64,
    /// First day away, `YYYY-MM-DD`.
    pub from: String,
    /// Last day away, included.
    pub to: String,
    pub reason: String,
}

/// A person's rates from a day on.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RateChangeRow {
    pub id: i64,
    /// `YYYY-MM-DD`: the first day the rates hold.
    pub from: String,
    pub standard_rate: i64,
    pub overtime_rate: i64,
    pub cost_per_use: i64,
}

/// A rate change as typed: amounts in major units ("105.00").
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewRateChange {
    pub member_id: i64,
    pub from: String,
    pub standard_rate: String,
    #[serde(default)]
    pub overtime_rate: String,
    #[serde(default)]
    pub cost_per_use: String,
}

/// A person of the team, as the team view shows them.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub initials: String,
    pub role: String,
    pub email: String,
    pub skills: Vec<SkillLevel>,
    /// Per hour, in the minor unit of `currency`.
    pub standard_rate: i64,
    pub overtime_rate: i64,
    pub cost_per_use: i64,
    pub currency: String,
    /// Maximum units: the share of their calendar's working time they can
    /// give, in percent.
    pub max_units: u16,
    pub calendar_id: Option<i64>,
    pub calendar_name: String,
    pub retired: bool,
    pub absences: Vec<AbsenceRow>,
    /// Their rates from later days on, oldest first.
    pub rate_changes: Vec<RateChangeRow>,
    /// Tasks they are on, in every project.
    pub assignments: i64,
    /// Minutes of work planned for them, and logged by them.
    pub work_minutes: i64,
    pub actual_minutes: i64,
}

/// A person's details as typed in the team view. Amounts are typed in major
/// units ("95.50").
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonFields {
    pub name: String,
    pub role: String,
    pub email: String,
    pub skills: Vec<SkillLevel>,
    pub standard_rate: String,
    pub overtime_rate: String,
    pub cost_per_use: String,
    pub max_units: i64,
    pub calendar_id: Option<i64>,
}

/// An absence to record.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewAbsence {
    pub member_id: i64,
    pub from: String,
    pub to: String,
    pub reason: String,
}

/// One person on a task.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssignmentRow {
    pub member_id: i64,
    pub name: String,
    pub initials: String,
    pub units_percent: u16,
    pub work_minutes: i64,
    pub actual_minutes: i64,
    pub retired: bool,
}

/// Who works on a task and how much, with what it needs.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaskStaffing {
    pub task_id: i64,
    pub task_type: TaskType,
    pub effort_driven: bool,
    pub duration_minutes: i64,
    pub work_minutes: i64,
    pub actual_minutes: i64,
    pub assignments: Vec<AssignmentRow>,
    pub skills: Vec<SkillLevel>,
}

/// A change to who works on a task, as the task editor sends it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum StaffEdit {
    /// Puts a person on the task.
    Assign {
        member_id: i64,
        units: i64,
    },
    /// Takes a person off.
    Unassign {
        member_id: i64,
    },
    /// Gives a person's share of the task, units and work, to another.
    Replace {
        member_id: i64,
        by: i64,
    },
    /// New units for a person on the task.
    Units {
        member_id: i64,
        units: i64,
    },
    /// New total work, as typed ("40h", "5d").
    Work {
        work: String,
    },
    TaskType {
        task_type: TaskType,
    },
    EffortDriven {
        effort_driven: bool,
    },
    /// Replaces the skills the task needs.
    Skills {
        skills: Vec<SkillLevel>,
    },
}

/// Someone who could do a task.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub member_id: i64,
    pub name: String,
    pub role: String,
    /// Their lowest level among the skills the task needs (none listed: 0).
    pub level: u8,
    pub skills: Vec<SkillLevel>,
    /// Working minutes they have in the task's dates, by their capacity,
    /// and what is left after the work already planned for them there.
    pub available_minutes: i64,
    pub free_minutes: i64,
    pub on_task: bool,
}

/// The work of one task in a workload period.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoadTask {
    pub task_id: i64,
    pub name: String,
    pub project: String,
    pub project_id: i64,
    pub planned_minutes: i64,
}

/// One person in one period.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoadPeriod {
    /// The period's first day.
    pub start: String,
    pub available_minutes: i64,
    pub planned_minutes: i64,
    pub actual_minutes: i64,
    pub overallocated: bool,
    pub tasks: Vec<LoadTask>,
}

/// One person's workload.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoadPerson {
    pub id: i64,
    pub name: String,
    pub initials: String,
    pub role: String,
    pub skills: Vec<String>,
    /// The projects they have work in during these dates.
    pub projects: Vec<String>,
    pub max_units: u16,
    /// The most units they are booked at any working moment.
    pub peak_units: i64,
    pub overallocated: bool,
    pub periods: Vec<LoadPeriod>,
}

/// The team's workload across every project.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Workload {
    pub from: String,
    pub to: String,
    pub by: Period,
    /// The first day of each period, and the day after the last.
    pub bounds: Vec<String>,
    pub people: Vec<LoadPerson>,
    /// Tasks whose people are over-allocated while they run.
    pub overallocated_tasks: Vec<i64>,
}

/// One task's row of a timesheet.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimesheetRow {
    pub task_id: i64,
    pub name: String,
    pub project: String,
    /// Minutes logged each day, Monday first, corrections included.
    pub minutes: Vec<i64>,
    /// The corrections among them, each day.
    pub corrections: Vec<i64>,
    /// Minutes planned for the person on the task this week.
    pub planned_minutes: i64,
}

/// A person's week of hours.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Timesheet {
    pub member_id: i64,
    pub name: String,
    pub monday: String,
    pub state: WeekState,
    /// The seven days, `YYYY-MM-DD`.
    pub days: Vec<String>,
    pub rows: Vec<TimesheetRow>,
    /// The person's available minutes each day.
    pub available: Vec<i64>,
}

/// A period's timesheets as CSV, with how many entries and minutes it holds.
#[derive(Debug, Clone)]
pub struct TimesheetExport {
    pub csv: String,
    pub entries: usize,
    pub minutes: i64,
}

/// Hours typed in a timesheet cell.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogHours {
    pub member_id: i64,
    pub task_id: i64,
    pub day: String,
    /// As typed: "7.5", "7:30", "" for none.
    pub hours: String,
}

/// A correction to an approved week.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Correction {
    pub member_id: i64,
    pub task_id: i64,
    pub day: String,
    /// Hours to add, negative to take away.
    pub hours: String,
    pub note: String,
}

/// What a person may do to a week.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WeekAction {
    Submit,
    Approve,
    /// Sends a submitted week back to its person.
    Reopen,
}

fn wire_skill(s: &Skill) -> SkillLevel {
    SkillLevel { name: s.name.clone(), level: s.level }
}

fn core_skills(field: &'static str, raw: &[SkillLevel]) -> Result<Vec<Skill>> {
    let skills: Vec<Skill> = raw.iter().map(|s| Skill { name: s.name.clone(), level: s.level }).collect();
    Ok(team::skills(field, &skills)?)
}

fn day(field: &'static str, raw: &str) -> Result<NaiveDate> {
    Ok(validate::date(field, raw)?)
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    Period::Week.start_of(d)
}

/// The currency people's rates are in: the first project's.
fn portfolio_currency(db: &Db) -> Result<String> {
    Ok(gantry_store::projects(db)?.first().map_or_else(|| "EUR".to_owned(), |p| p.currency.clone()))
}

impl Portfolio {
    // ---------------------------------------------------------------- people

    /// Everyone on the team, retired people last.
    pub fn team(&self) -> Result<Vec<Person>> {
        let db = self.store.db();
        let currency = portfolio_currency(db)?;
        let calendars = gantry_store::calendars(db)?;
        let absences = gantry_store::absences(db)?;
        let rate_changes = gantry_store::rate_changes(db)?;
        // Each person's (assignments, planned minutes, logged minutes), in
        // one pass over each list rather than one a person.
        let mut load: HashMap<MemberId, (i64, i64, i64)> = HashMap::new();
        for (_, a) in gantry_store::all_assignments(db)? {
            let l = load.entry(a.member_id).or_default();
            l.0 += 1;
            l.1 += a.work_minutes;
        }
        let far = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
        for e in gantry_store::time_entries(db, None, NaiveDate::MIN, far)? {
            load.entry(e.member_id).or_default().2 += e.minutes;
        }
        let mut people: Vec<Person> = gantry_store::team(db)?
            .into_iter()
            .map(|m| Person {
                id: m.id,
                initials: initials(&m.name),
                role: m.role.clone(),
                email: m.email.clone(),
                skills: m.skills.iter().map(wire_skill).collect(),
                standard_rate: m.standard_rate,
                overtime_rate: m.overtime_rate,
                cost_per_use: m.cost_per_use,
                currency: currency.clone(),
                max_units: m.capacity_percent,
                calendar_id: m.calendar_id,
                calendar_name: m
                    .calendar_id
                    .or(calendars.first().map(|c| c.id))
                    .and_then(|id| calendars.iter().find(|c| c.id == id))
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                retired: m.retired,
                absences: absences
                    .iter()
                    .filter(|a| a.member_id == m.id)
                    .map(|a| AbsenceRow {
                        id: a.id,
                        from: a.start.to_string(),
                        to: a.finish.to_string(),
                        reason: a.reason.clone(),
                    })
                    .collect(),
                rate_changes: rate_changes
                    .iter()
                    .filter(|c| c.member_id == m.id)
                    .map(|c| RateChangeRow {
                        id: c.id,
                        from: c.from.to_string(),
                        standard_rate: c.standard_rate,
                        overtime_rate: c.overtime_rate,
                        cost_per_use: c.cost_per_use,
                    })
                    .collect(),
                assignments: load.get(&m.id).map_or(0, |l| l.0),
                work_minutes: load.get(&m.id).map_or(0, |l| l.1),
                actual_minutes: load.get(&m.id).map_or(0, |l| l.2),
                name: m.name,
            })
            .collect();
        people.sort_by_key(|p| p.retired);
        Ok(people)
    }

    fn person_from(&self, fields: &PersonFields, id: MemberId) -> Result<TeamMember> {
        let db = self.store.db();
        let currency = portfolio_currency(db)?;
        let amount = |field: &'static str, raw: &str| -> Result<i64> {
            if raw.trim().is_empty() {
                return Ok(0);
            }
            Ok(team::rate(field, money::parse(field, raw, &currency, false)?)?)
        };
        if let Some(c) = fields.calendar_id
            && !gantry_store::calendars(db)?.iter().any(|x| x.id == c && c > 0)
        {
            return Err(Error::Store(gantry_store::Error::NotFound("The calendar")));
        }
        Ok(TeamMember {
            id,
            name: validate::name("name", "The name", &fields.name)?,
            role: validate::optional_name("role", "The role", &fields.role)?,
            email: validate::email("email", &fields.email)?,
            skills: core_skills("skills", &fields.skills)?,
            standard_rate: amount("standardRate", &fields.standard_rate)?,
            overtime_rate: amount("overtimeRate", &fields.overtime_rate)?,
            cost_per_use: amount("costPerUse", &fields.cost_per_use)?,
            capacity_percent: team::capacity("maxUnits", fields.max_units)?,
            calendar_id: fields.calendar_id,
            retired: false,
        })
    }

    /// Adds a person to the team; returns their id.
    pub fn add_person(&mut self, fields: &PersonFields) -> Result<MemberId> {
        let person = self.person_from(fields, 0)?;
        let label = format!("Add “{}” to the team", person.name);
        Ok(self.store.write(&label, |db| gantry_store::insert_member(db, &person))?)
    }

    /// Changes a person's details.
    pub fn edit_person(&mut self, id: MemberId, fields: &PersonFields) -> Result<()> {
        let before = gantry_store::member(self.store.db(), id)?;
        let person = TeamMember { retired: before.retired, ..self.person_from(fields, id)? };
        if person == before {
            return Ok(());
        }
        let label = format!("Edit “{}”", person.name);
        Ok(self.store.write(&label, |db| gantry_store::update_member(db, &person))?)
    }

    /// Takes a person off the team. Someone with history (assignments or
    /// hours) is retired and kept with it; someone without is removed.
    /// Returns whether they were retired rather than removed.
    pub fn retire_person(&mut self, id: MemberId) -> Result<bool> {
        let db = self.store.db();
        let person = gantry_store::member(db, id)?;
        let (assigned, logged) = gantry_store::member_history(db, id)?;
        if assigned + logged == 0 {
            self.store.write(&format!("Remove “{}” from the team", person.name), |db| {
                gantry_store::delete_member(db, id)
            })?;
            return Ok(false);
        }
        if person.retired {
            return Ok(true);
        }
        let retired = TeamMember { retired: true, ..person };
        self.store.write(&format!("Retire “{}”", retired.name), |db| gantry_store::update_member(db, &retired))?;
        Ok(true)
    }

    /// Brings a retired person back.
    pub fn reinstate_person(&mut self, id: MemberId) -> Result<()> {
        let person = gantry_store::member(self.store.db(), id)?;
        if !person.retired {
            return Ok(());
        }
        let back = TeamMember { retired: false, ..person };
        Ok(self.store.write(&format!("Bring back “{}”", back.name), |db| gantry_store::update_member(db, &back))?)
    }

    /// Records days a person is away; returns the absence's id.
    pub fn add_absence(&mut self, absence: &NewAbsence) -> Result<AbsenceId> {
        let person = gantry_store::member(self.store.db(), absence.member_id)?;
        let (start, finish) = (day("from", &absence.from)?, day("to", &absence.to)?);
        let reason = team::absence(start, finish, &absence.reason)?;
        let a = Absence { id: 0, member_id: person.id, start, finish, reason };
        let label = format!("Add “{}” for {}", a.reason, person.name);
        Ok(self.store.write(&label, |db| gantry_store::insert_absence(db, &a))?)
    }

    /// Removes an absence.
    pub fn remove_absence(&mut self, id: AbsenceId) -> Result<()> {
        Ok(self.store.write("Remove an absence", |db| gantry_store::delete_absence(db, id))?)
    }

    /// Sets a person's rates from a day on (a change on the same day is
    /// replaced); returns its id. Costs of work from that day use them.
    pub fn add_rate_change(&mut self, change: &NewRateChange) -> Result<i64> {
        let db = self.store.db();
        let person = gantry_store::member(db, change.member_id)?;
        let currency = portfolio_currency(db)?;
        let amount = |field: &'static str, raw: &str| -> Result<i64> {
            if raw.trim().is_empty() {
                return Ok(0);
            }
            Ok(team::rate(field, money::parse(field, raw, &currency, false)?)?)
        };
        if change.standard_rate.trim().is_empty() {
            return Err(validate::ValidationError {
                field: "standardRate",
                message: "Type the rate per hour that holds from that day.".into(),
            }
            .into());
        }
        let c = RateChange {
            id: 0,
            member_id: person.id,
            from: day("from", &change.from)?,
            standard_rate: amount("standardRate", &change.standard_rate)?,
            overtime_rate: amount("overtimeRate", &change.overtime_rate)?,
            cost_per_use: amount("costPerUse", &change.cost_per_use)?,
        };
        let label = format!("Change the rates of {} from {}", person.name, c.from.format("%-d %b %Y"));
        Ok(self.store.write(&label, |db| gantry_store::set_rate_change(db, &c))?)
    }

    /// Removes a rate change.
    pub fn remove_rate_change(&mut self, id: i64) -> Result<()> {
        Ok(self.store.write("Remove a rate change", |db| gantry_store::delete_rate_change(db, id))?)
    }

    // ----------------------------------------------------------- assignments

    /// Who works on a task, how much, and what it needs.
    pub fn staffing(&self, task: TaskId) -> Result<TaskStaffing> {
        let db = self.store.db();
        let t = gantry_store::task(db, task)?;
        let people: HashMap<MemberId, TeamMember> = gantry_store::team(db)?.into_iter().map(|m| (m.id, m)).collect();
        let actual: HashMap<MemberId, i64> = gantry_store::actual_work(db, t.project_id)?
            .into_iter()
            .filter(|(k, _, _)| *k == task)
            .map(|(_, m, minutes)| (m, minutes))
            .collect();
        let assignments: Vec<AssignmentRow> = gantry_store::task_assignments(db, task)?
            .into_iter()
            .filter_map(|a| {
                let m = people.get(&a.member_id)?;
                Some(AssignmentRow {
                    member_id: m.id,
                    name: m.name.clone(),
                    initials: initials(&m.name),
                    units_percent: a.units_percent,
                    work_minutes: a.work_minutes,
                    actual_minutes: actual.get(&m.id).copied().unwrap_or(0),
                    retired: m.retired,
                })
            })
            .collect();
        let skills = gantry_store::task_skills(db, t.project_id)?
            .into_iter()
            .filter(|(k, _)| *k == task)
            .map(|(_, s)| wire_skill(&s))
            .collect();
        Ok(TaskStaffing {
            task_id: task,
            task_type: t.task_type,
            effort_driven: t.effort_driven,
            duration_minutes: t.duration_minutes,
            work_minutes: assignments.iter().map(|a| a.work_minutes).sum(),
            actual_minutes: actual.values().sum(),
            assignments,
            skills,
        })
    }

    /// Changes who works on a task, by MS Project's rules for its type.
    pub fn staff_task(&mut self, task: TaskId, edit: &StaffEdit) -> Result<TaskStaffing> {
        let db = self.store.db();
        let mut t = gantry_store::task(db, task)?;
        if t.kind == TaskKind::Summary {
            return Err(refused(format!("“{}” is a summary: its work is its subtasks'. Put people on those.", t.name)));
        }
        let project = gantry_store::project(db, t.project_id)?;
        let before = gantry_store::task_assignments(db, task)?;
        let shares: Vec<Share> = before
            .iter()
            .map(|a| Share { member_id: a.member_id, units: a.units_percent, work: a.work_minutes })
            .collect();
        let person_name = |id: MemberId| -> Result<TeamMember> { Ok(gantry_store::member(db, id)?) };
        let restaff = |change| team::restaff(t.task_type, t.effort_driven, t.duration_minutes, &shares, change);
        let mut skills = None;
        let (label, outcome) = match edit {
            StaffEdit::Assign { member_id, units } => {
                let m = person_name(*member_id)?;
                if m.retired {
                    return Err(refused(format!("{} has left the team and takes no new work.", m.name)));
                }
                let u = team::units("units", *units)?;
                (format!("Put {} on “{}”", m.name, t.name), restaff(StaffChange::Add(m.id, u))?)
            }
            StaffEdit::Unassign { member_id } => {
                let m = person_name(*member_id)?;
                if !shares.iter().any(|s| s.member_id == m.id) {
                    return Err(refused(format!("{} is not on “{}”.", m.name, t.name)));
                }
                (format!("Take {} off “{}”", m.name, t.name), restaff(StaffChange::Remove(m.id))?)
            }
            StaffEdit::Replace { member_id, by } => {
                let (from, to) = (person_name(*member_id)?, person_name(*by)?);
                if to.retired {
                    return Err(refused(format!("{} has left the team and takes no new work.", to.name)));
                }
                if !shares.iter().any(|s| s.member_id == from.id) {
                    return Err(refused(format!("{} is not on “{}”.", from.name, t.name)));
                }
                if shares.iter().any(|s| s.member_id == to.id) {
                    return Err(refused(format!("{} is already on “{}”.", to.name, t.name)));
                }
                let swapped = shares
                    .iter()
                    .map(|s| if s.member_id == from.id { Share { member_id: to.id, ..*s } } else { *s })
                    .collect();
                (format!("Give {}'s work on “{}” to {}", from.name, t.name, to.name), (t.duration_minutes, swapped))
            }
            StaffEdit::Units { member_id, units } => {
                let m = person_name(*member_id)?;
                let u = team::units("units", *units)?;
                (format!("Change {}'s units on “{}”", m.name, t.name), restaff(StaffChange::Units(m.id, u))?)
            }
            StaffEdit::Work { work } => {
                let minutes = units::parse_duration(work, project.durations)?;
                (format!("Change the work of “{}”", t.name), restaff(StaffChange::Work(minutes))?)
            }
            StaffEdit::TaskType { task_type } => {
                t.task_type = *task_type;
                (
                    format!("Make “{}” {}", t.name, task_type.label().to_lowercase()),
                    (t.duration_minutes, shares.clone()),
                )
            }
            StaffEdit::EffortDriven { effort_driven } => {
                t.effort_driven = *effort_driven;
                let what = if *effort_driven { "effort-driven" } else { "not effort-driven" };
                (format!("Make “{}” {what}", t.name), (t.duration_minutes, shares.clone()))
            }
            StaffEdit::Skills { skills: raw } => {
                skills = Some(core_skills("skills", raw)?);
                (format!("Change the skills “{}” needs", t.name), (t.duration_minutes, shares.clone()))
            }
        };
        let (duration, after) = outcome;
        if duration != t.duration_minutes {
            if t.duration_elapsed {
                return Err(refused(format!(
                    "“{}” runs in calendar time ({}); change its duration itself.",
                    t.name,
                    units::format_task_duration(t.duration_minutes, true, project.durations)
                )));
            }
            if duration == 0 && t.kind == TaskKind::Task {
                return Err(refused("That leaves the task no time at all; give it work or a duration instead."));
            }
            t.duration_minutes = duration;
            t.estimated = false;
        }
        let before_task = gantry_store::task(db, task)?;
        t.settle_edit(&before_task);
        self.store.write(&label, |db| {
            if t != before_task {
                gantry_store::update_task(db, &t)?;
            }
            for s in &shares {
                if !after.iter().any(|a| a.member_id == s.member_id) {
                    gantry_store::unassign(db, task, s.member_id)?;
                }
            }
            for s in &after {
                let a =
                    Assignment { task_id: task, member_id: s.member_id, units_percent: s.units, work_minutes: s.work };
                gantry_store::assign(db, &a)?;
            }
            match &skills {
                Some(list) => gantry_store::set_task_skills(db, task, list),
                None => Ok(()),
            }
        })?;
        self.staffing(task)
    }

    /// Keeps the work of a task's people in step with a new duration, by
    /// its type (called inside the edit's write).
    pub(crate) fn restaff_duration(db: &Db, t: &Task) -> gantry_store::Result<()> {
        let before = gantry_store::task_assignments(db, t.id)?;
        if before.is_empty() {
            return Ok(());
        }
        let shares: Vec<Share> = before
            .iter()
            .map(|a| Share { member_id: a.member_id, units: a.units_percent, work: a.work_minutes })
            .collect();
        let (_, after) = team::restaff(
            t.task_type,
            t.effort_driven,
            t.duration_minutes,
            &shares,
            StaffChange::Duration(t.duration_minutes),
        )?;
        for s in after {
            gantry_store::assign(
                db,
                &Assignment { task_id: t.id, member_id: s.member_id, units_percent: s.units, work_minutes: s.work },
            )?;
        }
        Ok(())
    }

    /// The people who could do a task: those with the skills it needs (all
    /// of the team when it lists none), best level first, with their free
    /// time in the task's dates across every project.
    pub fn find_people(&self, task: TaskId) -> Result<Vec<Candidate>> {
        let db = self.store.db();
        let t = gantry_store::task(db, task)?;
        let project = gantry_store::project(db, t.project_id)?;
        let calendars = gantry_store::calendars(db)?;
        let tasks = gantry_store::tasks(db, project.id)?;
        let links = gantry_store::links(db, project.id)?;
        let s = run_schedule(&project, &calendars, &tasks, &links);
        let dates = s.get(task).ok_or_else(|| refused("The task has no dates."))?;
        let (from, to) = (dates.start.date(), dates.finish.date());
        let needs: Vec<Skill> = gantry_store::task_skills(db, project.id)?
            .into_iter()
            .filter(|(k, _)| *k == task)
            .map(|(_, s)| s)
            .collect();
        let on_task: Vec<MemberId> = gantry_store::task_assignments(db, task)?.iter().map(|a| a.member_id).collect();
        let load = self.workload(from, to.max(from), Period::Day)?;
        let mut out: Vec<Candidate> = gantry_store::team(db)?
            .into_iter()
            .filter(|m| !m.retired)
            .filter_map(|m| {
                let levels: Option<Vec<u8>> =
                    needs.iter().map(|n| m.level(&n.name).filter(|&l| l >= n.level)).collect();
                let level = levels?.into_iter().min().unwrap_or(0);
                let person = load.people.iter().find(|p| p.id == m.id)?;
                let available: i64 = person.periods.iter().map(|p| p.available_minutes).sum();
                // What this task itself asks of them is not held against them.
                let planned: i64 = person
                    .periods
                    .iter()
                    .flat_map(|p| &p.tasks)
                    .filter(|x| x.task_id != task)
                    .map(|x| x.planned_minutes)
                    .sum();
                Some(Candidate {
                    member_id: m.id,
                    role: m.role.clone(),
                    level,
                    skills: m.skills.iter().map(wire_skill).collect(),
                    available_minutes: available,
                    free_minutes: available - planned,
                    on_task: on_task.contains(&m.id),
                    name: m.name,
                })
            })
            .collect();
        out.sort_by(|a, b| b.level.cmp(&a.level).then(b.free_minutes.cmp(&a.free_minutes)).then(a.name.cmp(&b.name)));
        Ok(out)
    }

    // -------------------------------------------------------------- workload

    /// Everyone's available, planned and logged minutes in each period from
    /// `from` to `to`, across every project, with the tasks behind them.
    pub fn workload(&self, from: NaiveDate, to: NaiveDate, by: Period) -> Result<Workload> {
        workload(self.store.db(), from, to, by)
    }

    /// The workload without the tasks behind each cell, for the view to
    /// draw at once: a team of hundreds on thousands of tasks sends a few
    /// kilobytes, not megabytes. [`Portfolio::person_workload`] gives one
    /// person's tasks when they are asked for.
    pub fn workload_summary(&self, from: NaiveDate, to: NaiveDate, by: Period) -> Result<Workload> {
        let mut load = self.workload(from, to, by)?;
        for p in &mut load.people {
            for period in &mut p.periods {
                period.tasks = Vec::new();
            }
        }
        Ok(load)
    }

    /// One person's workload with the tasks behind each period.
    pub fn person_workload(&self, member: MemberId, from: NaiveDate, to: NaiveDate, by: Period) -> Result<LoadPerson> {
        let person = gantry_store::member(self.store.db(), member)?;
        self.workload(from, to, by)?
            .people
            .into_iter()
            .find(|p| p.id == member)
            .ok_or_else(|| refused(format!("{} has no workload in these dates.", person.name)))
    }

    // ------------------------------------------------------------ timesheets

    /// A person's week: their tasks that run in it or have hours in it.
    pub fn timesheet(&self, member: MemberId, any_day: &str) -> Result<Timesheet> {
        let db = self.store.db();
        let person = gantry_store::member(db, member)?;
        let monday = monday_of(day("week", any_day)?);
        let sunday = monday + Days::new(6);
        let days: Vec<NaiveDate> = (0..7).map(|i| monday + Days::new(i)).collect();
        let load = self.workload(monday, sunday, Period::Day)?;
        let mine = load.people.iter().find(|p| p.id == member);
        let mut rows: BTreeMap<TaskId, TimesheetRow> = BTreeMap::new();
        if let Some(p) = mine {
            for period in &p.periods {
                for t in &period.tasks {
                    rows.entry(t.task_id)
                        .or_insert_with(|| TimesheetRow {
                            task_id: t.task_id,
                            name: t.name.clone(),
                            project: t.project.clone(),
                            minutes: vec![0; 7],
                            corrections: vec![0; 7],
                            planned_minutes: 0,
                        })
                        .planned_minutes += t.planned_minutes;
                }
            }
        }
        for e in gantry_store::time_entries(db, Some(member), monday, sunday)? {
            let row = match rows.entry(e.task_id) {
                std::collections::btree_map::Entry::Occupied(o) => o.into_mut(),
                std::collections::btree_map::Entry::Vacant(v) => {
                    let t = gantry_store::task(db, e.task_id)?;
                    let project = gantry_store::project(db, t.project_id)?;
                    v.insert(TimesheetRow {
                        task_id: t.id,
                        name: t.name,
                        project: project.name,
                        minutes: vec![0; 7],
                        corrections: vec![0; 7],
                        planned_minutes: 0,
                    })
                }
            };
            let i = (e.day - monday).num_days() as usize;
            row.minutes[i] += e.minutes;
            if e.correction {
                row.corrections[i] += e.minutes;
            }
        }
        let mut rows: Vec<TimesheetRow> = rows.into_values().collect();
        rows.sort_by(|a, b| a.project.cmp(&b.project).then(a.name.cmp(&b.name)));
        Ok(Timesheet {
            member_id: member,
            name: person.name,
            monday: monday.to_string(),
            state: gantry_store::week_state(db, member, monday)?,
            days: days.iter().map(|d| d.to_string()).collect(),
            rows,
            available: mine
                .map(|p| p.periods.iter().map(|x| x.available_minutes).collect())
                .unwrap_or_else(|| vec![0; 7]),
        })
    }

    /// Sets the hours a person spent on a task on a day. An approved or
    /// submitted week is locked.
    pub fn log_hours(&mut self, log: &LogHours) -> Result<()> {
        let db = self.store.db();
        let person = gantry_store::member(db, log.member_id)?;
        let t = gantry_store::task(db, log.task_id)?;
        let on = day("day", &log.day)?;
        let minutes = team::logged_minutes(team::parse_hours("hours", &log.hours)?, false)?;
        check_loggable(&t)?;
        match gantry_store::week_state(db, person.id, monday_of(on))? {
            WeekState::Open => {}
            WeekState::Submitted => {
                return Err(refused(format!(
                    "{}'s week of {} is submitted; reopen it to change its hours.",
                    person.name,
                    monday_of(on)
                )));
            }
            WeekState::Approved => {
                return Err(refused(format!(
                    "{}'s week of {} is approved and locked; add a correction instead.",
                    person.name,
                    monday_of(on)
                )));
            }
        }
        let others: i64 = gantry_store::time_entries(db, Some(person.id), on, on)?
            .iter()
            .filter(|e| e.task_id != t.id || e.correction)
            .map(|e| e.minutes)
            .sum();
        if others + minutes > 24 * 60 {
            return Err(Error::from(validate::ValidationError {
                field: "hours",
                message: format!(
                    "{} would have more than 24 hours on {on}: {} are logged on other tasks.",
                    person.name,
                    units::format_hours(others)
                ),
            }));
        }
        let label = format!("Log {} on “{}” for {}", units::format_hours(minutes), t.name, person.name);
        Ok(self.store.write(&label, |db| gantry_store::set_logged(db, person.id, t.id, on, minutes))?)
    }

    /// Adds a visible correction to an approved week.
    pub fn correct_hours(&mut self, c: &Correction) -> Result<EntryId> {
        let db = self.store.db();
        let person = gantry_store::member(db, c.member_id)?;
        let t = gantry_store::task(db, c.task_id)?;
        let on = day("day", &c.day)?;
        let minutes = team::logged_minutes(team::parse_hours("hours", &c.hours)?, true)?;
        if minutes == 0 {
            return Err(Error::from(validate::ValidationError {
                field: "hours",
                message: "A correction changes hours: type the hours to add, or to take away with a minus.".into(),
            }));
        }
        check_loggable(&t)?;
        if gantry_store::week_state(db, person.id, monday_of(on))? != WeekState::Approved {
            return Err(refused("Only an approved week takes corrections; change the hours themselves."));
        }
        let note = validate::name("note", "The reason for the correction", &c.note)?;
        let logged: i64 = gantry_store::time_entries(db, Some(person.id), on, on)?
            .iter()
            .filter(|e| e.task_id == t.id)
            .map(|e| e.minutes)
            .sum();
        if logged + minutes < 0 {
            return Err(refused(format!(
                "Only {} are logged on “{}” that day; a correction cannot take away more.",
                units::format_hours(logged),
                t.name
            )));
        }
        let entry = TimeEntry { id: 0, member_id: person.id, task_id: t.id, day: on, minutes, correction: true, note };
        let label = format!("Correct {}'s hours on “{}”", person.name, t.name);
        Ok(self.store.write(&label, |db| gantry_store::insert_correction(db, &entry))?)
    }

    /// Submits, approves or reopens a person's week.
    pub fn review_week(&mut self, member: MemberId, any_day: &str, action: WeekAction) -> Result<WeekState> {
        let db = self.store.db();
        let person = gantry_store::member(db, member)?;
        let monday = monday_of(day("week", any_day)?);
        let now = gantry_store::week_state(db, member, monday)?;
        let (next, label) = match (action, now) {
            (WeekAction::Submit, WeekState::Open) => (WeekState::Submitted, "Submit"),
            (WeekAction::Approve, WeekState::Submitted) => (WeekState::Approved, "Approve"),
            (WeekAction::Reopen, WeekState::Submitted) => (WeekState::Open, "Reopen"),
            (WeekAction::Approve, WeekState::Open) => {
                return Err(refused(format!("{} has not submitted the week of {monday} yet.", person.name)));
            }
            (_, WeekState::Approved) => {
                return Err(refused(format!(
                    "The week of {monday} is approved and stays so; corrections are added to it."
                )));
            }
            (_, state) => {
                return Err(refused(format!("The week of {monday} is already {}.", state.label().to_lowercase())));
            }
        };
        let label = format!("{label} {}'s week of {monday}", person.name);
        self.store.write(&label, |db| gantry_store::set_week_state(db, member, monday, next))?;
        Ok(next)
    }

    /// Sets the progress of a project's tasks from the hours logged on them:
    /// actual work against planned work. Only on the user's request.
    pub fn progress_from_hours(&mut self, project: ProjectId) -> Result<i64> {
        let db = self.store.db();
        let p = gantry_store::project(db, project)?;
        let planned: HashMap<TaskId, i64> =
            gantry_store::assignments(db, project)?.iter().fold(HashMap::new(), |mut m, a| {
                *m.entry(a.task_id).or_insert(0) += a.work_minutes;
                m
            });
        let mut actual: HashMap<TaskId, i64> = HashMap::new();
        for (task, _, minutes) in gantry_store::actual_work(db, project)? {
            *actual.entry(task).or_insert(0) += minutes;
        }
        let mut changed = Vec::new();
        for mut t in gantry_store::tasks(db, project)? {
            let (Some(&work), Some(&done)) = (planned.get(&t.id), actual.get(&t.id)) else { continue };
            if work <= 0 || t.kind == TaskKind::Summary {
                continue;
            }
            let percent = money::round_div(done.max(0), 100, work).clamp(0, 100) as u8;
            // Finishing is the team's to report: hours alone stop at 99 %.
            let percent =
                if percent == 100 && t.percent_complete < 100 { 99 } else { percent.max(t.percent_complete.min(99)) };
            if percent != t.percent_complete {
                t.percent_complete = percent;
                if percent > 0 && matches!(t.board_status, BoardStatus::Backlog | BoardStatus::Todo) {
                    t.board_status = BoardStatus::InProgress;
                }
                changed.push(t);
            }
        }
        if changed.is_empty() {
            return Ok(0);
        }
        let label = format!("Progress of “{}” from logged hours", p.name);
        self.store.write(&label, |db| {
            for t in &changed {
                gantry_store::update_task(db, t)?;
            }
            Ok(())
        })?;
        Ok(changed.len() as i64)
    }

    /// Every hour logged from `from` to `to`, as CSV for a spreadsheet or
    /// a payroll system: one line an entry.
    pub fn timesheets_csv(&self, from: &str, to: &str) -> Result<TimesheetExport> {
        let db = self.store.db();
        let (from, to) = (day("from", from)?, day("to", to)?);
        if to < from {
            return Err(refused(format!("The period ends ({to}) before it starts ({from}).")));
        }
        let people: HashMap<MemberId, TeamMember> = gantry_store::team(db)?.into_iter().map(|m| (m.id, m)).collect();
        let weeks: HashMap<(MemberId, NaiveDate), WeekState> =
            gantry_store::weeks(db)?.into_iter().map(|w| ((w.member_id, w.monday), w.state)).collect();
        let mut tasks: HashMap<TaskId, (String, String)> = HashMap::new();
        let mut out = String::from("person,email,week,day,project,task,hours,correction,state,note\n");
        let entries = gantry_store::time_entries(db, None, from, to)?;
        let minutes = entries.iter().map(|e| e.minutes).sum();
        for e in &entries {
            if let std::collections::hash_map::Entry::Vacant(slot) = tasks.entry(e.task_id) {
                let t = gantry_store::task(db, e.task_id)?;
                let p = gantry_store::project(db, t.project_id)?;
                slot.insert((t.name, p.name));
            }
            let (task, project) = &tasks[&e.task_id];
            let person = people.get(&e.member_id);
            let monday = monday_of(e.day);
            let state = weeks.get(&(e.member_id, monday)).copied().unwrap_or(WeekState::Open);
            let cells = [
                person.map_or("", |p| p.name.as_str()).to_owned(),
                person.map_or("", |p| p.email.as_str()).to_owned(),
                format!("{}-W{:02}", monday.iso_week().year(), monday.iso_week().week()),
                e.day.to_string(),
                project.clone(),
                task.clone(),
                format!("{:.2}", e.minutes as f64 / 60.0),
                if e.correction { "yes" } else { "no" }.to_owned(),
                state.code().to_owned(),
                e.note.clone(),
            ];
            out.push_str(&csv_row(&cells));
            out.push('\n');
        }
        Ok(TimesheetExport { csv: out, entries: entries.len(), minutes })
    }
}

/// Hours go on the work itself, not on a summary.
fn check_loggable(t: &Task) -> Result<()> {
    if t.kind == TaskKind::Summary {
        return Err(refused(format!("“{}” is a summary; log hours on its subtasks.", t.name)));
    }
    Ok(())
}

/// One CSV line's cells, each made safe by [`csv_cell`], without its end.
pub(crate) fn csv_row(cells: &[String]) -> String {
    cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(",")
}

/// One CSV cell: quoted when it holds a separator, a quote or a line
/// break, and defused when a spreadsheet would take it for a formula.
fn csv_cell(raw: &str) -> String {
    let text = if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) && raw.parse::<f64>().is_err() {
        format!("'{raw}")
    } else {
        raw.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

/// The workload of [`Portfolio::workload`], read from `db` (also inside a
/// write, for the sample).
pub(crate) fn workload(db: &Db, from: NaiveDate, to: NaiveDate, by: Period) -> Result<Workload> {
    if to < from {
        return Err(refused(format!("The workload ends ({to}) before it starts ({from}).")));
    }
    if (to - from).num_days() > MAX_WORKLOAD_DAYS {
        return Err(refused("A workload covers ten years at most."));
    }
    let calendars = gantry_store::calendars(db)?;
    let people: Vec<TeamMember> = gantry_store::team(db)?;
    let first = calendars.first().cloned().unwrap_or_else(|| gantry_core::WorkCalendar::standard(0, "Standard"));
    let own: Vec<&gantry_core::WorkCalendar> = people
        .iter()
        .map(|m| {
            calendars
                .iter()
                .find(|c| c.id == team::personal_calendar_id(m.id))
                .or_else(|| m.calendar_id.and_then(|id| calendars.iter().find(|c| c.id == id)))
                .unwrap_or(&first)
        })
        .collect();
    let mut planned = Vec::new();
    let mut names: HashMap<TaskId, (String, String, ProjectId)> = HashMap::new();
    let assignments = gantry_store::all_assignments(db)?;
    let mut by_project: BTreeMap<ProjectId, Vec<Assignment>> = BTreeMap::new();
    for (p, a) in assignments {
        by_project.entry(p).or_default().push(a);
    }
    for (project_id, list) in by_project {
        let project = gantry_store::project(db, project_id)?;
        let tasks = gantry_store::tasks(db, project_id)?;
        let links = gantry_store::links(db, project_id)?;
        let s = run_schedule(&project, &calendars, &tasks, &links);
        // Dates come in the tasks' order.
        let by_id: HashMap<TaskId, (&Task, &TaskDates)> =
            tasks.iter().zip(&s.tasks).map(|(t, d)| (t.id, (t, d))).collect();
        for a in list {
            let Some(&(t, d)) = by_id.get(&a.task_id) else { continue };
            names.insert(t.id, (t.name.clone(), project.name.clone(), project.id));
            // A split task's work falls in its stretches, none in its pauses.
            let calendar = crate::task_calendar(&project, &calendars, t);
            planned.extend(PlannedWork::of(t, &a, d.start, d.finish, &calendar));
        }
    }
    let bounds = by.bounds(from, to);
    let loads = team::workload(&people, &own, &planned, &bounds);
    let last = bounds.last().copied().unwrap_or(to);
    let logged = gantry_store::time_entries(db, None, bounds[0], last - Days::new(1))?;
    let mut overallocated_tasks = std::collections::BTreeSet::new();
    let people = people
        .iter()
        .zip(loads)
        .filter(|(m, load)| !m.retired || load.periods.iter().any(|p| p.planned > 0))
        .map(|(m, load)| {
            let periods: Vec<LoadPeriod> = load
                .periods
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let end = bounds[i + 1];
                    let actual = logged
                        .iter()
                        .filter(|e| e.member_id == m.id && e.day >= p.start && e.day < end)
                        .map(|e| e.minutes)
                        .sum();
                    let over = p.overallocated();
                    let mut tasks: Vec<LoadTask> = p
                        .tasks
                        .iter()
                        .filter_map(|(id, minutes)| {
                            let (name, project, project_id) = names.get(id)?;
                            if over {
                                overallocated_tasks.insert(*id);
                            }
                            Some(LoadTask {
                                task_id: *id,
                                name: name.clone(),
                                project: project.clone(),
                                project_id: *project_id,
                                planned_minutes: *minutes,
                            })
                        })
                        .collect();
                    tasks.sort_by_key(|t| std::cmp::Reverse(t.planned_minutes));
                    LoadPeriod {
                        start: p.start.to_string(),
                        available_minutes: p.available,
                        planned_minutes: p.planned,
                        actual_minutes: actual,
                        overallocated: over,
                        tasks,
                    }
                })
                .collect();
            LoadPerson {
                id: m.id,
                name: m.name.clone(),
                initials: initials(&m.name),
                role: m.role.clone(),
                skills: m.skills.iter().map(|s| s.name.clone()).collect(),
                projects: periods
                    .iter()
                    .flat_map(|p| p.tasks.iter().map(|t| t.project.clone()))
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                max_units: m.capacity_percent,
                peak_units: load.peak_units,
                overallocated: periods.iter().any(|p| p.overallocated),
                periods,
            }
        })
        .collect();
    Ok(Workload {
        from: from.to_string(),
        to: to.to_string(),
        by,
        bounds: bounds.iter().map(|d| d.to_string()).collect(),
        people,
        overallocated_tasks: overallocated_tasks.into_iter().collect(),
    })
}
