-- 0003: readers, their topics and keyword follows; full-text search over stories.

CREATE TABLE readers (
    chat_id          INTEGER PRIMARY KEY,          -- the private chat (= the user's id)
    language         TEXT NOT NULL DEFAULT 'uk' CHECK (language IN ('en', 'uk')),
    timezone         TEXT,                         -- NULL: the TIMEZONE setting
    active           INTEGER NOT NULL DEFAULT 1,
    inactive_reason  TEXT,
    instant          INTEGER NOT NULL DEFAULT 1,
    digest_mode      TEXT NOT NULL DEFAULT 'off' CHECK (digest_mode IN ('off', 'daily', 'hourly')),
    digest_time      TEXT,                         -- 'HH:MM' local, for daily digests
    last_digest_at   TEXT,
    quiet_start      TEXT,                         -- 'HH:MM' local
    quiet_end        TEXT,
    quiet_hold       INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))
);
CREATE INDEX readers_active ON readers(active, instant);

CREATE TABLE subscriptions (
    chat_id  INTEGER NOT NULL REFERENCES readers(chat_id) ON DELETE CASCADE,
    topic    TEXT NOT NULL REFERENCES topics(slug) ON DELETE CASCADE,
    PRIMARY KEY (chat_id, topic)
);
CREATE INDEX subscriptions_topic ON subscriptions(topic, chat_id);

-- Keyword alerts: `words` as the reader typed them, `query` the FTS5 query built from them.
CREATE TABLE follows (
    id       INTEGER PRIMARY KEY,
    chat_id  INTEGER NOT NULL REFERENCES readers(chat_id) ON DELETE CASCADE,
    words    TEXT NOT NULL,
    query    TEXT NOT NULL,
    UNIQUE (chat_id, query)
);
CREATE INDEX follows_query ON follows(query);

-- Full-text index over headlines and leads, kept in sync by triggers (also for rows that other
-- programs insert). unicode61 folds case for Cyrillic and Latin alike.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, lead, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, lead) VALUES (NEW.id, NEW.title, NEW.lead);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, lead)
    VALUES ('delete', OLD.id, OLD.title, OLD.lead);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, lead ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, lead)
    VALUES ('delete', OLD.id, OLD.title, OLD.lead);
    INSERT INTO articles_fts(rowid, title, lead) VALUES (NEW.id, NEW.title, NEW.lead);
END;
