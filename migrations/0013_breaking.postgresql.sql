-- PostgreSQL's 0013 (0013_breaking.sql is SQLite's, with the meaning of each column):
-- articles.urgent, its trigger (the edit trigger function of 0001), readers.breaking_alerts
-- and the pins of breaking stories in channels.
ALTER TABLE articles ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER articles_urgent_au BEFORE UPDATE OF urgent ON articles
    FOR EACH ROW
    WHEN (OLD.urgent IS DISTINCT FROM NEW.urgent)
    EXECUTE FUNCTION newsbot_article_edit();

ALTER TABLE readers ADD COLUMN breaking_alerts INTEGER NOT NULL DEFAULT 1;

CREATE TABLE breaking_pins (
    chat_id     BIGINT NOT NULL,
    thread_id   BIGINT NOT NULL DEFAULT 0,
    message_id  BIGINT NOT NULL,
    article_id  BIGINT NOT NULL,
    pinned_at   TEXT NOT NULL,
    PRIMARY KEY (chat_id, thread_id)
);
