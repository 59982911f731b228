//! The work breakdown structure: tasks as an ordered tree.

use std::collections::HashMap;

use crate::model::TaskId;

/// A task's place in the tree, as the store keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    pub id: TaskId,
    pub parent: Option<TaskId>,
    pub position: i64,
}

/// A task in outline order with its depth and outline number ("2.1.3").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineRow {
    pub id: TaskId,
    pub depth: usize,
    pub outline: String,
    pub has_children: bool,
}

/// The tasks in outline order: each parent before its children, siblings by
/// position. A node whose parent is missing is treated as top level, and a
/// node caught in a parent cycle (which the store refuses, but a damaged file
/// may hold) is listed at the end rather than lost.
pub fn outline(nodes: &[Node]) -> Vec<OutlineRow> {
    let known: HashMap<TaskId, ()> = nodes.iter().map(|n| (n.id, ())).collect();
    let mut children: HashMap<Option<TaskId>, Vec<Node>> = HashMap::new();
    for n in nodes {
        let parent = n.parent.filter(|p| known.contains_key(p) && *p != n.id);
        children.entry(parent).or_default().push(*n);
    }
    for list in children.values_mut() {
        list.sort_by_key(|n| (n.position, n.id));
    }
    let mut rows = Vec::with_capacity(nodes.len());
    let mut seen = HashMap::with_capacity(nodes.len());
    // Depth-first, without recursion so that deep trees cannot overflow.
    let mut stack: Vec<(TaskId, usize, String)> = Vec::new();
    if let Some(top) = children.get(&None) {
        for (i, n) in top.iter().enumerate().rev() {
            stack.push((n.id, 0, (i + 1).to_string()));
        }
    }
    while let Some((id, depth, number)) = stack.pop() {
        if seen.insert(id, ()).is_some() {
            continue;
        }
        let kids = children.get(&Some(id));
        rows.push(OutlineRow { id, depth, outline: number.clone(), has_children: kids.is_some_and(|k| !k.is_empty()) });
        if let Some(kids) = kids {
            for (i, n) in kids.iter().enumerate().rev() {
                stack.push((n.id, depth + 1, format!("{number}.{}", i + 1)));
            }
        }
    }
    for n in nodes {
        if !seen.contains_key(&n.id) {
            rows.push(OutlineRow { id: n.id, depth: 0, outline: "?".into(), has_children: false });
        }
    }
    rows
}

/// Whether making `parent` the parent of `task` would make the task its own
/// ancestor.
pub fn would_be_own_ancestor(nodes: &[Node], task: TaskId, parent: TaskId) -> bool {
    let parents: HashMap<TaskId, Option<TaskId>> = nodes.iter().map(|n| (n.id, n.parent)).collect();
    let mut current = Some(parent);
    let mut steps = 0;
    while let Some(id) = current {
        if id == task {
            return true;
        }
        steps += 1;
        if steps > nodes.len() {
            // Already a loop in the data: refuse rather than add to it.
            return true;
        }
        current = parents.get(&id).copied().flatten();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: TaskId, parent: Option<TaskId>, position: i64) -> Node {
        Node { id, parent, position }
    }

    #[test]
    fn outline_orders_parents_before_children_by_position() {
        let nodes = [node(1, None, 2), node(2, None, 1), node(3, Some(2), 2), node(4, Some(2), 1), node(5, Some(4), 1)];
        let rows: Vec<_> = outline(&nodes).into_iter().map(|r| (r.id, r.outline, r.depth)).collect();
        assert_eq!(
            rows,
            vec![
                (2, "1".into(), 0),
                (4, "1.1".into(), 1),
                (5, "1.1.1".into(), 2),
                (3, "1.2".into(), 1),
                (1, "2".into(), 0),
            ]
        );
    }

    #[test]
    fn a_task_cannot_become_its_own_ancestor() {
        let nodes = [node(1, None, 1), node(2, Some(1), 1), node(3, Some(2), 1)];
        assert!(would_be_own_ancestor(&nodes, 1, 3));
        assert!(would_be_own_ancestor(&nodes, 2, 2));
        assert!(!would_be_own_ancestor(&nodes, 3, 1));
    }

    #[test]
    fn damaged_parent_loops_lose_no_task() {
        let nodes = [node(1, Some(2), 1), node(2, Some(1), 1), node(3, None, 1)];
        assert_eq!(outline(&nodes).len(), 3);
    }
}
