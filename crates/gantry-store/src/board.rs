//! The board's rows: workflow columns, card places, labels, sprints and the
//! tasks planned into them. Like `rows`, these trust their input.

use gantry_core::model::*;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::rows::{Code, Date, code, date_text};
use crate::{Error, Result};

// ----------------------------------------------------------------- columns

fn column_row(r: &Row) -> rusqlite::Result<BoardColumn> {
    Ok(BoardColumn {
        id: r.get(0)?,
        project_id: r.get(1)?,
        name: r.get(2)?,
        stage: code(r, 3, BoardStatus::from_code)?,
        position: r.get(4)?,
        wip_limit: r.get(5)?,
    })
}

const COLUMN_COLUMNS: &str = "id, project_id, name, stage, position, wip_limit";

/// A project's board columns, left to right.
pub fn board_columns(db: &Connection, project: ProjectId) -> Result<Vec<BoardColumn>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {COLUMN_COLUMNS} FROM board_columns WHERE project_id = ?1 ORDER BY position, id"
    ))?;
    Ok(stmt.query_map([project], column_row)?.collect::<rusqlite::Result<_>>()?)
}

/// One column.
pub fn board_column(db: &Connection, id: ColumnId) -> Result<BoardColumn> {
    db.query_row(&format!("SELECT {COLUMN_COLUMNS} FROM board_columns WHERE id = ?1"), [id], column_row)
        .optional()?
        .ok_or(Error::NotFound("The board column"))
}

/// Adds a column at `c.position`; returns its id.
pub fn insert_board_column(db: &Connection, c: &BoardColumn) -> Result<ColumnId> {
    db.execute(
        "INSERT INTO board_columns (project_id, name, stage, position, wip_limit) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![c.project_id, c.name, Code(c.stage.code()), c.position, c.wip_limit],
    )?;
    Ok(db.last_insert_rowid())
}

/// Writes a column's name, stage, position and limit.
pub fn update_board_column(db: &Connection, c: &BoardColumn) -> Result<()> {
    let changed = db.execute(
        "UPDATE board_columns SET name = ?2, stage = ?3, position = ?4, wip_limit = ?5 WHERE id = ?1",
        params![c.id, c.name, Code(c.stage.code()), c.position, c.wip_limit],
    )?;
    if changed == 0 { Err(Error::NotFound("The board column")) } else { Ok(()) }
}

/// Removes a column and the places of the cards in it.
pub fn delete_board_column(db: &Connection, id: ColumnId) -> Result<()> {
    let changed = db.execute("DELETE FROM board_columns WHERE id = ?1", [id])?;
    if changed == 0 { Err(Error::NotFound("The board column")) } else { Ok(()) }
}

/// Gives a new project the default workflow: one column per stage.
pub fn insert_default_columns(db: &Connection, project: ProjectId) -> Result<()> {
    for (i, stage) in BoardStatus::ALL.iter().enumerate() {
        insert_board_column(
            db,
            &BoardColumn {
                id: 0,
                project_id: project,
                name: stage.label().to_owned(),
                stage: *stage,
                position: i as i64 + 1,
                wip_limit: None,
            },
        )?;
    }
    Ok(())
}

/// What a project's full columns do.
pub fn wip_policy(db: &Connection, project: ProjectId) -> Result<WipPolicy> {
    db.query_row("SELECT wip_policy FROM projects WHERE id = ?1", [project], |r| code(r, 0, WipPolicy::from_code))
        .optional()?
        .ok_or(Error::NotFound("The project"))
}

pub fn set_wip_policy(db: &Connection, project: ProjectId, policy: WipPolicy) -> Result<()> {
    let changed =
        db.execute("UPDATE projects SET wip_policy = ?2 WHERE id = ?1", params![project, Code(policy.code())])?;
    if changed == 0 { Err(Error::NotFound("The project")) } else { Ok(()) }
}

// ------------------------------------------------------------------- cards

/// Where the cards of a project's tasks were put.
pub fn card_places(db: &Connection, project: ProjectId) -> Result<Vec<CardPlace>> {
    let mut stmt = db.prepare_cached(
        "SELECT c.task_id, c.column_id, c.rank FROM board_cards c JOIN tasks t ON t.id = c.task_id
         WHERE t.project_id = ?1",
    )?;
    let rows =
        stmt.query_map([project], |r| Ok(CardPlace { task_id: r.get(0)?, column_id: r.get(1)?, rank: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Puts a card in a column at a rank.
pub fn place_card(db: &Connection, place: &CardPlace) -> Result<()> {
    db.execute(
        "INSERT INTO board_cards (task_id, column_id, rank) VALUES (?1, ?2, ?3)
         ON CONFLICT (task_id) DO UPDATE SET column_id = excluded.column_id, rank = excluded.rank",
        params![place.task_id, place.column_id, place.rank],
    )?;
    Ok(())
}

// ------------------------------------------------------------------ labels

/// The labels of a project's tasks, by task, each list sorted.
pub fn labels(db: &Connection, project: ProjectId) -> Result<Vec<(TaskId, String)>> {
    let mut stmt = db.prepare_cached(
        "SELECT l.task_id, l.label FROM task_labels l JOIN tasks t ON t.id = l.task_id
         WHERE t.project_id = ?1 ORDER BY l.task_id, l.label",
    )?;
    Ok(stmt.query_map([project], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
}

/// Replaces a task's labels.
pub fn set_labels(db: &Connection, task: TaskId, labels: &[String]) -> Result<()> {
    db.execute("DELETE FROM task_labels WHERE task_id = ?1", [task])?;
    let mut insert = db.prepare_cached("INSERT OR IGNORE INTO task_labels (task_id, label) VALUES (?1, ?2)")?;
    for label in labels {
        insert.execute(params![task, label])?;
    }
    Ok(())
}

// ----------------------------------------------------------------- sprints

const SPRINT_COLUMNS: &str = "id, project_id, name, goal, start_date, finish_date, state, \
     committed_minutes, completed_minutes, carried_minutes";

fn sprint_row(r: &Row) -> rusqlite::Result<Sprint> {
    let committed: Option<i64> = r.get(7)?;
    let completed: Option<i64> = r.get(8)?;
    let carried: Option<i64> = r.get(9)?;
    Ok(Sprint {
        id: r.get(0)?,
        project_id: r.get(1)?,
        name: r.get(2)?,
        goal: r.get(3)?,
        start: r.get::<_, Date>(4)?.0,
        finish: r.get::<_, Date>(5)?.0,
        state: code(r, 6, SprintState::from_code)?,
        outcome: match (committed, completed, carried) {
            (Some(committed), Some(completed), Some(carried)) => Some(SprintOutcome { committed, completed, carried }),
            _ => None,
        },
    })
}

/// A project's sprints, in date order.
pub fn sprints(db: &Connection, project: ProjectId) -> Result<Vec<Sprint>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {SPRINT_COLUMNS} FROM sprints WHERE project_id = ?1 ORDER BY start_date, id"
    ))?;
    Ok(stmt.query_map([project], sprint_row)?.collect::<rusqlite::Result<_>>()?)
}

/// One sprint.
pub fn sprint(db: &Connection, id: SprintId) -> Result<Sprint> {
    db.query_row(&format!("SELECT {SPRINT_COLUMNS} FROM sprints WHERE id = ?1"), [id], sprint_row)
        .optional()?
        .ok_or(Error::NotFound("The sprint"))
}

fn sprint_values(s: &Sprint) -> [rusqlite::types::Value; 9] {
    use rusqlite::types::Value;
    let minutes = |f: fn(&SprintOutcome) -> i64| s.outcome.as_ref().map_or(Value::Null, |o| Value::Integer(f(o)));
    [
        Value::Integer(s.project_id),
        Value::Text(s.name.clone()),
        Value::Text(s.goal.clone()),
        Value::Text(date_text(s.start)),
        Value::Text(date_text(s.finish)),
        Value::Text(s.state.code().into()),
        minutes(|o| o.committed),
        minutes(|o| o.completed),
        minutes(|o| o.carried),
    ]
}

/// Adds a sprint; returns its id.
pub fn insert_sprint(db: &Connection, s: &Sprint) -> Result<SprintId> {
    db.prepare_cached(
        "INSERT INTO sprints (project_id, name, goal, start_date, finish_date, state,
             committed_minutes, completed_minutes, carried_minutes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(rusqlite::params_from_iter(sprint_values(s)))?;
    Ok(db.last_insert_rowid())
}

/// Writes every field of a sprint.
pub fn update_sprint(db: &Connection, s: &Sprint) -> Result<()> {
    let values = std::iter::once(rusqlite::types::Value::Integer(s.id)).chain(sprint_values(s));
    let changed = db
        .prepare_cached(
            "UPDATE sprints SET project_id = ?2, name = ?3, goal = ?4, start_date = ?5, finish_date = ?6, state = ?7,
                 committed_minutes = ?8, completed_minutes = ?9, carried_minutes = ?10
             WHERE id = ?1",
        )?
        .execute(rusqlite::params_from_iter(values))?;
    if changed == 0 { Err(Error::NotFound("The sprint")) } else { Ok(()) }
}

/// Removes a sprint; its tasks go back to the backlog.
pub fn delete_sprint(db: &Connection, id: SprintId) -> Result<()> {
    let changed = db.execute("DELETE FROM sprints WHERE id = ?1", [id])?;
    if changed == 0 { Err(Error::NotFound("The sprint")) } else { Ok(()) }
}

/// Which sprint each of a project's planned tasks is in.
pub fn sprint_tasks(db: &Connection, project: ProjectId) -> Result<Vec<(TaskId, SprintId)>> {
    let mut stmt = db.prepare_cached(
        "SELECT st.task_id, st.sprint_id FROM sprint_tasks st JOIN tasks t ON t.id = st.task_id
         WHERE t.project_id = ?1",
    )?;
    Ok(stmt.query_map([project], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
}

/// Plans a task into a sprint, or (with `None`) back into the backlog.
pub fn plan_task(db: &Connection, task: TaskId, sprint: Option<SprintId>) -> Result<()> {
    match sprint {
        Some(s) => db.execute(
            "INSERT INTO sprint_tasks (task_id, sprint_id) VALUES (?1, ?2)
             ON CONFLICT (task_id) DO UPDATE SET sprint_id = excluded.sprint_id",
            params![task, s],
        )?,
        None => db.execute("DELETE FROM sprint_tasks WHERE task_id = ?1", [task])?,
    };
    Ok(())
}
