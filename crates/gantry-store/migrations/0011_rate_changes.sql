-- A person's rates from a day on: a raise, a new contract. The rates on
-- team_members hold until the first change. Amounts in minor units per
-- hour (cost per use: per assignment), as team_members has them.

CREATE TABLE rate_changes (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES team_members(id) ON DELETE CASCADE,
    effective_from TEXT NOT NULL,
    standard_rate INTEGER NOT NULL CHECK (standard_rate BETWEEN 0 AND 1000000000),
    overtime_rate INTEGER NOT NULL CHECK (overtime_rate BETWEEN 0 AND 1000000000),
    cost_per_use INTEGER NOT NULL CHECK (cost_per_use BETWEEN 0 AND 1000000000),
    UNIQUE (member_id, effective_from)
);
