-- Where a task's work pauses (MS Project's split task): `after+pause`
-- pairs in minutes of its duration, apart by spaces ("960+480"); empty
-- when it runs without a break.
ALTER TABLE tasks ADD COLUMN splits TEXT NOT NULL DEFAULT '';
