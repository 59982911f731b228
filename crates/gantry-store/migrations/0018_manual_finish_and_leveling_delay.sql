-- A manual task's finish as the planner typed it (MS Project keeps a manual
-- task's start and finish as typed, outside working time too); NULL: its
-- start plus its duration.
ALTER TABLE tasks ADD COLUMN manual_finish TEXT;
-- How long leveling holds a task back after it could start (MS Project's
-- leveling delay): working minutes, or calendar minutes when elapsed.
ALTER TABLE tasks ADD COLUMN leveling_delay_minutes INTEGER NOT NULL DEFAULT 0 CHECK (leveling_delay_minutes >= 0);
ALTER TABLE tasks ADD COLUMN leveling_delay_elapsed INTEGER NOT NULL DEFAULT 0 CHECK (leveling_delay_elapsed IN (0, 1));
