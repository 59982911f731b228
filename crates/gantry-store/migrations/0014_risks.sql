-- The risk register and the issue log. A risk is rated 1–5 for probability
-- and impact, inherent and residual; its cost impact is in the minor unit
-- of the project's currency. Each re-assessment is kept with its date. A
-- risk threatens tasks of its plan and is mitigated by others; an issue
-- links tasks too, and the risk it was, when it was one.

CREATE TABLE risks (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number > 0),
    title TEXT NOT NULL,
    category TEXT NOT NULL,
    cause TEXT NOT NULL DEFAULT '',
    event TEXT NOT NULL DEFAULT '',
    effect TEXT NOT NULL DEFAULT '',
    probability INTEGER NOT NULL CHECK (probability BETWEEN 1 AND 5),
    impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    residual_probability INTEGER CHECK (residual_probability BETWEEN 1 AND 5),
    residual_impact INTEGER CHECK (residual_impact BETWEEN 1 AND 5),
    cost_impact INTEGER CHECK (cost_impact BETWEEN 0 AND 100000000000000000),
    chance_percent INTEGER CHECK (chance_percent BETWEEN 0 AND 100),
    owner_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
    response TEXT NOT NULL DEFAULT 'mitigate'
        CHECK (response IN ('avoid', 'mitigate', 'transfer', 'accept', 'exploit', 'enhance', 'share')),
    trigger_text TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'monitoring', 'closed', 'occurred')),
    raised_on TEXT NOT NULL,
    next_review TEXT,
    asset TEXT NOT NULL DEFAULT '',
    threat TEXT NOT NULL DEFAULT '',
    vulnerability TEXT NOT NULL DEFAULT '',
    confidentiality INTEGER NOT NULL DEFAULT 0 CHECK (confidentiality BETWEEN 0 AND 3),
    integrity INTEGER NOT NULL DEFAULT 0 CHECK (integrity BETWEEN 0 AND 3),
    availability INTEGER NOT NULL DEFAULT 0 CHECK (availability BETWEEN 0 AND 3),
    reference TEXT NOT NULL DEFAULT '',
    UNIQUE (project_id, number),
    CHECK (next_review IS NULL OR next_review >= raised_on)
);

CREATE TABLE risk_assessments (
    id INTEGER PRIMARY KEY,
    risk_id INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    assessed_on TEXT NOT NULL,
    probability INTEGER NOT NULL CHECK (probability BETWEEN 1 AND 5),
    impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    residual_probability INTEGER NOT NULL CHECK (residual_probability BETWEEN 1 AND 5),
    residual_impact INTEGER NOT NULL CHECK (residual_impact BETWEEN 1 AND 5),
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX risk_assessments_risk ON risk_assessments(risk_id, assessed_on);

-- 'threatens': the risk's dates come from these tasks; 'mitigates': the
-- mitigation actions, whose progress the register shows.
CREATE TABLE risk_tasks (
    risk_id INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('threatens', 'mitigates')),
    PRIMARY KEY (risk_id, task_id, role)
);
CREATE INDEX risk_tasks_task ON risk_tasks(task_id);

CREATE TABLE issues (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number > 0),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    severity TEXT NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    owner_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
    raised_on TEXT NOT NULL,
    due_on TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
    resolution TEXT NOT NULL DEFAULT '',
    escalated_to TEXT NOT NULL DEFAULT '',
    risk_id INTEGER REFERENCES risks(id) ON DELETE SET NULL,
    UNIQUE (project_id, number),
    CHECK (due_on IS NULL OR due_on >= raised_on)
);

CREATE TABLE issue_tasks (
    issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    PRIMARY KEY (issue_id, task_id)
);
CREATE INDEX issue_tasks_task ON issue_tasks(task_id);
