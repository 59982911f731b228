-- The day a project's progress was last reported for.
ALTER TABLE projects ADD COLUMN status_date TEXT;
