//! What the Gantt view does beyond editing one task: drags previewed while
//! the pointer moves and committed as one step, links drawn between bars,
//! and baselines.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{NaiveDateTime, TimeDelta};
use gantry_core::calendar::WorkCalendar;
use gantry_core::model::*;
use gantry_core::schedule::{Schedule, Scheduler};
use gantry_core::{units, validate};

use crate::error::refused;
use crate::wire::*;
use crate::{Portfolio, Result, kept_schedule, moved_task, task_calendar, wire_datetime};

/// The longest drag: a century of calendar time, far beyond any plan.
const MAX_DRAG_MINUTES: i64 = 100 * 366 * 24 * 60;

/// A project's schedule inputs and dates, kept while the store is unchanged
/// so that each preview of a drag reschedules only what it reaches.
pub(crate) struct Loaded {
    /// The connection's change count when this was read: any write since
    /// makes it stale.
    changes: (u64, u64),
    project: Project,
    calendars: Vec<WorkCalendar>,
    /// The tasks and their dates as stored.
    tasks: Vec<Task>,
    links: Vec<Link>,
    schedule: Schedule,
    /// The plan kept scheduled, holding the last preview's changes.
    kept: Scheduler<'static>,
    /// The tasks the last preview changed, by index.
    previewed: Vec<usize>,
    /// The tasks whose dates any preview since loading moved, by index.
    touched: BTreeSet<usize>,
    index: HashMap<TaskId, usize>,
    children: HashMap<TaskId, Vec<TaskId>>,
}

impl Loaded {
    fn task(&self, id: TaskId) -> Result<(usize, &Task)> {
        match self.index.get(&id) {
            Some(&i) => Ok((i, &self.tasks[i])),
            None => Err(gantry_store::Error::NotFound("The task").into()),
        }
    }

    /// The stored plan with `changed` in place of some tasks, rescheduled
    /// from the last preview: what moved compared with the stored dates,
    /// listed for the tasks `shown` (all when `None`) and counted for all.
    fn preview(&mut self, changed: &[(usize, Task)], shown: Option<&[TaskId]>) -> Rescheduled {
        // The last preview's tasks go back to their stored selves, unless
        // this one changes them again.
        let mut batch: Vec<Task> = self
            .previewed
            .iter()
            .filter(|&&i| !changed.iter().any(|(j, _)| *j == i))
            .map(|&i| self.tasks[i].clone())
            .collect();
        batch.extend(changed.iter().map(|(_, t)| t.clone()));
        self.previewed = changed.iter().map(|(i, _)| *i).collect();
        match self.kept.reschedule(batch) {
            Ok(moved) => self.touched.extend(moved),
            // A drag changes durations and constraints only, which never
            // alters the network; should it, schedule the plan anew.
            Err(_) => {
                let mut tasks = self.tasks.clone();
                for (i, t) in changed {
                    tasks[*i] = t.clone();
                }
                self.kept = kept_schedule(&self.project, &self.calendars, &tasks, &self.links);
                self.touched = (0..tasks.len()).collect();
            }
        }
        let (now, stored) = (self.kept.dates(), &self.schedule.tasks);
        let moved = |&i: &usize| (now[i].start, now[i].finish) != (stored[i].start, stored[i].finish);
        let listed: Vec<usize> = match shown {
            None => self.touched.iter().copied().filter(moved).collect(),
            Some(ids) => {
                let mut listed: Vec<usize> =
                    ids.iter().filter_map(|id| self.index.get(id).copied()).filter(moved).collect();
                listed.sort_unstable();
                listed.dedup();
                listed
            }
        };
        Rescheduled {
            moved: listed.into_iter().map(|i| moved_task(&now[i], &self.tasks[i].name)).collect(),
            moved_count: self.touched.iter().filter(|i| moved(i)).count(),
            finish_before: wire_datetime(self.schedule.finish),
            finish_after: wire_datetime(self.kept.finish()),
        }
    }
}

/// What a drag changes: the edited tasks with their index, and the label of
/// the undo step.
struct Dragged {
    changed: Vec<(usize, Task)>,
    label: String,
}

fn dragged(l: &Loaded, drag: &Drag) -> Result<Dragged> {
    match drag {
        Drag::Move { tasks, minutes } => {
            if minutes.abs() > MAX_DRAG_MINUTES {
                return Err(refused("A task cannot move by more than a century."));
            }
            let mut leaves = Vec::new();
            let mut seen = HashSet::new();
            let mut stack = Vec::new();
            for &id in tasks {
                l.task(id)?;
                stack.push(id);
                while let Some(id) = stack.pop() {
                    match l.children.get(&id) {
                        Some(kids) => stack.extend(kids),
                        None if seen.insert(id) => leaves.push(id),
                        None => {}
                    }
                }
            }
            let mut changed = Vec::with_capacity(leaves.len());
            for id in leaves {
                let (i, t) = l.task(id)?;
                let start = l.schedule.tasks[i].start;
                let target = start
                    .checked_add_signed(TimeDelta::minutes(*minutes))
                    .ok_or_else(|| refused("That move goes beyond the calendar."))?;
                let at = task_calendar(&l.project, &l.calendars, t).next_start(target);
                let mut moved = t.clone();
                moved.constraint = Constraint { kind: ConstraintKind::Snet, date: Some(at) };
                moved.settle_edit(t);
                changed.push((i, moved));
            }
            let label = match tasks.as_slice() {
                [one] => format!("Move “{}”", l.task(*one)?.1.name),
                many => format!("Move {} tasks", many.len()),
            };
            Ok(Dragged { changed, label })
        }
        Drag::Resize { task, finish } => {
            let (i, t) = l.task(*task)?;
            if l.children.contains_key(task) {
                return Err(refused(format!("“{}” is a summary: its subtasks set its dates.", t.name)));
            }
            if t.kind == TaskKind::Milestone {
                return Err(refused(format!("“{}” is a milestone and has no duration to stretch.", t.name)));
            }
            let finish = validate::datetime("finish", finish)?;
            let cal = task_calendar(&l.project, &l.calendars, t);
            let start = l.schedule.tasks[i].start;
            let minutes = if t.duration_elapsed {
                (finish - start).num_minutes()
            } else {
                cal.working_minutes_between(start, cal.previous_finish(finish))
            };
            if finish <= start || minutes <= 0 {
                return Err(refused(format!(
                    "“{}” would end before it starts ({}).",
                    t.name,
                    start.format("%Y-%m-%d %H:%M")
                )));
            }
            let mut stretched = t.clone();
            stretched.duration_minutes = validate::duration("finish", minutes)?;
            stretched.estimated = false;
            stretched.settle_edit(t);
            let t = stretched;
            let label = format!("Change duration of “{}”", t.name);
            Ok(Dragged { changed: vec![(i, t)], label })
        }
    }
}

impl Portfolio {
    /// The project's inputs and schedule, read again only after a write.
    fn loaded(&mut self, project: ProjectId) -> Result<&mut Loaded> {
        let changes = self.store.state();
        let fresh = matches!(&self.loaded, Some(l) if l.project.id == project && l.changes == changes);
        if !fresh {
            let db = self.store.db();
            let p = gantry_store::project(db, project)?;
            let calendars = gantry_store::calendars(db)?;
            let tasks = gantry_store::tasks(db, project)?;
            let links = gantry_store::links(db, project)?;
            let kept = kept_schedule(&p, &calendars, &tasks, &links);
            let schedule = kept.schedule();
            let index = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
            let mut children: HashMap<TaskId, Vec<TaskId>> = HashMap::new();
            for t in &tasks {
                if let Some(parent) = t.parent_id {
                    children.entry(parent).or_default().push(t.id);
                }
            }
            self.loaded = Some(Loaded {
                changes,
                project: p,
                calendars,
                tasks,
                links,
                schedule,
                kept,
                previewed: Vec::new(),
                touched: BTreeSet::new(),
                index,
                children,
            });
        }
        Ok(self.loaded.as_mut().expect("loaded just above"))
    }

    /// Where everything would land if the drag were dropped now: the new
    /// dates of the moved tasks among `shown` (of all when `None`), and how
    /// many moved in all. A view on a huge plan asks about the rows on
    /// screen, so that the answer stays small however much moves. Writes
    /// nothing.
    pub fn preview_drag(&mut self, project: ProjectId, drag: &Drag, shown: Option<&[TaskId]>) -> Result<Rescheduled> {
        let l = self.loaded(project)?;
        let d = dragged(l, drag)?;
        Ok(l.preview(&d.changed, shown))
    }

    /// Drops a drag: one undoable step, and what it moved, listed as by
    /// [`Portfolio::preview_drag`].
    pub fn drag(&mut self, project: ProjectId, drag: &Drag, shown: Option<&[TaskId]>) -> Result<Rescheduled> {
        let l = self.loaded(project)?;
        let d = dragged(l, drag)?;
        let moved = l.preview(&d.changed, shown);
        self.store.write(&d.label, |db| d.changed.iter().try_for_each(|(_, t)| gantry_store::update_task(db, t)))?;
        Ok(moved)
    }

    /// Adds a dependency drawn between two bars, with its lag as typed.
    pub fn add_link(&mut self, new: &NewLink) -> Result<LinkId> {
        let t = gantry_store::task(self.store.db(), new.predecessor)?;
        let durations = gantry_store::project(self.store.db(), t.project_id)?.durations;
        let lag = units::parse_lag(&new.lag, durations)?;
        self.link_tasks(new.predecessor, new.successor, new.kind, lag)
    }

    /// Changes a dependency's type and lag. A lag left as shown keeps its
    /// minutes and whether it is elapsed time.
    pub fn edit_link(&mut self, id: LinkId, edit: &LinkEdit) -> Result<()> {
        let db = self.store.db();
        let before = gantry_store::link(db, id)?;
        let from = gantry_store::task(db, before.predecessor)?;
        let to = gantry_store::task(db, before.successor)?;
        let durations = gantry_store::project(db, from.project_id)?.durations;
        let mut link = before;
        link.kind = edit.kind;
        if edit.lag.trim() != lag_text(&before, durations) {
            link.lag_minutes = units::parse_lag(&edit.lag, durations)?;
            link.lag_elapsed = false;
        }
        if link == before {
            return Ok(());
        }
        let label = format!("Change link “{}” → “{}”", from.name, to.name);
        Ok(self.store.write(&label, |db| gantry_store::update_link(db, &link))?)
    }

    /// Saves the project's current dates as a named baseline.
    pub fn save_baseline(&mut self, project: ProjectId, name: &str, now: NaiveDateTime) -> Result<BaselineId> {
        let name = validate::name("name", "The baseline name", name)?;
        let l = self.loaded(project)?;
        let rows = baseline_rows(&l.project, &l.calendars, &l.tasks, &l.schedule);
        let baseline = Baseline { id: 0, project_id: project, name, saved_at: now };
        // What each task costs now, so that planned value has a measure.
        let costs = crate::budget::baseline_cost_rows(self.store.db(), project, now.date())?;
        let label = format!("Save baseline “{}”", baseline.name);
        Ok(self.store.write(&label, |db| {
            let id = gantry_store::insert_baseline(db, &baseline, &rows)?;
            gantry_store::insert_baseline_costs(db, id, &costs)?;
            Ok(id)
        })?)
    }

    /// Removes a baseline.
    pub fn delete_baseline(&mut self, id: BaselineId) -> Result<()> {
        let b = gantry_store::baseline(self.store.db(), id)?;
        let label = format!("Delete baseline “{}”", b.name);
        Ok(self.store.write(&label, |db| gantry_store::delete_baseline(db, id))?)
    }

    /// The dates a baseline saved, for the bars drawn under the plan's.
    pub fn baseline_dates(&self, id: BaselineId) -> Result<Vec<BaselineDates>> {
        Ok(gantry_store::baseline_tasks(self.store.db(), id)?
            .into_iter()
            .map(|b| BaselineDates {
                task_id: b.task_id,
                start: wire_datetime(b.start),
                finish: wire_datetime(b.finish),
            })
            .collect())
    }
}

/// The dates and durations a baseline keeps of each task of a scheduled
/// plan; a summary keeps the working time between its start and finish.
pub(crate) fn baseline_rows(
    project: &Project,
    calendars: &[WorkCalendar],
    tasks: &[Task],
    s: &Schedule,
) -> Vec<BaselineTask> {
    tasks
        .iter()
        .zip(&s.tasks)
        .map(|(t, d)| BaselineTask {
            task_id: t.id,
            start: d.start,
            finish: d.finish,
            duration_minutes: if d.summary {
                task_calendar(project, calendars, t).working_minutes_between(d.start, d.finish).max(0)
            } else {
                t.duration_minutes
            },
        })
        .collect()
}

/// A link's lag as the plan shows it: "+2d", or "+2ed" for elapsed time.
pub(crate) fn lag_text(l: &Link, durations: DurationSettings) -> String {
    match l.lag_minutes {
        0 => String::new(),
        m if l.lag_elapsed => format!("{}{}", if m > 0 { "+" } else { "-" }, units::format_elapsed(m.abs())),
        m => units::format_lag(m, durations),
    }
}
