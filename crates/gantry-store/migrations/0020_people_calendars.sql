-- A task whose own calendar alone places its work, whatever its people's
-- calendars say (MS Project's "scheduling ignores resource calendars").
-- Otherwise a task with a calendar of its own is scheduled on the time
-- that calendar shares with its people's.
ALTER TABLE tasks ADD COLUMN ignores_people_calendars INTEGER NOT NULL DEFAULT 0;
