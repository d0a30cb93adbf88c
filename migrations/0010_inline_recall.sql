-- 0010: inline sharing and "Recall" (PostgreSQL's own 0010 differs in the id column only).

-- The earlier story a post links to at its end ("Recall"), chosen by the poller
-- (bot/delivery/recall.py) when RECALL_DAYS > 0; NULL: none. No foreign key: a story may
-- recall one with a higher id (an older story stored later), and a deleted one is simply
-- not found.
ALTER TABLE articles ADD COLUMN recall_id BIGINT;

-- Each inline result a user chose and sent (chosen_inline_result; inline feedback on at
-- @BotFather), for /stats.
CREATE TABLE inline_chosen (
    id          INTEGER PRIMARY KEY,
    article_id  BIGINT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX inline_chosen_at ON inline_chosen(at);
