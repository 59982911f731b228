//! Generated plans of fixed shape, for benchmarks: phases of 50 tasks under
//! summaries, each task linked to a few of the 200 before it (all four link
//! types, some lags). The same sizes give the same plan on every machine.

use crate::model::*;
use crate::schedule::{NetworkChanged, Scheduler};

/// A deterministic plan of `tasks` tasks (ids from 1, summaries every 51st)
/// and about `links` links, acyclic and local, for project `project`.
pub fn plan(project: ProjectId, tasks: usize, links: usize) -> (Vec<Task>, Vec<Link>) {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut out = Vec::with_capacity(tasks);
    let mut summary = 0;
    for i in 0..tasks as i64 {
        let id = i + 1;
        let is_summary = i % 51 == 0;
        if is_summary {
            summary = id;
        }
        let minutes = if is_summary { 0 } else { 60 * (1 + (next() % 40) as i64) };
        let parent = if is_summary { None } else { Some(summary) };
        let name = if is_summary { format!("Phase {}", i / 51 + 1) } else { format!("Task {id}") };
        let mut task = Task { id, ..Task::new(project, parent, id, &name, minutes) };
        if is_summary {
            task.kind = TaskKind::Summary;
        }
        out.push(task);
    }
    let leaves: Vec<i64> = out.iter().filter(|t| t.kind != TaskKind::Summary).map(|t| t.id).collect();
    let mut result = Vec::with_capacity(links);
    let per_task = links.div_ceil(leaves.len().max(1));
    for (at, &successor) in leaves.iter().enumerate().skip(1) {
        for k in 0..per_task {
            if result.len() >= links {
                break;
            }
            let back = 1 + (next() as usize + k) % at.min(200);
            let kind = LinkKind::ALL[(next() % 10).min(3) as usize];
            let lag = if next() % 5 == 0 { 240 } else { 0 };
            result.push(Link {
                id: result.len() as i64 + 1,
                predecessor: leaves[at - back],
                successor,
                kind,
                lag_minutes: lag,
                lag_elapsed: false,
            });
        }
    }
    result.sort_by_key(|l| (l.successor, l.predecessor));
    result.dedup_by_key(|l| (l.successor, l.predecessor));
    (out, result)
}

/// The two changes the benchmarks time on a kept scheduler of `tasks`, as
/// each step of a drag makes: a task of the second half an hour longer,
/// then back. The first is the first such task whose hour moves some
/// successors while the project finish holds; the second, the first whose
/// hour moves the finish, and with it every late date. Either is `None`
/// when no task does that. The scheduler is left as it was.
pub fn timed_changes(kept: &mut Scheduler, tasks: &[Task]) -> Result<[Option<usize>; 2], NetworkChanged> {
    let mut found: [Option<usize>; 2] = [None, None];
    for (i, task) in tasks.iter().enumerate().skip(tasks.len() / 2) {
        let finish = kept.finish();
        let mut longer = task.clone();
        longer.duration_minutes += 60;
        let moved = kept.reschedule(vec![longer])?.len();
        let finish_moves = kept.finish() != finish;
        kept.reschedule(vec![task.clone()])?;
        if moved > 1 && found[usize::from(finish_moves)].is_none() {
            found[usize::from(finish_moves)] = Some(i);
        }
        if found.iter().all(Option::is_some) {
            break;
        }
    }
    Ok(found)
}
