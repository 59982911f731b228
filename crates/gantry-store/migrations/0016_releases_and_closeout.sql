-- Releases with their scope, environments, go-live checklist, changeover
-- (window, freeze, waves), go/no-go checkpoints and rollback plan; the
-- checklist templates people keep; and the close-out of a project: its
-- record against the baseline and the lessons learned.

CREATE TABLE releases (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    version TEXT NOT NULL DEFAULT '',
    milestone_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
    state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'ready', 'go', 'live', 'rolled_back')),
    strategy TEXT NOT NULL DEFAULT 'big_bang' CHECK (strategy IN ('big_bang', 'phased', 'parallel_run', 'pilot')),
    window_start TEXT,
    window_end TEXT,
    freeze_start TEXT,
    freeze_end TEXT,
    rollback_steps TEXT NOT NULL DEFAULT '',
    rollback_owner_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
    rollback_decide_by TEXT,
    rollback_minutes INTEGER NOT NULL DEFAULT 0 CHECK (rollback_minutes >= 0),
    notes TEXT NOT NULL DEFAULT '',
    CHECK ((window_start IS NULL) = (window_end IS NULL) AND (window_start IS NULL OR window_start < window_end)),
    CHECK ((freeze_start IS NULL) = (freeze_end IS NULL) AND (freeze_start IS NULL OR freeze_start <= freeze_end))
);
CREATE INDEX releases_project ON releases(project_id);

-- The tasks a release ships.
CREATE TABLE release_tasks (
    release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    PRIMARY KEY (release_id, task_id)
);
CREATE INDEX release_tasks_task ON release_tasks(task_id);

-- The environments a release has passed, and when.
CREATE TABLE release_environments (
    release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    environment TEXT NOT NULL CHECK (environment IN ('test', 'staging', 'production')),
    passed_on TEXT NOT NULL,
    PRIMARY KEY (release_id, environment)
);

CREATE TABLE checklist_items (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    grp TEXT NOT NULL CHECK (grp IN ('technical', 'data', 'people', 'communication')),
    title TEXT NOT NULL,
    owner_id INTEGER NOT NULL REFERENCES team_members(id),
    due_on TEXT NOT NULL,
    done_on TEXT,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX checklist_items_release ON checklist_items(release_id, position);

CREATE TABLE go_no_go (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    at TEXT NOT NULL,
    criteria TEXT NOT NULL DEFAULT '',
    verdict TEXT NOT NULL DEFAULT 'pending' CHECK (verdict IN ('pending', 'go', 'no_go')),
    decided_by TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX go_no_go_release ON go_no_go(release_id, at);

-- The waves of a phased roll-out.
CREATE TABLE release_waves (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    finish_date TEXT NOT NULL,
    CHECK (start_date <= finish_date)
);
CREATE INDEX release_waves_release ON release_waves(release_id, start_date);

-- Checklists kept to start the next release from.
CREATE TABLE checklist_templates (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE checklist_template_items (
    template_id INTEGER NOT NULL REFERENCES checklist_templates(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    grp TEXT NOT NULL CHECK (grp IN ('technical', 'data', 'people', 'communication')),
    title TEXT NOT NULL,
    days_before INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (template_id, position)
);

-- A closed project: its row here makes it read-only (see the guards in
-- the store), and keeps its final dates and costs against the baseline.
CREATE TABLE project_closures (
    project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    closed_on TEXT NOT NULL,
    unfinished TEXT NOT NULL CHECK (unfinished IN ('none', 'completed', 'left')),
    unfinished_count INTEGER NOT NULL DEFAULT 0,
    baseline TEXT NOT NULL DEFAULT '',
    planned_start TEXT,
    planned_finish TEXT,
    actual_start TEXT NOT NULL,
    actual_finish TEXT NOT NULL,
    planned_cost INTEGER,
    actual_cost INTEGER NOT NULL,
    currency TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT ''
);

CREATE TABLE closure_milestones (
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    planned TEXT,
    -- Empty for a milestone the project never reached.
    actual TEXT,
    PRIMARY KEY (project_id, position)
);

CREATE TABLE lessons (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    what TEXT NOT NULL,
    why TEXT NOT NULL DEFAULT '',
    next_time TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL CHECK (category IN ('planning', 'scope', 'people', 'vendors', 'technical', 'data',
        'communication', 'risk', 'budget')),
    who TEXT NOT NULL DEFAULT '',
    recorded_on TEXT NOT NULL
);
CREATE INDEX lessons_project ON lessons(project_id);
