-- Where a task came from: its key in the tool it was imported from (a
-- Jira issue key), so the next import of the same export updates it.
CREATE TABLE task_keys (
    task_id INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
    key TEXT NOT NULL
);
CREATE INDEX task_keys_key ON task_keys(key);

-- The column mapping last used for a CSV file with these headers, so the
-- next export from the same tool is read the same way.
CREATE TABLE csv_mappings (
    headers TEXT PRIMARY KEY,
    mapping TEXT NOT NULL
);
