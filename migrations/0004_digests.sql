-- 0004: digests and quiet-hours holds.
--
-- A digest is built once (readers.next_digest_at moves on in the same transaction), stored
-- with the HTML of each of its messages, and queued as outbox rows of kind 'digest' whose
-- article_id is the part's id: the outbox's unique (chat, thread, article_id, kind) makes
-- sending a part twice impossible, and a restart finds every built digest still queued.

-- When the reader's next digest is due (UTC); NULL with a digest mode: to be (re)scheduled.
ALTER TABLE readers ADD COLUMN next_digest_at TEXT;
-- Quiet hours with "hold": the window being held or the next one, UTC [hold_from, hold_until).
-- Instant stories are not routed to a reader inside it; they go out as one digest at its end.
ALTER TABLE readers ADD COLUMN hold_from TEXT;
ALTER TABLE readers ADD COLUMN hold_until TEXT;

CREATE INDEX readers_next_digest ON readers(next_digest_at)
    WHERE digest_mode != 'off' AND active = 1;
CREATE INDEX readers_hold ON readers(hold_until) WHERE hold_until IS NOT NULL OR quiet_hold = 1;

-- A new time zone means new local hours: the scheduler computes the next digest again.
CREATE TRIGGER readers_timezone_au AFTER UPDATE OF timezone ON readers
WHEN OLD.timezone IS NOT NEW.timezone
BEGIN
    UPDATE readers SET next_digest_at = NULL WHERE chat_id = NEW.chat_id;
END;

CREATE TABLE digests (
    id            INTEGER PRIMARY KEY,
    chat_id       INTEGER NOT NULL REFERENCES readers(chat_id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('daily', 'hourly', 'now', 'quiet')),
    period_start  TEXT NOT NULL,                  -- stories from here (inclusive) ...
    period_end    TEXT NOT NULL,                  -- ... to here (exclusive)
    due_at        TEXT NOT NULL,                  -- the scheduled time it was made for
    stories       INTEGER NOT NULL DEFAULT 0,
    parts         INTEGER NOT NULL DEFAULT 0,     -- how many messages
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')),
    UNIQUE (chat_id, kind, due_at)
);

CREATE TABLE digest_parts (
    id         INTEGER PRIMARY KEY,               -- deliveries.article_id of its outbox row
    digest_id  INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,                  -- 1, 2 ... in sending order
    html       TEXT NOT NULL,                     -- ready Telegram HTML, <= 4,096 characters
    UNIQUE (digest_id, position)
);
