//! The critical path method on working calendars.
//!
//! Every task is two nodes of one graph: its start and its finish. A summary's
//! start node comes before its children's starts (links into a summary hold
//! back all of its children) and its finish node after their finishes (the
//! summary rolls up). A link runs from the predecessor's finish node to the
//! successor's start node, whatever its type, because by then both dates of
//! the predecessor are known. One topological order of that graph serves the
//! forward pass, and its reverse the backward pass: O(tasks + links). A
//! cycle in the graph is reported with the tasks that form it.
//!
//! Dates are minutes on one clock, and each calendar is indexed once over
//! the plan's span ([`CalendarIndex`]). Plain tasks (see [`Scheduler`]) are
//! scheduled in integer working positions; the rest take calendar steps.
//! A property test holds both ways to the same answers on random plans.

use std::borrow::Cow;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{NaiveDate, NaiveDateTime};

use crate::calendar::{CalendarIndex, Minute, WorkCalendar};
use crate::model::{CalendarId, ConstraintKind, Link, LinkKind, Task, TaskId, TaskKind};

/// What the scheduler needs to know.
pub struct ScheduleInput<'a> {
    /// The project's start; no task is scheduled before it.
    pub project_start: NaiveDateTime,
    /// The project calendar, used by tasks without one of their own.
    pub calendar: &'a WorkCalendar,
    /// Other calendars tasks may name.
    pub calendars: &'a [WorkCalendar],
    pub tasks: &'a [Task],
    pub links: &'a [Link],
    /// Progress is reported up to here: unfinished work is not scheduled
    /// before it, and started tasks resume their remaining work after it.
    pub status_date: Option<NaiveDateTime>,
}

/// The computed dates of one task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskDates {
    pub id: TaskId,
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    pub early_start: NaiveDateTime,
    pub early_finish: NaiveDateTime,
    pub late_start: NaiveDateTime,
    pub late_finish: NaiveDateTime,
    /// Working minutes the task can slip without moving the project finish.
    pub total_slack: i64,
    /// Working minutes the task can slip without moving any successor.
    pub free_slack: i64,
    pub critical: bool,
    pub summary: bool,
}

/// Something the user should know about the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub task: Option<TaskId>,
    pub message: String,
}

/// The result of scheduling: dates for every input task, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub tasks: Vec<TaskDates>,
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    /// Set when the links form a cycle; the tasks of the cycle, in order.
    pub cycle: Option<Vec<TaskId>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Schedule {
    /// The dates of one task.
    pub fn get(&self, id: TaskId) -> Option<&TaskDates> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// The tasks whose start or finish differ from `before`: what a change
    /// moved. Tasks new since `before` are not counted.
    pub fn moved_since(&self, before: &Schedule) -> Vec<&TaskDates> {
        let old: HashMap<TaskId, &TaskDates> = before.tasks.iter().map(|d| (d.id, d)).collect();
        self.tasks
            .iter()
            .filter(|d| old.get(&d.id).is_some_and(|o| o.start != d.start || o.finish != d.finish))
            .collect()
    }
}

/// Task ids are already well spread integers: hashing them again is waste.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_i64(&mut self, n: i64) {
        // Multiplying by an odd constant spreads sequential ids over the table.
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type IdMap<V> = HashMap<TaskId, V, BuildHasherDefault<IdHasher>>;

/// Lists per task, flattened: the items of task `i` are
/// `items[offsets[i]..offsets[i + 1]]` (compressed sparse rows), so a million
/// tasks cost two allocations, not a million, and a task's list is read in
/// one sweep of memory.
struct Adjacency<T> {
    offsets: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy> Adjacency<T> {
    /// Groups the `(row, item)` pairs that `each` emits by row, keeping
    /// their order within a row.
    fn new(rows: usize, blank: T, each: impl Fn(&mut dyn FnMut(u32, T))) -> Self {
        let [one] = Self::several(rows, blank, |emit| each(&mut |row, item| emit(0, row, item)));
        one
    }

    /// `N` adjacencies over the same rows from one source, which emits
    /// `(which, row, item)`. `each` runs twice: once to count, once to
    /// place, so no list of pairs is held in between, and a large source
    /// is read twice however many adjacencies it feeds.
    fn several<const N: usize>(rows: usize, blank: T, each: impl Fn(&mut dyn FnMut(usize, u32, T))) -> [Self; N] {
        let mut offsets: [Vec<u32>; N] = std::array::from_fn(|_| vec![0u32; rows + 1]);
        each(&mut |which, row, _| offsets[which][row as usize + 1] += 1);
        for o in &mut offsets {
            for i in 0..rows {
                o[i + 1] += o[i];
            }
        }
        let mut items: [Vec<T>; N] = std::array::from_fn(|k| vec![blank; offsets[k][rows] as usize]);
        let mut fill = offsets.clone();
        each(&mut |which, row, item| {
            let at = &mut fill[which][row as usize];
            items[which][*at as usize] = item;
            *at += 1;
        });
        let mut items = items.into_iter();
        offsets.map(|offsets| Adjacency { offsets, items: items.next().unwrap_or_default() })
    }

    /// No items in any row.
    fn empty(rows: usize) -> Self {
        Adjacency { offsets: vec![0; rows + 1], items: Vec::new() }
    }

    fn of(&self, row: usize) -> &[T] {
        &self.items[self.rows(row)]
    }

    /// Where row `row`'s items are in `items`.
    fn rows(&self, row: usize) -> std::ops::Range<usize> {
        self.offsets[row] as usize..self.offsets[row + 1] as usize
    }
}

/// The task network as index arrays.
struct Network {
    /// Where each task id is in the input.
    index: TaskIndex,
    parent: Vec<Option<usize>>,
    children: Adjacency<u32>,
    /// Per task, the links where it is the successor, naming the predecessor.
    incoming: Adjacency<Arc>,
    /// Per task, the links where it is the predecessor, naming the successor.
    outgoing: Adjacency<Arc>,
}

/// One end of a link, in eight bytes so that a million links stream
/// through the cache: the task at the other end, shifted past three bits
/// that hold the link's type and whether its lag is elapsed (so a plan
/// holds at most 2^29 tasks, a hundred times what fits in memory), and the lag.
#[derive(Clone, Copy)]
struct Arc {
    packed: u32,
    lag: i32,
}

/// The low bits of [`Arc::packed`].
const KIND_BITS: u32 = 0b11;
const ELAPSED_BIT: u32 = 0b100;

impl Arc {
    /// Lags longer than an `i32` of minutes (four thousand years) are held
    /// at that: no calendar reaches so far.
    fn new(task: usize, kind: LinkKind, lag: Lag) -> Self {
        let kind_bits = match kind {
            LinkKind::FinishToStart => 0,
            LinkKind::StartToStart => 1,
            LinkKind::FinishToFinish => 2,
            LinkKind::StartToFinish => 3,
        };
        let lag_minutes = lag.minutes.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
        Arc { packed: (task as u32) << 3 | if lag.elapsed { ELAPSED_BIT } else { 0 } | kind_bits, lag: lag_minutes }
    }

    fn task(self) -> usize {
        (self.packed >> 3) as usize
    }

    fn kind(self) -> LinkKind {
        match self.packed & KIND_BITS {
            0 => LinkKind::FinishToStart,
            1 => LinkKind::StartToStart,
            2 => LinkKind::FinishToFinish,
            _ => LinkKind::StartToFinish,
        }
    }

    /// Whether the link runs from its predecessor's finish (FS, FF), as
    /// [`LinkKind::from_finish`] without decoding the kind.
    fn runs_from_finish(self) -> bool {
        self.packed & 0b01 == 0
    }

    /// Whether the link holds its successor's finish (FF, SF).
    fn holds_finish(self) -> bool {
        self.packed & 0b10 != 0
    }

    fn lag(self) -> Lag {
        Lag { minutes: i64::from(self.lag), elapsed: self.packed & ELAPSED_BIT != 0 }
    }
}

/// A link's lag: working minutes on the successor's calendar, or calendar
/// minutes when elapsed.
#[derive(Clone, Copy)]
struct Lag {
    minutes: i64,
    elapsed: bool,
}

impl Lag {
    /// The moment the lag after `t`.
    fn after(self, cal: &mut CalendarIndex, t: Minute) -> Minute {
        self.shift(cal, t, self.minutes)
    }

    /// The moment the lag before `t`.
    fn before(self, cal: &mut CalendarIndex, t: Minute) -> Minute {
        self.shift(cal, t, -self.minutes)
    }

    fn shift(self, cal: &mut CalendarIndex, t: Minute, minutes: i64) -> Minute {
        if self.elapsed { t.saturating_add(minutes) } else { cal.add_minutes(t, minutes) }
    }
}

const fn start_node(i: usize) -> u32 {
    (2 * i) as u32
}
const fn finish_node(i: usize) -> u32 {
    (2 * i + 1) as u32
}
const fn is_start_node(node: u32) -> bool {
    node.is_multiple_of(2)
}

/// Where each task id is in the input: a table when the ids are close
/// together (as a database's are), a hash map otherwise.
enum TaskIndex {
    Dense { first: TaskId, at: Vec<u32> },
    Sparse(IdMap<usize>),
}

impl TaskIndex {
    fn new(ids: &[TaskId]) -> Self {
        let (lo, hi) = ids.iter().fold((TaskId::MAX, TaskId::MIN), |(lo, hi), &id| (lo.min(id), hi.max(id)));
        let width = hi.checked_sub(lo).and_then(|w| usize::try_from(w).ok()).and_then(|w| w.checked_add(1));
        match width {
            Some(width) if width <= ids.len().saturating_mul(4) + 64 => {
                let mut at = vec![u32::MAX; width];
                for (i, &id) in ids.iter().enumerate() {
                    at[(id - lo) as usize] = i as u32;
                }
                TaskIndex::Dense { first: lo, at }
            }
            _ => TaskIndex::Sparse(ids.iter().enumerate().map(|(i, &id)| (id, i)).collect()),
        }
    }

    fn get(&self, id: TaskId) -> Option<usize> {
        match self {
            TaskIndex::Dense { first, at } => {
                let slot = usize::try_from(id.checked_sub(*first)?).ok()?;
                at.get(slot).filter(|&&i| i != u32::MAX).map(|&i| i as usize)
            }
            TaskIndex::Sparse(map) => map.get(&id).copied(),
        }
    }
}

impl Network {
    /// The network of tasks with these ids and parents (in input order),
    /// and these links.
    fn new(ids: &[TaskId], parents: &[Option<TaskId>], links: &[Link]) -> Self {
        let index = TaskIndex::new(ids);
        let n = ids.len();
        let parent: Vec<Option<usize>> =
            parents.iter().enumerate().map(|(i, p)| p.and_then(|p| index.get(p)).filter(|p| *p != i)).collect();
        let children = Adjacency::new(n, 0, |emit| {
            for (i, p) in parent.iter().enumerate() {
                if let Some(p) = p {
                    emit(*p as u32, i as u32);
                }
            }
        });
        // Each link as an arc at both ends: from its successor back to its
        // predecessor (incoming), and from its predecessor on (outgoing).
        let blank = Arc { packed: 0, lag: 0 };
        let [incoming, outgoing] = Adjacency::several(n, blank, |emit| {
            for l in links {
                if let (Some(p), Some(s)) = (index.get(l.predecessor), index.get(l.successor)) {
                    let lag = Lag { minutes: l.lag_minutes, elapsed: l.lag_elapsed };
                    emit(0, s as u32, Arc::new(p, l.kind, lag));
                    emit(1, p as u32, Arc::new(s, l.kind, lag));
                }
            }
        });
        Network { index, parent, children, incoming, outgoing }
    }

    /// The same tasks and structure without any link.
    fn without_links(self) -> Self {
        let n = self.len();
        Network { incoming: Adjacency::empty(n), outgoing: Adjacency::empty(n), ..self }
    }

    fn len(&self) -> usize {
        self.parent.len()
    }

    fn is_summary(&self, i: usize) -> bool {
        !self.children.of(i).is_empty()
    }

    /// Calls `visit` with each node an edge leads to from `node`: structure
    /// first, then links.
    fn each_successor(&self, node: u32, mut visit: impl FnMut(u32)) {
        let i = node as usize / 2;
        if is_start_node(node) {
            if self.is_summary(i) {
                self.children.of(i).iter().for_each(|&c| visit(start_node(c as usize)));
            } else {
                visit(finish_node(i));
            }
        } else {
            if let Some(p) = self.parent[i] {
                visit(finish_node(p));
            }
            self.outgoing.of(i).iter().for_each(|a| visit(start_node(a.task())));
        }
    }

    /// Calls `visit` with each node an edge leads from to `node`.
    fn each_predecessor(&self, node: u32, mut visit: impl FnMut(u32)) {
        let i = node as usize / 2;
        if is_start_node(node) {
            if let Some(p) = self.parent[i] {
                visit(start_node(p));
            }
            self.incoming.of(i).iter().for_each(|a| visit(finish_node(a.task())));
        } else if self.is_summary(i) {
            self.children.of(i).iter().for_each(|&c| visit(finish_node(c as usize)));
        } else {
            visit(start_node(i));
        }
    }

    /// How many edges lead to each node.
    fn indegrees(&self) -> Vec<u32> {
        let mut indegree = Vec::with_capacity(self.len() * 2);
        for i in 0..self.len() {
            indegree.push(u32::from(self.parent[i].is_some()) + self.incoming.of(i).len() as u32);
            indegree.push(if self.is_summary(i) { self.children.of(i).len() as u32 } else { 1 });
        }
        indegree
    }

    /// A topological order of all nodes, or the tasks of a cycle.
    ///
    /// Kahn's algorithm, taking ready nodes in input order where it can: a
    /// sweep over the nodes takes each that is ready when it comes to it,
    /// and a node made ready behind the sweep is taken at once. Plans are
    /// mostly written in the order their work happens, so the passes then
    /// read the arrays front to back instead of jumping through them.
    fn order(&self) -> Result<Vec<u32>, Vec<usize>> {
        let nodes = self.len() * 2;
        let mut indegree = self.indegrees();
        let mut order = Vec::with_capacity(nodes);
        let mut behind: Vec<u32> = Vec::new();
        for sweep in 0..nodes as u32 {
            if indegree[sweep as usize] != 0 {
                continue;
            }
            let mut next = Some(sweep);
            while let Some(node) = next {
                order.push(node);
                self.each_successor(node, |s| {
                    let d = &mut indegree[s as usize];
                    *d -= 1;
                    // A node ahead of the sweep is taken when it gets there.
                    if *d == 0 && s < sweep {
                        behind.push(s);
                    }
                });
                next = behind.pop();
            }
        }
        if order.len() == nodes { Ok(order) } else { Err(self.cycle_among(&indegree)) }
    }

    /// Walks the nodes left with incoming edges until one repeats: that loop
    /// is a cycle. Returns its tasks in link order, each once.
    fn cycle_among(&self, indegree: &[u32]) -> Vec<usize> {
        let Some(first) = (0..indegree.len()).find(|&n| indegree[n] > 0) else {
            return Vec::new();
        };
        let mut seen_at: HashMap<u32, usize> = HashMap::new();
        let mut path: Vec<u32> = Vec::new();
        let mut node = first as u32;
        loop {
            if let Some(&at) = seen_at.get(&node) {
                let mut tasks: Vec<usize> = Vec::new();
                for &n in &path[at..] {
                    let t = n as usize / 2;
                    if tasks.last() != Some(&t) && !tasks.contains(&t) {
                        tasks.push(t);
                    }
                }
                return tasks;
            }
            seen_at.insert(node, path.len());
            path.push(node);
            let mut next = None;
            self.each_successor(node, |s| {
                if next.is_none() && indegree[s as usize] > 0 {
                    next = Some(s);
                }
            });
            match next {
                Some(n) => node = n,
                None => return Vec::new(),
            }
        }
    }
}

/// Finds a dependency cycle in the network, if there is one: the ids of its
/// tasks in order. Links between a summary and its own subtasks count, as
/// they can never be satisfied.
pub fn find_cycle(tasks: &[Task], links: &[Link]) -> Option<Vec<TaskId>> {
    let ids: Vec<TaskId> = tasks.iter().map(|t| t.id).collect();
    let parents: Vec<Option<TaskId>> = tasks.iter().map(|t| t.parent_id).collect();
    let net = Network::new(&ids, &parents, links);
    net.order().err().map(|c| c.into_iter().map(|i| tasks[i].id).collect())
}

/// Schedules the network. Never fails: a cycle or an impossible constraint
/// is reported in the result, and the dates stay defined.
pub fn schedule(input: &ScheduleInput) -> Schedule {
    Scheduler::new(input).into_schedule()
}

/// What the scheduler reads of every task, gathered in one sweep over the
/// tasks: a million tasks fill hundreds of megabytes, and each sweep over
/// them costs as much as a pass of the schedule.
struct Sweep {
    ids: Vec<TaskId>,
    parents: Vec<Option<TaskId>>,
    calendars: Vec<Option<CalendarId>>,
    /// Each task's duration, before summaries are known.
    durations: Vec<i64>,
    traits: Vec<Traits>,
    /// The days the calendar indexes count first: from a year before the
    /// earliest date the plan names to a year after the latest. They count
    /// further days as the schedule reaches them.
    span: (NaiveDate, NaiveDate),
}

impl Sweep {
    fn new(input: &ScheduleInput) -> Self {
        let n = input.tasks.len();
        let mut sweep = Sweep {
            ids: Vec::with_capacity(n),
            parents: Vec::with_capacity(n),
            calendars: Vec::with_capacity(n),
            durations: Vec::with_capacity(n),
            traits: Vec::with_capacity(n),
            span: (input.project_start.date(), input.project_start.date()),
        };
        let (mut lo, mut hi) = (input.project_start, input.project_start);
        for t in input.tasks {
            sweep.ids.push(t.id);
            sweep.parents.push(t.parent_id);
            sweep.calendars.push(t.scheduling_calendar());
            sweep.durations.push(duration(t));
            sweep.traits.push(Traits::of(t));
            for d in
                [t.constraint.date, t.actual_start, t.actual_finish, t.manual_finish, t.deadline].into_iter().flatten()
            {
                (lo, hi) = (lo.min(d), hi.max(d));
            }
        }
        if let Some(d) = input.status_date {
            (lo, hi) = (lo.min(d), hi.max(d));
        }
        let year = chrono::Duration::days(366);
        sweep.span = (
            lo.date().checked_sub_signed(year).unwrap_or(lo.date()),
            hi.date().checked_add_signed(year).unwrap_or(hi.date()),
        );
        sweep
    }
}

/// What of a task, besides its duration, the passes and its result depend on.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Traits {
    /// A dated constraint, an actual start, finished work or a deadline: the task takes
    /// calendar steps, not working positions.
    stepped: bool,
    /// As late as possible: its dates are its late ones.
    alap: bool,
    started: bool,
    finished: bool,
    /// Never critical, whatever its slack: finished work, and manual tasks
    /// whose duration is only an estimate (as MS Project has them).
    off_critical: bool,
    /// Its duration runs in calendar time.
    elapsed: bool,
    /// Scheduled by hand: it keeps the start and finish typed, and its late
    /// dates hang from its successors and the project finish (see
    /// [`Task::manual_finish`]).
    manual: bool,
}

impl Traits {
    fn of(t: &Task) -> Self {
        let dated = t.constraint.date.is_some() && t.constraint.kind.needs_date();
        let (started, finished) = (t.actual_start.is_some(), t.is_finished());
        Traits {
            stepped: dated
                || started
                || finished
                || t.duration_elapsed
                || t.manual
                || t.leveling_delay.minutes > 0
                || t.deadline.is_some(),
            alap: t.constraint.kind == ConstraintKind::Alap,
            started,
            finished,
            off_critical: finished || (t.manual && t.estimated),
            elapsed: t.duration_elapsed,
            manual: t.manual,
        }
    }
}

fn duration(t: &Task) -> i64 {
    // A split task's work spans its pauses too.
    if t.kind == TaskKind::Milestone { 0 } else { t.duration_minutes.max(0) + t.pauses() }
}

/// Where a zero-length task sits: at a finish if the moment is one (a
/// milestone after a task ending at 17:00 is at 17:00), else at the next start.
fn snap_point(cal: &mut CalendarIndex, t: Minute) -> Minute {
    if cal.previous_finish_minute(t) == t { t } else { cal.next_start_minute(t) }
}

/// Where a task may start at the earliest after moment `m`.
fn snap_start(cal: &mut CalendarIndex, zero_length: bool, m: Minute) -> Minute {
    if zero_length { snap_point(cal, m) } else { cal.next_start_minute(m) }
}

/// `minutes` of a task's duration from `from` (back when negative): working
/// minutes on its calendar, or calendar minutes for an elapsed duration.
fn run_for(cal: &mut CalendarIndex, elapsed: bool, from: Minute, minutes: i64) -> Minute {
    if elapsed { from + minutes } else { cal.add_minutes(from, minutes) }
}

/// The latest moment at or before `m` that a task's work can end: the end of
/// a working period, or `m` itself for an elapsed duration.
fn finish_by(cal: &mut CalendarIndex, elapsed: bool, m: Minute) -> Minute {
    if elapsed { m } else { cal.previous_finish_minute(m) }
}

/// The calendar index of every task. Moments are minutes on one clock:
/// every index starts on the same day.
struct Clocks {
    /// The project calendar's first, then the other calendars tasks use.
    indexes: Vec<CalendarIndex>,
    /// Whether each index's calendar works at all.
    works: Vec<bool>,
    /// Per task, its entry in `indexes`.
    of: Vec<u32>,
}

impl Clocks {
    /// The indexes of the project calendar and of the `calendars` tasks
    /// name (per task, in input order), over `span`.
    fn new(input: &ScheduleInput, calendars: &[Option<CalendarId>], span: (NaiveDate, NaiveDate)) -> Self {
        let (from, to) = span;
        let mut indexes = vec![CalendarIndex::new(input.calendar, from, to)];
        let mut at: HashMap<CalendarId, u32> = HashMap::new();
        let of = calendars
            .iter()
            .map(|&calendar| {
                let Some(id) = calendar else { return 0 };
                *at.entry(id).or_insert_with(|| match input.calendars.iter().find(|c| c.id == id) {
                    Some(c) => {
                        indexes.push(CalendarIndex::new(c, from, to));
                        indexes.len() as u32 - 1
                    }
                    None => 0,
                })
            })
            .collect();
        let works = indexes.iter_mut().map(CalendarIndex::works).collect();
        Clocks { indexes, works, of }
    }

    /// The calendar of task `i`.
    fn of(&mut self, i: usize) -> &mut CalendarIndex {
        &mut self.indexes[self.of[i] as usize]
    }

    /// Whether a link from `p` to `s` is counted on `p`'s calendar too, so
    /// that its lag adds to `p`'s working positions.
    fn shared(&self, p: usize, s: usize, lag: Lag) -> bool {
        !lag.elapsed && self.of[p] == self.of[s]
    }

    /// The clock all moments are on.
    fn clock(&self) -> &CalendarIndex {
        &self.indexes[0]
    }
}

/// A constraint a task cannot meet: what it asks, where the task is, and
/// what holds it there, in the planner's words.
#[derive(Clone, Copy)]
struct Conflict {
    what: &'static str,
    at: Minute,
    by: &'static str,
}

/// A change that [`Scheduler::reschedule`] cannot make in place, because it
/// alters the network: a task it does not know, or one given another parent
/// or calendar. Schedule the changed plan anew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetworkChanged {
    pub task: TaskId,
}

/// The critical path method over one plan, kept between changes.
///
/// [`schedule`] builds one, runs it and keeps only the result. Kept, it
/// answers a change to some tasks' durations, constraints or progress
/// ([`Scheduler::reschedule`]) by working only where the change reaches: the
/// network, the calendar indexes and every date are already in place, the
/// forward pass visits only nodes whose inputs moved, and the backward pass
/// too unless the project finish moved (which moves every late date).
///
/// Every date is kept twice: as a moment on the clock, and as its working
/// position on the task's own calendar. Most tasks are *plain* (a duration,
/// no dated constraint, no progress, on a calendar that works): their
/// passes are integer arithmetic on positions, because on one calendar the
/// next start after `n` working minutes past a finish is the latest moment
/// at the finish's position plus `n`. A moment is made from a position once
/// per date. Other tasks take calendar steps on moments.
pub struct Scheduler<'a> {
    tasks: Cow<'a, [Task]>,
    /// Each task's id and traits, as [`Sweep`] took them.
    ids: Vec<TaskId>,
    traits: Vec<Traits>,
    net: Network,
    /// A topological order of the nodes; with a cycle, of the structure alone.
    order: Vec<u32>,
    /// Each node's place in `order`, made at the first reschedule.
    rank: Vec<u32>,
    /// The tasks of the cycle the links form, in order.
    cycle: Option<Vec<usize>>,
    clocks: Clocks,
    by_positions: bool,
    duration: Vec<i64>,
    summary: Vec<bool>,
    plain: Vec<bool>,
    project_start: Minute,
    /// The earliest start of any task that is not a summary: before the
    /// project start when a dated constraint or an actual start puts one
    /// there.
    first_start: Minute,
    project_finish: Minute,
    status: Option<Minute>,
    es: Vec<Minute>,
    ef: Vec<Minute>,
    ls: Vec<Minute>,
    lf: Vec<Minute>,
    /// Working positions of the four dates, on each task's calendar.
    esp: Vec<i64>,
    efp: Vec<i64>,
    lsp: Vec<i64>,
    lfp: Vec<i64>,
    /// The earliest moment a summary's children may start, or
    /// [`PROJECT_FLOOR`] when only the project start holds them.
    floor: Vec<Minute>,
    /// The latest moment a summary's children may finish.
    ceiling: Vec<Minute>,
    /// Working minutes each task can slip before it moves a successor or
    /// the project finish: its free slack before the total slack bounds
    /// it. The backward pass sets it, as both read a task's successors.
    room: Vec<i64>,
    /// The project finish's working position on each calendar.
    finish_position: Vec<i64>,
    /// The constraints tasks cannot meet, by task.
    conflicts: BTreeMap<usize, Conflict>,
    /// The result, per task in input order.
    dates: Vec<TaskDates>,
    /// Nodes waiting in a reschedule's queue, and tasks a reschedule has
    /// already listed; all false between reschedules.
    queued: Vec<bool>,
    listed: Vec<bool>,
}

impl<'a> Scheduler<'a> {
    /// Schedules the plan, borrowing its tasks.
    pub fn new(input: &ScheduleInput<'a>) -> Self {
        Self::build(input, Cow::Borrowed(input.tasks), true)
    }
}

impl Scheduler<'static> {
    /// Schedules the plan on a copy of its tasks, so that the scheduler can
    /// be kept while the plan is edited elsewhere.
    pub fn owning(input: &ScheduleInput) -> Self {
        Self::build(input, Cow::Owned(input.tasks.to_vec()), true)
    }
}

impl<'a> Scheduler<'a> {
    /// Schedules with plain tasks on working positions (`by_positions`), or
    /// every task in calendar steps, which the tests hold the first way to.
    fn build(input: &ScheduleInput, tasks: Cow<'a, [Task]>, by_positions: bool) -> Self {
        let sweep = Sweep::new(input);
        let net = Network::new(&sweep.ids, &sweep.parents, input.links);
        let (net, order, cycle) = match net.order() {
            Ok(order) => (net, order, None),
            Err(cycle) => {
                // Schedule the structure alone so every task still has dates.
                let no_links = net.without_links();
                let order = no_links.order().unwrap_or_default();
                (no_links, order, Some(cycle))
            }
        };
        let n = tasks.len();
        let mut clocks = Clocks::new(input, &sweep.calendars, sweep.span);
        let summary: Vec<bool> = (0..n).map(|i| net.is_summary(i)).collect();
        let mut duration = sweep.durations;
        for (d, &s) in duration.iter_mut().zip(&summary) {
            if s {
                *d = 0;
            }
        }
        let clock = clocks.clock();
        let start = clock.minute(input.project_start);
        let status = input.status_date.map(|d| clock.minute(d));
        let project_start = clocks.indexes[0].next_start_minute(start);
        let mut s = Scheduler {
            tasks,
            ids: sweep.ids,
            traits: sweep.traits,
            net,
            order,
            rank: Vec::new(),
            cycle,
            clocks,
            by_positions,
            duration,
            summary,
            plain: Vec::new(),
            project_start,
            first_start: project_start,
            project_finish: project_start,
            status,
            es: vec![project_start; n],
            ef: vec![project_start; n],
            ls: Vec::new(),
            lf: Vec::new(),
            esp: vec![0; n],
            efp: vec![0; n],
            lsp: vec![0; n],
            lfp: vec![0; n],
            floor: vec![project_start; n],
            ceiling: Vec::new(),
            room: vec![0; n],
            finish_position: Vec::new(),
            conflicts: BTreeMap::new(),
            dates: Vec::new(),
            queued: Vec::new(),
            listed: Vec::new(),
        };
        s.plain = (0..n).map(|i| s.is_plain(i)).collect();
        s.forward_all();
        let finish = s.project_finish;
        s.ls = vec![finish; n];
        s.lf = vec![finish; n];
        s.ceiling = vec![finish; n];
        s.backward_all();
        s.dates = s.all_dates();
        s
    }

    /// Whether task `i` is scheduled on working positions.
    fn is_plain(&self, i: usize) -> bool {
        self.by_positions
            && !self.summary[i]
            && self.duration[i] > 0
            && !self.traits[i].stepped
            && self.clocks.works[self.clocks.of[i] as usize]
    }

    /// The tasks as scheduled, with the changes made since.
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    /// The dates of every task, in input order.
    pub fn dates(&self) -> &[TaskDates] {
        &self.dates
    }

    /// The project's start: its first working moment, or the earliest
    /// task's start when a dated constraint or an actual start puts a task
    /// before it (as MS Project's project summary starts).
    pub fn start(&self) -> NaiveDateTime {
        self.clocks.clock().datetime(self.project_start.min(self.first_start))
    }

    /// The project's finish: the latest finish of any task.
    pub fn finish(&self) -> NaiveDateTime {
        self.clocks.clock().datetime(self.project_finish)
    }

    /// What the user should know: a cycle first, then each constraint that
    /// cannot be met, in task order.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if let Some(cycle) = &self.cycle {
            let names: Vec<&str> = cycle.iter().map(|&i| self.tasks[i].name.as_str()).collect();
            out.push(Diagnostic {
                task: cycle.first().map(|&i| self.tasks[i].id),
                message: format!("These tasks depend on each other in a circle: {}.", names.join(" → ")),
            });
        }
        for (&i, c) in &self.conflicts {
            let t = &self.tasks[i];
            out.push(conflict(t, c, self.clocks.clock().datetime(c.at)));
        }
        out
    }

    /// The whole result.
    pub fn schedule(&self) -> Schedule {
        Schedule {
            tasks: self.dates.clone(),
            start: self.start(),
            finish: self.finish(),
            cycle: self.cycle_ids(),
            diagnostics: self.diagnostics(),
        }
    }

    /// The whole result, leaving the scheduler.
    pub fn into_schedule(mut self) -> Schedule {
        let (start, finish, cycle, diagnostics) = (self.start(), self.finish(), self.cycle_ids(), self.diagnostics());
        Schedule { tasks: std::mem::take(&mut self.dates), start, finish, cycle, diagnostics }
    }

    fn cycle_ids(&self) -> Option<Vec<TaskId>> {
        self.cycle.as_ref().map(|c| c.iter().map(|&i| self.tasks[i].id).collect())
    }

    /// Gives tasks new inputs (matched by id) and reschedules what they
    /// reach. Returns the tasks whose dates changed, by input index. A
    /// change may alter a task's duration, constraint, progress or kind, not
    /// its parent or calendar: those change the network, and are refused
    /// before anything changes.
    pub fn reschedule(&mut self, changed: Vec<Task>) -> Result<Vec<usize>, NetworkChanged> {
        let mut at = Vec::with_capacity(changed.len());
        for t in &changed {
            let refused = NetworkChanged { task: t.id };
            let i = self.net.index.get(t.id).ok_or(refused)?;
            let was = &self.tasks[i];
            if was.parent_id != t.parent_id || was.scheduling_calendar() != t.scheduling_calendar() {
                return Err(refused);
            }
            at.push(i);
        }
        let tasks = self.tasks.to_mut();
        for (t, &i) in changed.into_iter().zip(&at) {
            tasks[i] = t;
        }
        for &i in &at {
            self.traits[i] = Traits::of(&self.tasks[i]);
            self.duration[i] = if self.summary[i] { 0 } else { duration(&self.tasks[i]) };
            self.plain[i] = self.is_plain(i);
        }
        if self.rank.is_empty() {
            self.rank = vec![0; self.order.len()];
            for (r, &node) in self.order.iter().enumerate() {
                self.rank[node as usize] = r as u32;
            }
            self.queued = vec![false; self.order.len()];
            self.listed = vec![false; self.tasks.len()];
        }

        // Forward, from the changed tasks.
        let early_moved = self.propagate(at.iter().map(|&i| start_node(i)), true);
        let before = self.project_finish;
        self.set_finish();
        if self.project_finish != before {
            // Every late date hangs from the project finish.
            self.backward_all();
            return Ok(self.all_dates_again());
        }

        // Backward, from the changed tasks and those whose early dates moved
        // (a late date never passes an early one).
        let late_moved = self.propagate(at.iter().chain(&early_moved).map(|&i| finish_node(i)), false);

        // The results to compute again: the tasks whose dates moved, and the
        // predecessors of those whose early dates moved (their free slack).
        let mut again = Vec::new();
        for &i in at.iter().chain(&early_moved).chain(&late_moved) {
            list(&mut self.listed, &mut again, i);
        }
        for &i in &early_moved {
            for a in self.net.incoming.of(i) {
                list(&mut self.listed, &mut again, a.task());
            }
        }
        let mut was = Vec::with_capacity(again.len());
        for &i in &again {
            was.push((i, self.dates[i]));
            self.room[i] = self.room_of(i);
            self.dates[i] = self.dates_of(i);
        }
        // Summaries above them roll their critical flag up again, children
        // first.
        let mut summaries: Vec<usize> = again.iter().copied().filter(|&i| self.summary[i]).collect();
        for k in 0..again.len() {
            let mut up = self.net.parent[again[k]];
            while let Some(p) = up {
                if self.listed[p] {
                    break;
                }
                list(&mut self.listed, &mut again, p);
                was.push((p, self.dates[p]));
                summaries.push(p);
                up = self.net.parent[p];
            }
        }
        summaries.sort_unstable_by_key(|&p| self.rank[finish_node(p) as usize]);
        for p in summaries {
            let own = self.critical_alone(p, self.dates[p].total_slack);
            self.dates[p].critical = own || self.net.children.of(p).iter().any(|&c| self.dates[c as usize].critical);
        }
        for &i in &again {
            self.listed[i] = false;
        }
        let mut moved: Vec<usize> = was.into_iter().filter(|&(i, d)| self.dates[i] != d).map(|(i, _)| i).collect();
        moved.sort_unstable();
        Ok(moved)
    }

    /// One pass from the `seeds` over the nodes they reach, in topological
    /// order (`forward`) or its reverse: a node is computed again only when
    /// something it reads has moved. Returns the tasks whose dates moved.
    ///
    /// The nodes waiting wait in a priority queue by rank while they are
    /// few. Once a thirty-second of all nodes wait, the change reaches far,
    /// and a walk along the order from there, taking the nodes marked
    /// waiting, costs less than keeping them sorted.
    fn propagate(&mut self, seeds: impl Iterator<Item = u32>, forward: bool) -> Vec<usize> {
        // The queue pops the greatest key: ranks, negated to go forward.
        let key = move |rank: u32| if forward { -i64::from(rank) } else { i64::from(rank) };
        let mut queue = BinaryHeap::new();
        for node in seeds {
            enqueue(&mut self.queued, &self.rank, &mut queue, node, key);
        }
        let mut moved = Vec::new();
        while let Some(k) = queue.pop() {
            let rank = k.unsigned_abs() as usize;
            if queue.len() * 32 >= self.order.len() {
                // Every node in the queue is still marked waiting.
                let ranks: Box<dyn Iterator<Item = usize>> =
                    if forward { Box::new(rank..self.order.len()) } else { Box::new((0..=rank).rev()) };
                for rank in ranks {
                    let node = self.order[rank];
                    if self.queued[node as usize] && self.step(node, forward, &mut moved) {
                        let queued = &mut self.queued;
                        let mut mark = |n: u32| queued[n as usize] = true;
                        if forward {
                            self.net.each_successor(node, &mut mark)
                        } else {
                            self.net.each_predecessor(node, &mut mark)
                        }
                    }
                }
                break;
            }
            let node = self.order[rank];
            if self.step(node, forward, &mut moved) {
                let mut next = |n| enqueue(&mut self.queued, &self.rank, &mut queue, n, key);
                if forward {
                    self.net.each_successor(node, &mut next)
                } else {
                    self.net.each_predecessor(node, &mut next)
                }
            }
        }
        moved
    }

    /// Computes one waiting node of a [`Self::propagate`] again, listing its
    /// task in `moved` if its dates moved. Returns whether what it passes on
    /// may have moved.
    fn step(&mut self, node: u32, forward: bool, moved: &mut Vec<usize>) -> bool {
        self.queued[node as usize] = false;
        let i = node as usize / 2;
        // A task's node that computes nothing in this pass (its finish going
        // forward, its start going back) passes on what the other node set.
        if !self.summary[i] && is_start_node(node) != forward {
            return true;
        }
        let dates = |s: &Self| if forward { s.early(i) } else { s.late(i) };
        let before = dates(self);
        if forward {
            self.forward_at(node)
        } else {
            self.backward_at(node)
        }
        let changed = before != dates(self);
        if changed {
            moved.push(i);
        }
        changed
    }

    /// The earliest moment summary `i`'s children may start.
    fn floor_of(&self, i: usize) -> Minute {
        if self.floor[i] == PROJECT_FLOOR { self.project_start } else { self.floor[i] }
    }

    /// What the forward pass sets for task `i`.
    fn early(&self, i: usize) -> [Minute; 5] {
        [self.es[i], self.ef[i], self.esp[i], self.efp[i], self.floor[i]]
    }

    /// What the backward pass sets for task `i`.
    fn late(&self, i: usize) -> [Minute; 5] {
        [self.ls[i], self.lf[i], self.lsp[i], self.lfp[i], self.ceiling[i]]
    }

    fn on_clock(&self, t: Option<NaiveDateTime>) -> Option<Minute> {
        t.map(|t| self.clocks.clock().minute(t))
    }

    /// The earliest start and the latest finish of any task that is not a
    /// summary; the project start for both when there is none.
    fn span(&self) -> (Minute, Minute) {
        let tasks = (0..self.es.len()).filter(|&i| !self.summary[i]);
        match tasks.fold((Minute::MAX, Minute::MIN), |(first, last), i| (first.min(self.es[i]), last.max(self.ef[i]))) {
            (Minute::MAX, Minute::MIN) => (self.project_start, self.project_start),
            span => span,
        }
    }

    fn forward_all(&mut self) {
        let order = std::mem::take(&mut self.order);
        for &node in &order {
            self.forward_at(node);
        }
        self.order = order;
        self.set_finish();
    }

    /// The project finish from the early dates, and its working position
    /// on each calendar.
    fn set_finish(&mut self) {
        (self.first_start, self.project_finish) = self.span();
        let finish = self.project_finish;
        self.finish_position = self.clocks.indexes.iter_mut().map(|c| c.position(finish)).collect();
    }

    /// The forward pass at one node: a task's dates at its start node, a
    /// summary's roll-up at its finish node.
    fn forward_at(&mut self, node: u32) {
        let i = node as usize / 2;
        if !is_start_node(node) {
            if self.summary[i] {
                let (start, finish) = roll_up(self.net.children.of(i), &self.es, &self.ef, self.floor_of(i));
                let cal = self.clocks.of(i);
                (self.es[i], self.ef[i], self.esp[i], self.efp[i]) =
                    (start, finish, cal.position(start), cal.position(finish));
            }
            return;
        }
        if !self.conflicts.is_empty() {
            self.conflicts.remove(&i);
        }
        if !(self.plain[i] && self.forward_plain(i)) {
            self.forward_general(i);
        }
    }

    /// The forward pass of a plain task, on working positions; false when
    /// its dates fall outside what its calendar's index can hold.
    fn forward_plain(&mut self, i: usize) -> bool {
        let dur = self.duration[i];
        // The latest position a bound asks the start for; the project start
        // is a moment on the project's calendar, kept as one.
        let (reach, at_least) = match self.net.parent[i] {
            Some(p) => {
                let floor = self.floor_of(p);
                (self.clocks.of(i).position(floor), None)
            }
            None => (i64::MIN, Some(self.project_start)),
        };
        // The latest position a link asks the finish for (FF and SF links).
        // Both kept in one array and picked by index, not by a branch:
        // link types come in any order, and a mispredicted branch costs
        // more than the rest of the link.
        let mut reaches = [reach, i64::MIN];
        for k in self.net.incoming.rows(i) {
            let a = self.net.incoming.items[k];
            let position = self.bound_position(i, a);
            let bound = &mut reaches[usize::from(a.holds_finish())];
            *bound = (*bound).max(position);
        }
        let [mut reach, finish_reach] = reaches;
        let cal = self.clocks.of(i);
        if finish_reach != i64::MIN {
            reach = reach.max(finish_reach - dur);
        }
        // Unfinished work cannot be planned in the past.
        if let Some(status) = self.status {
            reach = reach.max(cal.position(status));
        }
        let from_links = if reach == i64::MIN { None } else { Some(cal.start_at(reach)) };
        let (start, esp) = match (from_links, at_least) {
            (None, _) => (self.project_start, cal.position(self.project_start)),
            (Some(None), _) => return false,
            (Some(Some(s)), Some(m)) if m > s => (m, cal.position(m)),
            (Some(Some(s)), _) => (s, reach),
        };
        let Some(finish) = cal.finish_at(esp + dur) else { return false };
        self.es[i] = start;
        self.esp[i] = esp;
        self.efp[i] = esp + dur;
        self.ef[i] = finish;
        // A finish driven by a date (FF/SF link) sits exactly on it, as in
        // MS Project: Monday 08:00 rather than the same working moment on
        // Friday at 17:00. Only the links that drive it say which moment.
        if finish_reach == esp + dur {
            for k in self.net.incoming.rows(i) {
                let a = self.net.incoming.items[k];
                if a.holds_finish() && self.bound_position(i, a) == finish_reach {
                    let (moment, _) = self.origin(a);
                    let f = a.lag().after(self.clocks.of(i), moment);
                    self.ef[i] = self.ef[i].max(f);
                }
            }
        }
        true
    }

    /// The date of link `a`'s predecessor that the link runs from: its
    /// moment and working position.
    fn origin(&self, a: Arc) -> (Minute, i64) {
        let p = a.task();
        if a.runs_from_finish() { (self.ef[p], self.efp[p]) } else { (self.es[p], self.esp[p]) }
    }

    /// The working position, on task `i`'s calendar, that link `a` into it
    /// bounds its start (FS, SS) or finish (FF, SF) to.
    fn bound_position(&mut self, i: usize, a: Arc) -> i64 {
        if self.clocks.shared(a.task(), i, a.lag()) {
            let p = a.task();
            [self.esp[p], self.efp[p]][usize::from(a.runs_from_finish())] + a.lag().minutes
        } else {
            let (moment, _) = self.origin(a);
            let cal = self.clocks.of(i);
            let after = a.lag().after(cal, moment);
            cal.position(after)
        }
    }

    /// The forward pass of any task, in calendar steps.
    fn forward_general(&mut self, i: usize) {
        let t = &self.tasks[i];
        let summary = self.summary[i];
        let dur = self.duration[i];
        // A summary's start is snapped as a milestone's is: a link from a
        // task that ends before lunch holds it at 12:00, so that a
        // milestone under it sits there too, as in MS Project, while its
        // other subtasks start after lunch.
        let zero_length = summary || dur == 0;
        let elapsed = self.traits[i].elapsed;
        let manual = self.traits[i].manual && !summary;
        let c = t.constraint;
        let date = self.on_clock(c.date);
        let actual_start = self.on_clock(t.actual_start);
        let actual_finish = self.on_clock(t.actual_finish);
        let typed_finish = self.on_clock(t.manual_finish).filter(|_| manual);
        let inherited = self.net.parent[i].map_or(PROJECT_FLOOR, |p| self.floor[p]);
        let mut start = match self.net.parent[i] {
            // MS Project lets a "start no earlier than", "must start on" or
            // "must finish on" date before the project start stand: the
            // project start holds only tasks without one, and so does a
            // summary that only it holds.
            _ if inherited == PROJECT_FLOOR && date.is_some() && c.kind.dates_the_start() => Minute::MIN,
            Some(p) => {
                let floor = self.floor_of(p);
                snap_start(self.clocks.of(i), zero_length, floor)
            }
            None => self.project_start,
        };
        // What holds the task back when no link does, for a diagnostic.
        let earliest = start;
        // The latest moment a link lets the task start, and finish. Both
        // snaps are monotone, so snapping the latest moment once is the
        // same as taking the latest of each link's snapped moment.
        let mut reach: Option<Minute> = None;
        let mut finish_floor: Option<Minute> = None;
        for a in self.net.incoming.of(i) {
            let p = a.task();
            let cal = &mut self.clocks.indexes[self.clocks.of[i] as usize];
            match a.kind() {
                LinkKind::FinishToStart => reach = reach.max(Some(a.lag().after(cal, self.ef[p]))),
                LinkKind::StartToStart => reach = reach.max(Some(a.lag().after(cal, self.es[p]))),
                LinkKind::FinishToFinish => finish_floor = finish_floor.max(Some(a.lag().after(cal, self.ef[p]))),
                LinkKind::StartToFinish => finish_floor = finish_floor.max(Some(a.lag().after(cal, self.es[p]))),
            }
        }
        let cal = &mut self.clocks.indexes[self.clocks.of[i] as usize];
        if let Some(r) = reach {
            start = start.max(snap_start(cal, zero_length, r));
        }
        match (c.kind, date) {
            (ConstraintKind::Snet, Some(d)) => start = start.max(snap_start(cal, zero_length, d)),
            (ConstraintKind::Fnet, Some(d)) => finish_floor = finish_floor.max(Some(d)),
            _ => {}
        }
        if let Some(f) = finish_floor {
            let bound = if summary {
                f
            } else {
                let finish = finish_by(cal, elapsed, f);
                run_for(cal, elapsed, finish, -dur)
            };
            start = start.max(snap_start(cal, zero_length, bound));
        }
        // What put the start where it is, before the task's own constraint:
        // the reason a diagnostic gives.
        let by = if start > earliest {
            "its predecessors put it at"
        } else if self.net.parent[i].is_some() {
            "its summary task puts it at"
        } else {
            "the project start puts it at"
        };
        let mut conflict_at: Option<(&str, Minute)> = None;
        match (c.kind, date) {
            // A manual task starts at the moment typed, in working time or not.
            (ConstraintKind::Mso, Some(d)) if manual => {
                if d < start {
                    conflict_at = Some(("must start on", start));
                }
                start = d;
            }
            (ConstraintKind::Mso, Some(d)) => {
                let fixed = snap_start(cal, zero_length, d);
                if fixed < start {
                    conflict_at = Some(("must start on", start));
                }
                start = fixed;
            }
            (ConstraintKind::Mfo, Some(d)) if !summary => {
                let finish = finish_by(cal, elapsed, d);
                let fixed = run_for(cal, elapsed, finish, -dur);
                if fixed < start {
                    conflict_at = Some(("must finish on", start));
                }
                start = snap_start(cal, zero_length, fixed);
            }
            (ConstraintKind::Snlt, Some(d)) if start > d => conflict_at = Some(("start no later than", start)),
            _ => {}
        }
        // Leveling holds the task back from where it could start, unless a
        // date pins it there.
        let delay = t.leveling_delay;
        if delay.minutes > 0
            && !summary
            && !matches!((c.kind, date), (ConstraintKind::Mso | ConstraintKind::Mfo, Some(_)))
        {
            let held = run_for(cal, delay.elapsed, start, delay.minutes);
            start = snap_start(cal, zero_length, held);
        }
        // Unfinished work cannot be planned in the past.
        if let Some(status) = self.status
            && actual_start.is_none()
            && !summary
            && !manual
        {
            start = start.max(snap_start(cal, zero_length, status));
        }
        if let Some(actual) = actual_start {
            start = actual;
        }
        if summary {
            let held_by_project_alone = inherited == PROJECT_FLOOR && start == self.project_start;
            self.floor[i] = if held_by_project_alone { PROJECT_FLOOR } else { start };
        } else {
            let finish = match actual_finish {
                Some(actual) if actual >= start => actual,
                _ if typed_finish.is_some_and(|f| f >= start) => typed_finish.unwrap_or(start),
                _ if dur == 0 => start,
                // Started, not finished: the done share ran from the actual
                // start; what remains resumes after the status date if it is
                // behind.
                _ if actual_start.is_some() && self.status.is_some() && !t.is_finished() => {
                    let done = dur * i64::from(t.percent_complete) / 100;
                    let done_until = run_for(cal, elapsed, start, done);
                    let resume = self.status.map_or(done_until, |s| done_until.max(cal.next_start_minute(s)));
                    run_for(cal, elapsed, resume, dur - done)
                }
                _ => run_for(cal, elapsed, start, dur),
            };
            // A finish driven by a date (FF/SF link, FNET) sits exactly on
            // it, as in MS Project. A milestone is one moment and stays.
            let finish = match finish_floor {
                Some(f)
                    if dur > 0
                        && f > finish
                        && actual_finish.is_none()
                        && (if elapsed { f - start } else { cal.working_minutes_from(start, f) }) == dur =>
                {
                    f
                }
                _ => finish,
            };
            if let (ConstraintKind::Fnlt, Some(d)) = (c.kind, date)
                && finish > d
            {
                conflict_at = conflict_at.or(Some(("finish no later than", finish)));
            }
            self.es[i] = start;
            self.ef[i] = finish;
            self.esp[i] = cal.position(start);
            self.efp[i] = cal.position(finish);
        }
        if let Some((what, at)) = conflict_at {
            self.conflicts.insert(i, Conflict { what, at, by });
        }
    }

    fn backward_all(&mut self) {
        let order = std::mem::take(&mut self.order);
        for &node in order.iter().rev() {
            self.backward_at(node);
        }
        self.order = order;
    }

    /// The backward pass at one node: a task's late dates at its finish
    /// node, a summary's roll-up at its start node.
    fn backward_at(&mut self, node: u32) {
        let i = node as usize / 2;
        if is_start_node(node) {
            if self.summary[i] {
                let (start, finish) = roll_up(self.net.children.of(i), &self.ls, &self.lf, self.ceiling[i]);
                let cal = self.clocks.of(i);
                (self.ls[i], self.lf[i], self.lsp[i], self.lfp[i]) =
                    (start, finish, cal.position(start), cal.position(finish));
            }
        } else if !(self.plain[i] && self.backward_plain(i)) {
            self.backward_general(i);
        }
    }

    /// The backward pass of a plain task, on working positions; false when
    /// its dates fall outside what its calendar's index can hold.
    fn backward_plain(&mut self, i: usize) -> bool {
        let dur = self.duration[i];
        let bound = match self.net.parent[i] {
            Some(p) => self.ceiling[p],
            None => self.project_finish,
        };
        let mut finish = self.clocks.of(i).position(bound);
        // Its room (see `room_of`) on the way: one read of the successors.
        let own = [self.esp[i], self.efp[i]];
        let mut room = self.finish_position[self.clocks.of[i] as usize] - own[1];
        let mut across = false;
        for a in self.net.outgoing.of(i) {
            let s = a.task();
            // Picked by index, not by a branch, as in the forward pass.
            let to_finish = usize::from(a.holds_finish());
            let at = if self.clocks.shared(i, s, a.lag()) {
                let after = own[usize::from(a.runs_from_finish())] + a.lag().minutes;
                room = room.min([self.esp[s], self.efp[s]][to_finish] - after);
                [self.lsp[s], self.lfp[s]][to_finish] - a.lag().minutes
            } else {
                across = true;
                let moment = [self.ls[s], self.lf[s]][to_finish];
                let before = a.lag().before(self.clocks.of(s), moment);
                self.clocks.of(i).position(before)
            };
            // A start bound holds the finish a duration later.
            finish = finish.min(at + dur * i64::from(!a.runs_from_finish()));
        }
        // A link between calendars measures its room in moments.
        self.room[i] = if across { self.room_of(i) } else { room };
        let cal = self.clocks.of(i);
        let (Some(late_finish), Some(late_start)) = (cal.finish_at(finish), cal.start_at(finish - dur)) else {
            return false;
        };
        // A finish sitting exactly on its driving moment is not later than
        // the same working moment read as a late one.
        self.lf[i] = if finish == self.efp[i] { self.ef[i] } else { late_finish };
        self.lfp[i] = finish;
        self.lsp[i] = finish - dur;
        self.ls[i] = late_start;
        true
    }

    /// The backward pass of any task, in calendar steps.
    fn backward_general(&mut self, i: usize) {
        let t = &self.tasks[i];
        let summary = self.summary[i];
        let dur = self.duration[i];
        let mut finish = match self.net.parent[i] {
            Some(p) => self.ceiling[p],
            None => self.project_finish,
        };
        let mut start_ceiling: Option<Minute> = None;
        for a in self.net.outgoing.of(i) {
            let s = a.task();
            let scal = self.clocks.of(s);
            match a.kind() {
                LinkKind::FinishToStart => finish = finish.min(a.lag().before(scal, self.ls[s])),
                LinkKind::FinishToFinish => finish = finish.min(a.lag().before(scal, self.lf[s])),
                LinkKind::StartToStart => {
                    start_ceiling = Some(earlier(start_ceiling, a.lag().before(scal, self.ls[s])))
                }
                LinkKind::StartToFinish => {
                    start_ceiling = Some(earlier(start_ceiling, a.lag().before(scal, self.lf[s])))
                }
            }
        }
        let c = t.constraint;
        match (c.kind, self.on_clock(c.date)) {
            (ConstraintKind::Fnlt, Some(d)) => finish = finish.min(d),
            (ConstraintKind::Snlt, Some(d)) => start_ceiling = Some(earlier(start_ceiling, d)),
            _ => {}
        }
        // A deadline bounds the late finish as "finish no later than" would,
        // without moving the task.
        if let Some(d) = self.on_clock(t.deadline) {
            finish = finish.min(d);
        }
        if summary {
            if let Some(s) = start_ceiling {
                finish = finish.min(s);
            }
            self.ceiling[i] = finish;
            return;
        }
        let elapsed = self.traits[i].elapsed;
        let manual = self.traits[i].manual;
        let cal = &mut self.clocks.indexes[self.clocks.of[i] as usize];
        // A manual task's late finish is the moment that bounds it, in
        // working time or not, as MS Project shows it.
        let mut late_finish = if dur == 0 || manual { finish } else { finish_by(cal, elapsed, finish) };
        if let Some(s) = start_ceiling {
            let via_start = if dur == 0 {
                s
            } else {
                let start = cal.next_start_minute(s);
                run_for(cal, elapsed, start, dur)
            };
            late_finish = late_finish.min(via_start);
        }
        let ef = self.ef[i];
        if !manual && matches!((c.kind, c.date), (ConstraintKind::Mso | ConstraintKind::Mfo, Some(_))) {
            late_finish = ef;
        }
        if t.is_finished() {
            late_finish = late_finish.max(ef);
        }
        // Mirror of the forward pass: a finish sitting exactly on its driving
        // moment is not later than the same working moment read as a late one.
        if ef > late_finish && cal.working_minutes_from(late_finish, ef) == 0 {
            late_finish = ef;
        }
        self.lf[i] = late_finish;
        self.ls[i] = if dur == 0 { late_finish } else { run_for(cal, elapsed, late_finish, -dur) };
        // A manual task may start late no earlier than it starts: MS Project
        // keeps its late start there when its finish has no slack.
        if manual && self.ls[i] < self.es[i] && late_finish >= ef {
            self.ls[i] = self.es[i];
        }
        self.lfp[i] = cal.position(self.lf[i]);
        self.lsp[i] = cal.position(self.ls[i]);
        self.room[i] = self.room_of(i);
    }

    /// Every task's result; a summary is critical when one of its tasks is.
    fn all_dates(&mut self) -> Vec<TaskDates> {
        let mut out: Vec<TaskDates> = (0..self.tasks.len()).map(|i| self.dates_of(i)).collect();
        self.roll_up_critical(&mut out);
        out
    }

    /// Every task's result again, in place (a plan's results are as large
    /// as the rest of the scheduler, and memory the system hands out anew
    /// must be cleared first). Returns the tasks whose result changed.
    fn all_dates_again(&mut self) -> Vec<usize> {
        let mut moved = Vec::new();
        // A summary's flag is rolled up below: it is compared after.
        let mut summaries = Vec::new();
        for i in 0..self.tasks.len() {
            let dates = self.dates_of(i);
            if self.summary[i] {
                summaries.push((i, self.dates[i]));
            } else if dates != self.dates[i] {
                moved.push(i);
            }
            self.dates[i] = dates;
        }
        let mut dates = std::mem::take(&mut self.dates);
        self.roll_up_critical(&mut dates);
        self.dates = dates;
        moved.extend(summaries.into_iter().filter(|&(i, was)| self.dates[i] != was).map(|(i, _)| i));
        moved.sort_unstable();
        moved
    }

    /// Marks critical each summary with a critical task under it.
    fn roll_up_critical(&self, out: &mut [TaskDates]) {
        // Children finish before their parent in the order.
        for &node in &self.order {
            let i = node as usize / 2;
            if !is_start_node(node)
                && let Some(p) = self.net.parent[i]
            {
                out[p].critical |= out[i].critical;
            }
        }
    }

    /// Whether task `i` is critical on its own slack: finished work cannot
    /// delay anything any more, and a manual task whose duration is only an
    /// estimate is left off the path, as MS Project leaves it.
    fn critical_alone(&self, i: usize, total_slack: i64) -> bool {
        total_slack <= 0 && !self.traits[i].off_critical
    }

    /// How far task `i` can slip before it moves a successor or the
    /// project finish, from the early dates: what [`Self::backward_plain`]
    /// finds on its way, for the tasks it does not compute.
    fn room_of(&mut self, i: usize) -> i64 {
        if self.summary[i] {
            return 0;
        }
        let mut room = self.finish_position[self.clocks.of[i] as usize] - self.efp[i];
        for a in self.net.outgoing.of(i) {
            let s = a.task();
            // Picked by index, not by a branch, as in the passes.
            let from = usize::from(a.runs_from_finish());
            let to = [self.esp[s], self.efp[s]][usize::from(a.holds_finish())];
            let after = if self.clocks.shared(i, s, a.lag()) {
                [self.esp[i], self.efp[i]][from] + a.lag().minutes
            } else {
                let scal = self.clocks.of(s);
                let m = a.lag().after(scal, [self.es[i], self.ef[i]][from]);
                scal.position(m)
            };
            room = room.min(to - after);
        }
        room
    }

    /// Slack, free slack and the chosen dates of task `i`; a summary's
    /// critical flag from its own slack alone.
    fn dates_of(&self, i: usize) -> TaskDates {
        let traits = self.traits[i];
        // An elapsed duration's slack is in calendar minutes, as MS Project
        // counts it.
        let total_slack = if traits.manual && !self.summary[i] {
            // A manual task's slack is its finish's: its start and finish
            // are typed, not its duration apart.
            if traits.elapsed { self.lf[i] - self.ef[i] } else { self.lfp[i] - self.efp[i] }
        } else if traits.elapsed {
            (self.ls[i] - self.es[i]).min(self.lf[i] - self.ef[i])
        } else {
            (self.lsp[i] - self.esp[i]).min(self.lfp[i] - self.efp[i])
        };
        let summary = self.summary[i];
        let free_slack = if summary { 0 } else { self.room[i].clamp(0, total_slack.max(0)) };
        let alap = traits.alap && !summary && !traits.started;
        let clock = self.clocks.clock();
        let (early_start, early_finish) = (clock.datetime(self.es[i]), clock.datetime(self.ef[i]));
        let (late_start, late_finish) = (clock.datetime(self.ls[i]), clock.datetime(self.lf[i]));
        let (start, finish) = if alap { (late_start, late_finish) } else { (early_start, early_finish) };
        TaskDates {
            id: self.ids[i],
            start,
            finish,
            early_start,
            early_finish,
            late_start,
            late_finish,
            total_slack,
            free_slack,
            critical: self.critical_alone(i, total_slack),
            summary,
        }
    }
}

/// The floor of a summary that only the project start holds: its children
/// start at the project start unless they have a "start no earlier than"
/// date, which stands even before it.
const PROJECT_FLOOR: Minute = Minute::MIN;

/// A summary's dates from its children's: the earliest of their `starts`
/// and the latest of their `finishes`, or `empty` without children.
fn roll_up(children: &[u32], starts: &[Minute], finishes: &[Minute], empty: Minute) -> (Minute, Minute) {
    let start = children.iter().map(|&c| starts[c as usize]).min().unwrap_or(empty);
    let finish = children.iter().map(|&c| finishes[c as usize]).max().unwrap_or(empty);
    (start, finish)
}

/// Queues `node` in `queue` by its rank, unless it waits there already.
fn enqueue<K: Ord>(queued: &mut [bool], rank: &[u32], queue: &mut BinaryHeap<K>, node: u32, key: impl Fn(u32) -> K) {
    let waiting = &mut queued[node as usize];
    if !*waiting {
        *waiting = true;
        queue.push(key(rank[node as usize]));
    }
}

/// Adds task `i` to `out` unless it is `listed` there already.
fn list(listed: &mut [bool], out: &mut Vec<usize>, i: usize) {
    if !listed[i] {
        listed[i] = true;
        out.push(i);
    }
}

/// The earlier of an optional bound and a new one.
fn earlier(bound: Option<Minute>, t: Minute) -> Minute {
    bound.map_or(t, |b| b.min(t))
}

fn conflict(t: &Task, c: &Conflict, scheduled: NaiveDateTime) -> Diagnostic {
    let date = t.constraint.date.map_or_else(String::new, |d| d.format("%Y-%m-%d %H:%M").to_string());
    Diagnostic {
        task: Some(t.id),
        message: format!(
            "“{}” cannot meet its constraint “{} {date}”: {} {}.",
            t.name,
            c.what,
            c.by,
            scheduled.format("%Y-%m-%d %H:%M"),
        ),
    }
}

#[cfg(test)]
mod tests;
