//! The team's rows: people and their skills, absences, assignments, the
//! skills tasks need, and timesheets.

use chrono::NaiveDate;
use gantry_core::calendar::{WorkCalendar, shared_calendar_id};
use gantry_core::model::*;
use gantry_core::team;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::rows::{Date, code, date_text};
use crate::{Error, Result};

// ----------------------------------------------------------------- people

const MEMBER_COLUMNS: &str =
    "id, name, role, email, standard_rate, overtime_rate, cost_per_use, capacity_percent, calendar_id, retired";

fn member_row(r: &Row) -> rusqlite::Result<TeamMember> {
    Ok(TeamMember {
        id: r.get(0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        skills: Vec::new(),
        email: r.get(3)?,
        standard_rate: r.get(4)?,
        overtime_rate: r.get(5)?,
        cost_per_use: r.get(6)?,
        capacity_percent: r.get(7)?,
        calendar_id: r.get(8)?,
        retired: r.get(9)?,
    })
}

/// The portfolio's team, retired people included, by name.
pub fn team(db: &Connection) -> Result<Vec<TeamMember>> {
    let mut people: Vec<TeamMember> = {
        let mut stmt = db.prepare_cached(&format!("SELECT {MEMBER_COLUMNS} FROM team_members ORDER BY name, id"))?;
        stmt.query_map([], member_row)?.collect::<rusqlite::Result<_>>()?
    };
    let mut stmt =
        db.prepare_cached("SELECT member_id, skill, level FROM member_skills ORDER BY member_id, level DESC, skill")?;
    let skills = stmt.query_map([], |r| Ok((r.get::<_, MemberId>(0)?, Skill { name: r.get(1)?, level: r.get(2)? })))?;
    let at: std::collections::HashMap<MemberId, usize> = people.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    for row in skills {
        let (member, skill) = row?;
        if let Some(&i) = at.get(&member) {
            people[i].skills.push(skill);
        }
    }
    Ok(people)
}

/// One person.
pub fn member(db: &Connection, id: MemberId) -> Result<TeamMember> {
    team(db)?.into_iter().find(|m| m.id == id).ok_or(Error::NotFound("The person"))
}

/// Adds a person with their skills; returns the id.
pub fn insert_member(db: &Connection, m: &TeamMember) -> Result<MemberId> {
    db.execute(
        "INSERT INTO team_members (name, role, email, standard_rate, overtime_rate, cost_per_use, capacity_percent, calendar_id, retired)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            m.name,
            m.role,
            m.email,
            m.standard_rate,
            m.overtime_rate,
            m.cost_per_use,
            m.capacity_percent,
            m.calendar_id,
            m.retired
        ],
    )?;
    let id = db.last_insert_rowid();
    set_skills(db, id, &m.skills)?;
    Ok(id)
}

/// Writes every field of a person, skills included.
pub fn update_member(db: &Connection, m: &TeamMember) -> Result<()> {
    let changed = db.execute(
        "UPDATE team_members SET name = ?2, role = ?3, email = ?4, standard_rate = ?5, overtime_rate = ?6,
         cost_per_use = ?7, capacity_percent = ?8, calendar_id = ?9, retired = ?10 WHERE id = ?1",
        params![
            m.id,
            m.name,
            m.role,
            m.email,
            m.standard_rate,
            m.overtime_rate,
            m.cost_per_use,
            m.capacity_percent,
            m.calendar_id,
            m.retired
        ],
    )?;
    if changed == 0 {
        return Err(Error::NotFound("The person"));
    }
    let old: Vec<Skill> = member(db, m.id)?.skills;
    if old != m.skills {
        set_skills(db, m.id, &m.skills)?;
    }
    Ok(())
}

fn set_skills(db: &Connection, member: MemberId, skills: &[Skill]) -> Result<()> {
    db.execute("DELETE FROM member_skills WHERE member_id = ?1", [member])?;
    for s in skills {
        db.execute(
            "INSERT INTO member_skills (member_id, skill, level) VALUES (?1, ?2, ?3)",
            params![member, s.name, s.level],
        )?;
    }
    Ok(())
}

/// Removes a person who has no history: no assignment, no hours.
pub fn delete_member(db: &Connection, id: MemberId) -> Result<()> {
    db.execute("DELETE FROM team_members WHERE id = ?1", [id])?;
    Ok(())
}

/// How many assignments and time entries a person has.
pub fn member_history(db: &Connection, id: MemberId) -> Result<(i64, i64)> {
    Ok(db.query_row(
        "SELECT (SELECT count(*) FROM assignments WHERE member_id = ?1), (SELECT count(*) FROM time_entries WHERE member_id = ?1)",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

// --------------------------------------------------------------- absences

/// Every absence, by person and date.
pub fn absences(db: &Connection) -> Result<Vec<Absence>> {
    let mut stmt = db.prepare_cached(
        "SELECT id, member_id, start_date, finish_date, reason FROM absences ORDER BY member_id, start_date, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Absence {
            id: r.get(0)?,
            member_id: r.get(1)?,
            start: r.get::<_, Date>(2)?.0,
            finish: r.get::<_, Date>(3)?.0,
            reason: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records an absence; returns its id.
pub fn insert_absence(db: &Connection, a: &Absence) -> Result<AbsenceId> {
    db.execute(
        "INSERT INTO absences (member_id, start_date, finish_date, reason) VALUES (?1, ?2, ?3, ?4)",
        params![a.member_id, date_text(a.start), date_text(a.finish), a.reason],
    )?;
    Ok(db.last_insert_rowid())
}

/// Removes an absence.
pub fn delete_absence(db: &Connection, id: AbsenceId) -> Result<()> {
    if db.execute("DELETE FROM absences WHERE id = ?1", [id])? == 0 {
        return Err(Error::NotFound("The absence"));
    }
    Ok(())
}

// ----------------------------------------------------------- rate changes

/// Every rate change, by person and day.
pub fn rate_changes(db: &Connection) -> Result<Vec<RateChange>> {
    let mut stmt = db.prepare_cached(
        "SELECT id, member_id, effective_from, standard_rate, overtime_rate, cost_per_use FROM rate_changes
         ORDER BY member_id, effective_from",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(RateChange {
            id: r.get(0)?,
            member_id: r.get(1)?,
            from: r.get::<_, Date>(2)?.0,
            standard_rate: r.get(3)?,
            overtime_rate: r.get(4)?,
            cost_per_use: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a person's rates from a day on, replacing a change on the same day; returns its id.
pub fn set_rate_change(db: &Connection, c: &RateChange) -> Result<i64> {
    db.execute(
        "INSERT INTO rate_changes (member_id, effective_from, standard_rate, overtime_rate, cost_per_use)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(member_id, effective_from) DO UPDATE SET standard_rate = excluded.standard_rate,
           overtime_rate = excluded.overtime_rate, cost_per_use = excluded.cost_per_use",
        params![c.member_id, date_text(c.from), c.standard_rate, c.overtime_rate, c.cost_per_use],
    )?;
    Ok(db.query_row(
        "SELECT id FROM rate_changes WHERE member_id = ?1 AND effective_from = ?2",
        params![c.member_id, date_text(c.from)],
        |r| r.get(0),
    )?)
}

/// Removes a rate change.
pub fn delete_rate_change(db: &Connection, id: i64) -> Result<()> {
    if db.execute("DELETE FROM rate_changes WHERE id = ?1", [id])? == 0 {
        return Err(Error::NotFound("The rate change"));
    }
    Ok(())
}

/// The calendar of every person whose time is not the portfolio's first
/// calendar as it is: on a company calendar of their own, or away some day.
/// `stored` are the portfolio's calendars.
pub(crate) fn personal_calendars(db: &Connection, stored: &[WorkCalendar]) -> Result<Vec<WorkCalendar>> {
    let Some(first) = stored.first() else { return Ok(Vec::new()) };
    let away = absences(db)?;
    let people = team(db)?;
    Ok(people
        .iter()
        .filter(|m| m.calendar_id.is_some() || away.iter().any(|a| a.member_id == m.id))
        .map(|m| {
            let base = m.calendar_id.and_then(|id| stored.iter().find(|c| c.id == id)).unwrap_or(first);
            team::personal_calendar(m, base, &away)
        })
        .collect())
}

/// Sets on each task the calendar of the people who do it, when theirs is
/// not the portfolio's: of its people, the first who is away some day,
/// else the first on a company calendar of their own. A task with a
/// calendar of its own (and not ignoring theirs) gets the time its own
/// shares with its first person's, whatever calendar they are on (see
/// [`shared_calendars`]). Most portfolios' people keep the company calendar
/// with no absence and their tasks none of their own, and are passed over
/// in one query. `project` narrows the search to one project's tasks.
pub(crate) fn set_people_calendars(db: &Connection, project: Option<ProjectId>, tasks: &mut [Task]) -> Result<()> {
    // (member, away some day) of those not on the portfolio's calendar as it is.
    let special: Vec<(MemberId, bool)> = {
        let mut stmt = db.prepare_cached(
            "SELECT m.id, EXISTS (SELECT 1 FROM absences x WHERE x.member_id = m.id) FROM team_members m
             WHERE m.calendar_id IS NOT NULL OR EXISTS (SELECT 1 FROM absences x WHERE x.member_id = m.id)",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    let own: std::collections::HashMap<TaskId, CalendarId> =
        tasks.iter().filter_map(|t| Some((t.id, t.shares_its_calendar()?))).collect();
    if (special.is_empty() && own.is_empty()) || tasks.is_empty() {
        return Ok(());
    }
    let away: std::collections::HashMap<MemberId, bool> = special.into_iter().collect();
    let on: Vec<(TaskId, MemberId)> = match project {
        Some(p) => {
            let mut stmt = db.prepare_cached(
                "SELECT a.task_id, a.member_id FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.project_id = ?1",
            )?;
            stmt.query_map([p], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
        }
        None => tasks
            .iter()
            .map(|t| task_assignments(db, t.id))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .map(|a| (a.task_id, a.member_id))
            .collect(),
    };
    // The best person of each task: away first, then the lowest id.
    let mut best: std::collections::HashMap<TaskId, (bool, std::cmp::Reverse<MemberId>)> =
        std::collections::HashMap::new();
    for (task, member) in on {
        let is_away = match away.get(&member) {
            Some(&is_away) => is_away,
            None if own.contains_key(&task) => false,
            None => continue,
        };
        let rank = (is_away, std::cmp::Reverse(member));
        best.entry(task).and_modify(|r| *r = (*r).max(rank)).or_insert(rank);
    }
    let first: Option<CalendarId> = db.query_row("SELECT min(id) FROM calendars", [], |r| r.get(0))?;
    for t in tasks {
        let Some(&(_, std::cmp::Reverse(member))) = best.get(&t.id) else {
            t.people_calendar = None;
            continue;
        };
        let theirs = if away.contains_key(&member) { Some(team::personal_calendar_id(member)) } else { first };
        t.people_calendar = match (own.get(&t.id), theirs) {
            (Some(&own), Some(theirs)) => (own != theirs).then(|| shared_calendar_id(own, theirs)),
            (Some(_), None) => None,
            (None, theirs) => theirs,
        };
    }
    Ok(())
}

/// The calendars tasks with a calendar of their own are scheduled on: the
/// time each shares with the calendar of a person who does one of them
/// (see [`WorkCalendar::for_task_done_on`]). `calendars` are the
/// portfolio's and its people's.
pub(crate) fn shared_calendars(db: &Connection, calendars: &[WorkCalendar]) -> Result<Vec<WorkCalendar>> {
    let pairs: Vec<(CalendarId, MemberId)> = {
        let mut stmt = db.prepare_cached(
            "SELECT DISTINCT t.calendar_id, a.member_id FROM tasks t JOIN assignments a ON a.task_id = t.id
             WHERE t.calendar_id IS NOT NULL AND t.ignores_people_calendars = 0",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    let Some(first) = calendars.first() else { return Ok(Vec::new()) };
    let find = |id: CalendarId| calendars.iter().find(|c| c.id == id);
    let mut shared: Vec<WorkCalendar> = Vec::new();
    for (own, member) in pairs {
        let Some(own) = find(own) else { continue };
        let theirs = find(team::personal_calendar_id(member)).unwrap_or(first);
        let id = shared_calendar_id(own.id, theirs.id);
        if own.id != theirs.id && !shared.iter().any(|c| c.id == id) {
            shared.push(own.for_task_done_on(theirs));
        }
    }
    Ok(shared)
}

// ------------------------------------------------------------ assignments

fn assignment_row(r: &Row) -> rusqlite::Result<Assignment> {
    Ok(Assignment { task_id: r.get(0)?, member_id: r.get(1)?, units_percent: r.get(2)?, work_minutes: r.get(3)? })
}

/// The assignments on a project's tasks.
pub fn assignments(db: &Connection, project: ProjectId) -> Result<Vec<Assignment>> {
    let mut stmt = db.prepare_cached(
        "SELECT a.task_id, a.member_id, a.units_percent, a.work_minutes FROM assignments a JOIN tasks t ON t.id = a.task_id
         WHERE t.project_id = ?1 ORDER BY a.task_id, a.member_id",
    )?;
    Ok(stmt.query_map([project], assignment_row)?.collect::<rusqlite::Result<_>>()?)
}

/// Every assignment of the portfolio, with its task's project.
pub fn all_assignments(db: &Connection) -> Result<Vec<(ProjectId, Assignment)>> {
    let mut stmt = db.prepare_cached(
        "SELECT a.task_id, a.member_id, a.units_percent, a.work_minutes, t.project_id
         FROM assignments a JOIN tasks t ON t.id = a.task_id ORDER BY t.project_id, a.task_id, a.member_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(4)?, assignment_row(r)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The assignments of one task.
pub fn task_assignments(db: &Connection, task: TaskId) -> Result<Vec<Assignment>> {
    let mut stmt = db.prepare_cached(
        "SELECT task_id, member_id, units_percent, work_minutes FROM assignments WHERE task_id = ?1 ORDER BY member_id",
    )?;
    Ok(stmt.query_map([task], assignment_row)?.collect::<rusqlite::Result<_>>()?)
}

/// Puts a person on a task, or sets their units and work if already there.
pub fn assign(db: &Connection, a: &Assignment) -> Result<()> {
    db.execute(
        "INSERT INTO assignments (task_id, member_id, units_percent, work_minutes) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (task_id, member_id) DO UPDATE SET units_percent = excluded.units_percent, work_minutes = excluded.work_minutes
         WHERE units_percent <> excluded.units_percent OR work_minutes <> excluded.work_minutes",
        params![a.task_id, a.member_id, a.units_percent, a.work_minutes],
    )?;
    Ok(())
}

/// Takes a person off a task.
pub fn unassign(db: &Connection, task: TaskId, member: MemberId) -> Result<()> {
    db.execute("DELETE FROM assignments WHERE task_id = ?1 AND member_id = ?2", params![task, member])?;
    Ok(())
}

// ------------------------------------------------------------ task skills

/// The skills each task of a project needs, with the least level.
pub fn task_skills(db: &Connection, project: ProjectId) -> Result<Vec<(TaskId, Skill)>> {
    let mut stmt = db.prepare_cached(
        "SELECT s.task_id, s.skill, s.level FROM task_skills s JOIN tasks t ON t.id = s.task_id
         WHERE t.project_id = ?1 ORDER BY s.task_id, s.skill",
    )?;
    let rows = stmt.query_map([project], |r| Ok((r.get(0)?, Skill { name: r.get(1)?, level: r.get(2)? })))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces the skills a task needs.
pub fn set_task_skills(db: &Connection, task: TaskId, skills: &[Skill]) -> Result<()> {
    db.execute("DELETE FROM task_skills WHERE task_id = ?1", [task])?;
    for s in skills {
        db.execute(
            "INSERT INTO task_skills (task_id, skill, level) VALUES (?1, ?2, ?3)",
            params![task, s.name, s.level],
        )?;
    }
    Ok(())
}

// ------------------------------------------------------------- timesheets

fn entry_row(r: &Row) -> rusqlite::Result<TimeEntry> {
    Ok(TimeEntry {
        id: r.get(0)?,
        member_id: r.get(1)?,
        task_id: r.get(2)?,
        day: r.get::<_, Date>(3)?.0,
        minutes: r.get(4)?,
        correction: r.get(5)?,
        note: r.get(6)?,
    })
}

/// Time entries from `from` to `to` (both included), of one person or all.
pub fn time_entries(
    db: &Connection,
    member: Option<MemberId>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<TimeEntry>> {
    let mut stmt = db.prepare_cached(
        "SELECT id, member_id, task_id, day, minutes, correction, note FROM time_entries
         WHERE (?1 IS NULL OR member_id = ?1) AND day BETWEEN ?2 AND ?3 ORDER BY member_id, day, task_id, id",
    )?;
    let rows = stmt.query_map(params![member, date_text(from), date_text(to)], entry_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The minutes logged on each task of a project, by task and person.
pub fn actual_work(db: &Connection, project: ProjectId) -> Result<Vec<(TaskId, MemberId, i64)>> {
    let mut stmt = db.prepare_cached(
        "SELECT e.task_id, e.member_id, sum(e.minutes) FROM time_entries e JOIN tasks t ON t.id = e.task_id
         WHERE t.project_id = ?1 GROUP BY e.task_id, e.member_id",
    )?;
    Ok(stmt.query_map([project], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?)
}

/// How many minutes are logged on a task and its subtasks.
pub fn logged_under(db: &Connection, task: TaskId) -> Result<i64> {
    Ok(db.query_row(
        "WITH RECURSIVE under(id) AS (SELECT ?1 UNION ALL SELECT t.id FROM tasks t JOIN under u ON t.parent_id = u.id)
         SELECT coalesce(sum(abs(e.minutes)), 0) FROM time_entries e JOIN under u ON e.task_id = u.id",
        [task],
        |r| r.get(0),
    )?)
}

/// Sets a person's plain (not correction) minutes on a task for a day: a
/// new entry, the existing one changed, or removed at zero.
pub fn set_logged(db: &Connection, member: MemberId, task: TaskId, day: NaiveDate, minutes: i64) -> Result<()> {
    let existing: Option<EntryId> = db
        .query_row(
            "SELECT id FROM time_entries WHERE member_id = ?1 AND task_id = ?2 AND day = ?3 AND correction = 0",
            params![member, task, date_text(day)],
            |r| r.get(0),
        )
        .optional()?;
    match (existing, minutes) {
        (Some(id), 0) => db.execute("DELETE FROM time_entries WHERE id = ?1", [id])?,
        (Some(id), m) => {
            db.execute("UPDATE time_entries SET minutes = ?2 WHERE id = ?1 AND minutes <> ?2", params![id, m])?
        }
        (None, 0) => 0,
        (None, m) => db.execute(
            "INSERT INTO time_entries (member_id, task_id, day, minutes) VALUES (?1, ?2, ?3, ?4)",
            params![member, task, date_text(day), m],
        )?,
    };
    Ok(())
}

/// Adds a correction to an approved week; returns its id.
pub fn insert_correction(db: &Connection, e: &TimeEntry) -> Result<EntryId> {
    db.execute(
        "INSERT INTO time_entries (member_id, task_id, day, minutes, correction, note) VALUES (?1, ?2, ?3, ?4, 1, ?5)",
        params![e.member_id, e.task_id, date_text(e.day), e.minutes, e.note],
    )?;
    Ok(db.last_insert_rowid())
}

/// The state of a person's week; open when never submitted.
pub fn week_state(db: &Connection, member: MemberId, monday: NaiveDate) -> Result<WeekState> {
    let state: Option<WeekState> = db
        .query_row(
            "SELECT state FROM timesheet_weeks WHERE member_id = ?1 AND monday = ?2",
            params![member, date_text(monday)],
            |r| code(r, 0, WeekState::from_code),
        )
        .optional()?;
    Ok(state.unwrap_or(WeekState::Open))
}

/// Every week that is not open, of everyone.
pub fn weeks(db: &Connection) -> Result<Vec<TimesheetWeek>> {
    let mut stmt =
        db.prepare_cached("SELECT member_id, monday, state FROM timesheet_weeks ORDER BY monday, member_id")?;
    let rows = stmt.query_map([], |r| {
        Ok(TimesheetWeek {
            member_id: r.get(0)?,
            monday: r.get::<_, Date>(1)?.0,
            state: code(r, 2, WeekState::from_code)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets the state of a person's week.
pub fn set_week_state(db: &Connection, member: MemberId, monday: NaiveDate, state: WeekState) -> Result<()> {
    db.execute(
        "INSERT INTO timesheet_weeks (member_id, monday, state) VALUES (?1, ?2, ?3)
         ON CONFLICT (member_id, monday) DO UPDATE SET state = excluded.state",
        params![member, date_text(monday), state.code()],
    )?;
    Ok(())
}
