-- PostgreSQL's 0033 (0033_held_stories.sql is SQLite's): the same table with 64-bit ids; the
-- reader's key is DEFERRABLE as its other tables' (a group that becomes a supergroup moves).
-- 0033: the stories a quiet-hours hold kept back from each reader, and the quiet digest that
-- delivered them.
--
-- The router writes a row for each reader it leaves out of a story's instant fan-out because
-- of a held window (bot.store.readers.ReaderStore.enqueue_instant); the window's digest holds
-- exactly the rows still undelivered (no story from before the reader registered or before
-- the window began) and marks the stories it lists with its id. A story delivered so never
-- comes again: not in a later window's digest, not instantly (/post, a keyword alert).
CREATE TABLE held_stories (
    chat_id     BIGINT NOT NULL REFERENCES readers(chat_id) ON DELETE CASCADE DEFERRABLE,
    article_id  BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    held_at     TEXT NOT NULL,                     -- when the router held it back (UTC)
    digest_id   BIGINT REFERENCES digests(id) ON DELETE CASCADE,  -- NULL: still held
    PRIMARY KEY (chat_id, article_id)
);
CREATE INDEX held_stories_article ON held_stories(article_id);
