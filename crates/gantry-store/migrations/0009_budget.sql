-- The budget: a task's fixed cost and when it accrues; what a baseline
-- costs task by task; budget lines with their monthly plan; vendors and
-- their contracts; expenditures. Money is an integer in the minor unit of
-- the project's currency.

CREATE TABLE task_costs (
    task_id INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
    fixed_cost INTEGER NOT NULL DEFAULT 0 CHECK (fixed_cost BETWEEN 0 AND 100000000000000000),
    accrual TEXT NOT NULL DEFAULT 'prorated' CHECK (accrual IN ('start', 'prorated', 'end'))
);

-- Cost and work as a baseline saved them, beside its dates.
CREATE TABLE baseline_costs (
    baseline_id INTEGER NOT NULL REFERENCES baselines(id) ON DELETE CASCADE,
    task_id INTEGER NOT NULL,
    cost INTEGER NOT NULL DEFAULT 0 CHECK (cost >= 0),
    work_minutes INTEGER NOT NULL DEFAULT 0 CHECK (work_minutes >= 0),
    PRIMARY KEY (baseline_id, task_id)
);

CREATE TABLE budget_lines (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    name TEXT NOT NULL,
    -- The corrective action, when the line is off its plan.
    note TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX budget_lines_project ON budget_lines(project_id, position);

-- A line's planned amount for a month (its first day).
CREATE TABLE budget_months (
    line_id INTEGER NOT NULL REFERENCES budget_lines(id) ON DELETE CASCADE,
    month TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount BETWEEN 0 AND 100000000000000000),
    PRIMARY KEY (line_id, month)
);

CREATE TABLE vendors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    contact TEXT NOT NULL DEFAULT '',
    supplies TEXT NOT NULL DEFAULT ''
);

CREATE TABLE contracts (
    id INTEGER PRIMARY KEY,
    vendor_id INTEGER NOT NULL REFERENCES vendors(id) ON DELETE RESTRICT,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    line_id INTEGER REFERENCES budget_lines(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 100000000000000000),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    notice_days INTEGER NOT NULL DEFAULT 0 CHECK (notice_days BETWEEN 0 AND 3660),
    renewal_date TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'ended', 'terminated')),
    deliverables TEXT NOT NULL DEFAULT '',
    CHECK (start_date <= end_date)
);
CREATE INDEX contracts_project ON contracts(project_id);

-- Money committed, invoiced or paid.
CREATE TABLE expenditures (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    line_id INTEGER REFERENCES budget_lines(id) ON DELETE SET NULL,
    vendor_id INTEGER REFERENCES vendors(id) ON DELETE SET NULL,
    spent_on TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount BETWEEN 0 AND 100000000000000000),
    invoice TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL CHECK (state IN ('committed', 'invoiced', 'paid')),
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX expenditures_project ON expenditures(project_id, spent_on);
