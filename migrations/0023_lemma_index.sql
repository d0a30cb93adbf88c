-- 0023: stories with Cyrillic lemmas leave the search index, and newsbot indexes them again
-- with 0022's lemmas (bot.ingest.tagging.fill_search_lemmas, run by `newsbot migrate` and
-- the poller). PostgreSQL's is 0023_lemma_index.postgresql.sql (a regular expression).
UPDATE articles SET search_text = NULL WHERE search_text GLOB '*[а-яёіїєґ]*';
