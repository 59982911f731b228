-- A contract's payment milestones: an amount due on a date, or when a
-- milestone of the plan is reached (its date follows the schedule), and
-- whether it is paid. And physical % complete, the share of a task's work
-- done as someone judged it, which earned value can use instead of its
-- % complete (MS Project's "physical % complete" method).

CREATE TABLE contract_payments (
    id INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount BETWEEN 0 AND 100000000000000000),
    due_date TEXT,
    task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
    paid INTEGER NOT NULL DEFAULT 0 CHECK (paid IN (0, 1))
);
CREATE INDEX contract_payments_contract ON contract_payments(contract_id);

CREATE TABLE task_physical_progress (
    task_id INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
    percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100)
);

ALTER TABLE budget_settings ADD COLUMN earned_from TEXT NOT NULL DEFAULT 'percent'
    CHECK (earned_from IN ('percent', 'physical'));
