-- 0013: breaking news (PostgreSQL's own 0013 says the same in its types and trigger style).

-- A story is urgent when its JSON line says `"urgent": true`, a feed category names it
-- (BREAKING_CATEGORIES), an admin sends /breaking, or another program sets this column.
-- Urgent stories go ahead of everything queued, carry the "Breaking" label and are pinned
-- in channels (PIN_BREAKING).
ALTER TABLE articles ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;

-- Marking a story urgent (or not) changes what its messages show (the label): the next
-- revision and an 'edit' in the change log, as the edit trigger of 0001 does for a new title.
-- The poller then labels the channel posts already sent, pins them, and moves what is still
-- waiting of the story ahead of the queue.
CREATE TRIGGER articles_urgent_au AFTER UPDATE OF urgent ON articles
WHEN OLD.urgent IS NOT NEW.urgent
BEGIN
    UPDATE articles
       SET rev = OLD.rev + 1,
           updated_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
     WHERE id = NEW.id;
    INSERT INTO article_changes (article_id, kind) VALUES (NEW.id, 'edit');
END;

-- 1: urgent stories reach the reader with sound, and during quiet hours that hold stories
-- back (the default); 0: they are treated like any other story (/settings).
ALTER TABLE readers ADD COLUMN breaking_alerts INTEGER NOT NULL DEFAULT 1;

-- The breaking story pinned in each channel (or forum topic), so the next one unpins it.
CREATE TABLE breaking_pins (
    chat_id     INTEGER NOT NULL,
    thread_id   INTEGER NOT NULL DEFAULT 0,
    message_id  INTEGER NOT NULL,
    article_id  INTEGER NOT NULL,
    pinned_at   TEXT NOT NULL,
    PRIMARY KEY (chat_id, thread_id)
);
