-- 0005: the admins' audit trail and broadcasts.
-- Times are ISO 8601 text in UTC, as everywhere in the store.

-- Every admin action: who (Telegram user id), what (the command and its arguments, or the
-- button), when, and whether it did what was asked.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')),
    admin_id  INTEGER NOT NULL,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT '',
    ok        INTEGER NOT NULL DEFAULT 1
);

-- A notice to every active reader. Its outbox rows are kind 'broadcast' with
-- article_id = broadcasts.id; `chat_id`/`message_id` locate the progress message.
CREATE TABLE broadcasts (
    id           INTEGER PRIMARY KEY,
    admin_id     INTEGER NOT NULL,
    text         TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'draft'
                 CHECK (state IN ('draft', 'sending', 'done', 'cancelled')),
    total        INTEGER NOT NULL DEFAULT 0,
    chat_id      INTEGER,
    message_id   INTEGER,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')),
    started_at   TEXT,
    finished_at  TEXT
);
CREATE INDEX broadcasts_state ON broadcasts(state);

-- /stats: messages sent per hour, stories stored per day.
CREATE INDEX deliveries_sent_at ON deliveries(sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX articles_created ON articles(created_at);
