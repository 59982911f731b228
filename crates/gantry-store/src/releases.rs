//! Releases with their scope, environments, checklist, go/no-go
//! checkpoints and waves, and the checklist templates people keep.

use std::collections::HashMap;

use gantry_core::model::ProjectId;
use gantry_core::releases::*;
use rusqlite::{Connection, OptionalExtension, params};

use crate::rows::{Date, DateTime, code, date_text, datetime_text};
use crate::{Error, Result};

const RELEASE_COLUMNS: &str = "id, project_id, name, version, milestone_id, state, strategy, window_start, window_end, \
     freeze_start, freeze_end, rollback_steps, rollback_owner_id, rollback_decide_by, rollback_minutes, notes";

fn release_row(r: &rusqlite::Row) -> rusqlite::Result<Release> {
    let window = match (r.get::<_, Option<DateTime>>(7)?, r.get::<_, Option<DateTime>>(8)?) {
        (Some(s), Some(e)) => Some(Window { start: s.0, end: e.0 }),
        _ => None,
    };
    let freeze = match (r.get::<_, Option<Date>>(9)?, r.get::<_, Option<Date>>(10)?) {
        (Some(s), Some(e)) => Some((s.0, e.0)),
        _ => None,
    };
    Ok(Release {
        id: r.get(0)?,
        project_id: r.get(1)?,
        name: r.get(2)?,
        version: r.get(3)?,
        milestone_id: r.get(4)?,
        state: code(r, 5, ReleaseState::from_code)?,
        strategy: code(r, 6, Strategy::from_code)?,
        window,
        freeze,
        rollback: Rollback {
            steps: r.get(11)?,
            owner_id: r.get(12)?,
            decide_by: r.get::<_, Option<DateTime>>(13)?.map(|t| t.0),
            minutes: r.get(14)?,
        },
        notes: r.get(15)?,
        scope: Vec::new(),
        environments: Vec::new(),
    })
}

/// A project's releases (or the portfolio's), in the order they change
/// over (those without a window last), with their scope and environments.
pub fn releases(db: &Connection, project: Option<ProjectId>) -> Result<Vec<Release>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {RELEASE_COLUMNS} FROM releases WHERE ?1 IS NULL OR project_id = ?1
         ORDER BY window_start IS NULL, window_start, id"
    ))?;
    let mut out: Vec<Release> = stmt.query_map([project], release_row)?.collect::<rusqlite::Result<_>>()?;
    let mut scope: HashMap<ReleaseId, Vec<i64>> = HashMap::new();
    let mut stmt = db.prepare_cached("SELECT release_id, task_id FROM release_tasks ORDER BY release_id, task_id")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, ReleaseId>(0)?, r.get::<_, i64>(1)?)))? {
        let (r, t) = row?;
        scope.entry(r).or_default().push(t);
    }
    let mut envs: HashMap<ReleaseId, Vec<(Environment, chrono::NaiveDate)>> = HashMap::new();
    let mut stmt = db.prepare_cached("SELECT release_id, environment, passed_on FROM release_environments")?;
    for row in stmt.query_map([], |r| {
        Ok((r.get::<_, ReleaseId>(0)?, code(r, 1, Environment::from_code)?, r.get::<_, Date>(2)?.0))
    })? {
        let (r, e, d) = row?;
        envs.entry(r).or_default().push((e, d));
    }
    for r in &mut out {
        r.scope = scope.remove(&r.id).unwrap_or_default();
        r.environments = envs.remove(&r.id).unwrap_or_default();
        r.environments.sort();
    }
    Ok(out)
}

pub fn release(db: &Connection, id: ReleaseId) -> Result<Release> {
    let project: ProjectId = db
        .query_row("SELECT project_id FROM releases WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound("The release"))?;
    releases(db, Some(project))?.into_iter().find(|r| r.id == id).ok_or(Error::NotFound("The release"))
}

/// Inserts or (with an id) rewrites a release with its scope and environments.
pub fn save_release(db: &Connection, r: &Release) -> Result<ReleaseId> {
    let id = if r.id == 0 {
        db.execute("INSERT INTO releases (project_id, name) VALUES (?1, ?2)", params![r.project_id, r.name])?;
        db.last_insert_rowid()
    } else {
        r.id
    };
    db.execute(
        "UPDATE releases SET name = ?2, version = ?3, milestone_id = ?4, state = ?5, strategy = ?6,
             window_start = ?7, window_end = ?8, freeze_start = ?9, freeze_end = ?10, rollback_steps = ?11,
             rollback_owner_id = ?12, rollback_decide_by = ?13, rollback_minutes = ?14, notes = ?15
         WHERE id = ?1",
        params![
            id,
            r.name,
            r.version,
            r.milestone_id,
            r.state.code(),
            r.strategy.code(),
            datetime_text(r.window.map(|w| w.start)),
            datetime_text(r.window.map(|w| w.end)),
            r.freeze.map(|f| date_text(f.0)),
            r.freeze.map(|f| date_text(f.1)),
            r.rollback.steps,
            r.rollback.owner_id,
            datetime_text(r.rollback.decide_by),
            r.rollback.minutes,
            r.notes,
        ],
    )?;
    let before = if r.id == 0 { None } else { Some(release(db, id)?) };
    if before.as_ref().map(|b| &b.scope) != Some(&r.scope) {
        db.execute("DELETE FROM release_tasks WHERE release_id = ?1", [id])?;
        for t in &r.scope {
            db.execute("INSERT OR IGNORE INTO release_tasks (release_id, task_id) VALUES (?1, ?2)", params![id, t])?;
        }
    }
    if before.as_ref().map(|b| &b.environments) != Some(&r.environments) {
        db.execute("DELETE FROM release_environments WHERE release_id = ?1", [id])?;
        for (env, day) in &r.environments {
            db.execute(
                "INSERT OR REPLACE INTO release_environments (release_id, environment, passed_on) VALUES (?1, ?2, ?3)",
                params![id, env.code(), date_text(*day)],
            )?;
        }
    }
    Ok(id)
}

pub fn delete_release(db: &Connection, id: ReleaseId) -> Result<()> {
    db.execute("DELETE FROM releases WHERE id = ?1", [id])?;
    Ok(())
}

// -------------------------------------------------------------- checklist

const ITEM_COLUMNS: &str = "id, release_id, grp, title, owner_id, due_on, done_on, position";

fn item_row(r: &rusqlite::Row) -> rusqlite::Result<ChecklistItem> {
    Ok(ChecklistItem {
        id: r.get(0)?,
        release_id: r.get(1)?,
        group: code(r, 2, ChecklistGroup::from_code)?,
        title: r.get(3)?,
        owner_id: r.get(4)?,
        due: r.get::<_, Date>(5)?.0,
        done_on: r.get::<_, Option<Date>>(6)?.map(|d| d.0),
        position: r.get(7)?,
    })
}

/// A release's checklist in its order.
pub fn checklist(db: &Connection, release: ReleaseId) -> Result<Vec<ChecklistItem>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM checklist_items WHERE release_id = ?1 ORDER BY position, id"
    ))?;
    Ok(stmt.query_map([release], item_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn checklist_item(db: &Connection, id: ChecklistItemId) -> Result<ChecklistItem> {
    db.query_row(&format!("SELECT {ITEM_COLUMNS} FROM checklist_items WHERE id = ?1"), [id], item_row)
        .optional()?
        .ok_or(Error::NotFound("The checklist item"))
}

pub fn save_checklist_item(db: &Connection, i: &ChecklistItem) -> Result<ChecklistItemId> {
    if i.id == 0 {
        db.execute(
            "INSERT INTO checklist_items (release_id, grp, title, owner_id, due_on, done_on, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                     (SELECT coalesce(max(position), 0) + 1 FROM checklist_items WHERE release_id = ?1))",
            params![i.release_id, i.group.code(), i.title, i.owner_id, date_text(i.due), i.done_on.map(date_text)],
        )?;
        return Ok(db.last_insert_rowid());
    }
    db.execute(
        "UPDATE checklist_items SET grp = ?2, title = ?3, owner_id = ?4, due_on = ?5, done_on = ?6 WHERE id = ?1",
        params![i.id, i.group.code(), i.title, i.owner_id, date_text(i.due), i.done_on.map(date_text)],
    )?;
    Ok(i.id)
}

pub fn delete_checklist_item(db: &Connection, id: ChecklistItemId) -> Result<()> {
    db.execute("DELETE FROM checklist_items WHERE id = ?1", [id])?;
    Ok(())
}

// ------------------------------------------------------ go/no-go and waves

const CHECKPOINT_COLUMNS: &str = "id, release_id, title, at, criteria, verdict, decided_by, note";

fn checkpoint_row(r: &rusqlite::Row) -> rusqlite::Result<Checkpoint> {
    Ok(Checkpoint {
        id: r.get(0)?,
        release_id: r.get(1)?,
        title: r.get(2)?,
        at: r.get::<_, DateTime>(3)?.0,
        criteria: r.get(4)?,
        verdict: code(r, 5, Verdict::from_code)?,
        decided_by: r.get(6)?,
        note: r.get(7)?,
    })
}

pub fn checkpoints(db: &Connection, release: ReleaseId) -> Result<Vec<Checkpoint>> {
    let mut stmt =
        db.prepare_cached(&format!("SELECT {CHECKPOINT_COLUMNS} FROM go_no_go WHERE release_id = ?1 ORDER BY at, id"))?;
    Ok(stmt.query_map([release], checkpoint_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn checkpoint(db: &Connection, id: CheckpointId) -> Result<Checkpoint> {
    db.query_row(&format!("SELECT {CHECKPOINT_COLUMNS} FROM go_no_go WHERE id = ?1"), [id], checkpoint_row)
        .optional()?
        .ok_or(Error::NotFound("The go/no-go checkpoint"))
}

pub fn save_checkpoint(db: &Connection, c: &Checkpoint) -> Result<CheckpointId> {
    let id = if c.id == 0 {
        db.execute(
            "INSERT INTO go_no_go (release_id, title, at) VALUES (?1, ?2, ?3)",
            params![c.release_id, c.title, datetime_text(Some(c.at))],
        )?;
        db.last_insert_rowid()
    } else {
        c.id
    };
    db.execute(
        "UPDATE go_no_go SET title = ?2, at = ?3, criteria = ?4, verdict = ?5, decided_by = ?6, note = ?7 WHERE id = ?1",
        params![id, c.title, datetime_text(Some(c.at)), c.criteria, c.verdict.code(), c.decided_by, c.note],
    )?;
    Ok(id)
}

pub fn delete_checkpoint(db: &Connection, id: CheckpointId) -> Result<()> {
    db.execute("DELETE FROM go_no_go WHERE id = ?1", [id])?;
    Ok(())
}

pub fn waves(db: &Connection, release: ReleaseId) -> Result<Vec<Wave>> {
    let mut stmt = db.prepare_cached(
        "SELECT id, release_id, name, start_date, finish_date FROM release_waves WHERE release_id = ?1
         ORDER BY start_date, id",
    )?;
    let rows = stmt.query_map([release], |r| {
        Ok(Wave {
            id: r.get(0)?,
            release_id: r.get(1)?,
            name: r.get(2)?,
            start: r.get::<_, Date>(3)?.0,
            finish: r.get::<_, Date>(4)?.0,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn save_wave(db: &Connection, w: &Wave) -> Result<WaveId> {
    if w.id == 0 {
        db.execute(
            "INSERT INTO release_waves (release_id, name, start_date, finish_date) VALUES (?1, ?2, ?3, ?4)",
            params![w.release_id, w.name, date_text(w.start), date_text(w.finish)],
        )?;
        return Ok(db.last_insert_rowid());
    }
    db.execute(
        "UPDATE release_waves SET name = ?2, start_date = ?3, finish_date = ?4 WHERE id = ?1",
        params![w.id, w.name, date_text(w.start), date_text(w.finish)],
    )?;
    Ok(w.id)
}

pub fn wave_release(db: &Connection, id: WaveId) -> Result<ReleaseId> {
    db.query_row("SELECT release_id FROM release_waves WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound("The wave"))
}

pub fn delete_wave(db: &Connection, id: WaveId) -> Result<()> {
    db.execute("DELETE FROM release_waves WHERE id = ?1", [id])?;
    Ok(())
}

// -------------------------------------------------------------- templates

/// The kept checklist templates by name, with their items.
pub fn checklist_templates(db: &Connection) -> Result<Vec<(i64, String, Vec<TemplateItem>)>> {
    let mut items: HashMap<i64, Vec<TemplateItem>> = HashMap::new();
    let mut stmt = db.prepare_cached(
        "SELECT template_id, grp, title, days_before FROM checklist_template_items ORDER BY template_id, position",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            TemplateItem { group: code(r, 1, ChecklistGroup::from_code)?, title: r.get(2)?, days_before: r.get(3)? },
        ))
    })? {
        let (t, item) = row?;
        items.entry(t).or_default().push(item);
    }
    let mut stmt = db.prepare_cached("SELECT id, name FROM checklist_templates ORDER BY name")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name) = row?;
        out.push((id, name, items.remove(&id).unwrap_or_default()));
    }
    Ok(out)
}

/// Keeps a checklist as a template under `name`, replacing one of that name.
pub fn save_checklist_template(db: &Connection, name: &str, items: &[TemplateItem]) -> Result<i64> {
    db.execute("DELETE FROM checklist_templates WHERE name = ?1", [name])?;
    db.execute("INSERT INTO checklist_templates (name) VALUES (?1)", [name])?;
    let id = db.last_insert_rowid();
    for (position, i) in items.iter().enumerate() {
        db.execute(
            "INSERT INTO checklist_template_items (template_id, position, grp, title, days_before)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, position as i64, i.group.code(), i.title, i.days_before],
        )?;
    }
    Ok(id)
}
