-- 0011: the index of messages to edit holds sent rows only (what OutboxStore.due_edits reads:
-- want_rev > sent_rev AND state = 'sent'). Before, every new pending row (want_rev 1 >
-- sent_rev 0) went into it too: one index entry more per routed row, a tenth of routing a
-- story to 100,000 readers on PostgreSQL (bench/route.py). The same SQL on both stores.
DROP INDEX outbox_edits;
CREATE INDEX outbox_edits ON outbox(want_rev, sent_rev) WHERE state = 'sent' AND want_rev > sent_rev;
