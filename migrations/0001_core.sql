-- 0001: the article store, sources, channels, the outbox and small key/value state.
-- Times are ISO 8601 text in UTC ("2026-11-24T20:15:00+00:00").

CREATE TABLE topics (
    slug      TEXT PRIMARY KEY,
    title_en  TEXT NOT NULL,
    title_uk  TEXT NOT NULL,
    position  INTEGER NOT NULL DEFAULT 100
);

-- Keyword rules: a story whose headline or lead contains a word starting with `keyword`
-- (case-insensitive) gets the topic.
CREATE TABLE topic_keywords (
    topic    TEXT NOT NULL REFERENCES topics(slug) ON DELETE CASCADE,
    keyword  TEXT NOT NULL,
    PRIMARY KEY (topic, keyword)
);

CREATE TABLE sources (
    id               INTEGER PRIMARY KEY,
    url              TEXT NOT NULL UNIQUE,
    title            TEXT,
    topics           TEXT NOT NULL DEFAULT '',   -- comma-separated slugs
    interval         INTEGER NOT NULL DEFAULT 300, -- seconds between fetches
    etag             TEXT,
    last_modified    TEXT,
    last_fetch_at    TEXT,
    last_success_at  TEXT,
    last_error       TEXT,
    error_count      INTEGER NOT NULL DEFAULT 0,
    next_fetch_at    TEXT,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))
);

-- Other programs may INSERT here directly: fill `url` (canonical, unique) and `title`;
-- the rest is optional. `tags` takes comma-separated topic slugs or category names.
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    lead          TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL DEFAULT '',
    image_url     TEXT,
    published_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')),
    views         INTEGER,
    source        TEXT,
    language      TEXT,
    tags          TEXT NOT NULL DEFAULT '',
    source_id     INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')),
    rev           INTEGER NOT NULL DEFAULT 1,
    held          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX articles_published ON articles(published_at);

CREATE TABLE article_topics (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    topic       TEXT NOT NULL,
    PRIMARY KEY (article_id, topic)
);
CREATE INDEX article_topics_topic ON article_topics(topic, article_id);

-- Every insert and every change of what a message shows lands here; the poller reads it in
-- order, so rows written by other programs are picked up as well as our own.
CREATE TABLE article_changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id  INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('new', 'edit'))
);

CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO article_changes (article_id, kind) VALUES (NEW.id, 'new');
END;

CREATE TRIGGER articles_au AFTER UPDATE OF title, lead, image_url, url, tags ON articles
WHEN OLD.title IS NOT NEW.title OR OLD.lead IS NOT NEW.lead
     OR OLD.image_url IS NOT NEW.image_url OR OLD.url IS NOT NEW.url
     OR OLD.tags IS NOT NEW.tags
BEGIN
    UPDATE articles
       SET rev = OLD.rev + 1,
           updated_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
     WHERE id = NEW.id;
    INSERT INTO article_changes (article_id, kind) VALUES (NEW.id, 'edit');
END;

-- Auto-posting targets; thread_id 0 means the chat itself, otherwise a forum topic.
CREATE TABLE channels (
    chat_id       INTEGER NOT NULL,
    thread_id     INTEGER NOT NULL DEFAULT 0,
    topics        TEXT NOT NULL DEFAULT '',   -- comma-separated slugs; empty = every story
    link_preview  INTEGER NOT NULL DEFAULT 1,
    silent        INTEGER NOT NULL DEFAULT 0,
    title         TEXT,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')),
    PRIMARY KEY (chat_id, thread_id)
);

-- The outbox: one row per (chat, thread, story, kind). The sender owns state changes.
CREATE TABLE deliveries (
    id               INTEGER PRIMARY KEY,
    chat_id          INTEGER NOT NULL,
    thread_id        INTEGER NOT NULL DEFAULT 0,
    article_id       INTEGER NOT NULL,
    kind             TEXT NOT NULL,                  -- 'channel', 'instant', ...
    priority         INTEGER NOT NULL DEFAULT 10,    -- lower goes first
    state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL DEFAULT '',
    published_at     TEXT NOT NULL DEFAULT '',       -- copy of the story's, for ordering
    message_id       INTEGER,
    as_photo         INTEGER NOT NULL DEFAULT 0,
    sent_rev         INTEGER NOT NULL DEFAULT 0,     -- article rev the message shows
    want_rev         INTEGER NOT NULL DEFAULT 0,     -- article rev it should show (edit when >)
    last_error       TEXT,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')),
    sent_at          TEXT,
    UNIQUE (chat_id, thread_id, article_id, kind)
);
CREATE INDEX deliveries_queue ON deliveries(state, priority, published_at, id);
CREATE INDEX deliveries_article ON deliveries(article_id);
CREATE INDEX deliveries_retry ON deliveries(state, next_attempt_at);
CREATE INDEX deliveries_edits ON deliveries(state, want_rev, sent_rev) WHERE want_rev > sent_rev;

CREATE TABLE kv (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
