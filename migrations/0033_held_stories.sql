-- 0033: the stories a quiet-hours hold kept back from each reader, and the quiet digest that
-- delivered them.
--
-- The router writes a row for each reader it leaves out of a story's instant fan-out because
-- of a held window (bot.store.readers.ReaderStore.enqueue_instant); the window's digest holds
-- exactly the rows still undelivered (no story from before the reader registered or before
-- the window began) and marks the stories it lists with its id. A story delivered so never
-- comes again: not in a later window's digest, not instantly (/post, a keyword alert).
CREATE TABLE held_stories (
    chat_id     INTEGER NOT NULL REFERENCES readers(chat_id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    held_at     TEXT NOT NULL,                     -- when the router held it back (UTC)
    digest_id   INTEGER REFERENCES digests(id) ON DELETE CASCADE,  -- NULL: still held
    PRIMARY KEY (chat_id, article_id)
);
CREATE INDEX held_stories_article ON held_stories(article_id);
