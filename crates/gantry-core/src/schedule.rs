//! The critical path method on working calendars.
//!
//! Every task is two nodes of one graph: its start and its finish. A summary's
//! start node comes before its children's starts (links into a summary hold
//! back all of its children) and its finish node after their finishes (the
//! summary rolls up). A link runs from the predecessor's finish node to the
//! successor's start node, whatever its type, because by then both dates of
//! the predecessor are known. One topological order of that graph serves the
//! forward pass, and its reverse the backward pass: O(tasks + links) calendar
//! steps. A cycle in the graph is reported with the tasks that form it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDateTime;

use crate::calendar::{CalendarIndex, WorkCalendar};
use crate::model::{ConstraintKind, Link, LinkKind, Task, TaskId, TaskKind};

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
/// tasks cost two allocations, not a million.
struct Adjacency {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Adjacency {
    /// Groups `(row, item)` pairs by row, keeping their order within a row.
    fn new(rows: usize, pairs: &[(u32, u32)]) -> Self {
        let mut offsets = vec![0u32; rows + 1];
        for &(row, _) in pairs {
            offsets[row as usize + 1] += 1;
        }
        for i in 0..rows {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut items = vec![0u32; pairs.len()];
        for &(row, item) in pairs {
            let at = &mut fill[row as usize];
            items[*at as usize] = item;
            *at += 1;
        }
        Adjacency { offsets, items }
    }

    fn of(&self, row: usize) -> &[u32] {
        &self.items[self.offsets[row] as usize..self.offsets[row + 1] as usize]
    }
}

/// The task network as index arrays.
struct Network<'a> {
    tasks: &'a [Task],
    links: Vec<(usize, usize, LinkKind, Lag)>,
    parent: Vec<Option<usize>>,
    children: Adjacency,
    /// Per task, indices into `links` where it is the successor / predecessor.
    incoming: Adjacency,
    outgoing: Adjacency,
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
    fn after(self, cal: &CalendarIndex, t: NaiveDateTime) -> NaiveDateTime {
        self.shift(cal, t, self.minutes)
    }

    /// The moment the lag before `t`.
    fn before(self, cal: &CalendarIndex, t: NaiveDateTime) -> NaiveDateTime {
        self.shift(cal, t, -self.minutes)
    }

    fn shift(self, cal: &CalendarIndex, t: NaiveDateTime, minutes: i64) -> NaiveDateTime {
        if self.elapsed {
            t.checked_add_signed(chrono::Duration::minutes(minutes)).unwrap_or(t)
        } else {
            cal.add(t, minutes)
        }
    }
}

const fn start_node(i: usize) -> usize {
    2 * i
}
const fn finish_node(i: usize) -> usize {
    2 * i + 1
}
const fn is_start_node(node: usize) -> bool {
    node.is_multiple_of(2)
}

impl<'a> Network<'a> {
    fn new(tasks: &'a [Task], links: &[Link]) -> Self {
        let index: IdMap<usize> = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
        let n = tasks.len();
        let mut parent = vec![None; n];
        let mut child_pairs = Vec::new();
        for (i, t) in tasks.iter().enumerate() {
            if let Some(p) = t.parent_id.and_then(|p| index.get(&p).copied()).filter(|p| *p != i) {
                parent[i] = Some(p);
                child_pairs.push((p as u32, i as u32));
            }
        }
        let mut resolved = Vec::with_capacity(links.len());
        let (mut incoming, mut outgoing) = (Vec::with_capacity(links.len()), Vec::with_capacity(links.len()));
        for l in links {
            if let (Some(&p), Some(&s)) = (index.get(&l.predecessor), index.get(&l.successor)) {
                let at = resolved.len() as u32;
                outgoing.push((p as u32, at));
                incoming.push((s as u32, at));
                resolved.push((p, s, l.kind, Lag { minutes: l.lag_minutes, elapsed: l.lag_elapsed }));
            }
        }
        Network {
            tasks,
            links: resolved,
            parent,
            children: Adjacency::new(n, &child_pairs),
            incoming: Adjacency::new(n, &incoming),
            outgoing: Adjacency::new(n, &outgoing),
        }
    }

    /// The same tasks and structure without any link.
    fn without_links(self) -> Self {
        let n = self.tasks.len();
        Network { links: Vec::new(), incoming: Adjacency::new(n, &[]), outgoing: Adjacency::new(n, &[]), ..self }
    }

    fn is_summary(&self, i: usize) -> bool {
        !self.children.of(i).is_empty()
    }

    /// The edges leaving a node, in the order: structure, then links.
    fn successors(&self, node: usize, out: &mut Vec<usize>) {
        out.clear();
        let i = node / 2;
        if is_start_node(node) {
            if self.is_summary(i) {
                out.extend(self.children.of(i).iter().map(|&c| start_node(c as usize)));
            } else {
                out.push(finish_node(i));
            }
        } else {
            if let Some(p) = self.parent[i] {
                out.push(finish_node(p));
            }
            out.extend(self.outgoing.of(i).iter().map(|&l| start_node(self.links[l as usize].1)));
        }
    }

    /// A topological order of all nodes, or the tasks of a cycle.
    fn order(&self) -> Result<Vec<usize>, Vec<usize>> {
        let nodes = self.tasks.len() * 2;
        let mut indegree = vec![0u32; nodes];
        let mut buf = Vec::new();
        for node in 0..nodes {
            self.successors(node, &mut buf);
            for &s in &buf {
                indegree[s] += 1;
            }
        }
        let mut ready: Vec<usize> = (0..nodes).rev().filter(|&n| indegree[n] == 0).collect();
        let mut order = Vec::with_capacity(nodes);
        while let Some(node) = ready.pop() {
            order.push(node);
            self.successors(node, &mut buf);
            for &s in &buf {
                indegree[s] -= 1;
                if indegree[s] == 0 {
                    ready.push(s);
                }
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
        let mut buf = Vec::new();
        let mut seen_at: HashMap<usize, usize> = HashMap::new();
        let mut path = Vec::new();
        let mut node = first;
        loop {
            if let Some(&at) = seen_at.get(&node) {
                let mut tasks: Vec<usize> = Vec::new();
                for &n in &path[at..] {
                    let t = n / 2;
                    if tasks.last() != Some(&t) && !tasks.contains(&t) {
                        tasks.push(t);
                    }
                }
                return tasks;
            }
            seen_at.insert(node, path.len());
            path.push(node);
            self.successors(node, &mut buf);
            match buf.iter().find(|&&s| indegree[s] > 0) {
                Some(&next) => node = next,
                None => return Vec::new(),
            }
        }
    }
}

/// Finds a dependency cycle in the network, if there is one: the ids of its
/// tasks in order. Links between a summary and its own subtasks count, as
/// they can never be satisfied.
pub fn find_cycle(tasks: &[Task], links: &[Link]) -> Option<Vec<TaskId>> {
    let net = Network::new(tasks, links);
    net.order().err().map(|c| c.into_iter().map(|i| tasks[i].id).collect())
}

/// Schedules the network. Never fails: a cycle or an impossible constraint
/// is reported in the result, and the dates stay defined.
pub fn schedule(input: &ScheduleInput) -> Schedule {
    let net = Network::new(input.tasks, input.links);
    // Each calendar's working time is counted once over the plan's span.
    let (from, to) = span(input);
    let project_index = CalendarIndex::new(input.calendar, from, to);
    let used: std::collections::HashSet<i64> = input.tasks.iter().filter_map(|t| t.calendar_id).collect();
    let indexes: Vec<CalendarIndex> =
        input.calendars.iter().filter(|c| used.contains(&c.id)).map(|c| CalendarIndex::new(c, from, to)).collect();
    let by_id: HashMap<i64, &CalendarIndex> = indexes.iter().map(|x| (x.calendar().id, x)).collect();
    let cals: Vec<&CalendarIndex> = input
        .tasks
        .iter()
        .map(|t| t.calendar_id.and_then(|id| by_id.get(&id).copied()).unwrap_or(&project_index))
        .collect();
    let project_start = project_index.next_start(input.project_start);
    let mut diagnostics = Vec::new();

    let (order, cycle) = match net.order() {
        Ok(order) => (order, None),
        Err(cycle) => {
            let names: Vec<&str> = cycle.iter().map(|&i| input.tasks[i].name.as_str()).collect();
            diagnostics.push(Diagnostic {
                task: cycle.first().map(|&i| input.tasks[i].id),
                message: format!("These tasks depend on each other in a circle: {}.", names.join(" → ")),
            });
            // Schedule the structure alone so every task still has dates.
            let no_links = net.without_links();
            let tasks = no_links.order().unwrap_or_default();
            let ids = cycle.iter().map(|&i| input.tasks[i].id).collect();
            return finish_schedule(input, &no_links, &cals, project_start, &tasks, Some(ids), diagnostics);
        }
    };
    finish_schedule(input, &net, &cals, project_start, &order, cycle, diagnostics)
}

/// The days the calendar indexes count: from a year before the earliest
/// date the plan names to where its work could reach, at most 10 years
/// after the latest. Dates outside are still right, only slower.
fn span(input: &ScheduleInput) -> (chrono::NaiveDate, chrono::NaiveDate) {
    let named = input
        .tasks
        .iter()
        .flat_map(|t| [t.constraint.date, t.actual_start, t.actual_finish])
        .flatten()
        .chain([input.project_start])
        .chain(input.status_date);
    let (lo, hi) = named.fold((input.project_start, input.project_start), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let work: i64 =
        input.tasks.iter().map(duration).sum::<i64>() + input.links.iter().map(|l| l.lag_minutes.max(0)).sum::<i64>();
    let week = input.calendar.week_minutes().max(60);
    let reach = (work / week * 7).clamp(0, 366 * 10) + 366;
    (lo.date() - chrono::Duration::days(366), hi.date() + chrono::Duration::days(reach))
}

fn duration(t: &Task) -> i64 {
    if t.kind == TaskKind::Milestone { 0 } else { t.duration_minutes.max(0) }
}

/// Where a zero-length task sits: at a finish if the moment is one (a
/// milestone after a task ending at 17:00 is at 17:00), else at the next start.
fn snap_point(cal: &CalendarIndex, t: NaiveDateTime) -> NaiveDateTime {
    if cal.previous_finish(t) == t { t } else { cal.next_start(t) }
}

fn finish_schedule(
    input: &ScheduleInput,
    net: &Network,
    cals: &[&CalendarIndex],
    project_start: NaiveDateTime,
    order: &[usize],
    cycle: Option<Vec<TaskId>>,
    mut diagnostics: Vec<Diagnostic>,
) -> Schedule {
    let n = input.tasks.len();
    let tasks = input.tasks;
    let status_resume = input.status_date;
    let mut es = vec![project_start; n];
    let mut ef = vec![project_start; n];
    // The earliest moment a summary's children may start.
    let mut floor = vec![project_start; n];

    // Forward pass.
    for &node in order {
        let i = node / 2;
        let t = &tasks[i];
        let cal = cals[i];
        let summary = net.is_summary(i);
        if !is_start_node(node) {
            if summary {
                let kids = net.children.of(i);
                es[i] = kids.iter().map(|&c| es[c as usize]).min().unwrap_or(floor[i]);
                ef[i] = kids.iter().map(|&c| ef[c as usize]).max().unwrap_or(floor[i]);
            }
            continue;
        }
        let dur = if summary { 0 } else { duration(t) };
        let zero_length = !summary && dur == 0;
        let snap_start = |m: NaiveDateTime| if zero_length { snap_point(cal, m) } else { cal.next_start(m) };
        let mut start = match net.parent[i] {
            Some(p) => snap_start(floor[p]),
            None => project_start,
        };
        let mut finish_floor: Option<NaiveDateTime> = None;
        for &l in net.incoming.of(i) {
            let (p, _, kind, lag) = net.links[l as usize];
            match kind {
                LinkKind::FinishToStart => start = start.max(snap_start(lag.after(cal, ef[p]))),
                LinkKind::StartToStart => start = start.max(snap_start(lag.after(cal, es[p]))),
                LinkKind::FinishToFinish => {
                    finish_floor = finish_floor.max(Some(lag.after(cal, ef[p])));
                }
                LinkKind::StartToFinish => {
                    finish_floor = finish_floor.max(Some(lag.after(cal, es[p])));
                }
            }
        }
        let c = t.constraint;
        match (c.kind, c.date) {
            (ConstraintKind::Snet, Some(d)) => start = start.max(snap_start(d)),
            (ConstraintKind::Fnet, Some(d)) => finish_floor = finish_floor.max(Some(d)),
            _ => {}
        }
        if let Some(f) = finish_floor {
            if summary {
                start = start.max(snap_start(f));
            } else {
                start = start.max(snap_start(cal.add(cal.previous_finish(f), -dur)));
            }
        }
        match (c.kind, c.date) {
            (ConstraintKind::Mso, Some(d)) => {
                let fixed = snap_start(d);
                if fixed < start {
                    diagnostics.push(conflict(t, "must start on", d, start));
                }
                start = fixed;
            }
            (ConstraintKind::Mfo, Some(d)) if !summary => {
                let fixed = cal.add(cal.previous_finish(d), -dur);
                if fixed < start {
                    diagnostics.push(conflict(t, "must finish on", d, start));
                }
                start = snap_start(fixed);
            }
            (ConstraintKind::Snlt, Some(d)) if start > d => {
                diagnostics.push(conflict(t, "start no later than", d, start));
            }
            _ => {}
        }
        // Unfinished work cannot be planned in the past.
        if let Some(status) = status_resume
            && t.actual_start.is_none()
            && !summary
        {
            start = start.max(snap_start(status));
        }
        if let Some(actual) = t.actual_start {
            start = actual;
        }
        if summary {
            floor[i] = start;
            continue;
        }
        es[i] = start;
        ef[i] = match t.actual_finish {
            Some(actual) if actual >= start => actual,
            _ if dur == 0 => start,
            // Started, not finished: the done share ran from the actual start;
            // what remains resumes after the status date if it is behind.
            _ if t.actual_start.is_some() && status_resume.is_some() && !t.is_finished() => {
                let done = dur * i64::from(t.percent_complete) / 100;
                let done_until = cal.add(start, done);
                let resume = status_resume.map_or(done_until, |s| done_until.max(cal.next_start(s)));
                cal.add(resume, dur - done)
            }
            _ => cal.add(start, dur),
        };
        // A finish driven by a date (FF/SF link, FNET) sits exactly on it, as
        // in MS Project: Monday 08:00 rather than the same working moment on
        // Friday at 17:00. A milestone is one moment and stays where it is.
        if let Some(f) = finish_floor
            && dur > 0
            && f > ef[i]
            && t.actual_finish.is_none()
            && cal.working_minutes_between(start, f) == dur
        {
            ef[i] = f;
        }
        if let (ConstraintKind::Fnlt, Some(d)) = (c.kind, c.date)
            && ef[i] > d
        {
            diagnostics.push(conflict(t, "finish no later than", d, ef[i]));
        }
    }

    let project_finish = (0..n).filter(|&i| !net.is_summary(i)).map(|i| ef[i]).max().unwrap_or(project_start);

    // Backward pass.
    let mut ls = vec![project_finish; n];
    let mut lf = vec![project_finish; n];
    let mut ceiling = vec![project_finish; n];
    for &node in order.iter().rev() {
        let i = node / 2;
        let t = &tasks[i];
        let cal = cals[i];
        let summary = net.is_summary(i);
        if is_start_node(node) {
            if summary {
                let kids = net.children.of(i);
                ls[i] = kids.iter().map(|&c| ls[c as usize]).min().unwrap_or(ceiling[i]);
                lf[i] = kids.iter().map(|&c| lf[c as usize]).max().unwrap_or(ceiling[i]);
            }
            continue;
        }
        let dur = if summary { 0 } else { duration(t) };
        let mut finish = match net.parent[i] {
            Some(p) => ceiling[p],
            None => project_finish,
        };
        let mut start_ceiling: Option<NaiveDateTime> = None;
        for &l in net.outgoing.of(i) {
            let (_, s, kind, lag) = net.links[l as usize];
            let scal = cals[s];
            match kind {
                LinkKind::FinishToStart => finish = finish.min(lag.before(scal, ls[s])),
                LinkKind::FinishToFinish => finish = finish.min(lag.before(scal, lf[s])),
                LinkKind::StartToStart => start_ceiling = Some(earlier(start_ceiling, lag.before(scal, ls[s]))),
                LinkKind::StartToFinish => start_ceiling = Some(earlier(start_ceiling, lag.before(scal, lf[s]))),
            }
        }
        let c = t.constraint;
        match (c.kind, c.date) {
            (ConstraintKind::Fnlt, Some(d)) => finish = finish.min(d),
            (ConstraintKind::Snlt, Some(d)) => start_ceiling = Some(earlier(start_ceiling, d)),
            _ => {}
        }
        if summary {
            if let Some(s) = start_ceiling {
                finish = finish.min(s);
            }
            ceiling[i] = finish;
            continue;
        }
        let mut late_finish = if dur == 0 { finish } else { cal.previous_finish(finish) };
        if let Some(s) = start_ceiling {
            let via_start = if dur == 0 { s } else { cal.add(cal.next_start(s), dur) };
            late_finish = late_finish.min(via_start);
        }
        match (c.kind, c.date) {
            (ConstraintKind::Mso, Some(_)) => late_finish = ef[i],
            (ConstraintKind::Mfo, Some(_)) => late_finish = ef[i],
            _ => {}
        }
        if t.is_finished() {
            late_finish = late_finish.max(ef[i]);
        }
        // Mirror of the forward pass: a finish sitting exactly on its driving
        // moment is not later than the same working moment read as a late one.
        if ef[i] > late_finish && cal.working_minutes_between(late_finish, ef[i]) == 0 {
            late_finish = ef[i];
        }
        lf[i] = late_finish;
        ls[i] = if dur == 0 { late_finish } else { cal.add(late_finish, -dur) };
    }

    // Slack, free slack, the chosen dates.
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let t = &tasks[i];
        let cal = cals[i];
        let total_slack = cal.working_minutes_between(es[i], ls[i]).min(cal.working_minutes_between(ef[i], lf[i]));
        let summary = net.is_summary(i);
        let free_slack = if summary {
            0
        } else {
            let mut free = cal.working_minutes_between(ef[i], project_finish);
            for &l in net.outgoing.of(i) {
                let (_, s, kind, lag) = net.links[l as usize];
                let scal = cals[s];
                let (from, to) = match kind {
                    LinkKind::FinishToStart => (lag.after(scal, ef[i]), es[s]),
                    LinkKind::StartToStart => (lag.after(scal, es[i]), es[s]),
                    LinkKind::FinishToFinish => (lag.after(scal, ef[i]), ef[s]),
                    LinkKind::StartToFinish => (lag.after(scal, es[i]), ef[s]),
                };
                free = free.min(scal.working_minutes_between(from, to));
            }
            free.clamp(0, total_slack.max(0))
        };
        let alap = t.constraint.kind == ConstraintKind::Alap && !summary && t.actual_start.is_none();
        out.push(TaskDates {
            id: t.id,
            start: if alap { ls[i] } else { es[i] },
            finish: if alap { lf[i] } else { ef[i] },
            early_start: es[i],
            early_finish: ef[i],
            late_start: ls[i],
            late_finish: lf[i],
            total_slack,
            free_slack,
            // Finished work cannot delay anything any more.
            critical: total_slack <= 0 && !t.is_finished(),
            summary,
        });
    }
    // A summary is critical when one of its tasks is.
    for &node in order.iter().rev() {
        let i = node / 2;
        if !is_start_node(node)
            && out[i].critical
            && let Some(p) = net.parent[i]
        {
            out[p].critical = true;
        }
    }
    Schedule { tasks: out, start: project_start, finish: project_finish, cycle, diagnostics }
}

/// The earlier of an optional bound and a new one.
fn earlier(bound: Option<NaiveDateTime>, t: NaiveDateTime) -> NaiveDateTime {
    bound.map_or(t, |b| b.min(t))
}

fn conflict(t: &Task, what: &str, date: NaiveDateTime, scheduled: NaiveDateTime) -> Diagnostic {
    Diagnostic {
        task: Some(t.id),
        message: format!(
            "“{}” cannot meet its constraint “{what} {}”: its predecessors put it at {}.",
            t.name,
            date.format("%Y-%m-%d %H:%M"),
            scheduled.format("%Y-%m-%d %H:%M"),
        ),
    }
}

#[cfg(test)]
mod tests;
