-- PostgreSQL's 0007 (0007_outbox_name.sql is SQLite's): `deliveries` becomes `outbox`, its
-- indexes and its unique constraint `outbox_*`.
ALTER TABLE deliveries RENAME TO outbox;
ALTER INDEX deliveries_queue RENAME TO outbox_queue;
ALTER INDEX deliveries_article RENAME TO outbox_article;
ALTER INDEX deliveries_retry RENAME TO outbox_retry;
ALTER INDEX deliveries_edits RENAME TO outbox_edits;
ALTER INDEX deliveries_sent_at RENAME TO outbox_sent_at;
ALTER TABLE outbox RENAME CONSTRAINT deliveries_chat_id_thread_id_article_id_kind_key
    TO outbox_chat_id_thread_id_article_id_kind_key;
ALTER TABLE outbox RENAME CONSTRAINT deliveries_pkey TO outbox_pkey;
