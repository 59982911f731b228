-- Stakeholders (kept once for the portfolio, with a role per project), the
-- communication plan with what was sent, meetings with their attendees,
-- action items, and decisions with the tasks and risks they changed.

CREATE TABLE stakeholders (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    influence INTEGER NOT NULL CHECK (influence BETWEEN 1 AND 5),
    interest INTEGER NOT NULL CHECK (interest BETWEEN 1 AND 5),
    attitude TEXT NOT NULL DEFAULT '',
    current_engagement TEXT NOT NULL DEFAULT 'neutral'
        CHECK (current_engagement IN ('unaware', 'resistant', 'neutral', 'supportive', 'leading')),
    desired_engagement TEXT NOT NULL DEFAULT 'supportive'
        CHECK (desired_engagement IN ('unaware', 'resistant', 'neutral', 'supportive', 'leading')),
    needs TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL DEFAULT ''
);

CREATE TABLE stakeholder_roles (
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (stakeholder_id, project_id)
);
CREATE INDEX stakeholder_roles_project ON stakeholder_roles(project_id);

CREATE TABLE communications (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    what TEXT NOT NULL,
    channel TEXT NOT NULL DEFAULT '',
    frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'monthly', 'milestone')),
    owner_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
    next_due TEXT
);
CREATE INDEX communications_project ON communications(project_id);

CREATE TABLE communication_audience (
    communication_id INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    PRIMARY KEY (communication_id, stakeholder_id)
);

-- Each time a communication went out, and to whom (names, as they were).
CREATE TABLE communication_sends (
    id INTEGER PRIMARY KEY,
    communication_id INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
    sent_on TEXT NOT NULL,
    sent_to TEXT NOT NULL DEFAULT ''
);
CREATE INDEX communication_sends_communication ON communication_sends(communication_id, sent_on);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('steering_committee', 'status', 'sprint_review', 'retrospective',
        'change_advisory_board', 'vendor')),
    title TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    agenda TEXT NOT NULL DEFAULT '',
    minutes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meetings_project ON meetings(project_id, starts_at);

-- A person of the team or a stakeholder, present or not.
CREATE TABLE meeting_attendees (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    member_id INTEGER REFERENCES team_members(id) ON DELETE CASCADE,
    stakeholder_id INTEGER REFERENCES stakeholders(id) ON DELETE CASCADE,
    present INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1)),
    CHECK ((member_id IS NULL) <> (stakeholder_id IS NULL)),
    UNIQUE (meeting_id, member_id, stakeholder_id)
);

CREATE TABLE action_items (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    owner_id INTEGER NOT NULL REFERENCES team_members(id) ON DELETE RESTRICT,
    due_on TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'dropped')),
    task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL
);
CREATE INDEX action_items_project ON action_items(project_id, due_on);

CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    rationale TEXT NOT NULL DEFAULT '',
    options TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    decided_on TEXT NOT NULL
);
CREATE INDEX decisions_project ON decisions(project_id, decided_on);

CREATE TABLE decision_tasks (
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    PRIMARY KEY (decision_id, task_id)
);

CREATE TABLE decision_risks (
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    risk_id INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    PRIMARY KEY (decision_id, risk_id)
);
