-- The team: people with skills at a level, money as integers in the minor
-- unit of the currency, a company calendar, absences, retirement; work on
-- assignments; task types; skills tasks need; timesheets.

ALTER TABLE team_members ADD COLUMN standard_rate INTEGER NOT NULL DEFAULT 0 CHECK (standard_rate >= 0);
ALTER TABLE team_members ADD COLUMN overtime_rate INTEGER NOT NULL DEFAULT 0 CHECK (overtime_rate >= 0);
ALTER TABLE team_members ADD COLUMN cost_per_use INTEGER NOT NULL DEFAULT 0 CHECK (cost_per_use >= 0);
ALTER TABLE team_members ADD COLUMN calendar_id INTEGER REFERENCES calendars(id) ON DELETE SET NULL;
ALTER TABLE team_members ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
UPDATE team_members SET standard_rate = CAST(round(cost_rate * 100) AS INTEGER);

-- A person's skills, each at a level from 1 (learning) to 5 (expert).
CREATE TABLE member_skills (
    member_id INTEGER NOT NULL REFERENCES team_members(id) ON DELETE CASCADE,
    skill TEXT NOT NULL COLLATE NOCASE,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (member_id, skill)
);
CREATE INDEX member_skills_skill ON member_skills(skill);
WITH RECURSIVE lines(member_id, skill, rest) AS (
    SELECT id, '', skills || char(10) FROM team_members
    UNION ALL
    SELECT member_id, trim(substr(rest, 1, instr(rest, char(10)) - 1)), substr(rest, instr(rest, char(10)) + 1)
    FROM lines WHERE rest <> ''
)
INSERT OR IGNORE INTO member_skills (member_id, skill, level)
SELECT member_id, skill, 3 FROM lines WHERE skill <> '';

ALTER TABLE team_members DROP COLUMN skills;
ALTER TABLE team_members DROP COLUMN cost_rate;

-- Days a person does not work, first and last day included.
CREATE TABLE absences (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES team_members(id) ON DELETE CASCADE,
    start_date TEXT NOT NULL,
    finish_date TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    CHECK (start_date <= finish_date)
);
CREATE INDEX absences_member ON absences(member_id, start_date);

-- What stays fixed when duration, work or units change, and whether people
-- added share the same work.
ALTER TABLE tasks ADD COLUMN task_type TEXT NOT NULL DEFAULT 'fixed_units'
    CHECK (task_type IN ('fixed_units', 'fixed_work', 'fixed_duration'));
ALTER TABLE tasks ADD COLUMN effort_driven INTEGER NOT NULL DEFAULT 0 CHECK (effort_driven IN (0, 1));

-- The work an assignment asks of its person, in minutes.
ALTER TABLE assignments ADD COLUMN work_minutes INTEGER NOT NULL DEFAULT 0 CHECK (work_minutes >= 0);
UPDATE assignments SET work_minutes =
    (SELECT CAST(round(t.duration_minutes * assignments.units_percent / 100.0) AS INTEGER)
     FROM tasks t WHERE t.id = assignments.task_id);

-- The skills a task needs, at least at a level.
CREATE TABLE task_skills (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    skill TEXT NOT NULL COLLATE NOCASE,
    level INTEGER NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (task_id, skill)
);

-- Hours logged: minutes a person spent on a task on a day. In an approved
-- week entries are kept as they are; a correction is a new entry.
CREATE TABLE time_entries (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES team_members(id) ON DELETE CASCADE,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN -1440 AND 1440),
    correction INTEGER NOT NULL DEFAULT 0 CHECK (correction IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    CHECK (correction = 1 OR minutes >= 0)
);
CREATE INDEX time_entries_member ON time_entries(member_id, day);
CREATE INDEX time_entries_task ON time_entries(task_id);

-- A person's week of hours (from its Monday): submitted, then approved.
CREATE TABLE timesheet_weeks (
    member_id INTEGER NOT NULL REFERENCES team_members(id) ON DELETE CASCADE,
    monday TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'submitted', 'approved')),
    PRIMARY KEY (member_id, monday)
);
