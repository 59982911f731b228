-- When a task should be done by (MS Project's deadline), `YYYY-MM-DDTHH:MM:SS`;
-- NULL for none. It bounds the task's late finish without moving it.
ALTER TABLE tasks ADD COLUMN deadline TEXT;
