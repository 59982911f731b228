-- Materials and cost resources, as MS Project has them: what a task uses
-- besides people's time. A material has a price per unit (a licence per
-- seat) and a task uses a quantity of it, in thousandths of a unit; a cost
-- resource (a cloud bill, travel) takes an amount typed on each task. Each
-- accrues at the start, prorated, or at the end. Money in the minor unit of
-- the project's currency.

CREATE TABLE cost_resources (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('material', 'cost')),
    unit TEXT NOT NULL DEFAULT '',
    unit_price INTEGER NOT NULL DEFAULT 0 CHECK (unit_price BETWEEN 0 AND 100000000000000000),
    accrual TEXT NOT NULL DEFAULT 'prorated' CHECK (accrual IN ('start', 'prorated', 'end')),
    UNIQUE (project_id, name)
);

CREATE TABLE resource_uses (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    resource_id INTEGER NOT NULL REFERENCES cost_resources(id) ON DELETE CASCADE,
    quantity_milli INTEGER NOT NULL DEFAULT 0 CHECK (quantity_milli BETWEEN 0 AND 1000000000000),
    amount INTEGER NOT NULL DEFAULT 0 CHECK (amount BETWEEN 0 AND 100000000000000000),
    PRIMARY KEY (task_id, resource_id)
);
CREATE INDEX resource_uses_resource ON resource_uses(resource_id);
