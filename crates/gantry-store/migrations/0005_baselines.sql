-- Baselines: named copies of a project's dates, to measure the plan against.
CREATE TABLE baselines (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
CREATE INDEX baselines_project ON baselines(project_id);

CREATE TABLE baseline_tasks (
    baseline_id INTEGER NOT NULL REFERENCES baselines(id) ON DELETE CASCADE,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    start TEXT NOT NULL,
    finish TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes >= 0),
    PRIMARY KEY (baseline_id, task_id)
);
CREATE INDEX baseline_tasks_task ON baseline_tasks(task_id);
