-- 0008: several newsbots on one store (PostgreSQL's own 0008 adds the wake-up signal).

-- A due source is fetched by one newsbot at a time: it claims the source (its name, until
-- when) and clears the claim when the fetch is recorded; a claim whose holder died runs out.
ALTER TABLE sources ADD COLUMN claimed_by TEXT;
ALTER TABLE sources ADD COLUMN claimed_until TEXT;

-- A reader's recent searches, for their "more" buttons: whichever newsbot answers the tap
-- finds the search (it lived in one process's memory before).
CREATE TABLE searches (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL,
    query       TEXT NOT NULL,
    terms       TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))
);
CREATE INDEX searches_chat ON searches(chat_id, id);
