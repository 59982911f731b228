//! The board and sprints. One task is one card: a card's column is the
//! task's board status, so moving a card changes the same task the Gantt
//! shows, and editing the task's progress moves its card.
//!
//! Summary tasks are epics (a swimlane, not a card) and milestones stay on
//! the timeline; every other task is a card. Estimates are work: a task's
//! working minutes times its assignees' units (100 % when nobody is on it).

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use gantry_core::calendar::WorkCalendar;
use gantry_core::model::*;
use gantry_core::{validate, wbs};
use gantry_store::Db;

use crate::error::refused;
use crate::wire::*;
use crate::{
    Error, Portfolio, Result, initials, newest_baseline, nodes, project_calendar, run_schedule, wire_datetime,
};

/// The most labels a task carries, and the longest label.
const MAX_LABELS: usize = 20;
const MAX_LABEL_CHARS: usize = 40;
/// The most cards a WIP limit may name.
const MAX_WIP_LIMIT: i64 = 10_000;
/// The longest sprint, in days.
const MAX_SPRINT_DAYS: i64 = 366;

/// Clean labels: trimmed, each a short name, no duplicates, sorted.
pub(crate) fn checked_labels(raw: &[String]) -> Result<Vec<String>> {
    let mut out = BTreeSet::new();
    for label in raw {
        let label = validate::name("labels", "A label", label)?;
        if label.chars().count() > MAX_LABEL_CHARS {
            return Err(invalid("labels", format!("The label “{label}” is longer than {MAX_LABEL_CHARS} characters.")));
        }
        out.insert(label);
    }
    if out.len() > MAX_LABELS {
        return Err(invalid(
            "labels",
            format!("A task carries at most {MAX_LABELS} labels; this one has {}.", out.len()),
        ));
    }
    Ok(out.into_iter().collect())
}

fn invalid(field: &'static str, message: String) -> Error {
    validate::ValidationError { field, message }.into()
}

/// Whether a task is a card: not a summary (an epic), not a milestone.
fn is_card(t: &Task, parents: &BTreeSet<TaskId>) -> bool {
    t.kind != TaskKind::Milestone && t.kind != TaskKind::Summary && !parents.contains(&t.id)
}

/// A card where the board shows it.
#[derive(Debug, Clone, Copy)]
struct Slot {
    task: TaskId,
    /// Its stored rank, or `None` when it was never placed in this column.
    rank: Option<f64>,
}

/// Every card of a project by column (in `columns` order), each column in
/// its order: placed cards by rank, then the others by priority and outline.
fn layout(columns: &[BoardColumn], tasks: &[Task], places: &[CardPlace]) -> Vec<Vec<Slot>> {
    let parents: BTreeSet<TaskId> = tasks.iter().filter_map(|t| t.parent_id).collect();
    let order: HashMap<TaskId, usize> =
        wbs::outline(&nodes(tasks)).iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let place: HashMap<TaskId, &CardPlace> = places.iter().map(|p| (p.task_id, p)).collect();
    let mut slots: Vec<Vec<(Slot, (u8, usize))>> = vec![Vec::new(); columns.len()];
    for t in tasks.iter().filter(|t| is_card(t, &parents)) {
        let placed = place.get(&t.id).and_then(|p| {
            columns.iter().position(|c| c.id == p.column_id && c.stage == t.board_status).map(|i| (i, p.rank))
        });
        let (column, rank) = match placed {
            Some((i, rank)) => (i, Some(rank)),
            None => (columns.iter().position(|c| c.stage == t.board_status).unwrap_or(0), None),
        };
        let urgency =
            Priority::ALL.len() as u8 - Priority::ALL.iter().position(|p| *p == t.priority).unwrap_or(0) as u8;
        if let Some(list) = slots.get_mut(column) {
            list.push((Slot { task: t.id, rank }, (urgency, order.get(&t.id).copied().unwrap_or(usize::MAX))));
        }
    }
    slots
        .into_iter()
        .map(|mut list| {
            list.sort_by(|(a, ka), (b, kb)| match (a.rank, b.rank) {
                (Some(x), Some(y)) => x.total_cmp(&y).then(ka.1.cmp(&kb.1)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => ka.cmp(kb),
            });
            list.into_iter().map(|(s, _)| s).collect()
        })
        .collect()
}

/// Each task's assignees' units summed, in percent.
pub(crate) fn units(db: &Db, project: ProjectId) -> gantry_store::Result<HashMap<TaskId, i64>> {
    let mut units: HashMap<TaskId, i64> = HashMap::new();
    for a in gantry_store::assignments(db, project)? {
        *units.entry(a.task_id).or_default() += i64::from(a.units_percent);
    }
    Ok(units)
}

/// What a sprint of these tasks committed, finished and leaves over, and
/// which of them are unfinished.
pub(crate) fn outcome(items: &[&Task], units: &HashMap<TaskId, i64>) -> (SprintOutcome, Vec<TaskId>) {
    let committed: i64 = items.iter().map(|t| work(t, units)).sum();
    let completed: i64 = items.iter().filter(|t| t.is_finished()).map(|t| work(t, units)).sum();
    let unfinished = items.iter().filter(|t| !t.is_finished()).map(|t| t.id).collect();
    (SprintOutcome { committed, completed, carried: committed - completed }, unfinished)
}

/// A task's work in minutes: its duration times its assignees' units.
fn work(t: &Task, units: &HashMap<TaskId, i64>) -> i64 {
    let percent = units.get(&t.id).copied().filter(|u| *u > 0).unwrap_or(100);
    t.duration_minutes.saturating_mul(percent) / 100
}

/// When a finished task was finished, as far as the file knows.
fn finished_at(t: &Task) -> Option<NaiveDateTime> {
    if !t.is_finished() {
        return None;
    }
    Some(t.actual_finish.unwrap_or(NaiveDateTime::MIN))
}

/// The burndown of a sprint: a point at its start, then one at the end of
/// each working day, with the ideal line and the work still open.
fn burndown(
    sprint: &Sprint,
    calendar: &WorkCalendar,
    items: &[(&Task, i64)],
    today: NaiveDate,
    carried: i64,
) -> Vec<BurnPoint> {
    let days: Vec<NaiveDate> =
        sprint.start.iter_days().take_while(|d| *d <= sprint.finish).filter(|d| calendar.is_working_day(*d)).collect();
    let total: i64 = items.iter().map(|(_, w)| w).sum::<i64>() + carried;
    let open_at = |moment: NaiveDateTime| -> i64 {
        carried + items.iter().filter(|(t, _)| finished_at(t).is_none_or(|f| f > moment)).map(|(_, w)| w).sum::<i64>()
    };
    let known =
        |day: NaiveDate| sprint.state == SprintState::Closed || (sprint.state == SprintState::Active && day <= today);
    let n = days.len() as i64;
    let first = days.first().copied().unwrap_or(sprint.start);
    let mut points = vec![BurnPoint {
        date: first.format("%Y-%m-%d").to_string(),
        ideal_minutes: total,
        remaining_minutes: known(first).then(|| open_at(first.and_time(NaiveTime::MIN))),
    }];
    for (i, day) in days.iter().enumerate() {
        let end = day.succ_opt().unwrap_or(*day).and_time(NaiveTime::MIN);
        points.push(BurnPoint {
            date: day.format("%Y-%m-%d").to_string(),
            ideal_minutes: total * (n - i as i64 - 1) / n.max(1),
            remaining_minutes: known(*day).then(|| open_at(end)),
        });
    }
    points
}

impl Portfolio {
    /// A project's board: columns, cards in order, sprints with their
    /// figures. `today` decides what is late and which burndown days are past.
    pub fn board(&self, id: ProjectId, today: NaiveDate) -> Result<ProjectBoard> {
        let db = self.store.db();
        let project = gantry_store::project(db, id)?;
        let calendars = gantry_store::calendars(db)?;
        let calendar = project_calendar(&project, &calendars);
        let tasks = gantry_store::tasks(db, id)?;
        let links = gantry_store::links(db, id)?;
        let s = run_schedule(&project, &calendars, &tasks, &links);
        let columns = gantry_store::board_columns(db, id)?;
        let slots = layout(&columns, &tasks, &gantry_store::card_places(db, id)?);
        let by_id: HashMap<TaskId, usize> = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
        let outline: HashMap<TaskId, String> =
            wbs::outline(&nodes(&tasks)).into_iter().map(|r| (r.id, r.outline)).collect();
        let team: HashMap<MemberId, TeamMember> = gantry_store::team(db)?.into_iter().map(|m| (m.id, m)).collect();
        let units = units(db, id)?;
        let mut people = crate::assignees(db, id)?;
        let project_people: BTreeSet<(String, MemberId)> =
            people.values().flatten().map(|a| (a.name.clone(), a.member_id)).collect();
        let mut labels = crate::task_labels(db, id)?;
        let all_labels: BTreeSet<String> = labels.values().flatten().cloned().collect();
        let sprint_of: HashMap<TaskId, SprintId> = gantry_store::sprint_tasks(db, id)?.into_iter().collect();
        let baseline: HashMap<TaskId, NaiveDateTime> = match newest_baseline(gantry_store::baselines(db, id)?) {
            Some(b) => gantry_store::baseline_tasks(db, b.id)?.into_iter().map(|t| (t.task_id, t.finish)).collect(),
            None => HashMap::new(),
        };

        let mut cards = Vec::new();
        for (column, list) in columns.iter().zip(&slots) {
            for slot in list {
                let Some(&i) = by_id.get(&slot.task) else { continue };
                let (t, d) = (&tasks[i], &s.tasks[i]);
                let late = if t.is_finished() {
                    None
                } else if d.finish.date() < today {
                    Some(format!("Due {}, not finished", d.finish.format("%a %-d %b %Y")))
                } else {
                    baseline.get(&t.id).and_then(|base| {
                        let behind = crate::working_days_between(&calendar, *base, d.finish, project.durations);
                        (behind > 0.0).then(|| format!("{behind} d behind the baseline"))
                    })
                };
                let epic = t.parent_id.and_then(|p| by_id.get(&p)).map(|&p| &tasks[p]);
                cards.push(Card {
                    task_id: t.id,
                    column_id: column.id,
                    outline: outline.get(&t.id).cloned().unwrap_or_default(),
                    name: t.name.clone(),
                    epic_id: epic.map(|e| e.id),
                    epic: epic.map(|e| e.name.clone()),
                    assignees: people.remove(&t.id).unwrap_or_default(),
                    due: wire_datetime(d.finish),
                    priority: t.priority,
                    percent_complete: t.percent_complete,
                    critical: d.critical,
                    late,
                    labels: labels.remove(&t.id).unwrap_or_default(),
                    sprint_id: sprint_of.get(&t.id).copied(),
                    work_minutes: work(t, &units),
                });
            }
        }

        // The team's capacity: each person on the project, by their share.
        let team_capacity: Vec<u16> =
            project_people.iter().filter_map(|(_, m)| team.get(m)).map(|m| m.capacity_percent).collect();
        let sprints = gantry_store::sprints(db, id)?
            .into_iter()
            .map(|sp| {
                let items: Vec<(&Task, i64)> = tasks
                    .iter()
                    .filter(|t| sprint_of.get(&t.id) == Some(&sp.id))
                    .map(|t| (t, work(t, &units)))
                    .collect();
                let open_work: i64 = items.iter().map(|(_, w)| w).sum();
                let done_work: i64 = items.iter().filter(|(t, _)| t.is_finished()).map(|(_, w)| w).sum();
                let (committed, completed, carried) = match (sp.state, sp.outcome) {
                    (SprintState::Closed, Some(o)) => (o.committed, o.completed, o.carried),
                    _ => (open_work, done_work, 0),
                };
                let from = sp.start.and_time(NaiveTime::MIN);
                let to = sp.finish.succ_opt().unwrap_or(sp.finish).and_time(NaiveTime::MIN);
                let hours = calendar.working_minutes_between(from, to);
                let capacity = team_capacity.iter().map(|c| hours * i64::from(*c) / 100).sum();
                SprintRow {
                    id: sp.id,
                    burndown: burndown(&sp, &calendar, &items, today, carried),
                    name: sp.name,
                    goal: sp.goal,
                    start: sp.start.format("%Y-%m-%d").to_string(),
                    finish: sp.finish.format("%Y-%m-%d").to_string(),
                    state: sp.state,
                    committed_minutes: committed,
                    completed_minutes: completed,
                    carried_minutes: carried,
                    capacity_minutes: capacity,
                }
            })
            .collect();
        Ok(ProjectBoard {
            project_id: id,
            wip_policy: gantry_store::wip_policy(db, id)?,
            columns: columns
                .iter()
                .map(|c| ColumnRow { id: c.id, name: c.name.clone(), stage: c.stage, wip_limit: c.wip_limit })
                .collect(),
            cards,
            sprints,
            labels: all_labels.into_iter().collect(),
            people: project_people
                .into_iter()
                .map(|(name, member_id)| AssigneeRef {
                    member_id,
                    initials: initials(&name),
                    name,
                    units_percent: 100,
                    work_minutes: 0,
                })
                .collect(),
        })
    }

    /// Drops a card in a column, before another card or at the end. Moving
    /// it to another stage updates the task: in progress or review sets the
    /// actual start (to `now`) if it has none; done sets 100 % and the actual
    /// finish; leaving done reopens the task.
    pub fn move_card(&mut self, task: TaskId, drop: &CardDrop, now: NaiveDateTime) -> Result<CardMoved> {
        let db = self.store.db();
        let before = gantry_store::task(db, task)?;
        let project = gantry_store::project(db, before.project_id)?;
        let column = gantry_store::board_column(db, drop.column_id)?;
        if column.project_id != project.id {
            return Err(refused("That column is on another project's board."));
        }
        let tasks = gantry_store::tasks(db, project.id)?;
        let parents: BTreeSet<TaskId> = tasks.iter().filter_map(|t| t.parent_id).collect();
        if !is_card(&before, &parents) {
            return Err(refused(if before.kind == TaskKind::Milestone {
                format!("“{}” is a milestone; milestones stay on the timeline.", before.name)
            } else {
                format!("“{}” is a summary task (an epic); move its tasks instead.", before.name)
            }));
        }
        let columns = gantry_store::board_columns(db, project.id)?;
        let slots = layout(&columns, &tasks, &gantry_store::card_places(db, project.id)?);
        let target = columns.iter().position(|c| c.id == column.id).unwrap_or(0);
        let already_there = slots[target].iter().any(|s| s.task == task);
        let others: Vec<Slot> = slots[target].iter().copied().filter(|s| s.task != task).collect();
        let at = match drop.before {
            Some(b) => others.iter().position(|s| s.task == b).ok_or_else(|| {
                refused("The card to drop before is no longer in that column; the board has changed.")
            })?,
            None => others.len(),
        };
        let mut warning = None;
        if let Some(limit) = column.wip_limit
            && !already_there
            && others.len() >= limit as usize
        {
            let held = others.len();
            match gantry_store::wip_policy(db, project.id)? {
                WipPolicy::Refuse => {
                    return Err(refused(format!(
                        "“{}” holds at most {limit} cards (its WIP limit) and has {held}. Finish or move one first, or raise the limit.",
                        column.name
                    )));
                }
                WipPolicy::Warn => {
                    warning =
                        Some(format!("“{}” now holds {} cards; its WIP limit is {limit}.", column.name, held + 1));
                }
            }
        }

        // The rank between the neighbours, or a fresh numbering of the column.
        let prev = at.checked_sub(1).and_then(|i| others.get(i));
        let next = others.get(at);
        let between = match (prev.map(|s| s.rank), next.map(|s| s.rank)) {
            (None, None) => Some(1.0),
            (Some(Some(p)), None) => Some(p + 1.0),
            (None, Some(Some(n))) => Some(n - 1.0),
            (Some(Some(p)), Some(Some(n))) => Some(p + (n - p) / 2.0).filter(|r| p < *r && *r < n),
            _ => None,
        };
        let places: Vec<CardPlace> = match between {
            Some(rank) => vec![CardPlace { task_id: task, column_id: column.id, rank }],
            None => {
                let mut order: Vec<TaskId> = others.iter().map(|s| s.task).collect();
                order.insert(at, task);
                order
                    .into_iter()
                    .enumerate()
                    .map(|(i, t)| CardPlace { task_id: t, column_id: column.id, rank: i as f64 + 1.0 })
                    .collect()
            }
        };

        let mut t = before.clone();
        if column.stage != before.board_status {
            let start =
                run_schedule(&project, &gantry_store::calendars(db)?, &tasks, &gantry_store::links(db, project.id)?)
                    .get(task)
                    .map(|d| d.start)
                    .unwrap_or(now);
            let reopened = before.board_status == BoardStatus::Done;
            match column.stage {
                BoardStatus::InProgress | BoardStatus::Review => {
                    t.actual_start.get_or_insert(now);
                    if reopened {
                        t.actual_finish = None;
                        t.percent_complete = t.percent_complete.min(99);
                    }
                }
                BoardStatus::Done => {
                    let started = *t.actual_start.get_or_insert(start.min(now));
                    t.percent_complete = 100;
                    t.actual_finish = Some(now.max(started));
                }
                BoardStatus::Backlog | BoardStatus::Todo => {
                    if reopened {
                        t.actual_finish = None;
                        t.actual_start = None;
                        t.percent_complete = 0;
                    }
                }
            }
            t.board_status = column.stage;
        }
        let label = if already_there {
            format!("Reorder “{}” in “{}”", t.name, column.name)
        } else {
            format!("Move “{}” to “{}”", t.name, column.name)
        };
        self.store.write(&label, |db| {
            if t != before {
                gantry_store::update_task(db, &t)?;
            }
            for p in &places {
                gantry_store::place_card(db, p)?;
            }
            Ok(())
        })?;
        Ok(CardMoved { warning })
    }

    /// Adds a column to a project's board, after `after` or at the end.
    pub fn add_board_column(
        &mut self,
        project: ProjectId,
        fields: &ColumnFields,
        after: Option<ColumnId>,
    ) -> Result<ColumnId> {
        gantry_store::project(self.store.db(), project)?;
        let (name, limit) = checked_column(fields)?;
        let mut columns = gantry_store::board_columns(self.store.db(), project)?;
        let at = match after {
            Some(a) => columns
                .iter()
                .position(|c| c.id == a)
                .map(|i| i + 1)
                .ok_or_else(|| refused("That column is not on this board."))?,
            None => columns.len(),
        };
        let column =
            BoardColumn { id: 0, project_id: project, name, stage: fields.stage, position: 0, wip_limit: limit };
        columns.insert(at, column.clone());
        Ok(self.store.write(&format!("Add column “{}”", column.name), |db| {
            let id = gantry_store::insert_board_column(db, &column)?;
            renumber(db, columns.into_iter().map(|c| if c.id == 0 { BoardColumn { id, ..c } } else { c }).collect())?;
            Ok(id)
        })?)
    }

    /// Renames a column, changes its stage or its WIP limit.
    pub fn edit_board_column(&mut self, id: ColumnId, fields: &ColumnFields) -> Result<()> {
        let db = self.store.db();
        let before = gantry_store::board_column(db, id)?;
        let (name, limit) = checked_column(fields)?;
        if fields.stage != before.stage {
            only_column_of_its_stage(db, &before)?;
        }
        let column = BoardColumn { name, stage: fields.stage, wip_limit: limit, ..before.clone() };
        if column == before {
            return Ok(());
        }
        let label = if column.name != before.name {
            format!("Rename column “{}” to “{}”", before.name, column.name)
        } else {
            format!("Change column “{}”", column.name)
        };
        Ok(self.store.write(&label, |db| gantry_store::update_board_column(db, &column))?)
    }

    /// Moves a column to place `to` (0 is leftmost).
    pub fn move_board_column(&mut self, id: ColumnId, to: usize) -> Result<()> {
        let db = self.store.db();
        let column = gantry_store::board_column(db, id)?;
        let mut columns = gantry_store::board_columns(db, column.project_id)?;
        let from = columns.iter().position(|c| c.id == id).unwrap_or(0);
        let moved = columns.remove(from);
        columns.insert(to.min(columns.len()), moved);
        Ok(self.store.write(&format!("Move column “{}”", column.name), |db| renumber(db, columns))?)
    }

    /// Removes an empty column that is not its stage's only one.
    pub fn delete_board_column(&mut self, id: ColumnId) -> Result<()> {
        let db = self.store.db();
        let column = gantry_store::board_column(db, id)?;
        only_column_of_its_stage(db, &column)?;
        let columns = gantry_store::board_columns(db, column.project_id)?;
        let tasks = gantry_store::tasks(db, column.project_id)?;
        let slots = layout(&columns, &tasks, &gantry_store::card_places(db, column.project_id)?);
        let held = columns.iter().position(|c| c.id == id).map_or(0, |i| slots[i].len());
        if held > 0 {
            return Err(refused(format!(
                "“{}” holds {held} card{}; move {} to another column first.",
                column.name,
                if held == 1 { "" } else { "s" },
                if held == 1 { "it" } else { "them" }
            )));
        }
        Ok(self
            .store
            .write(&format!("Delete column “{}”", column.name), |db| gantry_store::delete_board_column(db, id))?)
    }

    /// Whether a drop on a full column is refused or only warned about.
    pub fn set_wip_policy(&mut self, project: ProjectId, policy: WipPolicy) -> Result<()> {
        let p = gantry_store::project(self.store.db(), project)?;
        let label = match policy {
            WipPolicy::Warn => format!("Warn about full columns in “{}”", p.name),
            WipPolicy::Refuse => format!("Refuse drops on full columns in “{}”", p.name),
        };
        Ok(self.store.write(&label, |db| gantry_store::set_wip_policy(db, project, policy))?)
    }

    // ------------------------------------------------------------ sprints

    /// Plans a new sprint.
    pub fn create_sprint(&mut self, project: ProjectId, fields: &SprintFields) -> Result<SprintId> {
        gantry_store::project(self.store.db(), project)?;
        let sprint = checked_sprint(project, fields)?;
        Ok(self
            .store
            .write(&format!("Add sprint “{}”", sprint.name), |db| gantry_store::insert_sprint(db, &sprint))?)
    }

    /// Changes a sprint's name, goal or dates.
    pub fn edit_sprint(&mut self, id: SprintId, fields: &SprintFields) -> Result<()> {
        let before = gantry_store::sprint(self.store.db(), id)?;
        let new = checked_sprint(before.project_id, fields)?;
        let sprint = Sprint { id, state: before.state, outcome: before.outcome, ..new };
        if sprint == before {
            return Ok(());
        }
        Ok(self
            .store
            .write(&format!("Edit sprint “{}”", sprint.name), |db| gantry_store::update_sprint(db, &sprint))?)
    }

    /// Removes a sprint; its tasks go back to the backlog.
    pub fn delete_sprint(&mut self, id: SprintId) -> Result<()> {
        let sprint = gantry_store::sprint(self.store.db(), id)?;
        Ok(self
            .store
            .write(&format!("Delete sprint “{}”", sprint.name), |db| gantry_store::delete_sprint(db, id))?)
    }

    /// Plans a task into an open sprint, or with `None` back into the backlog.
    pub fn plan_task(&mut self, task: TaskId, sprint: Option<SprintId>) -> Result<()> {
        let db = self.store.db();
        let t = gantry_store::task(db, task)?;
        let tasks = gantry_store::tasks(db, t.project_id)?;
        let parents: BTreeSet<TaskId> = tasks.iter().filter_map(|t| t.parent_id).collect();
        if !is_card(&t, &parents) {
            return Err(refused(format!(
                "“{}” is a summary task or a milestone; plan its work items instead.",
                t.name
            )));
        }
        let label = match sprint {
            Some(id) => {
                let s = gantry_store::sprint(db, id)?;
                if s.project_id != t.project_id {
                    return Err(refused("That sprint belongs to another project."));
                }
                if s.state == SprintState::Closed {
                    return Err(refused(format!("“{}” is closed; plan into an open sprint.", s.name)));
                }
                format!("Plan “{}” into “{}”", t.name, s.name)
            }
            None => format!("Move “{}” to the backlog", t.name),
        };
        Ok(self.store.write(&label, |db| gantry_store::plan_task(db, task, sprint))?)
    }

    /// Starts a planned sprint; a project runs one sprint at a time.
    pub fn start_sprint(&mut self, id: SprintId) -> Result<()> {
        let db = self.store.db();
        let sprint = gantry_store::sprint(db, id)?;
        if sprint.state != SprintState::Planned {
            return Err(refused(format!(
                "“{}” is {}; only a planned sprint can start.",
                sprint.name,
                sprint.state.label().to_lowercase()
            )));
        }
        if let Some(active) =
            gantry_store::sprints(db, sprint.project_id)?.into_iter().find(|s| s.state == SprintState::Active)
        {
            return Err(refused(format!(
                "“{}” is still running; close it before starting “{}”.",
                active.name, sprint.name
            )));
        }
        let started = Sprint { state: SprintState::Active, ..sprint };
        Ok(self
            .store
            .write(&format!("Start “{}”", started.name), |db| gantry_store::update_sprint(db, &started))?)
    }

    /// Closes the running sprint: what it committed, finished and carried
    /// over is recorded, and its unfinished tasks go to the backlog or to
    /// the next planned sprint.
    pub fn close_sprint(&mut self, id: SprintId, carry: CarryOver) -> Result<()> {
        let db = self.store.db();
        let sprint = gantry_store::sprint(db, id)?;
        if sprint.state != SprintState::Active {
            return Err(refused(format!("“{}” is not running; only a running sprint can close.", sprint.name)));
        }
        let next = match carry {
            CarryOver::Backlog => None,
            CarryOver::NextSprint => Some(
                gantry_store::sprints(db, sprint.project_id)?
                    .into_iter()
                    .find(|s| s.state == SprintState::Planned && s.id != id)
                    .ok_or_else(|| {
                        refused(format!("No sprint is planned after “{}” to take its unfinished work.", sprint.name))
                    })?,
            ),
        };
        let tasks = gantry_store::tasks(db, sprint.project_id)?;
        let planned: BTreeSet<TaskId> = gantry_store::sprint_tasks(db, sprint.project_id)?
            .into_iter()
            .filter(|(_, s)| *s == id)
            .map(|(t, _)| t)
            .collect();
        let items: Vec<&Task> = tasks.iter().filter(|t| planned.contains(&t.id)).collect();
        let (outcome, unfinished) = outcome(&items, &units(db, sprint.project_id)?);
        let closed = Sprint { state: SprintState::Closed, outcome: Some(outcome), ..sprint };
        let label = match &next {
            Some(n) => format!("Close “{}” (unfinished work to “{}”)", closed.name, n.name),
            None => format!("Close “{}”", closed.name),
        };
        Ok(self.store.write(&label, |db| {
            gantry_store::update_sprint(db, &closed)?;
            for t in &unfinished {
                gantry_store::plan_task(db, *t, next.as_ref().map(|n| n.id))?;
            }
            Ok(())
        })?)
    }
}

fn checked_column(fields: &ColumnFields) -> Result<(String, Option<u32>)> {
    let name = validate::name("name", "The column name", &fields.name)?;
    let limit = match fields.wip_limit {
        None => None,
        Some(n) if (1..=MAX_WIP_LIMIT).contains(&n) => Some(n as u32),
        Some(n) => {
            return Err(invalid(
                "wipLimit",
                format!(
                    "A WIP limit is a number of cards from 1 to {MAX_WIP_LIMIT}, not {n}; leave it empty for no limit."
                ),
            ));
        }
    };
    Ok((name, limit))
}

/// Refuses to take away the last column of a stage: its cards would have
/// nowhere to be.
fn only_column_of_its_stage(db: &Db, column: &BoardColumn) -> Result<()> {
    let same = gantry_store::board_columns(db, column.project_id)?.iter().filter(|c| c.stage == column.stage).count();
    if same <= 1 {
        return Err(refused(format!(
            "“{}” is the board's only “{}” column; add another for that stage first.",
            column.name,
            column.stage.label()
        )));
    }
    Ok(())
}

fn renumber(db: &Db, columns: Vec<BoardColumn>) -> gantry_store::Result<()> {
    for (i, c) in columns.into_iter().enumerate() {
        let position = i as i64 + 1;
        if c.position != position {
            gantry_store::update_board_column(db, &BoardColumn { position, ..c })?;
        }
    }
    Ok(())
}

fn checked_sprint(project: ProjectId, f: &SprintFields) -> Result<Sprint> {
    let name = validate::name("name", "The sprint name", &f.name)?;
    let goal = validate::text("goal", "The sprint goal", &f.goal)?;
    let start = validate::date("start", &f.start)?;
    let finish = validate::date("finish", &f.finish)?;
    if finish < start {
        return Err(invalid("finish", format!("The sprint ends ({finish}) before it starts ({start}).")));
    }
    if (finish - start).num_days() >= MAX_SPRINT_DAYS {
        return Err(invalid("finish", format!("A sprint lasts at most {MAX_SPRINT_DAYS} days; split this one.")));
    }
    Ok(Sprint { id: 0, project_id: project, name, goal, start, finish, state: SprintState::Planned, outcome: None })
}
