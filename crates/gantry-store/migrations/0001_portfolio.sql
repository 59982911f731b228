-- The first portfolio schema: projects, their WBS, links, calendars, the team.
-- Schedule dates are not stored: they are computed from these inputs.

CREATE TABLE calendars (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE calendar_working_times (
    id INTEGER PRIMARY KEY,
    calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6), -- 0 = Monday
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    CHECK (0 <= start_minute AND start_minute < end_minute AND end_minute <= 1440)
);
CREATE INDEX calendar_working_times_calendar ON calendar_working_times(calendar_id);

CREATE TABLE calendar_exceptions (
    id INTEGER PRIMARY KEY,
    calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    finish_date TEXT NOT NULL,
    yearly INTEGER NOT NULL DEFAULT 0 CHECK (yearly IN (0, 1)),
    -- Working periods as "start-end" minute pairs separated by commas;
    -- empty for a day off.
    working_times TEXT NOT NULL DEFAULT '',
    CHECK (start_date <= finish_date)
);
CREATE INDEX calendar_exceptions_calendar ON calendar_exceptions(calendar_id);

CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    goal TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT '',
    methodology TEXT NOT NULL CHECK (methodology IN ('waterfall', 'scrum', 'kanban', 'hybrid')),
    manager TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('on_track', 'at_risk', 'off_track')),
    status_reason TEXT NOT NULL DEFAULT '',
    currency TEXT NOT NULL DEFAULT 'EUR',
    calendar_id INTEGER NOT NULL REFERENCES calendars(id),
    minutes_per_day INTEGER NOT NULL DEFAULT 480 CHECK (minutes_per_day > 0),
    minutes_per_week INTEGER NOT NULL DEFAULT 2400 CHECK (minutes_per_week > 0),
    days_per_month INTEGER NOT NULL DEFAULT 20 CHECK (days_per_month > 0),
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('task', 'summary', 'milestone')),
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes >= 0),
    constraint_kind TEXT NOT NULL DEFAULT 'asap'
        CHECK (constraint_kind IN ('asap', 'alap', 'snet', 'snlt', 'fnet', 'fnlt', 'mso', 'mfo')),
    constraint_date TEXT,
    percent_complete INTEGER NOT NULL DEFAULT 0 CHECK (percent_complete BETWEEN 0 AND 100),
    board_status TEXT NOT NULL DEFAULT 'backlog'
        CHECK (board_status IN ('backlog', 'todo', 'in_progress', 'review', 'done')),
    priority TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    calendar_id INTEGER REFERENCES calendars(id) ON DELETE SET NULL,
    actual_start TEXT,
    actual_finish TEXT,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX tasks_project ON tasks(project_id, parent_id, position);
CREATE INDEX tasks_parent ON tasks(parent_id);

CREATE TABLE links (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    predecessor_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    successor_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('fs', 'ss', 'ff', 'sf')),
    lag_minutes INTEGER NOT NULL DEFAULT 0,
    UNIQUE (predecessor_id, successor_id),
    CHECK (predecessor_id <> successor_id)
);
CREATE INDEX links_project ON links(project_id);
CREATE INDEX links_successor ON links(successor_id);

CREATE TABLE team_members (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    skills TEXT NOT NULL DEFAULT '', -- one skill a line
    email TEXT NOT NULL DEFAULT '',
    cost_rate REAL NOT NULL DEFAULT 0 CHECK (cost_rate >= 0),
    capacity_percent INTEGER NOT NULL DEFAULT 100 CHECK (capacity_percent BETWEEN 0 AND 1000)
);

CREATE TABLE assignments (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES team_members(id) ON DELETE CASCADE,
    units_percent INTEGER NOT NULL DEFAULT 100 CHECK (units_percent BETWEEN 0 AND 1000),
    PRIMARY KEY (task_id, member_id)
);
CREATE INDEX assignments_member ON assignments(member_id);

-- The undo history: each user command is a step; its entries are the SQL
-- statements that revert it, written by triggers in the same transaction.
CREATE TABLE undo_steps (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    at TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);
CREATE TABLE undo_entries (
    id INTEGER PRIMARY KEY,
    step_id INTEGER NOT NULL REFERENCES undo_steps(id) ON DELETE CASCADE,
    sql TEXT NOT NULL
);
CREATE INDEX undo_entries_step ON undo_entries(step_id);
