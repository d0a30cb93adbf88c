-- 0007: the outbox table is called what the code calls it (bot/store/outbox.py, OutboxStore):
-- `deliveries` becomes `outbox`, its indexes `outbox_*`. Rows, ids and constraints stay as they
-- are (SQLite renames the UNIQUE constraint's own index with the table). No trigger or view
-- mentions the table; SQLite (3.26+) would rewrite them if one did.
ALTER TABLE deliveries RENAME TO outbox;

-- SQLite has no ALTER INDEX ... RENAME: the same indexes again under the new names.
DROP INDEX deliveries_queue;
DROP INDEX deliveries_article;
DROP INDEX deliveries_retry;
DROP INDEX deliveries_edits;
DROP INDEX deliveries_sent_at;
CREATE INDEX outbox_queue ON outbox(state, priority, published_at, id);
CREATE INDEX outbox_article ON outbox(article_id);
CREATE INDEX outbox_retry ON outbox(state, next_attempt_at);
CREATE INDEX outbox_edits ON outbox(state, want_rev, sent_rev) WHERE want_rev > sent_rev;
CREATE INDEX outbox_sent_at ON outbox(sent_at) WHERE sent_at IS NOT NULL;
