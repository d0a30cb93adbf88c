-- 0034: the webhook's updates seen lately, by update_id, so one delivered twice is handled
-- once. Telegram pushes an update again when it had no answer, and a proxy in front of
-- several instances (README: proxy_next_upstream ... non_idempotent) may hand one update
-- to two of them; a button pressed "twice" toggled a topic back. Rows older than an hour
-- are pruned by the holder's housekeeping. Not a newsroom's data: `migrate-store` skips it.
CREATE TABLE seen_updates (
    update_id BIGINT PRIMARY KEY,
    seen_at   TEXT NOT NULL
);
CREATE INDEX seen_updates_at ON seen_updates(seen_at);
