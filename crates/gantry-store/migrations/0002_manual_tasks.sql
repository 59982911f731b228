-- Manually scheduled tasks (as MS Project has them): they keep the start the
-- planner gave them and are never on the critical path.
ALTER TABLE tasks ADD COLUMN manual INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1));
