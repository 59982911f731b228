-- A duration that is only an estimate (MS Project's "1 day?"). A manual task
-- whose duration is an estimate is left off the critical path.
ALTER TABLE tasks ADD COLUMN estimated INTEGER NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1));
