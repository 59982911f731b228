//! Reading and writing the domain's rows. These functions take a connection
//! so the same code serves reads and the inside of a [`crate::Store::write`].
//! They trust their input: validation happens before them, in the api.

use chrono::{NaiveDate, NaiveDateTime};
use gantry_core::calendar::{CalendarException, WorkCalendar, WorkingTime};
use gantry_core::model::*;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::{Error, Result};

const DATE: &str = "%Y-%m-%d";
const DATETIME: &str = "%Y-%m-%dT%H:%M:%S";

/// A code read from the file that this build does not know means the file
/// was changed by something else; say so rather than guess.
pub(crate) fn code<T>(r: &Row, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let raw: String = r.get(i)?;
    parse(&raw).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown value {raw:?}").into(),
        )
    })
}

/// A date stored as text.
pub(crate) struct Date(pub(crate) NaiveDate);
/// A date and time stored as text.
pub(crate) struct DateTime(pub(crate) NaiveDateTime);

impl FromSql for Date {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        NaiveDate::parse_from_str(s, DATE).map(Date).map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}
impl FromSql for DateTime {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        NaiveDateTime::parse_from_str(s, DATETIME).map(DateTime).map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

/// A task's splits as the store keeps them (see `Split::list_text`).
struct Splits(Vec<Split>);
impl FromSql for Splits {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        Split::parse_list(s).map(Splits).ok_or_else(|| FromSqlError::Other(format!("splits “{s}”").into()))
    }
}

pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}
pub(crate) fn datetime_text(t: Option<NaiveDateTime>) -> Option<String> {
    t.map(|t| t.format(DATETIME).to_string())
}

/// Codes go to SQLite as their text.
pub(crate) struct Code(pub(crate) &'static str);
impl ToSql for Code {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Text(self.0.as_bytes())))
    }
}

// ---------------------------------------------------------------- projects

const PROJECT_COLUMNS: &str = "id, name, goal, scope, methodology, manager, start_date, status, status_reason, \
     currency, calendar_id, minutes_per_day, minutes_per_week, days_per_month, status_date";

fn project_row(r: &Row) -> rusqlite::Result<Project> {
    Ok(Project {
        id: r.get(0)?,
        name: r.get(1)?,
        goal: r.get(2)?,
        scope: r.get(3)?,
        methodology: code(r, 4, Methodology::from_code)?,
        manager: r.get(5)?,
        start: r.get::<_, Date>(6)?.0,
        status: code(r, 7, ProjectStatus::from_code)?,
        status_reason: r.get(8)?,
        currency: r.get(9)?,
        calendar_id: r.get(10)?,
        durations: DurationSettings {
            minutes_per_day: r.get(11)?,
            minutes_per_week: r.get(12)?,
            days_per_month: r.get(13)?,
        },
        status_date: r.get::<_, Option<Date>>(14)?.map(|d| d.0),
    })
}

/// All projects, in the portfolio's order.
pub fn projects(db: &Connection) -> Result<Vec<Project>> {
    let mut stmt = db.prepare(&format!("SELECT {PROJECT_COLUMNS} FROM projects ORDER BY position, id"))?;
    Ok(stmt.query_map([], project_row)?.collect::<rusqlite::Result<_>>()?)
}

/// One project.
pub fn project(db: &Connection, id: ProjectId) -> Result<Project> {
    db.query_row(&format!("SELECT {PROJECT_COLUMNS} FROM projects WHERE id = ?1"), [id], project_row)
        .optional()?
        .ok_or(Error::NotFound("The project"))
}

/// Adds a project at the end of the portfolio; returns its id.
pub fn insert_project(db: &Connection, p: &Project) -> Result<ProjectId> {
    db.execute(
        "INSERT INTO projects (name, goal, scope, methodology, manager, start_date, status, status_reason, currency,
             calendar_id, minutes_per_day, minutes_per_week, days_per_month, status_date, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
             (SELECT coalesce(max(position), 0) + 1 FROM projects))",
        params![
            p.name,
            p.goal,
            p.scope,
            Code(p.methodology.code()),
            p.manager,
            date_text(p.start),
            Code(p.status.code()),
            p.status_reason,
            p.currency,
            p.calendar_id,
            p.durations.minutes_per_day,
            p.durations.minutes_per_week,
            p.durations.days_per_month,
            p.status_date.map(date_text),
        ],
    )?;
    let id = db.last_insert_rowid();
    crate::board::insert_default_columns(db, id)?;
    Ok(id)
}

/// Writes every field of a project.
pub fn update_project(db: &Connection, p: &Project) -> Result<()> {
    let changed = db.execute(
        "UPDATE projects SET name = ?2, goal = ?3, scope = ?4, methodology = ?5, manager = ?6, start_date = ?7,
             status = ?8, status_reason = ?9, currency = ?10, calendar_id = ?11, status_date = ?12
         WHERE id = ?1",
        params![
            p.id,
            p.name,
            p.goal,
            p.scope,
            Code(p.methodology.code()),
            p.manager,
            date_text(p.start),
            Code(p.status.code()),
            p.status_reason,
            p.currency,
            p.calendar_id,
            p.status_date.map(date_text),
        ],
    )?;
    if changed == 0 { Err(Error::NotFound("The project")) } else { Ok(()) }
}

/// Removes a project with its tasks and links.
pub fn delete_project(db: &Connection, id: ProjectId) -> Result<()> {
    let changed = db.execute("DELETE FROM projects WHERE id = ?1", [id])?;
    if changed == 0 { Err(Error::NotFound("The project")) } else { Ok(()) }
}

// ------------------------------------------------------------------- tasks

const TASK_COLUMNS: &str = "id, project_id, parent_id, position, name, notes, kind, duration_minutes, \
     constraint_kind, constraint_date, percent_complete, board_status, priority, calendar_id, actual_start, actual_finish, manual, estimated, duration_elapsed, \
     task_type, effort_driven, manual_finish, leveling_delay_minutes, leveling_delay_elapsed, splits, \
     ignores_people_calendars, deadline";

fn task_row(r: &Row) -> rusqlite::Result<Task> {
    Ok(Task {
        id: r.get(0)?,
        project_id: r.get(1)?,
        parent_id: r.get(2)?,
        position: r.get(3)?,
        name: r.get(4)?,
        notes: r.get(5)?,
        kind: code(r, 6, TaskKind::from_code)?,
        duration_minutes: r.get(7)?,
        constraint: Constraint {
            kind: code(r, 8, ConstraintKind::from_code)?,
            date: r.get::<_, Option<DateTime>>(9)?.map(|d| d.0),
        },
        percent_complete: r.get(10)?,
        board_status: code(r, 11, BoardStatus::from_code)?,
        priority: code(r, 12, Priority::from_code)?,
        calendar_id: r.get(13)?,
        actual_start: r.get::<_, Option<DateTime>>(14)?.map(|d| d.0),
        actual_finish: r.get::<_, Option<DateTime>>(15)?.map(|d| d.0),
        manual: r.get(16)?,
        estimated: r.get(17)?,
        duration_elapsed: r.get(18)?,
        task_type: code(r, 19, TaskType::from_code)?,
        effort_driven: r.get(20)?,
        people_calendar: None,
        manual_finish: r.get::<_, Option<DateTime>>(21)?.map(|d| d.0),
        leveling_delay: Delay { minutes: r.get(22)?, elapsed: r.get(23)? },
        splits: r.get::<_, Splits>(24)?.0,
        ignores_people_calendars: r.get(25)?,
        deadline: r.get::<_, Option<DateTime>>(26)?.map(|d| d.0),
    })
}

/// The tasks of a project, in no particular order (see `gantry_core::wbs`).
pub fn tasks(db: &Connection, project: ProjectId) -> Result<Vec<Task>> {
    let mut stmt = db.prepare_cached(&format!("SELECT {TASK_COLUMNS} FROM tasks WHERE project_id = ?1"))?;
    let mut tasks: Vec<Task> = stmt.query_map([project], task_row)?.collect::<rusqlite::Result<_>>()?;
    crate::team::set_people_calendars(db, Some(project), &mut tasks)?;
    Ok(tasks)
}

/// One task.
pub fn task(db: &Connection, id: TaskId) -> Result<Task> {
    let mut task = db
        .query_row(&format!("SELECT {TASK_COLUMNS} FROM tasks WHERE id = ?1"), [id], task_row)
        .optional()?
        .ok_or(Error::NotFound("The task"))?;
    crate::team::set_people_calendars(db, None, std::slice::from_mut(&mut task))?;
    Ok(task)
}

/// How many tasks each project has.
pub fn task_counts(db: &Connection) -> Result<Vec<(ProjectId, i64)>> {
    let mut stmt = db.prepare("SELECT project_id, count(*) FROM tasks GROUP BY project_id")?;
    Ok(stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
}

/// A task's stored values, in `TASK_COLUMNS` order after the id.
fn task_values(t: &Task) -> [Value; 26] {
    let text = |s: Option<String>| s.map_or(Value::Null, Value::Text);
    [
        Value::Integer(t.project_id),
        t.parent_id.map_or(Value::Null, Value::Integer),
        Value::Integer(t.position),
        Value::Text(t.name.clone()),
        Value::Text(t.notes.clone()),
        Value::Text(t.kind.code().into()),
        Value::Integer(t.duration_minutes),
        Value::Text(t.constraint.kind.code().into()),
        text(datetime_text(t.constraint.date)),
        Value::Integer(i64::from(t.percent_complete)),
        Value::Text(t.board_status.code().into()),
        Value::Text(t.priority.code().into()),
        t.calendar_id.map_or(Value::Null, Value::Integer),
        text(datetime_text(t.actual_start)),
        text(datetime_text(t.actual_finish)),
        Value::Integer(i64::from(t.manual)),
        Value::Integer(i64::from(t.estimated)),
        Value::Integer(i64::from(t.duration_elapsed)),
        Value::Text(t.task_type.code().into()),
        Value::Integer(i64::from(t.effort_driven)),
        text(datetime_text(t.manual_finish)),
        Value::Integer(t.leveling_delay.minutes),
        Value::Integer(i64::from(t.leveling_delay.elapsed)),
        Value::Text(Split::list_text(&t.splits)),
        Value::Integer(i64::from(t.ignores_people_calendars)),
        text(datetime_text(t.deadline)),
    ]
}

/// Adds a task; `position` is taken as given. Returns its id.
pub fn insert_task(db: &Connection, t: &Task) -> Result<TaskId> {
    let columns = &TASK_COLUMNS["id, ".len()..];
    let slots = (1..=columns.split(", ").count()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    db.prepare_cached(&format!("INSERT INTO tasks ({columns}) VALUES ({slots})"))?
        .execute(rusqlite::params_from_iter(task_values(t)))?;
    Ok(db.last_insert_rowid())
}

/// Writes every field of a task.
pub fn update_task(db: &Connection, t: &Task) -> Result<()> {
    let assignments = TASK_COLUMNS["id, ".len()..]
        .split(", ")
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect::<Vec<_>>()
        .join(", ");
    let values = std::iter::once(Value::Integer(t.id)).chain(task_values(t));
    let changed = db
        .prepare_cached(&format!("UPDATE tasks SET {assignments} WHERE id = ?1"))?
        .execute(rusqlite::params_from_iter(values))?;
    if changed == 0 { Err(Error::NotFound("The task")) } else { Ok(()) }
}

/// Moves a task to `position` under `parent` without touching its siblings.
pub fn place_task(db: &Connection, id: TaskId, parent: Option<TaskId>, position: i64) -> Result<()> {
    db.execute("UPDATE tasks SET parent_id = ?2, position = ?3 WHERE id = ?1", params![id, parent, position])?;
    Ok(())
}

/// Removes a task and, through the schema, its subtasks, links and assignments.
pub fn delete_task(db: &Connection, id: TaskId) -> Result<()> {
    let changed = db.execute("DELETE FROM tasks WHERE id = ?1", [id])?;
    if changed == 0 { Err(Error::NotFound("The task")) } else { Ok(()) }
}

// ------------------------------------------------------------------- links

fn link_row(r: &Row) -> rusqlite::Result<Link> {
    Ok(Link {
        id: r.get(0)?,
        predecessor: r.get(1)?,
        successor: r.get(2)?,
        kind: code(r, 3, LinkKind::from_code)?,
        lag_minutes: r.get(4)?,
        lag_elapsed: r.get(5)?,
    })
}

/// The links of a project.
pub fn links(db: &Connection, project: ProjectId) -> Result<Vec<Link>> {
    let mut stmt = db.prepare_cached(
        "SELECT id, predecessor_id, successor_id, kind, lag_minutes, lag_elapsed FROM links WHERE project_id = ?1 ORDER BY id",
    )?;
    Ok(stmt.query_map([project], link_row)?.collect::<rusqlite::Result<_>>()?)
}

/// Adds a link; returns its id.
pub fn insert_link(db: &Connection, project: ProjectId, l: &Link) -> Result<LinkId> {
    db.execute(
        "INSERT INTO links (project_id, predecessor_id, successor_id, kind, lag_minutes, lag_elapsed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![project, l.predecessor, l.successor, Code(l.kind.code()), l.lag_minutes, l.lag_elapsed],
    )?;
    Ok(db.last_insert_rowid())
}

/// One link.
pub fn link(db: &Connection, id: LinkId) -> Result<Link> {
    db.query_row(
        "SELECT id, predecessor_id, successor_id, kind, lag_minutes, lag_elapsed FROM links WHERE id = ?1",
        [id],
        link_row,
    )
    .optional()?
    .ok_or(Error::NotFound("The link"))
}

/// Changes a link's type and lag.
pub fn update_link(db: &Connection, l: &Link) -> Result<()> {
    let changed = db.execute(
        "UPDATE links SET kind = ?2, lag_minutes = ?3, lag_elapsed = ?4 WHERE id = ?1",
        params![l.id, Code(l.kind.code()), l.lag_minutes, l.lag_elapsed],
    )?;
    if changed == 0 { Err(Error::NotFound("The link")) } else { Ok(()) }
}

/// Removes a link.
pub fn delete_link(db: &Connection, id: LinkId) -> Result<()> {
    let changed = db.execute("DELETE FROM links WHERE id = ?1", [id])?;
    if changed == 0 { Err(Error::NotFound("The link")) } else { Ok(()) }
}

// --------------------------------------------------------------- calendars

/// One calendar with its week and exceptions.
pub fn calendar(db: &Connection, id: CalendarId) -> Result<WorkCalendar> {
    let name: String = db
        .query_row("SELECT name FROM calendars WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound("The calendar"))?;
    let mut weekdays: [Vec<WorkingTime>; 7] = Default::default();
    let mut stmt = db.prepare_cached(
        "SELECT weekday, start_minute, end_minute FROM calendar_working_times
         WHERE calendar_id = ?1 ORDER BY weekday, start_minute",
    )?;
    for row in stmt.query_map([id], |r| Ok((r.get::<_, u8>(0)?, r.get::<_, u16>(1)?, r.get::<_, u16>(2)?)))? {
        let (day, start, end) = row?;
        if let Some(list) = weekdays.get_mut(usize::from(day)) {
            list.push(WorkingTime { start, end });
        }
    }
    let mut stmt = db.prepare_cached(
        "SELECT name, start_date, finish_date, yearly, working_times FROM calendar_exceptions
         WHERE calendar_id = ?1 ORDER BY id",
    )?;
    let exceptions = stmt
        .query_map([id], |r| {
            Ok(CalendarException {
                name: r.get(0)?,
                start: r.get::<_, Date>(1)?.0,
                finish: r.get::<_, Date>(2)?.0,
                yearly: r.get(3)?,
                working: parse_periods(&r.get::<_, String>(4)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(WorkCalendar { id, name, weekdays, exceptions })
}

/// Every calendar of the portfolio.
pub fn calendars(db: &Connection) -> Result<Vec<WorkCalendar>> {
    let ids: Vec<CalendarId> = {
        let mut stmt = db.prepare("SELECT id FROM calendars ORDER BY id")?;
        stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    let mut all: Vec<WorkCalendar> = ids.into_iter().map(|id| calendar(db, id)).collect::<Result<_>>()?;
    all.extend(crate::team::personal_calendars(db, &all)?);
    let shared = crate::team::shared_calendars(db, &all)?;
    all.extend(shared);
    Ok(all)
}

/// Stores a new calendar; its `id` is ignored and the new one returned.
pub fn insert_calendar(db: &Connection, cal: &WorkCalendar) -> Result<CalendarId> {
    db.execute("INSERT INTO calendars (name) VALUES (?1)", [&cal.name])?;
    let id = db.last_insert_rowid();
    for (day, periods) in cal.weekdays.iter().enumerate() {
        for p in periods {
            db.execute(
                "INSERT INTO calendar_working_times (calendar_id, weekday, start_minute, end_minute)
                 VALUES (?1, ?2, ?3, ?4)",
                params![id, day as i64, p.start, p.end],
            )?;
        }
    }
    for e in &cal.exceptions {
        db.execute(
            "INSERT INTO calendar_exceptions (calendar_id, name, start_date, finish_date, yearly, working_times)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, e.name, date_text(e.start), date_text(e.finish), e.yearly, format_periods(&e.working)],
        )?;
    }
    Ok(id)
}

fn format_periods(periods: &[WorkingTime]) -> String {
    periods.iter().map(|p| format!("{}-{}", p.start, p.end)).collect::<Vec<_>>().join(",")
}

fn parse_periods(text: &str) -> Vec<WorkingTime> {
    text.split(',')
        .filter_map(|pair| {
            let (a, b) = pair.split_once('-')?;
            let (start, end) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            (start < end && end <= gantry_core::calendar::DAY_MINUTES).then_some(WorkingTime { start, end })
        })
        .collect()
}

// --------------------------------------------------------------- baselines

fn baseline_row(r: &Row) -> rusqlite::Result<Baseline> {
    Ok(Baseline { id: r.get(0)?, project_id: r.get(1)?, name: r.get(2)?, saved_at: r.get::<_, DateTime>(3)?.0 })
}

/// The baselines of a project, oldest first.
pub fn baselines(db: &Connection, project: ProjectId) -> Result<Vec<Baseline>> {
    let mut stmt =
        db.prepare_cached("SELECT id, project_id, name, saved_at FROM baselines WHERE project_id = ?1 ORDER BY id")?;
    Ok(stmt.query_map([project], baseline_row)?.collect::<rusqlite::Result<_>>()?)
}

/// One baseline.
pub fn baseline(db: &Connection, id: BaselineId) -> Result<Baseline> {
    db.query_row("SELECT id, project_id, name, saved_at FROM baselines WHERE id = ?1", [id], baseline_row)
        .optional()?
        .ok_or(Error::NotFound("The baseline"))
}

/// The dates a baseline saved, one row per task that existed then.
pub fn baseline_tasks(db: &Connection, id: BaselineId) -> Result<Vec<BaselineTask>> {
    let mut stmt = db
        .prepare_cached("SELECT task_id, start, finish, duration_minutes FROM baseline_tasks WHERE baseline_id = ?1")?;
    let rows = stmt.query_map([id], |r| {
        Ok(BaselineTask {
            task_id: r.get(0)?,
            start: r.get::<_, DateTime>(1)?.0,
            finish: r.get::<_, DateTime>(2)?.0,
            duration_minutes: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Saves a baseline with its tasks' dates; returns its id.
pub fn insert_baseline(db: &Connection, b: &Baseline, tasks: &[BaselineTask]) -> Result<BaselineId> {
    db.execute(
        "INSERT INTO baselines (project_id, name, saved_at) VALUES (?1, ?2, ?3)",
        params![b.project_id, b.name, datetime_text(Some(b.saved_at))],
    )?;
    let id = db.last_insert_rowid();
    let mut stmt = db.prepare_cached(
        "INSERT INTO baseline_tasks (baseline_id, task_id, start, finish, duration_minutes) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for t in tasks {
        stmt.execute(params![
            id,
            t.task_id,
            datetime_text(Some(t.start)),
            datetime_text(Some(t.finish)),
            t.duration_minutes
        ])?;
    }
    Ok(id)
}

/// Removes a baseline and its dates.
pub fn delete_baseline(db: &Connection, id: BaselineId) -> Result<()> {
    let changed = db.execute("DELETE FROM baselines WHERE id = ?1", [id])?;
    if changed == 0 { Err(Error::NotFound("The baseline")) } else { Ok(()) }
}
