-- The board and sprints: a project's workflow columns, where each card sits,
-- labels, and sprints with the tasks planned into them.

-- What a full column does to one more card: warn, or refuse the drop.
ALTER TABLE projects ADD COLUMN wip_policy TEXT NOT NULL DEFAULT 'warn' CHECK (wip_policy IN ('warn', 'refuse'));

-- A column of a project's board. Its stage says what a card dropped there
-- means for the task (a task's board_status is the stage of its column).
CREATE TABLE board_columns (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('backlog', 'todo', 'in_progress', 'review', 'done')),
    position INTEGER NOT NULL,
    wip_limit INTEGER CHECK (wip_limit IS NULL OR wip_limit >= 1)
);
CREATE INDEX board_columns_project ON board_columns(project_id, position);

-- Where a card was put: its column and its order there. A task without a
-- row (or whose column's stage is no longer its status) sits in the first
-- column of its stage.
CREATE TABLE board_cards (
    task_id INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
    column_id INTEGER NOT NULL REFERENCES board_columns(id) ON DELETE CASCADE,
    rank REAL NOT NULL
);
CREATE INDEX board_cards_column ON board_cards(column_id, rank);

CREATE TABLE task_labels (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    PRIMARY KEY (task_id, label)
);

-- A sprint of a project. When a sprint closes, what it committed, finished
-- and carried over is kept, for the velocity chart and its burndown.
CREATE TABLE sprints (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    goal TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL,
    finish_date TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'active', 'closed')),
    committed_minutes INTEGER,
    completed_minutes INTEGER,
    carried_minutes INTEGER,
    CHECK (start_date <= finish_date)
);
CREATE INDEX sprints_project ON sprints(project_id, start_date);

-- The sprint a task is planned into; a task in none is in the backlog.
CREATE TABLE sprint_tasks (
    task_id INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
    sprint_id INTEGER NOT NULL REFERENCES sprints(id) ON DELETE CASCADE
);
CREATE INDEX sprint_tasks_sprint ON sprint_tasks(sprint_id);

-- Every existing project gets the default workflow.
INSERT INTO board_columns (project_id, name, stage, position)
SELECT p.id, s.name, s.stage, s.position
FROM projects p,
     (SELECT 'Backlog' AS name, 'backlog' AS stage, 1 AS position
      UNION ALL SELECT 'To do', 'todo', 2
      UNION ALL SELECT 'In progress', 'in_progress', 3
      UNION ALL SELECT 'Review', 'review', 4
      UNION ALL SELECT 'Done', 'done', 5) s;
