-- A duration that is only an estimate (MS Project's "1 day?"). A manual task
-- whose duration is an estimate is left off the critical path.
ALTER TABLE tasks ADD COLUMN estimated INTEGER NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1));
-- A duration in calendar time (MS Project's elapsed durations, "3ed"): nights,
-- weekends and holidays count, and duration_minutes holds calendar minutes.
ALTER TABLE tasks ADD COLUMN duration_elapsed INTEGER NOT NULL DEFAULT 0 CHECK (duration_elapsed IN (0, 1));
